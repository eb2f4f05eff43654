import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import type { Bulletin, BulletinSection, NewsItem } from '@/api/types';
import { adoptTargets, defaultSection, useAdoptForm, useCommentForm, useReviewQueue } from './use-review';

const api = vi.hoisted(() => ({ returnNews: vi.fn(), declineNews: vi.fn(), adoptNews: vi.fn(), listNews: vi.fn(), listBulletins: vi.fn(), getBulletin: vi.fn() }));
vi.mock('@/api/news', () => api);
vi.mock('@/api/bulletins', () => ({ listBulletins: api.listBulletins, getBulletin: api.getBulletin }));
vi.mock('element-plus', () => ({ ElMessage: { error: vi.fn() } }));

const item = { id: 5, title: '南岸区六一关爱' } as NewsItem;

function issue(id: number, published: number, sections: BulletinSection[] = [{ name: '要闻', style: 'article' }]): Bulletin {
  return { id, label: `2099年第${id}期`, published_version: published, sections } as Bulletin;
}

beforeEach(() => Object.values(api).forEach((f) => f.mockReset()));

describe('defaultSection', () => {
  it('prefers the first ◆ brief section, else the first one', () => {
    expect(
      defaultSection([
        { name: '要闻', style: 'article' },
        { name: '基层动态', style: 'brief' },
      ]),
    ).toBe('基层动态');
    expect(defaultSection([{ name: '专题', style: 'article' }])).toBe('专题');
    expect(defaultSection([])).toBe('');
  });
});

describe('adoptTargets', () => {
  it('offers the issues not yet published first, keeping the order within each group', () => {
    expect(adoptTargets([issue(3, 1), issue(2, 0), issue(1, 2), issue(0, 0)]).map((b) => b.id)).toEqual([2, 0, 3, 1]);
  });
});

describe('useCommentForm', () => {
  it('returns with the trimmed comment, or declines, and shows a 422 on the comment', async () => {
    const form = useCommentForm(() => item);
    form.reset('return');
    form.model.comment = ' 请补充参与人数 ';
    api.returnNews.mockResolvedValue({ ...item, state: 'returned' });
    await expect(form.save()).resolves.toMatchObject({ state: 'returned' });
    expect(api.returnNews).toHaveBeenCalledWith(5, '请补充参与人数');

    api.returnNews.mockRejectedValue(new ApiError(422, 'invalid_argument', '退回意见不能为空', 'comment'));
    await expect(form.save()).resolves.toBeUndefined();
    expect(form.errorOf('comment')).toBe('退回意见不能为空');

    form.reset('decline');
    expect(form.errorOf('comment')).toBe('');
    api.declineNews.mockResolvedValue({ ...item, state: 'declined' });
    await form.save();
    expect(api.declineNews).toHaveBeenCalledWith(5, '');
  });
});

describe('useAdoptForm', () => {
  it('preselects the first open issue and its brief section, and follows a change of issue', async () => {
    const issues = [issue(3, 1), issue(4, 0, [{ name: '要闻', style: 'article' }, { name: '基层动态', style: 'brief' }])];
    // The list has no sections: they come with the issue itself.
    api.listBulletins.mockResolvedValue({ items: issues.map((b) => ({ ...b, sections: undefined })), total: 2 });
    api.getBulletin.mockImplementation((id: number) => Promise.resolve(issues.find((b) => b.id === id)));
    const form = useAdoptForm(() => item);
    await form.reset();
    expect(form.model).toEqual({ bulletin_id: 4, section: '基层动态' });
    expect(form.sections.value.map((s) => s.name)).toEqual(['要闻', '基层动态']);
    await form.choose(3);
    expect(form.model).toEqual({ bulletin_id: 3, section: '要闻' });

    api.adoptNews.mockRejectedValue(new ApiError(422, 'invalid_argument', '栏目不存在', 'section'));
    await form.save();
    expect(api.adoptNews).toHaveBeenCalledWith(5, { bulletin_id: 3, section: '要闻' });
    expect(form.errorOf('section')).toBe('栏目不存在');
  });
});

describe('useReviewQueue', () => {
  it('asks for the pending items, narrowed by the words typed', async () => {
    api.listNews.mockResolvedValue({ items: [], total: 0, page: 1, page_size: 20 });
    const queue = useReviewQueue();
    await queue.load();
    expect(api.listNews).toHaveBeenLastCalledWith({ state: 'pending', q: undefined, page: 1, page_size: 20 });
    queue.q.value = ' 六一 ';
    await queue.search();
    expect(api.listNews).toHaveBeenLastCalledWith({ state: 'pending', q: '六一', page: 1, page_size: 20 });
  });
});
