// v-has-perm="'activity:activity:write'" removes the element when the user lacks the permission.
import type { Directive } from 'vue';
import type { Permission } from '@/api/types';
import { hasPermission } from '@/utils/permission';

export type HasPermValue = Permission | readonly Permission[];

export const vHasPerm: Directive<HTMLElement, HasPermValue> = {
  mounted(el, binding) {
    if (!hasPermission(binding.value)) el.remove();
  },
};

declare module 'vue' {
  interface GlobalDirectives {
    vHasPerm: typeof vHasPerm;
  }
}
