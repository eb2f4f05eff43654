import { describe, expect, it } from 'vitest';
import type { ChildcareStatsRow } from '@/api/types';
import { classesByOrgOption, linkWith, routeOfLink } from './use-stats';

describe('routeOfLink', () => {
  it('maps the contract links to the list pages with their filters', () => {
    expect(routeOfLink('/api/v1/childcare/classes?org_id=1&axis=territorial&grade=national')).toEqual({
      name: 'childcare',
      query: { org_id: '1', axis: 'territorial', grade: 'national' },
    });
    expect(routeOfLink('/api/v1/childcare/enrolments?org_id=12&axis=territorial&status=enrolled')).toEqual({
      name: 'childcare',
      query: { org_id: '12', axis: 'territorial' },
    });
    expect(routeOfLink('/api/v1/activities?campaign_id=1&org_id=30&axis=territorial')).toEqual({
      name: 'activity',
      query: { campaign_id: '1', org_id: '30', axis: 'territorial' },
    });
    expect(routeOfLink('/api/v1/activities?campaign_id=1&org_id=30&axis=territorial&own=true')).toEqual({
      name: 'activity',
      query: { campaign_id: '1', org_id: '30', axis: 'territorial', own: 'true' },
    });
    expect(routeOfLink('/api/v1/honours?kind=may_day_medal&org_id=1')).toEqual({ name: 'honour', query: { kind: 'may_day_medal', org_id: '1' } });
    expect(routeOfLink('/api/v1/competitions/entries?org_id=1&axis=territorial&year=2024&own=true')).toEqual({
      name: 'competition-entries',
      query: { org_id: '1', axis: 'territorial', year: '2024', own: 'true' },
    });
    expect(routeOfLink('/api/v1/childcare/findings?org_id=1')).toBeNull();
    expect(routeOfLink(undefined)).toBeNull();
  });
});

describe('linkWith', () => {
  it('adds or replaces one filter of a link', () => {
    expect(linkWith('/api/v1/competitions/entries?org_id=1&axis=territorial', 'awarded', 'true')).toBe(
      '/api/v1/competitions/entries?org_id=1&axis=territorial&awarded=true',
    );
    expect(linkWith('/api/v1/competitions/entries?awarded=false', 'awarded', 'true')).toBe('/api/v1/competitions/entries?awarded=true');
    expect(linkWith(undefined, 'awarded', 'true')).toBeUndefined();
  });
});

describe('classesByOrgOption', () => {
  it('stacks the class counts by grade per org', () => {
    const row = (name: string, national: number, municipal: number): ChildcareStatsRow => ({
      org_id: 1,
      org_name: name,
      classes_total: national + municipal,
      classes_by_grade: { national, municipal, district: 0, none: 0 },
      classes_run: 0,
      children_enrolled: 0,
      children_served: 0,
      subsidy_fen: 0,
      attendance_present: 0,
      attendance_recorded: 0,
      attendance_rate: null,
      link: '',
    });
    const option = classesByOrgOption([row('南岸区总工会', 1, 2), row('渝中区总工会', 0, 3)], (g) => g.toUpperCase());
    expect(option.xAxis.data).toEqual(['南岸区总工会', '渝中区总工会']);
    expect(option.legend.data).toEqual(['NATIONAL', 'MUNICIPAL', 'DISTRICT', 'NONE']);
    expect(option.series[1]).toEqual({ name: 'MUNICIPAL', type: 'bar', stack: 'classes', data: [2, 3] });
    expect(option.xAxis.axisLabel.rotate).toBe(0);
  });
});
