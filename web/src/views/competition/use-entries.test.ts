import { describe, expect, it } from 'vitest';
import type { CompetitionEntry } from '@/api/types';
import { emptyEntryFilters, entryApiQuery, entryFiltersFromQuery, entryRouteQuery, entryRow } from './use-entries';

describe('参赛名单 filters', () => {
  it('reads the link of a statistics figure and drops what is malformed', () => {
    const f = entryFiltersFromQuery({ org_id: '412', axis: 'industry', year: '2024', awarded: 'true', own: 'true' });
    expect(f).toEqual({ org_id: 412, axis: 'industry', year: 2024, awarded: 'true', own: true });
    expect(entryFiltersFromQuery({ org_id: 'x', year: '24', awarded: 'yes', own: '1' })).toEqual(emptyEntryFilters());
  });

  it('sends the set filters only and keeps them in the URL', () => {
    const f = { ...emptyEntryFilters(), org_id: 412, year: 2024, awarded: 'false' as const, own: true };
    expect(entryApiQuery(f, 2, 50)).toEqual({ page: 2, page_size: 50, org_id: 412, year: 2024, awarded: false, own: true });
    expect(entryRouteQuery(f)).toEqual({ org_id: '412', year: '2024', awarded: 'false', own: 'true' });
    expect(entryFiltersFromQuery(entryRouteQuery(f))).toEqual(f);
    expect(entryApiQuery(emptyEntryFilters(), 1, 20)).toEqual({ page: 1, page_size: 20 });
  });
});

describe('entryRow', () => {
  it('names the team or the entrant, the rank, the awards and 晋级', () => {
    const entry: CompetitionEntry = {
      id: 7,
      competition_id: 3,
      category_id: 9,
      category_name: '混合团体',
      org_id: 812,
      org_name: '奉节县某某公司工会',
      member_id: null,
      name: '',
      team_name: '奉节一队',
      members: ['张三', '李四'],
      special_awards: ['巾帼奖'],
      score: 98.5,
      place: null,
      rank: 1,
      award: '一等奖',
      qualified_from_entry_id: null,
      qualified_entry_id: 21,
      created_at: '',
    };
    expect(entryRow(entry)).toEqual({
      id: 7,
      competitionId: 3,
      category: '混合团体',
      entrant: '奉节一队',
      members: '张三、李四',
      org: '奉节县某某公司工会',
      rank: '1',
      award: '一等奖',
      specialAwards: '巾帼奖',
      qualified: true,
    });
    expect(entryRow({ ...entry, rank: null, qualified_entry_id: null }).rank).toBe('—');
  });
});
