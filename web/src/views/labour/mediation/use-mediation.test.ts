import { describe, expect, it } from 'vitest';
import { blankMediation, mediationApiQuery, mediationFiltersFrom, mediationPayload, mediationStepBody, mediationSteps } from './use-mediation';

describe('mediation', () => {
  it('reads the filters of a link and builds the query', () => {
    const f = mediationFiltersFrom({ org_id: '9', year: '2026', type: 'wages', state: 'open', overdue: 'true' });
    expect(mediationApiQuery(f, 1, 20)).toEqual({ page: 1, page_size: 20, org_id: 9, year: 2026, type: 'wages', state: 'open', overdue: true });
    expect(mediationFiltersFrom({ type: 'x', state: 'y' })).toMatchObject({ type: '', state: '', overdue: false });
  });

  it('posts the respondent as an enterprise or a name, the amount in fen', () => {
    const m = { ...blankMediation('2026-05-01', 9), applicant_name: ' 张三 ', claim: ' 拖欠工资 ', respondent: '某餐馆', amount_yuan: 12345.67 };
    expect(mediationPayload(m)).toEqual({ org_id: 9, accepted_on: '2026-05-01', dispute_type: 'wages', applicant_name: '张三', claim: '拖欠工资', respondent: '某餐馆', amount_fen: 1234567 });
    expect(mediationPayload({ ...m, enterprise_id: 5 })).toMatchObject({ enterprise_id: 5 });
    expect(mediationPayload({ ...m, enterprise_id: 5 })).not.toHaveProperty('respondent');
  });

  it('offers the steps of the state with what each asks for', () => {
    expect(mediationSteps({ state: 'accepted' })).toEqual(['start', 'withdraw', 'extend']);
    expect(mediationSteps({ state: 'mediating' })).toEqual(['settle', 'fail', 'withdraw', 'extend']);
    expect(mediationSteps({ state: 'failed' })).toEqual(['refer']);
    expect(mediationSteps({ state: 'settled' })).toEqual([]);
    const m = { on: '', outcome: ' 达成协议 ', due_on: '2026-06-01', both_agree: true };
    expect(mediationStepBody('settle', m)).toEqual({ outcome: '达成协议' });
    expect(mediationStepBody('extend', { ...m, on: '2026-05-10' })).toEqual({ on: '2026-05-10', due_on: '2026-06-01', both_agree: true });
    expect(mediationStepBody('refer', m)).toEqual({});
  });
});
