import { describe, expect, it } from 'vitest';
import type { User } from '@/api/types';
import { emptyUser, userCreateBody, userModel, userPatch } from './use-user';

const nanan: User = {
  id: 4,
  username: 'nanan',
  display_name: '南岸区总工会干部',
  role: 'manager',
  org_id: 12,
  org_name: '南岸区总工会',
  disabled: false,
};

describe('user form', () => {
  it('creates without an empty display name', () => {
    expect(userCreateBody({ ...emptyUser(12), username: ' li ', password: 'secret-123', role: 'reporter' })).toEqual({
      username: 'li',
      password: 'secret-123',
      role: 'reporter',
      org_id: 12,
    });
  });

  it('patches only what changed', () => {
    expect(userPatch(nanan, userModel(nanan))).toEqual({});
    expect(userPatch(nanan, { ...userModel(nanan), role: 'viewer', disabled: true })).toEqual({ role: 'viewer', disabled: true });
  });
});
