import { describe, expect, it } from 'vitest';
import { enterpriseExportUrl } from '@/api/enterprises';
import type { Enterprise } from '@/api/types';
import { createBody, emptyEnterprise, enterpriseModel, enterprisePatch, enterpriseQuery } from './use-enterprise';
import { isValidCreditCode } from './rules';

const enterprise: Enterprise = {
  id: 5,
  org_id: 12,
  name: '重庆某某食品有限公司',
  credit_code: '91350100M000100Y43',
  kind: 'above_scale_private',
  region_code: '500108',
  industry: '食品制造',
  employees: 320,
  union_org_id: 812,
  union_name: '重庆某某食品有限公司工会',
  created_at: '',
  updated_at: '',
  flags: [],
};

describe('enterprise form', () => {
  it('sends nothing when nothing changed', () => {
    expect(enterprisePatch(enterprise, enterpriseModel(enterprise))).toEqual({});
  });

  it('sends only what changed; an emptied 单位工会 is null and an emptied 职工人数 is 0', () => {
    const model = { ...enterpriseModel(enterprise), industry: ' 食品加工 ', employees: undefined, union_org_id: null };
    expect(enterprisePatch(enterprise, model)).toEqual({ industry: '食品加工', employees: 0, union_org_id: null });
  });

  it('takes a credit code typed in small letters as capitals', () => {
    const model = { ...enterpriseModel(enterprise), credit_code: ' 91350100m000100y43 ' };
    expect(enterprisePatch(enterprise, model)).toEqual({});
  });

  it('registers with the chosen union and without empty optional fields', () => {
    const model = { ...emptyEnterprise(812), name: ' 某某科技 ', credit_code: '91500108ma5u00001q', kind: 'platform' as const };
    expect(createBody(model)).toEqual({ org_id: 812, name: '某某科技', credit_code: '91500108MA5U00001Q', kind: 'platform' });
    expect(createBody({ ...model, employees: 0, union_org_id: 9 })).toMatchObject({ employees: 0, union_org_id: 9 });
  });

  it('builds the list query from set filters, the kind as `type`', () => {
    expect(enterpriseQuery({ org_id: 9, q: ' 食品 ', kind: 'state_owned' }, 2, 20)).toEqual({
      page: 2,
      page_size: 20,
      org_id: 9,
      q: '食品',
      type: 'state_owned',
    });
    expect(enterpriseQuery({ org_id: undefined, q: ' ', kind: '' }, 1, 20)).toEqual({ page: 1, page_size: 20 });
  });

  it('links the export of the filtered list, without paging', () => {
    const query = enterpriseQuery({ org_id: 9, q: '食品', kind: 'platform' }, 3, 20);
    expect(enterpriseExportUrl(query, 'xlsx')).toBe(
      `/api/v1/enterprises/export?org_id=9&q=${encodeURIComponent('食品')}&type=platform&format=xlsx`,
    );
    expect(enterpriseExportUrl({}, 'csv')).toBe('/api/v1/enterprises/export?format=csv');
  });
});

describe('isValidCreditCode (GB 32100)', () => {
  it('accepts a correct check character, in capitals or small letters', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100m000100y43')).toBe(true);
  });

  it('rejects a wrong check character, length, letter or division code', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M000100I43')).toBe(false);
    expect(isValidCreditCode('913501A0M000100Y43')).toBe(false);
  });
});
