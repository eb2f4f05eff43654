// News items (信息报送): the submission workflow with every allowed and refused
// transition, scope, the timeline and audit, and the adoption-score ranking.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { login, startServer } from './harness.mjs';
import { activityBody, assertError, assertStatus, findOrg, png, uniq } from './util.mjs';

let srv, admin, editor, reporter, nanan, yuzhong, viewer, yuzhongReporter, bulletin;

const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

function newsBody(over = {}) {
  return { title: uniq('南岸区总工会开展职工子女爱心托管'), body: '南岸区总工会联合辖区学校开办爱心托管班。\n第二段正文。', event_date: '2024-05-20', ...over };
}

async function createNews(client, over = {}) {
  const res = await client.post('/news', newsBody(over));
  assertStatus(res, 201, 'POST /news');
  return res.body;
}

async function act(client, id, action, body = {}) {
  return client.post(`/news/${id}/${action}`, body);
}

before(async () => {
  srv = await startServer();
  [admin, editor, reporter, nanan, yuzhong, viewer] = await Promise.all(
    ['admin', 'editor', 'reporter.nanan', 'nanan', 'yuzhong', 'viewer'].map((u) => login(srv.url, u)));
  const org = await findOrg(admin, '渝中区总工会');
  const username = uniq('reporter.yz.');
  assertStatus(await admin.post('/users', { username, password: 'Reporter-pass-2024', role: 'reporter', org_id: org.id }), 201);
  yuzhongReporter = await login(srv.url, username, 'Reporter-pass-2024');
  const b = await editor.post('/bulletins', { year: 2031, number: 1 + Math.floor(Math.random() * 900), date_from: '2031-05-20', date_to: '2031-05-26' });
  assertStatus(b, 201, 'POST /bulletins');
  bulletin = b.body;
});

after(async () => {
  await srv?.stop();
});

describe('writing an item', () => {
  it('a reporter writes a draft for their own union by default', async () => {
    const n = await createNews(reporter);
    assert.equal(n.state, 'draft');
    assert.equal(n.org_name, '南岸区总工会');
    assert.equal(n.event_date, '2024-05-20');
    assert.deepEqual(n.timeline.map((e) => e.action), ['create']);
    assert.equal(n.created_by_name, '南岸区信息员');
  });

  it('refuses bad fields, naming them', async () => {
    assertError(await reporter.post('/news', newsBody({ title: '' })), 422, 'invalid_argument', 'title');
    assertError(await reporter.post('/news', newsBody({ body: undefined })), 422, 'invalid_argument', 'body');
    assertError(await reporter.post('/news', newsBody({ event_date: '2024-02-30' })), 422, 'invalid_argument', 'event_date');
    assertError(await reporter.post('/news', newsBody({ colour: 'red' })), 422, 'invalid_argument', 'colour');
    assertError(await reporter.post('/news', newsBody({ title: '长'.repeat(201) })), 422, 'invalid_argument', 'title');
  });

  it('refuses a union or a work record outside the subtree', async () => {
    const yz = await findOrg(admin, '渝中区总工会');
    assertError(await reporter.post('/news', newsBody({ org_id: yz.id })), 404, 'not_found', 'org_id');
    const a = await yuzhong.post('/activities', activityBody(yz.id));
    assertStatus(a, 201);
    assertError(await reporter.post('/news', newsBody({ activity_ids: [a.body.id] })), 422, 'invalid_argument', 'activity_ids[0]');
  });

  it('links work records of its own subtree and lists them', async () => {
    const org = await findOrg(admin, '南岸区总工会');
    const a = await nanan.post('/activities', activityBody(org.id, { title: '南岸区职工乒乓球比赛' }));
    assertStatus(a, 201);
    const n = await createNews(reporter, { activity_ids: [a.body.id] });
    assert.deepEqual(n.activities.map((x) => x.id), [a.body.id]);
    assert.equal(n.activities[0].title, '南岸区职工乒乓球比赛');
  });

  it('a reporter uploads photos (checked by their bytes) and attaches them', async () => {
    const up = (c, bytes, type) => c.raw('POST', '/photos', { body: bytes, headers: { 'Content-Type': type } });
    const ok = await up(reporter, png(4, 3), 'image/png');
    assertStatus(ok, 201, 'a reporter uploads a photo');
    assertError(await up(reporter, Buffer.from('not an image'), 'image/png'), 422, 'invalid_argument', 'photo');
    assertError(await up(viewer, png(), 'image/png'), 403, 'permission_denied');
    const n = await createNews(reporter, { photos: [ok.body.id] });
    assert.deepEqual(n.photos.map((p) => p.id), [ok.body.id]);
    assert.equal(n.photos[0].content_type, 'image/png');
    const other = await up(yuzhong, png(), 'image/png');
    assertStatus(other, 201);
    assertError(await reporter.patch(`/news/${n.id}`, { photos: [other.body.id] }), 422, 'invalid_argument', 'photos[0]');
  });

  it('a viewer cannot write', async () => {
    assertError(await viewer.post('/news', newsBody()), 403, 'permission_denied');
  });
});

describe('the workflow', () => {
  it('draft → submitted → returned → resubmitted → adopted, with the timeline and audit', async () => {
    const n = await createNews(reporter);
    const edited = await reporter.patch(`/news/${n.id}`, { title: '南岸区总工会开展爱心托管班开班仪式' });
    assertStatus(edited, 200);
    assert.equal(edited.body.title, '南岸区总工会开展爱心托管班开班仪式');

    let r = await act(reporter, n.id, 'submit');
    assertStatus(r, 200, 'submit');
    assert.equal(r.body.state, 'submitted');
    assert.ok(r.body.submitted_at);
    assertError(await reporter.patch(`/news/${n.id}`, { title: '报送后修改' }), 409, 'failed_precondition');
    assertError(await act(reporter, n.id, 'submit'), 409, 'failed_precondition');

    assertError(await act(editor, n.id, 'return'), 422, 'invalid_argument', 'comment');
    r = await act(editor, n.id, 'return', { comment: '请补充参与人数' });
    assertStatus(r, 200, 'return');
    assert.equal(r.body.state, 'returned');
    assert.equal(r.body.comment, '请补充参与人数');
    assertError(await act(editor, n.id, 'return', { comment: '再退一次' }), 409, 'failed_precondition');
    assertError(await act(editor, n.id, 'adopt', { bulletin_id: bulletin.id, section: '基层动态' }), 409, 'failed_precondition');

    const seen = await reporter.get(`/news/${n.id}`);
    assert.equal(seen.body.comment, '请补充参与人数', 'the reporter sees the comment');
    assertStatus(await reporter.patch(`/news/${n.id}`, { body: '南岸区总工会开办爱心托管班，共有40余名职工子女参加。' }), 200);
    r = await act(reporter, n.id, 'submit');
    assert.equal(r.body.state, 'resubmitted');

    assertError(await act(editor, n.id, 'adopt', { bulletin_id: bulletin.id, section: '不存在的栏目' }), 422, 'invalid_argument', 'section');
    assertError(await act(editor, n.id, 'adopt', { bulletin_id: 999999999, section: '基层动态' }), 422, 'invalid_argument', 'bulletin_id');
    assertError(await act(editor, n.id, 'adopt', { section: '基层动态' }), 422, 'invalid_argument', 'bulletin_id');
    r = await act(editor, n.id, 'adopt', { bulletin_id: bulletin.id, section: '基层动态' });
    assertStatus(r, 200, 'adopt');
    assert.equal(r.body.state, 'adopted');
    assert.equal(r.body.bulletin_id, bulletin.id);
    assert.equal(r.body.section, '基层动态');
    assert.equal(r.body.adopted_on, today());
    const sections = await editor.get('/bulletins/sections');
    assert.equal(r.body.points, sections.body.items.find((s) => s.name === '基层动态').points);
    assert.ok(r.body.points > 0);
    assert.deepEqual(r.body.timeline.map((e) => e.action), ['create', 'submit', 'return', 'resubmit', 'adopt']);
    assert.deepEqual(r.body.timeline.map((e) => e.to_state), ['draft', 'submitted', 'returned', 'resubmitted', 'adopted']);
    assert.equal(r.body.timeline[2].comment, '请补充参与人数');
    assert.equal(r.body.timeline[2].user_name, '宣传部编辑');

    // Final: nothing moves an adopted item.
    for (const [action, body] of [['submit', {}], ['return', { comment: 'x' }], ['decline', {}],
      ['adopt', { bulletin_id: bulletin.id, section: '要闻' }]]) {
      assertError(await act(editor, n.id, action, body), 409, 'failed_precondition');
    }
    assertError(await reporter.patch(`/news/${n.id}`, { title: '采用后修改' }), 409, 'failed_precondition');

    // The item is now a ◆ brief of the issue, opening with its date.
    const b = await editor.get(`/bulletins/${bulletin.id}`);
    const entry = b.body.entries.find((e) => e.news_id === n.id);
    assert.ok(entry, 'the adopted item is an entry of the issue');
    assert.equal(entry.section, '基层动态');
    assert.equal(entry.style, 'brief');
    assert.equal(entry.body, '5月20日，南岸区总工会开办爱心托管班，共有40余名职工子女参加。');

    const audit = await admin.get(`/audit?entity=news&entity_id=${n.id}&page_size=50`);
    assertStatus(audit, 200);
    const actions = audit.body.items.map((x) => x.action);
    for (const want of ['create', 'update', 'submit', 'return', 'resubmit', 'adopt']) {
      assert.ok(actions.includes(want), `audit lacks ${want}: ${actions}`);
    }
  });

  it('submitted → declined, which is final', async () => {
    const n = await createNews(reporter);
    assertStatus(await act(reporter, n.id, 'submit'), 200);
    const r = await act(editor, n.id, 'decline', { comment: '与本期主题不符' });
    assertStatus(r, 200);
    assert.equal(r.body.state, 'declined');
    assertError(await act(editor, n.id, 'adopt', { bulletin_id: bulletin.id, section: '基层动态' }), 409, 'failed_precondition');
    assertError(await act(reporter, n.id, 'submit'), 409, 'failed_precondition');
  });

  it('a draft cannot be reviewed', async () => {
    const n = await createNews(reporter);
    assertError(await act(editor, n.id, 'return', { comment: '未报送' }), 409, 'failed_precondition');
    assertError(await act(editor, n.id, 'decline'), 409, 'failed_precondition');
    assertError(await act(editor, n.id, 'adopt', { bulletin_id: bulletin.id, section: '基层动态' }), 409, 'failed_precondition');
  });

  it('only editors review: a reporter and a manager get 403', async () => {
    const n = await createNews(reporter);
    assertStatus(await act(reporter, n.id, 'submit'), 200);
    for (const c of [reporter, nanan]) {
      assertError(await act(c, n.id, 'adopt', { bulletin_id: bulletin.id, section: '基层动态' }), 403, 'permission_denied');
      assertError(await act(c, n.id, 'return', { comment: '自己退回' }), 403, 'permission_denied');
      assertError(await act(c, n.id, 'decline'), 403, 'permission_denied');
    }
    assert.equal((await reporter.get(`/news/${n.id}`)).body.state, 'submitted');
  });

  it('the review queue lists pending items, oldest submission first', async () => {
    const a = await createNews(reporter);
    const b = await createNews(reporter);
    assertStatus(await act(reporter, a.id, 'submit'), 200);
    assertStatus(await act(reporter, b.id, 'submit'), 200);
    const q = await editor.get('/news?state=pending&page_size=200');
    assertStatus(q, 200);
    assert.ok(q.body.items.every((x) => ['submitted', 'resubmitted'].includes(x.state)));
    const ids = q.body.items.map((x) => x.id);
    assert.ok(ids.includes(a.id) && ids.includes(b.id));
    assert.ok(ids.indexOf(a.id) < ids.indexOf(b.id), 'oldest first');
    const times = q.body.items.map((x) => x.submitted_at);
    assert.deepEqual(times, [...times].sort(), 'ordered by submission time');
    assertError(await editor.get('/news?state=bogus'), 422, 'invalid_argument', 'state');
    const drafts = await reporter.get('/news?state=draft&page_size=200');
    assert.ok(drafts.body.items.every((x) => x.state === 'draft'));
  });
});

describe('scope', () => {
  it('a 渝中区 reporter and manager cannot see 南岸区 drafts', async () => {
    const n = await createNews(reporter);
    for (const c of [yuzhongReporter, yuzhong]) {
      assertError(await c.get(`/news/${n.id}`), 404, 'not_found');
      assertError(await c.patch(`/news/${n.id}`, { title: '越权修改' }), 404, 'not_found');
      assertError(await act(c, n.id, 'submit'), 404, 'not_found');
      const list = await c.get('/news?page_size=200');
      assertStatus(list, 200);
      assert.ok(!list.body.items.some((x) => x.id === n.id), 'not listed');
      assert.ok(list.body.items.every((x) => x.org_name !== '南岸区总工会'));
    }
    const nananList = await nanan.get('/news?page_size=200');
    assert.ok(nananList.body.items.some((x) => x.id === n.id), 'the union\'s manager sees it');
    assertStatus(await editor.get(`/news/${n.id}`), 200);
  });
});

describe('adoption score ranking', () => {
  function checkRanks(items) {
    for (let i = 0; i < items.length; i++) {
      if (i > 0) assert.ok(items[i - 1].points >= items[i].points, 'ordered by points');
      const want = i > 0 && items[i - 1].points === items[i].points ? items[i - 1].rank : i + 1;
      assert.equal(items[i].rank, want, `rank of row ${i}`);
    }
  }

  it('ranks the districts of the month by the points of their subtree, ties sharing a rank', async () => {
    const month = '2024-05';
    const r = await editor.get(`/news/ranking?period=${month}&axis=territorial`);
    assertStatus(r, 200);
    assert.equal(r.body.period, month);
    assert.equal(r.body.org_name, '重庆市总工会');
    assert.ok(r.body.items.length >= 38, 'one row per district');
    checkRanks(r.body.items);
    // The totals equal the adopted items of the month, read from the list.
    const adopted = [];
    for (let page = 1; page < 20; page++) {
      const l = await editor.get(`/news?state=adopted&page_size=200&page=${page}`);
      adopted.push(...l.body.items);
      if (l.body.items.length < 200) break;
    }
    const inMonth = adopted.filter((x) => x.adopted_on?.startsWith(month));
    assert.ok(inMonth.length > 0, 'the demo has adopted items in 2024-05');
    const sum = (xs, f) => xs.reduce((s, x) => s + f(x), 0);
    assert.equal(sum(r.body.items, (x) => x.points), sum(inMonth, (x) => x.points));
    assert.equal(sum(r.body.items, (x) => x.adopted), inMonth.length);
    const year = await editor.get('/news/ranking?period=2024');
    assert.ok(sum(year.body.items, (x) => x.points) >= sum(r.body.items, (x) => x.points));
  });

  it('counts an adoption for its district this month, on both axes', async () => {
    const month = today().slice(0, 7);
    const before = await editor.get(`/news/ranking?period=${month}`);
    const row = (body) => body.items.find((x) => x.org_name === '南岸区总工会');
    const n = await createNews(reporter);
    await act(reporter, n.id, 'submit');
    const adopted = await act(editor, n.id, 'adopt', { bulletin_id: bulletin.id, section: '要闻' });
    assertStatus(adopted, 200);
    const afterRes = await editor.get(`/news/ranking?period=${month}`);
    assert.equal(row(afterRes.body).points, (row(before.body)?.points ?? 0) + adopted.body.points);
    assert.equal(row(afterRes.body).by_section['要闻'], (row(before.body)?.by_section['要闻'] ?? 0) + 1);
    checkRanks(afterRes.body.items);
    const industry = await editor.get(`/news/ranking?period=${month}&axis=industry`);
    assertStatus(industry, 200);
    assert.equal(industry.body.axis, 'industry');
    checkRanks(industry.body.items);
    // A district sees its own streets ranked.
    const own = await nanan.get(`/news/ranking?period=${month}`);
    assertStatus(own, 200);
    assert.equal(own.body.org_name, '南岸区总工会');
  });

  it('exports the ranking as xlsx and refuses a bad period', async () => {
    const x = await editor.download('/news/ranking?period=2024-05&format=xlsx');
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
    assert.match(x.headers.get('content-disposition'), /attachment/);
    assert.equal(x.bytes.subarray(0, 2).toString(), 'PK');
    assertError(await editor.get('/news/ranking?period=2024-13'), 422, 'invalid_argument', 'period');
    assertError(await editor.get('/news/ranking?period=last'), 422, 'invalid_argument', 'period');
    assertError(await editor.get('/news/ranking?format=csv'), 422, 'invalid_argument', 'format');
  });
});
