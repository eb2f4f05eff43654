// The one HTTP client of the front end. Every src/api/<area>.ts goes through `http`:
// - sends the session cookie (`credentials: 'same-origin'`) and, on writes, the CSRF token;
// - sends a body as JSON, except a Blob (a File): that goes as is, with its own type as Content-Type
//   (photo uploads);
// - answers the parsed JSON body (or undefined for 204), or the text when asked (`getText`);
// - turns every failure into an `ApiError` (the `{"error":{code,message,field}}` body, typed);
// - on 401 calls the unauthenticated handler (the router sends the user to /login), unless the
//   caller handles 401 itself (login, and the session probe on first load).
import type { ApiErrorCode, ErrorBody } from './types';

export const API_BASE = '/api/v1';

const KNOWN_CODES: ReadonlySet<string> = new Set<ApiErrorCode>([
  'bad_request',
  'invalid_argument',
  'unauthenticated',
  'permission_denied',
  'not_found',
  'already_exists',
  'failed_precondition',
  'payload_too_large',
  'resource_exhausted',
  'internal',
  'unavailable',
  'network',
]);

/** A failed request. `message` is the server's zh-CN message, or '' when the server sent none. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly field: string | undefined;

  constructor(status: number, code: ApiErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /**
   * A 422 that names the offending field, or a 409 naming the field whose value is taken (a username,
   * an issue number): show it under that form field.
   */
  get isFieldError(): boolean {
    return (this.code === 'invalid_argument' || this.code === 'already_exists') && !!this.field;
  }
}

/** The code the contract gives each HTTP status, for answers without a parsable error body. */
export function codeForStatus(status: number): ApiErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'permission_denied';
    case 404:
      return 'not_found';
    case 409:
      return 'already_exists';
    case 413:
      return 'payload_too_large';
    case 422:
      return 'invalid_argument';
    case 429:
      return 'resource_exhausted';
    case 503:
      return 'unavailable';
    default:
      return 'internal';
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/** Builds the typed error from a non-2xx response. Never throws. */
export async function parseError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    const text = await res.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (isErrorBody(body)) {
    const { code, message, field } = body.error;
    const known = KNOWN_CODES.has(code) ? (code as ApiErrorCode) : codeForStatus(res.status);
    return new ApiError(res.status, known, typeof message === 'string' ? message : '', field || undefined);
  }
  return new ApiError(res.status, codeForStatus(res.status), '');
}

/** Query parameters: an object of string, number or boolean values (typed per endpoint in types.ts). */
export type Query = object;

/** `/api/v1` + path + query, leaving out empty parameters (undefined, null, ''). */
export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}) as [string, unknown][]) {
    if (typeof value === 'string' && value !== '') params.append(key, value);
    else if (typeof value === 'number' && Number.isFinite(value)) params.append(key, String(value));
    else if (typeof value === 'boolean') params.append(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

let csrfToken = '';
let unauthenticatedHandler: (() => void) | null = null;

/** Kept from `POST /auth/login` and `GET /auth/me`; cleared on logout. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function getCsrfToken(): string {
  return csrfToken;
}

/** Called on any 401 the caller did not opt out of; installed once by main.ts. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  unauthenticatedHandler = handler;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  query?: Query;
  /** Sent as JSON; a Blob (File) is sent as the raw body with its `type` as Content-Type. */
  body?: unknown;
  /** false: a 401 is only thrown, the caller handles it (login form, session probe). */
  redirectOn401?: boolean;
  signal?: AbortSignal;
  /** `text`: answer the body as a string instead of parsing JSON (an exported HTML page). */
  as?: 'json' | 'text';
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof Blob) {
    headers['Content-Type'] = options.body.type || 'application/octet-stream';
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body,
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', '');
  }

  if (!res.ok) {
    const error = await parseError(res);
    if (res.status === 401 && options.redirectOn401 !== false) unauthenticatedHandler?.();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (options.as === 'text') return text as T;
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(res.status, 'internal', '');
  }
}

type Options = Omit<RequestOptions, 'body'>;

export const http = {
  get: <T>(path: string, query?: Query, options?: Omit<Options, 'query'>) =>
    request<T>('GET', path, { ...options, query }),
  /** GET of a body that is not JSON, answered as text. */
  getText: (path: string, query?: Query) => request<string>('GET', path, { query, as: 'text' }),
  post: <T>(path: string, body?: unknown, options?: Options) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: Options) => request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: Options) => request<T>('PUT', path, { ...options, body }),
  delete: <T = void>(path: string, options?: Options) => request<T>('DELETE', path, options),
};
