import { describe, expect, it } from 'vitest';
import type { Activity } from '@/api/types';
import { emptyModel, modelFromActivity, toWrite } from './use-activity-form';

describe('activity form model', () => {
  it('starts with the user org as owner and organiser', () => {
    const model = emptyModel(12);
    expect(model.org_id).toBe(12);
    expect(model.organisers).toEqual([12]);
  });

  it('sends quantities as written, drops blank rows, and a one-day record ends when it starts', () => {
    const model = {
      ...emptyModel(12),
      title: ' 六一关爱 ',
      type: 'care' as const,
      start_date: '2024-05-31',
      participants: ' 40余人 ',
      beneficiaries: [
        { group: '14周岁以下职工子女', text: '500人' },
        { group: ' ', text: '' },
      ],
      money: [
        { text: '10万元', purpose: '慰问', source: 'self_raised' as const },
        { text: '', purpose: '', source: '' as const },
      ],
      items: ['书包', ' ', '雨伞'],
      target_groups: ['困境儿童'],
      partners: [88],
    };
    const body = toWrite(model, 'create');
    expect(body).toEqual({
      org_id: 12,
      title: '六一关爱',
      type: 'care',
      start_date: '2024-05-31',
      end_date: '2024-05-31',
      day_part: '',
      places: [],
      participants: { text: '40余人' },
      beneficiaries: [{ group: '14周岁以下职工子女', text: '500人' }],
      target_groups: ['困境儿童'],
      money: [{ text: '10万元', purpose: '慰问', source: 'self_raised' }],
      items: ['书包', '雨伞'],
      organisers: [12],
      partners: [88],
      body: '',
    });
  });

  it('never sends the owner on update, and null participants when cleared', () => {
    const body = toWrite({ ...emptyModel(12), title: 't', type: 'other', start_date: '2024-01-01' }, 'update');
    expect(body).not.toHaveProperty('org_id');
    expect(body.participants).toBeNull();
  });

  it('edits a record as it was written', () => {
    const activity: Activity = {
      id: 9,
      org_id: 12,
      title: '竞赛',
      type: 'competition',
      start_date: '2024-05-20',
      end_date: '2024-05-21',
      day_part: 'am',
      places: ['体育馆'],
      participants: { count: 1000, qualifier: '近', text: '近1000名' },
      beneficiaries: [{ group: '职工子女', count: 500, qualifier: '', text: '500人' }],
      target_groups: ['快递员'],
      money: [{ amount_fen: 5000000, qualifier: '最高', purpose: '奖励', source: 'subsidy', text: '最高5万元' }],
      items: ['雨伞'],
      organisers: [{ id: 12, name: '南岸区总工会' }],
      partners: [{ id: 88, name: '南岸区妇联' }],
      body: '正文',
      created_by: 2,
      created_at: '',
      updated_at: '',
    };
    const model = modelFromActivity(activity);
    expect(model.participants).toBe('近1000名');
    expect(model.money).toEqual([{ text: '最高5万元', purpose: '奖励', source: 'subsidy' }]);
    expect(model.organisers).toEqual([12]);
    expect(model.partners).toEqual([88]);
    const body = toWrite(model, 'update');
    expect(body.end_date).toBe('2024-05-21');
    expect(body.beneficiaries).toEqual([{ group: '职工子女', text: '500人' }]);
  });
});
