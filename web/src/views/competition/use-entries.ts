// Logic of the 参赛名单 page, the list behind the statistics' competition figures
// (`/competitions/entries?org_id=&axis=&year=&awarded=&own=`): filters ⇄ URL query ⇄ API query, and
// the rows as the table shows them. Pure and unit-tested.
import type { LocationQuery } from 'vue-router';
import type { AllEntriesQuery, Axis, CompetitionEntry } from '@/api/types';
import { entrantName } from './use-standings';

export interface EntryFilters {
  org_id: number | undefined;
  axis: Axis;
  year: number | undefined;
  /** 'true': awarded entries only; 'false': the others; '': all. */
  awarded: '' | 'true' | 'false';
  /** Only the entries of `org_id` itself (a statistics 本级 row links so). */
  own: boolean;
}

export function emptyEntryFilters(): EntryFilters {
  return { org_id: undefined, axis: 'territorial', year: undefined, awarded: '', own: false };
}

function one(value: LocationQuery[string] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : '';
}

function positiveInt(value: string): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Reads the filters from the URL, ignoring what is malformed. */
export function entryFiltersFromQuery(query: LocationQuery): EntryFilters {
  const awarded = one(query.awarded);
  const year = positiveInt(one(query.year));
  return {
    org_id: positiveInt(one(query.org_id)),
    axis: one(query.axis) === 'industry' ? 'industry' : 'territorial',
    year: year !== undefined && year >= 1000 && year <= 9999 ? year : undefined,
    awarded: awarded === 'true' || awarded === 'false' ? awarded : '',
    own: one(query.own) === 'true',
  };
}

/** GET /competitions/entries query; empty filters left out. */
export function entryApiQuery(f: EntryFilters, page: number, pageSize: number): AllEntriesQuery {
  const query: AllEntriesQuery = { page, page_size: pageSize };
  if (f.org_id !== undefined) query.org_id = f.org_id;
  if (f.axis === 'industry') query.axis = 'industry';
  if (f.year !== undefined) query.year = f.year;
  if (f.awarded) query.awarded = f.awarded === 'true';
  if (f.own) query.own = true;
  return query;
}

/** The URL query that reproduces the filters (paging left out). */
export function entryRouteQuery(f: EntryFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(entryApiQuery(f, 1, 20))) out[key] = String(value);
  delete out.page;
  delete out.page_size;
  return out;
}

export interface EntryRow {
  id: number;
  competitionId: number;
  category: string;
  entrant: string;
  members: string;
  org: string;
  rank: string;
  award: string;
  specialAwards: string;
  qualified: boolean;
}

export function entryRow(e: CompetitionEntry): EntryRow {
  return {
    id: e.id,
    competitionId: e.competition_id,
    category: e.category_name,
    entrant: entrantName(e),
    members: e.members.join('、'),
    org: e.org_name,
    rank: e.rank === null ? '—' : String(e.rank),
    award: e.award,
    specialAwards: e.special_awards.join('、'),
    qualified: e.qualified_entry_id !== null,
  };
}
