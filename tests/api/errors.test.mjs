// The error contract (docs/api.md "Errors") and "bad input never leaves a
// partial write" (SPEC §4).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, login, startServer } from './harness.mjs';
import { activityBody, assertError, assertStatus, count, createUnion, findOrg, memberBody, uniq } from './util.mjs';

let srv;
let admin;
let nanan;
let nananOrg;
let union;

before(async () => {
  srv = await startServer();
  admin = await login(srv.url, 'admin');
  nanan = await login(srv.url, 'nanan');
  nananOrg = await findOrg(admin, '南岸区总工会');
  union = await createUnion(nanan, nananOrg.id);
});

after(async () => {
  await srv?.stop();
});

// Totals of the lists a refused write could have touched.
async function totals() {
  return {
    activities: await count(admin, '/activities'),
    members: await count(admin, '/members'),
    orgs: await count(admin, '/orgs'),
  };
}

describe('request bodies', () => {
  let base;
  before(async () => { base = await totals(); });

  it('malformed JSON → 400 bad_request', async () => {
    for (const body of ['{"title": "未闭合', '{title: 1}', 'not json', '{"a":1}}']) {
      const res = await nanan.raw('POST', '/activities', { body });
      assertError(res, 400, 'bad_request');
    }
  });

  it('an empty body on POST → 400 or 422', async () => {
    const res = await nanan.raw('POST', '/activities', { body: '' });
    assertError(res, [400, 422]);
  });

  it('a JSON array body → 400 bad_request', async () => {
    const res = await nanan.raw('POST', '/activities', { body: JSON.stringify([activityBody(nananOrg.id)]) });
    assertError(res, 400, 'bad_request');
  });

  it('a JSON scalar body → 400 bad_request', async () => {
    for (const body of ['"字符串"', '42', 'null', 'true']) {
      assertError(await nanan.raw('POST', '/activities', { body }), 400, 'bad_request');
    }
  });

  it('a body over 1 MiB → 413 payload_too_large (JSON)', async () => {
    const big = activityBody(nananOrg.id, { body: '工'.repeat(400_000) }); // ≈1.2 MB of UTF-8
    const payload = JSON.stringify(big);
    assert.ok(Buffer.byteLength(payload) > 1024 * 1024);
    let res;
    try {
      res = await nanan.raw('POST', '/activities', { body: payload });
    } catch (e) {
      assert.fail(`the server dropped the connection instead of answering: ${e.cause?.code ?? e.message}`);
    }
    assert.ok(res.status >= 400 && res.status < 500, `got ${res.status}`);
    assertError(res, [413, 400, 422]);
    assert.equal(await count(admin, `/activities?q=${encodeURIComponent(big.title)}`), 0);
    // The server is still fine afterwards.
    assertStatus(await nanan.get('/auth/me'), 200);
  });

  it('a body just under 1 MiB is accepted', async () => {
    const ok = activityBody(nananOrg.id, { body: '工'.repeat(300_000) }); // ≈0.9 MB
    assert.ok(Buffer.byteLength(JSON.stringify(ok)) < 1024 * 1024);
    const res = await nanan.post('/activities', ok);
    assertStatus(res, 201, 'a 0.9 MB body');
    assert.equal(res.body.body.length, 300_000);
    assertStatus(await nanan.del(`/activities/${res.body.id}`), 204);
  });

  it('an unknown field → 422 naming it', async () => {
    const a = await nanan.post('/activities', activityBody(nananOrg.id, { colour: '红' }));
    assertError(a, 422, 'invalid_argument', 'colour');
    const m = await nanan.post('/members', memberBody(union.id, { salary: 1000 }));
    assertError(m, 422, 'invalid_argument', 'salary');
    const o = await nanan.post('/orgs', { name: uniq('未知字段'), kind: 'grassroots', parent_id: nananOrg.id, owner: 'x' });
    assertError(o, 422, 'invalid_argument', 'owner');
    const l = await anonymous(srv.url).raw('POST', '/auth/login', { body: { username: 'nanan', password: 'gonghui-demo', remember: true } });
    assertError(l, 422, 'invalid_argument', 'remember');
  });

  it('an unknown field on PATCH → 422 naming it, record unchanged', async () => {
    const created = await nanan.post('/activities', activityBody(nananOrg.id));
    assertStatus(created, 201);
    const res = await nanan.patch(`/activities/${created.body.id}`, { title: '改了', created_by: 1 });
    assertError(res, 422, 'invalid_argument', 'created_by');
    const got = await nanan.get(`/activities/${created.body.id}`);
    assert.equal(got.body.title, created.body.title, 'the valid part of the PATCH was not applied either');
    assertStatus(await nanan.del(`/activities/${created.body.id}`), 204);
  });

  it('a missing required field → 422 naming it', async () => {
    for (const f of ['title', 'type', 'start_date', 'org_id']) {
      const body = activityBody(nananOrg.id);
      delete body[f];
      assertError(await nanan.post('/activities', body), 422, 'invalid_argument', f);
    }
    for (const f of ['name', 'id_number', 'org_id']) {
      const body = memberBody(union.id);
      delete body[f];
      assertError(await nanan.post('/members', body), 422, 'invalid_argument', f);
    }
    for (const f of ['name', 'kind', 'parent_id']) {
      const body = { name: uniq('缺字段'), kind: 'grassroots', parent_id: nananOrg.id };
      delete body[f];
      assertError(await nanan.post('/orgs', body), 422, 'invalid_argument', f);
    }
  });

  it('a field of the wrong type → 422 naming it', async () => {
    const cases = [
      ['title', 123],
      ['title', ['数组']],
      ['org_id', String(nananOrg.id)],
      ['start_date', 20240520],
      ['places', '不是数组'],
      ['items', [1, 2]],
      ['organisers', nananOrg.id],
      ['participants', 40],
      ['type', null],
    ];
    for (const [f, v] of cases) {
      const res = await nanan.post('/activities', activityBody(nananOrg.id, { [f]: v }));
      assertError(res, 422, 'invalid_argument');
      assert.ok(res.body.error.field === f || res.body.error.field?.startsWith(f + '['), `${f}=${JSON.stringify(v)}: field ${res.body.error.field}`);
    }
    const m = await nanan.post('/members', memberBody(union.id, { tags: 'migrant_worker' }));
    assertError(m, 422, 'invalid_argument', 'tags');
  });

  it('a NUL character in a string is kept or refused, never silently cut', async () => {
    const title = uniq('含空字符') + '\u0000尾部';
    const res = await nanan.post('/activities', activityBody(nananOrg.id, { title }));
    if (res.status === 201) {
      const got = await nanan.get(`/activities/${res.body.id}`);
      assertStatus(await nanan.del(`/activities/${res.body.id}`), 204); // keep the row counts of this file
      assert.equal(res.body.title, title, 'the answer keeps the whole title');
      assert.equal(got.body.title, title, 'the stored title is the whole title');
    } else {
      assertError(res, 422, 'invalid_argument', 'title');
    }
  });

  it('invalid UTF-8 and lone surrogates → 400', async () => {
    const head = Buffer.from(`{"org_id":${nananOrg.id},"type":"meeting","start_date":"2024-05-20","title":"`);
    const tail = Buffer.from('"}');
    assertError(await nanan.raw('POST', '/activities', { body: Buffer.concat([head, Buffer.from([0xff, 0xfe]), tail]) }), [400, 422]);
    assertError(await nanan.raw('POST', '/activities', { body: Buffer.concat([head, Buffer.from('\\ud800'), tail]) }), [400, 422]);
  });

  it('deeply nested JSON is refused without harming the server', async () => {
    const body = `{"title":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    assertError(await nanan.raw('POST', '/activities', { body }), [400, 413, 422]);
    const nul = `{"title":${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}}`;
    assertError(await nanan.raw('POST', '/activities', { body: nul }), 400, 'bad_request');
    assertStatus(await nanan.get('/auth/me'), 200);
  });

  it('a NUL in a query value → 400 naming the parameter, on every backend', async () => {
    assertError(await nanan.get('/activities?q=%E5%B7%A5%00'), 400, 'bad_request', 'q');
    assertError(await nanan.get('/members?page=1%00'), 400, 'bad_request', 'page');
    assertError(await nanan.get('/activities?q=%FF'), 400, 'bad_request');
  });

  it('an empty title → 422 title', async () => {
    assertError(await nanan.post('/activities', activityBody(nananOrg.id, { title: '' })), 422, 'invalid_argument', 'title');
  });

  it('a write failing late (an invalid second child) leaves nothing behind', async () => {
    const name = uniq('半写入');
    const res = await nanan.post('/members', memberBody(union.id, {
      name, children: [{ name: '子女一', birth_date: '2015-01-01' }, { name: '子女二', birth_date: 'bad' }],
    }));
    assertError(res, 422, 'invalid_argument');
    assert.equal(await count(admin, `/members?q=${encodeURIComponent(name)}`), 0);
  });

  it('a write failing late (an invalid second money entry) leaves nothing behind', async () => {
    const title = uniq('半写入活动');
    const res = await nanan.post('/activities', activityBody(nananOrg.id, {
      title, money: [{ text: '1万元' }, { amount_fen: -5 }],
    }));
    assertError(res, 422, 'invalid_argument');
    assert.match(res.body.error.field, /^money/);
    assert.equal(await count(admin, `/activities?q=${encodeURIComponent(title)}`), 0);
  });

  it('after every refused write the row counts are unchanged', async () => {
    const now = await totals();
    assert.deepEqual(now, base, 'nothing half-written by any of the requests above');
  });
});

describe('routing and sessions', () => {
  it('an unknown endpoint → 404 JSON', async () => {
    for (const p of ['/api/v1/no-such-thing', '/api/v1/activities/1/nothing', '/api/v2/activities']) {
      assertError(await nanan.get(p), 404, 'not_found');
    }
  });

  it('an unknown endpoint without a session → 401 or 404, JSON either way', async () => {
    assertError(await anonymous(srv.url).get('/api/v1/no-such-thing'), [401, 404]);
  });

  it('a wrong method on a known path → 4xx JSON', async () => {
    const res = await nanan.raw('PUT', '/activities');
    assert.ok([404, 405].includes(res.status), `got ${res.status}`);
    assert.ok(res.body?.error?.code, 'JSON error');
    assert.match(res.body.error.message, /[\u4e00-\u9fff]/);
  });

  it('every endpoint without a session → 401 unauthenticated', async () => {
    const anon = anonymous(srv.url);
    for (const [m, p] of [
      ['GET', '/activities'], ['GET', '/activities/1'], ['POST', '/activities'], ['GET', '/members'],
      ['GET', '/orgs'], ['GET', '/orgs/1/children'], ['GET', '/audit'], ['GET', '/users'], ['GET', '/enterprises'],
      ['POST', '/auth/logout'], ['POST', '/auth/password'],
    ]) {
      const res = await anon.raw(m, p, m === 'POST' ? { body: {} } : {});
      assertError(res, 401, 'unauthenticated');
    }
  });

  it('the server still answers normally after all this', async () => {
    assertStatus(await nanan.get('/activities'), 200);
  });
});
