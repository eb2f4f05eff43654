import { describe, expect, it } from 'vitest';
import { NEWS_STATES, type NewsEvent } from '@/api/types';
import zhCN from '@/locales/zh-CN.json';
import { emptyNewsFilters, isEditable, isPending, newsQuery, stateTag, timelineRows } from './use-news';

function event(partial: Partial<NewsEvent>): NewsEvent {
  return {
    at: '2024-05-20T08:00:00Z',
    user_id: 7,
    user_name: '南岸区信息员',
    action: 'create',
    from_state: '',
    to_state: 'draft',
    comment: '',
    bulletin_id: null,
    section: '',
    ...partial,
  };
}

describe('news states', () => {
  it('reads every state in zh-CN as the bulletin office says it', () => {
    expect(NEWS_STATES.map((s) => zhCN.news.states[s])).toEqual(['草稿', '已报送', '已退回', '再次报送', '已采用', '未采用']);
  });

  it('makes what needs someone stand out', () => {
    expect(stateTag('returned')).toBe('danger');
    expect(stateTag('resubmitted')).toBe('warning');
    expect(stateTag('adopted')).toBe('success');
    expect(stateTag('declined')).toBe('info');
  });

  it('lets the reporter edit only drafts and returned items, the editor review only pending ones', () => {
    expect(NEWS_STATES.filter(isEditable)).toEqual(['draft', 'returned']);
    expect(NEWS_STATES.filter(isPending)).toEqual(['submitted', 'resubmitted']);
  });
});

describe('timelineRows', () => {
  it('orders by time, tells a resubmission from a first submission and keeps the comment', () => {
    const rows = timelineRows([
      event({ at: '2024-05-21T09:00:00Z', action: 'return', from_state: 'submitted', to_state: 'returned', comment: '请补充参与人数', user_name: '编辑' }),
      event({ at: '2024-05-20T08:00:00Z' }),
      event({ at: '2024-05-22T10:00:00Z', action: 'submit', from_state: 'returned', to_state: 'resubmitted' }),
      event({ at: '2024-05-20T09:00:00Z', action: 'submit', from_state: 'draft', to_state: 'submitted' }),
      event({ at: '2024-05-23T10:00:00Z', action: 'adopt', to_state: 'adopted', bulletin_id: 3, section: '基层动态' }),
    ]);
    expect(rows.map((r) => r.actionKey)).toEqual([
      'news.actions.create',
      'news.actions.submit',
      'news.actions.return',
      'news.actions.resubmit',
      'news.actions.adopt',
    ]);
    expect(rows[2]).toMatchObject({ who: '编辑', comment: '请补充参与人数', to: 'returned' });
    expect(rows[4]).toMatchObject({ section: '基层动态', bulletinId: 3 });
  });

  it('labels an action it does not know by the state it led to', () => {
    const [row] = timelineRows([event({ action: 'withdraw', from_state: 'adopted', to_state: 'submitted', section: null })]);
    expect(row).toMatchObject({ actionKey: 'news.states.submitted', section: '' });
  });
});

describe('newsQuery', () => {
  it('sends only the filters set', () => {
    expect(newsQuery(emptyNewsFilters(), 1, 20)).toEqual({ page: 1, page_size: 20 });
    expect(newsQuery({ state: 'returned', from: '2024-05-01', to: '2024-05-31', q: ' 托管 ' }, 2, 50)).toEqual({
      page: 2,
      page_size: 50,
      state: 'returned',
      from: '2024-05-01',
      to: '2024-05-31',
      q: '托管',
    });
  });
});
