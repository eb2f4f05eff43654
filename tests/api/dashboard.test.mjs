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

describe('trends', () => {
  it('counts a dated figure by month and by week, each period and its year-earlier one as their lists show', async () => {
    const nananOrg = await findOrg(admin, '南岸区总工会');
    const q = `org_id=${nananOrg.id}&key=activities&from=2024-01-01&to=2024-12-31`;
    const res = await nanan.get(`/dashboard/trends?${q}`);
    assertStatus(res, 200, q);
    assert.equal(res.body.by, 'month');
    assert.deepEqual(res.body.points.map((p) => p.label), Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`));
    let sum = 0;
    for (const p of res.body.points) {
      const list = await nanan.get(api(p.link));
      assertStatus(list, 200, p.link);
      assert.equal(p.value, list.body.total, `${p.label}: ${p.link}`);
      const was = await nanan.get(api(p.previous.link));
      assert.equal(p.previous.value, was.body.total, `${p.label} a year earlier: ${p.previous.link}`);
      assert.equal(p.previous.from, p.from.replace('2024', '2023'));
      sum += p.value;
    }
    const year = await nanan.get(`/activities?org_id=${nananOrg.id}&from=2024-01-01&to=2024-12-31&page_size=1`);
    assert.equal(sum, year.body.total, 'the months add up to the year');
    assert.equal(res.body.points[1].previous.to, '2023-02-28', '29 February a year earlier');

    const weeks = await nanan.get(`/dashboard/trends?key=news.adopted&by=week&from=2024-12-25&to=2025-01-10`);
    assertStatus(weeks, 200);
    assert.deepEqual(weeks.body.points.map((p) => [p.label, p.from, p.to]), [
      ['2024-W52', '2024-12-25', '2024-12-29'], ['2025-W01', '2024-12-30', '2025-01-05'], ['2025-W02', '2025-01-06', '2025-01-10']]);
    for (const p of weeks.body.points) {
      assert.equal(p.value, (await nanan.get(api(p.link))).body.total, p.link);
    }
    // The default period: the last twelve months, month by month, up to today.
    const recent = await admin.get('/dashboard/trends?key=activities.meeting');
    assertStatus(recent, 200);
    assert.equal(recent.body.to, todayInChina());
    assert.ok(recent.body.points.length >= 12 && recent.body.points.length <= 13);
  });

  it('a figure written today moves its trend, and a district reads only its own subtree', async () => {
    const nananOrg = await findOrg(admin, '南岸区总工会');
    const today = todayInChina();
    const before = await nanan.get(`/dashboard/trends?key=activities&from=${today}&to=${today}`);
    const body = activityBody(nananOrg.id, { title: uniq('趋势测试'), start_date: today, end_date: today });
    assertStatus(await nanan.post('/activities', body), 201);
    const after = await nanan.get(`/dashboard/trends?key=activities&from=${today}&to=${today}`);
    assert.equal(after.body.points[0].value, before.body.points[0].value + 1);
    const yuzhongOrg = await findOrg(admin, '渝中区总工会');
    assertError(await nanan.get(`/dashboard/trends?org_id=${yuzhongOrg.id}&key=activities`), 404, 'not_found');
  });

  it('refuses what is not a dated figure, a bad grouping and bad periods, naming the parameter', async () => {
    assertError(await admin.get('/dashboard/trends'), 422, 'invalid_argument', 'key');
    assertError(await admin.get('/dashboard/trends?key=nothing'), 422, 'invalid_argument', 'key');
    assertError(await admin.get('/dashboard/trends?key=members'), 422, 'invalid_argument', 'key');
    assertError(await admin.get('/dashboard/trends?key=activities&by=day'), 422, 'invalid_argument', 'by');
    assertError(await admin.get('/dashboard/trends?key=activities&from=2020-01-01&to=2024-01-01'), 422, 'invalid_argument', 'to');
    assertError(await admin.get('/dashboard/trends?key=activities&from=2024-13-01'), 422, 'invalid_argument', 'from');
  });
});

describe('ranking', () => {
  it('ranks the child unions by a figure, each value the total of its list, ties sharing a rank', async () => {
    const res = await admin.get('/dashboard/ranking?key=activities&year=2024');
    assertStatus(res, 200);
    assert.ok(res.body.items.length >= 30, `${res.body.items.length} districts`);
    let previous = Infinity;
    res.body.items.forEach((item, i) => {
      assert.ok(item.value <= previous, 'in descending order');
      const tie = i > 0 && item.value === res.body.items[i - 1].value;
      assert.equal(item.rank, tie ? res.body.items[i - 1].rank : i + 1);
      previous = item.value;
    });
    for (const item of res.body.items.slice(0, 5)) {
      assert.equal(item.value, (await admin.get(api(item.link))).body.total, item.link);
    }
    const members = await admin.get('/dashboard/ranking?key=members');
    const top = members.body.items[0];
    assert.equal(top.value, (await admin.get(api(top.link))).body.total);
  });

  it('ranks by a labour-relations rate as the rates page of each child shows it', async () => {
    const res = await admin.get('/dashboard/ranking?key=labour.union_founding&year=2024');
    assertStatus(res, 200);
    assert.equal(res.body.unit, '%');
    for (const item of res.body.items.slice(0, 3)) {
      const rates = (await admin.get(api(item.link))).body.rates;
      const r = rates.find((x) => x.key === 'union_founding');
      assert.equal(item.value, r.rate);
      assert.equal(item.numerator, r.numerator);
    }
  });

  it('a district ranks only its own children', async () => {
    const nananOrg = await findOrg(admin, '南岸区总工会');
    const res = await nanan.get('/dashboard/ranking?key=enterprises');
    assertStatus(res, 200);
    assert.equal(res.body.org_id, nananOrg.id);
    for (const item of res.body.items) {
      const anc = await admin.get(`/orgs/${item.org_id}/ancestors`);
      assert.ok(anc.body.items.some((o) => o.id === nananOrg.id), `${item.org_name} is in 南岸区`);
    }
    assertError(await admin.get('/dashboard/ranking?key=news.rank'), 422, 'invalid_argument', 'key');
  });
});
