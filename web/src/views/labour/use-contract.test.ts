import { describe, expect, it } from 'vitest';
import type { Contract } from '@/api/types';
import {
  allowedSteps,
  blankContract,
  contractApiQuery,
  contractFiltersFrom,
  contractFromRecord,
  contractPatch,
  contractPayload,
  deadlineRows,
  editable,
  negotiatorsPayload,
  newestText,
  overdueOf,
  signUrl,
  signingOpen,
  stepBar,
  textsOpen,
} from './use-contract';

const deadlines = { filing_due: null, filing_overdue: false, publish_due: null, publish_overdue: false, renewal_opens_on: null, renewable: false };

function contract(over: Partial<Contract> = {}): Contract {
  return {
    id: 7,
    number: 'JT2026-000007',
    org_id: 40,
    org_name: '重庆某公交公司工会',
    kind: 'comprehensive',
    kind_label: '综合性集体合同',
    title: '2026—2028年集体合同',
    employer_enterprise_id: 12,
    employer_name: '重庆某公交公司',
    employer_rep: '',
    workers: 100,
    women: 30,
    dispatched: 10,
    term_from: '2026-01-01',
    term_to: '2028-12-31',
    state: 'offer',
    state_label: '要约',
    offered_on: '2025-11-02',
    offered_by: 'worker',
    vote: null,
    signed_on: null,
    filed_on: null,
    effective_on: null,
    published_on: null,
    deadlines,
    predecessor_id: null,
    successor_id: null,
    warnings: [],
    note: '',
    created_at: '',
    updated_at: '',
    enterprises: [],
    ...over,
  };
}

const vote = { total: 60, attendees: 50, votes_for: 40, votes_against: 5, voted_on: '2025-12-01', passed: true };

describe('contract list', () => {
  it('reads the filters of a link and builds the query (kind as `type`)', () => {
    const f = contractFiltersFrom({ org_id: '9', type: 'wage', state: 'signed', overdue: 'filing', q: ' 公交 ' });
    expect(contractApiQuery(f, 1, 20)).toEqual({ page: 1, page_size: 20, org_id: 9, type: 'wage', state: 'signed', overdue: 'filing', q: '公交' });
    expect(contractFiltersFrom({ type: 'nope', state: 'gone', overdue: 'x' })).toEqual({ org_id: undefined, q: '', kind: '', state: '', overdue: '' });
  });

  it('says which deadline a contract is past', () => {
    expect(overdueOf(contract())).toBeNull();
    expect(overdueOf(contract({ deadlines: { ...deadlines, filing_overdue: true } }))).toBe('filing');
    expect(overdueOf(contract({ deadlines: { ...deadlines, publish_overdue: true } }))).toBe('publish');
  });
});

describe('contract form', () => {
  it('posts an enterprise contract with its employer, leaving the workforce to the server when empty', () => {
    const m = { ...blankContract('2026-03-01'), org_id: 40, title: ' 集体合同 ', employer_enterprise_id: 12, term_from: '2026-04-01', term_to: '2029-03-31' };
    expect(contractPayload(m)).toEqual({
      org_id: 40,
      kind: 'comprehensive',
      title: '集体合同',
      employer_enterprise_id: 12,
      term_from: '2026-04-01',
      term_to: '2029-03-31',
      offered_on: '2026-03-01',
      offered_by: 'worker',
    });
  });

  it('posts a 区域性 contract with the representative and the covered enterprises', () => {
    const m = { ...blankContract('2026-03-01'), kind: 'regional' as const, employer_rep: ' 南坪商会 ', enterprise_ids: [3, 4], employer_enterprise_id: 12, workers: 300 };
    const body = contractPayload(m);
    expect(body).toMatchObject({ kind: 'regional', employer_rep: '南坪商会', enterprise_ids: [3, 4], workers: 300 });
    expect(body).not.toHaveProperty('employer_enterprise_id');
  });

  it('patches what changed, the parties whole', () => {
    const record = contract();
    const m = contractFromRecord(record);
    expect(contractPatch(record, m)).toEqual({});
    m.women = 20;
    m.note = '补充说明';
    expect(contractPatch(record, m)).toEqual({ women: 20, note: '补充说明' });
    m.kind = 'industry';
    m.employer_rep = '餐饮行业协会';
    m.enterprise_ids = [5];
    expect(contractPatch(record, m)).toMatchObject({ kind: 'industry', employer_rep: '餐饮行业协会', enterprise_ids: [5] });
  });
});

describe('contract lifecycle', () => {
  it('puts the state on the step bar; an abandoned contract stops where it left, in red', () => {
    expect(stepBar(contract())).toEqual({ active: 0, status: 'process' });
    expect(stepBar(contract({ state: 'signed' }))).toEqual({ active: 3, status: 'process' });
    expect(stepBar(contract({ state: 'expired' }))).toEqual({ active: 7, status: 'finish' });
    const events = [{ step: 'abandon', from_state: 'congress', to_state: 'abandoned', on: '', detail: {}, by: '', at: '' }];
    expect(stepBar(contract({ state: 'abandoned', events }))).toEqual({ active: 2, status: 'error' });
  });

  it('offers the steps of the state', () => {
    expect(allowedSteps(contract())).toEqual(['negotiate', 'abandon']);
    expect(allowedSteps(contract({ state: 'negotiating' }))).toEqual(['submit', 'abandon']);
    expect(allowedSteps(contract({ state: 'congress' }))).toEqual(['vote', 'abandon']);
    expect(allowedSteps(contract({ state: 'congress', vote }))).toEqual(['vote', 'sign', 'abandon']);
    expect(allowedSteps(contract({ state: 'congress', vote: { ...vote, passed: false } }))).toEqual(['vote', 'abandon']);
    expect(allowedSteps(contract({ state: 'signed' }))).toEqual(['file']);
    expect(allowedSteps(contract({ state: 'filed' }))).toEqual(['object']);
    expect(allowedSteps(contract({ state: 'effective' }))).toEqual(['publish']);
    expect(allowedSteps(contract({ state: 'published', deadlines: { ...deadlines, renewable: true } }))).toEqual(['renewal']);
    expect(allowedSteps(contract({ state: 'abandoned' }))).toEqual([]);
  });

  it('knows when the parties, the texts and online signing are open', () => {
    expect([editable('offer'), editable('negotiating'), editable('congress')]).toEqual([true, true, false]);
    expect([textsOpen('congress'), textsOpen('signed')]).toEqual([true, false]);
    expect(signingOpen(contract({ state: 'congress' }))).toBe(false);
    expect(signingOpen(contract({ state: 'congress', vote }))).toBe(true);
  });

  it('lists the deadlines that apply, overdue and met', () => {
    const c = contract({
      state: 'effective',
      filed_on: '2025-12-10',
      deadlines: { ...deadlines, filing_due: '2025-12-15', publish_due: '2026-01-04', publish_overdue: true, renewal_opens_on: '2028-09-30' },
    });
    expect(deadlineRows(c)).toEqual([
      { key: 'filing', date: '2025-12-15', overdue: false, done: true },
      { key: 'publish', date: '2026-01-04', overdue: true, done: false },
      { key: 'renewal', date: '2028-09-30', overdue: false, done: false },
    ]);
    expect(deadlineRows(contract())).toEqual([]);
  });

  it('finds the newest text, builds the sign URL and sends the negotiators row for row', () => {
    expect(newestText([{ version: 1 }, { version: 3 }, { version: 2 }])).toEqual({ version: 3 });
    expect(newestText(undefined)).toBeNull();
    expect(signUrl('https://gh.example.cn', '/sign/abc')).toBe('https://gh.example.cn/sign/abc');
    expect(negotiatorsPayload([{ side: 'worker', name: ' 张三 ', gender: 'male', title: ' 主席 ' }, { side: 'employer', name: '', gender: 'female' }])).toEqual([
      { side: 'worker', name: '张三', gender: 'male', title: '主席' },
      { side: 'employer', name: '', gender: 'female', title: '' },
    ]);
  });
});
