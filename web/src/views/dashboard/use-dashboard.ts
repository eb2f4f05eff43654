// 工作台: who is signed in, and the latest work records of their subtree (when they may read them).
import { ref } from 'vue';
import { listActivities } from '@/api/activities';
import type { Activity } from '@/api/types';
import { hasPermission } from '@/utils/permission';
import { notifyError } from '@/utils/errors';

export function useDashboard() {
  const recent = ref<Activity[]>([]);
  const total = ref(0);
  const loading = ref(false);

  async function load(): Promise<void> {
    if (!hasPermission('activity:activity:read')) return;
    loading.value = true;
    try {
      const page = await listActivities({ page_size: 8, sort: '-created_at' });
      recent.value = page.items;
      total.value = page.total;
    } catch (error) {
      notifyError(error);
    } finally {
      loading.value = false;
    }
  }

  return { recent, total, loading, load };
}
