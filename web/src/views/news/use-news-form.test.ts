import { describe, expect, it } from 'vitest';
import type { NewsItem } from '@/api/types';
import { emptyNewsModel, linkActivity, modelFromNews, newsWrite } from './use-news-form';

const item: NewsItem = {
  id: 5,
  org_id: 12,
  org_name: '南岸区总工会',
  title: '南岸区开展六一关爱活动',
  body: '5月20日，南岸区总工会……',
  event_date: '2024-05-20',
  state: 'returned',
  comment: '请补充参与人数',
  photos: [{ id: 3, url: '/api/v1/photos/3', content_type: 'image/png', size: 68 }],
  activities: [{ id: 9, title: '六一关爱', start_date: '2024-05-20' }],
  bulletin_id: null,
  bulletin_label: '',
  section: '',
  points: 0,
  adopted_on: null,
  created_by: 7,
  created_by_name: '南岸区信息员',
  submitted_at: '2024-05-20T08:00:00Z',
  created_at: '2024-05-20T07:00:00Z',
  updated_at: '2024-05-21T07:00:00Z',
};

describe('news form model', () => {
  it('creates with the owner, trimmed title and the ids of links and photos', () => {
    const model = { ...emptyNewsModel(12), title: '  标题 ', body: '正文', event_date: '2024-05-20' };
    linkActivity(model.activities, { id: 9, title: '六一关爱', start_date: '2024-05-20' });
    model.photos.push(item.photos[0]!);
    expect(newsWrite(model, 'create')).toEqual({
      org_id: 12,
      title: '标题',
      body: '正文',
      event_date: '2024-05-20',
      activity_ids: [9],
      photos: [3],
    });
  });

  it('never sends the owner when editing', () => {
    expect(newsWrite(modelFromNews(item), 'update')).toEqual({
      title: '南岸区开展六一关爱活动',
      body: '5月20日，南岸区总工会……',
      event_date: '2024-05-20',
      activity_ids: [9],
      photos: [3],
    });
  });

  it('links a work record once, in the order picked', () => {
    const model = modelFromNews(item);
    linkActivity(model.activities, { id: 11, title: '职工运动会', start_date: '2024-05-25' });
    linkActivity(model.activities, { id: 9, title: '六一关爱', start_date: '2024-05-20' });
    expect(model.activities.map((a) => a.id)).toEqual([9, 11]);
    expect(item.activities).toHaveLength(1); // the loaded item is left as it was
  });
});
