// The figures of the 工作台 grouped by area, and how a row of any linked list reads in the drawer.
// Pure and unit-tested.
import type { DashboardFigure } from '@/api/types';

export const AREAS = ['activity', 'news', 'childcare', 'campaign', 'competition', 'honour', 'labour', 'task', 'member', 'org'] as const;

export interface AreaGroup {
  area: string;
  figures: DashboardFigure[];
}

/** The figures by area in the order of AREAS (areas the caller cannot read are absent). */
export function groupFigures(figures: DashboardFigure[]): AreaGroup[] {
  return AREAS.map((area) => ({ area, figures: figures.filter((f) => f.area === area) })).filter((g) => g.figures.length > 0);
}

/** What a figure shows: "623 个", a rate "60.1%", a rank "第 3 名". */
export function figureValue(f: DashboardFigure): string {
  if (f.unit === '%') return f.phrase;
  if (f.key === 'news.rank') return `第 ${f.value} 名`;
  return `${f.value.toLocaleString('zh-CN')} ${f.unit}`;
}

/** The text the bulletin composer receives: the sentence and its citation. */
export function figureText(f: DashboardFigure): string {
  return `${f.sentence}${f.citation}`;
}

/** A row of a linked list as [title, union, date] — whatever the list holds. */
export function rowSummary(row: Record<string, unknown>): [string, string, string] {
  const text = (k: string) => (typeof row[k] === 'string' ? (row[k] as string) : '');
  const title = text('title') || text('name') || text('number') || text('case_no') || String(row.id ?? '');
  const org = text('org_name') || text('union_name') || text('plan_org_name');
  const date = text('start_date') || text('deadline') || text('held_on') || text('date_from') || text('join_date') || text('created_at').slice(0, 10);
  return [title, org, date];
}
