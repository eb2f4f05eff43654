// The dashboard: every figure of every area equals what the list behind its link shows (walked
// for two unions on each axis), figures follow the records, scope holds, and each figure offers
// its sentence in a bulletin's register with the exact figure and date cited.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { login, startServer } from './harness.mjs';
import { activityBody, assertDenied, assertError, assertStatus, findOrg, todayInChina, uniq } from './util.mjs';

let srv, admin, nanan, yuzhong, viewer, reporter;

before(async () => {
  srv = await startServer();
  [admin, nanan, yuzhong, viewer, reporter] = await Promise.all(
    ['admin', 'nanan', 'yuzhong', 'viewer', 'reporter.nanan'].map((u) => login(srv.url, u)));
});

after(async () => {
  await srv?.stop();
});

const api = (link) => link.replace(/^\/api\/v1/, '');

// What the page behind a figure's link shows for it.
async function shown(client, figure) {
  const res = await client.get(api(figure.link));
  assertStatus(res, 200, figure.link);
  if (figure.key.startsWith('labour.') && figure.unit === '%') {
    return res.body.rates.find((r) => `labour.${r.key}` === figure.key).numerator;
  }
  return res.body.total;
}

async function walk(client, query) {
  const res = await client.get(`/dashboard?${query}`);
  assertStatus(res, 200, query);
  const { figures } = res.body;
  assert.ok(figures.length > 30, `${query}: ${figures.length} figures`);
  for (const f of figures) {
    let want;
    if (f.key === 'news.rank') {
      const page = await client.get(api(f.link));
      assertStatus(page, 200, f.link);
      want = page.body.items.find((i) => i.org_id === res.body.org_id).rank;
    } else {
      want = await shown(client, f);
    }
    assert.equal(f.value, want, `${query} ${f.key}: dashboard ${f.value}, its list ${want} (${f.link})`);
    assert.equal(typeof f.sentence, 'string');
    assert.ok(f.sentence.includes(f.phrase), `${f.key}: ${f.sentence}`);
    assert.match(f.citation, new RegExp(`截至\\d{4}年\\d{1,2}月\\d{1,2}日为`));
  }
  return res.body;
}

describe('dashboard', () => {
  it('shows on each figure the total of the list its link opens, for two unions on each axis', async () => {
    const city = await findOrg(admin, '重庆市总工会');
    const nananOrg = await findOrg(admin, '南岸区总工会');
    const industry = await findOrg(admin, '重庆市教育工会');
    for (const year of [2024, Number(todayInChina().slice(0, 4))]) {
      const c = await walk(admin, `org_id=${city.id}&axis=territorial&year=${year}`);
      assert.equal(c.org_name, '重庆市总工会');
      assert.ok(c.figures.find((f) => f.key === 'activities').sentence.startsWith('全市各级工会组织'));
      const n = await walk(admin, `org_id=${nananOrg.id}&axis=territorial&year=${year}`);
      assert.ok(n.figures.some((f) => f.key === 'news.rank'), 'a district has an adoption rank');
      assert.ok(n.figures.find((f) => f.key === 'activities').sentence.startsWith('南岸区各级工会组织'));
      await walk(admin, `org_id=${city.id}&axis=industry&year=${year}`);
      await walk(admin, `org_id=${industry.id}&axis=industry&year=${year}`);
    }
    // The whole city reads the same on both axes at the top.
    const t = (await admin.get(`/dashboard?org_id=${city.id}&axis=territorial&year=2024`)).body.figures;
    const i = (await admin.get(`/dashboard?org_id=${city.id}&axis=industry&year=2024`)).body.figures;
    assert.equal(t.find((f) => f.key === 'activities').value, i.find((f) => f.key === 'activities').value);
  });

  it('follows the records: a new work record and a new task plan move their figures', async () => {
    const nananOrg = await findOrg(nanan, '南岸区总工会');
    const year = todayInChina().slice(0, 4);
    const get = async () => Object.fromEntries((await nanan.get(`/dashboard?year=${year}`)).body.figures.map((f) => [f.key, f.value]));
    const before = await get();
    const rec = await nanan.post('/activities', activityBody(nananOrg.id, { title: uniq('南岸区工会推进会'), type: 'meeting', start_date: todayInChina(), end_date: todayInChina() }));
    assertStatus(rec, 201);
    const plan = await nanan.post('/tasks/plans', {
      title: uniq('南岸方案'), period_from: `${year}-01-01`, period_to: `${year}-12-31`,
      items: [{ org_id: nananOrg.id, title: '任务', responsible: '张三', deadline: `${year}-01-01` }],
    });
    assertStatus(plan, 201);
    const after = await get();
    assert.equal(after.activities, before.activities + 1);
    assert.equal(after['activities.meeting'], before['activities.meeting'] + 1);
    assert.equal(after['tasks.plans_open'], before['tasks.plans_open'] + 1);
    assert.equal(after['tasks.items'], before['tasks.items'] + 1);
    assert.equal(after['tasks.overdue'], before['tasks.overdue'] + (todayInChina() > `${year}-01-01` ? 1 : 0));
  });

  it('keeps to the caller\'s scope and permissions', async () => {
    const yuzhongOrg = await findOrg(admin, '渝中区总工会');
    assertDenied(await nanan.get(`/dashboard?org_id=${yuzhongOrg.id}`), "another district's dashboard");
    const own = await yuzhong.get('/dashboard');
    assertStatus(own, 200);
    assert.equal(own.body.org_id, yuzhongOrg.id);
    assertStatus(await viewer.get('/dashboard'), 200);
    // A reporter reads work records and news, not members or labour relations.
    const r = await reporter.get('/dashboard');
    assertStatus(r, 200);
    const keys = r.body.figures.map((f) => f.key);
    assert.ok(keys.includes('activities') && keys.includes('news.adopted'));
    assert.ok(!keys.includes('members') && !keys.some((k) => k.startsWith('labour.')));
    assertError(await admin.get('/dashboard?near=maybe'), 422, 'invalid_argument', 'near');
    assertError(await admin.get('/dashboard?year=abc'), 400, 'bad_request', 'year');
  });

  it('phrases figures as a bulletin writes them, with 近 configurable', async () => {
    const res = await admin.get('/dashboard?year=2024');
    for (const f of res.body.figures.filter((x) => x.unit !== '%' && x.key !== 'news.rank')) {
      if (f.value < 100) assert.equal(f.phrase, `${f.value}${f.unit}`, f.key);
      else assert.match(f.phrase, /^(近)?[\d.]+万?(余)?/, f.key);
      assert.ok(f.citation.includes(`为${f.value}${f.unit}`), `${f.key}: ${f.citation}`);
    }
    const floor = await admin.get('/dashboard?year=2024&near=false');
    assert.ok(floor.body.figures.every((f) => !f.phrase.startsWith('近')));
  });
});
