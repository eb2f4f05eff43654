// Logic of the news submission form: the model, its API body, loading an item for edit, saving it as a
// draft (POST or PATCH) and submitting it (save, then POST /submit). Photos are uploaded as chosen
// (use-photo-upload); the item sends their ids and the ids of the linked work records.
import { reactive, ref } from 'vue';
import { createNews, getNews, submitNews, updateNews } from '@/api/news';
import type { Activity, ActivityBrief, NewsItem, NewsWrite, PhotoRef } from '@/api/types';
import { useFormErrors } from '@/composables/use-form-errors';
import { useFormPhotos } from '@/composables/use-photo-upload';
import { useRecord } from '@/composables/use-record';

export interface NewsModel {
  org_id: number | null;
  title: string;
  body: string;
  event_date: string;
  activities: ActivityBrief[];
  photos: PhotoRef[];
}

/** The fields the form shows (a 422 on any other becomes a toast); `activity_ids[1]` lands on `activity_ids`. */
export const NEWS_FIELDS = ['org_id', 'title', 'body', 'event_date', 'activity_ids', 'photos'] as const;

export function emptyNewsModel(orgId: number | null): NewsModel {
  return { org_id: orgId, title: '', body: '', event_date: '', activities: [], photos: [] };
}

export function modelFromNews(item: NewsItem): NewsModel {
  return {
    org_id: item.org_id,
    title: item.title,
    body: item.body,
    event_date: item.event_date,
    activities: [...item.activities],
    photos: [...item.photos],
  };
}

/** The request body; `org_id` only on create (an item never changes owner). */
export function newsWrite(m: NewsModel, mode: 'create' | 'update'): NewsWrite {
  const body: NewsWrite = {
    title: m.title.trim(),
    body: m.body,
    event_date: m.event_date,
    activity_ids: m.activities.map((a) => a.id),
    photos: m.photos.map((p) => p.id),
  };
  if (mode === 'create' && m.org_id !== null) body.org_id = m.org_id;
  return body;
}

/** Adds a picked work record once, keeping the order of picking. */
export function linkActivity(list: ActivityBrief[], activity: Pick<Activity, 'id' | 'title' | 'start_date'>): void {
  if (!list.some((a) => a.id === activity.id)) list.push({ id: activity.id, title: activity.title, start_date: activity.start_date });
}

export function useNewsForm(defaultOrgId: number | null) {
  const model = reactive<NewsModel>(emptyNewsModel(defaultOrgId));
  let id = 0;
  /** The item being edited (its state and the editor's comment), null for a new one. */
  const { record: item, loading, load: fetch } = useRecord(() => getNews(id));
  const saving = ref(false);
  const formErrors = useFormErrors(NEWS_FIELDS);
  const photos = useFormPhotos(model, formErrors);

  async function load(itemId: number): Promise<boolean> {
    id = itemId;
    const loaded = await fetch();
    if (loaded) {
      Object.assign(model, modelFromNews(loaded));
      photos.reset();
    }
    return loaded !== null;
  }

  /** Saves the draft (creates it the first time); resolves to the item, or undefined after the error. */
  async function save(): Promise<NewsItem | undefined> {
    if (!photos.ready()) return undefined;
    saving.value = true;
    try {
      const current = item.value;
      const saved = await formErrors.submit(() =>
        current === null ? createNews(newsWrite(model, 'create')) : updateNews(current.id, newsWrite(model, 'update')),
      );
      if (saved) item.value = saved;
      return saved;
    } finally {
      saving.value = false;
    }
  }

  /** Saves, then submits (a returned item is resubmitted). Resolves to the submitted item. */
  async function submit(): Promise<NewsItem | undefined> {
    const saved = await save();
    if (!saved) return undefined;
    saving.value = true;
    try {
      return await formErrors.submit(() => submitNews(saved.id));
    } finally {
      saving.value = false;
    }
  }

  function link(activity: Activity): void {
    linkActivity(model.activities, activity);
  }

  return { model, item, loading, saving, load, save, submit, link, photos, errorOf: formErrors.errorOf };
}
