import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import type { ChildcareClass } from '@/api/types';
import { blankClass, classFromRecord, classPatch, classPayload } from './use-class-form';
import { classApiQuery, classFiltersFromQuery, classRouteQuery, formatRate, gradeTagType, removeClass } from './use-childcare';

const api = vi.hoisted(() => ({ deleteClass: vi.fn() }));
vi.mock('@/api/childcare', () => api);
const ui = vi.hoisted(() => ({
  ElMessage: { success: vi.fn(), error: vi.fn() },
  ElMessageBox: { confirm: vi.fn(), alert: vi.fn() },
}));
vi.mock('element-plus', () => ui);

describe('class list filters', () => {
  it('reads the URL the statistics page links to', () => {
    const f = classFiltersFromQuery({ org_id: '12', axis: 'territorial', grade: 'municipal,bogus', term: 'x', q: '南坪' });
    expect(f).toEqual({
      org_id: 12, axis: 'territorial', grades: ['municipal'], term: '', year: undefined, q: '南坪', own: false,
      from: '', to: '', started_by: '',
    });
    expect(classApiQuery(f, 2, 50)).toEqual({ page: 2, page_size: 50, org_id: 12, grade: 'municipal', q: '南坪' });
    expect(classRouteQuery({ ...f, axis: 'industry', grades: ['national', 'district'] })).toEqual({
      org_id: '12',
      axis: 'industry',
      grade: 'national,district',
      q: '南坪',
    });
  });

  it('reads, sends and keeps own=true of a 本级 link', () => {
    const f = classFiltersFromQuery({ org_id: '12', axis: 'territorial', own: 'true' });
    expect(f.own).toBe(true);
    expect(classApiQuery(f, 1, 20)).toEqual({ page: 1, page_size: 20, org_id: 12, own: true });
    expect(classRouteQuery(f)).toEqual({ org_id: '12', own: 'true' });
    expect(classFiltersFromQuery({ own: 'no' }).own).toBe(false);
  });

  it('reads, sends and keeps the period and started_by of the statistics\' links', () => {
    const f = classFiltersFromQuery({ org_id: '12', from: '2024-01-01', to: '2024-12-31', started_by: '2024-06-30' });
    expect([f.from, f.to, f.started_by]).toEqual(['2024-01-01', '2024-12-31', '2024-06-30']);
    expect(classApiQuery(f, 1, 20)).toEqual({
      page: 1, page_size: 20, org_id: 12, from: '2024-01-01', to: '2024-12-31', started_by: '2024-06-30',
    });
    expect(classRouteQuery(f)).toEqual({ org_id: '12', from: '2024-01-01', to: '2024-12-31', started_by: '2024-06-30' });
    const bad = classFiltersFromQuery({ from: '2024-1-1', started_by: 'soon' });
    expect([bad.from, bad.started_by]).toEqual(['', '']);
  });

  it('formats rates and grade tags', () => {
    expect(formatRate(0.9375)).toBe('93.8%');
    expect(formatRate(null)).toBe('—');
    expect(gradeTagType('municipal')).toBe('warning');
    expect(gradeTagType('none')).toBe('info');
  });
});

const record: ChildcareClass = {
  id: 7,
  org_id: 812,
  org_name: '南岸区总工会',
  name: '南岸区2024年暑期爱心托管班',
  build_mode: 'independent',
  operation_mode: 'self',
  partner: '',
  site: '南坪街道职工之家',
  term: 'summer',
  start_date: '2024-07-08',
  end_date: '2024-08-16',
  capacity: 50,
  age_min: 6,
  age_max: 12,
  fee_fen: 0,
  priority_tags: ['new_employment'],
  grade: 'none',
  grade_label: '',
  graded_year: null,
  subsidy_fen: 0,
  enrolled: 0,
  waiting: 0,
  attendance_rate: null,
  staff: [{ name: '李老师', role: 'teacher', insured: true, phone: '' }],
  courses: [{ category: 'tutoring', title: '暑期作业辅导', hours: 40 }],
  evaluation: null,
  created_at: '',
  updated_at: '',
};

describe('class form', () => {
  it('builds the POST body: fee in fen, blank rows dropped, org only when chosen', () => {
    const m = blankClass();
    Object.assign(m, { name: ' 班 ', site: '场地', term: 'summer', start_date: '2024-07-08', end_date: '2024-08-16' });
    Object.assign(m, { capacity: 30, age_min: 6, age_max: 12, fee_yuan: 12.5 });
    m.staff.push({ name: ' 王 ', role: 'volunteer', insured: false, phone: '' }, { name: '', role: 'teacher', insured: false, phone: '' });
    m.courses.push({ category: 'outdoor', title: '拓展', hours: null });
    const body = classPayload(m);
    expect(body).toMatchObject({ name: '班', fee_fen: 1250, capacity: 30, staff: [{ name: '王', role: 'volunteer', insured: false, phone: '' }] });
    expect(body.courses).toEqual([{ category: 'outdoor', title: '拓展' }]);
    expect(body).not.toHaveProperty('org_id');
    expect(body).not.toHaveProperty('partner');
    expect(classPayload({ ...m, org_id: 812 }).org_id).toBe(812);
  });

  it('patches only what changed, never org_id', () => {
    const m = classFromRecord(record);
    expect(classPatch(record, m)).toEqual({});
    m.capacity = 60;
    m.staff[0]!.insured = false;
    m.org_id = 1;
    expect(classPatch(record, m)).toEqual({ capacity: 60, staff: [{ name: '李老师', role: 'teacher', insured: false, phone: '' }] });
    expect(classPatch({ ...record, partner: '某机构' }, classFromRecord(record))).toEqual({ partner: '' });
  });
});

describe('removeClass', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    ui.ElMessageBox.confirm.mockResolvedValue('confirm');
    ui.ElMessageBox.alert.mockResolvedValue('confirm');
  });

  it('deletes after the person confirms', async () => {
    api.deleteClass.mockResolvedValue(undefined);
    expect(await removeClass({ id: 5, name: '南坪暑期班' })).toBe(true);
    expect(ui.ElMessageBox.confirm.mock.calls[0]?.[0]).toContain('南坪暑期班');
    expect(api.deleteClass).toHaveBeenCalledWith(5);
    expect(ui.ElMessage.success).toHaveBeenCalled();
  });

  it('does nothing when the person cancels', async () => {
    ui.ElMessageBox.confirm.mockRejectedValue('cancel');
    expect(await removeClass({ id: 5, name: '南坪暑期班' })).toBe(false);
    expect(api.deleteClass).not.toHaveBeenCalled();
  });

  it("shows the server's reasons of a 409 in a box, other failures as a toast", async () => {
    const why = '托管班“南坪暑期班”不能删除：已有3条报名记录（含候补和已退出）；已有1次监管检查记录';
    api.deleteClass.mockRejectedValueOnce(new ApiError(409, 'failed_precondition', why));
    expect(await removeClass({ id: 5, name: '南坪暑期班' })).toBe(false);
    expect(ui.ElMessageBox.alert.mock.calls[0]?.[0]).toBe(why);
    expect(ui.ElMessage.error).not.toHaveBeenCalled();

    api.deleteClass.mockRejectedValueOnce(new ApiError(404, 'not_found', '托管班不存在'));
    expect(await removeClass({ id: 5, name: '南坪暑期班' })).toBe(false);
    expect(ui.ElMessage.error).toHaveBeenCalledWith('托管班不存在');
  });
});
