// Server lifecycle: graceful SIGTERM, restarts, several instances on one
// database (SPEC §4: "many stateless gonghui instances" share PostgreSQL;
// sessions are stored server-side), idle session expiry.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, anonymous, login, startServer } from './harness.mjs';
import { activityBody, assertError, assertStatus, uniq } from './util.mjs';

let srv;
let admin;
let nanan;
let orgId;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A client for another server that carries the same session.
function sameSession(c, url) {
  const d = new Client(url);
  d.cookie = c.cookie;
  d.csrf = c.csrf;
  d.me = c.me;
  return d;
}

before(async () => {
  srv = await startServer({ extraEnv: { GONGHUI_SESSION_IDLE_MINUTES: '1' } });
  admin = await login(srv.url, 'admin');
  nanan = await login(srv.url, 'nanan');
  orgId = nanan.me.user.org_id;
});

after(async () => {
  await srv?.stop();
});

describe('restart', () => {
  it('SIGTERM stops the server gracefully; data and sessions survive a restart', async () => {
    const created = await nanan.post('/activities', activityBody(orgId, { title: uniq('重启前') }));
    assertStatus(created, 201);
    await srv.restart();
    assert.deepEqual(srv.lastExit, { code: 0, signal: null, graceful: true }, 'exit status 0 on SIGTERM');
    nanan.url = srv.url;
    admin.url = srv.url;
    const me = await nanan.get('/auth/me');
    assertStatus(me, 200, 'the session survives the restart');
    const got = await nanan.get(`/activities/${created.body.id}`);
    assertStatus(got, 200);
    assert.equal(got.body.title, created.body.title);
    assertStatus(await nanan.post('/activities', activityBody(orgId)), 201, 'the CSRF token survives too');
  });

  it('requests in flight at SIGTERM finish; every acknowledged write persists', async () => {
    const acked = [];
    const others = [];
    let stop = false;
    const writer = async (w) => {
      for (let i = 0; !stop; i++) {
        const title = `优雅停机 ${w}-${i}`;
        try {
          const res = await nanan.post('/activities', activityBody(orgId, { title }));
          if (res.status === 201) acked.push({ id: res.body.id, title });
          else others.push(res);
        } catch {
          await sleep(5); // the server is gone
        }
      }
    };
    const writers = Array.from({ length: 6 }, (_, w) => writer(w));
    const deadline = Date.now() + 30_000;
    while (acked.length < 30 && others.length === 0 && Date.now() < deadline) await sleep(5);
    if (acked.length < 30) {
      stop = true;
      await Promise.all(writers);
      assert.fail(`writes before the stop failed: ${others.map((r) => `${r.status} ${r.text}`).join('; ')}`);
    }
    const restarting = srv.restart();
    await restarting;
    stop = true;
    await Promise.all(writers);
    assert.equal(srv.lastExit.code, 0, 'exit status 0');
    assert.equal(srv.lastExit.graceful, true, 'stopped within 15 s of SIGTERM');
    for (const r of others) assertError(r, 503, 'unavailable');
    nanan.url = srv.url;
    admin.url = srv.url;
    const missing = [];
    for (const { id, title } of acked) {
      const r = await admin.get(`/activities/${id}`);
      if (r.status !== 200 || r.body.title !== title) missing.push(id);
    }
    assert.deepEqual(missing, [], `${missing.length} of ${acked.length} acknowledged writes lost`);
  });
});

describe('two instances on one database', () => {
  let inst;
  before(async () => {
    inst = await srv.startInstance();
  });
  after(async () => {
    await inst?.stop();
  });

  it('a session from one instance works on the other, reads and writes', async () => {
    const c2 = sameSession(nanan, inst.url);
    const me = await c2.get('/auth/me');
    assertStatus(me, 200);
    assert.equal(me.body.user.username, 'nanan');
    const created = await c2.post('/activities', activityBody(orgId, { title: uniq('第二实例') }));
    assertStatus(created, 201);
    const seen = await nanan.get(`/activities/${created.body.id}`);
    assertStatus(seen, 200, 'a write on instance 2 is visible on instance 1');
    assert.equal(seen.body.title, created.body.title);
  });

  it('logout on one instance ends the session on both', async () => {
    const c1 = await login(srv.url, 'viewer');
    const c2 = sameSession(c1, inst.url);
    assertStatus(await c2.get('/auth/me'), 200);
    assertStatus(await c2.post('/auth/logout'), 204);
    assertError(await c1.get('/auth/me'), 401, 'unauthenticated');
  });

  it('a lockout on one instance holds on the other', async () => {
    const username = uniq('lock2_');
    const password = 'Two-instances-123';
    assertStatus(await admin.post('/users', { username, password, role: 'viewer', org_id: orgId }), 201);
    const a1 = anonymous(srv.url);
    for (let i = 0; i < 5; i++) assertError(await a1.raw('POST', '/auth/login', { body: { username, password: 'nope-' + i } }), 401);
    const a2 = anonymous(inst.url);
    assertError(await a2.raw('POST', '/auth/login', { body: { username, password } }), 429, 'resource_exhausted');
  });

  it('a disabled user is refused by both instances', async () => {
    const username = uniq('dis2_');
    const password = 'Two-instances-456';
    const u = await admin.post('/users', { username, password, role: 'viewer', org_id: orgId });
    assertStatus(u, 201);
    const c1 = await login(srv.url, username, password);
    assertStatus(await admin.patch(`/users/${u.body.id}`, { disabled: true }), 200);
    assertError(await sameSession(c1, inst.url).get('/auth/me'), 401, 'unauthenticated');
  });
});

describe('idle sessions (GONGHUI_SESSION_IDLE_MINUTES=1)', () => {
  it('a session idle for over a minute is refused; a busy one lives on', async () => {
    const idle = await login(srv.url, 'viewer');
    const busy = await login(srv.url, 'viewer');
    assertStatus(await idle.get('/auth/me'), 200);
    for (let t = 0; t < 4; t++) {
      await sleep(20_000);
      assertStatus(await busy.get('/auth/me'), 200, `busy session at ${(t + 1) * 20} s`);
    }
    assertError(await idle.get('/auth/me'), 401, 'unauthenticated');
    assertError(await idle.post('/activities', activityBody(orgId)), 401, 'unauthenticated');
    assertStatus(await busy.get('/activities?page_size=1'), 200);
  });
});
