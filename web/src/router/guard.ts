// Route guard: probe the session once (GET /auth/me), send anonymous users to /login, keep signed-in
// users off /login, and refuse routes whose meta.permission the user lacks.
import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router';
import type { Permission } from '@/api/types';
import { useSessionStore } from '@/stores/session';
import { hasPermission } from '@/utils/permission';

export interface GuardState {
  signedIn: boolean;
  can: (permission: Permission | undefined) => boolean;
}

/** The pure decision: true to go on, or where to go instead. */
export function decide(to: RouteLocationNormalized, state: GuardState): true | RouteLocationRaw {
  if (to.meta.public) {
    if (state.signedIn && to.name === 'login') {
      const redirect = typeof to.query.redirect === 'string' ? to.query.redirect : '/';
      return redirect.startsWith('/') && !redirect.startsWith('//') ? redirect : '/';
    }
    return true;
  }
  if (!state.signedIn) {
    return to.fullPath === '/' ? { name: 'login' } : { name: 'login', query: { redirect: to.fullPath } };
  }
  if (!state.can(to.meta.permission)) return { name: 'forbidden' };
  return true;
}

export function installGuard(router: Router): void {
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    await session.probe();
    return decide(to, { signedIn: session.signedIn, can: hasPermission });
  });
}
