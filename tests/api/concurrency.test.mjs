// Concurrent requests: "every request is one transaction" (SPEC §4) must hold
// when requests overlap, on SQLite and on PostgreSQL (many server instances
// share one PostgreSQL database in production, so the database must enforce it).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, login, startServer } from './harness.mjs';
import {
  activityBody, assertError, assertStatus, count, createUnion, findOrg, idNumber, memberBody, randomCreditCode, uniq,
} from './util.mjs';

let srv;
let admin;
let nanan;
let nananOrg;

const ROUNDS = 5;

before(async () => {
  srv = await startServer();
  admin = await login(srv.url, 'admin');
  nanan = await login(srv.url, 'nanan');
  nananOrg = await findOrg(admin, '南岸区总工会');
});

after(async () => {
  await srv?.stop();
});

const statuses = (rs) => rs.map((r) => r.status).sort();

function assertOneWinner(rs, what) {
  const wins = rs.filter((r) => r.status === 201);
  assert.equal(wins.length, 1, `${what}: exactly one 201, got ${statuses(rs).join(',')}`);
  for (const r of rs) if (r.status !== 201) assertError(r, 409, 'already_exists');
}

describe('unique values under concurrent creates', () => {
  it('8 concurrent enterprises with one credit code → one 201, seven 409', async () => {
    const credit_code = randomCreditCode();
    const rs = await Promise.all(Array.from({ length: 8 }, () => nanan.post('/enterprises', {
      org_id: nananOrg.id, name: uniq('并发企业'), credit_code, kind: 'platform',
    })));
    assertOneWinner(rs, 'enterprise');
  });

  it('8 concurrent users with one username → one 201, seven 409', async () => {
    const username = uniq('race_');
    const rs = await Promise.all(Array.from({ length: 8 }, () => admin.post('/users', {
      username, password: 'Race-pass-12345', role: 'viewer', org_id: nananOrg.id,
    })));
    assertOneWinner(rs, 'user');
  });

  it('8 concurrent members with one ID number in one union → one 201, seven 409', async () => {
    const u = await createUnion(nanan, nananOrg.id);
    const id_number = idNumber();
    const rs = await Promise.all(Array.from({ length: 8 }, () => nanan.post('/members', memberBody(u.id, { id_number }))));
    assertOneWinner(rs, 'member');
    assert.equal(await count(nanan, `/members?org_id=${u.id}`), 1);
  });
});

describe('tree and history under concurrent moves', () => {
  it('moving A under B and B under A at once never makes a cycle', async () => {
    const results = [];
    for (let i = 0; i < ROUNDS; i++) {
      const a = await createUnion(nanan, nananOrg.id);
      const b = await createUnion(nanan, nananOrg.id);
      const [ra, rb] = await Promise.all([
        nanan.patch(`/orgs/${a.id}`, { parent_id: b.id }),
        nanan.patch(`/orgs/${b.id}`, { parent_id: a.id }),
      ]);
      results.push(`${ra.status}/${rb.status}`);
      const ga = (await admin.get(`/orgs/${a.id}`)).body;
      const gb = (await admin.get(`/orgs/${b.id}`)).body;
      assert.ok(!(ga.parent_id === b.id && gb.parent_id === a.id),
        `round ${i}: cycle ${a.id}⇄${b.id} (answers ${ra.status}, ${rb.status})`);
      assert.ok(!(ra.status === 200 && rb.status === 200), `round ${i}: both moves accepted`);
      for (const o of [a, b]) {
        const anc = await admin.get(`/orgs/${o.id}/ancestors`);
        assertStatus(anc, 200);
        const ids = anc.body.items.map((x) => x.id);
        assert.ok(!ids.includes(o.id), `round ${i}: ${o.id} is its own ancestor`);
        assert.equal(ids[0], anc.body.items.find((x) => x.kind === 'city')?.id, 'the root comes first');
      }
    }
  });

  it('two concurrent transfers of one member leave a consistent history', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const u1 = await createUnion(nanan, nananOrg.id);
      const u2 = await createUnion(nanan, nananOrg.id);
      const u3 = await createUnion(nanan, nananOrg.id);
      const m = await nanan.post('/members', memberBody(u1.id));
      assertStatus(m, 201);
      const rs = await Promise.all([
        nanan.post(`/members/${m.body.id}/transfer`, { to_org_id: u2.id, reason: '并发甲' }),
        nanan.post(`/members/${m.body.id}/transfer`, { to_org_id: u3.id, reason: '并发乙' }),
      ]);
      const okCount = rs.filter((r) => r.status === 200).length;
      assert.ok(okCount >= 1, `at least one transfer succeeds: ${statuses(rs)}`);
      const cur = (await nanan.get(`/members/${m.body.id}`)).body.org_id;
      const tr = (await nanan.get(`/members/${m.body.id}/transfers`)).body.items;
      assert.equal(tr.length, okCount, 'one history row per accepted transfer');
      // The rows must chain: u1 → x → … → current org.
      const chained = (rows, from) => rows.length === 0
        ? from === cur
        : rows.some((r, k) => r.from_org_id === from && chained(rows.filter((_, j) => j !== k), r.to_org_id));
      assert.ok(chained(tr, u1.id),
        `round ${i}: history ${JSON.stringify(tr.map((t) => [t.from_org_id, t.to_org_id]))} does not lead from ${u1.id} to ${cur}`);
    }
  });
});

describe('concurrent partial updates', () => {
  it('three PATCHes of different activity fields at once all take effect', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const c = await nanan.post('/activities', activityBody(nananOrg.id));
      assertStatus(c, 201);
      const id = c.body.id;
      const rs = await Promise.all([
        nanan.patch(`/activities/${id}`, { title: '并发修改标题' }),
        nanan.patch(`/activities/${id}`, { body: '并发修改正文' }),
        nanan.patch(`/activities/${id}`, { items: ['雨伞'] }),
      ]);
      for (const r of rs) assertStatus(r, 200);
      const g = (await nanan.get(`/activities/${id}`)).body;
      assert.deepEqual({ title: g.title, body: g.body, items: g.items },
        { title: '并发修改标题', body: '并发修改正文', items: ['雨伞'] }, `round ${i}: an update was lost`);
    }
  });

  it('three PATCHes of different member fields at once all take effect', async () => {
    const u = await createUnion(nanan, nananOrg.id);
    for (let i = 0; i < ROUNDS; i++) {
      const c = await nanan.post('/members', memberBody(u.id));
      assertStatus(c, 201);
      const id = c.body.id;
      const rs = await Promise.all([
        nanan.patch(`/members/${id}`, { employer: '并发修改单位' }),
        nanan.patch(`/members/${id}`, { phone: '13900001111' }),
        nanan.patch(`/members/${id}`, { tags: ['model_worker'] }),
      ]);
      for (const r of rs) assertStatus(r, 200);
      const g = (await admin.get(`/members/${id}`)).body;
      assert.deepEqual({ employer: g.employer, phone: g.phone, tags: g.tags },
        { employer: '并发修改单位', phone: '13900001111', tags: ['model_worker'] }, `round ${i}: an update was lost`);
    }
  });
});

describe('bursts', () => {
  it('30 concurrent creates all succeed, are all listed and all audited', async () => {
    const tag = uniq('并发创建');
    const before = await count(admin, '/activities');
    const rs = await Promise.all(Array.from({ length: 30 }, (_, i) => nanan.post('/activities', activityBody(nananOrg.id, { title: `${tag} ${i}` }))));
    for (const r of rs) assertStatus(r, 201);
    assert.equal(new Set(rs.map((r) => r.body.id)).size, 30, 'distinct ids');
    assert.equal(await count(admin, '/activities'), before + 30);
    assert.equal(await count(nanan, `/activities?q=${encodeURIComponent(tag)}`), 30);
    for (const r of rs.slice(0, 5)) {
      const a = await admin.get(`/audit?entity=activity&entity_id=${r.body.id}`);
      assert.deepEqual(a.body.items.map((x) => x.action), ['create']);
    }
  });

  it('concurrent wrong passwords do not get more than 5 tries before the lock', async () => {
    const username = uniq('burst_');
    const password = 'Burst-pass-12345';
    assertStatus(await admin.post('/users', { username, password, role: 'viewer', org_id: nananOrg.id }), 201);
    const c = anonymous(srv.url);
    const rs = await Promise.all(Array.from({ length: 20 }, () => c.raw('POST', '/auth/login', { body: { username, password: 'wrong-pass-123' } })));
    for (const r of rs) assertError(r, [401, 429]);
    const tries = rs.filter((r) => r.status === 401).length;
    assertError(await c.raw('POST', '/auth/login', { body: { username, password } }), 429, 'resource_exhausted');
    assert.ok(tries <= 5, `${tries} wrong passwords were checked before the account locked (limit 5)`);
  });
});
