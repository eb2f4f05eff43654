// Full-text search (docs/api.md § Search) over news items, bulletins and work records in the caller's
// subtree, plus published bulletins.
import { http } from './http';
import type { Page, SearchHit, SearchQuery } from './types';

/** `q` is 1–50 characters (422 `q`); hits matching in the title first, then newest first. */
export function search(query: SearchQuery): Promise<Page<SearchHit>> {
  return http.get<Page<SearchHit>>('/search', query);
}
