// Issues of 一周动态: composing, ordering, briefs drafted from work records,
// versions frozen on publish, visibility, and the exports read back by real
// readers (pdftotext, pdffonts, LibreOffice, xmllint) and the CLI.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { BIN, login, run, startServer } from './harness.mjs';
import { activityBody, assertError, assertStatus, findOrg, uniq } from './util.mjs';

let srv, admin, editor, reporter, nanan, tmp;
let nextNumber = 1 + Math.floor(Math.random() * 500);

async function newIssue(over = {}) {
  const res = await editor.post('/bulletins', {
    year: 2032, number: nextNumber++, date_from: '2032-05-20', date_to: '2032-05-26', ...over,
  });
  assertStatus(res, 201, 'POST /bulletins');
  return res.body;
}

async function addEntry(id, body) {
  const res = await editor.post(`/bulletins/${id}/entries`, body);
  assertStatus(res, 201, 'POST entries');
  return res.body;
}

// Text with every kind of white space removed, for comparing extracted text.
const squash = (s) => s.replace(/\s+/g, '');

// Asserts that each of `parts` occurs in `text`, in that order.
function assertInOrder(text, parts, what) {
  let at = 0;
  for (const p of parts) {
    const i = text.indexOf(squash(p), at);
    assert.ok(i >= 0, `${what}: "${p.slice(0, 40)}" missing or out of order`);
    at = i + squash(p).length;
  }
}

// The text of a PDF with the page furniture (page numbers) removed.
async function pdfText(file) {
  const r = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split(/[\n\f]/).filter((l) => !/^[\s—–-]*\d+[\s—–-]*$/.test(l));
  return squash(lines.join('\n'));
}

before(async () => {
  srv = await startServer();
  [admin, editor, reporter, nanan] = await Promise.all(
    ['admin', 'editor', 'reporter.nanan', 'nanan'].map((u) => login(srv.url, u)));
  tmp = mkdtempSync(path.join(os.tmpdir(), 'gonghui-bulletin-'));
});

after(async () => {
  await srv?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('creating an issue', () => {
  it('takes the configured sections and refuses a number used in the same year', async () => {
    const b = await newIssue();
    assert.equal(b.title, '一周动态');
    assert.equal(b.label, `2032年第${b.number}期`);
    assert.equal(b.issue_date, '2032-05-26');
    assert.equal(b.state, 'draft');
    assert.equal(b.published_version, 0);
    const sections = await editor.get('/bulletins/sections');
    assert.deepEqual(b.sections.map((s) => s.name), sections.body.items.map((s) => s.name));
    assert.deepEqual(b.sections.map((s) => s.name), ['要闻', '工作动态', '创新案例', '基层动态', '专题']);
    assert.equal(b.sections.find((s) => s.name === '基层动态').style, 'brief');
    const dup = await editor.post('/bulletins', { year: 2032, number: b.number, date_from: '2032-06-01', date_to: '2032-06-07' });
    assertError(dup, 409, 'already_exists', 'number');
    assertStatus(await editor.post('/bulletins', { year: 2033, number: b.number, date_from: '2033-06-01', date_to: '2033-06-07' }), 201);
  });

  it('refuses bad fields, naming them', async () => {
    assertError(await editor.post('/bulletins', { year: 2032, number: 0, date_from: '2032-05-20', date_to: '2032-05-26' }), 422, 'invalid_argument', 'number');
    assertError(await editor.post('/bulletins', { year: 2032, number: 901, date_from: '2032-05-20', date_to: '2032-05-10' }), 422, 'invalid_argument', 'date_to');
    assertError(await editor.post('/bulletins', { year: 2032, number: 902, date_from: '2032-05-20', date_to: '2032-05-26', sections: ['要闻', '要闻'] }), 422, 'invalid_argument', 'sections');
    assertError(await editor.post('/bulletins', { number: 903, date_from: '2032-05-20', date_to: '2032-05-26' }), 422, 'invalid_argument', 'year');
  });

  it('only editors compose; readers never see an unpublished issue', async () => {
    const b = await newIssue();
    for (const c of [reporter, nanan]) {
      assertError(await c.post('/bulletins', { year: 2032, number: 999, date_from: '2032-05-20', date_to: '2032-05-26' }), 403, 'permission_denied');
      assertError(await c.patch(`/bulletins/${b.id}`, { title: '越权' }), 403, 'permission_denied');
      assertError(await c.get(`/bulletins/${b.id}`), 404, 'not_found');
      const list = await c.get('/bulletins?page_size=200');
      assert.ok(list.body.items.every((x) => x.state === 'published'));
      assert.ok(!list.body.items.some((x) => x.id === b.id));
    }
  });
});

describe('section settings', () => {
  it('editors configure the sections, their layout and points; others cannot', async () => {
    const before = (await editor.get('/bulletins/sections')).body.items;
    assertError(await reporter.put('/bulletins/sections', { items: before }), 403, 'permission_denied');
    assertError(await editor.put('/bulletins/sections', { items: [{ name: '要闻', style: 'poster', points: 1 }] }), 422, 'invalid_argument', 'items[0].style');
    assertError(await editor.put('/bulletins/sections', { items: [{ name: '要闻', style: 'article', points: -1 }] }), 422, 'invalid_argument', 'items[0].points');
    assertError(await editor.put('/bulletins/sections', { items: [{ name: '要闻', style: 'article', points: 1 }, { name: '要闻', style: 'brief', points: 2 }] }), 422, 'invalid_argument', 'items[1].name');
    const changed = [...before.map((x) => (x.name === '要闻' ? { ...x, points: 12 } : x)), { name: '六一关爱', style: 'article', points: 4 }];
    const r = await editor.put('/bulletins/sections', { items: changed });
    assertStatus(r, 200);
    assert.deepEqual(r.body.items, changed);
    const b = await newIssue();
    assert.deepEqual(b.sections.map((x) => x.name), changed.map((x) => x.name));
    assertStatus(await editor.put('/bulletins/sections', { items: before }), 200);
    assert.deepEqual((await editor.get('/bulletins/sections')).body.items, before);
  });
});

describe('composing', () => {
  it('drafts a ◆ brief from a work record: date, union, what, figures as written', async () => {
    const org = await findOrg(admin, '南岸区总工会');
    const a = await nanan.post('/activities', activityBody(org.id, {
      title: '开展“六一”关爱职工子女活动', type: 'care', start_date: '2024-05-30', end_date: '2024-05-30',
      day_part: 'pm', places: ['南坪街道'], participants: { text: '40余人' },
      beneficiaries: [{ group: '困难职工子女', text: '百余名' }], items: ['书包', '文具'],
      money: [{ text: '最高5万元', purpose: '慰问' }],
    }));
    assertStatus(a, 201);
    const b = await newIssue();
    const e = await addEntry(b.id, { section: '基层动态', activity_id: a.body.id });
    assert.equal(e.style, 'brief');
    assert.equal(e.activity_id, a.body.id);
    assert.equal(e.org_name, '南岸区总工会');
    assert.equal(e.body, '5月30日下午，南岸区总工会在南坪街道开展“六一”关爱职工子女活动，服务困难职工子女百余名，'
      + '送去书包、文具等物资，慰问资金最高5万元，40余人参加。');
    assertError(await editor.post(`/bulletins/${b.id}/entries`, { section: '基层动态', activity_id: 999999999 }), 422, 'invalid_argument', 'activity_id');
    assertError(await editor.post(`/bulletins/${b.id}/entries`, { section: '副刊', title: 'x', body: 'y' }), 422, 'invalid_argument', 'section');
  });

  it('orders entries within and across sections and edits their text in one PATCH', async () => {
    const b = await newIssue();
    const e1 = await addEntry(b.id, { section: '要闻', title: '要闻一', body: '要闻一正文。' });
    const e2 = await addEntry(b.id, { section: '基层动态', body: '5月21日，甲区总工会开展活动。' });
    const e3 = await addEntry(b.id, { section: '要闻', title: '要闻二', body: '要闻二正文。' });
    let got = (await editor.get(`/bulletins/${b.id}`)).body;
    assert.deepEqual(got.entries.map((e) => e.id), [e1.id, e3.id, e2.id], 'a new entry ends its own section');

    const r = await editor.patch(`/bulletins/${b.id}`, {
      entries: [
        { id: e3.id, section: '要闻', title: '要闻二（改）', body: '要闻二正文，已编辑。' },
        { id: e1.id, section: '要闻', title: '要闻一', body: '要闻一正文。' },
        { id: e2.id, section: '创新案例', title: '改为案例', body: '案例正文。', style: 'article' },
        { section: '基层动态', body: '5月22日，乙区总工会开展活动。' },
      ],
    });
    assertStatus(r, 200, 'PATCH entries');
    got = r.body;
    assert.deepEqual(got.entries.map((e) => e.title), ['要闻二（改）', '要闻一', '改为案例', '']);
    assert.deepEqual(got.entries.map((e) => e.section), ['要闻', '要闻', '创新案例', '基层动态']);
    assert.equal(got.entries[3].style, 'brief');
    assert.equal(got.entries[0].body, '要闻二正文，已编辑。');

    // Leaving an entry out removes it.
    const kept = got.entries.slice(0, 2).map(({ id, section, title, body }) => ({ id, section, title, body }));
    const removed = await editor.patch(`/bulletins/${b.id}`, { entries: kept });
    assert.equal(removed.body.entries.length, 2);

    assertError(await editor.patch(`/bulletins/${b.id}`, { entries: [{ id: e1.id, section: '副刊', title: 'x', body: 'y' }] }), 422, 'invalid_argument', 'entries[0].section');
    assertError(await editor.patch(`/bulletins/${b.id}`, { entries: [{ id: e1.id, section: '要闻', title: 'x' }] }), 422, 'invalid_argument', 'entries[0].body');
    const other = await newIssue();
    const foreign = await addEntry(other.id, { section: '要闻', title: '别期', body: '别期正文' });
    assertError(await editor.patch(`/bulletins/${b.id}`, { entries: [{ id: foreign.id, section: '要闻', title: 'x', body: 'y' }] }), 422, 'invalid_argument', 'entries[0].id');
    assertError(await editor.patch(`/bulletins/${b.id}`, { sections: ['工作动态'] }), 422, 'invalid_argument', 'sections');
    // A refused PATCH wrote nothing.
    assert.equal((await editor.get(`/bulletins/${b.id}`)).body.entries.length, 2);
  });

  it('an adopted item removed before publication goes back to the queue', async () => {
    const b = await newIssue();
    const n = await reporter.post('/news', { title: uniq('撤回测试'), body: '正文', event_date: '2024-05-20' });
    await reporter.post(`/news/${n.body.id}/submit`);
    assertStatus(await editor.post(`/news/${n.body.id}/adopt`, { bulletin_id: b.id, section: '工作动态' }), 200);
    const r = await editor.patch(`/bulletins/${b.id}`, { entries: [] });
    assertStatus(r, 200);
    const item = await editor.get(`/news/${n.body.id}`);
    assert.equal(item.body.state, 'submitted');
    assert.equal(item.body.bulletin_id, null);
    assert.equal(item.body.timeline.at(-1).action, 'unadopt');
  });
});

describe('publishing and versions', () => {
  it('freezes each version; later changes make a new one and old ones stay readable', async () => {
    const b = await newIssue();
    assertError(await editor.post(`/bulletins/${b.id}/publish`), 409, 'failed_precondition');
    const e = await addEntry(b.id, { section: '要闻', title: '第一版标题', body: '第一版正文。' });
    const n = await reporter.post('/news', { title: uniq('刊出稿件'), body: '刊出正文', event_date: '2024-05-21' });
    await reporter.post(`/news/${n.body.id}/submit`);
    await editor.post(`/news/${n.body.id}/adopt`, { bulletin_id: b.id, section: '基层动态' });

    let p = await editor.post(`/bulletins/${b.id}/publish`);
    assertStatus(p, 200, 'publish');
    assert.equal(p.body.published_version, 1);
    assert.equal(p.body.state, 'published');
    assert.equal(p.body.has_unpublished_changes, false);
    assertError(await editor.post(`/bulletins/${b.id}/publish`), 409, 'failed_precondition');
    assertError(await editor.patch(`/bulletins/${b.id}?version=1`, { title: '改已发布版' }), 409, 'failed_precondition', 'version');

    // The published item cannot be taken out any more.
    const v1 = (await editor.get(`/bulletins/${b.id}`)).body;
    const withoutNews = v1.entries.filter((x) => !x.news_id).map(({ id, section, title, body }) => ({ id, section, title, body }));
    assertError(await editor.patch(`/bulletins/${b.id}`, { entries: withoutNews }), 409, 'failed_precondition', 'entries');

    const entries = v1.entries.map(({ id, section, title, body }) => ({ id, section, title, body }));
    entries[0] = { ...entries[0], title: '第二版标题', body: '第二版正文。' };
    const patched = await editor.patch(`/bulletins/${b.id}`, { entries });
    assertStatus(patched, 200);
    assert.equal(patched.body.has_unpublished_changes, true);

    // Readers still see version 1 until the next publish.
    let seen = await reporter.get(`/bulletins/${b.id}`);
    assertStatus(seen, 200);
    assert.equal(seen.body.version, 1);
    assert.equal(seen.body.entries.find((x) => x.id === e.id).title, '第一版标题');

    p = await editor.post(`/bulletins/${b.id}/publish`);
    assert.equal(p.body.published_version, 2);
    assert.deepEqual(p.body.versions.map((v) => v.version), [1, 2]);
    assert.equal(p.body.versions[0].published_by_name, '宣传部编辑');
    seen = await reporter.get(`/bulletins/${b.id}`);
    assert.equal(seen.body.entries.find((x) => x.id === e.id).title, '第二版标题');
    const old = await reporter.get(`/bulletins/${b.id}?version=1`);
    assertStatus(old, 200);
    assert.equal(old.body.version, 1);
    assert.equal(old.body.entries.find((x) => x.id === e.id).title, '第一版标题');
    assertError(await reporter.get(`/bulletins/${b.id}?version=7`), 422, 'invalid_argument', 'version');
    const list = await reporter.get('/bulletins?year=2032&page_size=200');
    assert.ok(list.body.items.some((x) => x.id === b.id && x.published_version === 2));
  });

  it('the demo holds published issues and a queue of submitted items', async () => {
    const list = await reporter.get('/bulletins?year=2024');
    assertStatus(list, 200);
    assert.ok(list.body.items.filter((x) => x.state === 'published').length >= 3);
    const queue = await editor.get('/news?state=pending');
    assert.ok(queue.body.total >= 5);
  });
});

describe('exports', () => {
  let issue;
  const longBody = Array.from({ length: 12 }, (_, i) =>
    `第${i + 1}段：全市各级工会围绕职工急难愁盼问题，扎实开展爱心托管、技能竞赛和困难帮扶等工作，推动工会工作提质增效，职工群众的获得感、幸福感、安全感不断增强。`).join('\n');

  before(async () => {
    const b = await newIssue({ number: 800 + Math.floor(Math.random() * 100), issue_date: '2032-05-31' });
    await addEntry(b.id, { section: '要闻', title: '市总工会召开重点工作推进会', body: longBody });
    await addEntry(b.id, { section: '创新案例', title: '“三个一”机制推动服务提质 <试点> & 推广', body: '一是建立清单；二是组建队伍；三是制定标准。' });
    await addEntry(b.id, { section: '基层动态', body: '5月21日，南岸区总工会开展职工子女爱心托管活动，服务职工子女40余名。' });
    await addEntry(b.id, { section: '基层动态', body: '5月22日，渝中区总工会走访慰问外卖骑手，发放慰问金10万元。' });
    assertStatus(await editor.post(`/bulletins/${b.id}/publish`), 200);
    issue = (await editor.get(`/bulletins/${b.id}`)).body;
  });

  const expected = () => [
    `第${issue.number}期`,
    ...issue.entries.flatMap((e) => [e.title, e.body]).filter(Boolean),
  ];

  it('PDF: A4, every title and body in order with the issue number, a CJK font embedded', async () => {
    const res = await reporter.download(`/bulletins/${issue.id}/export?format=pdf`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.match(res.headers.get('content-disposition'), /attachment;.*filename\*=UTF-8''%E4%B8%80%E5%91%A8%E5%8A%A8%E6%80%81/);
    assert.equal(res.bytes.subarray(0, 5).toString(), '%PDF-');
    const file = path.join(tmp, 'issue.pdf');
    writeFileSync(file, res.bytes);
    const text = await pdfText(file);
    assertInOrder(text, expected(), 'pdftotext');
    assert.ok(text.includes(squash('重庆市总工会')), 'masthead names the federation');
    const fonts = await run('pdffonts', [file]);
    assert.equal(fonts.code, 0, fonts.stderr);
    const cjk = fonts.stdout.split('\n').filter((l) => /CJK/i.test(l));
    assert.ok(cjk.length > 0, `no CJK font: ${fonts.stdout}`);
    assert.ok(cjk.every((l) => /\byes\b/.test(l.slice(l.search(/(Type|CID)/)))), `CJK font not embedded: ${fonts.stdout}`);
    const info = await run('pdfinfo', [file]);
    assert.match(info.stdout, /Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)/);
  });

  it('DOCX: LibreOffice converts it to PDF without error and the text matches', async () => {
    const res = await reporter.download(`/bulletins/${issue.id}/export?format=docx`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /wordprocessingml/);
    assert.equal(res.bytes.subarray(0, 2).toString(), 'PK');
    const dir = mkdtempSync(path.join(tmp, 'lo-'));
    const file = path.join(dir, 'issue.docx');
    writeFileSync(file, res.bytes);
    const r = await run('libreoffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless',
      '--convert-to', 'pdf', '--outdir', dir, file], { timeoutMs: 120_000 });
    assert.equal(r.code, 0, `libreoffice failed: ${r.stderr}`);
    const text = await pdfText(path.join(dir, 'issue.pdf'));
    assertInOrder(text, expected(), 'DOCX via LibreOffice');
  });

  it('HTML: a well-formed page with the escaped text in order', async () => {
    const res = await reporter.download(`/bulletins/${issue.id}/export?format=html`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /text\/html/);
    const html = res.bytes.toString('utf8');
    const file = path.join(tmp, 'issue.html');
    writeFileSync(file, html);
    const lint = await run('xmllint', ['--noout', file]);
    assert.equal(lint.code, 0, `not well-formed: ${lint.stderr}`);
    assert.ok(html.includes('&lt;试点&gt; &amp; 推广'), 'text is escaped');
    assert.ok(!html.includes('<试点>'));
    const text = squash(html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
    assertInOrder(text, expected(), 'HTML');
  });

  it('a working copy exports only for editors; formats and versions are checked', async () => {
    assertError(await reporter.get(`/bulletins/${issue.id}/export?format=pdf&version=draft`), 403, 'permission_denied');
    const draft = await editor.download(`/bulletins/${issue.id}/export?format=html&version=draft`);
    assert.equal(draft.status, 200);
    assertError(await editor.get(`/bulletins/${issue.id}/export?format=odt`), 422, 'invalid_argument', 'format');
    assertError(await editor.get(`/bulletins/${issue.id}/export?format=pdf&version=9`), 422, 'invalid_argument', 'version');
    assertError(await editor.get(`/bulletins/${issue.id}/export?format=pdf&version=abc`), 400, 'bad_request', 'version');
  });

  it('the CLI writes the same issue: gonghui bulletin export', async () => {
    const out = path.join(tmp, 'cli.pdf');
    const r = await run(BIN, ['bulletin', 'export', '--db', srv.dbUrl, '--id', String(issue.id), '--format', 'pdf', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(out).subarray(0, 5).toString(), '%PDF-');
    assertInOrder(await pdfText(out), expected(), 'CLI PDF');
    const html = path.join(tmp, 'cli.html');
    assert.equal((await run(BIN, ['bulletin', 'export', '--db', srv.dbUrl, '--id', String(issue.id), '--format', 'html', '--version', '1', '--out', html])).code, 0);
    assert.match(readFileSync(html, 'utf8'), new RegExp(`第${issue.number}期`));
    const bad = await run(BIN, ['bulletin', 'export', '--db', srv.dbUrl, '--id', '99999999', '--out', out]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /期刊不存在/);
  });
});
