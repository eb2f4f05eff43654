import { describe, expect, it } from 'vitest';
import type { DashboardFigure } from '@/api/types';
import { figureText, figureValue, groupFigures, rowSummary } from './use-figures';
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
