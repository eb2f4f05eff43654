import { describe, expect, it } from 'vitest';
import type { Competition } from '@/api/types';
import {
  blankCategory,
  blankCompetition,
  competitionApiQuery,
  competitionFromRecord,
  competitionPatch,
  competitionPayload,
  emptyCompetitionFilters,
} from './use-competition';

const record: Competition = {
  id: 3,
  org_id: 412,
  org_name: '奉节县总工会',
  name: '2024年“互助保障杯”乒乓球比赛',
  kind: 'sports',
  level: 'district',
  start_date: '2024-05-25',
  end_date: '2024-05-26',
  parent_id: 2,
  parent_name: '重庆市第三届职工运动会乒乓球比赛',
  description: '',
  categories: [
    {
      id: 7,
      name: '男子单打',
      format: 'individual',
      scoring: 'place',
      awards: [
        { name: '第一名', up_to_rank: 1 },
        { name: '第二至五名', up_to_rank: 5 },
      ],
      special_awards: [],
      qualify_top: 5,
      entry_count: 24,
      result_count: 24,
    },
  ],
  created_by: 2,
  created_at: '',
  updated_at: '',
};

describe('competition list', () => {
  it('builds the list query from the filters set', () => {
    expect(competitionApiQuery(emptyCompetitionFilters(), 1, 20)).toEqual({ page: 1, page_size: 20 });
    expect(competitionApiQuery({ org_id: 412, kind: 'skills', level: '', year: 2024, q: ' 乒乓 ' }, 2, 50)).toEqual({
      page: 2,
      page_size: 50,
      org_id: 412,
      kind: 'skills',
      year: 2024,
      q: '乒乓',
    });
  });
});

describe('competition form', () => {
  it('posts the event with its categories, blank tiers dropped and tiers by rank', () => {
    const m = blankCompetition();
    Object.assign(m, { org_id: 412, name: ' 公交新能源客车技能竞赛 ', kind: 'skills', level: 'city', start_date: '2024-09-10' });
    m.categories[0] = {
      ...blankCategory(),
      name: ' 驾驶员 ',
      format: 'team',
      scoring: 'high',
      awards: [
        { name: '二等奖', up_to_rank: 3 },
        { name: ' 一等奖 ', up_to_rank: 1 },
        { name: ' ', up_to_rank: 6 },
      ],
      special_awards: ['巾帼奖', ' 新秀奖 ', ''],
    };
    expect(competitionPayload(m)).toEqual({
      name: '公交新能源客车技能竞赛',
      kind: 'skills',
      level: 'city',
      start_date: '2024-09-10',
      org_id: 412,
      categories: [
        {
          name: '驾驶员',
          format: 'team',
          scoring: 'high',
          awards: [
            { name: '一等奖', up_to_rank: 1 },
            { name: '二等奖', up_to_rank: 3 },
          ],
          special_awards: ['巾帼奖', '新秀奖'],
          qualify_top: 0,
        },
      ],
    });
  });

  it('patches nothing for an unchanged event, and the whole category list when one changes', () => {
    const m = competitionFromRecord(record);
    expect(competitionPatch(record, m)).toEqual({});
    m.categories.push({ ...blankCategory(), name: '女子单打', qualify_top: 5 });
    m.parent_id = null;
    const patch = competitionPatch(record, m);
    expect(patch.parent_id).toBeNull();
    expect(patch.categories).toEqual([
      {
        id: 7,
        name: '男子单打',
        format: 'individual',
        scoring: 'place',
        awards: record.categories[0]!.awards,
        special_awards: [],
        qualify_top: 5,
      },
      { name: '女子单打', format: 'individual', scoring: 'place', awards: [], special_awards: [], qualify_top: 5 },
    ]);
    expect(patch).not.toHaveProperty('name');
  });

  it('patches changed texts, an emptied end date meaning one day', () => {
    const m = competitionFromRecord(record);
    m.end_date = '';
    m.description = '决赛在奉节县体育馆';
    expect(competitionPatch(record, m)).toEqual({ end_date: '2024-05-25', description: '决赛在奉节县体育馆' });
  });
});
