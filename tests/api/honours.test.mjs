// Honours (荣誉) — filters, scope, validation, audit — and the programme
// statistics (GET /stats/programmes): every figure sums its subtree, links to
// the records behind it, and both axes agree at the root.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { login, startServer } from './harness.mjs';
import { assertError, assertStatus, createUnion, findOrg, listAll, memberBody, uniq } from './util.mjs';

let srv, admin, nanan, yuzhong, reporter, viewer, city, nananOrg, yuzhongOrg;

const sum = (xs, f) => xs.reduce((s, x) => s + f(x), 0);
const path = (link) => link.replace('/api/v1', '');

before(async () => {
  srv = await startServer();
  [admin, nanan, yuzhong, reporter, viewer] = await Promise.all(
    ['admin', 'nanan', 'yuzhong', 'reporter.nanan', 'viewer'].map((u) => login(srv.url, u)));
  city = await findOrg(admin, '重庆市总工会');
  nananOrg = await findOrg(admin, '南岸区总工会');
  yuzhongOrg = await findOrg(admin, '渝中区总工会');
});

after(async () => {
  await srv?.stop();
});

describe('honours', () => {
  it('lists the demo\'s honours by kind, level and year', async () => {
    const medals = await admin.get('/honours?kind=may_day_medal&level=city&year=2024');
    assertStatus(medals, 200);
    assert.equal(medals.body.total, 4);
    assert.ok(medals.body.items.every((h) => h.kind_label === '五一劳动奖章' && h.level_label === '市级' && h.year === 2024));
    const pioneers = await admin.get('/honours?kind=worker_pioneer');
    assert.ok(pioneers.body.items.some((h) => h.awardee_type === 'collective' && h.level === 'national'));
    const childcare = await admin.get('/honours?kind=childcare_class&level=national');
    assert.ok(childcare.body.total >= 2);
    assert.ok(childcare.body.items.every((h) => h.title === '全国工会爱心托管班'));
    const cases = await admin.get(`/honours?kind=innovation_case&q=${encodeURIComponent('巫山')}`);
    assert.equal(cases.body.total, 1);
    assert.equal(cases.body.items[0].org_name, '巫山县总工会');
    assertError(await admin.get('/honours?kind=gold'), 422, 'invalid_argument', 'kind');
    assertError(await admin.get('/honours?year=24'), 400, 'bad_request', 'year');
  });

  it('a district records honours of its unions and members; others cannot see them', async () => {
    const union = await createUnion(nanan, nananOrg.id);
    const m = await nanan.post('/members', memberBody(union.id));
    assertStatus(m, 201);
    const person = await nanan.post('/honours', { kind: 'may_day_medal', level: 'district', year: 2024, awardee_type: 'person', member_id: m.body.id, conferred_by: '南岸区总工会' });
    assertStatus(person, 201);
    assert.equal(person.body.org_id, union.id);
    assert.equal(person.body.awardee_name, m.body.name);
    const team = await nanan.post('/honours', { kind: 'worker_pioneer', level: 'district', year: 2024, awardee_type: 'collective', org_id: union.id });
    assertStatus(team, 201);
    assert.equal(team.body.awardee_name, union.name);
    assertError(await yuzhong.get(`/honours/${person.body.id}`), 404, 'not_found');
    assertError(await yuzhong.patch(`/honours/${person.body.id}`, { note: 'x' }), 404, 'not_found');
    assertError(await nanan.post('/honours', { kind: 'worker_pioneer', level: 'city', year: 2024, awardee_type: 'collective', org_id: yuzhongOrg.id }), 404, 'not_found', 'org_id');
    const mine = await listAll(nanan, '/honours');
    assert.ok(mine.items.some((h) => h.id === person.body.id));
    const theirs = await listAll(yuzhong, '/honours');
    assert.ok(!theirs.items.some((h) => h.id === person.body.id));
    const patched = await nanan.patch(`/honours/${person.body.id}`, { level: 'city', note: '2024年度' });
    assertStatus(patched, 200);
    assert.equal(patched.body.level_label, '市级');
    assertStatus(await nanan.del(`/honours/${team.body.id}`), 204);
    assertError(await nanan.get(`/honours/${team.body.id}`), 404, 'not_found');
    const audit = await admin.get(`/audit?entity=honour&entity_id=${person.body.id}`);
    assert.deepEqual(audit.body.items.map((e) => e.action).sort(), ['create', 'update']);
  });

  it('refuses bad fields, naming them, and callers without the permission', async () => {
    const body = (over) => ({ kind: 'model_worker', level: 'district', year: 2024, awardee_type: 'person', awardee_name: '张三', ...over });
    assertError(await nanan.post('/honours', body({ kind: 'gold' })), 422, 'invalid_argument', 'kind');
    assertError(await nanan.post('/honours', body({ level: 'province' })), 422, 'invalid_argument', 'level');
    assertError(await nanan.post('/honours', body({ year: 1800 })), 422, 'invalid_argument', 'year');
    assertError(await nanan.post('/honours', body({ awardee_type: 'team' })), 422, 'invalid_argument', 'awardee_type');
    assertError(await nanan.post('/honours', body({ awardee_name: undefined })), 422, 'invalid_argument', 'awardee_name');
    assertError(await nanan.post('/honours', body({ kind: 'other' })), 422, 'invalid_argument', 'title');
    assertError(await nanan.post('/honours', body({ member_id: 99999999 })), 422, 'invalid_argument', 'member_id');
    assertError(await nanan.post('/honours', body({ extra: 1 })), 422, 'invalid_argument', 'extra');
    assertError(await reporter.post('/honours', body({})), 403, 'permission_denied');
    assertError(await viewer.post('/honours', body({})), 403, 'permission_denied');
    assertStatus(await viewer.get('/honours'), 200);
  });
});

describe('programme statistics', () => {
  it('agrees on both axes at the root', async () => {
    const t = await admin.get('/stats/programmes?axis=territorial');
    const i = await admin.get('/stats/programmes?axis=industry');
    assertStatus(t, 200);
    assertStatus(i, 200);
    assert.equal(t.body.org_name, '重庆市总工会');
    assert.equal(i.body.axis, 'industry');
    assert.equal(i.body.honours.total, t.body.honours.total);
    assert.deepEqual(i.body.honours.by_kind.map((k) => k.count), t.body.honours.by_kind.map((k) => k.count));
    for (const key of ['entries', 'awarded', 'special_awards', 'qualified']) {
      assert.equal(i.body.competitions[key], t.body.competitions[key], key);
    }
    const camp = (body) => body.campaigns.find((c) => c.name === '2024年“六一”儿童节关爱行动');
    assert.ok(camp(t.body));
    for (const key of ['activities', 'beneficiaries', 'money_fen']) {
      assert.equal(camp(i.body)[key], camp(t.body)[key], key);
    }
    assert.ok(t.body.competitions.special_awards >= 2, '巾帼奖 and 新秀奖');
    assert.ok(t.body.competitions.qualified >= 10, 'the top 5 of each table-tennis singles');
  });

  it('each row sums its subtree and links to the records behind it', async () => {
    const res = await admin.get(`/stats/programmes?org_id=${city.id}&axis=territorial&year=2024`);
    assertStatus(res, 200);
    const h = res.body.honours;
    assert.equal(sum(h.by_org, (r) => r.count), h.total);
    assert.equal(sum(h.by_kind, (r) => r.count), h.total);
    assert.equal((await admin.get(path(h.link))).body.total, h.total);
    for (const r of h.by_org) assert.equal((await admin.get(path(r.link))).body.total, r.count, r.org_name);
    for (const k of h.by_kind) assert.equal((await admin.get(path(k.link))).body.total, k.count, `${k.kind} ${k.level}`);
    const c = res.body.competitions;
    assert.equal(sum(c.by_org, (r) => r.entries), c.entries);
    assert.equal(sum(c.by_org, (r) => r.awarded), c.awarded);
    for (const r of c.by_org) {
      const all = await listAll(admin, path(r.link));
      assert.equal(all.total, r.entries, r.org_name);
      assert.equal(all.items.filter((e) => e.award !== '').length, r.awarded, `${r.org_name} awarded`);
      const awarded = await admin.get(`${path(r.link)}&awarded=true`);
      assert.equal(awarded.body.total, r.awarded);
    }
    // A district's own figures equal its row in the city's view.
    const fengjie = c.by_org.find((r) => r.org_name === '奉节县总工会');
    assert.ok(fengjie, '奉节县 has entries');
    const own = await admin.get(`/stats/programmes?org_id=${fengjie.org_id}&year=2024`);
    assert.equal(own.body.competitions.entries, fengjie.entries);
    assert.equal(own.body.competitions.awarded, fengjie.awarded);
    const camp = res.body.campaigns.find((x) => x.name === '2024年“六一”儿童节关爱行动');
    const progress = await admin.get(path(camp.progress_link));
    assert.equal(progress.body.total.beneficiaries, camp.beneficiaries);
  });

  it('keeps to the caller\'s scope', async () => {
    assertError(await nanan.get(`/stats/programmes?org_id=${yuzhongOrg.id}`), 404, 'not_found');
    const own = await nanan.get('/stats/programmes');
    assertStatus(own, 200);
    assert.equal(own.body.org_name, '南岸区总工会');
    const honours = await listAll(nanan, '/honours');
    assert.equal(own.body.honours.total, honours.total);
    assertError(await reporter.get('/stats/programmes'), 403, 'permission_denied');
  });
});
