import { describe, expect, it } from 'vitest';
import type { ChildcareFinding, ChildcareInspection } from '@/api/types';
import { blankFinding, draftField, findingError, inspectionDraft, inspectionPatch } from './use-inspection';

function finding(id: number, state: ChildcareFinding['state'], description: string): ChildcareFinding {
  return {
    id,
    inspection_id: 9,
    description,
    deadline: '2024-07-31',
    state,
    state_label: state === 'accepted' ? '已验收销号' : '待整改',
    rectification: '',
    rectified_at: null,
    rectified_by: null,
    accepted_by: null,
    accepted_at: null,
    comment: '',
    overdue: false,
  };
}

const inspection: ChildcareInspection = {
  id: 9,
  class_id: 5,
  class_name: '南坪暑期班',
  org_id: 12,
  org_name: '南岸区总工会',
  date: '2024-07-15',
  inspector: '李四',
  notes: '',
  open_findings: 1,
  overdue_findings: 0,
  findings: [finding(1, 'accepted', '消防通道堵塞'), finding(2, 'open', '餐具未消毒')],
  created_by: 3,
  created_at: '2024-07-15T10:00:00+08:00',
};

describe('inspection dialog', () => {
  it('locks the accepted findings', () => {
    const draft = inspectionDraft(inspection);
    expect(draft.findings.map((f) => f.locked)).toEqual([true, false]);
    expect(draft).toMatchObject({ date: '2024-07-15', inspector: '李四', notes: '' });
  });

  it('sends nothing when nothing changed', () => {
    expect(inspectionPatch(inspectionDraft(inspection), inspection)).toEqual({ body: {}, rows: [] });
  });

  it('sends what changed, the changed findings by id and the added ones', () => {
    const draft = inspectionDraft(inspection);
    draft.notes = '复查';
    draft.findings[0]!.description = '改了也不发送';
    draft.findings[1]!.deadline = '2024-08-10';
    draft.findings.push({ ...blankFinding(), description: '灭火器过期', deadline: '2024-08-01' });
    expect(inspectionPatch(draft, inspection)).toEqual({
      body: {
        notes: '复查',
        findings: [
          { id: 2, deadline: '2024-08-10' },
          { description: '灭火器过期', deadline: '2024-08-01' },
        ],
      },
      rows: [1, 2],
    });
  });

  it("puts a finding's error on the row it came from", () => {
    const rows = [1, 2];
    expect(draftField('findings[1].deadline', rows)).toBe('findings[2].deadline');
    expect(draftField('findings[0]', rows)).toBe('findings[1]');
    expect(draftField('findings[7].id', rows)).toBe('findings[7].id');
    expect(draftField('date', rows)).toBe('date');
    const errors = { 'findings[2].deadline': '整改期限不能早于检查日期' };
    expect(findingError(errors, 2)).toBe('整改期限不能早于检查日期');
    expect(findingError(errors, 1)).toBe('');
    expect(findingError({ 'findings[1]': '已验收销号，不能修改' }, 1)).toBe('已验收销号，不能修改');
    expect(findingError({ 'findings[12]': 'x' }, 1)).toBe('');
  });
});
