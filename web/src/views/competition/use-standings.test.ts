import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import type { CategoryRanking, Competition, CompetitionEntry } from '@/api/types';
import {
  blankEntry,
  entryFromRecord,
  entryOfResultField,
  entryPatch,
  entryPayload,
  isTied,
  resultDrafts,
  resultsPayload,
  useStandings,
} from './use-standings';

const api = vi.hoisted(() => ({ getCompetitionRanking: vi.fn(), recordResults: vi.fn(), qualify: vi.fn() }));
vi.mock('@/api/competitions', () => api);
const toast = vi.hoisted(() => ({ error: vi.fn(), success: vi.fn() }));
vi.mock('element-plus', () => ({ ElMessage: toast }));

function entry(id: number, over: Partial<CompetitionEntry> = {}): CompetitionEntry {
  return {
    id,
    competition_id: 3,
    category_id: 7,
    category_name: '男子单打',
    org_id: 812,
    org_name: '奉节县某某公司工会',
    member_id: null,
    name: `选手${id}`,
    team_name: '',
    members: [],
    special_awards: [],
    score: null,
    place: null,
    rank: null,
    award: '',
    qualified_from_entry_id: null,
    qualified_entry_id: null,
    created_at: '',
    ...over,
  };
}

/** Places 1, 1, 3 and one entry without a result. */
function ranking(): CategoryRanking {
  return {
    id: 7,
    name: '男子单打',
    format: 'individual',
    scoring: 'place',
    complete: false,
    items: [
      entry(40, { place: 1, rank: 1, award: '第一名' }),
      entry(41, { place: 1, rank: 1, award: '第一名' }),
      entry(42, { place: 3, rank: 3, award: '第二至五名' }),
      entry(43),
    ],
  };
}

const competition = { id: 3, parent_id: 2, categories: [{ id: 7, qualify_top: 5 }] } as unknown as Competition;

describe('ranking helpers', () => {
  it('tells ties (1, 1, 3)', () => {
    const items = ranking().items;
    expect(items.map((e) => isTied(items, e))).toEqual([true, true, false, false]);
  });

  it('sends only the changed results, a cleared one as null, as place or score', () => {
    const k = ranking();
    const drafts = resultDrafts(k);
    expect(drafts).toEqual({ 40: 1, 41: 1, 42: 3, 43: undefined });
    expect(resultsPayload(k, drafts)).toEqual([]);
    drafts[41] = 2;
    drafts[42] = undefined;
    drafts[43] = 4;
    expect(resultsPayload(k, drafts)).toEqual([
      { entry_id: 41, place: 2 },
      { entry_id: 42, place: null },
      { entry_id: 43, place: 4 },
    ]);
    const scored: CategoryRanking = { ...k, scoring: 'low', items: [entry(50, { score: 12.5, rank: 1 })] };
    expect(resultsPayload(scored, { 50: 11.8 })).toEqual([{ entry_id: 50, score: 11.8 }]);
  });

  it('finds the row of a refused result', () => {
    const sent = [{ entry_id: 41, place: 2 }, { entry_id: 43, place: 0 }];
    expect(entryOfResultField('results[1].place', sent)).toBe(43);
    expect(entryOfResultField('results[5].place', sent)).toBeNull();
    expect(entryOfResultField('category_id', sent)).toBeNull();
  });
});

describe('entry payloads', () => {
  it('enters a member by id, a written name with its union, or a team with its members', () => {
    const m = blankEntry({ id: 7 }, 12);
    expect(entryPayload({ ...m, member_id: 3 }, 'individual')).toEqual({ category_id: 7, member_id: 3 });
    expect(entryPayload({ ...m, entrant: 'name', org_id: 812, name: ' 张三 ', special_awards: ['新秀奖'] }, 'individual')).toEqual({
      category_id: 7,
      org_id: 812,
      name: '张三',
      special_awards: ['新秀奖'],
    });
    expect(entryPayload({ ...m, team_name: ' 公交一队 ', members: ['李四', ' ', '王五'] }, 'team')).toEqual({
      category_id: 7,
      org_id: 12,
      team_name: '公交一队',
      members: ['李四', '王五'],
    });
  });

  it('patches the texts and special awards that changed', () => {
    const e = entry(40, { member_id: 3, name: '张三', special_awards: [] });
    const m = entryFromRecord(e);
    expect(m.entrant).toBe('member');
    expect(entryPatch(e, m, 'individual')).toEqual({});
    m.special_awards = ['巾帼奖'];
    m.name = '改名';
    // A member's name is the member's: only the special awards go.
    expect(entryPatch(e, m, 'individual')).toEqual({ special_awards: ['巾帼奖'] });
    const t = entry(60, { team_name: '一队', members: ['甲'] });
    expect(entryPatch(t, { ...entryFromRecord(t), team_name: '二队', members: ['甲', '乙'] }, 'team')).toEqual({
      team_name: '二队',
      members: ['甲', '乙'],
    });
  });
});

describe('useStandings', () => {
  beforeEach(() => {
    Object.values(api).forEach((fn) => fn.mockReset());
    toast.error.mockReset();
    toast.success.mockReset();
    api.getCompetitionRanking.mockResolvedValue({ competition, categories: [ranking()] });
  });

  it('loads the rankings and shows the first category', async () => {
    const s = useStandings(() => 3);
    await s.load();
    expect(api.getCompetitionRanking).toHaveBeenCalledWith(3);
    expect(s.state.value).toBe('ready');
    expect(s.activeId.value).toBe(7);
    expect(s.activeDef.value?.qualify_top).toBe(5);
  });

  it('saves changed results and shows a refused one on its row', async () => {
    const s = useStandings(() => 3);
    await s.load();
    s.startResults();
    s.drafts[43] = 0;
    api.recordResults.mockRejectedValueOnce(new ApiError(422, 'invalid_argument', '名次（results[0].place）应为正整数', 'results[0].place'));
    expect(await s.saveResults()).toBe(false);
    expect(api.recordResults).toHaveBeenCalledWith(3, 7, [{ entry_id: 43, place: 0 }]);
    expect(s.rowErrors[43]).toBe('名次（results[0].place）应为正整数');
    expect(s.editing.value).toBe(true);

    s.drafts[43] = 4;
    api.recordResults.mockResolvedValueOnce({ ...ranking(), complete: true });
    expect(await s.saveResults()).toBe(true);
    expect(s.editing.value).toBe(false);
    expect(s.rowErrors[43]).toBeUndefined();
    expect(s.active.value?.complete).toBe(true);
  });

  it('keeps the 409 of 晋级 beside the button and toasts nothing', async () => {
    const s = useStandings(() => 3);
    await s.load();
    api.qualify.mockRejectedValueOnce(
      new ApiError(409, 'failed_precondition', '项目“男子单打”的成绩尚未录入完整，不能推荐晋级', 'results'),
    );
    expect(await s.qualify()).toBe(false);
    expect(s.qualifyProblem.value).toEqual({ categoryId: 7, message: '项目“男子单打”的成绩尚未录入完整，不能推荐晋级' });
    expect(toast.error).not.toHaveBeenCalled();

    api.qualify.mockResolvedValueOnce({ created: 3, existing: 0, items: [] });
    expect(await s.qualify()).toBe(true);
    expect(s.qualifyProblem.value).toBeNull();
    expect(toast.success).toHaveBeenCalledWith('已推荐晋级：新增 3 个，已有 0 个');
  });
});
