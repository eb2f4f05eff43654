// 荣誉 endpoints (docs/api.md § 荣誉 (honours)).
import { http } from './http';
import type { Honour, HonourQuery, HonourWrite, Page } from './types';

/** Newest year first, then kind, then name. */
export function listHonours(query: HonourQuery = {}): Promise<Page<Honour>> {
  return http.get<Page<Honour>>('/honours', query);
}

/** `title` is required for kind `other` (422 `title`); `year` 1949–2100. */
export function createHonour(body: HonourWrite): Promise<Honour> {
  return http.post<Honour>('/honours', body);
}

export function updateHonour(id: number, body: Partial<HonourWrite>): Promise<Honour> {
  return http.patch<Honour>(`/honours/${id}`, body);
}

export function deleteHonour(id: number): Promise<void> {
  return http.delete(`/honours/${id}`);
}
