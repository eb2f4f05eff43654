// Auth endpoints (docs/api.md § Auth). The csrf_token of a session is handed to the HTTP client by
// the session store, which is the only caller of login/me/logout.
import { http } from './http';
import type { LoginRequest, PasswordChange, Session } from './types';

/** 200 with the session; 401 on a wrong username or password (never redirects), 429 when locked. */
export function login(body: LoginRequest): Promise<Session> {
  return http.post<Session>('/auth/login', body, { redirectOn401: false });
}

export function logout(): Promise<void> {
  return http.post<void>('/auth/logout', undefined, { redirectOn401: false });
}

/** The current session; 401 without one (never redirects: the route guard decides). */
export function getMe(): Promise<Session> {
  return http.get<Session>('/auth/me', undefined, { redirectOn401: false });
}

export function changePassword(body: PasswordChange): Promise<void> {
  return http.post<void>('/auth/password', body);
}
