// Member exports (SPEC §3.7, issue 12, docs/api.md "Members"): the list's filters, streamed as
// CSV and xlsx (read back by LibreOffice), masked by default (no full ID number or phone in the
// file), in clear only with member:pii:read and a purpose, never a row outside the caller's
// subtree, and every export in the log admins read (PIPL).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { login, run, startServer } from './harness.mjs';
import { assertError, assertStatus, count, createUnion, findOrg, idNumber, memberBody, parseCsv, randomPhone, uniq } from './util.mjs';

let srv;
let admin;
let nanan;
let nananOrg;
let yuzhongOrg;
let union;
let tmp;
let outsider; // a member of 渝中区, outside nanan's subtree
let insider; // a member of nanan's new union, with a known ID number and phone

const FULL_ID = /(?<![0-9])[0-9]{17}[0-9X](?![0-9])/;
const FULL_PHONE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/;

before(async () => {
  srv = await startServer();
  admin = await login(srv.url, 'admin');
  nanan = await login(srv.url, 'nanan');
  nananOrg = await findOrg(admin, '南岸区总工会');
  yuzhongOrg = await findOrg(admin, '渝中区总工会');
  union = await createUnion(nanan, nananOrg.id, uniq('南岸导出测试工会'));
  const yz = await login(srv.url, 'yuzhong');
  const yzUnion = await createUnion(yz, yuzhongOrg.id, uniq('渝中导出测试工会'));
  const o = await yz.post('/members', memberBody(yzUnion.id, { name: uniq('渝中导出') }));
  assertStatus(o, 201);
  outsider = o.body;
  const body = memberBody(union.id, { name: uniq('南岸导出'), id_number: idNumber(), phone: randomPhone(), status: 'suspended' });
  const i = await nanan.post('/members', body);
  assertStatus(i, 201);
  insider = { ...i.body, id_number: body.id_number, phone: body.phone };
  tmp = mkdtempSync(path.join(os.tmpdir(), 'gonghui-export-'));
});

after(async () => {
  await srv?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function exportCsv(client, query) {
  const res = await client.download(`/members/export?format=csv&${query}`);
  assert.equal(res.status, 200, res.bytes.toString());
  assert.match(res.headers.get('content-type'), /text\/csv/);
  assert.equal(res.headers.get('transfer-encoding'), 'chunked', 'streamed');
  return { text: res.bytes.toString('utf8'), rows: parseCsv(res.bytes.toString('utf8')) };
}

describe('member export', () => {
  it('a masked CSV of the subtree: every row of the list, none outside, no full ID number or phone', async () => {
    const total = await count(nanan, `/members?org_id=${nananOrg.id}`);
    const { text, rows } = await exportCsv(nanan, `org_id=${nananOrg.id}`);
    assert.deepEqual(rows[0], ['会员编号', '姓名', '身份证号码', '性别', '出生日期', '手机号码', '工作单位', '所属工会', '入会日期', '会员状态', '会员标签']);
    assert.equal(rows.length - 1, total);
    assert.equal(new Set(rows.slice(1).map((r) => r[0])).size, total, 'each member once');
    assert.doesNotMatch(text, FULL_ID);
    assert.doesNotMatch(text, FULL_PHONE);
    assert.ok(!text.includes(outsider.name), 'no member outside the subtree');
    const mine = rows.find((r) => r[1] === insider.name);
    assert.ok(mine);
    assert.equal(mine[2], insider.id_number.slice(0, 6) + '********' + insider.id_number.slice(14));
    assert.equal(mine[7], union.name);
    assert.equal(mine[9], '暂停');
  });

  it('the filters of the list apply', async () => {
    const total = await count(nanan, `/members?org_id=${nananOrg.id}&status=suspended`);
    const { rows } = await exportCsv(nanan, `org_id=${nananOrg.id}&status=suspended`);
    assert.equal(rows.length - 1, total);
    assert.ok(rows.slice(1).every((r) => r[9] === '暂停'));
    const one = await exportCsv(nanan, `org_id=${union.id}&q=${encodeURIComponent(insider.name)}`);
    assert.equal(one.rows.length, 2);
    assertError(await nanan.get('/members/export?format=pdf'), 422, 'invalid_argument', 'format');
    assertError(await nanan.get(`/members/export?format=csv&org_id=${yuzhongOrg.id}`), 404, 'not_found');
  });

  it('xlsx streamed and read back by LibreOffice', async () => {
    const total = await count(nanan, `/members?org_id=${union.id}`);
    const res = await nanan.download(`/members/export?format=xlsx&org_id=${union.id}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition'), /filename\*=UTF-8''/);
    const file = path.join(tmp, 'members.xlsx');
    writeFileSync(file, res.bytes);
    const r = await run('soffice', ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', tmp, file],
      { timeoutMs: 120_000, env: { ...process.env, HOME: tmp } });
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(path.join(tmp, 'members.csv'), 'utf8');
    const lines = text.trim().split(/\r?\n/);
    assert.equal(lines.length - 1, total);
    assert.match(lines[0], /^会员编号,姓名,身份证号码/);
    assert.ok(lines.some((l) => l.includes(insider.name)));
    assert.doesNotMatch(text, FULL_ID);
  });

  it('in clear only with member:pii:read and a purpose, and every export is logged', async () => {
    assertStatus(await nanan.get(`/members/export?format=csv&unmasked=true&purpose=x`), 403);
    assertError(await admin.get(`/members/export?format=csv&org_id=${union.id}&unmasked=true`), 422, 'invalid_argument', 'purpose');
    const purpose = '核对困难职工帮扶名单';
    const { text, rows } = await exportCsv(admin, `org_id=${union.id}&unmasked=true&purpose=${encodeURIComponent(purpose)}`);
    const mine = rows.find((r) => r[1] === insider.name);
    assert.equal(mine[2], '\t' + insider.id_number, 'in clear, kept as text for Excel');
    assert.equal(mine[5], '\t' + insider.phone);
    assert.match(text, FULL_ID);

    const log = await admin.get('/exports?page_size=50');
    assertStatus(log, 200);
    const clear = log.body.items.find((e) => !e.masked);
    assert.equal(clear.purpose, purpose);
    assert.equal(clear.username, 'admin');
    assert.equal(clear.kind, 'member');
    assert.equal(clear.rows, rows.length - 1);
    assert.equal(clear.completed, true);
    assert.equal(clear.filter.org_id, union.id);
    const masked = log.body.items.filter((e) => e.masked && e.user_id === nanan.me.user.id);
    assert.ok(masked.length >= 3, 'masked exports are logged too');
    assert.ok(masked.some((e) => e.format === 'xlsx'));
    // The log is for admins.
    assertStatus(await nanan.get('/exports'), 403);
  });
});
