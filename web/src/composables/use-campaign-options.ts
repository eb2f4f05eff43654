// The options of a 关爱行动 select (a work record's campaign, the campaign filter of the work-record
// list): campaigns reaching the caller, searched by name with GET /campaigns?q=, optionally narrowed
// to a year; a selected campaign that is not among the results is fetched once so it has a label.
import { ref, shallowRef } from 'vue';
import { getCampaign, listCampaigns } from '@/api/campaigns';
import type { Campaign } from '@/api/types';
import { notifyError } from '@/utils/errors';

/** How many campaigns one search shows. */
export const CAMPAIGN_OPTIONS_SIZE = 50;

export interface CampaignOption {
  id: number;
  /** `name（date_from ~ date_to）`: the period decides which records may report against it. */
  label: string;
}

export function campaignLabel(c: Pick<Campaign, 'name' | 'date_from' | 'date_to'>): string {
  return `${c.name}（${c.date_from} ~ ${c.date_to}）`;
}

export function useCampaignOptions() {
  const found = shallowRef<Campaign[]>([]);
  /** Campaigns fetched for a selected id (or `#id` when it no longer reaches the caller). */
  const known = ref(new Map<number, CampaignOption>());
  const loading = ref(false);
  let seq = 0;

  /** The search results, with the selected campaign first when the search did not find it. */
  function options(selected: number | null | undefined): CampaignOption[] {
    const list = found.value.map((c) => ({ id: c.id, label: campaignLabel(c) }));
    if (selected && !list.some((o) => o.id === selected)) {
      list.unshift(known.value.get(selected) ?? { id: selected, label: `#${selected}` });
    }
    return list;
  }

  async function search(q: string, year?: number): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    try {
      const page = await listCampaigns({ q: q.trim() || undefined, year, page_size: CAMPAIGN_OPTIONS_SIZE });
      if (mine === seq) found.value = page.items;
    } catch (error) {
      if (mine === seq) notifyError(error);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  /** Fetches the label of a selected campaign once (a record loaded, a list opened from a link). */
  async function ensure(id: number | null | undefined): Promise<void> {
    if (!id || known.value.has(id) || found.value.some((c) => c.id === id)) return;
    known.value.set(id, { id, label: `#${id}` });
    try {
      const c = await getCampaign(id);
      known.value.set(id, { id, label: campaignLabel(c) });
    } catch {
      // A campaign that no longer reaches the caller keeps its number as label.
    }
  }

  return { options, search, ensure, loading };
}
