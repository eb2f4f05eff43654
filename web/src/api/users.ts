// User administration (docs/api.md § Users), admins only.
import { http } from './http';
import type { Page, User, UserCreate, UserPatch, UserQuery } from './types';

/** The contract does not say whether /users is paginated; a bare array is accepted as one page. */
export async function listUsers(query: UserQuery = {}): Promise<Page<User>> {
  const answer = await http.get<Page<User> | User[]>('/users', query);
  if (Array.isArray(answer)) return { items: answer, total: answer.length, page: 1, page_size: answer.length };
  return answer;
}

/** 409 when the username is taken. */
export function createUser(body: UserCreate): Promise<User> {
  return http.post<User>('/users', body);
}

export function updateUser(id: number, body: UserPatch): Promise<User> {
  return http.patch<User>(`/users/${id}`, body);
}
