// The audit log (SPEC §4 "Every write is recorded…", docs/api.md "Audit").

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { login, startServer } from './harness.mjs';
import { activityBody, assertError, assertStatus, createUnion, findOrg, memberBody, randomCreditCode, uniq } from './util.mjs';

let srv;
let admin;
let nanan;
let nananOrg;

const TS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

before(async () => {
  srv = await startServer();
  admin = await login(srv.url, 'admin');
  nanan = await login(srv.url, 'nanan');
  nananOrg = await findOrg(admin, '南岸区总工会');
});

after(async () => {
  await srv?.stop();
});

async function auditOf(entity, id) {
  const res = await admin.get(`/audit?entity=${entity}&entity_id=${id}&page_size=200`);
  assertStatus(res, 200, 'GET /audit');
  for (const r of res.body.items) {
    assert.equal(r.entity, entity, 'entity filter');
    assert.equal(String(r.entity_id), String(id), 'entity_id filter');
  }
  return res.body;
}

describe('activity create, update, delete', () => {
  let a;
  let rows;
  const newTitle = uniq('审计修改后');
  before(async () => {
    const created = await nanan.post('/activities', activityBody(nananOrg.id, { title: uniq('审计测试活动') }));
    assertStatus(created, 201);
    a = created.body;
    assertStatus(await nanan.patch(`/activities/${a.id}`, { title: newTitle }), 200);
    assertStatus(await nanan.del(`/activities/${a.id}`), 204);
    rows = (await auditOf('activity', a.id)).items;
  });

  it('shows exactly three rows: create, update, delete', () => {
    assert.equal(rows.length, 3, JSON.stringify(rows));
    assert.deepEqual(rows.map((r) => r.action).sort(), ['create', 'delete', 'update']);
  });

  it('each row names the user, the org and the time', () => {
    for (const r of rows) {
      assert.equal(r.user_id, nanan.me.user.id);
      assert.equal(r.username, 'nanan');
      assert.equal(r.org_id, nananOrg.id);
      assert.match(r.at, TS);
      assert.equal(typeof r.id, 'number');
    }
    const at = Object.fromEntries(rows.map((r) => [r.action, r.at]));
    assert.ok(at.create <= at.update && at.update <= at.delete, 'in time order');
  });

  it('create has no before and the record as after', () => {
    const r = rows.find((x) => x.action === 'create');
    assert.ok(r.before === null || r.before === undefined, `before: ${JSON.stringify(r.before)}`);
    assert.equal(r.after.title, a.title);
    assert.equal(r.after.type, a.type);
  });

  it('update has the old and the new values', () => {
    const r = rows.find((x) => x.action === 'update');
    assert.equal(r.before.title, a.title);
    assert.equal(r.after.title, newTitle);
  });

  it('delete has the last state as before', () => {
    const r = rows.find((x) => x.action === 'delete');
    assert.equal(r.before.title, newTitle);
  });

  it('the user_id and date filters work', async () => {
    const mine = await admin.get(`/audit?user_id=${nanan.me.user.id}&page_size=200`);
    assertStatus(mine, 200);
    assert.ok(mine.body.items.length >= 3);
    for (const r of mine.body.items) assert.equal(r.user_id, nanan.me.user.id);
    const day = (d) => new Date(Date.now() + d * 86400000).toISOString().slice(0, 10);
    const recent = await admin.get(`/audit?entity=activity&entity_id=${a.id}&from=${day(-1)}&to=${day(1)}`);
    assertStatus(recent, 200);
    assert.equal(recent.body.total, 3, 'the three rows fall between yesterday and tomorrow');
    const old = await admin.get(`/audit?entity=activity&entity_id=${a.id}&to=2000-01-01`);
    assertStatus(old, 200);
    assert.equal(old.body.total, 0, 'nothing before 2000');
    assert.equal(old.body.items.length, 0);
  });

  it('the list is paginated', async () => {
    const res = await admin.get('/audit?page=1&page_size=2');
    assertStatus(res, 200);
    assert.equal(res.body.items.length, 2);
    assert.equal(res.body.page_size, 2);
    assert.ok(res.body.total >= 3);
  });
});

describe('other writes are audited too', () => {
  it('an org create and move', async () => {
    const u1 = await createUnion(nanan, nananOrg.id);
    const u2 = await createUnion(nanan, nananOrg.id);
    assertStatus(await nanan.patch(`/orgs/${u2.id}`, { parent_id: u1.id }), 200);
    const rows = (await auditOf('org', u2.id)).items;
    const actions = rows.map((r) => r.action);
    assert.ok(actions.includes('create'), JSON.stringify(actions));
    assert.ok(actions.includes('move') || actions.includes('update'), JSON.stringify(actions));
    const mv = rows.find((r) => r.action === 'move') ?? rows.find((r) => r.action === 'update');
    assert.equal(mv.before.parent_id, nananOrg.id);
    assert.equal(mv.after.parent_id, u1.id);
  });

  it('a member create and transfer', async () => {
    const u1 = await createUnion(nanan, nananOrg.id);
    const u2 = await createUnion(nanan, nananOrg.id);
    const m = await nanan.post('/members', memberBody(u1.id));
    assertStatus(m, 201);
    assertStatus(await nanan.post(`/members/${m.body.id}/transfer`, { to_org_id: u2.id, reason: '调动' }), 200);
    const rows = (await auditOf('member', m.body.id)).items;
    assert.deepEqual(rows.map((r) => r.action).sort(), ['create', 'transfer']);
    const t = rows.find((r) => r.action === 'transfer');
    assert.equal(t.user_id, nanan.me.user.id);
    assert.equal(t.before.org_id, u1.id);
    assert.equal(t.after.org_id, u2.id);
  });

  it('users, password changes and enterprises, with no password material', async () => {
    const username = uniq('audited_');
    const u = await admin.post('/users', { username, password: 'Audited-pass-1234', role: 'viewer', org_id: nananOrg.id });
    assertStatus(u, 201);
    assertStatus(await admin.patch(`/users/${u.body.id}`, { display_name: '审计显示名' }), 200);
    const c = await login(srv.url, username, 'Audited-pass-1234');
    assertStatus(await c.post('/auth/password', { old_password: 'Audited-pass-1234', new_password: 'Audited-pass-5678' }), 204);
    const rows = (await auditOf('user', u.body.id));
    const actions = rows.items.map((r) => r.action);
    assert.ok(actions.includes('create'), JSON.stringify(actions));
    assert.ok(actions.filter((a) => a === 'update').length >= 2, `role/display and password updates: ${JSON.stringify(actions)}`);
    assert.ok(!/Audited-pass|argon2|password_hash/i.test(JSON.stringify(rows)), 'no password or hash in the audit log');

    const e = await nanan.post('/enterprises', {
      org_id: nananOrg.id, name: uniq('审计企业'), credit_code: randomCreditCode(), kind: 'platform',
    });
    assertStatus(e, 201);
    assertStatus(await nanan.patch(`/enterprises/${e.body.id}`, { employees: 12 }), 200);
    assertStatus(await nanan.put(`/enterprises/${e.body.id}/flags/2024`, { factory_affairs_open: true, workers_congress: true, evidence: '照片' }), [200, 204]);
    const er = (await auditOf('enterprise', e.body.id)).items;
    assert.deepEqual(er.map((r) => r.action).sort(), ['create', 'update', 'update']);
    const emp = er.find((r) => r.action === 'update' && r.after?.employees === 12 && r.before?.employees !== 12);
    assert.ok(emp, 'the employees change has before and after');
  });

  it('login and logout', async () => {
    const c = await login(srv.url, 'viewer');
    assertStatus(await c.post('/auth/logout'), 204);
    const res = await admin.get(`/audit?user_id=${c.me.user.id}&page_size=200`);
    assertStatus(res, 200);
    const actions = res.body.items.map((r) => r.action);
    assert.ok(actions.includes('login'), JSON.stringify(actions));
    assert.ok(actions.includes('logout'), JSON.stringify(actions));
  });

  it('a refused write is not audited', async () => {
    const created = await nanan.post('/activities', activityBody(nananOrg.id));
    assertStatus(created, 201);
    const id = created.body.id;
    assertError(await nanan.patch(`/activities/${id}`, { type: 'bogus' }), 422, 'invalid_argument', 'type');
    const rows = (await auditOf('activity', id)).items;
    assert.deepEqual(rows.map((r) => r.action), ['create']);
  });
});

describe('access', () => {
  it('nanan (manager) gets 403 on /audit', async () => {
    assertError(await nanan.get('/audit'), 403, 'permission_denied');
    assertError(await nanan.get(`/audit?entity=activity&entity_id=1`), 403, 'permission_denied');
  });

  it('viewer and reporter get 403 on /audit', async () => {
    for (const u of ['viewer', 'reporter.nanan', 'yuzhong']) {
      const c = await login(srv.url, u);
      assertError(await c.get('/audit'), 403, 'permission_denied');
    }
  });

  it('the audit log cannot be written through the API', async () => {
    const res = await admin.raw('DELETE', '/audit');
    assert.ok([403, 404, 405].includes(res.status), `got ${res.status}`);
    const res2 = await admin.post('/audit', { action: 'create' });
    assert.ok([403, 404, 405].includes(res2.status), `got ${res2.status}`);
  });
});
