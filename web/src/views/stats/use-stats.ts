// Logic of the 统计 page: the ECharts option of the class counts by district, and the mapping from
// the contract's list links (`/api/v1/childcare/classes?org_id=12&grade=municipal`) to the UI's list
// pages. Pure and unit-tested.
import type { RouteLocationRaw } from 'vue-router';
import type { ChildcareGrade, ChildcareStatsRow } from '@/api/types';
import { CHILDCARE_GRADES } from '@/api/types';

/** API list path → the route of the page that lists the same records. */
const PAGES: Record<string, string> = {
  '/childcare/classes': 'childcare',
  '/childcare/enrolments': 'childcare',
  '/activities': 'activity',
  '/honours': 'honour',
  '/competitions/entries': 'competition-entries',
  '/labour/visits': 'labour-visits',
  '/labour/trainings': 'labour-trainings',
  '/labour/consultations': 'labour-consultations',
  '/labour/documents': 'labour-documents',
  '/labour/mediations': 'labour-mediations',
};

/** The UI route behind a figure's link, or null when no page lists those records yet. */
export function routeOfLink(link: string | undefined): RouteLocationRaw | null {
  if (!link) return null;
  const url = new URL(link, 'http://x');
  const path = url.pathname.replace(/^\/api\/v1/, '');
  const name = PAGES[path];
  if (!name) return null;
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => {
    // The enrolment list has no page of its own: its figures open the classes they belong to.
    if (path === '/childcare/enrolments' && key === 'status') return;
    query[key] = value;
  });
  return { name, query };
}

/** The link with one more filter (`awarded=true` on the entries link behind 获奖). */
export function linkWith(link: string | undefined, key: string, value: string): string | undefined {
  if (!link) return undefined;
  const url = new URL(link, 'http://x');
  url.searchParams.set(key, value);
  return url.pathname + url.search;
}

export type BarChartOption = {
  grid: { left: number; right: number; top: number; bottom: number; containLabel: boolean };
  tooltip: { trigger: 'axis'; axisPointer: { type: 'shadow' } };
  legend: { data: string[]; top: number };
  xAxis: { type: 'category'; data: string[]; axisLabel: { interval: number; rotate: number } };
  yAxis: { type: 'value'; minInterval: number };
  series: { name: string; type: 'bar'; stack: string; data: number[] }[];
};

/**
 * A stacked bar per org of `by_org` (class counts by grade, national at the bottom), in the rows'
 * order. `label` names a grade in the current language.
 */
export function classesByOrgOption(rows: readonly ChildcareStatsRow[], label: (grade: ChildcareGrade) => string): BarChartOption {
  const names = rows.map((r) => r.org_name);
  return {
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: CHILDCARE_GRADES.map(label), top: 0 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: CHILDCARE_GRADES.map((grade) => ({
      name: label(grade),
      type: 'bar',
      stack: 'classes',
      data: rows.map((r) => r.classes_by_grade[grade] ?? 0),
    })),
  };
}
