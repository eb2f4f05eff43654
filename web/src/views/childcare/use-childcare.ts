// Logic of the 爱心托管班 list: filters ⇄ URL query ⇄ API query (the statistics page links here with
// `org_id`, `axis`, `grade`, `own`, `from`/`to` and `started_by`), the rows as the table shows them, and deleting a class. Unit-tested.
import type { LocationQuery } from 'vue-router';
import { ElMessage, ElMessageBox } from 'element-plus';
import { deleteClass } from '@/api/childcare';
import { ApiError } from '@/api/http';
import type { Axis, ChildcareClass, ChildcareClassQuery, ChildcareGrade, ChildcareTerm } from '@/api/types';
import { CHILDCARE_GRADES, CHILDCARE_TERMS } from '@/api/types';
import { i18n } from '@/locales';
import { messageOf, notifyError } from '@/utils/errors';

export interface ClassFilters {
  org_id: number | undefined;
  axis: Axis;
  /** Any of the grades; empty = all. */
  grades: ChildcareGrade[];
  term: ChildcareTerm | '';
  year: number | undefined;
  q: string;
  /** Only the classes of `org_id` itself (the statistics' 本级 row links so). */
  own: boolean;
  /** Classes running in this period (either end may be empty). */
  from: string;
  to: string;
  /** Classes started by this day (the statistics' 已开班 figure links so). */
  started_by: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function date(value: string): string {
  return DATE.test(value) ? value : '';
}

function one(value: LocationQuery[string] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : '';
}

function positiveInt(value: string): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function emptyClassFilters(): ClassFilters {
  return {
    org_id: undefined, axis: 'territorial', grades: [], term: '', year: undefined, q: '', own: false,
    from: '', to: '', started_by: '',
  };
}

/** Reads the filters from the URL, ignoring what is malformed (`grade` may be a comma list). */
export function classFiltersFromQuery(query: LocationQuery): ClassFilters {
  const term = one(query.term);
  return {
    org_id: positiveInt(one(query.org_id)),
    axis: one(query.axis) === 'industry' ? 'industry' : 'territorial',
    grades: one(query.grade)
      .split(',')
      .filter((g): g is ChildcareGrade => (CHILDCARE_GRADES as readonly string[]).includes(g)),
    term: (CHILDCARE_TERMS as readonly string[]).includes(term) ? (term as ChildcareTerm) : '',
    year: positiveInt(one(query.year)),
    q: one(query.q),
    own: one(query.own) === 'true',
    from: date(one(query.from)),
    to: date(one(query.to)),
    started_by: date(one(query.started_by)),
  };
}

/** GET /childcare/classes query; empty filters left out. */
export function classApiQuery(f: ClassFilters, page: number, pageSize: number): ChildcareClassQuery {
  const query: ChildcareClassQuery = { page, page_size: pageSize };
  if (f.org_id !== undefined) query.org_id = f.org_id;
  if (f.axis === 'industry') query.axis = 'industry';
  if (f.grades.length) query.grade = f.grades.join(',');
  if (f.term) query.term = f.term;
  if (f.year !== undefined) query.year = f.year;
  if (f.q.trim()) query.q = f.q.trim();
  if (f.own) query.own = true;
  if (f.from) query.from = f.from;
  if (f.to) query.to = f.to;
  if (f.started_by) query.started_by = f.started_by;
  return query;
}

/** The URL query that reproduces the filters (paging left out). */
export function classRouteQuery(f: ClassFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(classApiQuery(f, 1, 20))) out[key] = String(value);
  delete out.page;
  delete out.page_size;
  return out;
}

/** The tag type of a grade. */
export function gradeTagType(grade: ChildcareGrade): 'danger' | 'warning' | 'success' | 'info' {
  if (grade === 'national') return 'danger';
  if (grade === 'municipal') return 'warning';
  if (grade === 'district') return 'success';
  return 'info';
}

/** `0.9375` → `93.8%`; null → `—`. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(rate * 100).toFixed(1)}%`;
}


/**
 * Confirms, deletes the class and says so; resolves true when deleted. A 409 (enrolments, a submitted
 * evaluation, a grade, a grant or an inspection keep the class) is shown in a box with the server's
 * reasons, which a toast would take away before they are read.
 */
export async function removeClass(klass: Pick<ChildcareClass, 'id' | 'name'>): Promise<boolean> {
  const { t } = i18n.global;
  try {
    await ElMessageBox.confirm(t('childcare.deleteConfirm', { name: klass.name }), t('common.confirm'), {
      type: 'warning',
      confirmButtonText: t('common.delete'),
      cancelButtonText: t('common.cancel'),
    });
  } catch {
    return false;
  }
  try {
    await deleteClass(klass.id);
    ElMessage.success(t('common.deleted'));
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'failed_precondition') {
      ElMessageBox.alert(messageOf(error), t('childcare.deleteRefused'), { type: 'warning' }).catch(() => undefined);
    } else {
      notifyError(error);
    }
    return false;
  }
}
