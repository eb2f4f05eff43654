// Logic of the class form: the model the inputs edit, the POST body and the PATCH of what changed.
// Money is edited in yuan and sent in fen. Pure helpers (blankClass, classFromRecord, classPayload,
// classPatch) are unit-tested.
import type {
  ChildcareBuildMode,
  ChildcareClass,
  ChildcareClassWrite,
  ChildcareCourse,
  ChildcareOperationMode,
  ChildcareStaff,
  ChildcareTerm,
} from '@/api/types';

export interface ClassModel {
  org_id: number | null;
  name: string;
  build_mode: ChildcareBuildMode;
  operation_mode: ChildcareOperationMode;
  partner: string;
  site: string;
  term: ChildcareTerm | '';
  start_date: string;
  end_date: string;
  capacity: number | undefined;
  age_min: number | undefined;
  age_max: number | undefined;
  fee_yuan: number;
  staff: ChildcareStaff[];
  courses: ChildcareCourse[];
}

/** The top-level fields the form shows; `fee_fen` lands on the fee input. */
export const CLASS_FIELDS = [
  'org_id',
  'name',
  'build_mode',
  'operation_mode',
  'partner',
  'site',
  'term',
  'start_date',
  'end_date',
  'capacity',
  'age_min',
  'age_max',
  'fee_fen',
  'staff',
  'courses',
] as const;

export function blankClass(): ClassModel {
  return {
    org_id: null,
    name: '',
    build_mode: 'independent',
    operation_mode: 'self',
    partner: '',
    site: '',
    term: '',
    start_date: '',
    end_date: '',
    capacity: undefined,
    age_min: undefined,
    age_max: undefined,
    fee_yuan: 0,
    staff: [],
    courses: [],
  };
}

export function classFromRecord(c: ChildcareClass): ClassModel {
  return {
    org_id: c.org_id,
    name: c.name,
    build_mode: c.build_mode,
    operation_mode: c.operation_mode,
    partner: c.partner,
    site: c.site,
    term: c.term,
    start_date: c.start_date,
    end_date: c.end_date,
    capacity: c.capacity,
    age_min: c.age_min,
    age_max: c.age_max,
    fee_yuan: c.fee_fen / 100,
    staff: c.staff.map((s) => ({ ...s })),
    courses: c.courses.map((x) => ({ ...x })),
  };
}

function cleanStaff(staff: readonly ChildcareStaff[]): ChildcareStaff[] {
  return staff
    .filter((s) => s.name.trim())
    .map((s) => ({ name: s.name.trim(), role: s.role, insured: s.insured, phone: s.phone.trim() }));
}

function cleanCourses(courses: readonly ChildcareCourse[]): ChildcareCourse[] {
  return courses
    .filter((c) => c.title.trim())
    .map((c) => {
      const out: ChildcareCourse = { category: c.category, title: c.title.trim() };
      if (typeof c.hours === 'number' && Number.isFinite(c.hours)) out.hours = c.hours;
      return out;
    });
}

/** The POST body; `org_id` only when chosen (the server defaults to the caller's org). */
export function classPayload(m: ClassModel): ChildcareClassWrite {
  const body: ChildcareClassWrite = {
    name: m.name.trim(),
    build_mode: m.build_mode,
    operation_mode: m.operation_mode,
    site: m.site.trim(),
    term: m.term as ChildcareTerm,
    start_date: m.start_date,
    end_date: m.end_date,
    capacity: m.capacity ?? 0,
    age_min: m.age_min ?? 0,
    age_max: m.age_max ?? 0,
    fee_fen: Math.round((m.fee_yuan || 0) * 100),
    staff: cleanStaff(m.staff),
    courses: cleanCourses(m.courses),
  };
  if (m.partner.trim()) body.partner = m.partner.trim();
  if (m.org_id !== null) body.org_id = m.org_id;
  return body;
}

/** The PATCH: the fields that differ from the record (never `org_id`); lists go whole when changed. */
export function classPatch(record: ChildcareClass, m: ClassModel): Partial<ChildcareClassWrite> {
  const next = classPayload(m);
  const before = classPayload(classFromRecord(record));
  const patch: Partial<ChildcareClassWrite> = {};
  const keys = Object.keys(next).filter((k) => k !== 'org_id') as (keyof ChildcareClassWrite)[];
  for (const key of keys) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) Object.assign(patch, { [key]: next[key] });
  }
  if (before.partner && !next.partner) patch.partner = '';
  return patch;
}
