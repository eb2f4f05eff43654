import { describe, expect, it } from 'vitest';
import { buildUrl } from '@/api/http';
import type { RateBreakdownRow } from '@/api/types';
import { routeOfLink } from '@/views/stats/use-stats';
import { BULLETIN_KINDS, countLink, filtersOfRatesLink, formatPercent, isBulletinPreset, rateChartOption, ratesQuery, unitsQueryOf } from './use-rates';
import { isCityOrg } from './use-city';

const links = { numerator: '', denominator: '', missing: '' };

describe('labour rates', () => {
  it('joins the kinds with a comma that the URL writes %2C', () => {
    const query = ratesQuery({ org_id: 12, year: 2026, kinds: [...BULLETIN_KINDS], own: false });
    expect(query).toEqual({ org_id: 12, year: 2026, kinds: 'state_owned,public_institution,above_scale_private' });
    expect(buildUrl('/labour/rates', query)).toBe('/api/v1/labour/rates?year=2026&org_id=12&kinds=state_owned%2Cpublic_institution%2Cabove_scale_private');
    expect(ratesQuery({ org_id: undefined, year: 2026, kinds: [], own: true })).toEqual({ year: 2026, level: 'own' });
    expect(isBulletinPreset(['above_scale_private', 'state_owned', 'public_institution'])).toBe(true);
    expect(isBulletinPreset(['state_owned'])).toBe(false);
  });

  it('reads percentages and links', () => {
    expect(formatPercent(0.8533)).toBe('85.33%');
    expect(formatPercent(1)).toBe('100.00%');
    expect(formatPercent(null)).toBe('—');
    const link = '/api/v1/labour/rate-units?org_id=12&axis=territorial&year=2026&level=own&rate=membership&kinds=state_owned%2Cplatform&part=missing';
    expect(unitsQueryOf(link)).toEqual({ rate: 'membership', part: 'missing', org_id: 12, axis: 'territorial', year: 2026, kinds: 'state_owned,platform', level: 'own' });
    const current = { org_id: 9, year: 2025, kinds: [], own: false };
    expect(filtersOfRatesLink('/api/v1/labour/rates?org_id=1&axis=territorial&year=2026&level=own&kinds=platform', current)).toEqual({ org_id: 1, year: 2026, kinds: ['platform'], own: true });
  });

  it('opens the lists behind the counts; 参训人次 lists the trainings', () => {
    const counts = { visits: '/api/v1/labour/visits?org_id=9&axis=territorial&year=2026', trainings: '/api/v1/labour/trainings?org_id=9&year=2026' };
    expect(routeOfLink(countLink(counts, 'visits'))).toEqual({ name: 'labour-visits', query: { org_id: '9', axis: 'territorial', year: '2026' } });
    expect(routeOfLink(countLink(counts, 'trained'))).toEqual({ name: 'labour-trainings', query: { org_id: '9', year: '2026' } });
    expect(routeOfLink(countLink(counts, 'documents'))).toBeNull();
  });

  it('charts one rate per row in percent, no bar without a denominator', () => {
    const row = (name: string, rate: number | null): RateBreakdownRow => ({
      org_id: 1,
      org_name: name,
      own: false,
      link: '',
      rates: [{ key: 'contract_signing', numerator: 1, denominator: 2, rate, links }],
    });
    const option = rateChartOption([row('渝中区总工会', 0.5), row('本级', null)], 'contract_signing', '集体合同签订率');
    expect(option.xAxis.data).toEqual(['渝中区总工会', '本级']);
    expect(option.series[0]).toMatchObject({ name: '集体合同签订率', data: [50, null] });
  });

  it('knows the city by the root of the tree', () => {
    expect(isCityOrg({ parent_id: null, kind: 'city' })).toBe(true);
    expect(isCityOrg({ parent_id: 1, kind: 'district' })).toBe(false);
  });
});
