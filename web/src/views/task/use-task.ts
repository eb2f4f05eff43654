// Logic of the task pages: which steps an item offers its viewer (the server decides, this only
// hides what it would refuse), how an item stands out in 督办, and the new plan's item rows.
// Pure and unit-tested.
import type { TaskItem, TaskItemWrite, TaskStep } from '@/api/types';

/** The steps `item` offers a caller who may write: report and complete while open, accept and
 * return to the plan's owner once done. */
export function itemSteps(item: TaskItem, canWrite: boolean): TaskStep[] {
  if (!canWrite || item.plan_state !== 'open') return [];
  if (item.state === 'not_started' || item.state === 'in_progress') return ['report', 'complete'];
  if (item.state === 'done' && item.owner) return ['accept', 'return'];
  return [];
}

/** 逾期3天 / 20天未报送 / '' (the flags of the 督办 list). */
export function itemFlag(item: TaskItem, t: (key: string, values?: Record<string, unknown>) => string): string {
  const flags: string[] = [];
  if (item.overdue) flags.push(t('task.flags.overdue', { n: item.days_overdue }));
  if (item.stale) flags.push(t('task.flags.stale', { n: item.days_since_report }));
  return flags.join('，');
}

/** The table row class: overdue items in red, stale ones in amber. */
export function itemRowClass(item: TaskItem): string {
  if (item.overdue) return 'row-overdue';
  if (item.stale) return 'row-stale';
  return '';
}

/** The target as written: "10个", "覆盖主要平台企业", both joined. */
export function itemTarget(item: Pick<TaskItem, 'target_count' | 'target_unit' | 'target_text'>): string {
  const parts: string[] = [];
  if (item.target_count !== null && item.target_count !== undefined) parts.push(`${item.target_count}${item.target_unit}`);
  if (item.target_text) parts.push(item.target_text);
  return parts.join('；');
}

export function blankItem(orgId: number | null, deadline: string): TaskItemWrite {
  return { org_id: orgId, title: '', responsible: '', deadline, target_count: null, target_unit: '', target_text: '' };
}

/** The body of an item row: empty target fields left out. */
export function itemBody(row: TaskItemWrite): TaskItemWrite {
  const out: TaskItemWrite = { org_id: row.org_id, title: row.title, responsible: row.responsible, deadline: row.deadline };
  if (row.target_count !== null && row.target_count !== undefined) out.target_count = row.target_count;
  if (row.target_unit) out.target_unit = row.target_unit;
  if (row.target_text) out.target_text = row.target_text;
  return out;
}
