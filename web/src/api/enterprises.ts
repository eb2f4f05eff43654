// 用人单位 endpoints (docs/api.md § Enterprises): the census, searched for a contract's employer or a
// record's enterprise.
import { http } from './http';
import type { Enterprise, EnterpriseQuery, Page } from './types';

export function listEnterprises(query: EnterpriseQuery = {}): Promise<Page<Enterprise>> {
  return http.get<Page<Enterprise>>('/enterprises', query);
}

export function getEnterprise(id: number): Promise<Enterprise> {
  return http.get<Enterprise>(`/enterprises/${id}`);
}
