// Logic of the 集体合同 pages: the list's query, the form model ⇄ POST body / PATCH, the lifecycle
// as the step bar shows it, the steps allowed in a state, the deadlines and the sign link's URL.
// Pure and unit-tested.
import {
  AREA_CONTRACT_KINDS,
  CONTRACT_KINDS,
  CONTRACT_LIFECYCLE,
  CONTRACT_OVERDUES,
  CONTRACT_STATES,
  type Contract,
  type ContractKind,
  type ContractOverdue,
  type ContractPatch,
  type ContractQuery,
  type ContractSide,
  type ContractState,
  type ContractStep,
  type ContractWrite,
  type Negotiator,
} from '@/api/types';

/** `YYYY-MM-DD` of a local date. */
export function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function isAreaKind(kind: ContractKind): boolean {
  return AREA_CONTRACT_KINDS.includes(kind);
}

export interface ContractFilters {
  org_id: number | undefined;
  q: string;
  kind: ContractKind | '';
  state: ContractState | '';
  overdue: ContractOverdue | '';
}

/** The filters a list link carries (`?state=signed&overdue=filing`), unknown values dropped. */
export function contractFiltersFrom(query: Record<string, unknown>): ContractFilters {
  const str = (key: string) => (typeof query[key] === 'string' ? (query[key] as string) : '');
  const one = <T extends string>(values: readonly T[], v: string): T | '' => ((values as readonly string[]).includes(v) ? (v as T) : '');
  return {
    org_id: Number(str('org_id')) || undefined,
    q: str('q'),
    kind: one(CONTRACT_KINDS, str('type')),
    state: one(CONTRACT_STATES, str('state')),
    overdue: one(CONTRACT_OVERDUES, str('overdue')),
  };
}

export function contractApiQuery(f: ContractFilters, page: number, pageSize: number): ContractQuery {
  const query: ContractQuery = { page, page_size: pageSize };
  if (f.org_id !== undefined) query.org_id = f.org_id;
  if (f.q.trim()) query.q = f.q.trim();
  if (f.kind) query.type = f.kind;
  if (f.state) query.state = f.state;
  if (f.overdue) query.overdue = f.overdue;
  return query;
}

/** A contract past a filing or publication deadline. */
export function overdueOf(c: Pick<Contract, 'deadlines'>): ContractOverdue | null {
  if (c.deadlines.filing_overdue) return 'filing';
  if (c.deadlines.publish_overdue) return 'publish';
  return null;
}

export interface ContractModel {
  org_id: number | null;
  kind: ContractKind;
  title: string;
  employer_enterprise_id: number | null;
  employer_rep: string;
  enterprise_ids: number[];
  /** undefined: the covered enterprises' employees (the server's default). */
  workers: number | undefined;
  women: number | undefined;
  dispatched: number | undefined;
  term_from: string;
  term_to: string;
  offered_on: string;
  offered_by: ContractSide;
  note: string;
}

export const CONTRACT_FIELDS = [
  'org_id',
  'kind',
  'title',
  'employer_enterprise_id',
  'employer_rep',
  'enterprise_ids',
  'workers',
  'women',
  'dispatched',
  'term_from',
  'term_to',
  'offered_on',
  'offered_by',
  'note',
  'negotiators',
] as const;

export function blankContract(today: string): ContractModel {
  return {
    org_id: null,
    kind: 'comprehensive',
    title: '',
    employer_enterprise_id: null,
    employer_rep: '',
    enterprise_ids: [],
    workers: undefined,
    women: undefined,
    dispatched: undefined,
    term_from: '',
    term_to: '',
    offered_on: today,
    offered_by: 'worker',
    note: '',
  };
}

export function contractFromRecord(c: Contract): ContractModel {
  return {
    org_id: c.org_id,
    kind: c.kind,
    title: c.title,
    employer_enterprise_id: c.employer_enterprise_id,
    employer_rep: c.employer_rep,
    enterprise_ids: (c.enterprises ?? []).map((e) => e.id),
    workers: c.workers,
    women: c.women,
    dispatched: c.dispatched,
    term_from: c.term_from,
    term_to: c.term_to,
    offered_on: c.offered_on,
    offered_by: c.offered_by,
    note: c.note,
  };
}

/** The parties as the kind wants them: an employer enterprise, or the representative and the covered list. */
function parties(m: ContractModel): Pick<ContractWrite, 'employer_enterprise_id' | 'employer_rep' | 'enterprise_ids'> {
  if (isAreaKind(m.kind)) return { employer_rep: m.employer_rep.trim(), enterprise_ids: [...m.enterprise_ids] };
  return { employer_enterprise_id: m.employer_enterprise_id };
}

export function contractPayload(m: ContractModel): ContractWrite {
  const body: ContractWrite = {
    kind: m.kind,
    title: m.title.trim(),
    ...parties(m),
    term_from: m.term_from,
    term_to: m.term_to,
    offered_on: m.offered_on,
    offered_by: m.offered_by,
  };
  if (m.org_id !== null) body.org_id = m.org_id;
  for (const key of ['workers', 'women', 'dispatched'] as const) if (m[key] !== undefined) body[key] = m[key];
  if (m.note.trim()) body.note = m.note.trim();
  return body;
}

/** The changed fields only; the parties go whole when the kind or any of them changed. */
export function contractPatch(record: Contract, m: ContractModel): ContractPatch {
  const before = contractFromRecord(record);
  const patch: ContractPatch = {};
  if (m.kind !== before.kind) patch.kind = m.kind;
  if (m.title.trim() !== before.title) patch.title = m.title.trim();
  const p = parties(m);
  const q = parties(before);
  if (m.kind !== before.kind || JSON.stringify(p) !== JSON.stringify(q)) Object.assign(patch, p);
  for (const key of ['workers', 'women', 'dispatched'] as const) {
    if (m[key] !== undefined && m[key] !== before[key]) patch[key] = m[key];
  }
  for (const key of ['term_from', 'term_to'] as const) if (m[key] !== before[key]) patch[key] = m[key];
  if (m.note.trim() !== before.note) patch.note = m.note.trim();
  return patch;
}

/** The parties, workforce and term may change while offer or negotiating. */
export function editable(state: ContractState): boolean {
  return state === 'offer' || state === 'negotiating';
}

/** A new text version while offer, negotiating or congress. */
export function textsOpen(state: ContractState): boolean {
  return editable(state) || state === 'congress';
}

/** Online signing: a congress that has approved the draft. */
export function signingOpen(c: Pick<Contract, 'state' | 'vote'>): boolean {
  return c.state === 'congress' && !!c.vote?.passed;
}

export interface StepBar {
  /** el-steps' `active`: the index of the current state on the lifecycle. */
  active: number;
  /** `finish` at the end of the lifecycle, `error` when abandoned. */
  status: 'process' | 'finish' | 'error';
}

/**
 * The current state on 要约 → … → 到期. An abandoned contract stops at the state it left, which
 * the timeline's `abandon` event names.
 */
export function stepBar(c: Pick<Contract, 'state' | 'events'>): StepBar {
  if (c.state === 'abandoned') {
    const from = [...(c.events ?? [])].reverse().find((e) => e.to_state === 'abandoned')?.from_state as ContractState | undefined;
    return { active: Math.max(0, CONTRACT_LIFECYCLE.indexOf(from ?? 'offer')), status: 'error' };
  }
  const active = CONTRACT_LIFECYCLE.indexOf(c.state);
  return { active, status: c.state === 'expired' ? 'finish' : 'process' };
}

/** The steps (buttons) allowed in the contract's state, in the lifecycle's order. */
export function allowedSteps(c: Pick<Contract, 'state' | 'vote' | 'deadlines'>): (ContractStep | 'renewal')[] {
  switch (c.state) {
    case 'offer':
      return ['negotiate', 'abandon'];
    case 'negotiating':
      return ['submit', 'abandon'];
    case 'congress':
      return c.vote?.passed ? ['vote', 'sign', 'abandon'] : ['vote', 'abandon'];
    case 'signed':
      return ['file'];
    case 'filed':
      return ['object'];
    case 'effective':
      return c.deadlines.renewable ? ['publish', 'renewal'] : ['publish'];
    case 'published':
    case 'expired':
      return c.deadlines.renewable ? ['renewal'] : [];
    default:
      return [];
  }
}

/** Steps that need a reason (`abandon`, `object`). */
export function needsReason(step: ContractStep): boolean {
  return step === 'abandon' || step === 'object';
}

export interface DeadlineRow {
  key: 'filing' | 'publish' | 'renewal';
  date: string;
  overdue: boolean;
  /** Met: the step was taken (filed, published). */
  done: boolean;
}

/** The deadlines that apply to the contract now, for the detail page. */
export function deadlineRows(c: Pick<Contract, 'deadlines' | 'filed_on' | 'published_on'>): DeadlineRow[] {
  const d = c.deadlines;
  const rows: DeadlineRow[] = [];
  if (d.filing_due) rows.push({ key: 'filing', date: d.filing_due, overdue: d.filing_overdue, done: !!c.filed_on });
  if (d.publish_due) rows.push({ key: 'publish', date: d.publish_due, overdue: d.publish_overdue, done: !!c.published_on });
  if (d.renewal_opens_on) rows.push({ key: 'renewal', date: d.renewal_opens_on, overdue: false, done: false });
  return rows;
}

/** The newest text version (the one signatures cover). */
export function newestText<T extends { version: number }>(texts: readonly T[] | undefined): T | null {
  return (texts ?? []).reduce<T | null>((best, t) => (best === null || t.version > best.version ? t : best), null);
}

/** The absolute URL of a sign link's path (`/sign/<token>`) on this site. */
export function signUrl(origin: string, path: string): string {
  return new URL(path, origin).toString();
}

/** One blank negotiator row of a side. */
export function blankNegotiator(side: ContractSide): Negotiator {
  return { side, name: '', gender: 'male', title: '', chief: false, union_chair: false, dispatched: false };
}

/** The negotiators to PUT, row for row (a 422 `negotiators[i].name` names the editor's row i). */
export function negotiatorsPayload(rows: readonly Negotiator[]): Negotiator[] {
  return rows.map((r) => ({ ...r, name: r.name.trim(), title: (r.title ?? '').trim() }));
}
