// Audit log (docs/api.md § Audit), admins only.
import { http } from './http';
import type { AuditEntry, AuditQuery, Page } from './types';

export function listAudit(query: AuditQuery = {}): Promise<Page<AuditEntry>> {
  return http.get<Page<AuditEntry>>('/audit', query);
}
