// A paged list backed by one list endpoint: page, page size, items, total, loading, and the failure
// shown as a toast. Pages add their filters by building the query in `fetch`.
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import type { Page } from '@/api/types';
import { notifyError } from '@/utils/errors';

/** `idle` until the first load starts; tests and screenshots wait for `ready` or `error`. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export interface PagedList<T> {
  page: Ref<number>;
  pageSize: Ref<number>;
  items: ShallowRef<T[]>;
  total: Ref<number>;
  /** The endpoint counted only up to `total` (a search with many matches). */
  capped: Ref<boolean>;
  loading: Ref<boolean>;
  state: Ref<LoadState>;
  /** The last failure, or null; the list is emptied when a load fails. */
  error: ShallowRef<unknown>;
  load(): Promise<void>;
  /** Back to page 1, then load (after a filter change). */
  search(): Promise<void>;
}

export function usePagedList<T>(
  fetch: (page: number, pageSize: number) => Promise<Page<T>>,
  options: { pageSize?: number; onLoaded?: (items: T[]) => void } = {},
): PagedList<T> {
  const page = ref(1);
  const pageSize = ref(options.pageSize ?? 20);
  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const capped = ref(false);
  const loading = ref(false);
  const state = ref<LoadState>('idle');
  const error = shallowRef<unknown>(null);
  let seq = 0;

  async function load(): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    state.value = 'loading';
    try {
      const answer = await fetch(page.value, pageSize.value);
      if (mine !== seq) return;
      options.onLoaded?.(answer.items);
      items.value = answer.items;
      total.value = answer.total;
      capped.value = answer.total_capped === true;
      error.value = null;
      state.value = 'ready';
    } catch (failure) {
      if (mine !== seq) return;
      items.value = [];
      total.value = 0;
      capped.value = false;
      error.value = failure;
      state.value = 'error';
      notifyError(failure);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  async function search(): Promise<void> {
    page.value = 1;
    await load();
  }

  return { page, pageSize, items, total, capped, loading, state, error, load, search };
}
