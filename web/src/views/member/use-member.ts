// Logic of 会员管理: filtered list, the create/edit form model (masked ID number and phone are only
// sent back when the user typed new ones), transfer between unions with its history.
import { reactive, ref } from 'vue';
import { createMember, listMembers, listMemberTransfers, transferMember, updateMember } from '@/api/members';
import type {
  Member,
  MemberChild,
  MemberCreate,
  MemberPatch,
  MemberQuery,
  MemberStatus,
  MemberTag,
  MemberTransferRecord,
} from '@/api/types';
import { useFormErrors } from '@/composables/use-form-errors';
import { usePagedList } from '@/composables/use-paged-list';
import { useRecordForm } from '@/composables/use-record-form';
import { notifyError } from '@/utils/errors';

export interface MemberFilters {
  org_id: number | undefined;
  q: string;
  status: MemberStatus | '';
  tag: MemberTag | '';
}

export interface MemberModel {
  org_id: number | null;
  name: string;
  id_number: string;
  phone: string;
  employer: string;
  join_date: string;
  status: MemberStatus;
  tags: MemberTag[];
  children: MemberChild[];
}

export const MEMBER_FIELDS = [
  'org_id',
  'name',
  'id_number',
  'phone',
  'employer',
  'join_date',
  'status',
  'tags',
  'children',
] as const;

export function memberQuery(filters: MemberFilters, page: number, pageSize: number): MemberQuery {
  const query: MemberQuery = { page, page_size: pageSize };
  if (filters.org_id !== undefined) query.org_id = filters.org_id;
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.status) query.status = filters.status;
  if (filters.tag) query.tag = filters.tag;
  return query;
}

export function emptyMember(orgId: number | null): MemberModel {
  return {
    org_id: orgId,
    name: '',
    id_number: '',
    phone: '',
    employer: '',
    join_date: '',
    status: 'active',
    tags: [],
    children: [],
  };
}

export function memberModel(m: Member): MemberModel {
  return {
    org_id: m.org_id,
    name: m.name,
    id_number: m.id_number,
    phone: m.phone ?? '',
    employer: m.employer ?? '',
    join_date: m.join_date ?? '',
    status: m.status,
    tags: [...m.tags],
    children: m.children.map((c) => ({ ...c })),
  };
}

function cleanChildren(children: readonly MemberChild[]): MemberChild[] {
  return children.map((c) => ({ name: c.name.trim(), birth_date: c.birth_date })).filter((c) => c.name);
}

export function createBody(model: MemberModel): MemberCreate {
  const body: MemberCreate = {
    org_id: model.org_id ?? 0,
    name: model.name.trim(),
    id_number: model.id_number.trim().toUpperCase(),
    status: model.status,
    tags: [...model.tags],
    children: cleanChildren(model.children),
  };
  if (model.phone.trim()) body.phone = model.phone.trim();
  if (model.employer.trim()) body.employer = model.employer.trim();
  if (model.join_date) body.join_date = model.join_date;
  return body;
}

/** The changed fields only; a masked value that was not retyped is never sent back. */
export function memberPatch(original: Member, model: MemberModel): MemberPatch {
  const patch: MemberPatch = {};
  if (model.name.trim() !== original.name) patch.name = model.name.trim();
  const idNumber = model.id_number.trim().toUpperCase();
  if (idNumber !== original.id_number && !idNumber.includes('*')) patch.id_number = idNumber;
  const phone = model.phone.trim();
  if (phone !== (original.phone ?? '') && !phone.includes('*')) patch.phone = phone;
  if (model.employer.trim() !== (original.employer ?? '')) patch.employer = model.employer.trim();
  if (model.join_date && model.join_date !== (original.join_date ?? '')) patch.join_date = model.join_date;
  if (model.status !== original.status) patch.status = model.status;
  if (JSON.stringify(model.tags) !== JSON.stringify(original.tags)) patch.tags = [...model.tags];
  const children = cleanChildren(model.children);
  if (JSON.stringify(children) !== JSON.stringify(original.children)) patch.children = children;
  return patch;
}

export function emptyFilters(): MemberFilters {
  return { org_id: undefined, q: '', status: '', tag: '' };
}

export function useMemberList() {
  const filters = reactive<MemberFilters>(emptyFilters());
  const list = usePagedList((page, pageSize) => listMembers(memberQuery(filters, page, pageSize)));

  async function reset(): Promise<void> {
    Object.assign(filters, emptyFilters());
    await list.search();
  }

  return { filters, ...list, reset };
}

/** @param defaultOrgId the union a new member starts in (the user's own). */
export function useMemberForm(defaultOrgId: () => number | null) {
  return useRecordForm({
    fields: MEMBER_FIELDS,
    blank: () => emptyMember(defaultOrgId()),
    fromRecord: memberModel,
    create: (model: MemberModel) => createMember(createBody(model)),
    patch: memberPatch,
    update: updateMember,
  });
}

export function useMemberTransfer() {
  const model = reactive({ to_org_id: null as number | null, reason: '' });
  const history = ref<MemberTransferRecord[]>([]);
  const saving = ref(false);
  const formErrors = useFormErrors(['to_org_id', 'reason']);

  async function open(member: Member): Promise<void> {
    model.to_org_id = null;
    model.reason = '';
    formErrors.clear();
    history.value = [];
    try {
      history.value = (await listMemberTransfers(member.id)).items;
    } catch (error) {
      notifyError(error);
    }
  }

  async function save(member: Member): Promise<Member | undefined> {
    const to = model.to_org_id;
    if (to === null) return undefined;
    saving.value = true;
    try {
      return await formErrors.submit(() =>
        transferMember(member.id, model.reason.trim() ? { to_org_id: to, reason: model.reason.trim() } : { to_org_id: to }),
      );
    } finally {
      saving.value = false;
    }
  }

  return { model, history, saving, open, save, errorOf: formErrors.errorOf };
}
