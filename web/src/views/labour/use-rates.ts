// Logic of the 劳动关系看板: the filters' query (enterprise kinds joined with a comma, which
// URLSearchParams writes %2C as the server requires), the one-click bulletin preset, the rates'
// percentages, the API links read back into queries (the counts open their lists through the
// statistics page's routeOfLink), and the chart of a rate by child org. Pure and unit-tested.
import type { EnterpriseKind, RateBreakdownRow, RateKey, RatesQuery, RateUnitsQuery } from '@/api/types';

/** 国有企业、事业单位及规上非公企业 — the units the bulletin's rates are written over. */
export const BULLETIN_KINDS: readonly EnterpriseKind[] = ['state_owned', 'public_institution', 'above_scale_private'];

export const RATE_KEYS: readonly RateKey[] = ['union_founding', 'membership', 'factory_affairs', 'workers_congress', 'contract_signing', 'renewal'];

/** The counts beside the rates, in the order shown. */
export const COUNT_KEYS = ['visits', 'trainings', 'trained', 'consultations', 'new_forms_consultations', 'documents', 'mediations'] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

export interface RateFilters {
  org_id: number | undefined;
  year: number;
  kinds: EnterpriseKind[];
  /** 本级: the units registered at the org itself. */
  own: boolean;
}

export function ratesQuery(f: RateFilters): RatesQuery {
  const query: RatesQuery = { year: f.year };
  if (f.org_id !== undefined) query.org_id = f.org_id;
  if (f.kinds.length) query.kinds = f.kinds.join(',');
  if (f.own) query.level = 'own';
  return query;
}

export function isBulletinPreset(kinds: readonly EnterpriseKind[]): boolean {
  return kinds.length === BULLETIN_KINDS.length && BULLETIN_KINDS.every((k) => kinds.includes(k));
}

/** 0.8533 → `85.33%`; null (no denominator) → `—`. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(Math.round(rate * 10000) / 100).toFixed(2)}%`;
}

function params(link: string): URLSearchParams {
  return new URL(link, 'http://x').searchParams;
}

/** A rate-units link (`/api/v1/labour/rate-units?org_id=12&…&part=missing`) as the query to send. */
export function unitsQueryOf(link: string): RateUnitsQuery {
  const p = params(link);
  const query: RateUnitsQuery = { rate: p.get('rate') as RateKey, part: (p.get('part') ?? 'numerator') as RateUnitsQuery['part'] };
  if (p.get('org_id')) query.org_id = Number(p.get('org_id'));
  if (p.get('axis')) query.axis = p.get('axis') as RateUnitsQuery['axis'];
  if (p.get('year')) query.year = Number(p.get('year'));
  if (p.get('kinds')) query.kinds = p.get('kinds')!;
  if (p.get('contract_kind')) query.contract_kind = p.get('contract_kind')!;
  if (p.get('level') === 'own') query.level = 'own';
  return query;
}

/** A breakdown row's link (`/api/v1/labour/rates?org_id=12&…`) as the dashboard's filters. */
export function filtersOfRatesLink(link: string, current: RateFilters): RateFilters {
  const p = params(link);
  const kinds = p.get('kinds');
  return {
    org_id: Number(p.get('org_id')) || current.org_id,
    year: Number(p.get('year')) || current.year,
    kinds: kinds ? (kinds.split(',') as EnterpriseKind[]) : [],
    own: p.get('level') === 'own',
  };
}

/** The link of a count; 参训人次 lists the trainings it sums. */
export function countLink(links: Partial<Record<string, string>>, key: CountKey): string | undefined {
  return links[key === 'trained' ? 'trainings' : key];
}

export type RateChartOption = {
  grid: { left: number; right: number; top: number; bottom: number; containLabel: boolean };
  tooltip: { trigger: 'axis'; axisPointer: { type: 'shadow' } };
  xAxis: { type: 'category'; data: string[]; axisLabel: { interval: number; rotate: number } };
  yAxis: { type: 'value'; max: number; axisLabel: { formatter: string } };
  series: { name: string; type: 'bar'; data: (number | null)[]; label: { show: boolean; position: 'top'; formatter: string } }[];
};

/** A bar per row of the breakdown: the rate `key` in percent (no bar without a denominator). */
export function rateChartOption(rows: readonly RateBreakdownRow[], key: RateKey, label: string): RateChartOption {
  const names = rows.map((r) => r.org_name);
  const data = rows.map((r) => {
    const rate = r.rates.find((x) => x.key === key)?.rate;
    return rate === null || rate === undefined ? null : Math.round(rate * 10000) / 100;
  });
  return {
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{ name: label, type: 'bar', data, label: { show: rows.length <= 20, position: 'top', formatter: '{c}%' } }],
  };
}
