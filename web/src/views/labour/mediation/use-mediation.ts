// Logic of the 劳动争议调解 pages: the list's filters and query, the create form ⇄ POST body (the
// amount edited in yuan, sent in fen), and the steps a case's state allows with what each asks
// for. Pure and unit-tested.
import {
  DISPUTE_TYPES,
  MEDIATION_STATES,
  type DisputeType,
  type Mediation,
  type MediationQuery,
  type MediationState,
  type MediationStep,
  type MediationStepBody,
  type MediationWrite,
} from '@/api/types';

export interface MediationFilters {
  org_id: number | undefined;
  year: number | undefined;
  q: string;
  type: DisputeType | '';
  state: MediationState | 'open' | '';
  overdue: boolean;
}

export const MEDIATION_STATE_FILTERS: readonly (MediationState | 'open')[] = ['open', ...MEDIATION_STATES];

export function mediationFiltersFrom(query: Record<string, unknown>): MediationFilters {
  const str = (key: string) => (typeof query[key] === 'string' ? (query[key] as string) : '');
  return {
    org_id: Number(str('org_id')) || undefined,
    year: Number(str('year')) || undefined,
    q: str('q'),
    type: (DISPUTE_TYPES as readonly string[]).includes(str('type')) ? (str('type') as DisputeType) : '',
    state: (MEDIATION_STATE_FILTERS as readonly string[]).includes(str('state')) ? (str('state') as MediationState | 'open') : '',
    overdue: str('overdue') === 'true',
  };
}

export function mediationApiQuery(f: MediationFilters, page: number, pageSize: number): MediationQuery {
  const query: MediationQuery = { page, page_size: pageSize };
  if (f.org_id !== undefined) query.org_id = f.org_id;
  if (f.year !== undefined) query.year = f.year;
  if (f.q.trim()) query.q = f.q.trim();
  if (f.type) query.type = f.type;
  if (f.state) query.state = f.state;
  if (f.overdue) query.overdue = true;
  return query;
}

export interface MediationModel {
  org_id: number | null;
  accepted_on: string;
  dispute_type: DisputeType;
  applicant_name: string;
  applicant_phone: string;
  applicant_id_number: string;
  /** The respondent: an enterprise of the census, or a name. */
  enterprise_id: number | null;
  respondent: string;
  claim: string;
  amount_yuan: number | undefined;
}

export const MEDIATION_FIELDS = [
  'org_id',
  'accepted_on',
  'dispute_type',
  'applicant_name',
  'applicant_phone',
  'applicant_id_number',
  'enterprise_id',
  'respondent',
  'claim',
  'amount_fen',
] as const;

export function blankMediation(today: string, orgId: number | null): MediationModel {
  return {
    org_id: orgId,
    accepted_on: today,
    dispute_type: 'wages',
    applicant_name: '',
    applicant_phone: '',
    applicant_id_number: '',
    enterprise_id: null,
    respondent: '',
    claim: '',
    amount_yuan: undefined,
  };
}

export function mediationPayload(m: MediationModel): MediationWrite {
  const body: MediationWrite = {
    accepted_on: m.accepted_on,
    dispute_type: m.dispute_type,
    applicant_name: m.applicant_name.trim(),
    claim: m.claim.trim(),
  };
  if (m.org_id !== null) body.org_id = m.org_id;
  if (m.applicant_phone.trim()) body.applicant_phone = m.applicant_phone.trim();
  if (m.applicant_id_number.trim()) body.applicant_id_number = m.applicant_id_number.trim();
  if (m.enterprise_id !== null) body.enterprise_id = m.enterprise_id;
  else if (m.respondent.trim()) body.respondent = m.respondent.trim();
  if (m.amount_yuan !== undefined) body.amount_fen = Math.round(m.amount_yuan * 100);
  return body;
}

/** The steps the case's state allows (rules.h CaseNext). */
export function mediationSteps(m: Pick<Mediation, 'state'>): MediationStep[] {
  switch (m.state) {
    case 'accepted':
      return ['start', 'withdraw', 'extend'];
    case 'mediating':
      return ['settle', 'fail', 'withdraw', 'extend'];
    case 'failed':
      return ['refer'];
    default:
      return [];
  }
}

/** settle, fail and withdraw record an outcome (the agreement, why it failed, why withdrawn). */
export function needsOutcome(step: MediationStep): boolean {
  return step === 'settle' || step === 'fail' || step === 'withdraw';
}

export function mediationStepBody(step: MediationStep, m: { on: string; outcome: string; due_on: string; both_agree: boolean }): MediationStepBody {
  const body: MediationStepBody = {};
  if (m.on) body.on = m.on;
  if (needsOutcome(step)) body.outcome = m.outcome.trim();
  if (step === 'extend') {
    body.due_on = m.due_on;
    body.both_agree = m.both_agree;
  }
  return body;
}
