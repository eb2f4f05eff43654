// Logic of 用户管理 (admins): the user list, the create form, and quick edits (role, org, disabled).
import { createUser, listUsers, updateUser } from '@/api/users';
import type { Role, User, UserCreate, UserPatch } from '@/api/types';
import { rememberOrgs } from '@/composables/use-org-names';
import { useRecordForm } from '@/composables/use-record-form';
import { usePagedList } from '@/composables/use-paged-list';

export interface UserModel {
  username: string;
  password: string;
  role: Role;
  org_id: number | null;
  display_name: string;
  disabled: boolean;
}

export const USER_FIELDS = ['username', 'password', 'role', 'org_id', 'display_name', 'disabled'] as const;

export function emptyUser(orgId: number | null): UserModel {
  return { username: '', password: '', role: 'viewer', org_id: orgId, display_name: '', disabled: false };
}

export function userCreateBody(model: UserModel): UserCreate {
  const body: UserCreate = {
    username: model.username.trim(),
    password: model.password,
    role: model.role,
    org_id: model.org_id ?? 0,
  };
  if (model.display_name.trim()) body.display_name = model.display_name.trim();
  return body;
}

export function userPatch(user: User, model: UserModel): UserPatch {
  const patch: UserPatch = {};
  if (model.role !== user.role) patch.role = model.role;
  if (model.org_id !== null && model.org_id !== user.org_id) patch.org_id = model.org_id;
  if (model.display_name.trim() !== (user.display_name ?? '')) patch.display_name = model.display_name.trim();
  if (model.disabled !== Boolean(user.disabled)) patch.disabled = model.disabled;
  return patch;
}

export function useUserList() {
  return usePagedList((page, pageSize) => listUsers({ page, page_size: pageSize }), {
    onLoaded: (users) => rememberOrgs(users.filter((u) => u.org_name).map((u) => ({ id: u.org_id, name: u.org_name ?? '' }))),
  });
}

export function userModel(user: User): UserModel {
  return {
    username: user.username,
    password: '',
    role: user.role,
    org_id: user.org_id,
    display_name: user.display_name ?? '',
    disabled: Boolean(user.disabled),
  };
}

/** @param defaultOrgId the org a new user starts in (the admin's own). */
export function useUserForm(defaultOrgId: () => number | null) {
  return useRecordForm({
    fields: USER_FIELDS,
    blank: () => emptyUser(defaultOrgId()),
    fromRecord: userModel,
    create: (model: UserModel) => createUser(userCreateBody(model)),
    patch: userPatch,
    update: updateUser,
  });
}
