// Sessions, CSRF, lockout and role permissions (docs/api.md "Conventions", "Auth").

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, login, startServer } from './harness.mjs';
import { activityBody, assertError, assertStatus, count, uniq } from './util.mjs';

let srv;
let admin;
let nanan;

before(async () => {
  srv = await startServer();
  admin = await login(srv.url, 'admin');
  nanan = await login(srv.url, 'nanan');
});

after(async () => {
  await srv?.stop();
});

const ALL_PERMISSIONS = [
  'org:org:read', 'org:org:write', 'org:enterprise:read', 'org:enterprise:write',
  'member:member:read', 'member:member:write', 'member:pii:read',
  'activity:activity:read', 'activity:activity:write',
  'audit:log:read', 'auth:user:read', 'auth:user:write',
  'news:item:read', 'news:item:write', 'news:item:review', 'bulletin:issue:read', 'bulletin:issue:write',
  'childcare:class:read', 'childcare:class:write', 'childcare:evaluation:review',
  'campaign:campaign:read', 'campaign:campaign:write', 'competition:event:read', 'competition:event:write',
  'honour:honour:read', 'honour:honour:write', 'stats:stats:read',
  'labour:contract:read', 'labour:contract:write', 'task:plan:read', 'task:plan:write',
];

describe('login', () => {
  it('returns user, permissions and csrf_token and sets an HttpOnly SameSite=Strict cookie', async () => {
    const c = anonymous(srv.url);
    const res = await c.raw('POST', '/auth/login', { body: { username: 'nanan', password: 'gonghui-demo' } });
    assertStatus(res, 200, 'login');
    const { user, permissions, csrf_token: csrf } = res.body;
    assert.equal(user.username, 'nanan');
    assert.equal(user.role, 'manager');
    assert.equal(typeof user.id, 'number');
    assert.equal(typeof user.org_id, 'number');
    assert.equal(user.org_name, '南岸区总工会');
    assert.equal(typeof user.display_name, 'string');
    assert.ok(Array.isArray(permissions) && permissions.length > 0, 'permissions is a non-empty array');
    assert.equal(typeof csrf, 'string');
    assert.ok(csrf.length >= 16, 'csrf token is long enough to be unguessable');

    const cookies = res.headers.getSetCookie().filter((s) => s.startsWith('gonghui_session='));
    assert.equal(cookies.length, 1, `one gonghui_session cookie, got ${JSON.stringify(res.headers.getSetCookie())}`);
    const sc = cookies[0];
    const value = /^gonghui_session=([^;]*)/.exec(sc)[1];
    assert.ok(value.length >= 16, 'session token is long enough to be unguessable');
    assert.match(sc, /;\s*HttpOnly/i);
    assert.match(sc, /;\s*SameSite=Strict/i);
    assert.match(sc, /;\s*Path=\//i);
    assert.ok(!sc.includes(csrf), 'the session cookie is not the CSRF token');
  });

  it('GET /auth/me answers the same body as login', async () => {
    const res = await nanan.get('/auth/me');
    assertStatus(res, 200, '/auth/me');
    assert.deepEqual(res.body.user, nanan.me.user);
    assert.deepEqual([...res.body.permissions].sort(), [...nanan.me.permissions].sort());
    assert.equal(typeof res.body.csrf_token, 'string');
    assert.ok(res.body.csrf_token.length > 0);
  });

  it('two logins get two different sessions', async () => {
    const a = await login(srv.url, 'nanan');
    const b = await login(srv.url, 'nanan');
    assert.notEqual(a.cookie, b.cookie);
  });

  it('GET /auth/me without a session → 401 unauthenticated', async () => {
    const res = await anonymous(srv.url).get('/auth/me');
    assertError(res, 401, 'unauthenticated');
  });

  it('a forged session cookie → 401', async () => {
    const c = anonymous(srv.url);
    c.cookie = 'a'.repeat(43);
    assertError(await c.get('/auth/me'), 401, 'unauthenticated');
    assertError(await c.get('/activities'), 401, 'unauthenticated');
  });

  it('logout → 204, clears the cookie, and the old session no longer works', async () => {
    const c = await login(srv.url, 'nanan');
    const oldCookie = c.cookie;
    assertStatus(await c.get('/auth/me'), 200);
    const out = await c.post('/auth/logout');
    assertStatus(out, 204, 'logout');
    const cleared = out.headers.getSetCookie().find((s) => s.startsWith('gonghui_session='));
    assert.ok(cleared, 'logout answers a Set-Cookie for gonghui_session');
    assert.match(cleared, /^gonghui_session=(;|$)|max-age=0|expires=thu, 01 jan 1970/i, `cookie cleared: ${cleared}`);
    // The server forgot the session: replaying the old cookie is refused.
    const replay = anonymous(srv.url);
    replay.cookie = oldCookie;
    assertError(await replay.get('/auth/me'), 401, 'unauthenticated');
    assertError(await replay.get('/activities'), 401, 'unauthenticated');
  });

  it('wrong password → 401 unauthenticated', async () => {
    const c = anonymous(srv.url);
    const res = await c.raw('POST', '/auth/login', { body: { username: 'viewer', password: 'not-the-password' } });
    assertError(res, 401, 'unauthenticated');
    assert.equal(c.cookie, null, 'no session cookie on a failed login');
  });

  it('unknown user → 401 with the same message as a wrong password', async () => {
    const c = anonymous(srv.url);
    const unknown = await c.raw('POST', '/auth/login', { body: { username: uniq('nobody'), password: 'gonghui-demo' } });
    const e1 = assertError(unknown, 401, 'unauthenticated');
    assert.equal(c.cookie, null);
    const wrong = await c.raw('POST', '/auth/login', { body: { username: 'editor', password: 'wrong-password' } });
    const e2 = assertError(wrong, 401, 'unauthenticated');
    assert.equal(e1.message, e2.message, 'the answer does not reveal whether the user exists');
  });

  it('login with a missing password → 4xx, no session', async () => {
    const c = anonymous(srv.url);
    const res = await c.raw('POST', '/auth/login', { body: { username: 'nanan' } });
    assert.ok([400, 401, 422].includes(res.status), `got ${res.status} ${res.text}`);
    assertError(res, [400, 401, 422]);
    assert.equal(c.cookie, null);
  });

  it('5 wrong passwords lock the account: the right one then → 429 resource_exhausted', async () => {
    const username = uniq('locktest_');
    const password = 'Lock-test-pass-2024!';
    const created = await admin.post('/users', {
      username, password, role: 'manager', org_id: nanan.me.user.org_id, display_name: '锁定测试',
    });
    assertStatus(created, 201, 'POST /users');
    assert.equal(created.body.username, username);
    assert.ok(!('password' in created.body) && !('password_hash' in created.body), 'no password in the answer');
    // The account works before the lockout.
    const ok = await login(srv.url, username, password);
    assertStatus(await ok.get('/auth/me'), 200);

    const c = anonymous(srv.url);
    for (let i = 0; i < 5; i++) {
      const res = await c.raw('POST', '/auth/login', { body: { username, password: 'wrong-' + i } });
      assertError(res, 401, 'unauthenticated');
    }
    const locked = await c.raw('POST', '/auth/login', { body: { username, password } });
    assertError(locked, 429, 'resource_exhausted');
    assert.equal(c.cookie, null, 'no session for a locked account');
    // Other accounts are not affected.
    const other = await login(srv.url, 'nanan');
    assertStatus(await other.get('/auth/me'), 200);
  });

  it('the audit log records failed logins', async () => {
    const username = 'reporter.nanan';
    const c = anonymous(srv.url);
    assertError(await c.raw('POST', '/auth/login', { body: { username, password: 'bad' } }), 401);
    const users = await admin.get('/users?page_size=200');
    assertStatus(users, 200);
    const reporter = users.body.items.find((u) => u.username === username);
    assert.ok(reporter, 'reporter.nanan listed');
    const res = await admin.get(`/audit?user_id=${reporter.id}&page_size=200`);
    assertStatus(res, 200);
    const rows = res.body.items.filter((r) => r.action === 'login_failed');
    assert.ok(rows.length >= 1, `a login_failed row for ${username}: ${res.text.slice(0, 400)}`);
    assert.ok(!res.text.includes('"bad"'), 'the wrong password itself is not logged');
  });
});

describe('CSRF', () => {
  it('a write without X-CSRF-Token → 403 permission_denied and nothing written', async () => {
    const orgId = nanan.me.user.org_id;
    const body = activityBody(orgId);
    const before = await count(nanan, `/activities?q=${encodeURIComponent(body.title)}`);
    assert.equal(before, 0);
    const res = await nanan.raw('POST', '/activities', { body, headers: { 'X-CSRF-Token': null } });
    assertError(res, 403, 'permission_denied', 'X-CSRF-Token');
    assert.equal(await count(nanan, `/activities?q=${encodeURIComponent(body.title)}`), 0, 'nothing written');
    const all = await count(admin, `/activities?q=${encodeURIComponent(body.title)}`);
    assert.equal(all, 0);
  });

  it('a wrong X-CSRF-Token → 403 and nothing written', async () => {
    const body = activityBody(nanan.me.user.org_id);
    const res = await nanan.raw('POST', '/activities', { body, headers: { 'X-CSRF-Token': 'x' + nanan.csrf.slice(1) } });
    assertError(res, 403, 'permission_denied', 'X-CSRF-Token');
    assert.equal(await count(admin, `/activities?q=${encodeURIComponent(body.title)}`), 0);
  });

  it("another session's CSRF token is refused", async () => {
    const other = await login(srv.url, 'nanan');
    const body = activityBody(nanan.me.user.org_id);
    const res = await nanan.raw('POST', '/activities', { body, headers: { 'X-CSRF-Token': other.csrf } });
    assertError(res, 403, 'permission_denied', 'X-CSRF-Token');
    assert.equal(await count(admin, `/activities?q=${encodeURIComponent(body.title)}`), 0);
  });

  it('PATCH and DELETE need the token too', async () => {
    const created = await nanan.post('/activities', activityBody(nanan.me.user.org_id));
    assertStatus(created, 201, 'create');
    const id = created.body.id;
    const p = await nanan.raw('PATCH', `/activities/${id}`, { body: { title: '被篡改' }, headers: { 'X-CSRF-Token': null } });
    assertError(p, 403, 'permission_denied', 'X-CSRF-Token');
    const d = await nanan.raw('DELETE', `/activities/${id}`, { headers: { 'X-CSRF-Token': null } });
    assertError(d, 403, 'permission_denied', 'X-CSRF-Token');
    const after = await nanan.get(`/activities/${id}`);
    assertStatus(after, 200);
    assert.equal(after.body.title, created.body.title, 'unchanged');
  });

  it('logout without the token is refused and the session survives', async () => {
    const c = await login(srv.url, 'viewer');
    const res = await c.raw('POST', '/auth/logout', { headers: { 'X-CSRF-Token': null } });
    assertError(res, 403, 'permission_denied');
    assertStatus(await c.get('/auth/me'), 200);
  });

  it('the same token works for a write (control)', async () => {
    const res = await nanan.post('/activities', activityBody(nanan.me.user.org_id));
    assertStatus(res, 201);
  });
});

describe('permissions by role', () => {
  it('admin holds every permission', async () => {
    for (const p of ALL_PERMISSIONS) assert.ok(admin.me.permissions.includes(p), `admin lacks ${p}`);
    assert.equal(admin.me.user.role, 'admin');
  });

  it('a manager (nanan) holds the write permissions but not PII, audit or users', async () => {
    const p = nanan.me.permissions;
    for (const want of ['org:org:read', 'org:org:write', 'member:member:read', 'member:member:write',
      'activity:activity:read', 'activity:activity:write', 'org:enterprise:read', 'org:enterprise:write']) {
      assert.ok(p.includes(want), `nanan lacks ${want}`);
    }
    for (const no of ['member:pii:read', 'audit:log:read', 'auth:user:read', 'auth:user:write']) {
      assert.ok(!p.includes(no), `nanan must not hold ${no}`);
    }
  });

  it('viewer holds only read permissions', async () => {
    const v = await login(srv.url, 'viewer');
    assert.equal(v.me.user.role, 'viewer');
    const p = v.me.permissions;
    for (const want of ['org:org:read', 'member:member:read', 'activity:activity:read']) assert.ok(p.includes(want), `viewer lacks ${want}`);
    for (const perm of p) assert.ok(!perm.endsWith(':write'), `viewer must not hold ${perm}`);
    for (const no of ['member:pii:read', 'audit:log:read', 'auth:user:read']) assert.ok(!p.includes(no), `viewer must not hold ${no}`);
  });

  it('reporter holds org and activity read only, no member access', async () => {
    const r = await login(srv.url, 'reporter.nanan');
    assert.equal(r.me.user.role, 'reporter');
    const p = r.me.permissions;
    assert.ok(p.includes('org:org:read'));
    assert.ok(p.includes('activity:activity:read'));
    assert.ok(p.includes('news:item:write'), 'a reporter writes news');
    for (const no of ['member:member:read', 'member:member:write', 'activity:activity:write', 'org:org:write', 'member:pii:read',
      'news:item:review', 'bulletin:issue:write']) {
      assert.ok(!p.includes(no), `reporter must not hold ${no}`);
    }
  });

  it('the permissions are enforced: nanan gets 403 on /users and /audit, admin 200', async () => {
    assertError(await nanan.get('/users'), 403, 'permission_denied');
    assertError(await nanan.get('/audit'), 403, 'permission_denied');
    const u = await nanan.post('/users', { username: uniq('evil_'), password: 'Evil-pass-12345', role: 'admin', org_id: nanan.me.user.org_id });
    assertError(u, 403, 'permission_denied');
    assertStatus(await admin.get('/users'), 200);
    assertStatus(await admin.get('/audit'), 200);
  });

  it('GET /users (admin) lists users without password hashes', async () => {
    const res = await admin.get('/users?page_size=200');
    assertStatus(res, 200);
    const names = res.body.items.map((u) => u.username);
    for (const n of ['admin', 'nanan', 'yuzhong', 'viewer', 'reporter.nanan']) assert.ok(names.includes(n), `${n} listed`);
    assert.ok(!/argon2|\$argon/i.test(res.text), 'no password hash in the answer');
  });

  it('a disabled user cannot log in and loses its sessions', async () => {
    const username = uniq('disabled_');
    const password = 'Disable-test-pass-1';
    const created = await admin.post('/users', { username, password, role: 'viewer', org_id: nanan.me.user.org_id });
    assertStatus(created, 201);
    const c = await login(srv.url, username, password);
    const res = await admin.patch(`/users/${created.body.id}`, { disabled: true });
    assertStatus(res, 200, 'disable user');
    assertError(await anonymous(srv.url).raw('POST', '/auth/login', { body: { username, password } }), [401, 403]);
    assertError(await c.get('/auth/me'), 401, 'unauthenticated');
  });

  it('POST /users with a taken username → 409 already_exists', async () => {
    const res = await admin.post('/users', { username: 'nanan', password: 'Another-pass-123', role: 'viewer', org_id: nanan.me.user.org_id });
    assertError(res, 409, 'already_exists');
  });

  it('POST /auth/password changes the password', async () => {
    const username = uniq('pw_');
    const created = await admin.post('/users', { username, password: 'First-pass-12345', role: 'viewer', org_id: nanan.me.user.org_id });
    assertStatus(created, 201);
    const c = await login(srv.url, username, 'First-pass-12345');
    const wrong = await c.post('/auth/password', { old_password: 'not-it-123456', new_password: 'Second-pass-12345' });
    assertError(wrong, [401, 403, 422]);
    assertStatus(await c.post('/auth/password', { old_password: 'First-pass-12345', new_password: 'Second-pass-12345' }), 204);
    assertError(await anonymous(srv.url).raw('POST', '/auth/login', { body: { username, password: 'First-pass-12345' } }), 401);
    await login(srv.url, username, 'Second-pass-12345');
  });
});
