// News item endpoints (docs/api.md § News items): the reporter's draft → submit cycle, the editor's
// review (return, adopt, decline) and the adoption ranking (信息采用积分).
import { buildUrl, http } from './http';
import type { NewsAdopt, NewsItem, NewsQuery, NewsWrite, Page, Ranking, RankingQuery } from './types';

/** `state=pending` is the review queue (oldest submission first); otherwise newest change first. */
export function listNews(query: NewsQuery = {}): Promise<Page<NewsItem>> {
  return http.get<Page<NewsItem>>('/news', query);
}

/** The item with its `timeline`. */
export function getNews(id: number): Promise<NewsItem> {
  return http.get<NewsItem>(`/news/${id}`);
}

/** → a draft; `org_id` defaults to the caller's org. */
export function createNews(body: NewsWrite): Promise<NewsItem> {
  return http.post<NewsItem>('/news', body);
}

/** Only in `draft` and `returned` (else 409 failed_precondition). */
export function updateNews(id: number, body: Partial<NewsWrite>): Promise<NewsItem> {
  return http.patch<NewsItem>(`/news/${id}`, body);
}

/** draft → submitted; returned → resubmitted. */
export function submitNews(id: number): Promise<NewsItem> {
  return http.post<NewsItem>(`/news/${id}/submit`);
}

/** Back to the reporter; `comment` is required (1–500 characters, 422 `comment`). */
export function returnNews(id: number, comment: string): Promise<NewsItem> {
  return http.post<NewsItem>(`/news/${id}/return`, { comment });
}

/** Appends the item to `section` of the bulletin's working copy (422 `bulletin_id` / `section`). */
export function adoptNews(id: number, body: NewsAdopt): Promise<NewsItem> {
  return http.post<NewsItem>(`/news/${id}/adopt`, body);
}

export function declineNews(id: number, comment = ''): Promise<NewsItem> {
  return http.post<NewsItem>(`/news/${id}/decline`, comment ? { comment } : {});
}

export function getRanking(query: RankingQuery): Promise<Ranking> {
  return http.get<Ranking>('/news/ranking', query);
}

/** The same table as a workbook: a plain link (the session cookie goes along). */
export function rankingXlsxUrl(query: RankingQuery): string {
  return buildUrl('/news/ranking', { ...query, format: 'xlsx' });
}
