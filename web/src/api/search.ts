// Full-text search (docs/api.md § Search) over news items, bulletins and work records in the caller's
// subtree, plus published bulletins.
import { http } from './http';
import type { SearchPage, SearchQuery } from './types';

/**
 * `q` is 1–50 characters (422 `q`); hits with every word in the title first, then newest first. A
 * `kind` the caller may not read (news without `news:item:read`, work records without
 * `activity:activity:read`) is 403.
 */
export function search(query: SearchQuery): Promise<SearchPage> {
  return http.get<SearchPage>('/search', query);
}
