// Logic of the 关爱行动 pages: the form model ⇄ POST body / PATCH, and the chart of progress by union.
// Pure and unit-tested.
import type { Campaign, CampaignProgress, CampaignWrite } from '@/api/types';

export interface CampaignModel {
  org_id: number | null;
  name: string;
  date_from: string;
  date_to: string;
  target_count: number;
  target_unit: string;
  target_groups: string[];
  description: string;
}

export const CAMPAIGN_FIELDS = ['org_id', 'name', 'date_from', 'date_to', 'target_count', 'target_unit', 'target_groups', 'description'] as const;

export function blankCampaign(): CampaignModel {
  return { org_id: null, name: '', date_from: '', date_to: '', target_count: 0, target_unit: '人', target_groups: [], description: '' };
}

export function campaignFromRecord(c: Campaign): CampaignModel {
  return {
    org_id: c.org_id,
    name: c.name,
    date_from: c.date_from,
    date_to: c.date_to,
    target_count: c.target_count,
    target_unit: c.target_unit,
    target_groups: [...c.target_groups],
    description: c.description,
  };
}

export function campaignPayload(m: CampaignModel): CampaignWrite {
  const body: CampaignWrite = {
    name: m.name.trim(),
    date_from: m.date_from,
    date_to: m.date_to,
    target_count: m.target_count,
    target_unit: m.target_unit.trim() || '人',
    target_groups: m.target_groups.map((g) => g.trim()).filter(Boolean),
    description: m.description.trim(),
  };
  if (m.org_id !== null) body.org_id = m.org_id;
  return body;
}

export function campaignPatch(record: Campaign, m: CampaignModel): Partial<CampaignWrite> {
  const next = campaignPayload(m);
  const before = campaignPayload(campaignFromRecord(record));
  const patch: Partial<CampaignWrite> = {};
  for (const key of Object.keys(next) as (keyof CampaignWrite)[]) {
    if (key !== 'org_id' && JSON.stringify(next[key]) !== JSON.stringify(before[key])) Object.assign(patch, { [key]: next[key] });
  }
  return patch;
}

/** A bar per union of the beneficiaries reached (rows in the server's order), for BarChart. */
export function progressOption(progress: CampaignProgress, seriesName: string, ownLabel: string) {
  const names = progress.rows.map((r) => (r.own ? ownLabel : r.org_name));
  return {
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    xAxis: { type: 'category' as const, data: names, axisLabel: { interval: 0, rotate: names.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: [{ name: seriesName, type: 'bar' as const, data: progress.rows.map((r) => r.beneficiaries) }],
  };
}
