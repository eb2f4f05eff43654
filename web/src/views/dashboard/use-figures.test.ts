import { describe, expect, it } from 'vitest';
import type { DashboardFigure, DashboardRanking, DashboardTrend } from '@/api/types';
import { figureText, figureValue, groupFigures, rankable, rankingOption, rowSummary, trendable, trendOption } from './use-figures';
import { splitLink } from '@/api/dashboard';

const fig = (over: Partial<DashboardFigure>): DashboardFigure => ({
  key: 'childcare.classes', area: 'childcare', label: '爱心托管班', value: 623, unit: '个', link: '/api/v1/childcare/classes?org_id=1',
  phrase: '600余个', sentence: '全市各级工会组织举办爱心托管班600余个', citation: '（据工会工作平台统计，截至2026年12月7日为623个）', ...over,
});

describe('dashboard figures', () => {
  it('groups by area in a fixed order and leaves out empty areas', () => {
    const groups = groupFigures([fig({ area: 'task', key: 'tasks.items' }), fig({}), fig({ area: 'activity', key: 'activities' })]);
    expect(groups.map((g) => g.area)).toEqual(['activity', 'childcare', 'task']);
  });

  it('shows counts exactly, rates and ranks as such', () => {
    expect(figureValue(fig({ value: 20143, unit: '人' }))).toBe('20,143 人');
    expect(figureValue(fig({ unit: '%', phrase: '98.7%' }))).toBe('98.7%');
    expect(figureValue(fig({ key: 'news.rank', value: 3, unit: '名' }))).toBe('第 3 名');
  });

  it('gives the composer the sentence with its citation', () => {
    expect(figureText(fig({}))).toBe('全市各级工会组织举办爱心托管班600余个（据工会工作平台统计，截至2026年12月7日为623个）');
  });

  it('splits a link into the API path and its query, decoding escapes', () => {
    expect(splitLink('/api/v1/news?org_id=2&state=submitted%2Cadopted')).toEqual({ path: '/news', query: { org_id: '2', state: 'submitted,adopted' } });
  });

  it('summarises a row of any list', () => {
    expect(rowSummary({ id: 1, title: '推进会', org_name: '南岸区总工会', start_date: '2026-05-01' })).toEqual(['推进会', '南岸区总工会', '2026-05-01']);
    expect(rowSummary({ id: 2, name: '某公司', created_at: '2026-01-02T00:00:00Z' })).toEqual(['某公司', '', '2026-01-02']);
  });
});

describe('trend and ranking charts', () => {
  const trend: DashboardTrend = {
    key: 'activities', label: '工作动态', unit: '条', by: 'month', from: '2024-01-01', to: '2024-02-29',
    points: [
      { label: '2024-01', from: '2024-01-01', to: '2024-01-31', value: 5, link: '/a', previous: { from: '2023-01-01', to: '2023-01-31', value: 3, link: '/b' } },
      { label: '2024-02', from: '2024-02-01', to: '2024-02-29', value: 7, link: '/c', previous: { from: '2023-02-01', to: '2023-02-28', value: 9, link: '/d' } },
    ],
  };
  it('puts each period beside the same days a year earlier', () => {
    const o = trendOption(trend, { current: '本期', previous: '上年同期' }) as { xAxis: { data: string[] }; series: { data: number[] }[] };
    expect(o.xAxis.data).toEqual(['2024-01', '2024-02']);
    expect(o.series[0]?.data).toEqual([5, 7]);
    expect(o.series[1]?.data).toEqual([3, 9]);
  });
  it('ranks with the first at the top and rates as percentages', () => {
    const ranking: DashboardRanking = {
      key: 'labour.union_founding', label: '建会率', unit: '%', year: 2024,
      items: [
        { org_id: 1, org_name: '甲', code: null, value: 0.987, rank: 1, link: '/x' },
        { org_id: 2, org_name: '乙', code: null, value: null, rank: 2, link: '/y' },
      ],
    };
    const o = rankingOption(ranking) as { yAxis: { data: string[] }; series: { data: number[] }[] };
    expect(o.yAxis.data).toEqual(['2. 乙', '1. 甲']);
    expect(o.series[0]?.data).toEqual([0, 98.7]);
  });
  it('follows only dated figures in trends and leaves the rank out of the ranking', () => {
    const f = (key: string) => ({ key }) as DashboardFigure;
    expect(trendable(f('activities.meeting'))).toBe(true);
    expect(trendable(f('members'))).toBe(false);
    expect(rankable(f('news.rank'))).toBe(false);
    expect(rankable(f('campaign.3'))).toBe(false);
    expect(rankable(f('members'))).toBe(true);
  });
});
