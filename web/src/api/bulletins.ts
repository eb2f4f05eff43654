// Bulletin endpoints (docs/api.md § Bulletins): issues of 一周动态, their working copy (entries in
// section order), publishing frozen versions, and the exported files.
import { buildUrl, http } from './http';
import type {
  Bulletin,
  BulletinCreate,
  BulletinEntry,
  BulletinEntryCreate,
  BulletinPatch,
  BulletinQuery,
  BulletinSummary,
  BulletinVersionRef,
  ExportFormat,
  Items,
  Page,
  SectionDef,
} from './types';

/** The default sections of a new issue, in order. */
export function getSectionDefs(): Promise<Items<SectionDef>> {
  return http.get<Items<SectionDef>>('/bulletins/sections');
}

/** Newest first, as summaries; only editors see unpublished issues. */
export function listBulletins(query: BulletinQuery = {}): Promise<Page<BulletinSummary>> {
  return http.get<Page<BulletinSummary>>('/bulletins', query);
}

/** The working copy (editors) or the latest published version (others); `version` a frozen one. */
export function getBulletin(id: number, version?: number): Promise<Bulletin> {
  return http.get<Bulletin>(`/bulletins/${id}`, { version });
}

/** `number` is unique per year (409 `already_exists`, field `number`). */
export function createBulletin(body: BulletinCreate): Promise<Bulletin> {
  return http.post<Bulletin>('/bulletins', body);
}

/** Edits the working copy; `entries` is the whole ordered list. */
export function updateBulletin(id: number, body: BulletinPatch): Promise<Bulletin> {
  return http.patch<Bulletin>(`/bulletins/${id}`, body);
}

/** Appends an entry to a section: a ◆ brief drafted from a work record, or a written one. */
export function addBulletinEntry(id: number, body: BulletinEntryCreate): Promise<BulletinEntry> {
  return http.post<BulletinEntry>(`/bulletins/${id}/entries`, body);
}

/** Freezes the working copy as the next version (409 when nothing changed or there are no entries). */
export function publishBulletin(id: number): Promise<Bulletin> {
  return http.post<Bulletin>(`/bulletins/${id}/publish`);
}

/**
 * The file of a version (`draft`: the working copy; left out: the latest published). A plain link
 * downloads it (the session cookie goes along).
 */
export function bulletinExportUrl(id: number, format: ExportFormat, version?: BulletinVersionRef): string {
  return buildUrl(`/bulletins/${id}/export`, { format, version });
}

/** The HTML export as text, for a preview in a sandboxed frame. */
export function getBulletinHtml(id: number, version: BulletinVersionRef): Promise<string> {
  return http.getText(`/bulletins/${id}/export`, { format: 'html', version });
}
