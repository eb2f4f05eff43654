import { describe, expect, it } from 'vitest';
import type { Member } from '@/api/types';
import { createBody, emptyMember, memberModel, memberPatch, memberQuery } from './use-member';
import { isValidIdNumber } from './rules';

const member: Member = {
  id: 3,
  org_id: 812,
  name: '张三',
  id_number: '500108********1234',
  gender: 'male',
  birth_date: '1990-03-07',
  phone: '138****5678',
  employer: '某某食品有限公司',
  join_date: '2020-01-01',
  status: 'active',
  tags: ['new_employment'],
  children: [{ name: '张小三', birth_date: '2016-05-01' }],
  created_at: '',
  updated_at: '',
};

describe('member form', () => {
  it('never sends back a masked ID number or phone', () => {
    expect(memberPatch(member, memberModel(member))).toEqual({});
  });

  it('sends only what changed', () => {
    const model = { ...memberModel(member), phone: '13912345678', status: 'left' as const, tags: [] };
    expect(memberPatch(member, model)).toEqual({ phone: '13912345678', status: 'left', tags: [] });
  });

  it('creates with the chosen union and without empty optional fields', () => {
    const model = { ...emptyMember(812), name: '李四', id_number: '11010519491231002x' };
    expect(createBody(model)).toEqual({
      org_id: 812,
      name: '李四',
      id_number: '11010519491231002X',
      status: 'active',
      tags: [],
      children: [],
    });
  });

  it('builds the list query from set filters', () => {
    expect(memberQuery({ org_id: undefined, q: ' 张 ', status: '', tag: 'migrant_worker' }, 1, 20)).toEqual({
      page: 1,
      page_size: 20,
      q: '张',
      tag: 'migrant_worker',
    });
  });
});

describe('isValidIdNumber (GB 11643)', () => {
  it('accepts a correct check character', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });

  it('rejects a wrong check character or shape', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('1101051949123100')).toBe(false);
    expect(isValidIdNumber('500108********1234')).toBe(false);
  });
});
