// Logic of 审核队列 (editors): the queue (submitted and resubmitted items, oldest submission first) and
// the three decisions on an item — return with a comment, adopt into a section of an issue, decline.
import { reactive, ref, shallowRef } from 'vue';
import { getBulletin, listBulletins } from '@/api/bulletins';
import { adoptNews, declineNews, listNews, returnNews } from '@/api/news';
import type { BulletinSection, BulletinSummary, NewsItem } from '@/api/types';
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
export function adoptTargets<B extends Pick<BulletinSummary, 'published_version'>>(issues: readonly B[]): B[] {
  const open = issues.filter((b) => !b.published_version);
  return [...open, ...issues.filter((b) => b.published_version)];
}

export function useAdoptForm(item: () => NewsItem) {
  const model = reactive<{ bulletin_id: number | null; section: string }>({ bulletin_id: null, section: '' });
  const issues = shallowRef<BulletinSummary[]>([]);
  /** The sections of the chosen issue (the list does not carry them). */
  const sections = shallowRef<BulletinSection[]>([]);
  const saving = ref(false);
  const formErrors = useFormErrors(['bulletin_id', 'section']);

  /** Loads the issues (newest first) and preselects the first one still open. */
  async function reset(): Promise<void> {
    formErrors.clear();
    try {
      issues.value = adoptTargets((await listBulletins({ page_size: 100 })).items);
    } catch (error) {
      notifyError(error);
      issues.value = [];
    }
    await choose(issues.value[0]?.id ?? null);
  }

  /** Chooses an issue and, once its sections are known, its first ◆ brief section. */
  async function choose(id: number | null): Promise<void> {
    model.bulletin_id = id;
    model.section = '';
    sections.value = [];
    if (id === null) return;
    try {
      const issue = await getBulletin(id);
      if (model.bulletin_id !== id) return; // another issue was chosen meanwhile
      sections.value = issue.sections;
      model.section = defaultSection(issue.sections);
    } catch (error) {
      notifyError(error);
    }
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
