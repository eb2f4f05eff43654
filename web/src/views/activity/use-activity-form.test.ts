import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import type { Activity, PhotoRef } from '@/api/types';
import { emptyModel, modelFromActivity, toWrite, useActivityForm } from './use-activity-form';

const api = vi.hoisted(() => ({ createActivity: vi.fn(), getActivity: vi.fn(), updateActivity: vi.fn(), uploadPhoto: vi.fn() }));
vi.mock('@/api/activities', () => api);
vi.mock('@/api/photos', () => ({ uploadPhoto: api.uploadPhoto }));
vi.mock('element-plus', () => ({ ElMessage: { error: vi.fn() } }));

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
      photos: [],
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
      photos: [
        { id: 5, url: '/api/v1/photos/5', content_type: 'image/jpeg', size: 2048 },
        { id: 3, url: '/api/v1/photos/3', content_type: 'image/png', size: 68 },
      ],
      body: '正文',
      campaign_id: 1,
      created_by: 2,
      created_at: '',
      updated_at: '',
    };
    const model = modelFromActivity(activity);
    expect(model.participants).toBe('近1000名');
    expect(model.money).toEqual([{ text: '最高5万元', purpose: '奖励', source: 'subsidy' }]);
    expect(model.organisers).toEqual([12]);
    expect(model.partners).toEqual([88]);
    expect(model.photos.map((p) => p.url)).toEqual(['/api/v1/photos/5', '/api/v1/photos/3']);
    const body = toWrite(model, 'update');
    expect(body.photos).toEqual([5, 3]);
    expect(body.end_date).toBe('2024-05-21');
    expect(body.beneficiaries).toEqual([{ group: '职工子女', text: '500人' }]);
    expect(body.campaign_id).toBe(1);
  });

  it('sends a chosen campaign on create, and null on update to unlink', () => {
    const model = { ...emptyModel(12), title: 't', type: 'care' as const, start_date: '2024-06-01' };
    expect(toWrite(model, 'create')).not.toHaveProperty('campaign_id');
    expect(toWrite(model, 'update').campaign_id).toBeNull();
    expect(toWrite({ ...model, campaign_id: 3 }, 'create').campaign_id).toBe(3);
  });
});

describe('activity form photos', () => {
  const photo: PhotoRef = { id: 7, url: '/api/v1/photos/7', content_type: 'image/png', size: 68 };

  beforeEach(() => Object.values(api).forEach((fn) => fn.mockReset()));

  function filled() {
    const form = useActivityForm(12);
    Object.assign(form.model, { title: '竞赛', type: 'competition', start_date: '2024-05-20' });
    return form;
  }

  it('uploads under the owner, waits for the upload, then sends the ids', async () => {
    const form = filled();
    let answer: (p: PhotoRef) => void = () => {};
    api.uploadPhoto.mockReturnValue(new Promise<PhotoRef>((resolve) => (answer = resolve)));
    const raw = new File([], 'a.png', { type: 'image/png' });
    const uploading = form.photos.upload({ file: Object.assign(raw, { uid: 1, isDirectory: false }) });
    expect(api.uploadPhoto).toHaveBeenCalledWith(raw, 12);

    expect(await form.save()).toBeUndefined();
    expect(form.errorOf('photos')).toBe('照片正在上传，请稍候再保存');
    expect(api.createActivity).not.toHaveBeenCalled();

    answer(photo);
    await uploading;
    form.photos.onSuccess(photo, { name: 'a.png', uid: 1, status: 'success', response: photo }, [
      { name: 'a.png', uid: 1, status: 'success', response: photo },
    ]);
    api.createActivity.mockResolvedValue({ id: 99 });
    expect(await form.save()).toEqual({ id: 99 });
    expect(api.createActivity.mock.calls[0]![0]).toMatchObject({ org_id: 12, photos: [7] });
    expect(form.errorOf('photos')).toBe('');
  });

  it('shows a refused photo id beside the photos item', async () => {
    const form = filled();
    form.model.photos = [photo];
    api.createActivity.mockRejectedValue(new ApiError(422, 'invalid_argument', '照片 7 不存在或不在您的管辖范围内', 'photos[0]'));
    expect(await form.save()).toBeUndefined();
    expect(form.errorOf('photos')).toBe('照片 7 不存在或不在您的管辖范围内');
  });

  it('shows a refused campaign beside the campaign item', async () => {
    const form = filled();
    form.model.campaign_id = 1;
    api.createActivity.mockRejectedValue(new ApiError(422, 'invalid_argument', '开始日期不在关爱行动的期间内', 'campaign_id'));
    expect(await form.save()).toBeUndefined();
    expect(api.createActivity.mock.calls[0]![0]).toMatchObject({ campaign_id: 1 });
    expect(form.errorOf('campaign_id')).toBe('开始日期不在关爱行动的期间内');
  });

  it('shows the photos of a loaded record as cards', async () => {
    const form = useActivityForm(12);
    api.getActivity.mockResolvedValue({
      ...emptyModel(12),
      id: 9,
      type: 'other',
      participants: null,
      organisers: [],
      partners: [],
      photos: [photo],
    });
    expect(await form.load(9)).toBe(true);
    expect(form.photos.files.value).toMatchObject([{ url: '/api/v1/photos/7', status: 'success' }]);
  });
});
