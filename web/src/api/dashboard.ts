// The dashboard (docs/api.md § 工作台) and the lists its figures link to.
import { http } from './http';
import type { Dashboard, DashboardQuery, DashboardRanking, DashboardTrend, Page } from './types';

export function getDashboard(query: DashboardQuery = {}): Promise<Dashboard> {
  return http.get<Dashboard>('/dashboard', query);
}

export interface TrendQuery {
  key: string;
  org_id?: number;
  axis?: 'territorial' | 'industry';
  by?: 'month' | 'week';
  from?: string;
  to?: string;
}

export function getTrend(query: TrendQuery): Promise<DashboardTrend> {
  return http.get<DashboardTrend>('/dashboard/trends', { ...query });
}

export function getRanking(query: { key: string; org_id?: number; axis?: 'territorial' | 'industry'; year?: number }): Promise<DashboardRanking> {
  return http.get<DashboardRanking>('/dashboard/ranking', { ...query });
}

/** The path below /api/v1 and the query of a figure's link. */
export function splitLink(link: string): { path: string; query: Record<string, string> } {
  const url = new URL(link, 'http://x');
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => {
    query[key] = value;
  });
  return { path: url.pathname.replace(/^\/api\/v1/, ''), query };
}

/** A page of the list behind a figure (the same list, so `total` is the figure). */
export function getLinkedPage(link: string, page = 1, pageSize = 20): Promise<Page<Record<string, unknown>>> {
  const { path, query } = splitLink(link);
  return http.get<Page<Record<string, unknown>>>(path, { ...query, page, page_size: pageSize });
}
