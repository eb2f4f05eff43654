// Logic of an event's page: its categories' rankings (ties share a rank: 1, 1, 3), the results
// being entered (only changed ones are sent; a 422 `results[i].…` lands on the row of the i-th
// result sent), entries (a member or a name for individual categories, a team for team ones, the
// special awards the category gives), and 晋级 (the 409 message kept beside the button).
// The pure helpers and the composable are unit-tested with the API mocked.
import { computed, reactive, ref, shallowRef } from 'vue';
import { ElMessage } from 'element-plus';
import { getCompetitionRanking, qualify as qualifyEntries, recordResults } from '@/api/competitions';
import { ApiError } from '@/api/http';
import type {
  CategoryFormat,
  CategoryRanking,
  CategoryScoring,
  Competition,
  CompetitionCategory,
  CompetitionEntry,
  EntryPatch,
  EntryWrite,
  ResultWrite,
} from '@/api/types';
import type { LoadState } from '@/composables/use-paged-list';
import { i18n } from '@/locales';
import { messageOf, notifyError } from '@/utils/errors';

/** The entrant as the ranking names it: the team, else the person. */
export function entrantName(e: Pick<CompetitionEntry, 'name' | 'team_name'>): string {
  return e.team_name || e.name;
}

/** True when another entry of the category shares this entry's rank. */
export function isTied(items: readonly CompetitionEntry[], entry: CompetitionEntry): boolean {
  return entry.rank !== null && items.some((o) => o.id !== entry.id && o.rank === entry.rank);
}

/** The result an entry holds in its category's scoring (a place, or a score / time). */
export function resultOf(entry: Pick<CompetitionEntry, 'place' | 'score'>, scoring: CategoryScoring): number | null {
  return scoring === 'place' ? entry.place : entry.score;
}

/** Entry id → the result being edited (undefined: none). */
export type ResultDrafts = Record<number, number | undefined>;

export function resultDrafts(category: CategoryRanking): ResultDrafts {
  const drafts: ResultDrafts = {};
  for (const e of category.items) drafts[e.id] = resultOf(e, category.scoring) ?? undefined;
  return drafts;
}

/** The results to send: the changed ones only, a cleared one as null. */
export function resultsPayload(category: CategoryRanking, drafts: ResultDrafts): ResultWrite[] {
  const key = category.scoring === 'place' ? 'place' : 'score';
  const out: ResultWrite[] = [];
  for (const e of category.items) {
    const value = drafts[e.id] ?? null;
    if (value !== resultOf(e, category.scoring)) out.push({ entry_id: e.id, [key]: value });
  }
  return out;
}

/** `results[2].place` → the entry of the third result sent; null for any other field. */
export function entryOfResultField(field: string | undefined, sent: readonly ResultWrite[]): number | null {
  const m = /^results\[(\d+)\]/.exec(field ?? '');
  return m ? (sent[Number(m[1])]?.entry_id ?? null) : null;
}

export interface EntryModel {
  category_id: number;
  /** Individual categories: a member of a union in scope, or a name written in. */
  entrant: 'member' | 'name';
  org_id: number | null;
  member_id: number | null;
  name: string;
  team_name: string;
  members: string[];
  special_awards: string[];
}

/** The entry dialog's fields; `special_awards[1]` lands on `special_awards`. */
export const ENTRY_FIELDS = ['category_id', 'org_id', 'member_id', 'name', 'team_name', 'members', 'special_awards'] as const;

export function blankEntry(category: Pick<CompetitionCategory, 'id'>, orgId: number | null): EntryModel {
  return { category_id: category.id, entrant: 'member', org_id: orgId, member_id: null, name: '', team_name: '', members: [], special_awards: [] };
}

export function entryFromRecord(e: CompetitionEntry): EntryModel {
  return {
    category_id: e.category_id,
    entrant: e.member_id !== null ? 'member' : 'name',
    org_id: e.org_id,
    member_id: e.member_id,
    name: e.name,
    team_name: e.team_name,
    members: [...e.members],
    special_awards: [...e.special_awards],
  };
}

function clean(list: readonly string[]): string[] {
  return list.map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * The POST body for the category's format. A member entrant sends `member_id` (the server takes the
 * union and the name from the member); otherwise the chosen union and the name or team.
 */
export function entryPayload(m: EntryModel, format: CategoryFormat): EntryWrite {
  const body: EntryWrite = { category_id: m.category_id };
  const specials = clean(m.special_awards);
  if (specials.length) body.special_awards = specials;
  if (format === 'team') {
    if (m.org_id !== null) body.org_id = m.org_id;
    body.team_name = m.team_name.trim();
    const members = clean(m.members);
    if (members.length) body.members = members;
    return body;
  }
  if (m.entrant === 'member' && m.member_id !== null) {
    body.member_id = m.member_id;
    return body;
  }
  if (m.org_id !== null) body.org_id = m.org_id;
  body.name = m.name.trim();
  return body;
}

/** The PATCH of an entry: changed texts and lists only (the union, member and category stay). */
export function entryPatch(e: CompetitionEntry, m: EntryModel, format: CategoryFormat): EntryPatch {
  const patch: EntryPatch = {};
  if (format === 'team') {
    if (m.team_name.trim() !== e.team_name) patch.team_name = m.team_name.trim();
    if (JSON.stringify(clean(m.members)) !== JSON.stringify(e.members)) patch.members = clean(m.members);
  } else if (e.member_id === null && m.name.trim() !== e.name) {
    patch.name = m.name.trim();
  }
  if (JSON.stringify(clean(m.special_awards)) !== JSON.stringify(e.special_awards)) patch.special_awards = clean(m.special_awards);
  return patch;
}

/** The message of a refused 晋级, kept beside the button of its category. */
export interface QualifyProblem {
  categoryId: number;
  message: string;
}

export function useStandings(competitionId: () => number) {
  const { t } = i18n.global;
  const competition = shallowRef<Competition | null>(null);
  const categories = shallowRef<CategoryRanking[]>([]);
  const state = ref<LoadState>('idle');
  /** The category shown (its tab). */
  const activeId = ref<number | null>(null);
  const active = computed(() => categories.value.find((k) => k.id === activeId.value) ?? null);
  /** The definition of the active category (awards, special awards, qualify_top) from the event. */
  const activeDef = computed(() => competition.value?.categories.find((k) => k.id === activeId.value) ?? null);

  const editing = ref(false);
  const drafts = reactive<ResultDrafts>({});
  const rowErrors = reactive<Record<number, string>>({});
  const saving = ref(false);
  const qualifying = ref(false);
  const qualifyProblem = shallowRef<QualifyProblem | null>(null);

  async function load(): Promise<void> {
    state.value = 'loading';
    try {
      const answer = await getCompetitionRanking(competitionId());
      competition.value = answer.competition;
      categories.value = answer.categories;
      if (!answer.categories.some((k) => k.id === activeId.value)) activeId.value = answer.categories[0]?.id ?? null;
      state.value = 'ready';
    } catch (error) {
      state.value = 'error';
      notifyError(error);
    }
  }

  function clearRowErrors(): void {
    for (const key of Object.keys(rowErrors)) delete rowErrors[Number(key)];
  }

  function startResults(): void {
    if (!active.value) return;
    for (const key of Object.keys(drafts)) delete drafts[Number(key)];
    Object.assign(drafts, resultDrafts(active.value));
    clearRowErrors();
    editing.value = true;
  }

  function cancelResults(): void {
    editing.value = false;
    clearRowErrors();
  }

  /** Sends the changed results of the active category; resolves true when saved (or nothing changed). */
  async function saveResults(): Promise<boolean> {
    const category = active.value;
    if (!category) return false;
    const sent = resultsPayload(category, drafts);
    clearRowErrors();
    if (sent.length === 0) {
      editing.value = false;
      return true;
    }
    saving.value = true;
    try {
      const ranking = await recordResults(competitionId(), category.id, sent);
      categories.value = categories.value.map((k) => (k.id === ranking.id ? ranking : k));
      editing.value = false;
      ElMessage.success(t('common.saved'));
      return true;
    } catch (error) {
      const entryId = error instanceof ApiError ? entryOfResultField(error.field, sent) : null;
      if (entryId !== null) rowErrors[entryId] = messageOf(error);
      else notifyError(error);
      return false;
    } finally {
      saving.value = false;
    }
  }

  /** 晋级: the top `qualify_top` into the parent event. A refusal (409) stays beside the button. */
  async function qualify(): Promise<boolean> {
    const category = active.value;
    if (!category) return false;
    qualifyProblem.value = null;
    qualifying.value = true;
    try {
      const answer = await qualifyEntries(competitionId(), category.id);
      ElMessage.success(t('competition.qualified', { created: answer.created, existing: answer.existing }));
      await load();
      return true;
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'failed_precondition' || error.code === 'already_exists')) {
        qualifyProblem.value = { categoryId: category.id, message: messageOf(error) };
      } else {
        notifyError(error);
      }
      return false;
    } finally {
      qualifying.value = false;
    }
  }

  return {
    competition,
    categories,
    state,
    activeId,
    active,
    activeDef,
    editing,
    drafts,
    rowErrors,
    saving,
    qualifying,
    qualifyProblem,
    load,
    startResults,
    cancelResults,
    saveResults,
    qualify,
  };
}
