import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, setCsrfToken } from './http';
import { uploadPhoto } from './photos';

// The smallest PNG: signature + IHDR + IDAT + IEND of a 1×1 pixel.
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const answer = {
  id: 7,
  org_id: 12,
  content_type: 'image/png',
  size: PNG.length,
  sha256: 'ab',
  url: '/api/v1/photos/7',
  created_at: '2024-05-21T08:00:00Z',
};

describe('uploadPhoto', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('tok-9');
  });

  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setCsrfToken('');
  });

  it('sends the file itself with its own type, the CSRF token and the owner', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, answer));
    const file = new File([PNG], 'pixel.png', { type: 'image/png' });
    await expect(uploadPhoto(file, 12)).resolves.toEqual(answer);

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/photos?org_id=12');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    const headers = init?.headers as Record<string, string>;
    expect(headers['Content-Type']).toBe('image/png');
    expect(headers['X-CSRF-Token']).toBe('tok-9');
    expect(init?.body).toBe(file);
    const sent = new Uint8Array(await (init?.body as Blob).arrayBuffer());
    expect(sent).toEqual(PNG);
  });

  it('leaves the owner to the server when none is given', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, answer));
    await uploadPhoto(new Blob([PNG], { type: 'image/webp' }));
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/photos');
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('image/webp');
  });

  it('turns the error body into an ApiError on the photo field', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(422, { error: { code: 'invalid_argument', message: '照片只能是 JPEG、PNG 或 WebP 图片', field: 'photo' } }),
    );
    const error = await uploadPhoto(new File(['x'], 'a.png', { type: 'image/png' }), 12).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'invalid_argument', field: 'photo', message: '照片只能是 JPEG、PNG 或 WebP 图片' });
  });

  it('reads 413 and 404 the same way', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(413, { error: { code: 'payload_too_large', message: '照片不能超过 5 MiB' } }));
    await expect(uploadPhoto(new Blob([PNG], { type: 'image/png' }))).rejects.toMatchObject({
      status: 413,
      code: 'payload_too_large',
    });
    fetchMock.mockResolvedValueOnce(new Response('', { status: 413 }));
    await expect(uploadPhoto(new Blob([PNG], { type: 'image/png' }))).rejects.toMatchObject({ code: 'payload_too_large', message: '' });
    fetchMock.mockResolvedValueOnce(
      jsonResponse(404, { error: { code: 'not_found', message: '组织不存在或不在您的管辖范围内', field: 'org_id' } }),
    );
    await expect(uploadPhoto(new Blob([PNG], { type: 'image/png' }), 99)).rejects.toMatchObject({ code: 'not_found', field: 'org_id' });
  });
});
