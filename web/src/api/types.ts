// Types of the gonghui HTTP API v1 (docs/api.md), declared once and shared by every src/api/<area>.ts.

/** Permission strings `area:entity:action`; the server enforces the same vocabulary. */
export type Permission =
  | 'org:org:read'
  | 'org:org:write'
  | 'org:enterprise:read'
  | 'org:enterprise:write'
  | 'member:member:read'
  | 'member:member:write'
  | 'member:pii:read'
  | 'activity:activity:read'
  | 'activity:activity:write'
  | 'audit:log:read'
  | 'auth:user:read'
  | 'auth:user:write'
  | 'news:item:read'
  | 'news:item:write'
  | 'news:item:review'
  | 'bulletin:issue:read'
  | 'bulletin:issue:write'
  | 'childcare:class:read'
  | 'childcare:class:write'
  | 'childcare:evaluation:review'
  | 'campaign:campaign:read'
  | 'campaign:campaign:write'
  | 'competition:event:read'
  | 'competition:event:write'
  | 'honour:honour:read'
  | 'honour:honour:write'
  | 'stats:stats:read'
  | 'labour:contract:read'
  | 'labour:contract:write'
  | 'task:plan:read'
  | 'task:plan:write';

export type Role = 'admin' | 'editor' | 'manager' | 'reporter' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'editor', 'manager', 'reporter', 'viewer'];

/** Error codes of the `{"error":{code,message,field}}` body. */
export type ApiErrorCode =
  | 'bad_request'
  | 'invalid_argument'
  | 'unauthenticated'
  | 'permission_denied'
  | 'not_found'
  | 'already_exists'
  | 'failed_precondition'
  | 'payload_too_large'
  | 'resource_exhausted'
  | 'internal'
  | 'unavailable'
  /** Client-side only: the request never got an answer. */
  | 'network';

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/** `YYYY-MM-DD` */
export type DateString = string;
/** ISO-8601 UTC, e.g. `2026-05-20T08:00:00Z` */
export type Timestamp = string;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
  /** Lists that count a search only so far (members): `total` is that cap, and there are more. */
  total_capped?: boolean;
}

export interface Items<T> {
  items: T[];
}

export type Axis = 'territorial' | 'industry';
export const AXES: readonly Axis[] = ['territorial', 'industry'];

export interface PageQuery {
  /** From 1; default 1. */
  page?: number;
  /** 1–200; default 20. */
  page_size?: number;
}

/** Query parameters shared by every list of records owned by an organisation. */
export interface ListQuery extends PageQuery {
  org_id?: number;
  axis?: Axis;
}

// ---- auth ----

export interface SessionUser {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  org_id: number;
  org_name: string;
}

export interface Session {
  user: SessionUser;
  permissions: Permission[];
  csrf_token: string;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface PasswordChange {
  old_password: string;
  new_password: string;
}

// ---- organisations ----

export type OrgKind = 'city' | 'district' | 'street' | 'industry' | 'grassroots' | 'partner';
export const ORG_KINDS: readonly OrgKind[] = ['city', 'district', 'street', 'industry', 'grassroots', 'partner'];

export interface Org {
  id: number;
  name: string;
  short_name: string;
  kind: OrgKind;
  code: string;
  parent_id: number | null;
  industry_parent_id: number | null;
  is_partner: boolean;
  child_count: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrgRef {
  id: number;
  name: string;
}

export interface OrgQuery extends ListQuery {
  q?: string;
  kind?: OrgKind;
}

export interface OrgCreate {
  name: string;
  kind: OrgKind;
  parent_id: number;
  industry_parent_id?: number | null;
  short_name?: string;
  code?: string;
}

export interface OrgPatch {
  name?: string;
  short_name?: string;
  code?: string;
  parent_id?: number;
  industry_parent_id?: number | null;
}

export interface OrgMove {
  at: Timestamp;
  user_id: number;
  axis: Axis;
  from_parent_id: number | null;
  to_parent_id: number | null;
}

// ---- members ----

export type MemberStatus = 'active' | 'suspended' | 'left';
export const MEMBER_STATUSES: readonly MemberStatus[] = ['active', 'suspended', 'left'];

export type MemberTag = 'new_employment' | 'migrant_worker' | 'model_worker' | 'in_hardship';
export const MEMBER_TAGS: readonly MemberTag[] = ['new_employment', 'migrant_worker', 'model_worker', 'in_hardship'];

export type Gender = 'male' | 'female';

export interface MemberChild {
  name: string;
  birth_date: DateString;
}

export interface Member {
  id: number;
  org_id: number;
  name: string;
  /** Masked (`500108********1234`) unless the caller holds `member:pii:read`. */
  id_number: string;
  gender: Gender;
  birth_date: DateString;
  /** Masked (`138****5678`) unless the caller holds `member:pii:read`. */
  phone: string;
  employer: string;
  join_date: DateString | null;
  status: MemberStatus;
  tags: MemberTag[];
  children: MemberChild[];
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MemberQuery extends ListQuery {
  q?: string;
  status?: MemberStatus;
  tag?: MemberTag;
}

export interface MemberCreate {
  org_id: number;
  name: string;
  id_number: string;
  phone?: string;
  employer?: string;
  join_date?: DateString;
  status?: MemberStatus;
  tags?: MemberTag[];
  children?: MemberChild[];
}

/** PATCH may not change `org_id`: use transfer. */
export type MemberPatch = Partial<Omit<MemberCreate, 'org_id'>>;

export interface MemberTransfer {
  to_org_id: number;
  reason?: string;
}

export interface MemberTransferRecord {
  at: Timestamp;
  from_org_id: number;
  to_org_id: number;
  reason: string;
  user_id: number;
}

// ---- photos ----

/** How a record refers to a photo; `url` (`/api/v1/photos/ID`) serves the image to the session. */
export interface PhotoRef {
  id: number;
  url: string;
  content_type: PhotoType;
  /** Bytes. */
  size: number;
}

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';
export const PHOTO_TYPES: readonly PhotoType[] = ['image/jpeg', 'image/png', 'image/webp'];
/** The server refuses larger uploads (413). */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** A work record refers to at most this many photos. */
export const PHOTO_MAX_COUNT = 20;

/** The answer to an upload: the ref plus where it belongs and what it is. */
export interface Photo extends PhotoRef {
  org_id: number;
  sha256: string;
  created_at: Timestamp;
}

// ---- work records (activities) ----

export type ActivityType =
  | 'meeting'
  | 'education'
  | 'training'
  | 'competition'
  | 'culture_sports'
  | 'care'
  | 'consultation'
  | 'guidance'
  | 'award'
  | 'other';
export const ACTIVITY_TYPES: readonly ActivityType[] = [
  'meeting',
  'education',
  'training',
  'competition',
  'culture_sports',
  'care',
  'consultation',
  'guidance',
  'award',
  'other',
];

export type DayPart = '' | 'am' | 'pm';
export const DAY_PARTS: readonly DayPart[] = ['', 'am', 'pm'];

export type Qualifier = '' | '余' | '近' | '多' | '约' | '以上' | '最高';

/** A count kept as written (`40余人`) and as a number. */
export interface Quantity {
  count: number;
  qualifier: Qualifier;
  text: string;
}

export interface Beneficiary extends Quantity {
  group: string;
}

export type MoneySource = '' | 'self_raised' | 'special_fund' | 'subsidy';
export const MONEY_SOURCES: readonly MoneySource[] = ['', 'self_raised', 'special_fund', 'subsidy'];

export interface Money {
  amount_fen: number;
  qualifier: Qualifier;
  purpose: string;
  source: MoneySource;
  text: string;
}

/** The fields a work record is read and written with alike. */
export interface ActivityCommon {
  title: string;
  type: ActivityType;
  start_date: DateString;
  end_date: DateString;
  day_part: DayPart;
  places: string[];
  target_groups: string[];
  items: string[];
  body: string;
}

export interface Activity extends ActivityCommon {
  id: number;
  org_id: number;
  participants: Quantity | null;
  beneficiaries: Beneficiary[];
  money: Money[];
  organisers: OrgRef[];
  partners: OrgRef[];
  photos: PhotoRef[];
  /** The 关爱行动 the record reports against, or null. */
  campaign_id: number | null;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ActivitySort = '-start_date' | 'start_date' | '-created_at';

export interface ActivityQuery extends ListQuery {
  type?: ActivityType;
  from?: DateString;
  to?: DateString;
  q?: string;
  sort?: ActivitySort;
  /** The records reporting against one campaign. */
  campaign_id?: number;
  /** true: the records of `org_id` itself, not of its subtree. */
  own?: boolean;
}

/** Quantities are sent as written and parsed by the server (`{"text":"40余人"}`). */
export interface QuantityInput {
  text: string;
}

export interface BeneficiaryInput {
  group: string;
  text: string;
}

export interface MoneyInput {
  text: string;
  purpose: string;
  source: MoneySource;
}

export interface ActivityWrite extends ActivityCommon {
  /** Owner; create only (the contract does not name it in POST: see web/README.md). */
  org_id?: number;
  participants: QuantityInput | null;
  beneficiaries: BeneficiaryInput[];
  money: MoneyInput[];
  /** Org ids; answered as `{id,name}`. */
  organisers: number[];
  partners: number[];
  /** Photo ids (uploaded first with POST /photos, at most 20); answered as refs. */
  photos: number[];
  /**
   * A campaign visible to the caller, owned by an org whose subtree holds the record's, whose period
   * holds `start_date` (else 422 `campaign_id`); null unlinks.
   */
  campaign_id?: number | null;
}

// ---- audit ----

export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'move'
  | 'transfer'
  | 'login'
  | 'logout'
  | 'login_failed'
  // news items and bulletins
  | 'submit'
  | 'resubmit'
  | 'return'
  | 'adopt'
  | 'decline'
  | 'unadopt'
  | 'publish';
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'create',
  'update',
  'delete',
  'move',
  'transfer',
  'login',
  'logout',
  'login_failed',
  'submit',
  'resubmit',
  'return',
  'adopt',
  'decline',
  'unadopt',
  'publish',
];

export interface AuditEntry {
  id: number;
  at: Timestamp;
  user_id: number | null;
  username: string;
  action: AuditAction;
  entity: string;
  entity_id: number | null;
  org_id: number | null;
  before: unknown;
  after: unknown;
}

export interface AuditQuery extends PageQuery {
  entity?: string;
  entity_id?: number;
  user_id?: number;
  from?: DateString;
  to?: DateString;
}

// ---- users ----

/** The contract does not spell out the user object; this is the login `user` plus `disabled`. */
export interface User {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  org_id: number;
  org_name?: string;
  disabled?: boolean;
  created_at?: Timestamp;
}

export type UserQuery = PageQuery;

export interface UserCreate {
  username: string;
  password: string;
  role: Role;
  org_id: number;
  display_name?: string;
}

export interface UserPatch {
  role?: Role;
  org_id?: number;
  display_name?: string;
  disabled?: boolean;
}

// ---- news items (信息报送) ----

/**
 * draft → submitted → returned (with the editor's comment) → resubmitted → adopted | declined.
 * Edits only in draft and returned; review actions only in submitted and resubmitted.
 */
export type NewsState = 'draft' | 'submitted' | 'returned' | 'resubmitted' | 'adopted' | 'declined';
export const NEWS_STATES: readonly NewsState[] = ['draft', 'submitted', 'returned', 'resubmitted', 'adopted', 'declined'];

/** A linked work record as a news item answers it. */
export interface ActivityBrief {
  id: number;
  title: string;
  start_date: DateString;
}

/** One transition (or edit) of a news item, with the reviewer's comment. */
export interface NewsEvent {
  at: Timestamp;
  user_id: number | null;
  user_name: string;
  action: string;
  from_state: NewsState | '';
  to_state: NewsState;
  comment: string;
  bulletin_id: number | null;
  /** The section adopted into ('' or null otherwise). */
  section: string | null;
}

export interface NewsItem {
  id: number;
  org_id: number;
  org_name: string;
  title: string;
  body: string;
  event_date: DateString;
  state: NewsState;
  /** The reviewer's last comment (why it was returned or declined). */
  comment: string;
  photos: PhotoRef[];
  activities: ActivityBrief[];
  bulletin_id: number | null;
  /** `2024年第21期` once adopted, else ''. */
  bulletin_label: string;
  section: string;
  points: number;
  adopted_on: DateString | null;
  created_by: number | null;
  created_by_name: string;
  submitted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Only in GET /news/{id}. */
  timeline?: NewsEvent[];
}

export interface NewsQuery extends ListQuery {
  /** A NewsState, a comma list of them, or `pending` (= submitted,resubmitted, oldest submission first). */
  state?: string;
  /** On `event_date`. */
  from?: DateString;
  to?: DateString;
  q?: string;
}

export interface NewsWrite {
  /** Owner; create only (defaults to the caller's org). */
  org_id?: number;
  title: string;
  body: string;
  event_date: DateString;
  activity_ids: number[];
  /** Photo ids (uploaded first with POST /photos). */
  photos: number[];
}

export interface NewsAdopt {
  bulletin_id: number;
  section: string;
}

/** `2024-05` (a month) or `2024` (a year), by adoption date. */
export type RankingPeriod = string;

export interface RankingQuery {
  period: RankingPeriod;
  axis?: Axis;
  org_id?: number;
}

export interface RankingRow {
  /** Ties share a rank: 1, 1, 3. */
  rank: number;
  /** null for the row `本级` (items of the org itself). */
  org_id: number | null;
  org_name: string;
  points: number;
  adopted: number;
  /** Adopted items per section name; a section without any may be absent. */
  by_section: Record<string, number>;
}

export interface Ranking {
  period: RankingPeriod;
  axis: Axis;
  org_id: number;
  org_name: string;
  /** The section names, in order: the columns of the table. */
  sections: string[];
  items: RankingRow[];
}

// ---- bulletins (一周动态) ----

/** `article`: heading and paragraphs; `brief`: one ◆ paragraph. */
export type EntryStyle = 'article' | 'brief';

export interface BulletinSection {
  name: string;
  style: EntryStyle;
}

/** A configured default section, with the adoption points an item earns in it. */
export interface SectionDef extends BulletinSection {
  points: number;
}

export interface BulletinEntry {
  id: number;
  section: string;
  position: number;
  style: EntryStyle;
  title: string;
  body: string;
  org_id: number | null;
  org_name: string;
  news_id: number | null;
  activity_id: number | null;
}

export interface BulletinVersion {
  version: number;
  published_at: Timestamp;
  published_by: number | null;
  published_by_name: string;
}

export interface Bulletin {
  id: number;
  year: number;
  number: number;
  title: string;
  /** `2024年第21期` */
  label: string;
  date_from: DateString;
  date_to: DateString;
  issue_date: DateString;
  sections: BulletinSection[];
  /** `draft` until first published. */
  state: string;
  /** 0 (or null) before the first publish. */
  published_version: number | null;
  has_unpublished_changes: boolean;
  /** The frozen version shown, or null for the working copy. */
  version: number | null;
  versions: BulletinVersion[];
  entries: BulletinEntry[];
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An issue as GET /bulletins lists it: no sections, entries or versions, but how many entries it has. */
export interface BulletinSummary
  extends Pick<
    Bulletin,
    | 'id'
    | 'year'
    | 'number'
    | 'title'
    | 'label'
    | 'date_from'
    | 'date_to'
    | 'issue_date'
    | 'state'
    | 'published_version'
    | 'has_unpublished_changes'
    | 'updated_at'
  > {
  entry_count: number;
}

export interface BulletinQuery extends PageQuery {
  year?: number;
}

export interface BulletinCreate {
  year: number;
  number: number;
  date_from: DateString;
  date_to: DateString;
  issue_date?: DateString;
  title?: string;
  /** Section names in order; default the configured ones. */
  sections?: string[];
}

/** One entry of the whole ordered list a PATCH sends: with `id` it is kept, without it is new. */
export interface BulletinEntryWrite {
  id?: number;
  section: string;
  title: string;
  body: string;
  style?: EntryStyle;
  activity_id?: number;
}

export interface BulletinPatch {
  title?: string;
  date_from?: DateString;
  date_to?: DateString;
  issue_date?: DateString;
  number?: number;
  sections?: string[];
  /** The whole ordered list; an entry left out is removed. */
  entries?: BulletinEntryWrite[];
}

/** POST /bulletins/{id}/entries: a ◆ brief drafted from a work record, or a written entry. */
export type BulletinEntryCreate = { section: string; activity_id: number } | { section: string; title: string; body: string };

export type ExportFormat = 'pdf' | 'docx' | 'html';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['pdf', 'docx', 'html'];

/** A published version number, or `draft` for the working copy (editors only). */
export type BulletinVersionRef = number | 'draft';

// ---- search ----

export type SearchKind = 'news' | 'bulletin' | 'activity';
export const SEARCH_KINDS: readonly SearchKind[] = ['news', 'bulletin', 'activity'];

export interface SearchQuery extends PageQuery {
  /** 1–50 characters; words separated by spaces must all match. */
  q: string;
  kind?: SearchKind;
}

/** A page of hits; `total` counts at most 10,000 matches, `total_capped` says there are more. */
export interface SearchPage extends Page<SearchHit> {
  total_capped: boolean;
}

export interface SearchHit {
  kind: SearchKind;
  id: number;
  title: string;
  /** HTML-escaped title with matches in `<mark>…</mark>`. */
  title_html: string;
  /** HTML-escaped excerpt with matches in `<mark>…</mark>`. */
  snippet_html: string;
  date: DateString;
  org_id: number | null;
  org_name: string;
}

// ---- 爱心托管班 (docs/api.md § 爱心托管班 (childcare)) ----

export type ChildcareGrade = 'national' | 'municipal' | 'district' | 'none';
export const CHILDCARE_GRADES: readonly ChildcareGrade[] = ['national', 'municipal', 'district', 'none'];
export type ChildcareTerm = 'summer' | 'winter' | 'after_school';
export const CHILDCARE_TERMS: readonly ChildcareTerm[] = ['summer', 'winter', 'after_school'];
export type ChildcareBuildMode = 'independent' | 'joint';
export const CHILDCARE_BUILD_MODES: readonly ChildcareBuildMode[] = ['independent', 'joint'];
export type ChildcareOperationMode = 'self' | 'third_party';
export const CHILDCARE_OPERATION_MODES: readonly ChildcareOperationMode[] = ['self', 'third_party'];
export type ChildcareStaffRole = 'teacher' | 'five_elders' | 'volunteer' | 'third_party';
export const CHILDCARE_STAFF_ROLES: readonly ChildcareStaffRole[] = ['teacher', 'five_elders', 'volunteer', 'third_party'];
export type ChildcareCourseCategory =
  | 'tutoring'
  | 'outdoor'
  | 'study_tour'
  | 'counselling'
  | 'patriotic'
  | 'labour'
  | 'culture_sports'
  | 'moral'
  | 'other';
export const CHILDCARE_COURSE_CATEGORIES: readonly ChildcareCourseCategory[] = [
  'tutoring',
  'outdoor',
  'study_tour',
  'counselling',
  'patriotic',
  'labour',
  'culture_sports',
  'moral',
  'other',
];

export interface ChildcareStaff {
  name: string;
  role: ChildcareStaffRole;
  insured: boolean;
  phone: string;
}

export interface ChildcareCourse {
  category: ChildcareCourseCategory;
  title: string;
  hours?: number | null;
}

export type EvaluationState = 'draft' | 'returned' | 'district_review' | 'city_review' | 'graded';

export interface ChildcareClass {
  id: number;
  org_id: number;
  org_name: string;
  name: string;
  build_mode: ChildcareBuildMode;
  operation_mode: ChildcareOperationMode;
  partner: string;
  site: string;
  term: ChildcareTerm;
  start_date: DateString;
  end_date: DateString;
  capacity: number;
  age_min: number;
  age_max: number;
  fee_fen: number;
  priority_tags: MemberTag[];
  grade: ChildcareGrade;
  grade_label: string;
  graded_year: number | null;
  subsidy_fen: number;
  enrolled: number;
  waiting: number;
  attendance_rate: number | null;
  staff: ChildcareStaff[];
  courses: ChildcareCourse[];
  evaluation: { id: number; year: number; state: EvaluationState; state_label: string } | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ChildcareClassWrite {
  org_id?: number;
  name: string;
  build_mode: ChildcareBuildMode;
  operation_mode: ChildcareOperationMode;
  partner?: string;
  site: string;
  term: ChildcareTerm;
  start_date: DateString;
  end_date: DateString;
  capacity: number;
  age_min: number;
  age_max: number;
  fee_fen?: number;
  priority_tags?: MemberTag[];
  staff?: ChildcareStaff[];
  courses?: ChildcareCourse[];
}

export interface ChildcareClassQuery extends ListQuery {
  term?: ChildcareTerm;
  /** One grade or a comma list. */
  grade?: string;
  year?: number;
  from?: DateString;
  to?: DateString;
  q?: string;
  sort?: '-start_date' | 'name';
  /** true: the classes of `org_id` itself, not of its subtree. */
  own?: boolean;
  /** Classes that started on or before this day. */
  started_by?: DateString;
}

export type EnrolmentStatus = 'enrolled' | 'waiting' | 'withdrawn';

export interface ChildcareEnrolment {
  id: number;
  class_id: number;
  member_id: number;
  member_name: string;
  member_tags: MemberTag[];
  child_name: string;
  child_birth_date: DateString;
  child_age: number;
  status: EnrolmentStatus;
  priority: boolean;
  waiting_position: number | null;
  attendance: { present: number; recorded: number; rate: number | null };
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EnrolmentCreate {
  member_id: number;
  child_name: string;
  waitlist?: boolean;
}

export interface AttendanceDay {
  date: DateString;
  enrolled: number;
  present: number;
  rate: number | null;
}

export interface ChildcareAttendance {
  days: AttendanceDay[];
  children: { enrolment_id: number; child_name: string; present: number; recorded: number; rate: number | null }[];
  present: number;
  recorded: number;
  rate: number | null;
}

export type ChildcareStandard = 'site_safety' | 'management' | 'responsibility' | 'catering' | 'satisfaction' | 'scale';
/** The six standards in the contract's order. */
export const CHILDCARE_STANDARDS: readonly ChildcareStandard[] = [
  'site_safety',
  'management',
  'responsibility',
  'catering',
  'satisfaction',
  'scale',
];

export interface StandardScore {
  standard: ChildcareStandard;
  label?: string;
  score: number;
  passed?: boolean;
  evidence: string;
  photos?: PhotoRef[];
}

/** What a write sends per standard: photos as ids. */
export interface StandardScoreWrite {
  standard: ChildcareStandard;
  score: number;
  evidence: string;
  photos?: number[];
}

export interface EvaluationStage {
  scores: StandardScore[];
  total: number;
  passed: number;
  user_id: number;
  at: Timestamp;
}

export type EvaluationStep = 'self' | 'district' | 'city';
export const EVALUATION_STEPS: readonly EvaluationStep[] = ['self', 'district', 'city'];

export interface ChildcareEvaluation {
  id: number;
  class_id: number;
  class_name: string;
  org_id: number;
  org_name: string;
  year: number;
  state: EvaluationState;
  state_label: string;
  district_org_id: number | null;
  district_org_name: string | null;
  grade: ChildcareGrade | null;
  comment: string;
  stages: Record<EvaluationStep, EvaluationStage | null>;
  timeline: {
    at: Timestamp;
    user_id: number;
    user_name: string;
    action: string;
    from_state: EvaluationState | null;
    to_state: EvaluationState;
    comment: string;
  }[];
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EvaluationReview {
  scores: StandardScoreWrite[];
  comment?: string;
  grade?: ChildcareGrade;
  subsidy_fen?: number;
}

export interface ChildcareFinding {
  id: number;
  inspection_id: number;
  description: string;
  deadline: DateString;
  state: 'open' | 'rectified' | 'accepted';
  state_label: string;
  rectification: string;
  rectified_at: Timestamp | null;
  rectified_by: number | null;
  accepted_by: number | null;
  accepted_at: Timestamp | null;
  comment: string;
  overdue: boolean;
}

export interface ChildcareInspection {
  id: number;
  class_id: number;
  class_name: string;
  org_id: number;
  org_name: string;
  date: DateString;
  inspector: string;
  notes: string;
  open_findings: number;
  overdue_findings: number;
  findings: ChildcareFinding[];
  created_by: number;
  created_at: Timestamp;
}

export interface InspectionCreate {
  class_id: number;
  org_id?: number;
  date: DateString;
  inspector?: string;
  notes?: string;
  findings?: { description: string; deadline: DateString }[];
}

/** PATCH /childcare/inspections/{id}: never `class_id` or `org_id`; any field may be left out. */
export interface InspectionPatch {
  date?: DateString;
  inspector?: string;
  notes?: string;
  /** With `id`: changes to that finding (not yet accepted); without: a new finding (both fields). */
  findings?: { id?: number; description?: string; deadline?: DateString }[];
}

export type ClassesByGrade = Record<ChildcareGrade, number>;

export interface ChildcareStatsRow {
  org_id: number;
  org_name: string;
  own?: boolean;
  classes_total: number;
  classes_by_grade: ClassesByGrade;
  classes_run: number;
  children_enrolled: number;
  children_served: number;
  subsidy_fen: number;
  /** Present and recorded child-days of the row's classes. */
  attendance_present: number;
  attendance_recorded: number;
  /** present ÷ recorded, 4 decimals; null when nothing is recorded. */
  attendance_rate: number | null;
  link: string;
}

export interface ChildcareStats {
  org_id: number;
  org_name: string;
  axis: Axis;
  from: DateString | null;
  to: DateString | null;
  classes_by_grade: ClassesByGrade;
  classes_total: number;
  classes_run: number;
  children_enrolled: number;
  children_served: number;
  subsidy_fen: number;
  attendance_present: number;
  attendance_recorded: number;
  /** present ÷ recorded, 4 decimals; null when nothing is recorded. */
  attendance_rate: number | null;
  links: Record<string, string>;
  by_org: ChildcareStatsRow[];
}

export interface StatsQuery {
  org_id?: number;
  axis?: Axis;
  from?: DateString;
  to?: DateString;
  year?: number;
}

export interface ProgrammeStats {
  org_id: number;
  org_name: string;
  axis: Axis;
  year: number | null;
  campaigns: {
    id: number;
    name: string;
    date_from: DateString;
    date_to: DateString;
    target_count: number;
    target_unit: string;
    activities: number;
    beneficiaries: number;
    money_fen: number;
    ratio: number | null;
    link: string;
  }[];
  competitions: {
    entries: number;
    awarded: number;
    special_awards: number;
    qualified: number;
    link: string;
    by_org: { org_id: number; org_name: string; own?: boolean; entries: number; awarded: number; special_awards: number; link: string }[];
  };
  honours: {
    total: number;
    link: string;
    by_kind: { kind: string; kind_label: string; level: string; level_label: string; count: number; link: string }[];
    by_org: { org_id: number; org_name: string; own?: boolean; count: number; link: string }[];
  };
}

// ---- 荣誉 (docs/api.md § 荣誉 (honours)) ----

export type HonourKind =
  | 'may_day_certificate'
  | 'may_day_medal'
  | 'worker_pioneer'
  | 'model_worker'
  | 'childcare_class'
  | 'innovation_case'
  | 'other';
export const HONOUR_KINDS: readonly HonourKind[] = [
  'may_day_certificate',
  'may_day_medal',
  'worker_pioneer',
  'model_worker',
  'childcare_class',
  'innovation_case',
  'other',
];
export type HonourLevel = 'national' | 'city' | 'district';
export const HONOUR_LEVELS: readonly HonourLevel[] = ['national', 'city', 'district'];
export type AwardeeType = 'person' | 'collective';

export interface Honour {
  id: number;
  kind: HonourKind;
  kind_label: string;
  level: HonourLevel;
  level_label: string;
  year: number;
  title: string;
  awardee_type: AwardeeType;
  member_id: number | null;
  awardee_name: string;
  org_id: number;
  org_name: string;
  conferred_by: string;
  note: string;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HonourWrite {
  kind: HonourKind;
  level: HonourLevel;
  year: number;
  awardee_type: AwardeeType;
  org_id?: number;
  member_id?: number;
  awardee_name?: string;
  title?: string;
  conferred_by?: string;
  note?: string;
}

export interface HonourQuery extends ListQuery {
  kind?: HonourKind;
  level?: HonourLevel;
  year?: number;
  awardee_type?: AwardeeType;
  q?: string;
}

// ---- 关爱行动 (docs/api.md § 关爱行动 (campaigns)) ----

export interface Campaign {
  id: number;
  org_id: number;
  org_name: string;
  name: string;
  date_from: DateString;
  date_to: DateString;
  target_count: number;
  target_unit: string;
  target_groups: string[];
  description: string;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CampaignWrite {
  name: string;
  date_from: DateString;
  date_to: DateString;
  target_count: number;
  target_unit?: string;
  target_groups?: string[];
  org_id?: number;
  description?: string;
}

export interface CampaignQuery extends ListQuery {
  year?: number;
  q?: string;
}

export interface CampaignFigures {
  activities: number;
  beneficiaries: number;
  money_fen: number;
  items: string[];
  ratio: number | null;
  link: string;
}

export interface CampaignProgress {
  campaign: Campaign;
  org_id: number;
  org_name: string;
  axis: Axis;
  total: CampaignFigures;
  rows: (CampaignFigures & { org_id: number; org_name: string; own: boolean })[];
}

// ---- 竞赛 (docs/api.md § 竞赛 (competitions)) ----

export type CompetitionKind = 'sports' | 'skills';
export const COMPETITION_KINDS: readonly CompetitionKind[] = ['sports', 'skills'];
export type CompetitionLevel = 'national' | 'city' | 'district' | 'grassroots';
export const COMPETITION_LEVELS: readonly CompetitionLevel[] = ['national', 'city', 'district', 'grassroots'];
/** `individual` 个人 or `team` 团体. */
export type CategoryFormat = 'individual' | 'team';
export const CATEGORY_FORMATS: readonly CategoryFormat[] = ['individual', 'team'];
/** `place`: a finishing place, 1 best; `high`: higher score wins; `low`: lower score or time wins. */
export type CategoryScoring = 'place' | 'high' | 'low';
export const CATEGORY_SCORINGS: readonly CategoryScoring[] = ['place', 'high', 'low'];

/** An entry whose rank ≤ `up_to_rank` gets the first such tier (tiers sorted by `up_to_rank`). */
export interface AwardTier {
  name: string;
  up_to_rank: number;
}

export interface CompetitionCategory {
  id: number;
  name: string;
  format: CategoryFormat;
  scoring: CategoryScoring;
  awards: AwardTier[];
  /** The special award names the category may give (巾帼奖, 新秀奖…). */
  special_awards: string[];
  /** The ranks that qualify for the parent event; 0 = none. */
  qualify_top: number;
  entry_count: number;
  result_count: number;
}

export interface Competition {
  id: number;
  org_id: number;
  org_name: string;
  name: string;
  kind: CompetitionKind;
  level: CompetitionLevel;
  start_date: DateString;
  end_date: DateString;
  parent_id: number | null;
  parent_name: string;
  description: string;
  categories: CompetitionCategory[];
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A category as written: a kept one carries its `id`, a new one none. */
export interface CategoryWrite {
  id?: number;
  name: string;
  format: CategoryFormat;
  scoring: CategoryScoring;
  awards?: AwardTier[];
  special_awards?: string[];
  qualify_top?: number;
}

export interface CompetitionWrite {
  name: string;
  kind: CompetitionKind;
  level: CompetitionLevel;
  start_date: DateString;
  end_date?: DateString;
  /** The organiser; create only (defaults to the caller's org). */
  org_id?: number;
  parent_id?: number | null;
  description?: string;
  /** The whole list on PATCH: one left out is removed (409 while it has entries). */
  categories: CategoryWrite[];
}

export interface CompetitionQuery extends ListQuery {
  kind?: CompetitionKind;
  level?: CompetitionLevel;
  year?: number;
  q?: string;
}

export interface CompetitionEntry {
  id: number;
  competition_id: number;
  category_id: number;
  category_name: string;
  /** The entrant union. */
  org_id: number;
  org_name: string;
  member_id: number | null;
  name: string;
  team_name: string;
  members: string[];
  special_awards: string[];
  score: number | null;
  place: number | null;
  /** Ties share a rank (1, 1, 3); null without a result. */
  rank: number | null;
  /** The tier award name, '' when none. */
  award: string;
  qualified_from_entry_id: number | null;
  /** The entry this one became in the parent event, once qualified. */
  qualified_entry_id: number | null;
  created_at: Timestamp;
}

/** GET /competitions/entries: the entries behind the statistics' competition figures. */
export interface AllEntriesQuery extends ListQuery {
  year?: number;
  /** true: entries holding a tier award; false: those without. */
  awarded?: boolean;
  /** true: entries of `org_id` itself, not of its subtree. */
  own?: boolean;
}

export interface EntryWrite {
  category_id: number;
  /** Defaults to the member's union, else the caller's org. */
  org_id?: number;
  /** Individual categories: a member in scope, or a `name`. */
  member_id?: number;
  name?: string;
  /** Team categories: required. */
  team_name?: string;
  members?: string[];
  special_awards?: string[];
}

export type EntryPatch = Partial<Pick<EntryWrite, 'name' | 'team_name' | 'members' | 'special_awards'>>;

/** One result: `place` for place categories, `score` for high/low ones; null clears it. */
export interface ResultWrite {
  entry_id: number;
  place?: number | null;
  score?: number | null;
}

export interface CategoryRanking {
  id: number;
  name: string;
  format: CategoryFormat;
  scoring: CategoryScoring;
  /** Every entry has a result. */
  complete: boolean;
  /** Ranked, ties sharing a rank, then by entrant name; entries without a result last. */
  items: CompetitionEntry[];
}

export interface CompetitionRanking {
  competition: Competition;
  categories: CategoryRanking[];
}

export interface QualifyResult {
  created: number;
  existing: number;
  /** The entries in the parent event. */
  items: CompetitionEntry[];
}

// ---- 用人单位 (docs/api.md § Enterprises) ----

export type EnterpriseKind =
  | 'state_owned'
  | 'public_institution'
  | 'government'
  | 'above_scale_private'
  | 'below_scale_private'
  | 'platform'
  | 'social_org';
export const ENTERPRISE_KINDS: readonly EnterpriseKind[] = [
  'state_owned',
  'public_institution',
  'government',
  'above_scale_private',
  'below_scale_private',
  'platform',
  'social_org',
];

/** A year's 厂务公开 and 职代会 (PUT /enterprises/{id}/flags/{year}). */
export interface EnterpriseFlags {
  year: number;
  factory_affairs_open: boolean;
  workers_congress: boolean;
  evidence: string;
}

export interface Enterprise {
  id: number;
  /** 登记工会: the union that registered it; its scope is the enterprise's. */
  org_id: number;
  name: string;
  credit_code: string;
  kind: EnterpriseKind;
  region_code: string;
  industry: string;
  employees: number;
  /** 单位工会: the enterprise's own union, null while it has none (未建会). */
  union_org_id: number | null;
  union_name: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Newest year first. */
  flags: EnterpriseFlags[];
}

export interface EnterpriseQuery extends ListQuery {
  /** Name (contains) or credit code (exact). */
  q?: string;
  type?: EnterpriseKind;
}

export interface EnterpriseCreate {
  org_id: number;
  name: string;
  credit_code: string;
  kind: EnterpriseKind;
  region_code?: string;
  industry?: string;
  employees?: number;
  union_org_id?: number | null;
}

/** The registering union cannot change (422 `org_id`). */
export type EnterprisePatch = Partial<Omit<EnterpriseCreate, 'org_id'>>;

// ---- 劳动关系 (docs/api.md § 劳动关系 (labour relations)) ----

export type ContractKind = 'comprehensive' | 'wage' | 'women' | 'safety' | 'special' | 'regional' | 'industry';
export const CONTRACT_KINDS: readonly ContractKind[] = ['comprehensive', 'wage', 'women', 'safety', 'special', 'regional', 'industry'];
/** 区域性 and 行业性 contracts name an employer representative and the covered enterprises. */
export const AREA_CONTRACT_KINDS: readonly ContractKind[] = ['regional', 'industry'];

export type ContractState =
  | 'offer'
  | 'negotiating'
  | 'congress'
  | 'signed'
  | 'filed'
  | 'effective'
  | 'published'
  | 'expired'
  | 'abandoned';
/** The lifecycle in order (abandoned is off it). */
export const CONTRACT_LIFECYCLE: readonly ContractState[] = ['offer', 'negotiating', 'congress', 'signed', 'filed', 'effective', 'published', 'expired'];
export const CONTRACT_STATES: readonly ContractState[] = [...CONTRACT_LIFECYCLE, 'abandoned'];

export type ContractSide = 'worker' | 'employer';
export type ContractOverdue = 'filing' | 'publish';
export const CONTRACT_OVERDUES: readonly ContractOverdue[] = ['filing', 'publish'];

export interface ContractVote {
  total: number;
  attendees: number;
  votes_for: number;
  votes_against: number;
  voted_on: DateString;
  passed: boolean;
}

export interface ContractDeadlines {
  filing_due: DateString | null;
  filing_overdue: boolean;
  publish_due: DateString | null;
  publish_overdue: boolean;
  renewal_opens_on: DateString | null;
  renewable: boolean;
}

export interface Negotiator {
  side: ContractSide;
  name: string;
  gender: 'female' | 'male';
  title?: string;
  chief?: boolean;
  union_chair?: boolean;
  dispatched?: boolean;
}

export interface ContractEnterprise {
  id: number;
  name: string;
  credit_code: string;
  employees: number;
}

export interface ContractText {
  id: number;
  version: number;
  source: 'typed' | 'file';
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  url: string;
  created_at: Timestamp;
}

/** A step of a contract's or a mediation case's timeline. */
export interface TimelineEvent {
  step: string;
  from_state: string;
  to_state: string;
  on: DateString;
  detail: Record<string, unknown>;
  by: string;
  at: Timestamp;
}

export interface ContractSignature {
  id: number;
  side: ContractSide;
  signer_name: string;
  via: 'account' | 'link';
  sha256: string;
  address: string;
  signed_at: Timestamp;
  void: boolean;
  void_reason: string;
  text_version: number;
}

export interface SignLinkInfo {
  id: number;
  side: ContractSide;
  signer_name: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

/** `POST …/sign-links`: the token is answered only here. */
export interface SignLinkCreated {
  id: number;
  side: ContractSide;
  signer_name: string;
  expires_at: Timestamp;
  token: string;
  path: string;
}

export interface Contract {
  id: number;
  number: string;
  org_id: number;
  org_name: string;
  kind: ContractKind;
  kind_label: string;
  title: string;
  employer_enterprise_id: number | null;
  employer_name: string;
  employer_rep: string;
  workers: number;
  women: number;
  dispatched: number;
  term_from: DateString;
  term_to: DateString;
  state: ContractState;
  state_label: string;
  offered_on: DateString;
  offered_by: ContractSide;
  vote: ContractVote | null;
  signed_on: DateString | null;
  filed_on: DateString | null;
  effective_on: DateString | null;
  published_on: DateString | null;
  deadlines: ContractDeadlines;
  predecessor_id: number | null;
  successor_id: number | null;
  warnings: string[];
  note: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Only on GET /labour/contracts/{id} and the answers of writes. */
  negotiators?: Negotiator[];
  enterprises?: ContractEnterprise[];
  texts?: ContractText[];
  events?: TimelineEvent[];
  signatures?: ContractSignature[];
  sign_links?: SignLinkInfo[];
}

export interface ContractQuery extends ListQuery {
  q?: string;
  type?: ContractKind;
  state?: ContractState;
  overdue?: ContractOverdue;
}

export interface ContractWrite {
  org_id?: number;
  kind: ContractKind;
  title: string;
  employer_enterprise_id?: number | null;
  employer_rep?: string;
  enterprise_ids?: number[];
  workers?: number;
  women?: number;
  dispatched?: number;
  term_from: DateString;
  term_to: DateString;
  offered_on: DateString;
  offered_by: ContractSide;
  note?: string;
}

export type ContractPatch = Partial<Omit<ContractWrite, 'org_id' | 'offered_on' | 'offered_by'>>;

/** The dated steps of the lifecycle (each `POST /labour/contracts/{id}/<step>`). */
export type ContractStep = 'negotiate' | 'submit' | 'vote' | 'sign' | 'file' | 'object' | 'publish' | 'abandon';

export interface ContractStepBody {
  on?: DateString;
  reason?: string;
  total?: number;
  attendees?: number;
  votes_for?: number;
  votes_against?: number;
}

export interface RenewalWrite {
  term_from: DateString;
  term_to: DateString;
  offered_by: ContractSide;
  offered_on?: DateString;
  title?: string;
}

/** `GET /public/sign/{token}`. */
export interface PublicSigning {
  number: string;
  title: string;
  kind_label: string;
  org_name: string;
  employer_name: string;
  term_from: DateString;
  term_to: DateString;
  workers: number;
  side: ContractSide;
  side_label: string;
  signer_name: string;
  expires_at: Timestamp;
  text: {
    version: number;
    sha256: string;
    source: 'typed' | 'file';
    file_name: string;
    content_type: string;
    size: number;
    /** The typed text, else null (a file: download it from `url`). */
    content: string | null;
    url: string;
  };
  signatures: { side: ContractSide; signer_name: string; signed_at: Timestamp }[];
}

export interface PublicSigned {
  signed: true;
  side: ContractSide;
  signer_name: string;
  state: ContractState;
  state_label: string;
}

export interface VerifyResult {
  number: string;
  sha256: string;
  match: boolean;
  message: string;
  contract?: {
    title: string;
    kind_label: string;
    org_name: string;
    employer_name: string;
    signed_on: DateString;
    state_label: string;
    version: number;
  };
  signatures?: { side: ContractSide; side_label: string; signer_name: string; signed_at: Timestamp }[];
}

/** The query of the records besides contracts (consultations, visits, trainings, documents, mediations). */
export interface LabourRecordQuery extends ListQuery {
  from?: DateString;
  to?: DateString;
  year?: number;
  q?: string;
}

export interface LabourRecordBase {
  id: number;
  org_id: number;
  org_name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Consultation extends LabourRecordBase {
  title: string;
  held_on: DateString;
  contract_id: number | null;
  contract_number: string | null;
  enterprise_id: number | null;
  enterprise_name: string;
  worker_side: string;
  employer_side: string;
  topics: string[];
  outcome: string;
  minutes: string;
  new_forms: boolean;
}

export interface ConsultationWrite {
  org_id?: number;
  title: string;
  held_on: DateString;
  contract_id?: number | null;
  enterprise_id?: number | null;
  worker_side?: string;
  employer_side?: string;
  topics?: string[];
  outcome?: string;
  minutes?: string;
  new_forms?: boolean;
}

export interface ConsultationQuery extends LabourRecordQuery {
  new_forms?: boolean;
  contract_id?: number;
}

export interface Visit extends LabourRecordBase {
  title: string;
  visited_on: DateString;
  target_org_id: number | null;
  target_org_name: string;
  enterprise_id: number | null;
  enterprise_name: string;
  scores: Record<string, number>;
  score_total: number;
  findings: string;
}

export interface VisitWrite {
  org_id?: number;
  title: string;
  visited_on: DateString;
  target_org_id?: number | null;
  enterprise_id?: number | null;
  scores?: Record<string, number>;
  findings?: string;
}

export interface VisitItem {
  key: string;
  label: string;
  active: boolean;
}

export interface VisitItems {
  items: VisitItem[];
  max_score: number;
}

export interface TrainingGroup {
  group: string;
  count: number;
  qualifier: string;
  unit: string;
  /** The count as the bulletin writes it: `1000余人`. */
  as_written: string;
}

export interface Training extends LabourRecordBase {
  title: string;
  held_from: DateString;
  held_to: DateString | null;
  groups: TrainingGroup[];
  total: number;
  partners: OrgRef[];
  note: string;
}

export interface TrainingWrite {
  org_id?: number;
  title: string;
  held_from: DateString;
  held_to?: DateString | null;
  groups: { group: string; count: string | number }[];
  partners?: number[];
  note?: string;
}

export type DocumentKind = 'regulation' | 'measures' | 'opinion' | 'notice' | 'plan' | 'other';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['regulation', 'measures', 'opinion', 'notice', 'plan', 'other'];

export interface LabourDocument extends LabourRecordBase {
  title: string;
  doc_number: string;
  kind: DocumentKind;
  issuer: string;
  issued_on: DateString;
  partners: OrgRef[];
  note: string;
}

export interface LabourDocumentWrite {
  org_id?: number;
  title: string;
  doc_number?: string;
  kind: DocumentKind;
  issuer: string;
  issued_on: DateString;
  partners?: number[];
  note?: string;
}

export interface LabourDocumentQuery extends LabourRecordQuery {
  type?: DocumentKind;
}

export type DisputeType = 'wages' | 'social_insurance' | 'contract' | 'injury' | 'hours' | 'other';
export const DISPUTE_TYPES: readonly DisputeType[] = ['wages', 'social_insurance', 'contract', 'injury', 'hours', 'other'];
export type MediationState = 'accepted' | 'mediating' | 'settled' | 'failed' | 'arbitration' | 'withdrawn';
export const MEDIATION_STATES: readonly MediationState[] = ['accepted', 'mediating', 'settled', 'failed', 'arbitration', 'withdrawn'];
export type MediationStep = 'start' | 'settle' | 'fail' | 'refer' | 'withdraw' | 'extend';

export interface Mediation {
  id: number;
  org_id: number;
  org_name: string;
  case_no: string;
  accepted_on: DateString;
  dispute_type: DisputeType;
  applicant_name: string;
  /** Masked (`138****5678`) unless the caller holds member:pii:read; null when not given. */
  applicant_phone: string | null;
  applicant_id_number: string | null;
  enterprise_id: number | null;
  respondent: string;
  claim: string;
  amount_fen: number;
  state: MediationState;
  state_label: string;
  open: boolean;
  due_on: DateString;
  extended: boolean;
  overdue: boolean;
  outcome: string;
  closed_on: DateString | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  events?: TimelineEvent[];
}

export interface MediationWrite {
  org_id?: number;
  accepted_on: DateString;
  dispute_type: DisputeType;
  applicant_name: string;
  applicant_phone?: string;
  applicant_id_number?: string;
  enterprise_id?: number | null;
  respondent?: string;
  claim: string;
  amount_fen?: number;
}

export interface MediationQuery extends LabourRecordQuery {
  type?: DisputeType;
  state?: MediationState | 'open';
  overdue?: boolean;
}

export interface MediationStepBody {
  on?: DateString;
  outcome?: string;
  due_on?: DateString;
  both_agree?: boolean;
}

export type RateKey = 'union_founding' | 'membership' | 'factory_affairs' | 'workers_congress' | 'contract_signing' | 'renewal';
export type RatePart = 'numerator' | 'denominator' | 'missing';
export const RATE_PARTS: readonly RatePart[] = ['numerator', 'denominator', 'missing'];

export interface RatesQuery {
  org_id?: number;
  axis?: Axis;
  year?: number;
  /** Enterprise kinds joined with a comma (sent as `%2C`). */
  kinds?: string;
  contract_kind?: string;
  level?: 'own';
}

export interface RateFigure {
  key: RateKey;
  label?: string;
  wording?: string;
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator to 4 decimals; null when the denominator is 0. */
  rate: number | null;
  links: Record<RatePart, string>;
}

export interface LabourCounts {
  visits: number;
  trainings: number;
  trained: number;
  consultations: number;
  new_forms_consultations: number;
  documents: number;
  mediations: number;
  links: Partial<Record<string, string>>;
}

export interface LabourRates {
  org_id: number;
  org_name: string;
  axis: Axis;
  year: number;
  kinds: EnterpriseKind[];
  contract_kind: string;
  min_employees: number;
  rates: RateFigure[];
  counts: LabourCounts;
}

export interface RateBreakdownRow {
  org_id: number;
  org_name: string;
  own: boolean;
  rates: RateFigure[];
  link: string;
}

export interface RateBreakdown {
  org_id: number;
  org_name: string;
  axis: Axis;
  year: number;
  rates: { key: RateKey; label: string }[];
  rows: RateBreakdownRow[];
}

export interface RateUnitsQuery extends RatesQuery, PageQuery {
  rate: RateKey;
  part: RatePart;
}

export interface RateUnit {
  id: number;
  name: string;
  /** Enterprises */
  credit_code?: string;
  kind: string;
  employees?: number;
  union_org_id?: number | null;
  union_name?: string;
  members?: number;
  /** Contracts (`renewal`) */
  number?: string;
  title?: string;
  kind_label?: string;
  org_name?: string;
  term_to?: DateString;
  employer_name?: string;
  renewal_id?: number | null;
}

export interface RateUnits extends Page<RateUnit> {
  unit: 'enterprise' | 'contract';
  sums?: { members: number; employees: number };
}

export interface RateSettings {
  min_employees: number;
  wording: Partial<Record<RateKey, string>>;
}

/** One figure of the dashboard (docs/api.md § 工作台). `value` is the total of the list at `link`. */
export interface DashboardFigure {
  key: string;
  area: string;
  label: string;
  value: number;
  unit: string;
  link: string;
  phrase: string;
  sentence: string;
  citation: string;
  denominator?: number;
  rate?: number;
  numerator_link?: string;
  denominator_link?: string;
  target_count?: number;
  beneficiaries?: number;
}

export interface Dashboard {
  org_id: number;
  org_name: string;
  axis: 'territorial' | 'industry';
  year: number;
  as_of: string;
  figures: DashboardFigure[];
}

export interface DashboardQuery {
  org_id?: number;
  axis?: 'territorial' | 'industry';
  year?: number;
  near?: boolean;
}

/** A period of a trend and the same days a year earlier, each the total of its list. */
export interface TrendPoint {
  label: string;
  from: string;
  to: string;
  value: number;
  link: string;
  previous: { from: string; to: string; value: number; link: string };
}

export interface DashboardTrend {
  key: string;
  label: string;
  unit: string;
  by: 'month' | 'week';
  from: string;
  to: string;
  points: TrendPoint[];
}

/** A child union's figure in the ranking (value the list's total, or a rate 0–1). */
export interface RankingItem {
  org_id: number;
  org_name: string;
  code: string | null;
  value: number | null;
  rank: number;
  link: string;
  numerator?: number;
  denominator?: number;
}

export interface DashboardRanking {
  key: string;
  label: string;
  unit: string;
  year: number;
  items: RankingItem[];
}

/** Task plans (docs/api.md § 任务清单). */
export type TaskItemState = 'not_started' | 'in_progress' | 'done' | 'closed';
export const TASK_ITEM_STATES: readonly TaskItemState[] = ['not_started', 'in_progress', 'done', 'closed'];

export interface TaskReport {
  id: number;
  kind: 'progress' | 'evidence';
  on: string;
  text: string;
  achieved: number | null;
  photos: PhotoRef[];
  activities: { id: number; title: string; start_date: string }[];
  by: string;
  at: string;
}

export interface TaskItem {
  id: number;
  plan_id: number;
  plan_title: string;
  plan_org_id: number;
  plan_org_name: string;
  plan_state: 'open' | 'closed';
  position: number;
  org_id: number;
  org_name: string;
  title: string;
  responsible: string;
  deadline: string;
  target_count: number | null;
  target_unit: string;
  target_text: string;
  achieved: number | null;
  percent: number | null;
  state: TaskItemState;
  state_label: string;
  assigned_on: string;
  last_report_on: string | null;
  report_due_on: string;
  completed_on: string | null;
  closed_on: string | null;
  overdue: boolean;
  days_overdue: number;
  stale: boolean;
  days_since_report: number;
  owner: boolean;
  reports?: TaskReport[];
  evidence?: TaskReport | null;
  events?: { step: string; from_state: string; to_state: string; on: string; detail: Record<string, unknown>; by: string; at: string }[];
}

export interface TaskPlan {
  id: number;
  org_id: number;
  org_name: string;
  title: string;
  period_from: string;
  period_to: string;
  activity: { id: number; title: string; start_date: string } | null;
  note: string;
  stale_days: number;
  state: 'open' | 'closed';
  state_label: string;
  closed_on: string | null;
  owner: boolean;
  item_count: number;
  closed_count: number;
  overdue_count: number;
  items?: TaskItem[];
}

export interface TaskItemWrite {
  org_id: number | null;
  title: string;
  responsible: string;
  deadline: string;
  target_count?: number | null;
  target_unit?: string;
  target_text?: string;
}

export interface TaskPlanWrite {
  org_id?: number;
  title: string;
  period_from: string;
  period_to: string;
  activity_id?: number;
  note?: string;
  stale_days?: number;
  items?: TaskItemWrite[];
}

export interface TaskItemQuery {
  org_id?: number;
  axis?: 'territorial' | 'industry';
  plan_id?: number;
  state?: string;
  overdue?: boolean;
  stale?: boolean;
  q?: string;
  page?: number;
  page_size?: number;
}

export interface TaskDigest {
  week_start: string;
  week_end: string;
  became_overdue: TaskItem[];
  submitted: TaskItem[];
  closed: TaskItem[];
  reports: number;
  overdue_now: number;
}

export type TaskStep = 'report' | 'complete' | 'accept' | 'return';

// --- Imports and exports (docs/api.md § Imports, § Members) ---------------------------------

export type ImportKind = 'member' | 'enterprise' | 'union';
export type ImportMode = 'create' | 'update';
/** The job's state machine (src/import/import.h); the last five are final. */
export type ImportState = 'queued' | 'checking' | 'writing' | 'checked' | 'done' | 'rejected' | 'failed' | 'cancelled';

export interface ImportJob {
  id: number;
  kind: ImportKind;
  mode: ImportMode;
  dry_run: boolean;
  state: ImportState;
  state_label: string;
  final: boolean;
  cancelling: boolean;
  /** 0–1: checking is the first 70 %, writing the rest. */
  progress: number;
  org_id: number;
  org_name: string;
  default_org_id: number | null;
  user_id: number;
  user_name: string;
  file_name: string;
  file_bytes: number;
  format: string;
  encoding: string;
  ignored_columns: string[];
  rows_read: number;
  rows_checked: number;
  rows_written: number;
  rows_bad: number;
  rows_skipped: number;
  message: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface ImportUpload {
  kind: ImportKind;
  mode?: ImportMode;
  dry_run?: boolean;
  org_id?: number;
  again?: boolean;
  file_name?: string;
}

export interface ImportProblem {
  column: string;
  message: string;
}

export interface ImportBadRow {
  line: number;
  cells: string[];
  problems: ImportProblem[];
  /** 第 12 行「身份证号码」：… */
  messages: string[];
}

export interface ImportQuery extends ListQuery {
  kind?: ImportKind;
}

export type TableFormat = 'csv' | 'xlsx';

/** The list an export took its rows from (GET /members/export, GET /enterprises/export). */
export type ExportKind = 'member' | 'enterprise';

export interface ExportLogEntry {
  id: number;
  kind: ExportKind;
  format: TableFormat;
  org_id: number;
  org_name: string;
  user_id: number;
  username: string;
  user_name: string;
  filter: Record<string, unknown>;
  masked: boolean;
  purpose: string;
  rows: number;
  completed: boolean;
  at: string;
}
