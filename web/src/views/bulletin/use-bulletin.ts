// Logic of 一周动态 shared by its pages: how an issue's publication status reads, the issue list, and
// the create form (year, 第N期, dates, sections defaulting to the configured ones).
import { reactive, ref, shallowRef } from 'vue';
import { createBulletin, getSectionDefs, listBulletins } from '@/api/bulletins';
import type { Bulletin, BulletinCreate, BulletinEntry, BulletinSection, BulletinSummary, SectionDef } from '@/api/types';
import { useFormErrors } from '@/composables/use-form-errors';
import { usePagedList } from '@/composables/use-paged-list';
import { notifyError } from '@/utils/errors';

/** `draft`: never published; `published`: the working copy is the last version; `changed`: edited since. */
export type IssueStatus = 'draft' | 'published' | 'changed';

export function issueStatus(b: Pick<Bulletin, 'published_version' | 'has_unpublished_changes'>): IssueStatus {
  if (!b.published_version) return 'draft';
  return b.has_unpublished_changes ? 'changed' : 'published';
}

export const STATUS_TAGS: Record<IssueStatus, 'info' | 'success' | 'warning'> = {
  draft: 'info',
  published: 'success',
  changed: 'warning',
};

export function useIssueList() {
  const year = ref<number | undefined>(undefined);
  const list = usePagedList<BulletinSummary>((page, pageSize) => listBulletins({ year: year.value, page, page_size: pageSize }));
  return { year, ...list };
}

function iso(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Monday to Sunday of the week `today` falls in: the span a weekly issue covers. */
export function weekOf(today: Date): [string, string] {
  const monday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - ((today.getDay() + 6) % 7));
  const sunday = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 6);
  return [iso(monday), iso(sunday)];
}

/** The number after the highest one of `year` among the issues at hand (1 when there is none). */
export function nextNumber(issues: readonly Pick<Bulletin, 'year' | 'number'>[], year: number): number {
  return Math.max(0, ...issues.filter((b) => b.year === year).map((b) => b.number)) + 1;
}

export interface IssueModel {
  year: number;
  number: number;
  /** [date_from, date_to] as the range picker edits them. */
  range: [string, string] | null;
  issue_date: string;
  /** Names of the sections chosen, kept in the configured order. */
  sections: string[];
}

/** The top-level fields of POST /bulletins; `range` shows the errors of both dates. */
export const ISSUE_FIELDS = ['year', 'number', 'date_from', 'date_to', 'issue_date', 'sections'] as const;

export function issueCreateBody(m: IssueModel, defs: readonly SectionDef[]): BulletinCreate {
  const body: BulletinCreate = {
    year: m.year,
    number: m.number,
    date_from: m.range?.[0] ?? '',
    date_to: m.range?.[1] ?? '',
    sections: defs.map((d) => d.name).filter((name) => m.sections.includes(name)),
  };
  if (m.issue_date) body.issue_date = m.issue_date;
  return body;
}

export function useIssueForm() {
  const model = reactive<IssueModel>({ year: 0, number: 1, range: null, issue_date: '', sections: [] });
  const defs = shallowRef<SectionDef[]>([]);
  const saving = ref(false);
  const formErrors = useFormErrors(ISSUE_FIELDS);

  /** A new issue of this week, numbered after the known ones, with every configured section. */
  async function reset(known: readonly BulletinSummary[], today = new Date()): Promise<void> {
    formErrors.clear();
    try {
      defs.value = (await getSectionDefs()).items;
    } catch (error) {
      notifyError(error);
    }
    const year = today.getFullYear();
    Object.assign(model, {
      year,
      number: nextNumber(known, year),
      range: weekOf(today),
      issue_date: '',
      sections: defs.value.map((d) => d.name),
    });
  }

  async function save(): Promise<Bulletin | undefined> {
    saving.value = true;
    try {
      return await formErrors.submit(() => createBulletin(issueCreateBody(model, defs.value)));
    } finally {
      saving.value = false;
    }
  }

  /** The message of the date range: either date's. */
  function rangeError(): string {
    return formErrors.errorOf('date_from') || formErrors.errorOf('date_to');
  }

  return { model, defs, saving, reset, save, rangeError, errorOf: formErrors.errorOf };
}

export interface SectionGroup<E> {
  name: string;
  style: BulletinSection['style'];
  entries: E[];
}

/**
 * The issue's entries under its sections, in section order and, within one, by position. An entry of
 * a section the issue does not list (never expected) gets a group at the end rather than vanishing.
 */
export function groupEntries(b: Pick<Bulletin, 'sections' | 'entries'>): SectionGroup<BulletinEntry>[] {
  const groups = b.sections.map((s) => ({ name: s.name, style: s.style, entries: [] as BulletinEntry[] }));
  const sorted = [...b.entries].sort((x, y) => x.position - y.position);
  for (const entry of sorted) {
    let group = groups.find((g) => g.name === entry.section);
    if (!group) {
      group = { name: entry.section, style: entry.style, entries: [] };
      groups.push(group);
    }
    group.entries.push(entry);
  }
  return groups;
}
