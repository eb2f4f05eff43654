// Logic of 信息报送 (news items): how a state reads, what may be done in it, the timeline as shown,
// and the list of the caller's subtree with its filters.
import { reactive } from 'vue';
import { listNews } from '@/api/news';
import type { NewsEvent, NewsItem, NewsQuery, NewsState } from '@/api/types';
import { usePagedList } from '@/composables/use-paged-list';

/** Element Plus tag types, one per state: open work stands out, finished work is calm. */
export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';

const STATE_TAGS: Record<NewsState, TagType> = {
  draft: 'info',
  submitted: 'primary',
  returned: 'danger',
  resubmitted: 'warning',
  adopted: 'success',
  declined: 'info',
};

export function stateTag(state: NewsState): TagType {
  return STATE_TAGS[state] ?? 'info';
}

/** The reporter may edit and (re)submit only a draft or a returned item. */
export function isEditable(state: NewsState): boolean {
  return state === 'draft' || state === 'returned';
}

/** The editor may return, adopt or decline only what waits for review. */
export function isPending(state: NewsState): boolean {
  return state === 'submitted' || state === 'resubmitted';
}

/** Timeline actions with a label of their own (`news.actions.*`); others read as `from → to`. */
const KNOWN_ACTIONS = new Set(['create', 'update', 'submit', 'resubmit', 'return', 'adopt', 'decline', 'unadopt']);

export interface TimelineRow {
  at: string;
  /** i18n key of what happened. */
  actionKey: string;
  /** The state it went to, for the dot's colour. */
  to: NewsState;
  who: string;
  comment: string;
  section: string;
  bulletinId: number | null;
}

/**
 * The timeline as el-timeline shows it, oldest first. A `submit` from `returned` is the resubmission;
 * an action the UI does not know is labelled by the state it led to.
 */
export function timelineRows(events: readonly NewsEvent[]): TimelineRow[] {
  return [...events]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((e) => {
      const action = e.action === 'submit' && e.from_state === 'returned' ? 'resubmit' : e.action;
      return {
        at: e.at,
        actionKey: KNOWN_ACTIONS.has(action) ? `news.actions.${action}` : `news.states.${e.to_state}`,
        to: e.to_state,
        who: e.user_name,
        comment: e.comment,
        section: e.section ?? '',
        bulletinId: e.bulletin_id,
      };
    });
}

export interface NewsFilters {
  state: NewsState | '';
  from: string;
  to: string;
  q: string;
}

export function emptyNewsFilters(): NewsFilters {
  return { state: '', from: '', to: '', q: '' };
}

/** GET /news query from the filters; empty ones are left out. */
export function newsQuery(filters: NewsFilters, page: number, pageSize: number): NewsQuery {
  const query: NewsQuery = { page, page_size: pageSize };
  if (filters.state) query.state = filters.state;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (filters.q.trim()) query.q = filters.q.trim();
  return query;
}

export function useNewsList() {
  const filters = reactive<NewsFilters>(emptyNewsFilters());
  const list = usePagedList<NewsItem>((page, pageSize) => listNews(newsQuery(filters, page, pageSize)));

  async function reset(): Promise<void> {
    Object.assign(filters, emptyNewsFilters());
    await list.search();
  }

  return { filters, ...list, reset };
}
