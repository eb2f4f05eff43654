// 爱心托管班 endpoints (docs/api.md § 爱心托管班 (childcare)): classes, enrolments, attendance, the
// six-standard evaluation with its review steps, inspections and findings.
import { http } from './http';
import type {
  ChildcareAttendance,
  ChildcareClass,
  ChildcareClassQuery,
  ChildcareClassWrite,
  ChildcareEnrolment,
  ChildcareEvaluation,
  ChildcareInspection,
  EnrolmentCreate,
  EnrolmentStatus,
  EvaluationReview,
  AttendanceDay,
  InspectionCreate,
  InspectionPatch,
  Page,
  PageQuery,
  StandardScoreWrite,
} from './types';

export function listClasses(query: ChildcareClassQuery = {}): Promise<Page<ChildcareClass>> {
  return http.get<Page<ChildcareClass>>('/childcare/classes', query);
}

export function getClass(id: number): Promise<ChildcareClass> {
  return http.get<ChildcareClass>(`/childcare/classes/${id}`);
}

/** 422 naming the field (`end_date`, `age_min`, …); `grade` is read-only. */
export function createClass(body: ChildcareClassWrite): Promise<ChildcareClass> {
  return http.post<ChildcareClass>('/childcare/classes', body);
}

/** Never `org_id`; lowering `capacity` below the enrolled count → 409 field `capacity`. */
export function updateClass(id: number, body: Partial<ChildcareClassWrite>): Promise<ChildcareClass> {
  return http.patch<ChildcareClass>(`/childcare/classes/${id}`, body);
}

/**
 * 204. Only a class nothing has happened to yet: otherwise 409 `failed_precondition` whose message
 * names every reason (enrolments, an evaluation past draft, a grade, a grant, an inspection).
 */
export function deleteClass(id: number): Promise<void> {
  return http.delete(`/childcare/classes/${id}`);
}

export function listEnrolments(
  classId: number,
  query: PageQuery & { status?: EnrolmentStatus } = {},
): Promise<Page<ChildcareEnrolment>> {
  return http.get<Page<ChildcareEnrolment>>(`/childcare/classes/${classId}/enrolments`, query);
}

/** 422 `member_id` / `child_name`; 409 `child_name` (twice) or `capacity` (full, no waitlist). */
export function enrol(classId: number, body: EnrolmentCreate): Promise<ChildcareEnrolment> {
  return http.post<ChildcareEnrolment>(`/childcare/classes/${classId}/enrolments`, body);
}

export function withdrawEnrolment(classId: number, enrolmentId: number): Promise<ChildcareEnrolment> {
  return http.post<ChildcareEnrolment>(`/childcare/classes/${classId}/enrolments/${enrolmentId}/withdraw`);
}

export function getAttendance(classId: number, query: { from?: string; to?: string } = {}): Promise<ChildcareAttendance> {
  return http.get<ChildcareAttendance>(`/childcare/classes/${classId}/attendance`, query);
}

/** Records the whole day: enrolled children not listed are absent. */
export function putAttendance(classId: number, date: string, present: number[]): Promise<AttendanceDay> {
  return http.put<AttendanceDay>(`/childcare/classes/${classId}/attendance/${date}`, { present });
}

/** 409 when the class has an open evaluation, or one for that year. */
export function createEvaluation(classId: number, year: number): Promise<ChildcareEvaluation> {
  return http.post<ChildcareEvaluation>(`/childcare/classes/${classId}/evaluations`, { year });
}

export function getEvaluation(id: number): Promise<ChildcareEvaluation> {
  return http.get<ChildcareEvaluation>(`/childcare/evaluations/${id}`);
}

/** The self-assessment, in `draft` or `returned`. */
export function saveSelfScores(id: number, scores: StandardScoreWrite[]): Promise<ChildcareEvaluation> {
  return http.patch<ChildcareEvaluation>(`/childcare/evaluations/${id}`, { scores });
}

/** 422 `scores[i].evidence` when a self score lacks evidence. */
export function submitEvaluation(id: number): Promise<ChildcareEvaluation> {
  return http.post<ChildcareEvaluation>(`/childcare/evaluations/${id}/submit`);
}

/** The district step (scores, comment) or the city step (also grade and subsidy_fen). */
export function reviewEvaluation(id: number, body: EvaluationReview): Promise<ChildcareEvaluation> {
  return http.post<ChildcareEvaluation>(`/childcare/evaluations/${id}/review`, body);
}

/** 422 `comment` when empty. */
export function returnEvaluation(id: number, comment: string): Promise<ChildcareEvaluation> {
  return http.post<ChildcareEvaluation>(`/childcare/evaluations/${id}/return`, { comment });
}

export function listInspections(
  query: PageQuery & { class_id?: number; open?: boolean; overdue?: boolean } = {},
): Promise<Page<ChildcareInspection>> {
  return http.get<Page<ChildcareInspection>>('/childcare/inspections', query);
}

export function createInspection(body: InspectionCreate): Promise<ChildcareInspection> {
  return http.post<ChildcareInspection>('/childcare/inspections', body);
}

/**
 * Date, inspector, notes; `findings` items with `id` change that finding (409 `findings[i]` once it
 * is accepted), items without add one. 422 names `date` or `findings[i].description|deadline|id`
 * (`i` indexes the request's list); 403 outside the inspecting union's scope.
 */
export function updateInspection(id: number, body: InspectionPatch): Promise<ChildcareInspection> {
  return http.patch<ChildcareInspection>(`/childcare/inspections/${id}`, body);
}
