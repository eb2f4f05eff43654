// Work record endpoints (docs/api.md § Work records).
import { http } from './http';
import type { Activity, ActivityQuery, ActivityWrite, Page } from './types';

/** Default sort `-start_date`; `org_id` outside the caller's subtree → 404. */
export function listActivities(query: ActivityQuery = {}): Promise<Page<Activity>> {
  return http.get<Page<Activity>>('/activities', query);
}

export function getActivity(id: number): Promise<Activity> {
  return http.get<Activity>(`/activities/${id}`);
}

export function createActivity(body: ActivityWrite): Promise<Activity> {
  return http.post<Activity>('/activities', body);
}

export function updateActivity(id: number, body: Partial<ActivityWrite>): Promise<Activity> {
  return http.patch<Activity>(`/activities/${id}`, body);
}

/** Soft delete (204); the record is 404 afterwards. */
export function deleteActivity(id: number): Promise<void> {
  return http.delete(`/activities/${id}`);
}
