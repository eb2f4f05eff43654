// 关爱行动 endpoints (docs/api.md § 关爱行动 (campaigns)).
import { http } from './http';
import type { Axis, Campaign, CampaignProgress, CampaignQuery, CampaignWrite, Page } from './types';

/** Newest `date_from` first. */
export function listCampaigns(query: CampaignQuery = {}): Promise<Page<Campaign>> {
  return http.get<Page<Campaign>>('/campaigns', query);
}

/** 404 when the campaign does not reach the caller. */
export function getCampaign(id: number): Promise<Campaign> {
  return http.get<Campaign>(`/campaigns/${id}`);
}

/** 422 `date_to` when before `date_from`. */
export function createCampaign(body: CampaignWrite): Promise<Campaign> {
  return http.post<Campaign>('/campaigns', body);
}

/** Never `org_id`; narrowing the period past a linked record → 409 `date_from` / `date_to`. */
export function updateCampaign(id: number, body: Partial<CampaignWrite>): Promise<Campaign> {
  return http.patch<Campaign>(`/campaigns/${id}`, body);
}

/** One row per child union on the axis (plus 本级), each summing its subtree. */
export function getCampaignProgress(id: number, query: { org_id?: number; axis?: Axis } = {}): Promise<CampaignProgress> {
  return http.get<CampaignProgress>(`/campaigns/${id}/progress`, query);
}
