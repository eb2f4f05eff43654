// 用人单位 endpoints (docs/api.md § Enterprises): the census — its list page, and the search for a
// contract's employer or a record's enterprise — with its export, registration and edit.
import { buildUrl, http } from './http';
import type { Enterprise, EnterpriseCreate, EnterprisePatch, EnterpriseQuery, Page, TableFormat } from './types';

export function listEnterprises(query: EnterpriseQuery = {}): Promise<Page<Enterprise>> {
  return http.get<Page<Enterprise>>('/enterprises', query);
}

export function getEnterprise(id: number): Promise<Enterprise> {
  return http.get<Enterprise>(`/enterprises/${id}`);
}

/** 422 field `credit_code` when the GB 32100 check character is wrong; 409 when already registered. */
export function createEnterprise(body: EnterpriseCreate): Promise<Enterprise> {
  return http.post<Enterprise>('/enterprises', body);
}

export function updateEnterprise(id: number, body: EnterprisePatch): Promise<Enterprise> {
  return http.patch<Enterprise>(`/enterprises/${id}`, body);
}

/** The download link of GET /enterprises/export for the list's filters (without paging). */
export function enterpriseExportUrl(filters: EnterpriseQuery, format: TableFormat): string {
  const rest: EnterpriseQuery = { ...filters };
  delete rest.page;
  delete rest.page_size;
  return buildUrl('/enterprises/export', { ...rest, format });
}
