// The signed-in user, their permissions and the CSRF token, as answered by login or GET /auth/me.
// The only caller of the auth endpoints; the route guard asks it once per page load.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { getMe, login, logout } from '@/api/auth';
import { setCsrfToken } from '@/api/http';
import type { Permission, Session, SessionUser } from '@/api/types';

export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const permissions = ref<Permission[]>([]);
  /** True once GET /auth/me has been answered (with a session or a 401). */
  const probed = ref(false);

  const signedIn = computed(() => user.value !== null);

  function apply(session: Session): void {
    user.value = session.user;
    permissions.value = session.permissions;
    setCsrfToken(session.csrf_token);
    probed.value = true;
  }

  function clear(): void {
    user.value = null;
    permissions.value = [];
    setCsrfToken('');
  }

  /** Asks the server once whether the cookie holds a session. Network failures are retried next time. */
  async function probe(): Promise<boolean> {
    if (probed.value) return signedIn.value;
    try {
      apply(await getMe());
    } catch {
      clear();
      probed.value = true;
    }
    return signedIn.value;
  }

  /** Throws the ApiError of the login endpoint (401 wrong password, 429 locked). */
  async function signIn(username: string, password: string): Promise<void> {
    apply(await login({ username, password }));
  }

  async function signOut(): Promise<void> {
    try {
      await logout();
    } finally {
      clear();
    }
  }

  return { user, permissions, probed, signedIn, apply, clear, probe, signIn, signOut };
});
