import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { getCsrfToken } from '@/api/http';
import { useSessionStore } from './session';

const session = {
  user: { id: 2, username: 'nanan', display_name: '南岸区管理员', role: 'manager', org_id: 12, org_name: '南岸区总工会' },
  permissions: ['activity:activity:read', 'activity:activity:write'],
  csrf_token: 'csrf-abc',
};

function answer(status: number, body: unknown): Promise<Response> {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
}

describe('session store', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    setActivePinia(createPinia());
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  it('probes GET /auth/me once and keeps the CSRF token', async () => {
    fetchMock.mockImplementation(() => answer(200, session));
    const store = useSessionStore();
    expect(await store.probe()).toBe(true);
    expect(await store.probe()).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/v1/auth/me');
    expect(store.user?.org_name).toBe('南岸区总工会');
    expect(getCsrfToken()).toBe('csrf-abc');
  });

  it('is anonymous after a 401 from the probe', async () => {
    fetchMock.mockImplementation(() => answer(401, { error: { code: 'unauthenticated', message: '请先登录' } }));
    const store = useSessionStore();
    expect(await store.probe()).toBe(false);
    expect(store.permissions).toEqual([]);
    expect(getCsrfToken()).toBe('');
  });

  it('forgets everything on sign-out even if the server call fails', async () => {
    fetchMock.mockImplementationOnce(() => answer(200, session));
    const store = useSessionStore();
    await store.signIn('nanan', 'gonghui-demo');
    expect(store.signedIn).toBe(true);
    expect(JSON.parse(String(fetchMock.mock.calls[0]![1]?.body))).toEqual({ username: 'nanan', password: 'gonghui-demo' });
    fetchMock.mockImplementationOnce(() => answer(500, { error: { code: 'internal', message: '' } }));
    await expect(store.signOut()).rejects.toBeTruthy();
    expect(store.signedIn).toBe(false);
    expect(getCsrfToken()).toBe('');
  });
});
