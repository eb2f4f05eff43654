import { describe, expect, it } from 'vitest';
import type { Honour } from '@/api/types';
import { blankHonour, honourApiQuery, honourFromRecord, honourPatch, honourPayload } from './use-honour';

const record: Honour = {
  id: 5,
  kind: 'may_day_medal',
  kind_label: '五一劳动奖章',
  level: 'city',
  level_label: '市级',
  year: 2024,
  title: '重庆市五一劳动奖章',
  awardee_type: 'person',
  member_id: 3,
  awardee_name: '张三',
  org_id: 812,
  org_name: '重庆银行工会',
  conferred_by: '重庆市总工会',
  note: '',
  created_by: 2,
  created_at: '',
  updated_at: '',
};

describe('honours', () => {
  it('builds the list query from the filters', () => {
    expect(honourApiQuery({ org_id: 1, kind: 'model_worker', level: '', year: 2024, q: ' 张 ' }, 1, 20)).toEqual({
      page: 1,
      page_size: 20,
      org_id: 1,
      kind: 'model_worker',
      year: 2024,
      q: '张',
    });
  });

  it('posts only what was filled and patches what changed', () => {
    expect(honourPayload({ ...blankHonour(2025), awardee_name: ' 李四 ' })).toEqual({
      kind: 'may_day_medal',
      level: 'city',
      year: 2025,
      awardee_type: 'person',
      awardee_name: '李四',
    });
    const m = honourFromRecord(record);
    expect(honourPatch(record, m)).toEqual({});
    m.level = 'national';
    m.title = '';
    expect(honourPatch(record, m)).toEqual({ level: 'national', title: '' });
  });
});
