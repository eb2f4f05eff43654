// Logic of 审核队列 (editors): the queue (submitted and resubmitted items, oldest submission first) and
// the three decisions on an item — return with a comment, adopt into a section of an issue, decline.
import { computed, reactive, ref, shallowRef } from 'vue';
import { listBulletins } from '@/api/bulletins';
import { adoptNews, declineNews, listNews, returnNews } from '@/api/news';
import type { Bulletin, BulletinSection, NewsItem } from '@/api/types';
import { useFormErrors } from '@/composables/use-form-errors';
import { usePagedList } from '@/composables/use-paged-list';
import { notifyError } from '@/utils/errors';

/** The queue, optionally narrowed to items whose title or text contains `q`. */
export function useReviewQueue() {
  const q = ref('');
  const list = usePagedList<NewsItem>((page, pageSize) =>
    listNews({ state: 'pending', q: q.value.trim() || undefined, page, page_size: pageSize }),
  );
  return { q, ...list };
}

/** The longest the server takes for a comment. */
export const COMMENT_MAX = 500;

/** `return`: the comment is required (the reporter must know what to change); `decline`: optional. */
export type CommentMode = 'return' | 'decline';

export function useCommentForm(item: () => NewsItem) {
  const model = reactive({ comment: '' });
  const mode = ref<CommentMode>('return');
  const saving = ref(false);
  const formErrors = useFormErrors(['comment']);

  function reset(next: CommentMode): void {
    mode.value = next;
    model.comment = '';
    formErrors.clear();
  }

  async function save(): Promise<NewsItem | undefined> {
    saving.value = true;
    const comment = model.comment.trim();
    try {
      return await formErrors.submit(() =>
        mode.value === 'return' ? returnNews(item().id, comment) : declineNews(item().id, comment),
      );
    } finally {
      saving.value = false;
    }
  }

  return { model, mode, saving, reset, save, errorOf: formErrors.errorOf };
}

/** News goes to the first ◆ brief section (基层动态) unless the editor says otherwise. */
export function defaultSection(sections: readonly BulletinSection[]): string {
  return (sections.find((s) => s.style === 'brief') ?? sections[0])?.name ?? '';
}

/** Issues to adopt into: unpublished ones first (the one being composed), each group newest first. */
export function adoptTargets(issues: readonly Bulletin[]): Bulletin[] {
  const open = issues.filter((b) => !b.published_version);
  return [...open, ...issues.filter((b) => b.published_version)];
}

export function useAdoptForm(item: () => NewsItem) {
  const model = reactive<{ bulletin_id: number | null; section: string }>({ bulletin_id: null, section: '' });
  const issues = shallowRef<Bulletin[]>([]);
  const saving = ref(false);
  const formErrors = useFormErrors(['bulletin_id', 'section']);
  const sections = computed(() => issues.value.find((b) => b.id === model.bulletin_id)?.sections ?? []);

  /** Loads the issues (newest first) and preselects the first one still open. */
  async function reset(): Promise<void> {
    formErrors.clear();
    try {
      issues.value = adoptTargets((await listBulletins({ page_size: 100 })).items);
    } catch (error) {
      notifyError(error);
      issues.value = [];
    }
    choose(issues.value[0]?.id ?? null);
  }

  function choose(id: number | null): void {
    model.bulletin_id = id;
    model.section = defaultSection(sections.value);
  }

  async function save(): Promise<NewsItem | undefined> {
    const bulletinId = model.bulletin_id;
    if (bulletinId === null) return undefined;
    saving.value = true;
    try {
      return await formErrors.submit(() => adoptNews(item().id, { bulletin_id: bulletinId, section: model.section }));
    } finally {
      saving.value = false;
    }
  }

  return { model, issues, sections, saving, reset, choose, save, errorOf: formErrors.errorOf };
}
