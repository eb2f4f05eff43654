// Task plan endpoints (docs/api.md § 任务清单).
import { buildUrl, http } from './http';
import type { Page, TaskDigest, TaskItem, TaskItemQuery, TaskItemWrite, TaskPlan, TaskPlanWrite, TaskStep } from './types';

export function listPlans(query: { org_id?: number; state?: string; activity_id?: number; page?: number; page_size?: number } = {}): Promise<Page<TaskPlan>> {
  return http.get<Page<TaskPlan>>('/tasks/plans', query);
}

export function getPlan(id: number): Promise<TaskPlan> {
  return http.get<TaskPlan>(`/tasks/plans/${id}`);
}

export function createPlan(body: TaskPlanWrite): Promise<TaskPlan> {
  return http.post<TaskPlan>('/tasks/plans', body);
}

export function closePlan(id: number, on?: string): Promise<TaskPlan> {
  return http.post<TaskPlan>(`/tasks/plans/${id}/close`, on ? { on } : {});
}

export function addItem(planId: number, body: TaskItemWrite): Promise<TaskItem> {
  return http.post<TaskItem>(`/tasks/plans/${planId}/items`, body);
}

export function listItems(query: TaskItemQuery = {}): Promise<Page<TaskItem>> {
  return http.get<Page<TaskItem>>('/tasks/items', query);
}

export function itemsXlsxUrl(query: TaskItemQuery = {}): string {
  return buildUrl('/tasks/items', { ...query, page: undefined, page_size: undefined, format: 'xlsx' });
}

export function getItem(id: number): Promise<TaskItem> {
  return http.get<TaskItem>(`/tasks/items/${id}`);
}

export function takeStep(id: number, step: TaskStep, body: Record<string, unknown>): Promise<TaskItem> {
  return http.post<TaskItem>(`/tasks/items/${id}/${step}`, body);
}

export function getDigest(query: { org_id?: number; week?: string } = {}): Promise<TaskDigest> {
  return http.get<TaskDigest>('/tasks/digest', query);
}
