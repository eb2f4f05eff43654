// Bulk imports of members (SPEC §3.7, issue 12, docs/api.md "Imports"): real files (CSV in
// UTF-8 and GB18030, xlsx written by LibreOffice), every bad row reported and nothing written,
// duplicates inside the file and against the database, the union named by name in the caller's
// scope, re-imports, update mode, dry runs, cancel, and kill -9 in the middle of a large import.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { login, run, startServer } from './harness.mjs';
import { assertError, assertStatus, count, createUnion, findOrg, idCheckDigit, uniq } from './util.mjs';

let srv;
let admin;
let nanan;
let nananOrg;
let union;
let tmp;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const HEADER = '姓名,身份证号码,手机号码,工作单位,入会日期,会员状态,会员标签,所属工会';

// Distinct valid ID numbers: region 110101 (no demo member has it), a birth date and a sequence
// number drawn from `i`, so that files of different tests never share a number.
function idOf(i) {
  const birth = new Date(Date.UTC(1960, 0, 1) + (i % 14000) * 86_400_000).toISOString().slice(0, 10);
  const first17 = '110101' + birth.replaceAll('-', '') + String(Math.floor(i / 14000)).padStart(3, '0');
  return first17 + idCheckDigit(first17);
}
const phoneOf = (i) => '139' + String(i).padStart(8, '0');

function rows(base, n, unionName, over = () => ({})) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = {
      name: `导入${base + i}`, id: idOf(base + i), phone: phoneOf(base + i), employer: '重庆导入测试有限公司',
      join: '2024/3/1', status: '正常', tags: '农民工', union: unionName, ...over(i),
    };
    out.push([r.name, r.id, r.phone, r.employer, r.join, r.status, r.tags, r.union].join(','));
  }
  return out;
}
const csv = (lines, header = HEADER) => [header, ...lines].join('\r\n') + '\r\n';

async function upload(client, bytes, query = '') {
  return client.raw('POST', `/imports?kind=member&file_name=${encodeURIComponent('会员.csv')}${query}`, {
    body: Buffer.from(bytes), headers: { 'Content-Type': 'text/csv' },
  });
}

async function waitFinal(client, id, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.get(`/imports/${id}`);
    assertStatus(res, 200, `GET /imports/${id}`);
    if (res.body.final) return res.body;
    if (Date.now() > deadline) throw new Error(`import ${id} not final: ${JSON.stringify(res.body)}`);
    await sleep(100);
  }
}

async function importFile(client, bytes, query = '') {
  const res = await upload(client, bytes, query);
  assertStatus(res, 202, 'POST /imports');
  assert.equal(res.body.state, 'queued');
  return waitFinal(client, res.body.id);
}

const members = (client, orgId) => count(client, `/members?org_id=${orgId}`);

async function errors(client, id) {
  const res = await client.get(`/imports/${id}/errors?page_size=200`);
  assertStatus(res, 200, 'GET errors');
  return res.body;
}

before(async () => {
  srv = await startServer();
  admin = await login(srv.url, 'admin');
  nanan = await login(srv.url, 'nanan');
  nananOrg = await findOrg(admin, '南岸区总工会');
  union = await createUnion(nanan, nananOrg.id, uniq('南岸导入测试工会'));
  tmp = mkdtempSync(path.join(os.tmpdir(), 'gonghui-import-'));
});

after(async () => {
  await srv?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// LibreOffice headless turns a CSV into xlsx; `text` keeps every column text (as a cadre who
// formats the ID column as text would), without it the ID numbers become numbers.
async function xlsxOf(csvText, name, { text = true } = {}) {
  const src = path.join(tmp, `${name}.csv`);
  writeFileSync(src, csvText);
  const filter = text ? 'CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2' : 'CSV:44,34,76,1';
  const r = await run('soffice', ['--headless', `--infilter=${filter}`, '--convert-to', 'xlsx', '--outdir', tmp, src],
    { timeoutMs: 120_000, env: { ...process.env, HOME: tmp } });
  assert.equal(r.code, 0, `soffice: ${r.stderr}`);
  return readFileSync(path.join(tmp, `${name}.xlsx`));
}

describe('member import', () => {
  it('a file with one bad row in the middle writes nothing and reports exactly that row', async () => {
    const before = await members(nanan, union.id);
    const lines = rows(1000, 30, union.name);
    lines[14] = lines[14].replace(idOf(1014), idOf(1014).slice(0, 17) + (idOf(1014)[17] === '1' ? '2' : '1'));
    const job = await importFile(nanan, csv(lines));
    assert.equal(job.state, 'rejected', JSON.stringify(job));
    assert.equal(job.rows_read, 30);
    assert.equal(job.rows_bad, 1);
    assert.equal(job.rows_written, 0);
    assert.match(job.message, /1 行/);
    const bad = await errors(nanan, job.id);
    assert.equal(bad.total, 1);
    assert.equal(bad.items[0].line, 16); // header on line 1, the 15th row on line 16
    assert.deepEqual(bad.items[0].problems.map((p) => p.column), ['身份证号码']);
    assert.match(bad.items[0].messages[0], /^第 16 行「身份证号码」：.*校验/);
    assert.equal(bad.items[0].cells[0], '导入1014');
    assert.equal(await members(nanan, union.id), before, 'nothing written');
  });

  it('every bad row is reported, each problem named by column', async () => {
    const lines = rows(1100, 10, union.name);
    lines[2] = ['坏行甲', idOf(1102), '12345', 'x', '2024-13-01', '好', '超人', union.name].join(',');
    lines[7] = ['', idOf(1107), '', '', '', '', '', '不存在的工会'].join(',');
    const job = await importFile(nanan, csv(lines));
    assert.equal(job.state, 'rejected');
    const bad = await errors(nanan, job.id);
    assert.deepEqual(bad.items.map((r) => r.line), [4, 9]);
    assert.deepEqual(bad.items[0].problems.map((p) => p.column), ['手机号码', '入会日期', '会员状态', '会员标签']);
    assert.deepEqual(bad.items[1].problems.map((p) => p.column), ['所属工会', '姓名']);
    for (const m of bad.items.flatMap((r) => r.messages)) assert.match(m, /^第 \d+ 行「[^」]+」：\S/);
  });

  it('the report is an xlsx with the original cells and an error column', async () => {
    const lines = rows(1200, 5, union.name);
    lines[3] = lines[3].replace('2024/3/1', '2024-02-30');
    const job = await importFile(nanan, csv(lines));
    const res = await nanan.download(`/imports/${job.id}/report`);
    assert.equal(res.status, 200);
    const file = path.join(tmp, 'report.xlsx');
    writeFileSync(file, res.bytes);
    const r = await run('soffice', ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', tmp, file],
      { timeoutMs: 120_000, env: { ...process.env, HOME: tmp } });
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(path.join(tmp, 'report.csv'), 'utf8');
    assert.match(text, /行号,姓名,身份证号码,.*错误说明/);
    assert.match(text, new RegExp(`5,导入1203,${idOf(1203)},.*入会日期：`));
  });

  it('a good file is imported: the members are in the list and the counts move', async () => {
    const before = await members(nanan, union.id);
    const district = await members(admin, nananOrg.id);
    const job = await importFile(nanan, csv(rows(2000, 40, union.name)));
    assert.equal(job.state, 'done', JSON.stringify(job));
    assert.equal(job.rows_written, 40);
    assert.equal(job.encoding, 'UTF-8');
    assert.equal(await members(nanan, union.id), before + 40);
    assert.equal(await members(admin, nananOrg.id), district + 40);
    const list = await nanan.get(`/members?org_id=${union.id}&q=${encodeURIComponent('导入2007')}`);
    assertStatus(list, 200);
    assert.equal(list.body.items.length, 1);
    const m = list.body.items[0];
    assert.equal(m.id_number, idOf(2007).slice(0, 6) + '********' + idOf(2007).slice(14));
    assert.equal(m.phone, '139****' + phoneOf(2007).slice(7));
    assert.equal(m.join_date, '2024-03-01');
    assert.deepEqual(m.tags, ['migrant_worker']);
    assert.equal(m.status, 'active');
    // The same file again is refused; asked again, its rows are all duplicates of the database.
    const again = await upload(nanan, csv(rows(2000, 40, union.name)));
    assertError(again, 409, 'already_exists', 'file');
    const forced = await importFile(nanan, csv(rows(2000, 40, union.name)), '&again=true');
    assert.equal(forced.state, 'rejected');
    assert.equal(forced.rows_bad, 40);
    const bad = await errors(nanan, forced.id);
    assert.match(bad.items[0].messages[0], /已登记为会员/);
  });

  it('duplicates inside the file name the first row', async () => {
    const lines = rows(3000, 6, union.name);
    lines[4] = lines[4].replace(idOf(3004), idOf(3001));
    const job = await importFile(nanan, csv(lines));
    assert.equal(job.state, 'rejected');
    const bad = await errors(nanan, job.id);
    assert.deepEqual(bad.items.map((r) => r.line), [6]);
    assert.match(bad.items[0].messages[0], /与本文件第 3 行的身份证号码重复/);
    assert.equal(bad.items[0].cells[0], '导入3004', 'cells read again for a late problem');
  });

  it('GB18030 CSV (Excel on Chinese Windows) with header variants', async () => {
    const header = '会员姓名, 公民身份号码 ,手机,单位,入会时间,状态,标签,工会名称';
    const text = csv(rows(4000, 8, union.name), header);
    const src = path.join(tmp, 'utf8.csv');
    writeFileSync(src, text);
    const out = path.join(tmp, 'gb.csv');
    const r = await run('bash', ['-c', `iconv -f UTF-8 -t GB18030 '${src}' > '${out}'`]);
    assert.equal(r.code, 0, r.stderr);
    const bytes = readFileSync(out);
    assert.notDeepEqual(bytes, Buffer.from(text), 'the file really is GB18030');
    const job = await importFile(nanan, bytes);
    assert.equal(job.state, 'done', JSON.stringify(job));
    assert.equal(job.encoding, 'GB18030');
    assert.equal(job.rows_written, 8);
    const list = await nanan.get(`/members?org_id=${union.id}&q=${encodeURIComponent('导入4003')}`);
    assert.equal(list.body.items.length, 1);
  });

  it('xlsx written by LibreOffice: text columns import, numbers that were ID numbers are refused', async () => {
    const good = await xlsxOf(csv(rows(5000, 12, union.name)), 'good');
    const job = await importFile(nanan, good);
    assert.equal(job.state, 'done', JSON.stringify(job));
    assert.equal(job.format, 'xlsx');
    assert.equal(job.rows_written, 12);

    const mangled = await xlsxOf(csv(rows(5100, 3, union.name)), 'mangled', { text: false });
    const bad = await importFile(nanan, mangled);
    assert.equal(bad.state, 'rejected');
    const list = await errors(nanan, bad.id);
    // An ID number ending in X stays text.
    assert.equal(list.total, [5100, 5101, 5102].filter((i) => !idOf(i).endsWith('X')).length);
    assert.ok(list.total > 0);
    assert.match(list.items[0].messages[0], /「身份证号码」：被 Excel 存成了数字/);
  });

  it('a formula cell is refused', async () => {
    const fods = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"
 office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet>
<table:table table:name="会员">
<table:table-row>${['姓名', '身份证号码', '所属工会'].map((h) => `<table:table-cell office:value-type="string"><text:p>${h}</text:p></table:table-cell>`).join('')}</table:table-row>
<table:table-row><table:table-cell table:formula="of:=&quot;张&quot;&amp;&quot;三&quot;" office:value-type="string" office:string-value="张三"><text:p>张三</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>${idOf(5200)}</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>${union.name}</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document>`;
    const src = path.join(tmp, 'formula.fods');
    writeFileSync(src, fods);
    const r = await run('soffice', ['--headless', '--convert-to', 'xlsx', '--outdir', tmp, src],
      { timeoutMs: 120_000, env: { ...process.env, HOME: tmp } });
    assert.equal(r.code, 0, r.stderr);
    const job = await importFile(nanan, readFileSync(path.join(tmp, 'formula.xlsx')));
    assert.equal(job.state, 'rejected', JSON.stringify(job));
    const list = await errors(nanan, job.id);
    assert.match(list.items[0].messages[0], /「姓名」：是公式/);
  });

  it('a union outside the caller\'s subtree is refused row by row', async () => {
    const yuzhong = await findOrg(admin, '渝中区总工会');
    const lines = rows(6000, 4, union.name);
    lines[1] = lines[1].replace(union.name, yuzhong.name);
    lines[3] = lines[3].replace(union.name, yuzhong.name);
    const job = await importFile(nanan, csv(lines));
    assert.equal(job.state, 'rejected');
    const bad = await errors(nanan, job.id);
    assert.deepEqual(bad.items.map((r) => r.line), [3, 5]);
    assert.match(bad.items[0].messages[0], /「所属工会」：.*不是您管辖范围内的工会/);
    // Another district's cadre sees neither the job nor its rows.
    const yz = await login(srv.url, 'yuzhong');
    assertStatus(await yz.get(`/imports/${job.id}`), 404);
    assertStatus(await yz.get(`/imports/${job.id}/errors`), 404);
  });

  it('a default union for rows that name none; a dry run writes nothing', async () => {
    const header = '姓名,身份证号码';
    const lines = [0, 1, 2].map((i) => `默认${i},${idOf(7000 + i)}`);
    const before = await members(nanan, union.id);
    const dry = await importFile(nanan, csv(lines, header), `&dry_run=true&org_id=${union.id}`);
    assert.equal(dry.state, 'checked', JSON.stringify(dry));
    assert.equal(dry.dry_run, true);
    assert.equal(dry.rows_checked, 3);
    assert.equal(await members(nanan, union.id), before);
    const none = await importFile(nanan, csv(lines, header));
    assert.equal(none.state, 'rejected');
    assert.match((await errors(nanan, none.id)).items[0].messages[0], /「所属工会」：不能为空/);
    const job = await importFile(nanan, csv(lines, header), `&org_id=${union.id}`);
    assert.equal(job.state, 'done');
    assert.equal(await members(nanan, union.id), before + 3);
    assertError(await upload(nanan, csv(lines, header), '&org_id=999999999'), 404, 'not_found', 'org_id');
  });

  it('update mode matches by ID number and changes only the columns given', async () => {
    await importFile(nanan, csv(rows(8000, 3, union.name)));
    const job = await importFile(nanan, csv([`${idOf(8001)},13600000001,暂停`], '身份证号码,手机号码,会员状态'), '&mode=update');
    assert.equal(job.state, 'done', JSON.stringify(job));
    assert.equal(job.rows_written, 1);
    const list = await admin.get(`/members?org_id=${union.id}&q=${encodeURIComponent('导入8001')}`);
    const m = list.body.items[0];
    assert.equal(m.phone, '13600000001'); // admin holds member:pii:read
    assert.equal(m.status, 'suspended');
    assert.equal(m.employer, '重庆导入测试有限公司', 'a column not in the file is left alone');
    assert.equal(m.name, '导入8001');
    const missing = await importFile(nanan, csv([`${idOf(8100)},13600000001`], '身份证号码,手机号码'), '&mode=update');
    assert.equal(missing.state, 'rejected');
    assert.match((await errors(nanan, missing.id)).items[0].messages[0], /没有该身份证号码的会员/);
  });

  it('the template is an xlsx with the headers, an example row the import skips, and lists', async () => {
    const res = await nanan.download('/imports/template?kind=member');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition'), /filename\*=UTF-8''/);
    const file = path.join(tmp, 'template.xlsx');
    writeFileSync(file, res.bytes);
    const r = await run('unzip', ['-p', file, 'xl/worksheets/sheet1.xml']);
    assert.match(r.stdout, /<dataValidation[^>]*type="list"/);
    const job = await importFile(nanan, res.bytes);
    assert.equal(job.state, 'rejected');
    assert.equal(job.rows_skipped, 1);
    assert.match(job.message, /没有可导入的数据/);
  });

  it('errors: bad parameters, no file, no permission', async () => {
    assertError(await nanan.raw('POST', '/imports?kind=nothing', { body: Buffer.from('x') }), 422, 'invalid_argument', 'kind');
    assertError(await nanan.raw('POST', '/imports?kind=member&mode=merge', { body: Buffer.from('x') }), 422, 'invalid_argument', 'mode');
    assertError(await nanan.raw('POST', '/imports?kind=member', { body: Buffer.alloc(0) }), 422, 'invalid_argument', 'file');
    const viewer = await login(srv.url, 'viewer');
    const denied = await viewer.raw('POST', '/imports?kind=member', { body: Buffer.from(csv([])) });
    assert.equal(denied.status, 403);
    const old = await importFile(nanan, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]));
    assert.equal(old.state, 'rejected');
    assert.match(old.message, /\.xls/);
    const noHeader = await importFile(nanan, csv(['a,b,c'], 'x,y,z'));
    assert.equal(noHeader.state, 'rejected');
    assert.match(noHeader.message, /没有表头/);
    const missing = await importFile(nanan, csv([], '姓名,手机号码'));
    assert.match(missing.message, /缺少必填列 “身份证号码”/);
  });

  it('cancel stops a job and writes nothing', async () => {
    const before = await members(nanan, union.id);
    const res = await upload(nanan, csv(rows(20000, 20000, union.name)));
    assertStatus(res, 202);
    const cancel = await nanan.post(`/imports/${res.body.id}/cancel`);
    assertStatus(cancel, 200);
    const job = await waitFinal(nanan, res.body.id);
    assert.equal(job.state, 'cancelled', JSON.stringify(job));
    assert.equal(await members(nanan, union.id), before);
    assertError(await nanan.post(`/imports/${res.body.id}/cancel`), 409, 'failed_precondition');
  });

  it('kill -9 during a large import leaves no member of the file; the re-run succeeds', async () => {
    const before = await members(nanan, union.id);
    const file = csv(rows(40000, 30000, union.name));
    const res = await upload(nanan, file);
    assertStatus(res, 202);
    const id = res.body.id;
    // Kill it while it writes (or, on a fast machine, at least while it checks).
    let seen = null;
    for (const deadline = Date.now() + 240_000; Date.now() < deadline;) {
      const job = (await nanan.get(`/imports/${id}`)).body;
      seen = job.state;
      if (job.state === 'writing' || job.final) break;
      await sleep(20);
    }
    assert.notEqual(seen, 'done', 'the job finished before it could be killed');
    await srv.kill9();
    await srv.restart();
    admin = await login(srv.url, 'admin');
    nanan = await login(srv.url, 'nanan');
    assert.equal(await members(nanan, union.id), before, 'no member of the killed import');
    // The killed server stopped beating: within its staleness (15 s) the job reads as failed.
    let after;
    for (const deadline = Date.now() + 60_000; ;) {
      after = await nanan.get(`/imports/${id}`);
      if (after.body.final || Date.now() > deadline) break;
      await sleep(500);
    }
    assert.equal(after.body.state, 'failed');
    assert.match(after.body.message, /未导入任何数据/);
    const job = await importFile(nanan, file);
    assert.equal(job.state, 'done', JSON.stringify(job));
    assert.equal(await members(nanan, union.id), before + 30000);
    assert.equal(await members(admin, nananOrg.id) >= 30000, true);
  });
});
