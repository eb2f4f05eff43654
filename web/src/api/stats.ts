// Statistics endpoints (docs/api.md § Programme statistics, § Statistics (GET /stats/childcare)).
import { http } from './http';
import type { ChildcareStats, ProgrammeStats, StatsQuery } from './types';

export function getChildcareStats(query: StatsQuery = {}): Promise<ChildcareStats> {
  return http.get<ChildcareStats>('/stats/childcare', { ...query, year: undefined });
}

export function getProgrammeStats(query: StatsQuery = {}): Promise<ProgrammeStats> {
  return http.get<ProgrammeStats>('/stats/programmes', { org_id: query.org_id, axis: query.axis, year: query.year });
}
