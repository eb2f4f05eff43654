// Bulk imports (docs/api.md § Imports): the template, the upload that makes a background job,
// the job with its progress, its bad rows and their xlsx report, cancel. Member exports and the
// export log (docs/api.md § Members, admins read the log).
import { buildUrl, http } from './http';
import type {
  TableFormat,
  ExportLogEntry,
  ImportBadRow,
  ImportJob,
  ImportKind,
  ImportQuery,
  ImportUpload,
  ListQuery,
  MemberQuery,
  Page,
} from './types';

export function importTemplateUrl(kind: ImportKind): string {
  return buildUrl('/imports/template', { kind });
}

/** POST /imports: the file as the raw body → 202 the queued job; 409 field `file` for a re-import. */
export function uploadImport(file: File, options: ImportUpload): Promise<ImportJob> {
  return http.post<ImportJob>('/imports', file, { query: { file_name: file.name, ...options } });
}

export function getImport(id: number): Promise<ImportJob> {
  return http.get<ImportJob>(`/imports/${id}`);
}

export function listImports(query: ImportQuery = {}): Promise<Page<ImportJob>> {
  return http.get<Page<ImportJob>>('/imports', query);
}

export function listImportErrors(id: number, query: ListQuery = {}): Promise<Page<ImportBadRow>> {
  return http.get<Page<ImportBadRow>>(`/imports/${id}/errors`, query);
}

export function importReportUrl(id: number): string {
  return buildUrl(`/imports/${id}/report`);
}

export function cancelImport(id: number): Promise<ImportJob> {
  return http.post<ImportJob>(`/imports/${id}/cancel`);
}

export interface MemberExport {
  format: TableFormat;
  /** Needs member:pii:read and a purpose. */
  unmasked?: boolean;
  purpose?: string;
}

/** The download link of GET /members/export for the list's filters (without paging). */
export function memberExportUrl(filters: MemberQuery, options: MemberExport): string {
  const rest: MemberQuery = { ...filters };
  delete rest.page;
  delete rest.page_size;
  return buildUrl('/members/export', {
    ...rest,
    format: options.format,
    ...(options.unmasked ? { unmasked: true, purpose: options.purpose ?? '' } : {}),
  });
}

export function listExports(query: ListQuery = {}): Promise<Page<ExportLogEntry>> {
  return http.get<Page<ExportLogEntry>>('/exports', query);
}
