// Logic of 批量导入 (docs/api.md § Imports): pick a file, a dry run (试导入) whose report lists every
// bad row, then the import of the same file; the job runs on the server and is followed by polling
// until final. The job being followed is remembered in localStorage, so its progress bar comes back
// after a page reload.
import { computed, ref } from 'vue';
import { getImport, listImportErrors, uploadImport, cancelImport } from '@/api/imports';
import type { ImportBadRow, ImportJob, ImportKind, ImportMode } from '@/api/types';
import { notifyError } from '@/utils/errors';

export const POLL_MS = 500;
const STORAGE_PREFIX = 'gonghui.import.';

/** The bar's percentage, 0–100, whole. */
export function progressPercent(job: ImportJob | null): number {
  if (!job) return 0;
  return Math.max(0, Math.min(100, Math.round(job.progress * 100)));
}

/** The bar's colour: success for a good end, exception for anything that wrote nothing. */
export function progressStatus(job: ImportJob | null): '' | 'success' | 'exception' | 'warning' {
  if (!job || !job.final) return '';
  if (job.state === 'done' || job.state === 'checked') return 'success';
  if (job.state === 'cancelled') return 'warning';
  return 'exception';
}

/** Polls `load` until the job is final, calling `update` with each answer. */
export async function followJob(
  load: () => Promise<ImportJob>,
  update: (job: ImportJob) => void,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<ImportJob> {
  for (;;) {
    const job = await load();
    update(job);
    if (job.final) return job;
    await sleep(POLL_MS);
  }
}

export function useImport(kind: ImportKind) {
  const file = ref<File | null>(null);
  const mode = ref<ImportMode>('create');
  const defaultOrg = ref<number | undefined>(undefined);
  const again = ref(false);
  const job = ref<ImportJob | null>(null);
  const badRows = ref<ImportBadRow[]>([]);
  const badTotal = ref(0);
  const busy = ref(false);
  const storageKey = STORAGE_PREFIX + kind;

  const running = computed(() => job.value !== null && !job.value.final);
  /** A clean dry run of the file now chosen: it may be imported. */
  const canConfirm = computed(
    () => job.value?.state === 'checked' && job.value.dry_run && file.value !== null && !busy.value,
  );

  async function loadBadRows(id: number): Promise<void> {
    const page = await listImportErrors(id, { page_size: 100 });
    badRows.value = page.items;
    badTotal.value = page.total;
  }

  async function follow(id: number): Promise<ImportJob> {
    localStorage.setItem(storageKey, String(id));
    try {
      const last = await followJob(() => getImport(id), (j) => (job.value = j));
      if (last.rows_bad > 0) await loadBadRows(id);
      return last;
    } finally {
      localStorage.removeItem(storageKey);
    }
  }

  /** Uploads the chosen file: a dry run, or the import itself; resolves the final job. */
  async function start(dryRun: boolean): Promise<ImportJob | null> {
    if (!file.value) return null;
    busy.value = true;
    badRows.value = [];
    badTotal.value = 0;
    try {
      const queued = await uploadImport(file.value, {
        kind,
        mode: mode.value,
        dry_run: dryRun,
        org_id: defaultOrg.value,
        again: again.value || undefined,
      });
      job.value = queued;
      return await follow(queued.id);
    } catch (e) {
      notifyError(e);
      return null;
    } finally {
      busy.value = false;
    }
  }

  /** After a reload: follows the job this browser was following, if it still runs. */
  async function resume(): Promise<ImportJob | null> {
    const id = Number(localStorage.getItem(storageKey));
    if (!id) return null;
    try {
      const current = await getImport(id);
      job.value = current;
      if (current.final) {
        localStorage.removeItem(storageKey);
        return current;
      }
      return await follow(id);
    } catch {
      localStorage.removeItem(storageKey);
      return null;
    }
  }

  async function cancel(): Promise<void> {
    if (!job.value || job.value.final) return;
    try {
      job.value = await cancelImport(job.value.id);
    } catch (e) {
      notifyError(e);
    }
  }

  function reset(): void {
    file.value = null;
    job.value = null;
    badRows.value = [];
    badTotal.value = 0;
    again.value = false;
  }

  return { file, mode, defaultOrg, again, job, badRows, badTotal, busy, running, canConfirm, start, resume, cancel, reset };
}
