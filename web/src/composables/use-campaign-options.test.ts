import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import type { Campaign } from '@/api/types';
import { campaignLabel, useCampaignOptions } from './use-campaign-options';

const api = vi.hoisted(() => ({ listCampaigns: vi.fn(), getCampaign: vi.fn() }));
vi.mock('@/api/campaigns', () => api);
const toast = vi.hoisted(() => vi.fn());
vi.mock('element-plus', () => ({ ElMessage: { error: toast } }));

function campaign(id: number, name: string): Campaign {
  return {
    id,
    org_id: 1,
    org_name: '重庆市总工会',
    name,
    date_from: '2024-05-20',
    date_to: '2024-06-10',
    target_count: 1000,
    target_unit: '名儿童',
    target_groups: [],
    description: '',
    created_by: 2,
    created_at: '',
    updated_at: '',
  };
}

describe('useCampaignOptions', () => {
  beforeEach(() => {
    Object.values(api).forEach((fn) => fn.mockReset());
    toast.mockReset();
  });

  it('labels a campaign with its period', () => {
    expect(campaignLabel(campaign(1, '六一关爱'))).toBe('六一关爱（2024-05-20 ~ 2024-06-10）');
  });

  it('searches by name, narrowed to a year when given', async () => {
    api.listCampaigns.mockResolvedValue({ items: [campaign(1, '六一关爱')], total: 1, page: 1, page_size: 50 });
    const o = useCampaignOptions();
    await o.search(' 六一 ', 2024);
    expect(api.listCampaigns).toHaveBeenCalledWith({ q: '六一', year: 2024, page_size: 50 });
    expect(o.options(null)).toEqual([{ id: 1, label: '六一关爱（2024-05-20 ~ 2024-06-10）' }]);
    await o.search('');
    expect(api.listCampaigns).toHaveBeenLastCalledWith({ q: undefined, year: undefined, page_size: 50 });
  });

  it('fetches the label of a selected campaign the search did not find, once', async () => {
    api.getCampaign.mockResolvedValue(campaign(7, '金秋助学'));
    const o = useCampaignOptions();
    expect(o.options(7)).toEqual([{ id: 7, label: '#7' }]);
    await o.ensure(7);
    await o.ensure(7);
    expect(api.getCampaign).toHaveBeenCalledTimes(1);
    expect(o.options(7)).toEqual([{ id: 7, label: '金秋助学（2024-05-20 ~ 2024-06-10）' }]);
  });

  it('keeps the number of a campaign that no longer reaches the caller, and toasts a failed search', async () => {
    api.getCampaign.mockRejectedValue(new ApiError(404, 'not_found', '关爱行动不存在'));
    const o = useCampaignOptions();
    await o.ensure(9);
    expect(o.options(9)).toEqual([{ id: 9, label: '#9' }]);
    expect(toast).not.toHaveBeenCalled();
    api.listCampaigns.mockRejectedValue(new ApiError(403, 'permission_denied', '没有权限'));
    await o.search('x');
    expect(toast).toHaveBeenCalledWith('没有权限');
    expect(o.loading.value).toBe(false);
  });
});
