import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import type { Page } from '@/api/types';
import { usePagedList } from './use-paged-list';

const toast = vi.hoisted(() => vi.fn());
vi.mock('element-plus', () => ({ ElMessage: { error: toast } }));

describe('usePagedList', () => {
  it('keeps the total and whether the endpoint capped it; a failure empties both', async () => {
    const fetch = vi.fn<(page: number, pageSize: number) => Promise<Page<{ id: number }>>>();
    const list = usePagedList(fetch);
    fetch.mockResolvedValueOnce({ items: [{ id: 1 }], total: 1000, total_capped: true, page: 1, page_size: 20 });
    await list.load();
    expect(list.total.value).toBe(1000);
    expect(list.capped.value).toBe(true);
    expect(list.state.value).toBe('ready');

    fetch.mockResolvedValueOnce({ items: [{ id: 2 }], total: 7, page: 1, page_size: 20 });
    list.page.value = 3;
    await list.search();
    expect(fetch).toHaveBeenLastCalledWith(1, 20);
    expect(list.total.value).toBe(7);
    expect(list.capped.value).toBe(false);

    fetch.mockResolvedValueOnce({ items: [], total: 1000, total_capped: true, page: 1, page_size: 20 });
    await list.load();
    fetch.mockRejectedValueOnce(new ApiError(422, 'invalid_argument', '查询参数 tag 不正确'));
    await list.load();
    expect(toast).toHaveBeenCalledWith('查询参数 tag 不正确');
    expect(list.items.value).toEqual([]);
    expect(list.total.value).toBe(0);
    expect(list.capped.value).toBe(false);
    expect(list.state.value).toBe('error');
  });
});
