// Work records (SPEC §3.1, docs/api.md "Work records").

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { login, startServer } from './harness.mjs';
import { activityBody, assertError, assertStatus, count, createUnion, findOrg, uniq } from './util.mjs';

let srv;
let admin;
let nanan;
let nananOrg;
let partner;
let union; // a fresh 南岸区 grassroots union that also sits on the industry axis
let industry; // its industry parent

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const byId = (a, b) => a.id - b.id;

before(async () => {
  srv = await startServer();
  admin = await login(srv.url, 'admin');
  nanan = await login(srv.url, 'nanan');
  nananOrg = await findOrg(admin, '南岸区总工会');
  const ind = await admin.get('/orgs?kind=industry&page_size=200');
  assertStatus(ind, 200, 'industry unions');
  assert.ok(ind.body.items.length > 0, 'the demo has industry unions');
  industry = ind.body.items[0];
  const u = await admin.post('/orgs', {
    name: uniq('南岸活动测试工会'), kind: 'grassroots', parent_id: nananOrg.id, industry_parent_id: industry.id,
  });
  assertStatus(u, 201, 'create union');
  union = u.body;
  assert.equal(union.industry_parent_id, industry.id);
  const p = await nanan.post('/orgs', { name: uniq('南岸区妇联测试'), kind: 'partner', parent_id: nananOrg.id });
  assertStatus(p, 201, 'create partner');
  partner = p.body;
  assert.equal(partner.is_partner, true);
  assert.equal(partner.kind, 'partner');
});

after(async () => {
  await srv?.stop();
});

async function create(over = {}, client = nanan) {
  const res = await client.post('/activities', activityBody(nananOrg.id, over));
  assertStatus(res, 201, 'POST /activities');
  return res.body;
}

describe('quantities', () => {
  const cases = [
    ['40余人', 40, '余'],
    ['2万余人', 20000, '余'],
    ['近1000名', 1000, '近'],
    ['百余名', 100, '余'],
    ['50多人', 50, '多'],
    ['约300人', 300, '约'],
    ['500人以上', 500, '以上'],
  ];
  for (const [text, n, q] of cases) {
    it(`participants {text:"${text}"} → ${n} ${q || '(no qualifier)'}`, async () => {
      const a = await create({ participants: { text } });
      assert.equal(a.participants.count, n);
      assert.equal(a.participants.qualifier, q);
      assert.equal(a.participants.text, text, 'kept as written');
      const got = await nanan.get(`/activities/${a.id}`);
      assert.deepEqual(got.body.participants, a.participants);
    });
  }

  it('participants {count, qualifier} is taken as given', async () => {
    const a = await create({ participants: { count: 40, qualifier: '余' } });
    assert.equal(a.participants.count, 40);
    assert.equal(a.participants.qualifier, '余');
  });

  it('an unknown qualifier → 422 naming participants', async () => {
    const res = await nanan.post('/activities', activityBody(nananOrg.id, { participants: { count: 40, qualifier: '大约' } }));
    assertError(res, 422, 'invalid_argument');
    assert.match(res.body.error.field, /^participants/);
  });

  it('money {text:"10万元"} → 10000000 fen', async () => {
    const a = await create({ money: [{ text: '10万元', purpose: '慰问', source: 'self_raised' }] });
    assert.equal(a.money.length, 1);
    assert.equal(a.money[0].amount_fen, 10000000);
    assert.equal(a.money[0].qualifier, '');
    assert.equal(a.money[0].purpose, '慰问');
    assert.equal(a.money[0].source, 'self_raised');
    assert.equal(a.money[0].text, '10万元');
  });

  it('money {text:"最高5万元"} → 5000000 fen, qualifier 最高', async () => {
    const a = await create({ money: [{ text: '最高5万元', source: 'subsidy' }] });
    assert.equal(a.money[0].amount_fen, 5000000);
    assert.equal(a.money[0].qualifier, '最高');
    assert.equal(a.money[0].source, 'subsidy');
  });

  it('money {amount_fen, qualifier} is taken as given, several entries kept in order', async () => {
    const a = await create({
      money: [
        { amount_fen: 12345, qualifier: '', purpose: '购买书包', source: 'special_fund' },
        { text: '2.5万元', purpose: '慰问金' },
      ],
    });
    assert.equal(a.money.length, 2);
    assert.equal(a.money[0].amount_fen, 12345);
    assert.equal(a.money[0].source, 'special_fund');
    assert.equal(a.money[1].amount_fen, 2500000);
    assert.equal(a.money[1].purpose, '慰问金');
  });

  it('an unknown money source → 422 naming money, nothing written', async () => {
    const title = uniq('错误经费来源');
    const res = await nanan.post('/activities', activityBody(nananOrg.id, { title, money: [{ text: '1万元', source: 'bank' }] }));
    assertError(res, 422, 'invalid_argument');
    assert.match(res.body.error.field, /^money/);
    assert.equal(await count(nanan, `/activities?q=${encodeURIComponent(title)}`), 0);
  });
});

describe('a full record', () => {
  let sent;
  let a;
  before(async () => {
    sent = activityBody(nananOrg.id, {
      title: uniq('职工应急疏散、灭火接力竞赛'),
      type: 'competition',
      start_date: '2024-05-20',
      end_date: '2024-05-21',
      day_part: 'pm',
      places: ['重庆莉莱食品有限公司', '南坪广场'],
      participants: { text: '40余人' },
      beneficiaries: [{ group: '14周岁以下职工子女', text: '500人' }, { group: '货车司机', count: 50, qualifier: '余' }],
      target_groups: ['新就业形态劳动者', '农民工'],
      money: [{ text: '10万元', purpose: '慰问', source: 'self_raised' }],
      items: ['书包', '雨伞'],
      organisers: [nananOrg.id, union.id],
      partners: [partner.id],
      body: '南岸区总工会指导企业开展了应急疏散演练。',
    });
    const res = await nanan.post('/activities', sent);
    assertStatus(res, 201, 'POST /activities');
    a = res.body;
  });

  it('answers every field', () => {
    assert.equal(typeof a.id, 'number');
    assert.equal(a.org_id, nananOrg.id);
    assert.equal(a.title, sent.title);
    assert.equal(a.type, 'competition');
    assert.equal(a.start_date, '2024-05-20');
    assert.equal(a.end_date, '2024-05-21');
    assert.equal(a.day_part, 'pm');
    assert.deepEqual(a.places, sent.places);
    assert.deepEqual(a.target_groups, sent.target_groups);
    assert.deepEqual(a.items, ['书包', '雨伞']);
    assert.equal(a.body, sent.body);
    assert.equal(a.created_by, nanan.me.user.id);
    assert.match(a.created_at, /^\d{4}-\d\d-\d\dT/);
  });

  it('beneficiaries are parsed per group', () => {
    assert.equal(a.beneficiaries.length, 2);
    assert.equal(a.beneficiaries[0].group, '14周岁以下职工子女');
    assert.equal(a.beneficiaries[0].count, 500);
    assert.equal(a.beneficiaries[0].qualifier, '');
    assert.equal(a.beneficiaries[1].group, '货车司机');
    assert.equal(a.beneficiaries[1].count, 50);
    assert.equal(a.beneficiaries[1].qualifier, '余');
  });

  it('organisers and partners come back with names', () => {
    assert.deepEqual([...a.organisers].sort(byId), [
      { id: nananOrg.id, name: '南岸区总工会' }, { id: union.id, name: union.name },
    ].sort(byId));
    assert.deepEqual(a.partners, [{ id: partner.id, name: partner.name }]);
  });

  it('GET answers the same record', async () => {
    const got = await nanan.get(`/activities/${a.id}`);
    assertStatus(got, 200);
    assert.deepEqual(got.body, a);
  });

  it('an organiser that does not exist → 404 or 422, nothing written', async () => {
    const title = uniq('不存在的主办单位');
    const res = await nanan.post('/activities', activityBody(nananOrg.id, { title, organisers: [nananOrg.id, 999999999] }));
    assertError(res, [404, 422]);
    assert.equal(await count(nanan, `/activities?q=${encodeURIComponent(title)}`), 0);
  });
});

describe('validation', () => {
  it('end before start → 422 end_date', async () => {
    const res = await nanan.post('/activities', activityBody(nananOrg.id, { start_date: '2024-05-20', end_date: '2024-05-19' }));
    assertError(res, 422, 'invalid_argument', 'end_date');
  });

  it('an unknown type → 422 type', async () => {
    assertError(await nanan.post('/activities', activityBody(nananOrg.id, { type: 'party' })), 422, 'invalid_argument', 'type');
  });

  it('a malformed or impossible date → 422 start_date', async () => {
    for (const d of ['2024-5-20', '2024-02-30', '20240520', 'yesterday']) {
      const res = await nanan.post('/activities', activityBody(nananOrg.id, { start_date: d, end_date: undefined }));
      assertError(res, 422, 'invalid_argument', 'start_date');
    }
  });

  it('an unknown day_part → 422 day_part', async () => {
    assertError(await nanan.post('/activities', activityBody(nananOrg.id, { day_part: 'evening' })), 422, 'invalid_argument', 'day_part');
  });

  it('every documented type is accepted', async () => {
    for (const type of ['meeting', 'education', 'training', 'competition', 'culture_sports', 'care', 'consultation', 'guidance', 'award', 'other']) {
      const a = await create({ type });
      assert.equal(a.type, type);
    }
  });
});

describe('lists', () => {
  const tag = uniq('筛选');
  const made = {};
  before(async () => {
    // Created out of date order, a little apart, so that -created_at differs from -start_date.
    const specs = [
      ['a3', { type: 'training', start_date: '2024-03-20', end_date: '2024-03-20', title: `${tag} 灭火接力培训` }],
      ['a1', { type: 'meeting', start_date: '2024-01-10', end_date: '2024-01-10', title: `${tag} 职工代表大会` }],
      ['a5', { type: 'competition', start_date: '2024-06-01', end_date: '2024-06-01', title: `${tag} 乒乓球比赛` }],
      ['a2', { type: 'training', start_date: '2024-02-15', end_date: '2024-02-15', title: `${tag} 集体协商指导员培训` }],
      ['a4', { type: 'care', start_date: '2024-04-25', end_date: '2024-04-26', title: `${tag} 爱心托管班开班` }],
    ];
    for (const [key, over] of specs) {
      const res = await nanan.post('/activities', { ...activityBody(union.id), ...over });
      assertStatus(res, 201, `create ${key}`);
      made[key] = res.body;
      await sleep(1100);
    }
  });

  const ids = (res) => res.body.items.map((a) => a.id);
  const idsOf = (...keys) => keys.map((k) => made[k].id);
  const set = (arr) => [...arr].sort((x, y) => x - y);

  it('org_id selects the subtree', async () => {
    const res = await nanan.get(`/activities?org_id=${union.id}&page_size=200`);
    assertStatus(res, 200);
    assert.equal(res.body.total, 5);
    assert.deepEqual(set(ids(res)), set(idsOf('a1', 'a2', 'a3', 'a4', 'a5')));
    const up = await nanan.get(`/activities?org_id=${nananOrg.id}&q=${encodeURIComponent(tag)}&page_size=200`);
    assert.equal(up.body.total, 5, 'the district sees its unions\' records');
    const root = await admin.get(`/activities?q=${encodeURIComponent(tag)}&page_size=200`);
    assert.equal(root.body.total, 5, 'the city sees them too');
  });

  it('type filters', async () => {
    const res = await nanan.get(`/activities?org_id=${union.id}&type=training`);
    assertStatus(res, 200);
    assert.equal(res.body.total, 2);
    assert.deepEqual(set(ids(res)), set(idsOf('a2', 'a3')));
    for (const a of res.body.items) assert.equal(a.type, 'training');
  });

  it('from/to filter by date, inclusive', async () => {
    const r1 = await nanan.get(`/activities?org_id=${union.id}&from=2024-02-15&to=2024-03-20`);
    assertStatus(r1, 200);
    assert.deepEqual(set(ids(r1)), set(idsOf('a2', 'a3')));
    assert.equal(r1.body.total, 2);
    const r2 = await nanan.get(`/activities?org_id=${union.id}&to=2024-01-10`);
    assert.deepEqual(ids(r2), idsOf('a1'));
    const r3 = await nanan.get(`/activities?org_id=${union.id}&from=2024-04-01`);
    assert.deepEqual(set(ids(r3)), set(idsOf('a4', 'a5')));
  });

  it('q searches text, two-character Chinese words included', async () => {
    const r1 = await nanan.get(`/activities?org_id=${union.id}&q=${encodeURIComponent('灭火接力')}`);
    assertStatus(r1, 200);
    assert.deepEqual(ids(r1), idsOf('a3'));
    const r2 = await nanan.get(`/activities?org_id=${union.id}&q=${encodeURIComponent('托管')}`);
    assert.deepEqual(ids(r2), idsOf('a4'));
    const r3 = await nanan.get(`/activities?org_id=${union.id}&q=${encodeURIComponent('培训')}`);
    assert.deepEqual(set(ids(r3)), set(idsOf('a2', 'a3')));
    const r4 = await nanan.get(`/activities?org_id=${union.id}&q=${encodeURIComponent('没有这个词')}`);
    assert.equal(r4.body.total, 0);
  });

  it('filters combine', async () => {
    const res = await nanan.get(`/activities?org_id=${union.id}&type=training&from=2024-03-01&q=${encodeURIComponent(tag)}`);
    assertStatus(res, 200);
    assert.deepEqual(ids(res), idsOf('a3'));
  });

  it('axis=industry rolls up along the industry parent', async () => {
    const q = `q=${encodeURIComponent(tag)}&page_size=200`;
    const ind = await admin.get(`/activities?org_id=${industry.id}&axis=industry&${q}`);
    assertStatus(ind, 200);
    assert.equal(ind.body.total, 5);
    const dflt = await admin.get(`/activities?org_id=${industry.id}&${q}`);
    assertStatus(dflt, 200);
    assert.equal(dflt.body.total, 5, 'an industry org_id defaults to the industry axis');
    const terr = await admin.get(`/activities?org_id=${industry.id}&axis=territorial&${q}`);
    assertStatus(terr, 200);
    assert.equal(terr.body.total, 0, 'not on the territorial axis of the industry union');
    const bad = await admin.get(`/activities?org_id=${industry.id}&axis=diagonal`);
    assertError(bad, [400, 422]);
  });

  it('pagination: total, page, page_size', async () => {
    const seen = [];
    for (let page = 1; page <= 3; page++) {
      const res = await nanan.get(`/activities?org_id=${union.id}&page_size=2&page=${page}`);
      assertStatus(res, 200);
      assert.equal(res.body.total, 5);
      assert.equal(res.body.page, page);
      assert.equal(res.body.page_size, 2);
      assert.equal(res.body.items.length, page < 3 ? 2 : 1);
      seen.push(...ids(res));
    }
    assert.deepEqual(set(seen), set(idsOf('a1', 'a2', 'a3', 'a4', 'a5')), 'pages are disjoint and complete');
    const past = await nanan.get(`/activities?org_id=${union.id}&page_size=2&page=4`);
    assertStatus(past, 200);
    assert.equal(past.body.items.length, 0);
    assert.equal(past.body.total, 5);
    const dflt = await nanan.get(`/activities?org_id=${union.id}`);
    assert.equal(dflt.body.page, 1);
    assert.equal(dflt.body.page_size, 20);
  });

  it('bad pagination parameters are refused', async () => {
    assertError(await nanan.get(`/activities?page=abc`), 400, 'bad_request');
    assertError(await nanan.get(`/activities?page=0`), [400, 422]);
    assertError(await nanan.get(`/activities?page_size=0`), [400, 422]);
    assertError(await nanan.get(`/activities?page_size=201`), [400, 422]);
    assertError(await nanan.get(`/activities?from=2024-13-01`), [400, 422]);
  });

  it('sort: -start_date (default), start_date, -created_at', async () => {
    const dflt = await nanan.get(`/activities?org_id=${union.id}`);
    assert.deepEqual(ids(dflt), idsOf('a5', 'a4', 'a3', 'a2', 'a1'));
    const desc = await nanan.get(`/activities?org_id=${union.id}&sort=-start_date`);
    assert.deepEqual(ids(desc), idsOf('a5', 'a4', 'a3', 'a2', 'a1'));
    const asc = await nanan.get(`/activities?org_id=${union.id}&sort=start_date`);
    assert.deepEqual(ids(asc), idsOf('a1', 'a2', 'a3', 'a4', 'a5'));
    const created = await nanan.get(`/activities?org_id=${union.id}&sort=-created_at`);
    assert.deepEqual(ids(created), idsOf('a4', 'a2', 'a5', 'a1', 'a3'));
    assertError(await nanan.get(`/activities?org_id=${union.id}&sort=title;drop`), [400, 422]);
  });
});

describe('q is literal text', () => {
  it('% and _ are not wildcards', async () => {
    const g = await createUnion(nanan, nananOrg.id);
    const mk = async (title) => {
      const res = await nanan.post('/activities', activityBody(g.id, { title }));
      assertStatus(res, 201);
      return res.body.id;
    };
    const pct = await mk('职工参与率达到100%');
    const us = await mk('snake_case 培训');
    await mk('普通的活动标题');
    const q = async (text) => (await nanan.get(`/activities?org_id=${g.id}&q=${encodeURIComponent(text)}`)).body.items.map((a) => a.id);
    assert.deepEqual(await q('%'), [pct], 'q=% matches only the title containing %');
    assert.deepEqual(await q('_'), [us], 'q=_ matches only the title containing _');
    assert.deepEqual(await q('100%'), [pct]);
    assert.deepEqual(await q('e_c'), [us]);
  });

  it('quotes and SQL in q are just text', async () => {
    const res = await nanan.get(`/activities?q=${encodeURIComponent("'; DROP TABLE activities; --")}`);
    assertStatus(res, 200);
    assert.equal(res.body.total, 0);
    assertStatus(await nanan.get('/activities?page_size=1'), 200);
  });
});

describe('PATCH and DELETE', () => {
  it('PATCH changes only the given fields', async () => {
    const a = await create({ type: 'training', participants: { text: '40余人' }, organisers: [nananOrg.id] });
    const res = await nanan.patch(`/activities/${a.id}`, { title: '修改后的培训', participants: { text: '近1000名' } });
    assertStatus(res, 200);
    assert.equal(res.body.title, '修改后的培训');
    assert.equal(res.body.participants.count, 1000);
    assert.equal(res.body.participants.qualifier, '近');
    assert.equal(res.body.type, 'training');
    assert.equal(res.body.start_date, a.start_date);
    assert.deepEqual(res.body.organisers, a.organisers);
    const got = await nanan.get(`/activities/${a.id}`);
    assert.deepEqual(got.body, res.body);
  });

  it('a PATCH making end < start → 422 end_date, unchanged', async () => {
    const a = await create({ start_date: '2024-05-20', end_date: '2024-05-22' });
    assertError(await nanan.patch(`/activities/${a.id}`, { end_date: '2024-05-01' }), 422, 'invalid_argument', 'end_date');
    assertError(await nanan.patch(`/activities/${a.id}`, { start_date: '2024-06-01' }), 422, 'invalid_argument', 'end_date');
    const got = await nanan.get(`/activities/${a.id}`);
    assert.equal(got.body.start_date, '2024-05-20');
    assert.equal(got.body.end_date, '2024-05-22');
  });

  it('DELETE → 204, then GET → 404 and absent from the list', async () => {
    const a = await create({ title: uniq('待删除活动') });
    assert.equal(await count(nanan, `/activities?q=${encodeURIComponent(a.title)}`), 1);
    const del = await nanan.del(`/activities/${a.id}`);
    assert.equal(del.status, 204, del.text);
    assert.equal(del.text, '', '204 has no body');
    assertError(await nanan.get(`/activities/${a.id}`), 404, 'not_found');
    assertError(await admin.get(`/activities/${a.id}`), 404, 'not_found');
    assert.equal(await count(nanan, `/activities?q=${encodeURIComponent(a.title)}`), 0);
    assert.equal(await count(admin, `/activities?q=${encodeURIComponent(a.title)}`), 0);
    assertError(await nanan.patch(`/activities/${a.id}`, { title: '复活' }), 404, 'not_found');
    assertError(await nanan.del(`/activities/${a.id}`), 404, 'not_found');
  });

  it('GET of an id that never existed → 404, of a non-numeric id → 400/404', async () => {
    assertError(await nanan.get('/activities/999999999'), 404, 'not_found');
    assertError(await nanan.get('/activities/abc'), [400, 404]);
  });
});
