// The records of labour-relations work besides contracts — 集体协商会, 调研指导, 培训, 制度文件 — share
// one list page (record-list.vue) and one data-driven dialog (record-form.vue). Each kind is a
// spec here: its fields (input type, required), the API calls, and how a stored record reads back
// into the form. The model ⇄ POST body / PATCH mapping is generic. Pure and unit-tested.
import {
  createConsultation,
  createDocument,
  createTraining,
  createVisit,
  listConsultations,
  listDocuments,
  listTrainings,
  listVisits,
  updateConsultation,
  updateDocument,
  updateTraining,
  updateVisit,
} from '@/api/labour';
import { DOCUMENT_KINDS, type LabourRecordBase, type LabourRecordQuery, type OrgRef, type Page } from '@/api/types';

export type FieldType = 'text' | 'textarea' | 'date' | 'org' | 'orgs' | 'enterprise' | 'tristate' | 'tags' | 'select' | 'scores' | 'groups';

export interface FieldSpec {
  key: string;
  type: FieldType;
  required?: boolean;
  /** `select`: the codes, labelled by `labour.<kind>.<key>s.<code>`. */
  values?: readonly string[];
}

/** A training's attendee group as the form edits it: the count as written (`1000余人`). */
export interface GroupRow {
  group: string;
  count: string;
}

export type RecordModel = Record<string, unknown> & { org_id: number | null };

export interface RecordKindSpec<R extends LabourRecordBase = LabourRecordBase> {
  /** The i18n section (`labour.<name>`) and the data-testid prefix. */
  name: 'consultation' | 'visit' | 'training' | 'document';
  /** The date column the list shows first. */
  dateKey: string;
  fields: readonly FieldSpec[];
  list(query: LabourRecordQuery & Record<string, unknown>): Promise<Page<R>>;
  create(body: Record<string, unknown>): Promise<R>;
  update(id: number, body: Record<string, unknown>): Promise<R>;
}

function blankOf(type: FieldType): unknown {
  switch (type) {
    case 'org':
    case 'enterprise':
      return null;
    case 'orgs':
    case 'tags':
    case 'groups':
      return [];
    case 'scores':
      return {};
    default:
      return '';
  }
}

export function blankRecord(spec: RecordKindSpec): RecordModel {
  const model: RecordModel = { org_id: null };
  for (const f of spec.fields) model[f.key] = f.type === 'select' ? (f.values?.[0] ?? '') : blankOf(f.type);
  return model;
}

/** The stored record as the form edits it: partners by id, groups as written, a null date as ''. */
export function recordToModel(spec: RecordKindSpec, record: LabourRecordBase): RecordModel {
  const r = record as unknown as Record<string, unknown>;
  const model: RecordModel = { org_id: record.org_id };
  for (const f of spec.fields) {
    const value = r[f.key];
    if (f.type === 'orgs') model[f.key] = ((value as OrgRef[] | undefined) ?? []).map((o) => o.id);
    else if (f.type === 'groups') model[f.key] = ((value as { group: string; as_written: string }[] | undefined) ?? []).map((g) => ({ group: g.group, count: g.as_written }));
    else if (f.type === 'scores') model[f.key] = { ...((value as Record<string, number> | undefined) ?? {}) };
    else if (f.type === 'tags') model[f.key] = [...((value as string[] | undefined) ?? [])];
    else model[f.key] = value ?? blankOf(f.type);
  }
  return model;
}

/** A field's value as the body sends it (texts trimmed, empty group rows dropped). */
function wire(f: FieldSpec, value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (f.type === 'groups') {
    return (value as GroupRow[]).filter((g) => g.group.trim() || g.count.trim()).map((g) => ({ group: g.group.trim(), count: g.count.trim() }));
  }
  return value;
}

function empty(value: unknown): boolean {
  return value === '' || value === null || value === undefined || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);
}

/** The POST body: required fields always, optional ones when filled. */
export function recordPayload(spec: RecordKindSpec, m: RecordModel): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (m.org_id !== null) body.org_id = m.org_id;
  for (const f of spec.fields) {
    const value = wire(f, m[f.key]);
    if (f.required || !empty(value)) body[f.key] = value;
  }
  return body;
}

/** The PATCH: the changed fields; a cleared one goes as '' / null / [] (the server checks it whole). */
export function recordPatch(spec: RecordKindSpec, record: LabourRecordBase, m: RecordModel): Record<string, unknown> {
  const before = recordToModel(spec, record);
  const patch: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const now = wire(f, m[f.key]);
    if (JSON.stringify(now) !== JSON.stringify(wire(f, before[f.key]))) patch[f.key] = f.type === 'date' && now === '' ? null : now;
  }
  return patch;
}

/** The labels OrgSelect / EnterpriseSelect need for a record's preselected ids. */
export function recordRefs(record: LabourRecordBase | null): { orgs: OrgRef[]; enterprises: OrgRef[] } {
  if (!record) return { orgs: [], enterprises: [] };
  const r = record as unknown as Record<string, unknown>;
  const orgs = [...((r.partners as OrgRef[] | undefined) ?? [])];
  if (typeof r.target_org_id === 'number') orgs.push({ id: r.target_org_id, name: String(r.target_org_name ?? '') });
  const enterprises = typeof r.enterprise_id === 'number' ? [{ id: r.enterprise_id, name: String(r.enterprise_name ?? '') }] : [];
  return { orgs, enterprises };
}

// ---- the list's filters ----

export interface RecordFilters {
  org_id: number | undefined;
  year: number | undefined;
  from: string;
  to: string;
  q: string;
  /** The kind's own filter (`new_forms` of consultations, `type` of documents): '' for all. */
  extra: string;
}

/** The filters a link carries (the dashboard's counts: `?org_id=12&axis=territorial&year=2026`). */
export function recordFiltersFrom(query: Record<string, unknown>, extraKey?: string): RecordFilters {
  const str = (key: string) => (typeof query[key] === 'string' ? (query[key] as string) : '');
  return {
    org_id: Number(str('org_id')) || undefined,
    year: Number(str('year')) || undefined,
    from: str('from'),
    to: str('to'),
    q: str('q'),
    extra: extraKey ? str(extraKey) : '',
  };
}

export function recordApiQuery(f: RecordFilters, page: number, pageSize: number, extraKey?: string): LabourRecordQuery & Record<string, unknown> {
  const query: LabourRecordQuery & Record<string, unknown> = { page, page_size: pageSize };
  if (f.org_id !== undefined) query.org_id = f.org_id;
  if (f.year !== undefined) query.year = f.year;
  if (f.from) query.from = f.from;
  if (f.to) query.to = f.to;
  if (f.q.trim()) query.q = f.q.trim();
  if (extraKey && f.extra) query[extraKey] = f.extra;
  return query;
}

// ---- the four kinds ----

type Write = (body: Record<string, unknown>) => Promise<LabourRecordBase>;
type Update = (id: number, body: Record<string, unknown>) => Promise<LabourRecordBase>;
type List = (query: LabourRecordQuery & Record<string, unknown>) => Promise<Page<LabourRecordBase>>;

export const CONSULTATIONS: RecordKindSpec = {
  name: 'consultation',
  dateKey: 'held_on',
  fields: [
    { key: 'title', type: 'text', required: true },
    { key: 'held_on', type: 'date', required: true },
    { key: 'enterprise_id', type: 'enterprise' },
    { key: 'worker_side', type: 'text' },
    { key: 'employer_side', type: 'text' },
    { key: 'topics', type: 'tags' },
    { key: 'new_forms', type: 'tristate' },
    { key: 'outcome', type: 'textarea' },
    { key: 'minutes', type: 'textarea' },
  ],
  list: listConsultations as List,
  create: createConsultation as unknown as Write,
  update: updateConsultation as unknown as Update,
};

export const VISITS: RecordKindSpec = {
  name: 'visit',
  dateKey: 'visited_on',
  fields: [
    { key: 'title', type: 'text', required: true },
    { key: 'visited_on', type: 'date', required: true },
    { key: 'target_org_id', type: 'org' },
    { key: 'enterprise_id', type: 'enterprise' },
    { key: 'scores', type: 'scores' },
    { key: 'findings', type: 'textarea' },
  ],
  list: listVisits as List,
  create: createVisit as unknown as Write,
  update: updateVisit as unknown as Update,
};

export const TRAININGS: RecordKindSpec = {
  name: 'training',
  dateKey: 'held_from',
  fields: [
    { key: 'title', type: 'text', required: true },
    { key: 'held_from', type: 'date', required: true },
    { key: 'held_to', type: 'date' },
    { key: 'groups', type: 'groups', required: true },
    { key: 'partners', type: 'orgs' },
    { key: 'note', type: 'textarea' },
  ],
  list: listTrainings as List,
  create: createTraining as unknown as Write,
  update: updateTraining as unknown as Update,
};

export const DOCUMENTS: RecordKindSpec = {
  name: 'document',
  dateKey: 'issued_on',
  fields: [
    { key: 'title', type: 'text', required: true },
    { key: 'doc_number', type: 'text' },
    { key: 'kind', type: 'select', required: true, values: DOCUMENT_KINDS },
    { key: 'issuer', type: 'text', required: true },
    { key: 'issued_on', type: 'date', required: true },
    { key: 'partners', type: 'orgs' },
    { key: 'note', type: 'textarea' },
  ],
  list: listDocuments as List,
  create: createDocument as unknown as Write,
  update: updateDocument as unknown as Update,
};
