// 爱心托管班 (childcare): classes (and when one may be deleted), enrolment of
// members' children with capacity and the priority waiting list, attendance
// rates, the six-standard evaluation state machine (every allowed and refused
// step), grants under the caps, inspections with overdue findings and their
// edits, strict list filters, and /stats/childcare (the demo's figures,
// attendance, subtree sums, the two axes agreeing at the root).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { login, startServer } from './harness.mjs';
import { assertError, assertStatus, createUnion, findOrg, idNumber, uniq } from './util.mjs';

let srv, admin, nanan, yuzhong, viewer, reporter, grassMgr, nananOrg, yuzhongOrg, grass;

const STANDARDS = ['site_safety', 'management', 'responsibility', 'catering', 'satisfaction', 'scale'];
const scores = (evidence = '见台账') => STANDARDS.map((standard, i) => ({ standard, score: 80 + i, evidence }));

function classBody(over = {}) {
  return {
    name: uniq('测试爱心托管班'), build_mode: 'independent', operation_mode: 'self', site: '职工之家',
    term: 'summer', start_date: '2024-07-08', end_date: '2024-08-16', capacity: 30, age_min: 6, age_max: 12,
    staff: [{ name: '李老师', role: 'teacher', insured: true }, { name: '王大爷', role: 'five_elders' }],
    courses: [{ category: 'tutoring', title: '作业辅导', hours: 40 }, { category: 'patriotic', title: '红色故事' }],
    ...over,
  };
}

async function createClass(client, over = {}) {
  const res = await client.post('/childcare/classes', classBody(over));
  assertStatus(res, 201, 'POST /childcare/classes');
  return res.body;
}

// A member of `orgId` with children; tags and status as given.
async function createParent(orgId, children, over = {}) {
  const res = await nanan.post('/members', {
    org_id: orgId, name: uniq('家长'), id_number: idNumber(), join_date: '2020-01-01', children, ...over,
  });
  assertStatus(res, 201, 'POST /members');
  return res.body;
}

const enrol = (client, classId, body) => client.post(`/childcare/classes/${classId}/enrolments`, body);

before(async () => {
  srv = await startServer();
  [admin, nanan, yuzhong, viewer, reporter] = await Promise.all(
    ['admin', 'nanan', 'yuzhong', 'viewer', 'reporter.nanan'].map((u) => login(srv.url, u)));
  nananOrg = await findOrg(admin, '南岸区总工会');
  yuzhongOrg = await findOrg(admin, '渝中区总工会');
  grass = await createUnion(admin, nananOrg.id, uniq('托管测试公司工会'));
  const username = uniq('grass.');
  assertStatus(await admin.post('/users', { username, password: 'Manager-pass-2024', role: 'manager', org_id: grass.id }), 201);
  grassMgr = await login(srv.url, username, 'Manager-pass-2024');
});

after(async () => {
  await srv?.stop();
});

describe('the demo data', () => {
  it('the city shows the bulletin figures: 15 全国, 59 市级, 600+ classes, 20,000+ children', async () => {
    const res = await admin.get('/stats/childcare');
    assertStatus(res, 200);
    const s = res.body;
    assert.equal(s.org_name, '重庆市总工会');
    assert.equal(s.classes_by_grade.national, 15);
    assert.equal(s.classes_by_grade.municipal, 59);
    assert.ok(s.classes_total > 600, `classes_total ${s.classes_total}`);
    assert.ok(s.children_enrolled > 20000, `children_enrolled ${s.children_enrolled}`);
    assert.ok(s.children_served >= s.children_enrolled);
    assert.ok(s.subsidy_fen > 0);
    // Spread over the districts.
    assert.ok(s.by_org.length >= 38, `by_org ${s.by_org.length}`);
    // Every figure links to its records.
    const national = await admin.get(s.links['classes_by_grade.national']);
    assertStatus(national, 200);
    assert.equal(national.body.total, 15);
    assert.ok(national.body.items.every((k) => k.grade === 'national'));
    assert.equal((await admin.get(s.links.classes_total + '&page_size=1')).body.total, s.classes_total);
    assert.equal((await admin.get(s.links.children_enrolled + '&page_size=1')).body.total, s.children_enrolled);
  });
});

describe('classes', () => {
  it('a grassroots manager creates a class for their union, with staff and courses', async () => {
    const k = await createClass(grassMgr);
    assert.equal(k.org_id, grass.id);
    assert.equal(k.fee_fen, 0);
    assert.equal(k.grade, 'none');
    assert.deepEqual(k.priority_tags, ['new_employment', 'migrant_worker']);
    assert.equal(k.staff.length, 2);
    assert.equal(k.staff[1].insured, false);
    assert.equal(k.courses[0].category, 'tutoring');
    assert.equal(k.enrolled, 0);
  });

  it('refuses bad fields, naming them', async () => {
    assertError(await grassMgr.post('/childcare/classes', classBody({ term: 'spring' })), 422, 'invalid_argument', 'term');
    assertError(await grassMgr.post('/childcare/classes', classBody({ end_date: '2024-07-01' })), 422, 'invalid_argument', 'end_date');
    assertError(await grassMgr.post('/childcare/classes', classBody({ age_min: 10, age_max: 8 })), 422, 'invalid_argument', 'age_max');
    assertError(await grassMgr.post('/childcare/classes', classBody({ staff: [{ name: 'x', role: 'cook' }] })), 422, 'invalid_argument', 'staff[0].role');
    assertError(await grassMgr.post('/childcare/classes', classBody({ courses: [{ category: 'x', title: 'y' }] })), 422, 'invalid_argument', 'courses[0].category');
    assertError(await grassMgr.post('/childcare/classes', classBody({ grade: 'national' })), 422, 'invalid_argument', 'grade');
    assertError(await grassMgr.post('/childcare/classes', classBody({ capacity: 0 })), 422, 'invalid_argument', 'capacity');
  });

  it('keeps to the scope: another district is not found, a reporter may not write', async () => {
    assertError(await nanan.post('/childcare/classes', classBody({ org_id: yuzhongOrg.id })), 404, 'not_found', 'org_id');
    const k = await createClass(nanan);
    assertError(await yuzhong.get(`/childcare/classes/${k.id}`), 404, 'not_found');
    assertError(await yuzhong.patch(`/childcare/classes/${k.id}`, { site: 'x' }), 404, 'not_found');
    assertError(await reporter.post('/childcare/classes', classBody()), 403, 'permission_denied');
    assertStatus(await viewer.get(`/childcare/classes/${k.id}`), 200);
    const list = await nanan.get(`/childcare/classes?org_id=${nananOrg.id}&page_size=200`);
    assertStatus(list, 200);
    assert.ok(list.body.items.some((x) => x.id === k.id));
    assertError(await nanan.get(`/childcare/classes?org_id=${yuzhongOrg.id}`), 404, 'not_found');
  });
});

describe('deleting a class', () => {
  it('deletes a class nothing has happened to, with its draft evaluation, and the figures drop it', async () => {
    const k = await createClass(grassMgr);
    const ev = await grassMgr.post(`/childcare/classes/${k.id}/evaluations`, { year: 2024, scores: scores() });
    assertStatus(ev, 201);
    const before = (await grassMgr.get('/stats/childcare')).body;
    assertError(await yuzhong.del(`/childcare/classes/${k.id}`), 404, 'not_found');
    assertError(await reporter.del(`/childcare/classes/${k.id}`), 403, 'permission_denied');
    assertError(await viewer.del(`/childcare/classes/${k.id}`), 403, 'permission_denied');
    assertStatus(await grassMgr.del(`/childcare/classes/${k.id}`), 204);
    assertError(await grassMgr.get(`/childcare/classes/${k.id}`), 404, 'not_found');
    assertError(await grassMgr.get(`/childcare/evaluations/${ev.body.id}`), 404, 'not_found');
    assertError(await grassMgr.del(`/childcare/classes/${k.id}`), 404, 'not_found');
    const after = (await grassMgr.get('/stats/childcare')).body;
    assert.equal(after.classes_total, before.classes_total - 1);
    assert.equal(after.classes_by_grade.none, before.classes_by_grade.none - 1);
    const list = await grassMgr.get(`/childcare/classes?org_id=${grass.id}&page_size=200`);
    assert.ok(!list.body.items.some((x) => x.id === k.id));
    const audit = await admin.get(`/audit?entity=childcare_class&entity_id=${k.id}&page_size=50`);
    assert.deepEqual(audit.body.items.map((e) => e.action).sort(), ['create', 'delete']);
  });

  it('keeps a class with enrolments (withdrawn too), a submitted evaluation or an inspection, saying why', async () => {
    const refused = async (k, why) => {
      const e = assertError(await grassMgr.del(`/childcare/classes/${k.id}`), 409, 'failed_precondition');
      assert.match(e.message, why);
      assertStatus(await grassMgr.get(`/childcare/classes/${k.id}`), 200);
    };
    const enrolled = await createClass(grassMgr);
    const p = await createParent(grass.id, [{ name: '删小一', birth_date: '2016-05-01' }]);
    const e = await enrol(grassMgr, enrolled.id, { member_id: p.id, child_name: '删小一' });
    assertStatus(await grassMgr.post(`/childcare/classes/${enrolled.id}/enrolments/${e.body.id}/withdraw`), 200);
    await refused(enrolled, /不能删除.*1条报名记录/);

    const submitted = await createClass(grassMgr);
    const ev = (await grassMgr.post(`/childcare/classes/${submitted.id}/evaluations`, { year: 2024, scores: scores() })).body;
    assertStatus(await grassMgr.post(`/childcare/evaluations/${ev.id}/submit`), 200);
    await refused(submitted, /2024年度评审已提交（区县审核中）/);

    const inspected = await createClass(grassMgr);
    assertStatus(await nanan.post('/childcare/inspections', { class_id: inspected.id, date: '2024-07-10' }), 201);
    await refused(inspected, /1次监管检查记录/);
  });

  it('keeps a graded class with its grants', async () => {
    const graded = (await admin.get('/childcare/classes?grade=municipal&page_size=100')).body.items.find((k) => k.subsidy_fen > 0);
    assert.ok(graded, 'a subsidised municipal class in the demo');
    const e = assertError(await admin.del(`/childcare/classes/${graded.id}`), 409, 'failed_precondition');
    assert.match(e.message, /已评定为市级托管班/);
    assert.match(e.message, /已发放补助/);
  });
});

describe('enrolment', () => {
  it('refuses a child whose parent is not a member in good standing, not theirs, or of the wrong age', async () => {
    const k = await createClass(grassMgr, { capacity: 5 });
    assertError(await enrol(grassMgr, k.id, { member_id: 999999999, child_name: '张小明' }), 422, 'invalid_argument', 'member_id');
    const left = await createParent(grass.id, [{ name: '离小会', birth_date: '2016-05-01' }], { status: 'left' });
    const e1 = assertError(await enrol(grassMgr, k.id, { member_id: left.id, child_name: '离小会' }), 422, 'invalid_argument', 'member_id');
    assert.match(e1.message, /会员状态/);
    const p = await createParent(grass.id, [{ name: '张小一', birth_date: '2016-05-01' }, { name: '张小二', birth_date: '2022-01-01' }]);
    assertError(await enrol(grassMgr, k.id, { member_id: p.id, child_name: '李小三' }), 422, 'invalid_argument', 'child_name');
    const e2 = assertError(await enrol(grassMgr, k.id, { member_id: p.id, child_name: '张小二' }), 422, 'invalid_argument', 'child_name');
    assert.match(e2.message, /2岁/);
    // A member outside the caller's subtree is as good as unknown.
    const yz = await yuzhong.post('/members', { org_id: yuzhongOrg.id, name: uniq('渝中家长'), id_number: idNumber(), children: [{ name: '渝小一', birth_date: '2016-05-01' }] });
    assertStatus(yz, 201);
    assertError(await enrol(grassMgr, k.id, { member_id: yz.body.id, child_name: '渝小一' }), 422, 'invalid_argument', 'member_id');
    const ok = await enrol(grassMgr, k.id, { member_id: p.id, child_name: '张小一' });
    assertStatus(ok, 201);
    assert.equal(ok.body.status, 'enrolled');
    assert.equal(ok.body.child_age, 8);
    assertError(await enrol(grassMgr, k.id, { member_id: p.id, child_name: '张小一' }), 409, 'already_exists', 'child_name');
    const after = await grassMgr.get(`/childcare/classes/${k.id}`);
    assert.equal(after.body.enrolled, 1);
  });

  it('enforces capacity and admits priority families first from the waiting list', async () => {
    const k = await createClass(grassMgr, { capacity: 2 });
    const kids = [];
    for (const [i, tags] of [[], [], [], ['migrant_worker'], []].entries()) {
      const p = await createParent(grass.id, [{ name: `测小${i}`, birth_date: '2015-03-01' }], { tags });
      kids.push({ member_id: p.id, child_name: `测小${i}` });
    }
    const a = await enrol(grassMgr, k.id, kids[0]);
    const b = await enrol(grassMgr, k.id, kids[1]);
    assertStatus(a, 201); assertStatus(b, 201);
    const full = assertError(await enrol(grassMgr, k.id, kids[2]), 409, 'failed_precondition', 'capacity');
    assert.match(full.message, /满员/);
    const w1 = await enrol(grassMgr, k.id, { ...kids[2], waitlist: true });
    assertStatus(w1, 201);
    assert.equal(w1.body.status, 'waiting');
    assert.equal(w1.body.priority, false);
    const w2 = await enrol(grassMgr, k.id, { ...kids[3], waitlist: true });
    assert.equal(w2.body.status, 'waiting');
    assert.equal(w2.body.priority, true);
    // The priority family is first in line although it came later.
    const waiting = await grassMgr.get(`/childcare/classes/${k.id}/enrolments?status=waiting`);
    assert.deepEqual(waiting.body.items.map((e) => [e.id, e.waiting_position]), [[w2.body.id, 1], [w1.body.id, 2]]);
    // A freed seat goes to the head of the list.
    const out = await grassMgr.post(`/childcare/classes/${k.id}/enrolments/${a.body.id}/withdraw`);
    assertStatus(out, 200);
    assert.equal(out.body.status, 'withdrawn');
    assertError(await grassMgr.post(`/childcare/classes/${k.id}/enrolments/${a.body.id}/withdraw`), 409, 'failed_precondition');
    const enrolled = await grassMgr.get(`/childcare/classes/${k.id}/enrolments?status=enrolled`);
    assert.deepEqual(enrolled.body.items.map((e) => e.id).sort(), [b.body.id, w2.body.id].sort());
    // With someone waiting, a new request waits too even if a seat were free.
    assertError(await enrol(grassMgr, k.id, kids[4]), 409, 'failed_precondition', 'capacity');
    // A larger capacity admits the waiting list; a smaller one than enrolled is refused.
    assertError(await grassMgr.patch(`/childcare/classes/${k.id}`, { capacity: 1 }), 409, 'failed_precondition', 'capacity');
    const bigger = await grassMgr.patch(`/childcare/classes/${k.id}`, { capacity: 5 });
    assertStatus(bigger, 200);
    assert.equal(bigger.body.enrolled, 3);
    assert.equal(bigger.body.waiting, 0);
    assert.equal(bigger.body.served, 4);
  });
});

describe('attendance', () => {
  it('records days and computes the rates per day, per child and overall', async () => {
    const k = await createClass(grassMgr, { capacity: 5 });
    const statsBefore = (await grassMgr.get('/stats/childcare')).body;
    const ids = [];
    for (let i = 0; i < 2; i++) {
      const p = await createParent(grass.id, [{ name: `勤小${i}`, birth_date: '2015-03-01' }]);
      ids.push((await enrol(grassMgr, k.id, { member_id: p.id, child_name: `勤小${i}` })).body.id);
    }
    const d1 = await grassMgr.put(`/childcare/classes/${k.id}/attendance/2024-07-08`, { present: [ids[0]] });
    assertStatus(d1, 200);
    assert.deepEqual(d1.body, { date: '2024-07-08', enrolled: 2, present: 1, rate: 0.5 });
    assertStatus(await grassMgr.put(`/childcare/classes/${k.id}/attendance/2024-07-09`, { present: [] }), 200);
    // Recording a day again replaces it.
    assertStatus(await grassMgr.put(`/childcare/classes/${k.id}/attendance/2024-07-09`, { present: ids }), 200);
    const r = await grassMgr.get(`/childcare/classes/${k.id}/attendance`);
    assertStatus(r, 200);
    assert.deepEqual(r.body.days.map((d) => d.rate), [0.5, 1]);
    assert.equal(r.body.rate, 0.75);
    assert.deepEqual(r.body.children.map((c) => c.rate), [1, 0.5]);
    assert.equal((await grassMgr.get(`/childcare/classes/${k.id}`)).body.attendance_rate, 0.75);
    // The statistics count the same child-days: 3 present of 4 recorded, the replaced day once.
    const stats = (await grassMgr.get('/stats/childcare')).body;
    assert.equal(stats.attendance_present - statsBefore.attendance_present, 3);
    assert.equal(stats.attendance_recorded - statsBefore.attendance_recorded, 4);
    assert.equal(stats.attendance_rate, Math.round((stats.attendance_present / stats.attendance_recorded) * 1e4) / 1e4);
    const district = (await nanan.get('/stats/childcare')).body;
    const row = district.by_org.find((r) => r.org_id === grass.id);
    for (const f of ['attendance_present', 'attendance_recorded', 'attendance_rate']) assert.equal(row[f], stats[f], f);
    assertError(await grassMgr.put(`/childcare/classes/${k.id}/attendance/2024-09-01`, { present: [] }), 422, 'invalid_argument', 'date');
    assertError(await grassMgr.put(`/childcare/classes/${k.id}/attendance/2024-07-10`, { present: [999999] }), 422, 'invalid_argument', 'present[0]');
  });
});

describe('the evaluation state machine', () => {
  let k, ev;
  const step = (c, action, body = {}) => c.post(`/childcare/evaluations/${ev.id}/${action}`, body);

  it('the host opens a self-assessment; it needs six scores with evidence to submit', async () => {
    k = await createClass(grassMgr);
    const res = await grassMgr.post(`/childcare/classes/${k.id}/evaluations`, { year: 2024 });
    assertStatus(res, 201);
    ev = res.body;
    assert.equal(ev.state, 'draft');
    assert.equal(ev.district_org_id, nananOrg.id);
    assertError(await grassMgr.post(`/childcare/classes/${k.id}/evaluations`, { year: 2025 }), 409, 'failed_precondition');
    assertError(await step(grassMgr, 'submit'), 422, 'invalid_argument', 'scores');
    assertError(await grassMgr.patch(`/childcare/evaluations/${ev.id}`, { scores: scores().slice(1) }), 422, 'invalid_argument', 'scores');
    assertError(await grassMgr.patch(`/childcare/evaluations/${ev.id}`, { scores: scores().map((s, i) => (i === 2 ? { ...s, score: 101 } : s)) }), 422, 'invalid_argument', 'scores[2].score');
    const noEvidence = await grassMgr.patch(`/childcare/evaluations/${ev.id}`, { scores: scores('') });
    assertStatus(noEvidence, 200);
    assertError(await step(grassMgr, 'submit'), 422, 'invalid_argument', 'scores[0].evidence');
    const patched = await grassMgr.patch(`/childcare/evaluations/${ev.id}`, { scores: scores() });
    assert.equal(patched.body.stages.self.total, 82);
    assert.equal(patched.body.stages.self.passed, 6);
    // Reviewers cannot act on a draft.
    assertError(await step(nanan, 'review', { scores: scores() }), 409, 'failed_precondition');
    assertError(await step(admin, 'return', { comment: '未提交' }), 409, 'failed_precondition');
    const sub = await step(grassMgr, 'submit');
    assertStatus(sub, 200);
    assert.equal(sub.body.state, 'district_review');
    assertError(await step(grassMgr, 'submit'), 409, 'failed_precondition');
    assertError(await grassMgr.patch(`/childcare/evaluations/${ev.id}`, { scores: scores() }), 409, 'failed_precondition');
  });

  it('only the class\'s district reviews it: another district is 404, the wrong level 403', async () => {
    assertError(await step(yuzhong, 'review', { scores: scores() }), 404, 'not_found');
    assertError(await yuzhong.get(`/childcare/evaluations/${ev.id}`), 404, 'not_found');
    assertError(await step(grassMgr, 'review', { scores: scores() }), 403, 'permission_denied');
    assertError(await step(admin, 'review', { scores: scores(), grade: 'municipal' }), 403, 'permission_denied');
    assertError(await step(viewer, 'review', { scores: scores() }), 403, 'permission_denied');
    const pending = await nanan.get('/childcare/evaluations?state=pending&page_size=200');
    assert.ok(pending.body.items.some((x) => x.id === ev.id));
  });

  it('the district returns with a comment, the host resubmits', async () => {
    assertError(await step(nanan, 'return', {}), 422, 'invalid_argument', 'comment');
    const back = await step(nanan, 'return', { comment: '请补充餐饮卫生材料' });
    assertStatus(back, 200);
    assert.equal(back.body.state, 'returned');
    assert.equal(back.body.comment, '请补充餐饮卫生材料');
    assertStatus(await grassMgr.patch(`/childcare/evaluations/${ev.id}`, { scores: scores('已补充') }), 200);
    assert.equal((await step(grassMgr, 'submit')).body.state, 'district_review');
  });

  it('the district cannot grade; its review passes the class to the city', async () => {
    assertError(await step(nanan, 'review', { scores: scores(), grade: 'municipal' }), 422, 'invalid_argument', 'grade');
    assertError(await step(nanan, 'review', {}), 422, 'invalid_argument', 'scores');
    // The reviewers score every standard; their evidence is optional.
    const r = await step(nanan, 'review', { scores: scores(''), comment: '同意推荐' });
    assertStatus(r, 200);
    assert.equal(r.body.state, 'city_review');
    assert.equal(r.body.stages.district.scores.length, 6);
    assert.equal(r.body.stages.district.scores[0].evidence, '');
    assertError(await step(nanan, 'review', { scores: scores(), grade: 'municipal' }), 403, 'permission_denied');
    assertError(await step(nanan, 'return', { comment: 'x' }), 403, 'permission_denied');
  });

  it('a class cannot be graded or subsidised before the city review', async () => {
    assertError(await admin.post(`/childcare/classes/${k.id}/grants`, { amount_fen: 100000 }), 409, 'failed_precondition', 'grade');
    assertError(await grassMgr.patch(`/childcare/classes/${k.id}`, { grade: 'municipal' }), 422, 'invalid_argument', 'grade');
    assert.equal((await admin.get(`/childcare/classes/${k.id}`)).body.grade, 'none');
  });

  it('the city returns to the district, which reviews again', async () => {
    const back = await step(admin, 'return', { comment: '请区县复核场地安全' });
    assert.equal(back.body.state, 'district_review');
    assert.equal((await step(nanan, 'review', { scores: scores() })).body.state, 'city_review');
  });

  it('a subsidy above the cap is refused and leaves the evaluation where it was', async () => {
    const over = assertError(await step(admin, 'review', { scores: scores(), grade: 'municipal', subsidy_fen: 5000001 }), 422, 'invalid_argument', 'subsidy_fen');
    assert.match(over.message, /市级.*上限5万元/);
    const still = await admin.get(`/childcare/evaluations/${ev.id}`);
    assert.equal(still.body.state, 'city_review');
    assert.equal((await admin.get(`/childcare/classes/${k.id}`)).body.grade, 'none');
    assertError(await step(admin, 'review', { scores: scores(), grade: 'gold' }), 422, 'invalid_argument', 'grade');
  });

  it('the city grades the class and records the grant with its approver', async () => {
    const g = await step(admin, 'review', { scores: scores().map((s, i) => (i % 2 ? { standard: s.standard, score: s.score } : s)), grade: 'municipal', subsidy_fen: 3000000 });
    assertStatus(g, 200);
    assert.deepEqual(g.body.stages.city.scores.map((s) => s.evidence), ['见台账', '', '见台账', '', '见台账', '']);
    assert.equal(g.body.state, 'graded');
    assert.equal(g.body.grade, 'municipal');
    assert.deepEqual(g.body.timeline.map((e) => e.action),
      ['create', 'submit', 'return', 'submit', 'district_review', 'return', 'district_review', 'city_review']);
    const cls = (await admin.get(`/childcare/classes/${k.id}`)).body;
    assert.equal(cls.grade, 'municipal');
    assert.equal(cls.subsidy_fen, 3000000);
    // The cap holds for the sum of the grants.
    const more = assertError(await admin.post(`/childcare/classes/${k.id}/grants`, { amount_fen: 2500000 }), 422, 'invalid_argument', 'amount_fen');
    assert.match(more.message, /已补助3万元/);
    assertError(await nanan.post(`/childcare/classes/${k.id}/grants`, { amount_fen: 100 }), 403, 'permission_denied');
    const ok = await admin.post(`/childcare/classes/${k.id}/grants`, { amount_fen: 2000000, note: '第二批' });
    assertStatus(ok, 201);
    assert.equal(ok.body.approved_by_name, '系统管理员');
    const grants = await grassMgr.get(`/childcare/classes/${k.id}/grants`);
    assert.equal(grants.body.total_fen, 5000000);
    // Graded is final.
    for (const [c, a] of [[grassMgr, 'submit'], [nanan, 'review'], [admin, 'review'], [admin, 'return']]) {
      assertError(await step(c, a, a === 'return' ? { comment: 'x' } : {}), 409, 'failed_precondition');
    }
    assertError(await grassMgr.post(`/childcare/classes/${k.id}/evaluations`, { year: 2024 }), 409, 'already_exists', 'year');
    const audit = await admin.get(`/audit?entity=childcare_evaluation&entity_id=${ev.id}&page_size=50`);
    assertStatus(audit, 200);
    assert.ok(audit.body.items.length >= 8);
  });

  it('a class with no district reviewer goes from the host to the city and back', async () => {
    const city = await findOrg(admin, '重庆市总工会');
    const top = await createClass(admin, { org_id: city.id });
    const e = (await admin.post(`/childcare/classes/${top.id}/evaluations`, { year: 2024, scores: scores() })).body;
    assert.equal(e.district_org_id, null);
    assert.equal((await admin.post(`/childcare/evaluations/${e.id}/submit`)).body.state, 'city_review');
    assert.equal((await admin.post(`/childcare/evaluations/${e.id}/return`, { comment: '补材料' })).body.state, 'returned');
  });

  it('settings: caps per grade, changed only by the city', async () => {
    const s = await nanan.get('/childcare/settings');
    assertStatus(s, 200);
    assert.equal(s.body.subsidy_caps_fen.municipal, 5000000);
    assertError(await nanan.put('/childcare/settings', s.body), 403, 'permission_denied');
    assertError(await admin.put('/childcare/settings', { ...s.body, subsidy_caps_fen: { ...s.body.subsidy_caps_fen, district: -1 } }), 422, 'invalid_argument', 'subsidy_caps_fen.district');
    const changed = await admin.put('/childcare/settings', { ...s.body, subsidy_caps_fen: { ...s.body.subsidy_caps_fen, district: 2000000 } });
    assertStatus(changed, 200);
    assert.equal((await admin.get('/childcare/settings')).body.subsidy_caps_fen.district, 2000000);
    assertStatus(await admin.put('/childcare/settings', s.body), 200);
  });
});

describe('supervision', () => {
  it('findings stay open until accepted, and overdue ones are flagged', async () => {
    const k = await createClass(grassMgr);
    const res = await nanan.post('/childcare/inspections', {
      class_id: k.id, date: '2024-07-10', inspector: '区总督查组', notes: '现场检查',
      findings: [{ description: '消防通道堆放杂物', deadline: '2024-07-20' }, { description: '晨检记录不完整', deadline: '2099-12-31' }],
    });
    assertStatus(res, 201);
    const ins = res.body;
    assert.equal(ins.org_id, nananOrg.id);
    assert.deepEqual(ins.findings.map((f) => f.overdue), [true, false]);
    assert.equal(ins.open_findings, 2);
    assert.equal(ins.overdue_findings, 1);
    assertError(await nanan.post('/childcare/inspections', { class_id: k.id, date: '2024-07-10', findings: [{ description: 'x', deadline: '2024-07-01' }] }), 422, 'invalid_argument', 'findings[0].deadline');
    assertError(await yuzhong.post('/childcare/inspections', { class_id: k.id, date: '2024-07-10' }), 404, 'not_found', 'class_id');
    const overdue = await nanan.get(`/childcare/inspections?overdue=true&class_id=${k.id}`);
    assert.deepEqual(overdue.body.items.map((i) => i.id), [ins.id]);
    const f = ins.findings[0];
    assertError(await nanan.post(`/childcare/findings/${f.id}/accept`), 409, 'failed_precondition');
    const fixed = await grassMgr.post(`/childcare/findings/${f.id}/rectify`, { rectification: '已清理通道' });
    assertStatus(fixed, 200);
    assert.equal(fixed.body.state, 'rectified');
    assert.equal(fixed.body.overdue, true);
    // The host cannot accept its own rectification of the district's finding.
    assertError(await grassMgr.post(`/childcare/findings/${f.id}/accept`), 403, 'permission_denied');
    assertError(await nanan.post(`/childcare/findings/${f.id}/reject`, {}), 422, 'invalid_argument', 'comment');
    assert.equal((await nanan.post(`/childcare/findings/${f.id}/reject`, { comment: '仍有杂物' })).body.state, 'open');
    await grassMgr.post(`/childcare/findings/${f.id}/rectify`, { rectification: '已彻底清理' });
    const accepted = await nanan.post(`/childcare/findings/${f.id}/accept`, { comment: '验收通过' });
    assertStatus(accepted, 200);
    assert.equal(accepted.body.state, 'accepted');
    assert.equal(accepted.body.overdue, false);
    assertError(await grassMgr.post(`/childcare/findings/${f.id}/rectify`, { rectification: 'x' }), 409, 'failed_precondition');
    assert.equal((await nanan.get(`/childcare/inspections?overdue=true&class_id=${k.id}`)).body.total, 0);
    assert.equal((await nanan.get(`/childcare/inspections?open=true&class_id=${k.id}`)).body.total, 1);
    const open = await nanan.get(`/childcare/findings?state=open&class_id=${k.id}`);
    assert.equal(open.body.total, 1);
  });

  it('the inspecting union edits its visit and the findings not yet accepted', async () => {
    const k = await createClass(grassMgr);
    const ins = (await nanan.post('/childcare/inspections', {
      class_id: k.id, date: '2024-07-10', inspector: '区总督查组', notes: '现场检查',
      findings: [{ description: '灭火器过期', deadline: '2024-07-20' }, { description: '午休床位不足', deadline: '2024-07-25' }],
    })).body;
    const [done, open] = ins.findings;
    assertStatus(await grassMgr.post(`/childcare/findings/${done.id}/rectify`, { rectification: '已更换' }), 200);
    assertStatus(await nanan.post(`/childcare/findings/${done.id}/accept`), 200);
    const edit = (body) => nanan.patch(`/childcare/inspections/${ins.id}`, body);

    // Only the inspecting union or one above it; another district does not see it.
    assertError(await grassMgr.patch(`/childcare/inspections/${ins.id}`, { notes: '改' }), 403, 'permission_denied');
    assertError(await yuzhong.patch(`/childcare/inspections/${ins.id}`, { notes: '改' }), 404, 'not_found');
    // An accepted finding is closed, and the refused request changes nothing.
    const closed = assertError(await edit({ notes: '复查', findings: [{ id: done.id, description: '改写' }] }), 409, 'failed_precondition', 'findings[0]');
    assert.match(closed.message, /灭火器过期.*已验收/);
    assert.equal((await nanan.get(`/childcare/inspections/${ins.id}`)).body.notes, '现场检查');
    assertError(await edit({ findings: [{ id: 999999999, deadline: '2024-08-01' }] }), 422, 'invalid_argument', 'findings[0].id');
    assertError(await edit({ findings: [{ id: open.id, deadline: '2024-07-01' }] }), 422, 'invalid_argument', 'findings[0].deadline');
    assertError(await edit({ findings: [{ description: '只有描述' }] }), 422, 'invalid_argument', 'findings[0].deadline');
    assertError(await edit({ class_id: k.id }), 422, 'invalid_argument', 'class_id');
    // A later date may not pass a deadline it leaves in place (the accepted one's too).
    assertError(await edit({ date: '2024-07-21' }), 422, 'invalid_argument', 'date');

    const res = await edit({
      date: '2024-07-12', notes: '复查', inspector: '区总复查组',
      findings: [{ id: open.id, description: '午休床位不足，需增加10张', deadline: '2024-08-01' }, { description: '食品留样不全', deadline: '2024-07-30' }],
    });
    assertStatus(res, 200);
    const out = res.body;
    assert.equal(out.date, '2024-07-12');
    assert.equal(out.notes, '复查');
    assert.equal(out.inspector, '区总复查组');
    assert.deepEqual(out.findings.map((f) => [f.description, f.deadline, f.state]), [
      ['灭火器过期', '2024-07-20', 'accepted'],
      ['午休床位不足，需增加10张', '2024-08-01', 'open'],
      ['食品留样不全', '2024-07-30', 'open'],
    ]);
    assert.equal(out.open_findings, 2);
    const audit = await admin.get(`/audit?entity=childcare_inspection&entity_id=${ins.id}&page_size=50`);
    assert.deepEqual(audit.body.items.map((e) => e.action).sort(), ['create', 'update']);
  });
});

describe('statistics', () => {
  const FIGURES = ['classes_total', 'classes_run', 'children_enrolled', 'children_served', 'subsidy_fen',
    'attendance_present', 'attendance_recorded'];
  const GRADES = ['national', 'municipal', 'district', 'none'];

  it('a district equals the sum over its subtree, child by child', async () => {
    const s = (await nanan.get('/stats/childcare')).body;
    assert.equal(s.org_id, nananOrg.id);
    assert.ok(s.classes_total > 0);
    for (const f of FIGURES) assert.equal(s.by_org.reduce((a, r) => a + r[f], 0), s[f], f);
    for (const g of GRADES) assert.equal(s.by_org.reduce((a, r) => a + r.classes_by_grade[g], 0), s.classes_by_grade[g], g);
    for (const row of s.by_org.filter((r) => !r.own)) {
      const child = (await nanan.get(`/stats/childcare?org_id=${row.org_id}&axis=territorial`)).body;
      for (const f of FIGURES) assert.equal(child[f], row[f], `${row.org_name} ${f}`);
    }
    // Our grassroots union's classes count under it.
    const g = (await grassMgr.get('/stats/childcare')).body;
    assert.ok(g.classes_total >= 6);
    assert.equal(g.classes_by_grade.municipal, 1);
    assert.equal(g.subsidy_fen, 5000000);
  });

  it('the territorial and industry roll-ups agree at the root', async () => {
    const city = await findOrg(admin, '重庆市总工会');
    const t = (await admin.get(`/stats/childcare?org_id=${city.id}&axis=territorial`)).body;
    const i = (await admin.get(`/stats/childcare?org_id=${city.id}&axis=industry`)).body;
    for (const f of FIGURES) assert.equal(i[f], t[f], f);
    assert.deepEqual(i.classes_by_grade, t.classes_by_grade);
    for (const f of FIGURES) assert.equal(i.by_org.reduce((a, r) => a + r[f], 0), i[f], f);
  });

  it('keeps to the scope and the permission', async () => {
    assertError(await yuzhong.get(`/stats/childcare?org_id=${nananOrg.id}`), 404, 'not_found');
    assertError(await reporter.get('/stats/childcare'), 403, 'permission_denied');
    assertStatus(await viewer.get('/stats/childcare'), 200);
    const p = (await admin.get('/stats/childcare?from=2030-01-01')).body;
    assert.equal(p.classes_total, 0);
  });
});

describe('list filters are strict', () => {
  it('a numeric or date filter that does not parse is 400 naming it', async () => {
    for (const [path, param] of [
      ['/childcare/enrolments?class_id=abc', 'class_id'],
      ['/childcare/enrolments?class_id=0', 'class_id'],
      ['/childcare/inspections?class_id=12x', 'class_id'],
      ['/childcare/inspections?open=yes', 'open'],
      ['/childcare/findings?class_id=-3', 'class_id'],
      ['/childcare/findings?overdue=1', 'overdue'],
      ['/childcare/evaluations?year=20x4', 'year'],
      ['/childcare/evaluations?class_id=1.5', 'class_id'],
      ['/childcare/classes?year=24', 'year'],
      ['/childcare/classes?started_by=2024-13-01', 'started_by'],
      ['/childcare/classes?own=1', 'own'],
    ]) {
      const e = assertError(await nanan.get(path), 400, 'bad_request', param);
      assert.ok(e.message.includes(`查询参数 ${param}`), `${path}: ${e.message}`);
    }
  });

  it('a valid filter selects', async () => {
    const k = await createClass(grassMgr);
    const ev = (await grassMgr.post(`/childcare/classes/${k.id}/evaluations`, { year: 2024 })).body;
    const byClass = await nanan.get(`/childcare/evaluations?class_id=${k.id}&year=2024`);
    assert.deepEqual(byClass.body.items.map((v) => v.id), [ev.id]);
    assert.equal((await nanan.get(`/childcare/evaluations?class_id=${k.id}&year=2025`)).body.total, 0);
  });
});
