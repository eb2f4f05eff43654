import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { UploadFile, UploadRawFile } from 'element-plus';
import { ApiError } from '@/api/http';
import type { PhotoRef } from '@/api/types';
import { photoCard, photoProblem, photoRefs, usePhotoUpload } from './use-photo-upload';

const uploadPhoto = vi.hoisted(() => vi.fn());
vi.mock('@/api/photos', () => ({ uploadPhoto }));

const MiB = 1024 * 1024;

/** A File-like of the given type and size, without allocating the bytes. */
function file(name: string, type: string, size: number): UploadRawFile {
  const raw = Object.assign(new File([], name, { type }), { uid: Math.random(), isDirectory: false });
  return Object.defineProperty(raw, 'size', { value: size });
}

function ref(id: number): PhotoRef {
  return { id, url: `/api/v1/photos/${id}`, content_type: 'image/png', size: 68 };
}

function card(photo: PhotoRef | null, status: UploadFile['status'] = 'success'): UploadFile {
  return { name: 'x', uid: Math.random(), status, response: photo ?? undefined };
}

describe('photoProblem', () => {
  it('accepts JPEG, PNG and WebP up to 5 MiB', () => {
    expect(photoProblem(file('a.jpg', 'image/jpeg', 5 * MiB))).toBe('');
    expect(photoProblem(file('a.png', 'image/png', 68))).toBe('');
    expect(photoProblem(file('a.webp', 'image/webp', MiB))).toBe('');
  });

  it('says in zh-CN why a file is refused', () => {
    expect(photoProblem(file('合影.heic', 'image/heic', MiB))).toBe('“合影.heic”不是 JPEG、PNG 或 WebP 图片');
    expect(photoProblem(file('说明.pdf', '', MiB))).toBe('“说明.pdf”不是 JPEG、PNG 或 WebP 图片');
    expect(photoProblem(file('大图.jpg', 'image/jpeg', 5 * MiB + 1))).toBe('“大图.jpg”超过 5 MiB，请压缩后再上传');
    expect(photoProblem(file('空.png', 'image/png', 0))).toBe('“空.png”是空文件');
  });
});

describe('photo cards', () => {
  it('shows a record photo by its url and keeps its ref', () => {
    expect(photoCard(ref(5))).toMatchObject({ url: '/api/v1/photos/5', status: 'success', response: ref(5) });
  });

  it('takes the refs of uploaded cards in the order shown', () => {
    expect(photoRefs([card(ref(3)), card(null, 'uploading'), card(ref(1)), card(null, 'fail')])).toEqual([ref(3), ref(1)]);
  });
});

describe('usePhotoUpload', () => {
  let photos: PhotoRef[];
  let said: string;
  let orgId: number | null;

  function setup() {
    return usePhotoUpload({ photos: () => photos, orgId: () => orgId, say: (m) => (said = m) });
  }

  beforeEach(() => {
    uploadPhoto.mockReset();
    photos = [];
    said = '';
    orgId = 12;
  });

  it('refuses what the server would, saying all refusals of one selection together', async () => {
    const upload = setup();
    said = 'an old message';
    expect(upload.beforeUpload(file('a.png', 'image/png', 68))).toBe(true);
    expect(said).toBe('');
    expect(upload.beforeUpload(file('b.gif', 'image/gif', 68))).toBe(false);
    expect(upload.beforeUpload(file('c.jpg', 'image/jpeg', 6 * MiB))).toBe(false);
    expect(said).toBe('“b.gif”不是 JPEG、PNG 或 WebP 图片；“c.jpg”超过 5 MiB，请压缩后再上传');
    await Promise.resolve();
    // The next selection starts afresh.
    expect(upload.beforeUpload(file('d.webp', 'image/webp', 68))).toBe(true);
    expect(said).toBe('');
  });

  it('uploads under the owner and is busy meanwhile', async () => {
    const upload = setup();
    let answer: (photo: PhotoRef) => void = () => {};
    uploadPhoto.mockReturnValue(new Promise<PhotoRef>((resolve) => (answer = resolve)));
    const raw = file('a.png', 'image/png', 68);
    const pending = upload.upload({ file: raw });
    expect(uploadPhoto).toHaveBeenCalledWith(raw, 12);
    expect(upload.busy.value).toBe(true);
    answer(ref(7));
    await expect(pending).resolves.toEqual(ref(7));
    expect(upload.busy.value).toBe(false);

    orgId = null;
    uploadPhoto.mockRejectedValue(new ApiError(413, 'payload_too_large', ''));
    await expect(upload.upload({ file: raw })).rejects.toBeInstanceOf(ApiError);
    expect(uploadPhoto).toHaveBeenLastCalledWith(raw, undefined);
    expect(upload.busy.value).toBe(false);
  });

  it('keeps the record refs in the order of the cards', () => {
    const upload = setup();
    photos = [ref(1)];
    upload.reset();
    expect(upload.files.value).toHaveLength(1);
    const added = card(ref(2));
    upload.onSuccess(ref(2), added, [card(ref(1)), card(null, 'ready'), added]);
    expect(photos).toEqual([ref(1), ref(2)]);
    upload.onRemove(card(ref(1)), [added]);
    expect(photos).toEqual([ref(2)]);
  });

  it('says why an upload failed beside the field, but leaves a 401 to the login redirect', () => {
    const upload = setup();
    upload.onError(
      new ApiError(422, 'invalid_argument', '照片的 Content-Type（image/png）与文件内容（image/jpeg）不符', 'photo'),
      { ...card(null, 'fail'), name: '合影.png' },
    );
    expect(said).toBe('“合影.png”上传失败：照片的 Content-Type（image/png）与文件内容（image/jpeg）不符');
    upload.onError(new ApiError(413, 'payload_too_large', ''), { ...card(null, 'fail'), name: 'a.jpg' });
    expect(said).toBe('“a.jpg”上传失败：提交的内容过大');
    said = '';
    upload.onError(new ApiError(401, 'unauthenticated', '请先登录'), card(null, 'fail'));
    expect(said).toBe('');
    upload.onExceed();
    expect(said).toBe('最多上传 20 张照片');
  });
});
