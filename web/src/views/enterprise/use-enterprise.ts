// Logic of 用人单位名录: the filtered census list (the export takes the same filters) and the
// register/edit form model. The registering union (登记工会) is chosen only on create.
import { reactive } from 'vue';
import { createEnterprise, listEnterprises, updateEnterprise } from '@/api/enterprises';
import type { Enterprise, EnterpriseCreate, EnterpriseKind, EnterprisePatch, EnterpriseQuery } from '@/api/types';
import { usePagedList } from '@/composables/use-paged-list';
import { useRecordForm } from '@/composables/use-record-form';

export interface EnterpriseFilters {
  org_id: number | undefined;
  q: string;
  kind: EnterpriseKind | '';
}

export interface EnterpriseModel {
  org_id: number | null;
  name: string;
  credit_code: string;
  /** '' until chosen; the form's rules require it. */
  kind: EnterpriseKind | '';
  region_code: string;
  industry: string;
  /** undefined while the field is empty (el-input-number may also give null on clear). */
  employees: number | undefined;
  union_org_id: number | null;
}

export const ENTERPRISE_FIELDS = [
  'org_id',
  'name',
  'credit_code',
  'kind',
  'region_code',
  'industry',
  'employees',
  'union_org_id',
] as const;

export function enterpriseQuery(filters: EnterpriseFilters, page: number, pageSize: number): EnterpriseQuery {
  const query: EnterpriseQuery = { page, page_size: pageSize };
  if (filters.org_id !== undefined) query.org_id = filters.org_id;
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.kind) query.type = filters.kind;
  return query;
}

export function emptyFilters(): EnterpriseFilters {
  return { org_id: undefined, q: '', kind: '' };
}

export function emptyEnterprise(orgId: number | null): EnterpriseModel {
  return {
    org_id: orgId,
    name: '',
    credit_code: '',
    kind: '',
    region_code: '',
    industry: '',
    employees: undefined,
    union_org_id: null,
  };
}

export function enterpriseModel(e: Enterprise): EnterpriseModel {
  return {
    org_id: e.org_id,
    name: e.name,
    credit_code: e.credit_code,
    kind: e.kind,
    region_code: e.region_code,
    industry: e.industry,
    employees: e.employees,
    union_org_id: e.union_org_id,
  };
}

/** GB 32100 takes capitals only; a code typed in small letters means the same code. */
function creditCode(model: EnterpriseModel): string {
  return model.credit_code.trim().toUpperCase();
}

export function createBody(model: EnterpriseModel): EnterpriseCreate {
  const body: EnterpriseCreate = {
    org_id: model.org_id ?? 0,
    name: model.name.trim(),
    credit_code: creditCode(model),
    // Required by the form's rules; an empty kind would come back as 422 `kind`.
    kind: model.kind as EnterpriseKind,
  };
  if (model.region_code.trim()) body.region_code = model.region_code.trim();
  if (model.industry.trim()) body.industry = model.industry.trim();
  if (typeof model.employees === 'number') body.employees = model.employees;
  if (model.union_org_id !== null) body.union_org_id = model.union_org_id;
  return body;
}

/** The changed fields only. An emptied 职工人数 is 0; an emptied 单位工会 is sent as null (未建会). */
export function enterprisePatch(original: Enterprise, model: EnterpriseModel): EnterprisePatch {
  const patch: EnterprisePatch = {};
  if (model.name.trim() !== original.name) patch.name = model.name.trim();
  if (creditCode(model) !== original.credit_code) patch.credit_code = creditCode(model);
  if (model.kind && model.kind !== original.kind) patch.kind = model.kind;
  if (model.region_code.trim() !== original.region_code) patch.region_code = model.region_code.trim();
  if (model.industry.trim() !== original.industry) patch.industry = model.industry.trim();
  if ((model.employees ?? 0) !== original.employees) patch.employees = model.employees ?? 0;
  if (model.union_org_id !== original.union_org_id) patch.union_org_id = model.union_org_id;
  return patch;
}

export function useEnterpriseList() {
  const filters = reactive<EnterpriseFilters>(emptyFilters());
  const list = usePagedList((page, pageSize) => listEnterprises(enterpriseQuery(filters, page, pageSize)));

  async function reset(): Promise<void> {
    Object.assign(filters, emptyFilters());
    await list.search();
  }

  return { filters, ...list, reset };
}

/** @param defaultOrgId the union a new enterprise is registered by (the user's own). */
export function useEnterpriseForm(defaultOrgId: () => number | null) {
  return useRecordForm({
    fields: ENTERPRISE_FIELDS,
    blank: () => emptyEnterprise(defaultOrgId()),
    fromRecord: enterpriseModel,
    create: (model: EnterpriseModel) => createEnterprise(createBody(model)),
    patch: enterprisePatch,
    update: updateEnterprise,
  });
}
