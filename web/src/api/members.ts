// Member endpoints (docs/api.md § Members). ID number and phone come back masked unless the caller
// holds `member:pii:read`.
import { http } from './http';
import type {
  Items,
  Member,
  MemberCreate,
  MemberPatch,
  MemberQuery,
  MemberTransfer,
  MemberTransferRecord,
  Page,
} from './types';

export function listMembers(query: MemberQuery = {}): Promise<Page<Member>> {
  return http.get<Page<Member>>('/members', query);
}

export function getMember(id: number): Promise<Member> {
  return http.get<Member>(`/members/${id}`);
}

/** 422 field `id_number` when the GB 11643 check digit is wrong; 409 when taken in the union. */
export function createMember(body: MemberCreate): Promise<Member> {
  return http.post<Member>('/members', body);
}

export function updateMember(id: number, body: MemberPatch): Promise<Member> {
  return http.patch<Member>(`/members/${id}`, body);
}

export function transferMember(id: number, body: MemberTransfer): Promise<Member> {
  return http.post<Member>(`/members/${id}/transfer`, body);
}

export function listMemberTransfers(id: number): Promise<Items<MemberTransferRecord>> {
  return http.get<Items<MemberTransferRecord>>(`/members/${id}/transfers`);
}
