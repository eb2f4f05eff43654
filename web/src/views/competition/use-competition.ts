// Logic of the 竞赛 list and the event form: the filters' API query, and the form model (the event
// with its categories, award tiers and special awards) ⇄ POST body / PATCH. Pure and unit-tested.
import type {
  AwardTier,
  CategoryFormat,
  CategoryScoring,
  CategoryWrite,
  Competition,
  CompetitionKind,
  CompetitionLevel,
  CompetitionQuery,
  CompetitionWrite,
} from '@/api/types';

export interface CompetitionFilters {
  org_id: number | undefined;
  kind: CompetitionKind | '';
  level: CompetitionLevel | '';
  year: number | undefined;
  q: string;
}

export function emptyCompetitionFilters(): CompetitionFilters {
  return { org_id: undefined, kind: '', level: '', year: undefined, q: '' };
}

export function competitionApiQuery(f: CompetitionFilters, page: number, pageSize: number): CompetitionQuery {
  const query: CompetitionQuery = { page, page_size: pageSize };
  if (f.org_id !== undefined) query.org_id = f.org_id;
  if (f.kind) query.kind = f.kind;
  if (f.level) query.level = f.level;
  if (f.year !== undefined) query.year = f.year;
  if (f.q.trim()) query.q = f.q.trim();
  return query;
}

/** Special awards the seed events give; a category may name others. */
export const COMMON_SPECIAL_AWARDS = ['巾帼奖', '新秀奖'] as const;

export interface CategoryModel {
  /** Kept categories carry their id; a new one has none. */
  id: number | undefined;
  name: string;
  format: CategoryFormat;
  scoring: CategoryScoring;
  awards: AwardTier[];
  special_awards: string[];
  qualify_top: number;
}

export interface CompetitionModel {
  org_id: number | null;
  name: string;
  kind: CompetitionKind;
  level: CompetitionLevel;
  start_date: string;
  end_date: string;
  parent_id: number | null;
  description: string;
  categories: CategoryModel[];
}

/** The top-level fields the form shows; `categories[1].awards[0].name` lands on `categories`. */
export const COMPETITION_FIELDS = [
  'org_id',
  'name',
  'kind',
  'level',
  'start_date',
  'end_date',
  'parent_id',
  'description',
  'categories',
] as const;

export function blankCategory(): CategoryModel {
  return { id: undefined, name: '', format: 'individual', scoring: 'place', awards: [], special_awards: [], qualify_top: 0 };
}

export function blankCompetition(): CompetitionModel {
  return {
    org_id: null,
    name: '',
    kind: 'sports',
    level: 'district',
    start_date: '',
    end_date: '',
    parent_id: null,
    description: '',
    categories: [blankCategory()],
  };
}

export function competitionFromRecord(c: Competition): CompetitionModel {
  return {
    org_id: c.org_id,
    name: c.name,
    kind: c.kind,
    level: c.level,
    start_date: c.start_date,
    end_date: c.end_date,
    parent_id: c.parent_id,
    description: c.description,
    categories: c.categories.map((k) => ({
      id: k.id,
      name: k.name,
      format: k.format,
      scoring: k.scoring,
      awards: k.awards.map((a) => ({ ...a })),
      special_awards: [...k.special_awards],
      qualify_top: k.qualify_top,
    })),
  };
}

/** A category as sent: trimmed names, blank tiers dropped, tiers by rank (as the server keeps them). */
export function categoryWrite(k: CategoryModel): CategoryWrite {
  const out: CategoryWrite = {
    name: k.name.trim(),
    format: k.format,
    scoring: k.scoring,
    awards: k.awards
      .map((a) => ({ name: a.name.trim(), up_to_rank: a.up_to_rank }))
      .filter((a) => a.name !== '')
      .sort((a, b) => a.up_to_rank - b.up_to_rank),
    special_awards: k.special_awards.map((s) => s.trim()).filter((s) => s !== ''),
    qualify_top: k.qualify_top,
  };
  return k.id === undefined ? out : { id: k.id, ...out };
}

/** The POST body: the organiser when chosen, an empty end date left to the server (= start). */
export function competitionPayload(m: CompetitionModel): CompetitionWrite {
  const body: CompetitionWrite = {
    name: m.name.trim(),
    kind: m.kind,
    level: m.level,
    start_date: m.start_date,
    categories: m.categories.map(categoryWrite),
  };
  if (m.end_date) body.end_date = m.end_date;
  if (m.org_id !== null) body.org_id = m.org_id;
  if (m.parent_id !== null) body.parent_id = m.parent_id;
  if (m.description.trim()) body.description = m.description.trim();
  return body;
}

/** The PATCH: changed fields only; `categories` goes whole when any category changed. */
export function competitionPatch(record: Competition, m: CompetitionModel): Partial<CompetitionWrite> {
  const before = competitionPayload(competitionFromRecord(record));
  const after = competitionPayload({ ...m, end_date: m.end_date || m.start_date });
  const patch: Partial<CompetitionWrite> = {};
  for (const key of ['name', 'kind', 'level', 'start_date', 'end_date', 'description'] as const) {
    if ((after[key] ?? '') !== (before[key] ?? '')) Object.assign(patch, { [key]: after[key] ?? '' });
  }
  if ((after.parent_id ?? null) !== (before.parent_id ?? null)) patch.parent_id = after.parent_id ?? null;
  if (JSON.stringify(after.categories) !== JSON.stringify(before.categories)) patch.categories = after.categories;
  return patch;
}
