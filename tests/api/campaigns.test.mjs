// Care campaigns (关爱行动): the demo's 2024 六一 campaign and its progress by
// district, work records reporting against a campaign (period, reach, scope),
// and the campaign's own create/edit rules.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { login, startServer } from './harness.mjs';
import { activityBody, assertError, assertStatus, createUnion, findOrg, listAll, uniq } from './util.mjs';

let srv, admin, nanan, yuzhong, reporter, viewer, campaign, city, nananOrg, yuzhongOrg;

const sum = (xs, f) => xs.reduce((s, x) => s + f(x), 0);
// What a linked record adds to the progress: its beneficiaries, else its participants.
const people = (a) => (a.beneficiaries.length ? sum(a.beneficiaries, (b) => b.count) : (a.participants?.count ?? 0));
const money = (a) => sum(a.money, (m) => m.amount_fen);

before(async () => {
  srv = await startServer();
  [admin, nanan, yuzhong, reporter, viewer] = await Promise.all(
    ['admin', 'nanan', 'yuzhong', 'reporter.nanan', 'viewer'].map((u) => login(srv.url, u)));
  const list = await admin.get('/campaigns?q=' + encodeURIComponent('六一'));
  assertStatus(list, 200);
  campaign = list.body.items.find((c) => c.name === '2024年“六一”儿童节关爱行动');
  assert.ok(campaign, 'the demo has the 六一 campaign');
  city = await findOrg(admin, '重庆市总工会');
  nananOrg = await findOrg(admin, '南岸区总工会');
  yuzhongOrg = await findOrg(admin, '渝中区总工会');
});

after(async () => {
  await srv?.stop();
});

describe('the demo campaign', () => {
  it('has the bulletin\'s period and target', () => {
    assert.equal(campaign.org_name, '重庆市总工会');
    assert.equal(campaign.date_from, '2024-05-20');
    assert.equal(campaign.date_to, '2024-06-10');
    assert.equal(campaign.target_count, 1000);
    assert.deepEqual(campaign.target_groups, ['新就业形态劳动者子女', '农民工子女']);
  });

  it('shows 大足区\'s 500 children and 100,000 yuan, 巫山\'s 50余 and 酉阳\'s 53', async () => {
    const res = await admin.get(`/campaigns/${campaign.id}/progress`);
    assertStatus(res, 200);
    assert.equal(res.body.org_name, '重庆市总工会');
    assert.equal(res.body.axis, 'territorial');
    const row = (name) => res.body.rows.find((r) => r.org_name === name);
    assert.equal(row('大足区总工会').beneficiaries, 500);
    assert.equal(row('大足区总工会').money_fen, 10_000_000);
    assert.equal(row('大足区总工会').ratio, 0.5);
    assert.deepEqual(row('大足区总工会').items, ['保温杯', '衣服']);
    assert.equal(row('巫山县总工会').beneficiaries, 50);
    assert.ok(row('巫山县总工会').items.includes('书包'));
    assert.equal(row('酉阳土家族苗族自治县总工会').beneficiaries, 53);
    assert.equal(res.body.rows[0].org_name, '大足区总工会', 'rows by beneficiaries');
    assert.equal(res.body.total.ratio, Math.round((res.body.total.beneficiaries / 1000) * 10000) / 10000);
  });

  it('sums each district\'s whole subtree, and the rows make the total', async () => {
    const res = await admin.get(`/campaigns/${campaign.id}/progress?org_id=${city.id}&axis=territorial`);
    assertStatus(res, 200);
    assert.ok(res.body.rows.length >= 10);
    for (const r of res.body.rows) {
      assert.match(r.link, new RegExp(`^/api/v1/activities\\?campaign_id=${campaign.id}&org_id=${r.org_id}&axis=territorial$`));
      const { items } = await listAll(admin, r.link.replace('/api/v1', ''));
      assert.equal(items.length, r.activities, `${r.org_name} activities`);
      assert.ok(items.every((a) => a.campaign_id === campaign.id && a.type === 'care'));
      assert.equal(sum(items, people), r.beneficiaries, `${r.org_name} beneficiaries`);
      assert.equal(sum(items, money), r.money_fen, `${r.org_name} money`);
    }
    for (const key of ['activities', 'beneficiaries', 'money_fen']) {
      assert.equal(sum(res.body.rows, (r) => r[key]), res.body.total[key], key);
    }
    // A district with records at its streets: its own view has those streets as rows.
    const withStreets = res.body.rows.find((r) => r.org_name !== '大足区总工会' && r.activities > 0);
    const own = await admin.get(`/campaigns/${campaign.id}/progress?org_id=${withStreets.org_id}`);
    assertStatus(own, 200);
    assert.equal(own.body.total.beneficiaries, withStreets.beneficiaries);
    assert.equal(sum(own.body.rows, (r) => r.beneficiaries), withStreets.beneficiaries);
  });

  it('agrees at the root on both axes', async () => {
    const t = await admin.get(`/campaigns/${campaign.id}/progress?axis=territorial`);
    const i = await admin.get(`/campaigns/${campaign.id}/progress?axis=industry`);
    assertStatus(i, 200);
    assert.equal(i.body.axis, 'industry');
    for (const key of ['activities', 'beneficiaries', 'money_fen']) {
      assert.equal(i.body.total[key], t.body.total[key], key);
      assert.equal(sum(i.body.rows, (r) => r[key]), i.body.total[key], `industry rows ${key}`);
    }
  });
});

describe('reporting care against a campaign', () => {
  it('links a district\'s care record and counts it in its row', async () => {
    const before = await admin.get(`/campaigns/${campaign.id}/progress`);
    const row = (body) => body.rows.find((r) => r.org_id === nananOrg.id) ?? { beneficiaries: 0, money_fen: 0, activities: 0 };
    const res = await nanan.post('/activities', activityBody(nananOrg.id, {
      type: 'care', title: uniq('南岸区六一关爱'), start_date: '2024-06-01', end_date: '2024-06-01', campaign_id: campaign.id,
      beneficiaries: [{ group: '新就业形态劳动者子女', text: '30名' }], money: [{ text: '2万元', source: 'self_raised' }],
      items: ['书包'],
    }));
    assertStatus(res, 201);
    assert.equal(res.body.campaign_id, campaign.id);
    const afterRes = await admin.get(`/campaigns/${campaign.id}/progress`);
    assert.equal(row(afterRes.body).beneficiaries, row(before.body).beneficiaries + 30);
    assert.equal(row(afterRes.body).money_fen, row(before.body).money_fen + 2_000_000);
    assert.equal(afterRes.body.total.activities, before.body.total.activities + 1);
    // Unlinking takes it out again; deleting too.
    const unlinked = await nanan.patch(`/activities/${res.body.id}`, { campaign_id: null });
    assertStatus(unlinked, 200);
    assert.equal(unlinked.body.campaign_id, null);
    const again = await admin.get(`/campaigns/${campaign.id}/progress`);
    assert.equal(again.body.total.activities, before.body.total.activities);
    // The district's own view of the city's campaign.
    const own = await nanan.get(`/campaigns/${campaign.id}/progress`);
    assertStatus(own, 200);
    assert.equal(own.body.org_name, '南岸区总工会');
  });

  it('refuses a date outside the period, an unknown campaign and one that does not reach the union', async () => {
    const body = (over) => activityBody(nananOrg.id, { type: 'care', campaign_id: campaign.id, ...over, end_date: over.start_date ?? '2024-05-20' });
    assertError(await nanan.post('/activities', body({ start_date: '2024-06-11' })), 422, 'invalid_argument', 'campaign_id');
    assertError(await nanan.post('/activities', body({ start_date: '2024-05-19' })), 422, 'invalid_argument', 'campaign_id');
    assertError(await nanan.post('/activities', body({ campaign_id: 999999 })), 422, 'invalid_argument', 'campaign_id');
    assertError(await nanan.post('/activities', body({ campaign_id: 'x' })), 422, 'invalid_argument', 'campaign_id');
    const yz = await yuzhong.post('/campaigns', { name: uniq('渝中区关爱'), date_from: '2024-05-01', date_to: '2024-06-30', target_count: 100 });
    assertStatus(yz, 201);
    assertError(await nanan.post('/activities', body({ campaign_id: yz.body.id, start_date: '2024-06-01' })), 422, 'invalid_argument', 'campaign_id');
    // Moving a linked record out of the period is refused too.
    const ok = await nanan.post('/activities', body({ start_date: '2024-06-01' }));
    assertStatus(ok, 201);
    assertError(await nanan.patch(`/activities/${ok.body.id}`, { start_date: '2024-07-01', end_date: '2024-07-01' }), 422, 'invalid_argument', 'campaign_id');
    assert.equal((await nanan.get(`/activities/${ok.body.id}`)).body.start_date, '2024-06-01');
  });

  it('a district cannot record care for another district\'s union', async () => {
    assertError(await nanan.post('/activities', activityBody(yuzhongOrg.id, { type: 'care', campaign_id: campaign.id, start_date: '2024-06-01', end_date: '2024-06-01' })), 404, 'not_found', 'org_id');
    assertError(await nanan.get(`/campaigns/${campaign.id}/progress?org_id=${yuzhongOrg.id}`), 404, 'not_found');
  });
});

describe('progress kept as counters', () => {
  // Checks a progress answer against the records its links list.
  async function assertMatchesRecords(res) {
    assertStatus(res, 200);
    for (const r of [...res.body.rows, { ...res.body.total, org_name: 'total' }]) {
      const { items } = await listAll(admin, r.link.replace('/api/v1', ''));
      assert.equal(items.length, r.activities, `${r.org_name} activities`);
      assert.equal(sum(items, people), r.beneficiaries, `${r.org_name} beneficiaries`);
      assert.equal(sum(items, money), r.money_fen, `${r.org_name} money`);
      assert.deepEqual([...new Set(items.flatMap((a) => a.items))].sort(), [...r.items].sort(), `${r.org_name} items`);
    }
  }
  const care = (orgId, c, over = {}) => activityBody(orgId, {
    type: 'care', campaign_id: c.id, start_date: '2024-06-01', end_date: '2024-06-01',
    beneficiaries: [{ group: '职工子女', text: '10名' }], money: [{ text: '1万元', source: 'self_raised' }], items: ['书包'], ...over,
  });
  const rowOf = (body, orgId) => body.rows.find((r) => r.org_id === orgId && !r.own);

  it('follow edits, moves to another campaign and deletes of the linked records', async () => {
    const a = (await admin.post('/campaigns', { name: uniq('计数甲'), date_from: '2024-05-01', date_to: '2024-06-30', target_count: 100 })).body;
    const b = (await admin.post('/campaigns', { name: uniq('计数乙'), date_from: '2024-05-01', date_to: '2024-06-30', target_count: 100 })).body;
    const rec = await nanan.post('/activities', care(nananOrg.id, a));
    assertStatus(rec, 201);
    let pa = await admin.get(`/campaigns/${a.id}/progress`);
    assert.deepEqual([pa.body.total.activities, pa.body.total.beneficiaries, pa.body.total.money_fen, pa.body.total.items], [1, 10, 1_000_000, ['书包']]);
    assert.equal(rowOf(pa.body, nananOrg.id).beneficiaries, 10);
    // Edit the figures and the items.
    assertStatus(await nanan.patch(`/activities/${rec.body.id}`, {
      beneficiaries: [{ group: '职工子女', text: '25名' }], items: ['文具', '雨伞'], money: [{ text: '3万元', source: 'self_raised' }],
    }), 200);
    pa = await admin.get(`/campaigns/${a.id}/progress`);
    assert.deepEqual([pa.body.total.activities, pa.body.total.beneficiaries, pa.body.total.money_fen, pa.body.total.items], [1, 25, 3_000_000, ['文具', '雨伞']]);
    await assertMatchesRecords(pa);
    // Move it to the other campaign: out of one, into the other.
    assertStatus(await nanan.patch(`/activities/${rec.body.id}`, { campaign_id: b.id }), 200);
    pa = await admin.get(`/campaigns/${a.id}/progress`);
    assert.deepEqual([pa.body.total.activities, pa.body.total.beneficiaries, pa.body.rows.length, pa.body.total.items], [0, 0, 0, []]);
    const pb = await admin.get(`/campaigns/${b.id}/progress`);
    assert.deepEqual([pb.body.total.activities, pb.body.total.beneficiaries], [1, 25]);
    await assertMatchesRecords(pb);
    // A second record of a street union, then a delete.
    const street = await createUnion(nanan, nananOrg.id);
    const rec2 = await nanan.post('/activities', care(street.id, b, { participants: { text: '40余人' }, beneficiaries: [], money: [], items: [] }));
    assertStatus(rec2, 201);
    const own = await nanan.get(`/campaigns/${b.id}/progress`);
    assert.equal(own.body.total.beneficiaries, 65, 'a record without beneficiaries counts its participants');
    await assertMatchesRecords(own);
    assert.equal(rowOf(own.body, street.id).beneficiaries, 40);
    assertStatus(await nanan.del(`/activities/${rec.body.id}`), 204);
    const after = await admin.get(`/campaigns/${b.id}/progress`);
    assert.deepEqual([after.body.total.activities, after.body.total.beneficiaries, after.body.total.items], [1, 40, []]);
    await assertMatchesRecords(after);
  });

  it('a union\'s own records form its 本级 row, listed with own=true', async () => {
    const c = (await admin.post('/campaigns', { name: uniq('本级'), date_from: '2024-05-01', date_to: '2024-06-30', target_count: 100 })).body;
    assertStatus(await admin.post('/activities', care(city.id, c)), 201);
    assertStatus(await nanan.post('/activities', care(nananOrg.id, c)), 201);
    const res = await admin.get(`/campaigns/${c.id}/progress`);
    const own = res.body.rows.find((r) => r.own);
    assert.equal(own.org_name, '本级');
    assert.equal(own.link, `/api/v1/activities?campaign_id=${c.id}&org_id=${city.id}&axis=territorial&own=true`);
    assert.equal(own.activities, 1);
    await assertMatchesRecords(res);
    assertError(await admin.get('/activities?own=maybe'), 400, 'bad_request', 'own');
  });

  it('an org moved to another district takes its records\' figures along', async () => {
    const c = (await admin.post('/campaigns', { name: uniq('迁移'), date_from: '2024-05-01', date_to: '2024-06-30', target_count: 100 })).body;
    const top = await createUnion(nanan, nananOrg.id);
    const leaf = await createUnion(nanan, top.id);
    assertStatus(await nanan.post('/activities', care(leaf.id, c, { beneficiaries: [{ group: '职工子女', text: '7名' }] })), 201);
    let res = await admin.get(`/campaigns/${c.id}/progress`);
    assert.equal(rowOf(res.body, nananOrg.id).beneficiaries, 7);
    assert.equal(rowOf(res.body, yuzhongOrg.id), undefined);
    assertStatus(await admin.patch(`/orgs/${top.id}`, { parent_id: yuzhongOrg.id }), 200);
    res = await admin.get(`/campaigns/${c.id}/progress`);
    assert.equal(rowOf(res.body, nananOrg.id), undefined);
    assert.equal(rowOf(res.body, yuzhongOrg.id).beneficiaries, 7);
    await assertMatchesRecords(res);
    const yz = await yuzhong.get(`/campaigns/${c.id}/progress`);
    assert.equal(rowOf(yz.body, top.id).beneficiaries, 7);
  });
});

describe('campaigns', () => {
  it('a district creates its own campaign; others neither see nor edit it', async () => {
    const name = uniq('南岸区暑期关爱');
    const res = await nanan.post('/campaigns', { name, date_from: '2024-07-01', date_to: '2024-08-31', target_count: 200, target_unit: '名儿童', target_groups: ['农民工子女'] });
    assertStatus(res, 201);
    assert.equal(res.body.org_id, nananOrg.id);
    assert.equal(res.body.target_unit, '名儿童');
    assertError(await yuzhong.get(`/campaigns/${res.body.id}`), 404, 'not_found');
    assert.ok(!(await yuzhong.get('/campaigns?page_size=200')).body.items.some((c) => c.id === res.body.id));
    assert.ok((await admin.get(`/campaigns?org_id=${nananOrg.id}&page_size=200`)).body.items.some((c) => c.id === res.body.id));
    // The city's campaign reaches 南岸区, but 南岸区 may not edit it.
    assertStatus(await nanan.get(`/campaigns/${campaign.id}`), 200);
    assertError(await nanan.patch(`/campaigns/${campaign.id}`, { target_count: 5 }), 403, 'permission_denied');
    const patched = await nanan.patch(`/campaigns/${res.body.id}`, { target_count: 250 });
    assertStatus(patched, 200);
    assert.equal(patched.body.target_count, 250);
    const audit = await admin.get(`/audit?entity=campaign&entity_id=${res.body.id}`);
    assertStatus(audit, 200);
    assert.deepEqual(audit.body.items.map((e) => e.action).sort(), ['create', 'update']);
  });

  it('refuses bad fields, naming them', async () => {
    const body = (over) => ({ name: uniq('关爱'), date_from: '2024-05-20', date_to: '2024-06-10', target_count: 10, ...over });
    assertError(await nanan.post('/campaigns', body({ name: '' })), 422, 'invalid_argument', 'name');
    assertError(await nanan.post('/campaigns', body({ date_to: '2024-05-01' })), 422, 'invalid_argument', 'date_to');
    assertError(await nanan.post('/campaigns', body({ date_from: '2024-02-30' })), 422, 'invalid_argument', 'date_from');
    assertError(await nanan.post('/campaigns', body({ target_count: -1 })), 422, 'invalid_argument', 'target_count');
    assertError(await nanan.post('/campaigns', body({ colour: 'red' })), 422, 'invalid_argument', 'colour');
    assertError(await nanan.post('/campaigns', body({ org_id: yuzhongOrg.id })), 404, 'not_found', 'org_id');
    assertError(await reporter.post('/campaigns', body({})), 403, 'permission_denied');
    assertError(await reporter.get('/campaigns'), 403, 'permission_denied');
    assertStatus(await viewer.get('/campaigns'), 200);
    assertError(await viewer.post('/campaigns', body({})), 403, 'permission_denied');
  });

  it('refuses narrowing the period past a linked record', async () => {
    const c = await nanan.post('/campaigns', { name: uniq('南岸区关爱'), date_from: '2024-05-01', date_to: '2024-05-31', target_count: 10 });
    assertStatus(c, 201);
    const a = await nanan.post('/activities', activityBody(nananOrg.id, { type: 'care', start_date: '2024-05-20', campaign_id: c.body.id }));
    assertStatus(a, 201);
    assertError(await nanan.patch(`/campaigns/${c.body.id}`, { date_from: '2024-05-21' }), 409, 'failed_precondition', 'date_from');
    assertError(await nanan.patch(`/campaigns/${c.body.id}`, { date_to: '2024-05-19' }), [409, 422], undefined);
    assertStatus(await nanan.patch(`/campaigns/${c.body.id}`, { date_to: '2024-05-20' }), 200);
  });
});
