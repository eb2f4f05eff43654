import { describe, expect, it } from 'vitest';
import type { Campaign, CampaignProgress } from '@/api/types';
import { blankCampaign, campaignFromRecord, campaignPatch, campaignPayload, progressOption } from './use-campaign';

const campaign: Campaign = {
  id: 1,
  org_id: 1,
  org_name: '重庆市总工会',
  name: '2024年“六一”儿童节关爱行动',
  date_from: '2024-05-20',
  date_to: '2024-06-10',
  target_count: 1000,
  target_unit: '名儿童',
  target_groups: ['农民工子女'],
  description: '',
  created_by: 2,
  created_at: '',
  updated_at: '',
};

describe('campaigns', () => {
  it('builds the POST body and the PATCH of what changed', () => {
    const m = { ...blankCampaign(), name: ' 关爱 ', date_from: '2024-05-20', date_to: '2024-06-10', target_count: 10, target_unit: '', target_groups: [' 农民工子女 ', ''] };
    expect(campaignPayload(m)).toEqual({
      name: '关爱',
      date_from: '2024-05-20',
      date_to: '2024-06-10',
      target_count: 10,
      target_unit: '人',
      target_groups: ['农民工子女'],
      description: '',
    });
    const edit = campaignFromRecord(campaign);
    expect(campaignPatch(campaign, edit)).toEqual({});
    edit.date_to = '2024-06-30';
    edit.org_id = 9;
    expect(campaignPatch(campaign, edit)).toEqual({ date_to: '2024-06-30' });
  });

  it('charts the beneficiaries per union, 本级 named', () => {
    const figures = { activities: 1, money_fen: 0, items: [], ratio: 0.5, link: '' };
    const progress: CampaignProgress = {
      campaign,
      org_id: 1,
      org_name: '重庆市总工会',
      axis: 'territorial',
      total: { ...figures, beneficiaries: 600 },
      rows: [
        { ...figures, org_id: 30, org_name: '大足区总工会', own: false, beneficiaries: 500 },
        { ...figures, org_id: 1, org_name: '重庆市总工会', own: true, beneficiaries: 100 },
      ],
    };
    const option = progressOption(progress, '受益', '本级');
    expect(option.xAxis.data).toEqual(['大足区总工会', '本级']);
    expect(option.series[0]!.data).toEqual([500, 100]);
  });
});
