// 竞赛 endpoints (docs/api.md § 竞赛 (competitions)).
import { buildUrl, http } from './http';
import type {
  AllEntriesQuery,
  CategoryRanking,
  Competition,
  CompetitionEntry,
  CompetitionQuery,
  CompetitionRanking,
  CompetitionWrite,
  EntryPatch,
  EntryWrite,
  Items,
  Page,
  QualifyResult,
  ResultWrite,
} from './types';

/** Events reaching the caller (organiser's subtree and ancestors), newest `start_date` first. */
export function listCompetitions(query: CompetitionQuery = {}): Promise<Page<Competition>> {
  return http.get<Page<Competition>>('/competitions', query);
}

export function getCompetition(id: number): Promise<Competition> {
  return http.get<Competition>(`/competitions/${id}`);
}

/** 422 naming the field (`categories[0].name`, `end_date`, `parent_id`…); 404 `org_id` out of scope. */
export function createCompetition(body: CompetitionWrite): Promise<Competition> {
  return http.post<Competition>('/competitions', body);
}

/** `categories` is the whole list; removing one with entries → 409 `categories`. */
export function updateCompetition(id: number, body: Partial<CompetitionWrite>): Promise<Competition> {
  return http.patch<Competition>(`/competitions/${id}`, body);
}

/** Entries of every visible event whose entrant union is in the subtree, newest event first. */
export function listAllEntries(query: AllEntriesQuery = {}): Promise<Page<CompetitionEntry>> {
  return http.get<Page<CompetitionEntry>>('/competitions/entries', query);
}

export function listEntries(id: number, query: { category_id?: number } = {}): Promise<Items<CompetitionEntry>> {
  return http.get<Items<CompetitionEntry>>(`/competitions/${id}/entries`, query);
}

/** 404 `org_id` outside the caller's scope; 422 `org_id` outside the organiser's subtree; 422 `name` / `team_name`. */
export function createEntry(id: number, body: EntryWrite): Promise<CompetitionEntry> {
  return http.post<CompetitionEntry>(`/competitions/${id}/entries`, body);
}

export function updateEntry(id: number, entryId: number, body: EntryPatch): Promise<CompetitionEntry> {
  return http.patch<CompetitionEntry>(`/competitions/${id}/entries/${entryId}`, body);
}

/** 409 once the entry has qualified upward. */
export function deleteEntry(id: number, entryId: number): Promise<void> {
  return http.delete(`/competitions/${id}/entries/${entryId}`);
}

/** Answers the category's ranking; 422 `results[i].place` / `results[i].score`. */
export function recordResults(id: number, categoryId: number, results: ResultWrite[]): Promise<CategoryRanking> {
  return http.post<CategoryRanking>(`/competitions/${id}/results`, { category_id: categoryId, results });
}

export function getCompetitionRanking(id: number, categoryId?: number): Promise<CompetitionRanking> {
  return http.get<CompetitionRanking>(`/competitions/${id}/ranking`, { category_id: categoryId });
}

/** The workbook (one sheet per category) as a plain link: the session cookie goes along. */
export function competitionRankingXlsxUrl(id: number, categoryId?: number): string {
  return buildUrl(`/competitions/${id}/ranking`, { category_id: categoryId, format: 'xlsx' });
}

/**
 * Enters the top `qualify_top` of the category in the parent event's category of the same name.
 * 409 `failed_precondition`: no parent (`parent_id`), no such category there (`category_id`),
 * `qualify_top` 0 (`qualify_top`), results incomplete (`results`).
 */
export function qualify(id: number, categoryId: number): Promise<QualifyResult> {
  return http.post<QualifyResult>(`/competitions/${id}/qualify`, { category_id: categoryId });
}
