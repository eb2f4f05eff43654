// Logic of 全文搜索: the words and kind in the URL (so a search can be linked and the top bar can start
// one), the pages of hits, where each hit leads, and the highlighted HTML the server sends.
import { reactive } from 'vue';
import type { LocationQuery, RouteLocationRaw } from 'vue-router';
import { search } from '@/api/search';
import { SEARCH_KINDS, type Permission, type SearchHit, type SearchKind } from '@/api/types';
import { usePagedList } from '@/composables/use-paged-list';

/** The server takes 1–50 characters. */
export const Q_MAX = 50;

export interface SearchForm {
  q: string;
  kind: SearchKind | '';
}

function one(value: LocationQuery[string] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : '';
}

/** The search and page in the URL; an unknown kind means all kinds, a bad page the first. */
export function searchFromRoute(query: LocationQuery): { form: SearchForm; page: number } {
  const kind = one(query.kind);
  const page = Number(one(query.page));
  return {
    form: { q: one(query.q), kind: (SEARCH_KINDS as readonly string[]).includes(kind) ? (kind as SearchKind) : '' },
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The URL query of a search (empty parts left out). */
export function searchRouteQuery(form: SearchForm, page = 1): Record<string, string> {
  const out: Record<string, string> = { q: form.q.trim() };
  if (form.kind) out.kind = form.kind;
  if (page > 1) out.page = String(page);
  return out;
}

/** Whether the words can be sent: 1–50 characters once trimmed. */
export function searchable(q: string): boolean {
  const n = q.trim().length;
  return n > 0 && n <= Q_MAX;
}

/** The page a hit opens. */
export function hitRoute(hit: Pick<SearchHit, 'kind' | 'id'>): RouteLocationRaw {
  const name = { news: 'news-detail', bulletin: 'bulletin-view', activity: 'activity-detail' }[hit.kind];
  return { name, params: { id: hit.id } };
}

/**
 * The server's `title_html` / `snippet_html`: text it has HTML-escaped, with matches wrapped in
 * `<mark>…</mark>`. So the only `<` in a well-formed answer opens or closes a bare mark; any other `<`
 * (a server bug) is escaped here, so that nothing but text and <mark> can ever reach v-html.
 */
export function markOnly(html: string): string {
  return html.replace(/<(?!\/?mark>)/g, '&lt;');
}

/** What each kind needs to be searched (the server answers 403 otherwise). */
const KIND_PERMISSIONS: Record<SearchKind, Permission> = {
  news: 'news:item:read',
  bulletin: 'bulletin:issue:read',
  activity: 'activity:activity:read',
};

/** The kinds the user may search, in the order offered. */
export function searchableKinds(can: (permission: Permission) => boolean): SearchKind[] {
  return SEARCH_KINDS.filter((k) => can(KIND_PERMISSIONS[k]));
}

export function useSearch() {
  const form = reactive<SearchForm>({ q: '', kind: '' });
  // `capped` (more than the 10,000 matches the server counts) comes with the paged list.
  const list = usePagedList<SearchHit>((page, pageSize) =>
    search({ q: form.q.trim(), kind: form.kind || undefined, page, page_size: pageSize }),
  );

  /** Follows the URL: fills the form and loads that page (nothing to load without words). */
  async function applyRoute(query: LocationQuery): Promise<void> {
    const parsed = searchFromRoute(query);
    Object.assign(form, parsed.form);
    list.page.value = parsed.page;
    if (searchable(form.q)) await list.load();
  }

  return { form, ...list, applyRoute };
}
