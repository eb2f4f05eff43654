import { describe, expect, it } from 'vitest';
import type { Org } from '@/api/types';
import { childKind, childModel, createBody, editModel, orgPatch } from './use-org';

const nanan: Org = {
  id: 12,
  name: '南岸区总工会',
  short_name: '南岸区',
  kind: 'district',
  code: '500108',
  parent_id: 1,
  industry_parent_id: null,
  is_partner: false,
  child_count: 17,
  created_at: '',
  updated_at: '',
};

describe('org edit', () => {
  it('sends nothing when nothing changed, so no move is recorded', () => {
    expect(orgPatch(nanan, editModel(nanan))).toEqual({});
  });

  it('sends a changed name and a new parent only', () => {
    expect(orgPatch(nanan, { ...editModel(nanan), name: ' 南岸区总工会（新） ', parent_id: 2 })).toEqual({
      name: '南岸区总工会（新）',
      parent_id: 2,
    });
  });

  it('clears the industry parent with null', () => {
    const org = { ...nanan, industry_parent_id: 5 };
    expect(orgPatch(org, { ...editModel(org), industry_parent_id: null })).toEqual({ industry_parent_id: null });
  });
});

describe('new child org', () => {
  it('guesses the usual kind below a parent', () => {
    expect(childKind('city', 'territorial')).toBe('district');
    expect(childKind('city', 'industry')).toBe('industry');
    expect(childKind('district', 'territorial')).toBe('street');
    expect(childKind('street', 'territorial')).toBe('grassroots');
  });

  it('is placed under the selected org on the territorial axis', () => {
    const model = { ...childModel(nanan, 'territorial'), name: '南坪街道工会', code: '500108001' };
    expect(createBody(model)).toEqual({ name: '南坪街道工会', kind: 'street', parent_id: 12, code: '500108001' });
  });

  it('on the industry axis needs a territorial parent too', () => {
    const industry = { ...nanan, id: 30, kind: 'industry' as const, name: '市交通建设工会' };
    const model = { ...childModel(industry, 'industry'), name: '某公交公司工会' };
    expect(model.industry_parent_id).toBe(30);
    expect(createBody(model)).toBeNull();
    expect(createBody({ ...model, parent_id: 12 })).toEqual({
      name: '某公交公司工会',
      kind: 'grassroots',
      parent_id: 12,
      industry_parent_id: 30,
    });
  });
});
