// Competitions (竞赛): the demo's 奉节县 乒乓球比赛 (ranking with a tie, top 5
// awarded and qualified for the city games) and the bus skills competition
// (team format, 巾帼奖 and 新秀奖), then a whole event made through the API:
// entries, results, ranking, qualification (refused while incomplete,
// idempotent), and scope.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { login, startServer } from './harness.mjs';
import { assertError, assertStatus, createUnion, findOrg, uniq } from './util.mjs';

let srv, admin, nanan, yuzhong, reporter, nananOrg, yuzhongOrg;

async function demoEvent(name) {
  const res = await admin.get(`/competitions?q=${encodeURIComponent(name)}`);
  assertStatus(res, 200);
  const hit = res.body.items.find((c) => c.name === name);
  assert.ok(hit, `demo event ${name}`);
  return hit;
}

before(async () => {
  srv = await startServer();
  [admin, nanan, yuzhong, reporter] = await Promise.all(
    ['admin', 'nanan', 'yuzhong', 'reporter.nanan'].map((u) => login(srv.url, u)));
  nananOrg = await findOrg(admin, '南岸区总工会');
  yuzhongOrg = await findOrg(admin, '渝中区总工会');
});

after(async () => {
  await srv?.stop();
});

describe('the demo events', () => {
  it('ranks 奉节\'s table tennis with a tie, awards the top 5, and qualified them to the city games', async () => {
    const event = await demoEvent('2024年“互助保障杯”乒乓球比赛');
    assert.equal(event.org_name, '奉节县总工会');
    assert.equal(event.parent_name, '重庆市第三届职工运动会乒乓球比赛');
    assert.deepEqual(event.categories.map((k) => k.name), ['男子单打', '女子单打']);
    const res = await admin.get(`/competitions/${event.id}/ranking`);
    assertStatus(res, 200);
    for (const k of res.body.categories) {
      assert.equal(k.complete, true);
      assert.deepEqual(k.items.map((e) => e.rank), [1, 2, 2, 4, 5, 6, 7, 8], k.name);
      assert.deepEqual(k.items.map((e) => e.award), ['一等奖', '二等奖', '二等奖', '三等奖', '三等奖', '', '', '']);
      assert.equal(k.items[1].score, k.items[2].score, 'the tie');
      assert.deepEqual(k.items.map((e) => e.qualified_entry_id !== null), [true, true, true, true, true, false, false, false]);
      // Qualifying again creates nothing.
      const q = await admin.post(`/competitions/${event.id}/qualify`, { category_id: k.id });
      assertStatus(q, 200);
      assert.equal(q.body.created, 0);
      assert.equal(q.body.existing, 5);
      assert.ok(q.body.items.every((e) => e.competition_id === event.parent_id && e.category_name === k.name));
    }
  });

  it('gives the drivers\' special awards and ranks the mechanics as teams', async () => {
    const event = await demoEvent('2024年重庆城市公交新能源客车职工职业技能竞赛');
    assert.equal(event.kind, 'skills');
    assert.equal(event.org_name, '重庆市交通建设工会');
    const res = await admin.get(`/competitions/${event.id}/ranking`);
    const drivers = res.body.categories.find((k) => k.name === '驾驶员');
    const mechanics = res.body.categories.find((k) => k.name === '修理工');
    assert.equal(drivers.format, 'individual');
    assert.deepEqual(drivers.items.flatMap((e) => e.special_awards).sort(), ['巾帼奖', '新秀奖'].sort());
    assert.equal(mechanics.format, 'team');
    assert.ok(mechanics.items.every((e) => e.team_name && e.members.length === 3));
    assert.deepEqual(mechanics.items.map((e) => e.rank), [1, 2, 3, 3, 5]);
    const x = await admin.download(`/competitions/${event.id}/ranking?format=xlsx`);
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
    assert.equal(x.bytes.subarray(0, 2).toString(), 'PK');
  });
});

describe('an event made through the API', () => {
  let parent, event, men, streets = [];

  before(async () => {
    const p = await admin.post('/competitions', {
      name: uniq('市职工运动会羽毛球比赛'), kind: 'sports', level: 'city', start_date: '2024-08-01',
      categories: [{ name: '男子单打', format: 'individual', scoring: 'place' }],
    });
    assertStatus(p, 201);
    parent = p.body;
    const e = await nanan.post('/competitions', {
      name: uniq('南岸区羽毛球比赛'), kind: 'sports', level: 'district', start_date: '2024-06-15', end_date: '2024-06-16', parent_id: parent.id,
      categories: [
        { name: '男子单打', format: 'individual', scoring: 'high', qualify_top: 2,
          awards: [{ name: '一等奖', up_to_rank: 1 }, { name: '二等奖', up_to_rank: 3 }], special_awards: ['新秀奖'] },
        { name: '团体', format: 'team', scoring: 'low' },
      ],
    });
    assertStatus(e, 201);
    event = e.body;
    men = event.categories[0];
    assert.equal(event.org_id, nananOrg.id);
    assert.equal(event.parent_id, parent.id);
    for (let i = 0; i < 2; i++) streets.push(await createUnion(nanan, nananOrg.id));
  });

  it('enters players of the district\'s unions and refuses another district\'s union', async () => {
    const names = ['甲', '乙', '丙', '丁'];
    for (let i = 0; i < names.length; i++) {
      const r = await nanan.post(`/competitions/${event.id}/entries`, { category_id: men.id, org_id: streets[i % 2].id, name: `选手${names[i]}` });
      assertStatus(r, 201);
      assert.equal(r.body.rank, null);
    }
    assertError(await nanan.post(`/competitions/${event.id}/entries`, { category_id: men.id, org_id: yuzhongOrg.id, name: '外区选手' }), 404, 'not_found', 'org_id');
    assertError(await nanan.post(`/competitions/${event.id}/entries`, { category_id: men.id, org_id: streets[0].id }), 422, 'invalid_argument', 'name');
    assertError(await nanan.post(`/competitions/${event.id}/entries`, { category_id: event.categories[1].id, org_id: streets[0].id, name: 'x' }), 422, 'invalid_argument', 'team_name');
    assertError(await nanan.post(`/competitions/${event.id}/entries`, { category_id: men.id, org_id: streets[0].id, name: 'x', special_awards: ['巾帼奖'] }), 422, 'invalid_argument', 'special_awards[0]');
    assertError(await nanan.post(`/competitions/${event.id}/entries`, { category_id: 999999, name: 'x' }), 422, 'invalid_argument', 'category_id');
    // 渝中区 does not even see 南岸区's event.
    assertError(await yuzhong.get(`/competitions/${event.id}`), 404, 'not_found');
    assertError(await yuzhong.post(`/competitions/${event.id}/entries`, { category_id: men.id, name: 'x' }), 404, 'not_found');
    assertError(await reporter.post(`/competitions/${event.id}/entries`, { category_id: men.id, name: 'x' }), 403, 'permission_denied');
  });

  it('refuses qualification while results are incomplete, then ranks with ties and qualifies the top 2 with everyone tied at the cut', async () => {
    const list = await nanan.get(`/competitions/${event.id}/entries?category_id=${men.id}`);
    assertStatus(list, 200);
    const ids = list.body.items.map((e) => e.id);
    assert.equal(ids.length, 4);
    let r = await nanan.post(`/competitions/${event.id}/results`, { category_id: men.id, results: [{ entry_id: ids[0], score: 21 }] });
    assertStatus(r, 200);
    assert.equal(r.body.complete, false);
    assertError(await nanan.post(`/competitions/${event.id}/qualify`, { category_id: men.id }), 409, 'failed_precondition', 'results');
    assertError(await nanan.post(`/competitions/${event.id}/results`, { category_id: men.id, results: [{ entry_id: ids[1], place: 1 }] }), 422, 'invalid_argument', 'results[0].score');
    assertError(await nanan.post(`/competitions/${event.id}/results`, { category_id: men.id, results: [{ entry_id: ids[1], score: 'x' }] }), 422, 'invalid_argument', 'results[0].score');
    r = await nanan.post(`/competitions/${event.id}/results`, { category_id: men.id, results: [{ entry_id: ids[1], score: 18 }, { entry_id: ids[2], score: 18 }, { entry_id: ids[3], score: 10 }] });
    assertStatus(r, 200);
    assert.equal(r.body.complete, true);
    assert.deepEqual(r.body.items.map((e) => e.rank), [1, 2, 2, 4]);
    assert.deepEqual(r.body.items.map((e) => e.award), ['一等奖', '二等奖', '二等奖', '']);
    // Special award attached to an entry.
    const special = await nanan.patch(`/competitions/${event.id}/entries/${ids[3]}`, { special_awards: ['新秀奖'] });
    assertStatus(special, 200);
    assert.deepEqual(special.body.special_awards, ['新秀奖']);

    const q = await nanan.post(`/competitions/${event.id}/qualify`, { category_id: men.id });
    assertStatus(q, 200);
    assert.equal(q.body.created, 3, 'ranks 1, 2, 2 go through');
    const again = await nanan.post(`/competitions/${event.id}/qualify`, { category_id: men.id });
    assert.equal(again.body.created, 0);
    assert.equal(again.body.existing, 3);
    const up = await admin.get(`/competitions/${parent.id}/entries`);
    assert.equal(up.body.items.length, 3);
    assert.ok(up.body.items.every((e) => ids.includes(e.qualified_from_entry_id)));
    // A qualified entry may not be withdrawn; an unqualified one may.
    assertError(await nanan.del(`/competitions/${event.id}/entries/${ids[0]}`), 409, 'failed_precondition');
    assertStatus(await nanan.del(`/competitions/${event.id}/entries/${ids[3]}`), 204);
    // The organiser of the parent is the city: 南岸区 may not record its results.
    assertError(await nanan.post(`/competitions/${parent.id}/results`, { category_id: parent.categories[0].id, results: [] }), 403, 'permission_denied');
    // Audit of the results and the qualification.
    const audit = await admin.get(`/audit?entity=competition&entity_id=${event.id}`);
    assert.ok(audit.body.items.some((e) => e.action === 'results'));
  });

  it('refuses qualification without a parent or a quota, and bad event fields', async () => {
    assertError(await nanan.post(`/competitions/${event.id}/qualify`, { category_id: event.categories[1].id }), 409, 'failed_precondition', 'qualify_top');
    assertError(await admin.post(`/competitions/${parent.id}/qualify`, { category_id: parent.categories[0].id }), 409, 'failed_precondition', 'parent_id');
    const body = (over) => ({ name: uniq('赛'), kind: 'sports', level: 'district', start_date: '2024-06-01', categories: [{ name: '单打' }], ...over });
    assertError(await nanan.post('/competitions', body({ kind: 'chess' })), 422, 'invalid_argument', 'kind');
    assertError(await nanan.post('/competitions', body({ categories: [] })), 422, 'invalid_argument', 'categories');
    assertError(await nanan.post('/competitions', body({ categories: [{ name: '单打', scoring: 'best' }] })), 422, 'invalid_argument', 'categories[0].scoring');
    assertError(await nanan.post('/competitions', body({ categories: [{ name: '单打', awards: [{ name: '一等奖', up_to_rank: 0 }] }] })), 422, 'invalid_argument', 'categories[0].awards[0].up_to_rank');
    assertError(await nanan.post('/competitions', body({ end_date: '2024-05-01' })), 422, 'invalid_argument', 'end_date');
    assertError(await nanan.post('/competitions', body({ org_id: yuzhongOrg.id })), 404, 'not_found', 'org_id');
    assertError(await nanan.patch(`/competitions/${event.id}`, { parent_id: event.id }), 422, 'invalid_argument', 'parent_id');
    assertError(await nanan.patch(`/competitions/${event.id}`, { categories: [{ id: event.categories[1].id, name: '团体', format: 'team' }] }), 409, 'failed_precondition', 'categories');
  });
});
