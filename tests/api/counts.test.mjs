// The totals of the large lists (members, enterprises, collective contracts,
// enrolments) come from the record counts the database's triggers keep
// (src/org/count.h). Here, after each kind of write — create, status change,
// transfer, an org moved to another district, an org put under an industry
// union — every such total of the subtrees concerned equals the rows the list
// pages through, and the city's totals move by exactly what was written.
// Runs on SQLite, or on PostgreSQL with GONGHUI_TEST_PG.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { login, startServer } from './harness.mjs';
import { assertStatus, count, createEnterprise, createUnion, findOrg, listAll, memberBody, uniq } from './util.mjs';

let srv;
let admin;
let nananOrg;
let yuzhongOrg;
let industryOrg;
let union;

const LISTS = [
  '/members', '/members?status=active', '/members?status=suspended', '/enterprises',
  '/enterprises?type=platform', '/labour/contracts', '/childcare/enrolments?status=enrolled',
  '/childcare/enrolments',
];

before(async () => {
  srv = await startServer();
  admin = await login(srv.url, 'admin');
  nananOrg = await findOrg(admin, '南岸区总工会');
  yuzhongOrg = await findOrg(admin, '渝中区总工会');
  industryOrg = await findOrg(admin, '重庆市教育工会');
  union = await createUnion(admin, nananOrg.id, uniq('计数测试工会'));
});

after(async () => {
  await srv?.stop();
});

const withOrg = (path, orgId, axis = 'territorial') =>
  `${path}${path.includes('?') ? '&' : '?'}org_id=${orgId}&axis=${axis}`;

// Every list's total equals the rows it pages through, for each (org, axis).
async function assertTotalsAreRows(scopes) {
  for (const [orgId, axis] of scopes) {
    for (const list of LISTS) {
      const path = withOrg(list, orgId, axis);
      const { items, total } = await listAll(admin, path);
      assert.equal(total, items.length, `${path}: total ${total}, ${items.length} rows`);
      assert.equal(new Set(items.map((i) => i.id)).size, items.length, `${path}: no row twice`);
    }
  }
}

async function cityTotals() {
  const out = {};
  for (const list of LISTS) out[list] = await count(admin, list);
  return out;
}

describe('list totals from the record counts', () => {
  it('equal the rows of each subtree, and the city moves by what was written', async () => {
    const scopes = [[nananOrg.id, 'territorial'], [yuzhongOrg.id, 'territorial'], [union.id, 'territorial']];
    await assertTotalsAreRows(scopes);
    const city0 = await cityTotals();

    // Created: three members and a platform enterprise.
    const members = [];
    for (let i = 0; i < 3; i++) {
      const res = await admin.post('/members', memberBody(union.id));
      assertStatus(res, 201, 'POST /members');
      members.push(res.body);
    }
    await createEnterprise(admin, union.id, { kind: 'platform' });
    await assertTotalsAreRows(scopes);
    assert.equal(await count(admin, withOrg('/members?status=active', union.id)), 3);
    const city1 = await cityTotals();
    assert.equal(city1['/members'], city0['/members'] + 3);
    assert.equal(city1['/members?status=active'], city0['/members?status=active'] + 3);
    assert.equal(city1['/enterprises?type=platform'], city0['/enterprises?type=platform'] + 1);

    // A status change and a transfer to 渝中区.
    assertStatus(await admin.patch(`/members/${members[0].id}`, { status: 'suspended' }), 200, 'suspend');
    const other = await createUnion(admin, yuzhongOrg.id, uniq('计数测试渝中工会'));
    assertStatus(await admin.post(`/members/${members[1].id}/transfer`, { to_org_id: other.id }), 200, 'transfer');
    await assertTotalsAreRows([...scopes, [other.id, 'territorial']]);
    assert.equal(await count(admin, withOrg('/members?status=active', union.id)), 1);
    assert.equal(await count(admin, withOrg('/members', other.id)), 1);
    const city2 = await cityTotals();
    assert.equal(city2['/members'], city1['/members']);
    assert.equal(city2['/members?status=active'], city1['/members?status=active'] - 1);
    assert.equal(city2['/members?status=suspended'], city1['/members?status=suspended'] + 1);

    // The union moves from 南岸区 to 渝中区 with its members and its enterprise.
    const nanan0 = await count(admin, withOrg('/members', nananOrg.id));
    const yuzhong0 = await count(admin, withOrg('/members', yuzhongOrg.id));
    assertStatus(await admin.patch(`/orgs/${union.id}`, { parent_id: yuzhongOrg.id }), 200, 'move');
    await assertTotalsAreRows(scopes);
    assert.equal(await count(admin, withOrg('/members', nananOrg.id)), nanan0 - 2);
    assert.equal(await count(admin, withOrg('/members', yuzhongOrg.id)), yuzhong0 + 2);
    assert.deepEqual(await cityTotals(), city2, 'a move changes no city total');

    // Put under an industry union: its records count there on the industry axis.
    const industry0 = await count(admin, withOrg('/members', industryOrg.id, 'industry'));
    assertStatus(await admin.patch(`/orgs/${union.id}`, { industry_parent_id: industryOrg.id }), 200, 'industry');
    await assertTotalsAreRows([[industryOrg.id, 'industry'], [union.id, 'industry']]);
    assert.equal(await count(admin, withOrg('/members', industryOrg.id, 'industry')), industry0 + 2);
    assert.equal(await count(admin, '/members?axis=industry'), city2['/members']);
  });
});
