// The figures of the 工作台 grouped by area, and how a row of any linked list reads in the drawer.
// Pure and unit-tested.
import type { EChartsCoreOption } from 'echarts/core';
import type { DashboardFigure, DashboardRanking, DashboardTrend } from '@/api/types';

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

/** The figures a trend can follow: those read from a list over dates (docs/api.md § 工作台). */
export const TREND_KEYS = ['activities', 'news.submitted', 'news.adopted', 'labour.consultations'] as const;
export function trendable(f: DashboardFigure): boolean {
  return (TREND_KEYS as readonly string[]).includes(f.key) || f.key.startsWith('activities.');
}

/** The figures the ranking can order the child unions by (not the rank itself nor a campaign). */
export function rankable(f: DashboardFigure): boolean {
  return f.key !== 'news.rank' && !f.key.startsWith('campaign.');
}

/** Bars of each period beside a line of the same days a year earlier. */
export function trendOption(trend: DashboardTrend, names: { current: string; previous: string }): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [names.current, names.previous] },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: trend.points.map((p) => p.label) },
    yAxis: { type: 'value', name: trend.unit, minInterval: 1 },
    series: [
      { name: names.current, type: 'bar', data: trend.points.map((p) => p.value) },
      { name: names.previous, type: 'line', data: trend.points.map((p) => p.previous.value) },
    ],
  };
}

/** What a ranking bar shows: a count, or a rate as a percentage with one decimal. */
export function rankingValue(ranking: DashboardRanking, value: number | null): number {
  if (value === null) return 0;
  return ranking.unit === '%' ? Math.round(value * 1000) / 10 : value;
}

/** Horizontal bars, the first-ranked at the top. */
export function rankingOption(ranking: DashboardRanking): EChartsCoreOption {
  const items = [...ranking.items].reverse();
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 150, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value', name: ranking.unit, minInterval: ranking.unit === '%' ? undefined : 1 },
    yAxis: { type: 'category', data: items.map((i) => `${i.rank}. ${i.org_name}`) },
    series: [{ name: ranking.label, type: 'bar', data: items.map((i) => rankingValue(ranking, i.value)) }],
  };
}
