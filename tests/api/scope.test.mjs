// The scope rule (SPEC §1): a user sees and changes only records of their org
// and below. nanan manages 南岸区总工会 (500108), yuzhong 渝中区总工会 (500103).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { login, startServer } from './harness.mjs';
import {
  activityBody, assertDenied, assertError, assertStatus, count, createUnion, findOrg, memberBody,
  subtreeChecker, uniq,
} from './util.mjs';

let srv;
let admin;
let nanan;
let yuzhong;
let viewer;
let reporter;
let nananOrg; // 南岸区总工会
let yuzhongOrg; // 渝中区总工会
let inNanan; // orgId → in 南岸's subtree?

// 渝中区 records created by yuzhong, and snapshots of them as yuzhong saw them.
const yz = {};
// 南岸区 records created by nanan.
const na = {};

before(async () => {
  srv = await startServer();
  admin = await login(srv.url, 'admin');
  nanan = await login(srv.url, 'nanan');
  yuzhong = await login(srv.url, 'yuzhong');
  viewer = await login(srv.url, 'viewer');
  reporter = await login(srv.url, 'reporter.nanan');
  nananOrg = await findOrg(admin, '南岸区总工会');
  yuzhongOrg = await findOrg(admin, '渝中区总工会');
  inNanan = subtreeChecker(admin, nananOrg.id);

  // 渝中区 records, created by yuzhong.
  yz.union = await createUnion(yuzhong, yuzhongOrg.id, uniq('渝中测试基层工会'));
  yz.activities = [];
  for (let i = 0; i < 3; i++) {
    const r = await yuzhong.post('/activities', activityBody(yuzhongOrg.id, { title: uniq('渝中活动') }));
    assertStatus(r, 201, 'yuzhong creates an activity');
    yz.activities.push(r.body);
  }
  yz.activity = yz.activities[1];
  const m = await yuzhong.post('/members', memberBody(yz.union.id, { name: uniq('渝中会员') }));
  assertStatus(m, 201, 'yuzhong creates a member');
  yz.member = m.body;

  // 南岸区 records, created by nanan.
  na.union = await createUnion(nanan, nananOrg.id, uniq('南岸测试基层工会'));
  na.union2 = await createUnion(nanan, nananOrg.id, uniq('南岸测试基层工会'));
  const a = await nanan.post('/activities', activityBody(nananOrg.id, { title: uniq('南岸活动') }));
  assertStatus(a, 201, 'nanan creates an activity');
  na.activity = a.body;
  const mm = await nanan.post('/members', memberBody(na.union.id));
  assertStatus(mm, 201, 'nanan creates a member');
  na.member = mm.body;
});

after(async () => {
  await srv?.stop();
});

async function snapshot() {
  return {
    activity: (await yuzhong.get(`/activities/${yz.activity.id}`)).body,
    member: (await yuzhong.get(`/members/${yz.member.id}`)).body,
    union: (await yuzhong.get(`/orgs/${yz.union.id}`)).body,
    memberTransfers: (await yuzhong.get(`/members/${yz.member.id}/transfers`)).body,
    unionHistory: (await yuzhong.get(`/orgs/${yz.union.id}/history`)).body,
  };
}

describe('the demo accounts', () => {
  it('nanan manages 南岸区总工会 (500108), yuzhong 渝中区总工会 (500103)', () => {
    assert.equal(nananOrg.code, '500108');
    assert.equal(nananOrg.kind, 'district');
    assert.equal(yuzhongOrg.code, '500103');
    assert.equal(nanan.me.user.org_id, nananOrg.id);
    assert.equal(nanan.me.user.role, 'manager');
    assert.equal(yuzhong.me.user.org_id, yuzhongOrg.id);
    assert.equal(yuzhong.me.user.role, 'manager');
    assert.equal(viewer.me.user.role, 'viewer');
    assert.equal(reporter.me.user.role, 'reporter');
    assert.equal(reporter.me.user.org_id, nananOrg.id);
  });
});

describe('nanan within 南岸区', () => {
  it('lists only activities of its subtree', async () => {
    const res = await nanan.get('/activities?page_size=200');
    assertStatus(res, 200);
    assert.ok(res.body.total >= 1 && res.body.items.length >= 1, 'sees at least its own activity');
    for (const a of res.body.items) assert.ok(await inNanan(a.org_id), `activity ${a.id} of org ${a.org_id} is outside 南岸区`);
    assert.ok(!res.body.items.some((a) => a.id === yz.activity.id), '渝中 activity not listed');
    assert.ok(res.body.items.length > 0);
  });

  it('its list total is smaller than the admin total (demo has other districts)', async () => {
    const mine = await count(nanan, '/activities');
    const all = await count(admin, '/activities');
    assert.ok(mine < all, `nanan ${mine} < admin ${all}`);
  });

  it('lists only members of its subtree', async () => {
    const res = await nanan.get('/members?page_size=200');
    assertStatus(res, 200);
    assert.ok(res.body.items.some((m) => m.id === na.member.id), 'own member listed');
    for (const m of res.body.items) assert.ok(await inNanan(m.org_id), `member ${m.id} of org ${m.org_id} is outside 南岸区`);
    assert.ok(!res.body.items.some((m) => m.id === yz.member.id));
  });

  it('lists only orgs of its subtree', async () => {
    const res = await nanan.get('/orgs?page_size=200');
    assertStatus(res, 200);
    assert.ok(res.body.items.length > 1, 'sees 南岸区 and below');
    for (const o of res.body.items) assert.ok(await inNanan(o.id), `org ${o.id} ${o.name} is outside 南岸区`);
    assert.ok(!res.body.items.some((o) => o.id === yz.union.id));
    const byName = await nanan.get(`/orgs?q=${encodeURIComponent('渝中')}&page_size=200`);
    assertStatus(byName, 200);
    for (const o of byName.body.items) assert.ok(await inNanan(o.id), `search leaked ${o.name}`);
  });

  it('lists only enterprises of its subtree', async () => {
    const res = await nanan.get('/enterprises?page_size=200');
    assertStatus(res, 200);
    const all = await count(admin, '/enterprises');
    assert.ok(res.body.total < all, `nanan ${res.body.total} < admin ${all}`);
    for (const e of res.body.items) assert.ok(await inNanan(e.org_id), `enterprise ${e.id} of org ${e.org_id} is outside 南岸区`);
    assertDenied(await nanan.get(`/enterprises?org_id=${yuzhongOrg.id}`), 'GET /enterprises?org_id=渝中区');
  });

  it('creates and edits a 南岸区 activity', async () => {
    const res = await nanan.patch(`/activities/${na.activity.id}`, { title: '南岸区修改后的标题' });
    assertStatus(res, 200);
    assert.equal(res.body.title, '南岸区修改后的标题');
    const got = await nanan.get(`/activities/${na.activity.id}`);
    assert.equal(got.body.title, '南岸区修改后的标题');
  });

  it('creates an activity for a union below 南岸区', async () => {
    const res = await nanan.post('/activities', activityBody(na.union.id));
    assertStatus(res, 201);
    assert.equal(res.body.org_id, na.union.id);
  });

  it('creates and edits a 南岸区 member', async () => {
    const res = await nanan.patch(`/members/${na.member.id}`, { employer: '重庆南岸修改单位' });
    assertStatus(res, 200);
    assert.equal(res.body.employer, '重庆南岸修改单位');
    assert.equal((await nanan.get(`/members/${na.member.id}`)).body.employer, '重庆南岸修改单位');
  });

  it('reads and edits an org below 南岸区', async () => {
    assertStatus(await nanan.get(`/orgs/${na.union.id}`), 200);
    const res = await nanan.patch(`/orgs/${na.union.id}`, { short_name: '南岸测试' });
    assertStatus(res, 200);
    assert.equal(res.body.short_name, '南岸测试');
  });
});

describe('nanan against 渝中区 records', () => {
  let before;
  it('yuzhong sees its own records (control)', async () => {
    before = await snapshot();
    assert.equal(before.activity.id, yz.activity.id);
    assert.equal(before.member.id, yz.member.id);
    assert.equal(before.union.id, yz.union.id);
    assert.ok(!(await inNanan(yz.union.id)), '渝中 union is outside 南岸区');
  });

  it('GET → 403/404', async () => {
    assertDenied(await nanan.get(`/activities/${yz.activity.id}`), 'GET activity');
    assertDenied(await nanan.get(`/members/${yz.member.id}`), 'GET member');
    assertDenied(await nanan.get(`/members/${yz.member.id}/transfers`), 'GET member transfers');
    assertDenied(await nanan.get(`/orgs/${yz.union.id}`), 'GET org');
    assertDenied(await nanan.get(`/orgs/${yuzhongOrg.id}`), 'GET 渝中区总工会');
    for (const sub of ['children', 'ancestors', 'subtree', 'history']) {
      assertDenied(await nanan.get(`/orgs/${yz.union.id}/${sub}`), `GET org ${sub}`);
    }
  });

  it('PATCH → 403/404', async () => {
    assertDenied(await nanan.patch(`/activities/${yz.activity.id}`, { title: '被南岸改了' }), 'PATCH activity');
    assertDenied(await nanan.patch(`/members/${yz.member.id}`, { employer: '被南岸改了' }), 'PATCH member');
    assertDenied(await nanan.patch(`/orgs/${yz.union.id}`, { name: '被南岸改了' }), 'PATCH org');
    assertDenied(await nanan.patch(`/orgs/${yz.union.id}`, { parent_id: nananOrg.id }), 'move 渝中 org into 南岸');
  });

  it('DELETE → 403/404', async () => {
    assertDenied(await nanan.del(`/activities/${yz.activity.id}`), 'DELETE activity');
  });

  it('a member transfer of a 渝中 member → 403/404', async () => {
    assertDenied(await nanan.post(`/members/${yz.member.id}/transfer`, { to_org_id: na.union.id }), 'steal member');
  });

  it('lists with org_id=渝中区 → 403/404', async () => {
    for (const p of ['/activities', '/members', '/orgs']) {
      assertDenied(await nanan.get(`${p}?org_id=${yuzhongOrg.id}`), `GET ${p}?org_id=渝中区`);
      assertDenied(await nanan.get(`${p}?org_id=${yz.union.id}`), `GET ${p}?org_id=渝中 union`);
    }
  });

  it('creating records with an org in 渝中区 → 403/404, nothing written', async () => {
    const act = activityBody(yuzhongOrg.id, { title: uniq('越权活动') });
    assertDenied(await nanan.post('/activities', act), 'POST activity in 渝中');
    const mem = memberBody(yz.union.id, { name: uniq('越权会员') });
    assertDenied(await nanan.post('/members', mem), 'POST member in 渝中');
    const orgName = uniq('越权基层工会');
    assertDenied(await nanan.post('/orgs', { name: orgName, kind: 'grassroots', parent_id: yuzhongOrg.id }), 'POST org in 渝中');
    assert.equal(await count(admin, `/activities?q=${encodeURIComponent(act.title)}`), 0);
    assert.equal(await count(admin, `/members?q=${encodeURIComponent(mem.name)}`), 0);
    assert.equal(await count(admin, `/orgs?q=${encodeURIComponent(orgName)}`), 0);
  });

  it('moving a 南岸区 org under a 渝中区 parent → 403/404, org unchanged', async () => {
    assertDenied(await nanan.patch(`/orgs/${na.union2.id}`, { parent_id: yuzhongOrg.id }), 'move to 渝中区');
    assertDenied(await nanan.patch(`/orgs/${na.union2.id}`, { parent_id: yz.union.id }), 'move to 渝中 union');
    const got = await nanan.get(`/orgs/${na.union2.id}`);
    assertStatus(got, 200);
    assert.equal(got.body.parent_id, nananOrg.id);
  });

  it('moving a 南岸区 activity to 渝中区 by PATCH org_id is refused, activity unchanged', async () => {
    const res = await nanan.patch(`/activities/${na.activity.id}`, { org_id: yuzhongOrg.id });
    assertError(res, [403, 404, 422]);
    const got = await nanan.get(`/activities/${na.activity.id}`);
    assertStatus(got, 200);
    assert.equal(got.body.org_id, nananOrg.id);
  });

  it('transferring a 南岸区 member to a 渝中区 union → 403/404, member unchanged', async () => {
    assertDenied(await nanan.post(`/members/${na.member.id}/transfer`, { to_org_id: yz.union.id, reason: '越权' }), 'transfer');
    const got = await nanan.get(`/members/${na.member.id}`);
    assertStatus(got, 200);
    assert.equal(got.body.org_id, na.union.id);
    const tr = await nanan.get(`/members/${na.member.id}/transfers`);
    assertStatus(tr, 200);
    assert.equal(tr.body.items.length, 0, 'no transfer recorded');
  });

  it('guessed ids (id±1, 999999999) reveal nothing outside 南岸区', async () => {
    const kinds = [
      ['activities', yz.activity.id],
      ['members', yz.member.id],
      ['orgs', yz.union.id],
    ];
    for (const [p, id] of kinds) {
      for (const guess of [id - 1, id + 1, 999999999]) {
        const asAdmin = await admin.get(`/${p}/${guess}`);
        const res = await nanan.get(`/${p}/${guess}`);
        if (asAdmin.status === 404) {
          assertError(res, 404, 'not_found');
          continue;
        }
        assertStatus(asAdmin, 200, `admin GET /${p}/${guess}`);
        const orgId = p === 'orgs' ? asAdmin.body.id : asAdmin.body.org_id;
        if (await inNanan(orgId)) {
          assertStatus(res, 200, `nanan GET /${p}/${guess} (inside 南岸区)`);
        } else {
          assertDenied(res, `GET /${p}/${guess}`);
          assertDenied(await nanan.patch(`/${p}/${guess}`, p === 'orgs' ? { short_name: 'x' } : { title: 'x' }), `PATCH /${p}/${guess}`);
          if (p === 'activities') assertDenied(await nanan.del(`/${p}/${guess}`), `DELETE /${p}/${guess}`);
        }
      }
    }
    assertError(await nanan.get('/activities/999999999'), 404, 'not_found');
  });

  it('the 渝中区 records are unchanged afterwards (re-read as yuzhong)', async () => {
    const now = await snapshot();
    assert.deepEqual(now, before);
    for (const a of yz.activities) {
      const r = await yuzhong.get(`/activities/${a.id}`);
      assertStatus(r, 200, `activity ${a.id} still there`);
      assert.equal(r.body.title, a.title);
    }
  });

  it('yuzhong cannot see 南岸区 records either', async () => {
    assertDenied(await yuzhong.get(`/activities/${na.activity.id}`), 'yuzhong GET 南岸 activity');
    assertDenied(await yuzhong.get(`/members/${na.member.id}`), 'yuzhong GET 南岸 member');
    const list = await yuzhong.get('/activities?page_size=200');
    assertStatus(list, 200);
    assert.ok(!list.body.items.some((a) => a.id === na.activity.id));
    assert.ok(list.body.items.some((a) => a.id === yz.activity.id));
  });
});

describe('the industry axis', () => {
  let ind;
  let indMgr;
  let g; // a 南岸 grassroots union whose industry parent is `ind`
  let gAct;
  before(async () => {
    const inds = await admin.get('/orgs?kind=industry&page_size=200');
    assertStatus(inds, 200);
    ind = inds.body.items[0];
    const username = uniq('indmgr_');
    const password = 'Industry-pass-123';
    assertStatus(await admin.post('/users', { username, password, role: 'manager', org_id: ind.id }), 201, 'create industry manager');
    indMgr = await login(srv.url, username, password);
    const res = await admin.post('/orgs', { name: uniq('南岸产业测试工会'), kind: 'grassroots', parent_id: nananOrg.id, industry_parent_id: ind.id });
    assertStatus(res, 201);
    g = res.body;
    const a = await nanan.post('/activities', activityBody(g.id, { title: uniq('产业轴活动') }));
    assertStatus(a, 201);
    gAct = a.body;
  });

  it('the industry union manager sees records of its grassroots unions', async () => {
    const got = await indMgr.get(`/activities/${gAct.id}`);
    assertStatus(got, 200);
    assert.equal(got.body.title, gAct.title);
    const list = await indMgr.get(`/activities?q=${encodeURIComponent(gAct.title)}`);
    assertStatus(list, 200);
    assert.deepEqual(list.body.items.map((a) => a.id), [gAct.id], 'the default list follows the industry axis');
    assertStatus(await indMgr.get(`/orgs/${g.id}`), 200);
  });

  it('and can edit them (scope on either axis)', async () => {
    const res = await indMgr.patch(`/activities/${gAct.id}`, { body: '产业工会补充说明' });
    assertStatus(res, 200);
    assert.equal(res.body.body, '产业工会补充说明');
  });

  it('but nothing else of 南岸区 or 渝中区', async () => {
    assertDenied(await indMgr.get(`/activities/${na.activity.id}`), 'district-level 南岸 activity');
    assertDenied(await indMgr.get(`/activities/${yz.activity.id}`), '渝中 activity');
    assertDenied(await indMgr.get(`/members/${na.member.id}`), '南岸 member');
    assertDenied(await indMgr.get(`/orgs/${nananOrg.id}`), '南岸区总工会');
    assertDenied(await indMgr.get(`/activities?org_id=${nananOrg.id}`), 'list of 南岸区');
    const list = await indMgr.get('/activities?page_size=200');
    assertStatus(list, 200);
    assert.ok(!list.body.items.some((a) => a.id === na.activity.id || a.id === yz.activity.id));
    const terr = await indMgr.get('/activities?axis=territorial&page_size=200');
    if (terr.status === 200) {
      assert.ok(!terr.body.items.some((a) => a.id === na.activity.id || a.id === yz.activity.id));
    } else {
      assertError(terr, [403, 404, 422]);
    }
  });

  it('nanan still sees the union through the territorial axis', async () => {
    assertStatus(await nanan.get(`/activities/${gAct.id}`), 200);
  });
});

describe('changes to a user take effect on its open sessions', () => {
  it('moving a manager to 渝中区 moves its scope at once', async () => {
    const username = uniq('mover_');
    const password = 'Mover-pass-12345';
    const u = await admin.post('/users', { username, password, role: 'manager', org_id: nananOrg.id });
    assertStatus(u, 201);
    const c = await login(srv.url, username, password);
    assertStatus(await c.get(`/activities/${na.activity.id}`), 200);
    assertDenied(await c.get(`/activities/${yz.activity.id}`), 'before the move');
    assertStatus(await admin.patch(`/users/${u.body.id}`, { org_id: yuzhongOrg.id }), 200);
    assertDenied(await c.get(`/activities/${na.activity.id}`), '南岸 after the move');
    assertDenied(await c.patch(`/activities/${na.activity.id}`, { title: '搬走后修改' }), '南岸 write after the move');
    assertStatus(await c.get(`/activities/${yz.activity.id}`), 200);
  });

  it('demoting a manager to viewer removes its write permission at once', async () => {
    const username = uniq('demote_');
    const password = 'Demote-pass-12345';
    const u = await admin.post('/users', { username, password, role: 'manager', org_id: nananOrg.id });
    assertStatus(u, 201);
    const c = await login(srv.url, username, password);
    assertStatus(await c.post('/activities', activityBody(nananOrg.id)), 201);
    assertStatus(await admin.patch(`/users/${u.body.id}`, { role: 'viewer' }), 200);
    assertError(await c.post('/activities', activityBody(nananOrg.id)), 403, 'permission_denied');
    const me = await c.get('/auth/me');
    assertStatus(me, 200);
    assert.equal(me.body.user.role, 'viewer');
    assert.ok(!me.body.permissions.includes('activity:activity:write'));
  });

  it('a user cannot be given an unknown role or a partner org', async () => {
    const u = await admin.post('/users', { username: uniq('bad_'), password: 'Bad-pass-12345', role: 'superuser', org_id: nananOrg.id });
    assertError(u, 422, 'invalid_argument', 'role');
    const p = await nanan.post('/orgs', { name: uniq('南岸合作单位'), kind: 'partner', parent_id: nananOrg.id });
    assertStatus(p, 201);
    const v = await admin.post('/users', { username: uniq('partner_'), password: 'Partner-pass-123', role: 'viewer', org_id: p.body.id });
    assertError(v, [409, 422]);
  });
});

describe('viewer', () => {
  it('can read', async () => {
    const acts = await viewer.get('/activities');
    assertStatus(acts, 200);
    assert.ok(acts.body.total > 0);
    assertStatus(await viewer.get('/members'), 200);
    assertStatus(await viewer.get('/orgs'), 200);
    assertStatus(await viewer.get(`/activities/${na.activity.id}`), 200);
  });

  it('any write → 403, nothing written', async () => {
    const orgId = viewer.me.user.org_id;
    const act = activityBody(orgId, { title: uniq('只读活动') });
    assertError(await viewer.post('/activities', act), 403, 'permission_denied');
    assert.equal(await count(admin, `/activities?q=${encodeURIComponent(act.title)}`), 0);
    assertError(await viewer.patch(`/activities/${na.activity.id}`, { title: '被只读用户改了' }), 403, 'permission_denied');
    assertError(await viewer.del(`/activities/${na.activity.id}`), 403, 'permission_denied');
    assertError(await viewer.post('/members', memberBody(na.union.id)), 403, 'permission_denied');
    assertError(await viewer.patch(`/members/${na.member.id}`, { employer: '只读' }), 403, 'permission_denied');
    assertError(await viewer.post(`/members/${na.member.id}/transfer`, { to_org_id: na.union2.id }), 403, 'permission_denied');
    assertError(await viewer.post('/orgs', { name: uniq('只读'), kind: 'grassroots', parent_id: nananOrg.id }), 403, 'permission_denied');
    assertError(await viewer.patch(`/orgs/${na.union.id}`, { name: '只读' }), 403, 'permission_denied');
    const got = await nanan.get(`/activities/${na.activity.id}`);
    assertStatus(got, 200, 'still there');
    assert.notEqual(got.body.title, '被只读用户改了');
    assert.equal((await nanan.get(`/members/${na.member.id}`)).body.org_id, na.union.id);
  });
});

describe('reporter.nanan', () => {
  it('cannot create members (403) nor list them', async () => {
    const mem = memberBody(na.union.id, { name: uniq('报送员会员') });
    assertError(await reporter.post('/members', mem), 403, 'permission_denied');
    assert.equal(await count(admin, `/members?q=${encodeURIComponent(mem.name)}`), 0);
    assertError(await reporter.get('/members'), 403, 'permission_denied');
    assertError(await reporter.get(`/members/${na.member.id}`), [403, 404]);
  });

  it('cannot write activities but can read them', async () => {
    assertStatus(await reporter.get(`/activities/${na.activity.id}`), 200);
    assertError(await reporter.post('/activities', activityBody(nananOrg.id)), 403, 'permission_denied');
  });
});
