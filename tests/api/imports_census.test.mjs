// Bulk imports of the employer census and of grassroots unions (issue 12, docs/api.md
// "Imports"): the templates, every bad row reported and nothing written, credit codes unique
// against the file and the database, the registering union and the parents named by name or
// code in the caller's scope (or on an earlier row of the same file), update mode by credit
// code, and an imported union linked to its enterprise; the census exported in the import's
// columns, so an exported file edited and imported in update mode changes what was edited.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { login, startServer } from './harness.mjs';
import { assertError, assertStatus, count, createEnterprise, createUnion, findOrg, parseCsv, randomCreditCode, uniq } from './util.mjs';

let srv;
let admin;
let nanan;
let nananOrg;
let yuzhongOrg;
let street;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const cell = (v) => (/[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csv = (header, lines) => [header, ...lines.map((l) => l.map(cell).join(','))].join('\r\n') + '\r\n';

async function importFile(client, kind, bytes, query = '') {
  const res = await client.raw('POST', `/imports?kind=${kind}&file_name=${encodeURIComponent(`${kind}.csv`)}${query}`, {
    body: Buffer.from(bytes), headers: { 'Content-Type': 'text/csv' },
  });
  assertStatus(res, 202, `POST /imports?kind=${kind}`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const job = await client.get(`/imports/${res.body.id}`);
    assertStatus(job, 200, 'GET /imports/{id}');
    if (job.body.final) return job.body;
    if (Date.now() > deadline) throw new Error(`import not final: ${JSON.stringify(job.body)}`);
    await sleep(100);
  }
}

async function problems(client, id) {
  const res = await client.get(`/imports/${id}/errors?page_size=200`);
  assertStatus(res, 200, 'GET errors');
  return Object.fromEntries(res.body.items.map((r) => [r.line, r.problems.map((p) => `${p.column}:${p.message}`)]));
}

const enterprises = (client, orgId) => count(client, `/enterprises?org_id=${orgId}`);

async function enterpriseByCode(client, code) {
  const res = await client.get(`/enterprises?q=${code}`);
  assertStatus(res, 200, 'GET /enterprises');
  return res.body.items.find((e) => e.credit_code === code);
}

before(async () => {
  srv = await startServer();
  admin = await login(srv.url, 'admin');
  nanan = await login(srv.url, 'nanan');
  nananOrg = await findOrg(admin, '南岸区总工会');
  yuzhongOrg = await findOrg(admin, '渝中区总工会');
  const made = await nanan.post('/orgs', { name: uniq('南岸导入街道工会'), kind: 'street', parent_id: nananOrg.id });
  assertStatus(made, 201, 'POST /orgs street');
  street = made.body;
});

after(async () => {
  await srv?.stop();
});

describe('enterprise import', () => {
  const HEADER = '单位名称,统一社会信用代码,单位类型,所在区县代码,所属行业,职工人数,单位工会,登记工会';

  it('offers a template with the census columns', async () => {
    const res = await nanan.download('/imports/template?kind=enterprise');
    assert.equal(res.status, 200);
    assert.equal(res.bytes.subarray(0, 2).toString(), 'PK');
    assert.match(decodeURIComponent(res.headers.get('content-disposition')), /用人单位导入模板/);
    // The template's example row is skipped: nothing else to import.
    const job = await importFile(nanan, 'enterprise', res.bytes);
    assert.equal(job.state, 'rejected');
    assert.equal(job.rows_skipped, 1);
  });

  it('writes a good file: kinds in words, counts with separators, the union by name', async () => {
    const union = await createUnion(nanan, street.id, uniq('南岸导入单位工会'));
    const before = await enterprises(nanan, nananOrg.id);
    const codes = [randomCreditCode(), randomCreditCode(), randomCreditCode()];
    const job = await importFile(nanan, 'enterprise', csv(HEADER, [
      [uniq('导入国企'), codes[0], '国有企业', '500108', '制造业', '1,200', union.name, nananOrg.name],
      [uniq('导入平台'), codes[1].toLowerCase(), '平台企业', '', '', '35人', '', nananOrg.name],
      [uniq('导入社会组织'), codes[2], '社会组织', '500108', '', '', '', street.name],
    ]));
    assert.equal(job.state, 'done', JSON.stringify(job));
    assert.equal(job.rows_written, 3);
    assert.equal(await enterprises(nanan, nananOrg.id), before + 3);
    const first = await enterpriseByCode(nanan, codes[0]);
    assert.equal(first.kind, 'state_owned');
    assert.equal(first.employees, 1200);
    assert.equal(first.union_org_id, union.id);
    assert.equal(first.org_id, nananOrg.id);
    const second = await enterpriseByCode(nanan, codes[1]);
    assert.equal(second.kind, 'platform');
    assert.equal(second.employees, 35);
    assert.equal(second.union_org_id, null);
    assert.equal((await enterpriseByCode(nanan, codes[2])).org_id, street.id);
  });

  it('a file with bad rows writes nothing and names every row and column', async () => {
    const before = await enterprises(nanan, nananOrg.id);
    const good = randomCreditCode();
    const wrongCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const twice = randomCreditCode();
    const job = await importFile(nanan, 'enterprise', csv(HEADER, [
      [uniq('好单位'), good, '机关', '', '', '10', '', nananOrg.name],
      [uniq('校验位错'), wrongCheck, '机关', '', '', '', '', nananOrg.name],
      [uniq('重复一'), twice, '事业单位', '', '', '', '', nananOrg.name],
      [uniq('重复二'), twice, '事业单位', '', '', '', '', nananOrg.name],
      [uniq('类型错'), randomCreditCode(), '外企', '', '', '', '', nananOrg.name],
      [uniq('越权'), randomCreditCode(), '机关', '', '', '', '', yuzhongOrg.name],
      [uniq('人数错'), randomCreditCode(), '机关', '5001', '', '约300', '', nananOrg.name],
    ]));
    assert.equal(job.state, 'rejected', JSON.stringify(job));
    assert.equal(job.rows_written, 0);
    assert.equal(job.rows_bad, 5);
    const p = await problems(nanan, job.id);
    assert.deepEqual(Object.keys(p).map(Number).sort((a, b) => a - b), [3, 5, 6, 7, 8]);
    assert.match(p[3][0], /^统一社会信用代码:.*校验/);
    assert.match(p[5][0], /^统一社会信用代码:与本文件第 4 行/);
    assert.match(p[6][0], /^单位类型:“外企”不是单位类型/);
    assert.match(p[7][0], /^登记工会:.*不是您管辖范围内的工会/);
    assert.deepEqual(p[8].map((m) => m.split(':')[0]), ['所在区县代码', '职工人数']);
    assert.equal(await enterprises(nanan, nananOrg.id), before);
    assert.equal(await enterpriseByCode(nanan, good), undefined);
  });

  it('refuses a credit code already registered, and updates by credit code in update mode', async () => {
    const existing = await createEnterprise(nanan, nananOrg.id, { employees: 40 });
    const dup = await importFile(nanan, 'enterprise', csv(HEADER, [
      [uniq('又来一次'), existing.credit_code, '机关', '', '', '', '', nananOrg.name],
    ]));
    assert.equal(dup.state, 'rejected');
    assert.match((await problems(nanan, dup.id))[2][0], /已登记（单位编号 \d+）/);

    const job = await importFile(nanan, 'enterprise', csv('统一社会信用代码,职工人数', [[existing.credit_code, '88']]), '&mode=update');
    assert.equal(job.state, 'done', JSON.stringify(job));
    const after = await enterpriseByCode(nanan, existing.credit_code);
    assert.equal(after.employees, 88);
    assert.equal(after.name, existing.name);
    assert.equal(after.kind, existing.kind);

    // Another district's enterprise is no match for nanan.
    const theirs = await createEnterprise(admin, yuzhongOrg.id);
    const outside = await importFile(nanan, 'enterprise', csv('统一社会信用代码,职工人数', [[theirs.credit_code, '1']]), '&mode=update');
    assert.equal(outside.state, 'rejected');
    assert.equal((await admin.get(`/enterprises/${theirs.id}`)).body.employees, theirs.employees);
  });

  it('needs the census right', async () => {
    const viewer = await login(srv.url, 'viewer');
    const res = await viewer.raw('POST', '/imports?kind=enterprise&file_name=a.csv', {
      body: Buffer.from(csv(HEADER, [])), headers: { 'Content-Type': 'text/csv' },
    });
    assert.equal(res.status, 403);
  });
});

describe('enterprise export', () => {
  const COLUMNS = ['编号', '单位名称', '统一社会信用代码', '单位类型', '登记工会', '所在区县代码', '所属行业', '职工人数', '单位工会'];

  async function exportCsv(client, query) {
    const res = await client.download(`/enterprises/export?format=csv&${query}`);
    assert.equal(res.status, 200, res.bytes.toString());
    assert.match(res.headers.get('content-type'), /text\/csv/);
    assert.equal(res.headers.get('transfer-encoding'), 'chunked', 'streamed');
    assert.match(decodeURIComponent(res.headers.get('content-disposition')), /用人单位名录\.csv/);
    return parseCsv(res.bytes.toString('utf8'));
  }

  it('writes the list of the subtree in the import\'s columns, none outside, with the filters', async () => {
    const union = await createUnion(nanan, street.id, uniq('南岸导出单位工会'));
    const mine = await createEnterprise(nanan, street.id, { kind: 'state_owned', region_code: '500108', industry: '制造业', union_org_id: union.id, employees: 321 });
    const other = await createEnterprise(nanan, street.id, { kind: 'platform' });
    const theirs = await createEnterprise(admin, yuzhongOrg.id);
    const rows = await exportCsv(nanan, `org_id=${nananOrg.id}`);
    assert.deepEqual(rows[0], COLUMNS);
    assert.equal(rows.length - 1, await enterprises(nanan, nananOrg.id), 'the count the list shows');
    assert.ok(!rows.some((r) => r[2].trim() === theirs.credit_code), 'no enterprise outside the subtree');
    const row = rows.find((r) => Number(r[0]) === mine.id);
    assert.deepEqual(row.map((c) => c.trim()), [String(mine.id), mine.name, mine.credit_code, '国有企业', street.name, '500108', '制造业', '321', union.name]);
    assert.equal(rows.find((r) => Number(r[0]) === other.id)[8], '', 'no union yet');

    const platforms = await exportCsv(nanan, `org_id=${street.id}&type=platform`);
    assert.equal(platforms.length - 1, await count(nanan, `/enterprises?org_id=${street.id}&type=platform`));
    assert.ok(platforms.slice(1).every((r) => r[3] === '新就业形态平台企业'));
    const one = await exportCsv(nanan, `q=${mine.credit_code}`);
    assert.deepEqual(one.slice(1).map((r) => Number(r[0])), [mine.id]);

    assertError(await nanan.get('/enterprises/export?format=doc'), 422, 'invalid_argument', 'format');
    assertError(await nanan.get(`/enterprises/export?format=csv&org_id=${yuzhongOrg.id}`), 404, 'not_found');
  });

  it('round trip: the exported file, edited, updates the census in update mode', async () => {
    const a = await createEnterprise(nanan, street.id, { employees: 10 });
    const b = await createEnterprise(nanan, street.id, { employees: 20 });
    const rows = await exportCsv(nanan, `org_id=${street.id}`);
    const edited = rows.map((r, i) => (i > 0 && Number(r[0]) === a.id ? r.map((c, j) => (j === 7 ? '1,234' : c)) : r));
    const job = await importFile(nanan, 'enterprise', csv(edited[0].join(','), edited.slice(1)), '&mode=update');
    assert.equal(job.state, 'done', JSON.stringify(job));
    assert.equal(job.rows_written, rows.length - 1);
    assert.equal((await nanan.get(`/enterprises/${a.id}`)).body.employees, 1234);
    const still = (await nanan.get(`/enterprises/${b.id}`)).body;
    assert.equal(still.employees, 20);
    assert.equal(still.name, b.name);
    assert.equal(still.kind, b.kind);
  });

  it('is logged', async () => {
    await exportCsv(nanan, `org_id=${street.id}`);
    const log = await admin.get('/exports?page_size=20');
    assertStatus(log, 200);
    const entry = log.body.items.find((e) => e.kind === 'enterprise' && e.user_id === nanan.me.user.id);
    assert.ok(entry, JSON.stringify(log.body.items.slice(0, 3)));
    assert.equal(entry.completed, true);
    assert.equal(entry.rows, await enterprises(nanan, street.id));
    assert.equal(entry.filter.org_id, street.id);
  });
});

describe('union import', () => {
  const HEADER = '工会名称,简称,上级工会,上级产业工会,行政区划代码,单位统一社会信用代码';

  it('writes unions under parents of the database and of earlier rows, and links the enterprise', async () => {
    const enterprise = await createEnterprise(nanan, nananOrg.id);
    const parentName = uniq('导入联合工会');
    const childName = uniq('导入分工会');
    const job = await importFile(nanan, 'union', csv(HEADER, [
      [parentName, '联合', street.name, '', '', enterprise.credit_code],
      [childName, '', parentName, '', '', ''],
    ]));
    assert.equal(job.state, 'done', JSON.stringify(job));
    assert.equal(job.rows_written, 2);
    const parent = await findOrg(nanan, parentName);
    const child = await findOrg(nanan, childName);
    assert.equal(parent.kind, 'grassroots');
    assert.equal(parent.parent_id, street.id);
    assert.equal(parent.short_name, '联合');
    assert.equal(child.parent_id, parent.id);
    // The closure: the street's subtree holds both.
    const subtree = await nanan.get(`/orgs?org_id=${street.id}&page_size=100`);
    assertStatus(subtree, 200, 'GET /orgs subtree');
    const names = subtree.body.items.map((o) => o.name);
    assert.ok(names.includes(parentName) && names.includes(childName), names.join(' '));
    assert.equal((await nanan.get(`/enterprises/${enterprise.id}`)).body.union_org_id, parent.id);
  });

  it('a file with bad rows writes nothing and names every row', async () => {
    const existing = await createUnion(nanan, street.id, uniq('已有工会'));
    const taken = await createEnterprise(nanan, nananOrg.id, { union_org_id: existing.id });
    const name = uniq('好工会');
    const job = await importFile(nanan, 'union', csv(HEADER, [
      [name, '', street.name, '', '', ''],
      [existing.name, '', street.name, '', '', ''],
      [uniq('越权工会'), '', yuzhongOrg.name, '', '', ''],
      [uniq('无上级'), '', '', '', '', ''],
      [uniq('上级在后'), '', uniq('后面的工会'), '', '', ''],
      [uniq('单位已有工会'), '', street.name, '', '', taken.credit_code],
      [uniq('编码错'), '', street.name, '', '12345', ''],
      [uniq('产业错'), '', street.name, street.name, '', ''],
    ]));
    assert.equal(job.state, 'rejected', JSON.stringify(job));
    assert.equal(job.rows_bad, 7);
    const p = await problems(nanan, job.id);
    assert.deepEqual(Object.keys(p).map(Number).sort((a, b) => a - b), [3, 4, 5, 6, 7, 8, 9]);
    assert.match(p[3][0], /^工会名称:上级工会下已有同名的工会/);
    assert.match(p[4][0], /^上级工会:.*不是您管辖范围内的工会/);
    assert.match(p[5][0], /^上级工会:不能为空/);
    assert.match(p[6][0], /^上级工会:.*上级工会的行须在下级之前/);
    assert.match(p[7][0], /^单位统一社会信用代码:该单位已有工会/);
    assert.match(p[8][0], /^行政区划代码:/);
    assert.match(p[9][0], /^上级产业工会:基层工会的上级产业工会应为/);
    const found = await nanan.get(`/orgs?q=${encodeURIComponent(name)}`);
    assert.equal(found.body.total, 0);
  });

  it('has no update mode and a default parent for rows that name none', async () => {
    const res = await nanan.raw('POST', '/imports?kind=union&mode=update&file_name=a.csv', {
      body: Buffer.from(csv(HEADER, [])), headers: { 'Content-Type': 'text/csv' },
    });
    assertError(res, 422, 'invalid_argument', 'mode');
    const name = uniq('默认上级工会');
    const job = await importFile(nanan, 'union', csv(HEADER, [[name, '', '', '', '', '']]), `&org_id=${street.id}`);
    assert.equal(job.state, 'done', JSON.stringify(job));
    assert.equal((await findOrg(nanan, name)).parent_id, street.id);
  });
});
