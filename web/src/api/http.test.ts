import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, codeForStatus, parseError, request, setCsrfToken, setUnauthenticatedHandler } from './http';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('parseError', () => {
  it('reads code, message and field from the error body', async () => {
    const error = await parseError(
      jsonResponse(422, { error: { code: 'invalid_argument', message: '结束日期早于开始日期', field: 'end_date' } }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toBe('结束日期早于开始日期');
    expect(error.field).toBe('end_date');
    expect(error.isFieldError).toBe(true);
  });

  it('has no field when the body has none', async () => {
    const error = await parseError(jsonResponse(404, { error: { code: 'not_found', message: '记录不存在' } }));
    expect(error.field).toBeUndefined();
    expect(error.isFieldError).toBe(false);
  });

  it('puts a taken value (409 with a field) beside its field too', async () => {
    const taken = await parseError(
      jsonResponse(409, { error: { code: 'already_exists', message: '2024年已有第21期', field: 'number' } }),
    );
    expect(taken.isFieldError).toBe(true);
    const state = await parseError(jsonResponse(409, { error: { code: 'failed_precondition', message: '已发布', field: 'state' } }));
    expect(state.isFieldError).toBe(false);
  });

  it('falls back to the status when the body is not the error shape', async () => {
    const error = await parseError(new Response('<html>Bad Gateway</html>', { status: 502 }));
    expect(error.code).toBe('internal');
    expect(error.message).toBe('');
    const locked = await parseError(jsonResponse(429, { message: 'x' }));
    expect(locked.code).toBe('resource_exhausted');
  });

  it('maps an unknown code by the status', async () => {
    const error = await parseError(jsonResponse(409, { error: { code: 'something_new', message: '冲突' } }));
    expect(error.code).toBe('already_exists');
    expect(error.message).toBe('冲突');
  });
});

describe('codeForStatus', () => {
  it('follows the contract table', () => {
    expect(codeForStatus(400)).toBe('bad_request');
    expect(codeForStatus(401)).toBe('unauthenticated');
    expect(codeForStatus(403)).toBe('permission_denied');
    expect(codeForStatus(413)).toBe('payload_too_large');
    expect(codeForStatus(503)).toBe('unavailable');
    expect(codeForStatus(500)).toBe('internal');
  });
});

describe('buildUrl', () => {
  it('prefixes /api/v1 and leaves out empty parameters', () => {
    expect(buildUrl('/activities', { q: '疏散', org_id: 12, from: '', to: undefined, type: null, page: 1 })).toBe(
      '/api/v1/activities?q=%E7%96%8F%E6%95%A3&org_id=12&page=1',
    );
    expect(buildUrl('/auth/me')).toBe('/api/v1/auth/me');
  });
});

describe('request', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('');
    setUnauthenticatedHandler(null);
  });

  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  it('sends the CSRF token on writes only, with same-origin credentials', async () => {
    setCsrfToken('tok-1');
    fetchMock.mockImplementation(() => Promise.resolve(jsonResponse(200, { id: 1 })));
    await request('GET', '/orgs/1');
    await request('POST', '/activities', { body: { title: 'x' } });
    await request('DELETE', '/activities/1');

    const [getUrl, getInit] = fetchMock.mock.calls[0]!;
    expect(getUrl).toBe('/api/v1/orgs/1');
    expect(getInit?.credentials).toBe('same-origin');
    expect((getInit?.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();

    const [, postInit] = fetchMock.mock.calls[1]!;
    expect(postInit?.method).toBe('POST');
    expect((postInit?.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-1');
    expect((postInit?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(postInit?.body).toBe('{"title":"x"}');

    const [, deleteInit] = fetchMock.mock.calls[2]!;
    expect((deleteInit?.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-1');
  });

  it('sends a Blob as it is, with its own type (or octet-stream when it has none)', async () => {
    setCsrfToken('tok-2');
    fetchMock.mockImplementation(() => Promise.resolve(jsonResponse(201, { id: 1 })));
    const image = new Blob(['\x89PNG'], { type: 'image/png' });
    await request('POST', '/photos', { body: image });
    const [, init] = fetchMock.mock.calls[0]!;
    expect(init?.body).toBe(image);
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('image/png');
    expect((init?.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-2');
    await request('POST', '/photos', { body: new Blob(['?']) });
    expect((fetchMock.mock.calls[1]![1]?.headers as Record<string, string>)['Content-Type']).toBe('application/octet-stream');
  });

  it('answers the text of a body that is not JSON when asked', async () => {
    fetchMock.mockResolvedValue(new Response('<!doctype html><p>一周动态</p>', { status: 200 }));
    await expect(request('GET', '/bulletins/3/export', { as: 'text' })).resolves.toBe('<!doctype html><p>一周动态</p>');
  });

  it('answers undefined for 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(request('DELETE', '/activities/3')).resolves.toBeUndefined();
  });

  it('throws the typed error and calls the 401 handler', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    fetchMock.mockResolvedValue(jsonResponse(401, { error: { code: 'unauthenticated', message: '请先登录' } }));
    await expect(request('GET', '/activities')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('leaves a 401 to the caller when asked (login, session probe)', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    fetchMock.mockResolvedValue(jsonResponse(401, { error: { code: 'unauthenticated', message: '用户名或密码错误' } }));
    await expect(request('POST', '/auth/login', { body: {}, redirectOn401: false })).rejects.toBeInstanceOf(ApiError);
    expect(handler).not.toHaveBeenCalled();
  });

  it('turns a failed fetch into a network error', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(request('GET', '/orgs')).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});
