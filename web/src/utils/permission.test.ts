import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useSessionStore } from '@/stores/session';
import { can, hasPermission } from './permission';

describe('can', () => {
  const granted = ['activity:activity:read', 'org:org:read'] as const;

  it('allows when nothing is required', () => {
    expect(can([], undefined)).toBe(true);
  });

  it('checks one permission', () => {
    expect(can(granted, 'activity:activity:read')).toBe(true);
    expect(can(granted, 'activity:activity:write')).toBe(false);
  });

  it('allows a list when any of it is granted', () => {
    expect(can(granted, ['audit:log:read', 'org:org:read'])).toBe(true);
    expect(can(granted, ['audit:log:read', 'auth:user:read'])).toBe(false);
  });
});

describe('hasPermission', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('reads the signed-in user permissions', () => {
    expect(hasPermission('member:member:read')).toBe(false);
    const session = useSessionStore();
    session.apply({
      user: { id: 2, username: 'nanan', display_name: '南岸', role: 'manager', org_id: 12, org_name: '南岸区总工会' },
      permissions: ['member:member:read', 'member:member:write'],
      csrf_token: 't',
    });
    expect(hasPermission('member:member:read')).toBe(true);
    expect(hasPermission('member:pii:read')).toBe(false);
    session.clear();
    expect(hasPermission('member:member:read')).toBe(false);
  });
});
