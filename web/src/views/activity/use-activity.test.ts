import { describe, expect, it } from 'vitest';
import type { Activity } from '@/api/types';
import { activityRow, emptyFilters, filtersFromQuery, sortFromTable, tableSort, toApiQuery, toRouteQuery } from './use-activity';

describe('activity list filters', () => {
  it('reads filters from the URL and drops what is malformed', () => {
    const { filters, state } = filtersFromQuery({
      org_id: '12',
      axis: 'industry',
      type: 'care',
      from: '2024-05-01',
      to: 'yesterday',
      q: '六一',
      page: '3',
      page_size: '500',
      sort: 'title',
    });
    expect(filters).toEqual({ org_id: 12, axis: 'industry', type: 'care', from: '2024-05-01', to: '', q: '六一', campaign_id: null, own: false });
    expect(state).toEqual({ page: 3, pageSize: 20, sort: '-start_date' });
  });

  it('defaults everything for a plain URL', () => {
    const { filters, state } = filtersFromQuery({});
    expect(filters).toEqual(emptyFilters());
    expect(state).toEqual({ page: 1, pageSize: 20, sort: '-start_date' });
  });

  it('builds the API query from set filters only', () => {
    const filters = { ...emptyFilters(), q: '  疏散 ', from: '2024-05-01', to: '2024-05-31' };
    expect(toApiQuery(filters, { page: 2, pageSize: 50, sort: 'start_date' })).toEqual({
      page: 2,
      page_size: 50,
      sort: 'start_date',
      q: '疏散',
      from: '2024-05-01',
      to: '2024-05-31',
    });
  });

  it('round-trips through the URL, leaving defaults out', () => {
    const filters = { ...emptyFilters(), org_id: 7, type: 'meeting' as const, q: '学习' };
    const state = { page: 1, pageSize: 20, sort: '-start_date' as const };
    const query = toRouteQuery(filters, state);
    expect(query).toEqual({ org_id: '7', type: 'meeting', q: '学习' });
    expect(filtersFromQuery(query)).toEqual({ filters, state });
    const industry = { ...filters, axis: 'industry' as const };
    expect(toRouteQuery(industry, state).axis).toBe('industry');
    expect(filtersFromQuery(toRouteQuery(industry, state)).filters).toEqual(industry);
  });

  it('reads, sends and keeps the campaign of a progress link', () => {
    const { filters } = filtersFromQuery({ campaign_id: '1', org_id: '30', axis: 'territorial' });
    expect(filters.campaign_id).toBe(1);
    expect(filters.org_id).toBe(30);
    expect(toApiQuery(filters, { page: 1, pageSize: 20, sort: '-start_date' })).toMatchObject({ campaign_id: 1, org_id: 30 });
    expect(toRouteQuery(filters, { page: 1, pageSize: 20, sort: '-start_date' })).toEqual({ campaign_id: '1', org_id: '30' });
    expect(filtersFromQuery({ campaign_id: 'x' }).filters.campaign_id).toBeNull();
    expect(toApiQuery(emptyFilters(), { page: 1, pageSize: 20, sort: '-start_date' })).not.toHaveProperty('campaign_id');
  });

  it('reads, sends and keeps own=true of a 本级 link', () => {
    const state = { page: 1, pageSize: 20, sort: '-start_date' as const };
    const { filters } = filtersFromQuery({ campaign_id: '1', org_id: '30', axis: 'industry', own: 'true' });
    expect(filters).toMatchObject({ campaign_id: 1, org_id: 30, axis: 'industry', own: true });
    expect(toApiQuery(filters, state)).toMatchObject({ org_id: 30, axis: 'industry', own: true });
    expect(toRouteQuery(filters, state)).toEqual({ campaign_id: '1', org_id: '30', axis: 'industry', own: 'true' });
    expect(filtersFromQuery(toRouteQuery(filters, state)).filters).toEqual(filters);
    // Anything but `true` is the whole subtree, and the default is left out of both queries.
    expect(filtersFromQuery({ own: 'false' }).filters.own).toBe(false);
    expect(filtersFromQuery({ own: '1' }).filters.own).toBe(false);
    expect(toApiQuery(emptyFilters(), state)).not.toHaveProperty('own');
    expect(toRouteQuery({ ...filters, own: false }, state)).not.toHaveProperty('own');
  });

  it('maps table sorting onto the sorts the contract offers', () => {
    expect(sortFromTable('start_date', 'ascending')).toBe('start_date');
    expect(sortFromTable('start_date', 'descending')).toBe('-start_date');
    expect(sortFromTable('created_at', 'descending')).toBe('-created_at');
    expect(sortFromTable('created_at', 'ascending')).toBe('-start_date');
    expect(sortFromTable(null, null)).toBe('-start_date');
    expect(tableSort('-created_at')).toEqual({ prop: 'created_at', order: 'descending' });
  });
});

describe('activityRow', () => {
  it('formats what the table shows', () => {
    const activity: Activity = {
      id: 9,
      org_id: 12,
      title: '职工应急疏散、灭火接力竞赛',
      type: 'competition',
      start_date: '2024-05-20',
      end_date: '2024-05-20',
      day_part: 'pm',
      places: ['重庆莉莱食品有限公司'],
      participants: { count: 40, qualifier: '余', text: '40余人' },
      beneficiaries: [],
      target_groups: [],
      money: [{ amount_fen: 10000000, qualifier: '', purpose: '慰问', source: 'self_raised', text: '10万元' }],
      items: [],
      organisers: [
        { id: 12, name: '南岸区总工会' },
        { id: 88, name: '南岸区妇联' },
      ],
      partners: [],
      photos: [],
      body: '',
      campaign_id: null,
      created_by: 2,
      created_at: '2024-05-21T08:00:00Z',
      updated_at: '2024-05-21T08:00:00Z',
    };
    expect(activityRow(activity)).toMatchObject({
      id: 9,
      date: '2024-05-20 下午',
      organisers: '南岸区总工会、南岸区妇联',
      participants: '40余人',
      money: '10万元',
    });
  });
});
