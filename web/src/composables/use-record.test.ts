import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import { useRecord } from './use-record';

const toast = vi.hoisted(() => vi.fn());
vi.mock('element-plus', () => ({ ElMessage: { error: toast } }));

describe('useRecord', () => {
  it('keeps the record, says why a load failed and keeps the last good one', async () => {
    const fetch = vi.fn<() => Promise<{ id: number }>>();
    const { record, loading, load } = useRecord(fetch);
    fetch.mockResolvedValueOnce({ id: 5 });
    const pending = load();
    expect(loading.value).toBe(true);
    await expect(pending).resolves.toEqual({ id: 5 });
    expect(loading.value).toBe(false);
    expect(record.value).toEqual({ id: 5 });

    fetch.mockRejectedValueOnce(new ApiError(404, 'not_found', '稿件不存在'));
    await expect(load()).resolves.toBeNull();
    expect(toast).toHaveBeenCalledWith('稿件不存在');
    expect(record.value).toEqual({ id: 5 });
  });
});
