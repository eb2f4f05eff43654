import { describe, expect, it } from 'vitest';
import type { TaskItem } from '@/api/types';
import { blankItem, itemBody, itemFlag, itemRowClass, itemSteps, itemTarget } from './use-task';

const item = (over: Partial<TaskItem>): TaskItem => ({
  id: 1, plan_id: 1, plan_title: '方案', plan_org_id: 1, plan_org_name: '重庆市总工会', plan_state: 'open', position: 1,
  org_id: 2, org_name: '南岸区总工会', title: '任务', responsible: '张三', deadline: '2026-12-31', target_count: null,
  target_unit: '', target_text: '', achieved: null, percent: null, state: 'not_started', state_label: '未开始',
  assigned_on: '2026-12-01', last_report_on: null, report_due_on: '2026-12-15', completed_on: null, closed_on: null,
  overdue: false, days_overdue: 0, stale: false, days_since_report: 0, owner: false, ...over,
});
const t = (key: string, v?: Record<string, unknown>) => `${key}:${String(v?.n)}`;

describe('task items', () => {
  it('offers report and complete while open, accept and return to the owner once done', () => {
    expect(itemSteps(item({}), true)).toEqual(['report', 'complete']);
    expect(itemSteps(item({ state: 'in_progress' }), true)).toEqual(['report', 'complete']);
    expect(itemSteps(item({ state: 'done' }), true)).toEqual([]);
    expect(itemSteps(item({ state: 'done', owner: true }), true)).toEqual(['accept', 'return']);
    expect(itemSteps(item({ state: 'closed', owner: true }), true)).toEqual([]);
    expect(itemSteps(item({}), false)).toEqual([]);
    expect(itemSteps(item({ plan_state: 'closed' }), true)).toEqual([]);
  });

  it('flags overdue and stale items', () => {
    expect(itemFlag(item({ overdue: true, days_overdue: 3 }), t)).toBe('task.flags.overdue:3');
    expect(itemFlag(item({ overdue: true, days_overdue: 3, stale: true, days_since_report: 20 }), t)).toBe('task.flags.overdue:3，task.flags.stale:20');
    expect(itemFlag(item({}), t)).toBe('');
    expect(itemRowClass(item({ overdue: true }))).toBe('row-overdue');
    expect(itemRowClass(item({ stale: true }))).toBe('row-stale');
    expect(itemRowClass(item({}))).toBe('');
  });

  it('writes the target as a bulletin would', () => {
    expect(itemTarget({ target_count: 10, target_unit: '个', target_text: '' })).toBe('10个');
    expect(itemTarget({ target_count: null, target_unit: '', target_text: '覆盖主要平台企业' })).toBe('覆盖主要平台企业');
    expect(itemTarget({ target_count: 5, target_unit: '家', target_text: '重点企业' })).toBe('5家；重点企业');
  });

  it('leaves empty target fields out of an item body', () => {
    expect(itemBody(blankItem(2, '2026-12-31'))).toEqual({ org_id: 2, title: '', responsible: '', deadline: '2026-12-31' });
    expect(itemBody({ ...blankItem(2, '2026-12-31'), target_count: 10, target_unit: '个' })).toMatchObject({ target_count: 10, target_unit: '个' });
  });
});
