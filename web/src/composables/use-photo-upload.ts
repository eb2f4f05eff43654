// The logic of a photo field: an el-upload (list-type picture-card) whose photos a record refers to
// by id. Files are checked before they are sent (JPEG, PNG or WebP, ≤ 5 MiB), uploaded one by one
// with POST /photos under the record's owner, and the record's refs follow the cards in the order
// shown. Removing a card drops the ref only: the API has no DELETE for photos. `busy` while an
// upload is under way, so a record is not saved without the photo the person is waiting for.
import { computed, ref } from 'vue';
import type { UploadFile, UploadRawFile, UploadRequestOptions, UploadUserFile } from 'element-plus';
import { ApiError } from '@/api/http';
import { uploadPhoto } from '@/api/photos';
import { PHOTO_MAX_BYTES, PHOTO_MAX_COUNT, PHOTO_TYPES, type PhotoRef } from '@/api/types';
import { i18n } from '@/locales';
import { messageOf } from '@/utils/errors';
import type { FormErrors } from './use-form-errors';

/** `5 MiB`, as the messages say it. */
export const PHOTO_LIMIT_TEXT = `${PHOTO_MAX_BYTES / 1024 / 1024} MiB`;

/** Why the file cannot be uploaded as a photo, in the current language; '' when it can. */
export function photoProblem(file: Pick<File, 'name' | 'type' | 'size'>): string {
  const { t } = i18n.global;
  if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) return t('photo.badType', { name: file.name });
  if (file.size === 0) return t('photo.empty', { name: file.name });
  if (file.size > PHOTO_MAX_BYTES) return t('photo.tooLarge', { name: file.name, limit: PHOTO_LIMIT_TEXT });
  return '';
}

/** The card el-upload shows for a photo the record already has; `response` carries its ref. */
export function photoCard(photo: PhotoRef): UploadUserFile {
  return { name: String(photo.id), url: photo.url, status: 'success', response: photo };
}

/** The refs of the uploaded cards, in the order shown (cards still uploading or failed are left out). */
export function photoRefs(files: readonly (UploadFile | UploadUserFile)[]): PhotoRef[] {
  return files.filter((f) => f.status === 'success' && f.response).map((f) => f.response as PhotoRef);
}

export interface PhotoUploadOptions {
  /** The record's refs, replaced in place (a getter: a form may swap the whole array on load). */
  photos: () => PhotoRef[];
  /** The owner to upload under; null leaves it to the server (the caller's org). */
  orgId: () => number | null;
  /** Shows a message beside the photo field; '' clears it. */
  say: (message: string) => void;
}

export function usePhotoUpload(options: PhotoUploadOptions) {
  const { t } = i18n.global;
  /** The cards (`v-model:file-list`). */
  const files = ref<UploadUserFile[]>([]);
  const pending = ref(0);
  const busy = computed(() => pending.value > 0);

  /** Shows the cards of the record's photos (after a load). */
  function reset(): void {
    files.value = options.photos().map(photoCard);
  }

  function sync(cards: readonly (UploadFile | UploadUserFile)[]): void {
    options.photos().splice(0, Infinity, ...photoRefs(cards));
  }

  // el-upload checks the files of one selection synchronously, one after the other: the messages of
  // one selection are said together, and a new selection clears those of the last one.
  let refusals: string[] | null = null;
  function beforeUpload(file: UploadRawFile): boolean {
    if (refusals === null) {
      refusals = [];
      queueMicrotask(() => (refusals = null));
    }
    const problem = photoProblem(file);
    if (problem) refusals.push(problem);
    options.say(refusals.join('；'));
    return problem === '';
  }

  /** The `http-request` of el-upload: resolves to the ref, which becomes the card's `response`. */
  async function upload({ file }: Pick<UploadRequestOptions, 'file'>): Promise<PhotoRef> {
    pending.value += 1;
    try {
      return await uploadPhoto(file, options.orgId() ?? undefined);
    } finally {
      pending.value -= 1;
    }
  }

  function onSuccess(_photo: PhotoRef, _file: UploadFile, cards: UploadFile[]): void {
    sync(cards);
  }

  function onRemove(_file: UploadFile, cards: UploadFile[]): void {
    sync(cards);
  }

  /** el-upload drops the card; the reason is said beside the field (a 401 goes to login instead). */
  function onError(error: Error, file: UploadFile): void {
    if (error instanceof ApiError && error.code === 'unauthenticated') return;
    options.say(t('photo.failed', { name: file.name, message: messageOf(error) }));
  }

  function onExceed(): void {
    options.say(t('photo.tooMany', { max: PHOTO_MAX_COUNT }));
  }

  return { files, busy, reset, beforeUpload, upload, onSuccess, onRemove, onError, onExceed };
}

export type PhotoUpload = ReturnType<typeof usePhotoUpload>;

/**
 * The photo field of a record form: uploads under the record's owner, messages under the form's
 * `photos` item, and `ready()` to check before saving.
 */
export function useFormPhotos(record: { photos: PhotoRef[]; org_id: number | null }, formErrors: FormErrors) {
  const upload = usePhotoUpload({
    photos: () => record.photos,
    orgId: () => record.org_id,
    say: (message) => formErrors.set('photos', message),
  });

  /** False, said beside the field, while a photo is still uploading: the record would go without it. */
  function ready(): boolean {
    if (!upload.busy.value) return true;
    formErrors.set('photos', i18n.global.t('photo.uploading'));
    return false;
  }

  return { ...upload, ready };
}
