// Organisation endpoints (docs/api.md § Organisations).
import { http } from './http';
import type { Axis, Items, Org, OrgCreate, OrgMove, OrgPatch, OrgQuery, Page } from './types';

/** Search by name within the caller's subtree (or `org_id`'s). */
export function listOrgs(query: OrgQuery = {}): Promise<Page<Org>> {
  return http.get<Page<Org>>('/orgs', query);
}

export function getOrg(id: number): Promise<Org> {
  return http.get<Org>(`/orgs/${id}`);
}

export function createOrg(body: OrgCreate): Promise<Org> {
  return http.post<Org>('/orgs', body);
}

/** Changing a parent is a move; the server records it in the history. */
export function updateOrg(id: number, body: OrgPatch): Promise<Org> {
  return http.patch<Org>(`/orgs/${id}`, body);
}

/** Direct children on one axis, ordered by code then name. */
export function getOrgChildren(id: number, axis: Axis): Promise<Items<Org>> {
  return http.get<Items<Org>>(`/orgs/${id}/children`, { axis });
}

/** Root first, excluding the org itself. */
export function getOrgAncestors(id: number, axis: Axis): Promise<Items<Org>> {
  return http.get<Items<Org>>(`/orgs/${id}/ancestors`, { axis });
}

/** The org and its descendants down to `depth` (server default 2). */
export function getOrgSubtree(id: number, axis: Axis, depth?: number): Promise<Items<Org>> {
  return http.get<Items<Org>>(`/orgs/${id}/subtree`, { axis, depth });
}

export function getOrgHistory(id: number): Promise<Items<OrgMove>> {
  return http.get<Items<OrgMove>>(`/orgs/${id}/history`);
}
