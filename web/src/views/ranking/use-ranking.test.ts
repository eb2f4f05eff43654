import { describe, expect, it, vi } from 'vitest';
import type * as NewsApi from '@/api/news';
import { currentPeriod, rankingQuery, sectionCount, switchPeriod, useRanking } from './use-ranking';

const getRanking = vi.hoisted(() => vi.fn());
vi.mock('@/api/news', async (original) => ({ ...(await original<typeof NewsApi>()), getRanking }));

describe('ranking period', () => {
  const may = new Date(2024, 4, 20);

  it('starts at the current month or year', () => {
    expect(currentPeriod('month', may)).toBe('2024-05');
    expect(currentPeriod('year', may)).toBe('2024');
    expect(currentPeriod('month', new Date(2024, 10, 1))).toBe('2024-11');
  });

  it('keeps the year when switching between month and year', () => {
    expect(switchPeriod('2024-05', 'year')).toBe('2024');
    expect(switchPeriod('2024', 'month')).toBe('2024-01');
    expect(switchPeriod('2024-05', 'month')).toBe('2024-05');
  });
});

describe('rankingQuery', () => {
  it('sends the axis only for industry, the org only when chosen', () => {
    expect(rankingQuery({ kind: 'month', period: '2024-05', axis: 'territorial', org_id: undefined })).toEqual({ period: '2024-05' });
    expect(rankingQuery({ kind: 'year', period: '2024', axis: 'industry', org_id: 40 })).toEqual({
      period: '2024',
      axis: 'industry',
      org_id: 40,
    });
  });
});

describe('sectionCount', () => {
  it('counts a section the row does not name as 0', () => {
    const row = { by_section: { 要闻: 1, 基层动态: 2 } };
    expect(sectionCount(row, '基层动态')).toBe(2);
    expect(sectionCount(row, '专题')).toBe(0);
  });
});

describe('useRanking', () => {
  it('loads the current month and links the workbook of the same table', async () => {
    getRanking.mockResolvedValue({ period: '2024-05', axis: 'territorial', org_id: 1, org_name: '重庆市总工会', sections: [], items: [] });
    const r = useRanking(new Date(2024, 4, 20));
    await r.load();
    expect(getRanking).toHaveBeenCalledWith({ period: '2024-05' });
    r.setKind('year');
    r.filters.axis = 'industry';
    expect(r.xlsxUrl.value).toBe('/api/v1/news/ranking?period=2024&axis=industry&format=xlsx');
  });
});
