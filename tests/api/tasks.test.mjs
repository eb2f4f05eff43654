// Task plans (实施方案, 闭环落实): a plan from a meeting with items for two districts, the item
// state machine step by step (allowed and refused), who may do what (the plan's owner edits,
// accepts and closes; an item's union reports and submits; nobody else sees anything), the
// 督办 list with overdue and stale items first and its xlsx export read back by LibreOffice,
// and the week's digest.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { login, run, startServer } from './harness.mjs';
import {
  activityBody, addDays, assertDenied, assertError, assertStatus, createUnion, daysAgo, findOrg, listAll, png,
  todayInChina, uniq,
} from './util.mjs';

let srv, admin, nanan, yuzhong, viewer, cityOrg, nananOrg, yuzhongOrg;

const today = todayInChina;
const all = async (client, p) => (await listAll(client, p)).items;

before(async () => {
  srv = await startServer();
  [admin, nanan, yuzhong, viewer] = await Promise.all(['admin', 'nanan', 'yuzhong', 'viewer'].map((u) => login(srv.url, u)));
  cityOrg = await findOrg(admin, '重庆市总工会');
  nananOrg = await findOrg(admin, '南岸区总工会');
  yuzhongOrg = await findOrg(admin, '渝中区总工会');
});

after(async () => {
  await srv?.stop();
});

async function meeting(client, orgId, over = {}) {
  const res = await client.post('/activities', activityBody(orgId, { title: uniq('工会工作推进会'), type: 'meeting', start_date: daysAgo(20), end_date: daysAgo(20), ...over }));
  assertStatus(res, 201, 'meeting');
  return res.body;
}

async function photo(client, orgId) {
  const res = await client.raw('POST', `/photos?org_id=${orgId}`, { body: png(), headers: { 'Content-Type': 'image/png' } });
  assertStatus(res, 201, 'photo');
  return res.body.id;
}

// A city plan from a meeting: one item for nanan (a count target), one for yuzhong (overdue).
async function cityPlan(over = {}) {
  const m = await meeting(admin, cityOrg.id);
  const res = await admin.post('/tasks/plans', {
    title: uniq('贯彻落实全会精神闭环落实实施方案'), activity_id: m.id,
    period_from: daysAgo(20), period_to: addDays(today(), 60),
    items: [
      { org_id: nananOrg.id, title: '新建爱心托管班', responsible: '南岸区总工会 张主席', deadline: addDays(today(), 30), target_count: 10, target_unit: '个' },
      { org_id: yuzhongOrg.id, title: '开展新就业形态劳动者走访慰问', responsible: '渝中区总工会 李部长', deadline: daysAgo(1), target_text: '覆盖辖区主要平台企业' },
    ],
    ...over,
  });
  assertStatus(res, 201, 'plan');
  return res.body;
}

describe('plans', () => {
  it('is made from a meeting with items for two districts, and cites the meeting', async () => {
    const plan = await cityPlan();
    assert.equal(plan.state, 'open');
    assert.equal(plan.state_label, '落实中');
    assert.equal(plan.org_id, cityOrg.id);
    assert.equal(plan.owner, true);
    assert.equal(plan.item_count, 2);
    assert.equal(plan.overdue_count, 1);
    assert.equal(plan.activity.start_date, daysAgo(20));
    const [a, b] = plan.items;
    assert.deepEqual([a.state, a.state_label, a.org_name, a.target_count, a.target_unit], ['not_started', '未开始', '南岸区总工会', 10, '个']);
    assert.equal(b.overdue, true);
    assert.equal(b.days_overdue, 1);
    const byMeeting = await all(admin, `/tasks/plans?activity_id=${plan.activity.id}`);
    assert.deepEqual(byMeeting.map((p) => p.id), [plan.id]);
  });

  it('refuses what a plan cannot hold, naming the field, and writes nothing', async () => {
    const before = (await admin.get('/tasks/plans?page_size=1')).body.total;
    const other = await admin.post('/activities', activityBody(cityOrg.id, { title: uniq('培训'), type: 'training' }));
    assertStatus(other, 201);
    const base = { title: uniq('方案'), period_from: daysAgo(10), period_to: addDays(today(), 10) };
    assertError(await admin.post('/tasks/plans', { ...base, activity_id: other.body.id }), 422, 'invalid_argument', 'activity_id');
    assertError(await admin.post('/tasks/plans', { ...base, period_to: daysAgo(11) }), 422, 'invalid_argument', 'period_to');
    const item = { org_id: nananOrg.id, title: '任务', responsible: '张三', deadline: today() };
    assertError(await admin.post('/tasks/plans', { ...base, items: [item, { ...item, deadline: addDays(today(), 11) }] }), 422, 'invalid_argument', 'items[1].deadline');
    assertError(await admin.post('/tasks/plans', { ...base, items: [{ ...item, target_count: 5 }] }), 422, 'invalid_argument', 'items[0].target_unit');
    assertError(await admin.post('/tasks/plans', { ...base, items: [{ ...item, responsible: ' ' }] }), 422, 'invalid_argument', 'items[0].responsible');
    // A district's plan may give items only to its own subtree.
    assertError(await nanan.post('/tasks/plans', { ...base, items: [{ ...item, org_id: yuzhongOrg.id }] }), 422, 'invalid_argument', 'items[0].org_id');
    assertError(await nanan.post('/tasks/plans', { ...base, org_id: yuzhongOrg.id }), 404, 'not_found', 'org_id');
    assertError(await viewer.post('/tasks/plans', base), 403, 'permission_denied');
    assert.equal((await admin.get('/tasks/plans?page_size=1')).body.total, before);
  });

  it('shows a district only its own items of a higher plan, and nothing to other unions', async () => {
    const plan = await cityPlan();
    const seen = await nanan.get(`/tasks/plans/${plan.id}`);
    assertStatus(seen, 200);
    assert.equal(seen.body.owner, false);
    assert.deepEqual(seen.body.items.map((i) => i.org_id), [nananOrg.id]);
    assert.equal(seen.body.item_count, 1);
    const [mine, theirs] = plan.items;
    assertStatus(await nanan.get(`/tasks/items/${mine.id}`), 200);
    assertDenied(await nanan.get(`/tasks/items/${theirs.id}`), "another district's item");
    assertDenied(await yuzhong.get(`/tasks/items/${mine.id}`), "another district's item");
    const nananItems = await all(nanan, '/tasks/items');
    assert.ok(nananItems.every((i) => i.org_id === nananOrg.id || i.org_name.length > 0));
    assert.ok(nananItems.some((i) => i.id === mine.id));
    assert.ok(!nananItems.some((i) => i.id === theirs.id));
    assert.ok((await all(nanan, '/tasks/plans')).some((p) => p.id === plan.id));
    // A plan of nanan's alone is nobody else's business.
    const own = await nanan.post('/tasks/plans', { title: uniq('南岸方案'), period_from: today(), period_to: addDays(today(), 5) });
    assertStatus(own, 201);
    assertDenied(await yuzhong.get(`/tasks/plans/${own.body.id}`), "another district's plan");
    assert.ok(!(await all(yuzhong, '/tasks/plans')).some((p) => p.id === own.body.id));
    assertStatus(await viewer.get(`/tasks/plans/${own.body.id}`), 200);
  });

  it('lets only the owner change the plan; the lower union may not', async () => {
    const plan = await cityPlan();
    const [mine] = plan.items;
    assertError(await nanan.patch(`/tasks/plans/${plan.id}`, { title: '改名' }), 403, 'permission_denied');
    assertError(await nanan.post(`/tasks/plans/${plan.id}/items`, { org_id: nananOrg.id, title: '加一项', responsible: '王五', deadline: today() }), 403, 'permission_denied');
    assertError(await nanan.patch(`/tasks/items/${mine.id}`, { deadline: addDays(today(), 50) }), 403, 'permission_denied');
    assertError(await nanan.del(`/tasks/items/${mine.id}`), 403, 'permission_denied');
    assertError(await nanan.post(`/tasks/plans/${plan.id}/close`, {}), 403, 'permission_denied');
    const patched = await admin.patch(`/tasks/items/${mine.id}`, { deadline: addDays(today(), 45), target_count: 12 });
    assertStatus(patched, 200);
    assert.deepEqual([patched.body.deadline, patched.body.target_count, patched.body.target_unit], [addDays(today(), 45), 12, '个']);
    assertError(await admin.patch(`/tasks/items/${mine.id}`, { deadline: addDays(today(), 61) }), 422, 'invalid_argument', 'deadline');
    assertError(await admin.patch(`/tasks/plans/${plan.id}`, { period_to: addDays(today(), 40) }), 422, 'invalid_argument', 'period_to');
    const renamed = await admin.patch(`/tasks/plans/${plan.id}`, { title: '改名后的方案', stale_days: 3 });
    assertStatus(renamed, 200);
    assert.equal(renamed.body.title, '改名后的方案');
    assert.equal(renamed.body.stale_days, 3);
    const added = await admin.post(`/tasks/plans/${plan.id}/items`, { org_id: cityOrg.id, title: '市总自办一项', responsible: '赵六', deadline: today() });
    assertStatus(added, 201);
    assert.equal(added.body.position, 3);
    assertStatus(await admin.del(`/tasks/items/${added.body.id}`), 204);
    assertDenied(await admin.get(`/tasks/items/${added.body.id}`), 'deleted item');
  });
});

describe('the item state machine', () => {
  it('goes report → complete with evidence → (return) → accept, refusing every other step', async () => {
    const plan = await cityPlan();
    const [item] = plan.items;
    const step = (client, name, body = {}) => client.post(`/tasks/items/${item.id}/${name}`, body);
    // Nothing to accept or return before it is done.
    assertError(await step(admin, 'accept'), 409, 'failed_precondition', 'state');
    assertError(await step(admin, 'return', { reason: '不够' }), 409, 'failed_precondition', 'state');
    assertError(await step(admin, 'close'), 404);
    // Closing the plan with open items is refused.
    assertError(await admin.post(`/tasks/plans/${plan.id}/close`, {}), 409, 'failed_precondition', 'items');

    assertError(await step(nanan, 'report', {}), 422, 'invalid_argument', 'text');
    assertError(await step(nanan, 'report', { text: '推进中', on: addDays(today(), 1) }), 422, 'invalid_argument', 'on');
    assertError(await step(nanan, 'report', { text: '推进中', on: daysAgo(30) }), 422, 'invalid_argument', 'on');
    const work = await nanan.post('/activities', activityBody(nananOrg.id, { title: uniq('南岸区新建爱心托管班揭牌'), type: 'care', start_date: daysAgo(1), end_date: daysAgo(1) }));
    assertStatus(work, 201);
    const r1 = await step(nanan, 'report', { text: '已选定6个点位', achieved: 6, activity_ids: [work.body.id], on: daysAgo(1) });
    assertStatus(r1, 200);
    assert.deepEqual([r1.body.state, r1.body.achieved, r1.body.percent, r1.body.last_report_on], ['in_progress', 6, 60, daysAgo(1)]);
    assert.equal(r1.body.reports[0].activities[0].id, work.body.id);
    assertError(await step(nanan, 'report', { text: '早于上次', on: daysAgo(2) }), 422, 'invalid_argument', 'on');

    // Done needs the evidence: the text and at least one photo or work record.
    assertError(await step(nanan, 'complete', { evidence: '已全部建成' }), 422, 'invalid_argument', 'photos');
    assertError(await step(nanan, 'complete', { photos: [await photo(nanan, nananOrg.id)] }), 422, 'invalid_argument', 'evidence');
    const yzPhoto = await photo(yuzhong, yuzhongOrg.id);
    assertError(await step(nanan, 'complete', { evidence: '已全部建成', photos: [yzPhoto] }), 422, 'invalid_argument', 'photos[0]');
    const done = await step(nanan, 'complete', { evidence: '10个托管班已全部挂牌', achieved: 10, photos: [await photo(nanan, nananOrg.id)] });
    assertStatus(done, 200);
    assert.deepEqual([done.body.state, done.body.state_label, done.body.completed_on], ['done', '已完成', today()]);
    assert.equal(done.body.evidence.kind, 'evidence');
    assert.equal(done.body.evidence.photos.length, 1);
    assertError(await step(nanan, 'report', { text: '再报' }), 409, 'failed_precondition', 'state');

    // Only the plan's owner accepts or returns.
    assertError(await step(nanan, 'accept'), 403, 'permission_denied');
    assertError(await step(admin, 'return', {}), 422, 'invalid_argument', 'reason');
    const back = await step(admin, 'return', { reason: '缺少揭牌照片' });
    assertStatus(back, 200);
    assert.deepEqual([back.body.state, back.body.evidence, back.body.completed_on], ['in_progress', null, null]);
    assertStatus(await step(nanan, 'complete', { evidence: '补充揭牌照片', photos: [await photo(nanan, nananOrg.id)] }), 200);
    const accepted = await step(admin, 'accept', { comment: '验收合格' });
    assertStatus(accepted, 200);
    assert.deepEqual([accepted.body.state, accepted.body.state_label, accepted.body.closed_on], ['closed', '已关闭', today()]);
    assert.deepEqual(accepted.body.events.map((e) => e.step), ['report', 'complete', 'return', 'complete', 'accept']);
    assertError(await step(nanan, 'report', { text: '关了还报' }), 409, 'failed_precondition', 'state');
    assertError(await admin.patch(`/tasks/items/${item.id}`, { title: '改' }), 409, 'failed_precondition', 'state');

    // The plan closes only when every item is closed.
    const [, other] = plan.items;
    assertError(await admin.post(`/tasks/plans/${plan.id}/close`, {}), 409, 'failed_precondition', 'items');
    assertStatus(await yuzhong.post(`/tasks/items/${other.id}/complete`, { evidence: '走访完成', photos: [yzPhoto] }), 200);
    assertStatus(await admin.post(`/tasks/items/${other.id}/accept`, {}), 200);
    const closed = await admin.post(`/tasks/plans/${plan.id}/close`, {});
    assertStatus(closed, 200);
    assert.deepEqual([closed.body.state, closed.body.state_label, closed.body.closed_count], ['closed', '已办结', 2]);
    assertError(await admin.patch(`/tasks/plans/${plan.id}`, { title: '办结后改' }), 409, 'failed_precondition', 'state');
    assertError(await admin.post(`/tasks/plans/${plan.id}/items`, { org_id: nananOrg.id, title: '再加', responsible: '甲', deadline: today() }), 409, 'failed_precondition', 'state');

    // An empty plan has nothing to close.
    const empty = await admin.post('/tasks/plans', { title: uniq('空方案'), period_from: today(), period_to: today() });
    assertError(await admin.post(`/tasks/plans/${empty.body.id}/close`, {}), 409, 'failed_precondition', 'items');
  });

  it('refuses a linked work record outside the caller\'s scope', async () => {
    const plan = await cityPlan();
    const theirs = await yuzhong.post('/activities', activityBody(yuzhongOrg.id, { title: uniq('渝中动态') }));
    assertStatus(theirs, 201);
    assertError(await nanan.post(`/tasks/items/${plan.items[0].id}/report`, { text: '进展', activity_ids: [theirs.body.id] }), 422, 'invalid_argument', 'activity_ids[0]');
    assertError(await nanan.post(`/tasks/items/${plan.items[0].id}/report`, { text: '进展', achieved: -1 }), 422, 'invalid_argument', 'achieved');
    assertDenied(await nanan.post(`/tasks/items/${plan.items[1].id}/report`, { text: '替别人报' }), "another district's item");
  });
});

describe('督办', () => {
  it('lists overdue items first, flags stale ones, and filters to the same counts', async () => {
    const street = await createUnion(nanan, nananOrg.id, uniq('测试街道工会'));
    const plan = await nanan.post('/tasks/plans', {
      title: uniq('南岸督办方案'), period_from: daysAgo(40), period_to: addDays(today(), 30), stale_days: 7,
      items: [
        { org_id: street.id, title: '按期项', responsible: '甲', deadline: addDays(today(), 20) },
        { org_id: street.id, title: '逾期项', responsible: '乙', deadline: daysAgo(3) },
      ],
    });
    assertStatus(plan, 201);
    const q = `org_id=${street.id}`;
    const items = await all(nanan, `/tasks/items?${q}`);
    assert.deepEqual(items.map((i) => i.title), ['逾期项', '按期项']);
    assert.equal(items[0].days_overdue, 3);
    const overdue = await all(nanan, `/tasks/items?${q}&overdue=true`);
    assert.deepEqual(overdue.map((i) => i.title), ['逾期项']);
    assert.equal((await all(nanan, `/tasks/items?${q}&overdue=false`)).length, 1);
    // Made today, neither is stale yet; the JSON flag and the filter agree.
    assert.equal((await all(nanan, `/tasks/items?${q}&stale=true`)).length, 0);
    assert.ok(items.every((i) => i.stale === false && i.report_due_on === addDays(today(), 7)));
    assertError(await nanan.get(`/tasks/items?${q}&overdue=yes`), 422, 'invalid_argument', 'overdue');
    assertError(await nanan.get(`/tasks/items?${q}&state=late`), 422, 'invalid_argument', 'state');
    assert.equal((await all(nanan, `/tasks/items?${q}&state=open`)).length, 2);
    assertDenied(await yuzhong.get(`/tasks/items?org_id=${street.id}`), 'another district\'s subtree');
  });

  it('exports the list to xlsx that LibreOffice reads back', async () => {
    const plan = await cityPlan();
    const x = await admin.download(`/tasks/items?plan_id=${plan.id}&format=xlsx`);
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gonghui-tasks-'));
    try {
      const file = path.join(dir, 'tasks.xlsx');
      writeFileSync(file, x.bytes);
      const r = await run('libreoffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless',
        '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, file], { timeoutMs: 120_000 });
      assert.equal(r.code, 0, `libreoffice failed: ${r.stderr}`);
      const csv = readFileSync(path.join(dir, 'tasks.csv'), 'utf8');
      const lines = csv.trim().split('\n');
      assert.match(lines[1], /责任单位/);
      assert.match(lines[2], /渝中区总工会.*逾期1天/, 'the overdue item comes first');
      assert.match(lines[3], /南岸区总工会.*10个/);
      assert.equal(lines.length, 4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes the week's digest: what became overdue, what was submitted and closed", async () => {
    const plan = await cityPlan();
    const [mine, late] = plan.items;
    assertStatus(await nanan.post(`/tasks/items/${mine.id}/complete`, { evidence: '已建成', photos: [await photo(nanan, nananOrg.id)] }), 200);
    const d = await admin.get(`/tasks/digest?week=${today()}`);
    assertStatus(d, 200);
    const day = new Date(`${today()}T00:00:00Z`).getUTCDay();
    const monday = addDays(today(), -((day + 6) % 7));
    assert.equal(d.body.week_start, monday);
    assert.equal(d.body.week_end, addDays(monday, 6));
    assert.ok(d.body.submitted.some((i) => i.id === mine.id));
    // Its deadline was yesterday: it became overdue today, in this week — unless today is Monday,
    // when its first overdue day is today as well.
    assert.ok(d.body.became_overdue.some((i) => i.id === late.id));
    assert.ok(!d.body.closed.some((i) => i.id === mine.id));
    assertStatus(await admin.post(`/tasks/items/${mine.id}/accept`, {}), 200);
    const d2 = await admin.get('/tasks/digest');
    assert.ok(d2.body.closed.some((i) => i.id === mine.id));
    const n = await nanan.get('/tasks/digest');
    assert.ok(!n.body.became_overdue.some((i) => i.id === late.id), 'nanan does not see yuzhong\'s items');
    assertError(await admin.get('/tasks/digest?week=2026-13-01'), 422, 'invalid_argument', 'week');
  });
});
