// The one permission check of the front end, used by the route guard (meta.permission), the side
// menu and the v-has-perm directive. The vocabulary is the server's (`area:entity:action`); the UI
// only hides what the server refuses anyway.
import type { Permission } from '@/api/types';
import { useSessionStore } from '@/stores/session';

export type PermissionRequirement = Permission | readonly Permission[] | undefined;

/** True when nothing is required, or when `granted` holds the permission (for a list: any of them). */
export function can(granted: readonly Permission[], required: PermissionRequirement): boolean {
  if (required === undefined) return true;
  if (typeof required === 'string') return granted.includes(required);
  return required.length === 0 || required.some((p) => granted.includes(p));
}

/** Checks against the signed-in user's permissions. */
export function hasPermission(required: PermissionRequirement): boolean {
  return can(useSessionStore().permissions, required);
}
