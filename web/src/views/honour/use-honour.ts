// Logic of the 荣誉 page: the filters' API query and the form model ⇄ POST body / PATCH. Unit-tested.
import type { AwardeeType, Honour, HonourKind, HonourLevel, HonourQuery, HonourWrite } from '@/api/types';

export interface HonourFilters {
  org_id: number | undefined;
  kind: HonourKind | '';
  level: HonourLevel | '';
  year: number | undefined;
  q: string;
}

export function honourApiQuery(f: HonourFilters, page: number, pageSize: number): HonourQuery {
  const query: HonourQuery = { page, page_size: pageSize };
  if (f.org_id !== undefined) query.org_id = f.org_id;
  if (f.kind) query.kind = f.kind;
  if (f.level) query.level = f.level;
  if (f.year !== undefined) query.year = f.year;
  if (f.q.trim()) query.q = f.q.trim();
  return query;
}

export interface HonourModel {
  kind: HonourKind;
  level: HonourLevel;
  year: number;
  awardee_type: AwardeeType;
  org_id: number | null;
  awardee_name: string;
  title: string;
  conferred_by: string;
  note: string;
}

export const HONOUR_FIELDS = ['kind', 'level', 'year', 'awardee_type', 'org_id', 'member_id', 'awardee_name', 'title', 'conferred_by', 'note'] as const;

export function blankHonour(year: number): HonourModel {
  return { kind: 'may_day_medal', level: 'city', year, awardee_type: 'person', org_id: null, awardee_name: '', title: '', conferred_by: '', note: '' };
}

export function honourFromRecord(h: Honour): HonourModel {
  return {
    kind: h.kind,
    level: h.level,
    year: h.year,
    awardee_type: h.awardee_type,
    org_id: h.org_id,
    awardee_name: h.awardee_name,
    title: h.title,
    conferred_by: h.conferred_by,
    note: h.note,
  };
}

/** The POST body: empty texts left out (the server fills the defaults). */
export function honourPayload(m: HonourModel): HonourWrite {
  const body: HonourWrite = { kind: m.kind, level: m.level, year: m.year, awardee_type: m.awardee_type };
  if (m.org_id !== null) body.org_id = m.org_id;
  for (const key of ['awardee_name', 'title', 'conferred_by', 'note'] as const) {
    const value = m[key].trim();
    if (value) body[key] = value;
  }
  return body;
}

/** The PATCH: changed fields only; a cleared text goes as ''. */
export function honourPatch(record: Honour, m: HonourModel): Partial<HonourWrite> {
  const before = honourFromRecord(record);
  const patch: Partial<HonourWrite> = {};
  for (const key of ['kind', 'level', 'year', 'awardee_type', 'awardee_name', 'title', 'conferred_by', 'note'] as const) {
    const value = typeof m[key] === 'string' ? (m[key] as string).trim() : m[key];
    if (value !== before[key]) Object.assign(patch, { [key]: value });
  }
  return patch;
}
