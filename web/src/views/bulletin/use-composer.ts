// Logic of the 一周动态 composer. The working copy is held as sections of cards; the editor reorders
// them (drag and drop, or one step up/down), edits them inline, adds cards (blank, or a ◆ brief the
// server drafts from a work record) and removes them. 保存 sends the whole ordered list in one PATCH
// (a card without id is new, a card left out is removed); preview and publish save first.
import { computed, ref, shallowRef } from 'vue';
import { addBulletinEntry, getBulletin, getBulletinHtml, publishBulletin, updateBulletin } from '@/api/bulletins';
import { ApiError } from '@/api/http';
import type { Bulletin, BulletinEntry, BulletinEntryWrite, EntryStyle } from '@/api/types';
import { useRecord } from '@/composables/use-record';
import { messageOf, notifyError } from '@/utils/errors';
import { groupEntries, type SectionGroup } from './use-bulletin';

/** A card of the composer: an entry of the working copy, or a new one (no id yet). */
export interface Card {
  /** Stable across reorders: `e<id>`, or `new<n>` for a card not saved yet. */
  key: string;
  id?: number;
  style: EntryStyle;
  title: string;
  body: string;
  org_name: string;
  news_id: number | null;
  activity_id: number | null;
}

export type ComposerSection = SectionGroup<Card>;

let newKeys = 0;

export function cardOf(e: BulletinEntry): Card {
  return {
    key: `e${e.id}`,
    id: e.id,
    style: e.style,
    title: e.title,
    body: e.body,
    org_name: e.org_name,
    news_id: e.news_id,
    activity_id: e.activity_id,
  };
}

/** A blank card for the section; its style follows the section's. */
export function blankCard(style: EntryStyle): Card {
  newKeys += 1;
  return { key: `new${newKeys}`, style, title: '', body: '', org_name: '', news_id: null, activity_id: null };
}

export function sectionsOf(b: Pick<Bulletin, 'sections' | 'entries'>): ComposerSection[] {
  return groupEntries(b).map((g) => ({ ...g, entries: g.entries.map(cardOf) }));
}

/** Where a card is: its section's index and its index within that section; null when absent. */
export function locate(sections: readonly ComposerSection[], key: string): { s: number; i: number } | null {
  for (let s = 0; s < sections.length; s++) {
    const i = sections[s]!.entries.findIndex((c) => c.key === key);
    if (i >= 0) return { s, i };
  }
  return null;
}

/**
 * Moves a card to `index` of section `to` (an index in the list as it is before the move; past the end
 * appends). Crossing into another section, the card takes that section's style (a brief becomes an
 * article in 要闻). Returns false when nothing moved.
 */
export function moveCard(sections: ComposerSection[], key: string, to: number, index: number): boolean {
  const from = locate(sections, key);
  const target = sections[to];
  if (!from || !target) return false;
  let at = Math.max(0, Math.min(index, target.entries.length));
  if (from.s === to && from.i < at) at -= 1;
  if (from.s === to && from.i === at) return false;
  const [card] = sections[from.s]!.entries.splice(from.i, 1);
  if (from.s !== to) card!.style = target.style;
  target.entries.splice(at, 0, card!);
  return true;
}

/**
 * One step up (-1) or down (+1): within the section, or over its edge to the end of the section
 * before or the start of the one after. The keyboard's way to do what dragging does.
 */
export function stepCard(sections: ComposerSection[], key: string, delta: -1 | 1): boolean {
  const from = locate(sections, key);
  if (!from) return false;
  const length = sections[from.s]!.entries.length;
  if (delta < 0 && from.i === 0) return from.s > 0 && moveCard(sections, key, from.s - 1, Infinity);
  if (delta > 0 && from.i === length - 1) return from.s < sections.length - 1 && moveCard(sections, key, from.s + 1, 0);
  return moveCard(sections, key, from.s, delta < 0 ? from.i - 1 : from.i + 2);
}

/** The `entries` of the PATCH: every card, section by section, in the order shown. */
export function entriesPayload(sections: readonly ComposerSection[]): BulletinEntryWrite[] {
  return sections.flatMap((s) =>
    s.entries.map((c) => {
      const entry: BulletinEntryWrite = { section: s.name, title: c.title, body: c.body, style: c.style };
      if (c.id !== undefined) entry.id = c.id;
      if (c.activity_id !== null) entry.activity_id = c.activity_id;
      return entry;
    }),
  );
}

/** The card a 422 on `entries[3].body` is about (the payload's order is the cards' order). */
export function cardOfField(sections: readonly ComposerSection[], field: string | undefined): string | null {
  const match = /^entries\[(\d+)\]/.exec(field ?? '');
  if (!match) return null;
  return sections.flatMap((s) => s.entries)[Number(match[1])]?.key ?? null;
}

export function useComposer(id: () => number) {
  const issue = shallowRef<Bulletin | null>(null);
  const sections = ref<ComposerSection[]>([]);
  /** The payload last saved (or loaded), to tell unsaved changes. */
  const saved = ref('');
  const { loading, load: fetch } = useRecord(() => getBulletin(id()));
  const busy = ref(false);
  /** Messages of a refused save, by card key. */
  const cardErrors = ref<Record<string, string>>({});
  const dirty = computed(() => JSON.stringify(entriesPayload(sections.value)) !== saved.value);

  function show(b: Bulletin): void {
    issue.value = b;
    sections.value = sectionsOf(b);
    saved.value = JSON.stringify(entriesPayload(sections.value));
    cardErrors.value = {};
  }

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    try {
      return await work();
    } catch (error) {
      const key = error instanceof ApiError ? cardOfField(sections.value, error.field) : null;
      if (key) cardErrors.value = { [key]: messageOf(error) };
      else notifyError(error);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  async function load(): Promise<void> {
    const b = await fetch();
    if (b) show(b);
  }

  /** Saves the whole ordered list; resolves true when saved (or nothing changed). */
  async function save(): Promise<boolean> {
    if (!dirty.value) return true;
    cardErrors.value = {};
    const answer = await run(() => updateBulletin(id(), { entries: entriesPayload(sections.value) }));
    if (answer) show(answer);
    return answer !== undefined;
  }

  /** Appends a ◆ brief the server drafts from the work record to the section (saved at once). */
  async function addFromActivity(section: number, activityId: number): Promise<void> {
    const target = sections.value[section];
    if (!target) return;
    const wasSaved = !dirty.value;
    const entry = await run(() => addBulletinEntry(id(), { section: target.name, activity_id: activityId }));
    if (!entry) return;
    target.entries.push(cardOf(entry));
    // The server appended it to the section too: with nothing else unsaved, the two agree.
    if (wasSaved) saved.value = JSON.stringify(entriesPayload(sections.value));
  }

  function addBlank(section: number): void {
    const target = sections.value[section];
    if (target) target.entries.push(blankCard(target.style));
  }

  function remove(key: string): void {
    const at = locate(sections.value, key);
    if (at) sections.value[at.s]!.entries.splice(at.i, 1);
  }

  /** The working copy as exported HTML, saved first; undefined when the save or the fetch failed. */
  async function previewHtml(): Promise<string | undefined> {
    if (!(await save())) return undefined;
    return run(() => getBulletinHtml(id(), 'draft'));
  }

  /** Saves, then freezes the next version. */
  async function publish(): Promise<Bulletin | undefined> {
    if (!(await save())) return undefined;
    const answer = await run(() => publishBulletin(id()));
    if (answer) await load();
    return answer;
  }

  return { issue, sections, loading, busy, dirty, cardErrors, load, save, addFromActivity, addBlank, remove, previewHtml, publish };
}

/** Before (`index`) or after (`index + 1`) the card under the pointer, by which half it is over. */
/**
 * `body` with a dashboard figure's sentence and citation put in at the caret (`at`, the textarea's
 * selection start; the end when unknown), as one sentence: a full stop closes it unless the text
 * after the caret already starts a new sentence or the body ends there with one.
 */
export function insertFigure(body: string, text: string, at?: number | null): string {
  const caret = at === undefined || at === null || at < 0 || at > body.length ? body.length : at;
  const before = body.slice(0, caret);
  const after = body.slice(caret);
  const opens = before === '' || /[。！？；\n]$/.test(before) ? '' : '，';
  const closes = after === '' || /^[，。！？；\n]/.test(after) ? (after === '' ? '。' : '') : '。';
  return `${before}${opens}${text}${closes}${after}`;
}

export function dropIndex(index: number, pointerY: number, card: Pick<DOMRect, 'top' | 'height'>): number {
  return pointerY > card.top + card.height / 2 ? index + 1 : index;
}

/**
 * HTML5 drag and drop of cards between and within sections. A card is draggable only while its handle
 * is pressed (`arm`), so text in its inputs can still be selected with the mouse. `target` is where
 * the card would land, for the drop marker.
 */
export function useCardDrag(move: (key: string, section: number, index: number) => void) {
  const armed = ref('');
  const dragging = ref('');
  const target = ref<{ s: number; i: number } | null>(null);

  function start(event: DragEvent, key: string): void {
    dragging.value = key;
    event.dataTransfer?.setData('text/plain', key);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  }

  /** Over a card: before or after it. */
  function overCard(event: DragEvent, s: number, i: number): void {
    if (!dragging.value) return;
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    target.value = { s, i: dropIndex(i, event.clientY, rect) };
  }

  /** Over the end of a section (or an empty one): last. */
  function overEnd(s: number, length: number): void {
    if (dragging.value) target.value = { s, i: length };
  }

  function drop(): void {
    if (dragging.value && target.value) move(dragging.value, target.value.s, target.value.i);
    end();
  }

  function end(): void {
    armed.value = '';
    dragging.value = '';
    target.value = null;
  }

  function isTarget(s: number, i: number): boolean {
    return target.value?.s === s && target.value.i === i;
  }

  return { armed, dragging, start, overCard, overEnd, drop, end, isTarget };
}
