// Logic of the audit log page (admins): filters → GET /audit, paging, JSON rendering of before/after.
import { reactive } from 'vue';
import { listAudit } from '@/api/audit';
import type { AuditQuery } from '@/api/types';
import { usePagedList } from '@/composables/use-paged-list';

export interface AuditFilters {
  entity: string;
  entity_id: string;
  user_id: string;
  from: string;
  to: string;
}

function idOrUndefined(value: string): number | undefined {
  const n = Number(value.trim());
  return value.trim() !== '' && Number.isInteger(n) && n > 0 ? n : undefined;
}

export function auditQuery(filters: AuditFilters, page: number, pageSize: number): AuditQuery {
  const query: AuditQuery = { page, page_size: pageSize };
  if (filters.entity.trim()) query.entity = filters.entity.trim();
  const entityId = idOrUndefined(filters.entity_id);
  if (entityId !== undefined) query.entity_id = entityId;
  const userId = idOrUndefined(filters.user_id);
  if (userId !== undefined) query.user_id = userId;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  return query;
}

/** Pretty JSON for the before/after columns; '' for null/absent. */
export function prettyJson(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}

export function emptyFilters(): AuditFilters {
  return { entity: '', entity_id: '', user_id: '', from: '', to: '' };
}

export function useAudit() {
  const filters = reactive<AuditFilters>(emptyFilters());
  const list = usePagedList((page, pageSize) => listAudit(auditQuery(filters, page, pageSize)));

  async function reset(): Promise<void> {
    Object.assign(filters, emptyFilters());
    await list.search();
  }

  return { filters, ...list, reset };
}
