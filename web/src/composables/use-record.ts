// One record fetched for a page (a detail page, a form opened for edit): the record, whether it is
// loading, and a failure shown as a toast (the record is then left as it was).
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { notifyError } from '@/utils/errors';

export interface LoadedRecord<R> {
  /** null until the first load succeeds. */
  record: ShallowRef<R | null>;
  loading: Ref<boolean>;
  /** Fetches again; resolves to the record, or null after showing why it failed. */
  load(): Promise<R | null>;
}

export function useRecord<R>(fetch: () => Promise<R>): LoadedRecord<R> {
  const record = shallowRef<R | null>(null);
  const loading = ref(false);

  async function load(): Promise<R | null> {
    loading.value = true;
    try {
      record.value = await fetch();
      return record.value;
    } catch (error) {
      notifyError(error);
      return null;
    } finally {
      loading.value = false;
    }
  }

  return { record, loading, load };
}
