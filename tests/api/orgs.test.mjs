// Organisations (SPEC §2, docs/api.md "Organisations", "Enterprises").

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { login, startServer } from './harness.mjs';
import {
  assertDenied, assertError, assertStatus, count, createUnion, creditCodeValid, findOrg, randomCreditCode, uniq,
} from './util.mjs';

let srv;
let admin;
let nanan;
let root;
let nananOrg;

const TS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const VALID_CREDIT_CODE = '91350100M000100Y43';
const ids = (items) => items.map((o) => o.id);
const sorted = (a) => [...a].sort((x, y) => x - y);

before(async () => {
  srv = await startServer();
  admin = await login(srv.url, 'admin');
  nanan = await login(srv.url, 'nanan');
  const cities = await admin.get('/orgs?kind=city&page_size=200');
  assertStatus(cities, 200);
  assert.equal(cities.body.items.length, 1, 'exactly one city federation');
  root = cities.body.items[0];
  nananOrg = await findOrg(admin, '南岸区总工会');
});

after(async () => {
  await srv?.stop();
});

describe('the territorial tree', () => {
  let children;
  let districts;
  before(async () => {
    const res = await admin.get(`/orgs/${root.id}/children?axis=territorial`);
    assertStatus(res, 200);
    children = res.body.items;
    districts = children.filter((o) => o.kind === 'district');
  });

  it('the root is the 市总工会 with no parent', () => {
    assert.match(root.name, /市总工会$/);
    assert.equal(root.kind, 'city');
    assert.equal(root.parent_id, null);
    assert.equal(root.is_partner, false);
  });

  it('the root has 41 district children: 38 districts and counties plus three zones', () => {
    assert.equal(districts.length, 41, districts.map((o) => o.name).join(','));
    for (const d of children) assert.equal(d.parent_id, root.id, `${d.name} is a child of the root`);
  });

  it('the 38 have GB/T 2260 codes: 26 districts 5001xx and 12 counties 5002xx', () => {
    const coded = districts.filter((o) => o.code && /^500[12]\d\d$/.test(o.code));
    assert.equal(coded.length, 38);
    assert.equal(new Set(coded.map((o) => o.code)).size, 38, 'codes are unique');
    assert.equal(coded.filter((o) => o.code.startsWith('5001')).length, 26);
    assert.equal(coded.filter((o) => o.code.startsWith('5002')).length, 12);
  });

  it('codes match the names', () => {
    const byCode = Object.fromEntries(districts.filter((o) => o.code).map((o) => [o.code, o.name]));
    const known = {
      500101: '万州区', 500103: '渝中区', 500108: '南岸区', 500111: '大足区', 500112: '渝北区',
      500156: '武隆区', 500229: '城口县', 500237: '巫山县', 500242: '酉阳土家族苗族自治县', 500243: '彭水苗族土家族自治县',
    };
    for (const [code, name] of Object.entries(known)) {
      assert.ok(byCode[code], `a union with code ${code}`);
      assert.ok(byCode[code].startsWith(name), `${code} is ${name}, got ${byCode[code]}`);
      assert.match(byCode[code], /总工会$/);
    }
  });

  it('两江新区, 重庆高新区 and 万盛经开区 are district-level unions', () => {
    const names = districts.map((o) => o.name);
    for (const zone of ['两江新区', '高新区', '万盛经开区']) {
      assert.ok(names.some((n) => n.includes(zone)), `${zone} among ${names.join(',')}`);
    }
    const zones = districts.filter((o) => !(o.code && /^500[12]\d\d$/.test(o.code)));
    assert.equal(zones.length, 3, zones.map((o) => o.name).join(','));
  });

  it('children are ordered by code', () => {
    const codes = children.filter((o) => o.code).map((o) => o.code);
    assert.deepEqual(codes, [...codes].sort());
  });

  it('the industry-axis children of the root are industry unions', async () => {
    const res = await admin.get(`/orgs/${root.id}/children?axis=industry`);
    assertStatus(res, 200);
    assert.ok(res.body.items.length >= 1, 'there are industry unions');
    for (const o of res.body.items) {
      assert.equal(o.kind, 'industry', `${o.name} is an industry union`);
      assert.match(o.name, /工会$/);
    }
  });

  it('南岸区 has streets below it; child_count matches children', async () => {
    const res = await admin.get(`/orgs/${nananOrg.id}/children`);
    assertStatus(res, 200);
    const items = res.body.items;
    assert.ok(items.some((o) => o.kind === 'street'), 'streets under 南岸区');
    for (const o of items) assert.equal(o.parent_id, nananOrg.id);
    const fresh = await admin.get(`/orgs/${nananOrg.id}`);
    assert.equal(fresh.body.child_count, items.length);
  });
});

describe('ancestors, subtree, search', () => {
  let street;
  let grass;
  before(async () => {
    const res = await nanan.get(`/orgs/${nananOrg.id}/children`);
    assertStatus(res, 200);
    street = res.body.items.find((o) => o.kind === 'street');
    assert.ok(street, 'a street under 南岸区');
    grass = await createUnion(nanan, street.id);
  });

  it('ancestors are root first, excluding the org itself', async () => {
    const res = await admin.get(`/orgs/${grass.id}/ancestors`);
    assertStatus(res, 200);
    assert.deepEqual(ids(res.body.items), [root.id, nananOrg.id, street.id]);
    const top = await admin.get(`/orgs/${root.id}/ancestors`);
    assertStatus(top, 200);
    assert.deepEqual(top.body.items, []);
  });

  it('subtree with depth 1 is the org and its children', async () => {
    const kids = await admin.get(`/orgs/${nananOrg.id}/children`);
    const res = await admin.get(`/orgs/${nananOrg.id}/subtree?depth=1`);
    assertStatus(res, 200);
    assert.deepEqual(sorted(ids(res.body.items)), sorted([nananOrg.id, ...ids(kids.body.items)]));
    assert.ok(!ids(res.body.items).includes(grass.id), 'grandchildren are not in depth 1');
  });

  it('subtree defaults to depth 2', async () => {
    const d2 = await admin.get(`/orgs/${nananOrg.id}/subtree?depth=2`);
    const dflt = await admin.get(`/orgs/${nananOrg.id}/subtree`);
    assertStatus(dflt, 200);
    assert.deepEqual(sorted(ids(dflt.body.items)), sorted(ids(d2.body.items)));
    assert.ok(ids(dflt.body.items).includes(grass.id), 'grandchildren are in depth 2');
    const d1 = await admin.get(`/orgs/${street.id}/subtree?depth=1`);
    assert.ok(ids(d1.body.items).includes(grass.id));
  });

  it('search by name', async () => {
    const res = await admin.get(`/orgs?q=${encodeURIComponent('南岸区总工会')}`);
    assertStatus(res, 200);
    const hit = res.body.items.find((o) => o.name === '南岸区总工会');
    assert.ok(hit);
    assert.equal(hit.code, '500108');
    assert.equal(hit.parent_id, root.id);
    const part = await nanan.get(`/orgs?q=${encodeURIComponent(grass.name.slice(0, -4))}&page_size=200`);
    assertStatus(part, 200);
    assert.ok(ids(part.body.items).includes(grass.id), 'a part of a name matches');
    for (const o of part.body.items) assert.ok(o.name.includes(grass.name.slice(0, -4)), o.name);
  });

  it('q=% and q=_ are literal, not wildcards', async () => {
    for (const q of ['%', '_']) {
      const res = await nanan.get(`/orgs?q=${encodeURIComponent(q)}&page_size=200`);
      assertStatus(res, 200);
      const wrong = res.body.items.filter((o) => !o.name.includes(q)).map((o) => o.name);
      assert.deepEqual(wrong, [], `q=${q} matched names without ${q}`);
    }
  });

  it('kind filter', async () => {
    const res = await nanan.get(`/orgs?kind=street&page_size=200`);
    assertStatus(res, 200);
    assert.ok(res.body.items.length > 0);
    for (const o of res.body.items) assert.equal(o.kind, 'street');
  });
});

describe('create and move', () => {
  it('nanan creates a union within its subtree', async () => {
    const before = (await nanan.get(`/orgs/${nananOrg.id}`)).body.child_count;
    const name = uniq('南岸新建工会');
    const res = await nanan.post('/orgs', { name, kind: 'grassroots', parent_id: nananOrg.id, short_name: '新建' });
    assertStatus(res, 201);
    const o = res.body;
    assert.equal(o.name, name);
    assert.equal(o.kind, 'grassroots');
    assert.equal(o.parent_id, nananOrg.id);
    assert.equal(o.short_name, '新建');
    assert.equal(o.is_partner, false);
    assert.equal(o.child_count, 0);
    assert.match(o.created_at, TS);
    assert.deepEqual((await nanan.get(`/orgs/${o.id}`)).body, o);
    assert.equal((await nanan.get(`/orgs/${nananOrg.id}`)).body.child_count, before + 1);
  });

  it('an unknown kind → 422 kind; a missing parent → 404 or 422', async () => {
    assertError(await nanan.post('/orgs', { name: uniq('错误类型'), kind: 'club', parent_id: nananOrg.id }), 422, 'invalid_argument', 'kind');
    assertError(await nanan.post('/orgs', { name: uniq('错误上级'), kind: 'grassroots', parent_id: 999999999 }), [404, 422]);
  });

  it('nanan cannot create a union under the root or another district', async () => {
    const name = uniq('越级工会');
    assertDenied(await nanan.post('/orgs', { name, kind: 'grassroots', parent_id: root.id }), 'under the root');
    assert.equal(await count(admin, `/orgs?q=${encodeURIComponent(name)}`), 0);
  });

  it('a move is recorded in the history', async () => {
    const a = await createUnion(nanan, nananOrg.id);
    const b = await createUnion(nanan, nananOrg.id);
    assertStatus(await nanan.get(`/orgs/${a.id}/history`), 200);
    assert.equal((await nanan.get(`/orgs/${a.id}/history`)).body.items.length, 0, 'no history before a move');
    const res = await nanan.patch(`/orgs/${a.id}`, { parent_id: b.id });
    assertStatus(res, 200, 'move');
    assert.equal(res.body.parent_id, b.id);
    const anc = await admin.get(`/orgs/${a.id}/ancestors`);
    assert.deepEqual(ids(anc.body.items), [root.id, nananOrg.id, b.id]);
    const h = await nanan.get(`/orgs/${a.id}/history`);
    assertStatus(h, 200);
    assert.equal(h.body.items.length, 1);
    const e = h.body.items[0];
    assert.equal(e.axis, 'territorial');
    assert.equal(e.from_parent_id, nananOrg.id);
    assert.equal(e.to_parent_id, b.id);
    assert.equal(e.user_id, nanan.me.user.id);
    assert.match(e.at, TS);
    assertStatus(await nanan.patch(`/orgs/${a.id}`, { parent_id: nananOrg.id }), 200, 'move back');
    const h2 = await nanan.get(`/orgs/${a.id}/history`);
    assert.equal(h2.body.items.length, 2);
    assert.ok(h2.body.items.some((x) => x.from_parent_id === b.id && x.to_parent_id === nananOrg.id));
  });

  it('a rename is not a move', async () => {
    const a = await createUnion(nanan, nananOrg.id);
    assertStatus(await nanan.patch(`/orgs/${a.id}`, { name: uniq('改名工会') }), 200);
    assert.equal((await nanan.get(`/orgs/${a.id}/history`)).body.items.length, 0);
  });

  it('an industry move is recorded on the industry axis', async () => {
    const ind = (await admin.get('/orgs?kind=industry&page_size=200')).body.items;
    assert.ok(ind.length >= 1);
    const a = await createUnion(admin, nananOrg.id);
    const res = await admin.patch(`/orgs/${a.id}`, { industry_parent_id: ind[0].id });
    assertStatus(res, 200);
    assert.equal(res.body.industry_parent_id, ind[0].id);
    assert.equal(res.body.parent_id, nananOrg.id, 'the territorial parent is kept');
    const h = await admin.get(`/orgs/${a.id}/history`);
    const e = h.body.items.find((x) => x.axis === 'industry');
    assert.ok(e, JSON.stringify(h.body.items));
    assert.equal(e.from_parent_id, null);
    assert.equal(e.to_parent_id, ind[0].id);
    const anc = await admin.get(`/orgs/${a.id}/ancestors?axis=industry`);
    assertStatus(anc, 200);
    assert.equal(anc.body.items.at(-1).id, ind[0].id);
  });

  it('moving under its own descendant → 409 failed_precondition, nothing changed', async () => {
    const a = await createUnion(nanan, nananOrg.id);
    const b = await createUnion(nanan, a.id);
    const c = await createUnion(nanan, b.id);
    assertError(await nanan.patch(`/orgs/${a.id}`, { parent_id: c.id }), 409, 'failed_precondition');
    assertError(await nanan.patch(`/orgs/${a.id}`, { parent_id: b.id }), 409, 'failed_precondition');
    assertError(await nanan.patch(`/orgs/${a.id}`, { parent_id: a.id }), [409, 422]);
    assert.equal((await nanan.get(`/orgs/${a.id}`)).body.parent_id, nananOrg.id);
    assert.equal((await nanan.get(`/orgs/${a.id}/history`)).body.items.length, 0);
    assert.deepEqual(ids((await admin.get(`/orgs/${c.id}/ancestors`)).body.items), [root.id, nananOrg.id, a.id, b.id]);
  });

  it('nanan cannot move its own district union (its scope root)', async () => {
    const res = await nanan.patch(`/orgs/${nananOrg.id}`, { parent_id: (await findOrg(admin, '渝中区总工会')).id });
    assertError(res, [403, 404]);
    assert.equal((await admin.get(`/orgs/${nananOrg.id}`)).body.parent_id, root.id);
  });
});

describe('moves carry records and scope along', () => {
  it('a subtree moved from 南岸区 to 渝中区 (by admin) changes who sees its records', async () => {
    const yuzhongOrg = await findOrg(admin, '渝中区总工会');
    const yuzhong = await login(srv.url, 'yuzhong');
    const top = await createUnion(nanan, nananOrg.id);
    const leaf = await createUnion(nanan, top.id);
    const act = await nanan.post('/activities', { org_id: leaf.id, title: uniq('随组织迁移'), type: 'meeting', start_date: '2024-05-20' });
    assertStatus(act, 201);
    const q = `/activities?q=${encodeURIComponent(act.body.title)}`;
    assert.equal(await count(nanan, q), 1);
    assert.equal(await count(yuzhong, q), 0);
    assertStatus(await admin.patch(`/orgs/${top.id}`, { parent_id: yuzhongOrg.id }), 200);
    assert.deepEqual(ids((await admin.get(`/orgs/${leaf.id}/ancestors`)).body.items), [root.id, yuzhongOrg.id, top.id]);
    assertDenied(await nanan.get(`/activities/${act.body.id}`), 'nanan after the move');
    assertDenied(await nanan.get(`/orgs/${leaf.id}`), 'nanan, moved org');
    assert.equal(await count(nanan, q), 0);
    assertStatus(await yuzhong.get(`/activities/${act.body.id}`), 200);
    assert.equal(await count(yuzhong, q), 1);
    assert.equal(await count(yuzhong, `/activities?org_id=${yuzhongOrg.id}&q=${encodeURIComponent(act.body.title)}`), 1);
    const sub = await admin.get(`/orgs/${yuzhongOrg.id}/subtree?depth=3`);
    assert.ok(ids(sub.body.items).includes(leaf.id), 'the leaf is in 渝中区\'s subtree');
    const nsub = await admin.get(`/orgs/${nananOrg.id}/subtree?depth=3`);
    assert.ok(!ids(nsub.body.items).includes(leaf.id), 'and no longer in 南岸区\'s');
  });

  it('an industry parent must be an industry union', async () => {
    const a = await createUnion(admin, nananOrg.id);
    const res = await admin.patch(`/orgs/${a.id}`, { industry_parent_id: nananOrg.id });
    assertError(res, [409, 422]);
    assert.equal((await admin.get(`/orgs/${a.id}`)).body.industry_parent_id, null);
  });

  it('subtree depth must be a non-negative number', async () => {
    assertError(await admin.get(`/orgs/${nananOrg.id}/subtree?depth=abc`), 400, 'bad_request');
    const d0 = await admin.get(`/orgs/${nananOrg.id}/subtree?depth=0`);
    if (d0.status === 200) assert.deepEqual(ids(d0.body.items), [nananOrg.id]);
    else assertError(d0, 422, 'invalid_argument');
  });
});

describe('enterprises', () => {
  const base = () => ({
    org_id: nananOrg.id, name: uniq('重庆测试食品有限公司'), kind: 'above_scale_private',
    region_code: '500108', industry: '食品制造', employees: 320,
  });

  it('the test credit codes are what they claim (control)', () => {
    assert.ok(creditCodeValid(VALID_CREDIT_CODE));
    assert.ok(!creditCodeValid('91350100M000100Y44'));
  });

  it('a bad 统一社会信用代码 → 422 credit_code, nothing written', async () => {
    for (const bad of ['91350100M000100Y44', '91350100M000100Y4', '91350100M0001O0Y43', '']) {
      const body = { ...base(), credit_code: bad };
      const res = await nanan.post('/enterprises', body);
      assertError(res, 422, 'invalid_argument', 'credit_code');
      assert.equal(await count(admin, `/enterprises?q=${encodeURIComponent(body.name)}`), 0);
    }
  });

  let ent;
  it('a valid one → 201 and readable', async () => {
    const body = { ...base(), credit_code: VALID_CREDIT_CODE };
    const res = await nanan.post('/enterprises', body);
    assertStatus(res, 201);
    ent = res.body;
    assert.equal(ent.credit_code, VALID_CREDIT_CODE);
    assert.equal(ent.name, body.name);
    assert.equal(ent.kind, 'above_scale_private');
    assert.equal(ent.employees, 320);
    assert.equal(ent.org_id, nananOrg.id);
    const got = await nanan.get(`/enterprises/${ent.id}`);
    assertStatus(got, 200);
    assert.equal(got.body.credit_code, VALID_CREDIT_CODE);
  });

  it('the same credit code twice → 409 already_exists', async () => {
    assert.ok(ent, 'created above');
    const res = await nanan.post('/enterprises', { ...base(), credit_code: VALID_CREDIT_CODE });
    assertError(res, 409, 'already_exists');
  });

  it('an unknown kind → 422 kind', async () => {
    const res = await nanan.post('/enterprises', { ...base(), credit_code: randomCreditCode(), kind: 'startup' });
    assertError(res, 422, 'invalid_argument', 'kind');
  });

  it('PATCH and yearly flags', async () => {
    assert.ok(ent, 'created above');
    const p = await nanan.patch(`/enterprises/${ent.id}`, { employees: 400 });
    assertStatus(p, 200);
    assert.equal(p.body.employees, 400);
    const f = await nanan.put(`/enterprises/${ent.id}/flags/2024`, { factory_affairs_open: true, workers_congress: false, evidence: '厂务公开栏照片' });
    assertStatus(f, [200, 204]);
    const got = await nanan.get(`/enterprises/${ent.id}`);
    const flag = got.body.flags.find((x) => x.year === 2024);
    assert.ok(flag, JSON.stringify(got.body.flags));
    assert.equal(flag.factory_affairs_open, true);
    assert.equal(flag.workers_congress, false);
    assert.equal(flag.evidence, '厂务公开栏照片');
  });

  it('yuzhong cannot see a 南岸区 enterprise', async () => {
    assert.ok(ent, 'created above');
    const yz = await login(srv.url, 'yuzhong');
    assertDenied(await yz.get(`/enterprises/${ent.id}`), 'GET enterprise');
    assertDenied(await yz.patch(`/enterprises/${ent.id}`, { employees: 1 }), 'PATCH enterprise');
    assert.equal((await nanan.get(`/enterprises/${ent.id}`)).body.employees, 400);
  });
});
