import { describe, expect, it } from 'vitest';
import type { RouteLocationNormalized } from 'vue-router';
import type { Permission } from '@/api/types';
import { decide } from './guard';

function route(partial: Partial<RouteLocationNormalized>): RouteLocationNormalized {
  return { name: undefined, path: '/', fullPath: '/', query: {}, params: {}, hash: '', matched: [], meta: {},
    redirectedFrom: undefined, ...partial } as RouteLocationNormalized;
}

const manager = (granted: Permission[]) => ({ signedIn: true, can: (p: Permission | undefined) => !p || granted.includes(p) });
const anonymous = { signedIn: false, can: () => false };

describe('decide', () => {
  it('sends anonymous users to login, remembering where they were going', () => {
    expect(decide(route({ fullPath: '/activity?q=x', meta: { permission: 'activity:activity:read' } }), anonymous)).toEqual({
      name: 'login',
      query: { redirect: '/activity?q=x' },
    });
    expect(decide(route({ fullPath: '/' }), anonymous)).toEqual({ name: 'login' });
  });

  it('lets anyone open a public page', () => {
    expect(decide(route({ name: 'login', meta: { public: true } }), anonymous)).toBe(true);
  });

  it('keeps signed-in users off the login page, honouring only same-site redirects', () => {
    const s = manager([]);
    expect(decide(route({ name: 'login', meta: { public: true }, query: { redirect: '/org' } }), s)).toBe('/org');
    expect(decide(route({ name: 'login', meta: { public: true }, query: { redirect: '//evil.example' } }), s)).toBe('/');
  });

  it('refuses a route whose permission is missing', () => {
    const s = manager(['activity:activity:read']);
    expect(decide(route({ meta: { permission: 'activity:activity:read' } }), s)).toBe(true);
    expect(decide(route({ meta: { permission: 'audit:log:read' } }), s)).toEqual({ name: 'forbidden' });
  });
});
