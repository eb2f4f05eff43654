// End-to-end: 批量导入会员. The 南岸区 manager (`nanan`) downloads the template from the member page,
// uploads a CSV with two bad rows, reads the report (each bad row by line and column; the xlsx report
// downloads), fixes the file, runs it again (试导入 passes), imports it, sees the progress bar finish
// and finds the members in the list. A larger import keeps its progress bar across a page reload and
// is in 导入记录. The export dialog downloads the list as xlsx. On the org page, a union and its branch
// union import from one file. On the 用人单位名录 page, two enterprises import, a keyword finds them and
// the export link carries that keyword. Run by `node --test e2e/`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS, apiGet, apiPost, field, launchChromium, newPage, settled, signIn, tableRows } from './harness.mjs';

const STAMP = `E2E${Date.now().toString(36)}${process.pid}`;
const UNION = `导入测试工会${STAMP}`;
const HEADER = '姓名,身份证号码,手机号码,工作单位,入会日期,会员状态,会员标签,所属工会';
const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RUN = (Date.now() % 500) * 20000; // runs against one server draw different numbers
function idOf(i) {
  // Region 120101 (no demo member has it): a birth date and a sequence number drawn from i.
  const base = RUN + i;
  const birth = new Date(Date.UTC(1970, 0, 1) + (base % 12000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `120101${birth}${String(Math.floor(base / 12000) % 1000).padStart(3, '0')}`;
  let s = 0;
  for (let k = 0; k < 17; k++) s += Number(first17[k]) * WEIGHTS[k];
  return first17 + '10X98765432'[s % 11];
}

// GB 32100 credit codes of region 500108, drawn from the clock so that runs against one server differ.
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CREDIT_RUN = String(Date.now()).slice(-8);
function creditCode(i) {
  const first17 = `91500108${CREDIT_RUN}${i}`;
  let s = 0;
  for (let k = 0; k < 17; k++) s += CREDIT_ALPHABET.indexOf(first17[k]) * CREDIT_WEIGHTS[k];
  return first17 + CREDIT_ALPHABET[(31 - (s % 31)) % 31];
}

function csv(n, bad = {}) {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    let id = idOf(i);
    let phone = `137${String(i).padStart(8, '0')}`;
    if (bad.id === i) id = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    if (bad.phone === i) phone = '12345';
    lines.push([`${STAMP}会员${i}`, id, phone, '重庆导入测试有限公司', '2024-03-01', '正常', '农民工', UNION].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

describe('批量导入会员: template, a report of every bad row, a fixed file imported, progress across a reload', () => {
  let server;
  let browser;
  let page;
  let tmp;

  before(async () => {
    const { testServer } = await import('./harness.mjs');
    server = await testServer();
    browser = await launchChromium();
    page = await newPage(browser, server.baseURL);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-e2e-import-'));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const file = (name, text) => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const job = () => page.locator('[data-testid="import-job"]');

  it('nanan downloads the template from the member page', async () => {
    await signIn(page, 'nanan', '/member');
    await settled(page, 'member-table');
    const me = await apiGet(page, '/auth/me');
    const created = await apiPost(page, '/orgs', { name: UNION, kind: 'grassroots', parent_id: me.body.user.org_id });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await page.locator('[data-testid="member-import-open"]').click();
    await page.locator('[data-testid="member-import"]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="import-template"]').click()]);
    const saved = path.join(tmp, download.suggestedFilename());
    await download.saveAs(saved);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    assert.equal(fs.readFileSync(saved).subarray(0, 2).toString(), 'PK', 'an xlsx (a zip)');
  });

  it('a file with two bad rows: the dry run reports exactly those rows, by line and column', async () => {
    await page.locator('[data-testid="import-file"] input[type="file"]').setInputFiles(file('bad.csv', csv(10, { id: 3, phone: 7 })));
    await page.locator('[data-testid="import-file-name"]', { hasText: 'bad.csv' }).waitFor();
    await page.locator('[data-testid="import-dry-run"]').click();
    await page.locator('[data-testid="import-job"][data-state="rejected"]').waitFor({ timeout: 60_000 });
    const rows = tableRows(page, 'import-errors');
    assert.equal(await rows.count(), 2);
    assert.match(await rows.nth(0).innerText(), /第 5 行「身份证号码」：.*校验/);
    assert.match(await rows.nth(1).innerText(), /第 9 行「手机号码」/);
    assert.match(await page.locator('[data-testid="import-message"]').innerText(), /2 行不符合要求，未导入任何数据/);
    assert.equal(await page.locator('[data-testid="import-confirm"]').isDisabled(), true, 'nothing to confirm');
    const [report] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="import-report"]').click()]);
    assert.match(report.suggestedFilename(), /\.xlsx$/);
    await shot(page, 'import-report');
  });

  it('the fixed file passes the dry run, imports, and its members are in the list', async () => {
    await page.locator('[data-testid="import-file"] input[type="file"]').setInputFiles(file('fixed.csv', csv(10)));
    await page.locator('[data-testid="import-file-name"]', { hasText: 'fixed.csv' }).waitFor();
    await page.locator('[data-testid="import-dry-run"]').click();
    await page.locator('[data-testid="import-job"][data-state="checked"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="import-confirm"]').click();
    await page.locator('[data-testid="import-job"][data-state="done"]').waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('[role="progressbar"]:is([data-testid="import-progress"], [data-testid="import-progress"] *)').first().getAttribute('aria-valuenow'), '100');
    assert.match(await job().innerText(), /已写入 10 行/);
    await shot(page, 'import-done');
    await page.keyboard.press('Escape');
    await field(page, 'member-filter-q').fill(STAMP);
    await page.locator('[data-testid="member-search"]').click();
    await page.locator('[data-testid="member-table"][data-state="ready"]').waitFor();
    await page.locator('.toolbar', { hasText: '共 10' }).first().waitFor();
    assert.equal(await tableRows(page, 'member-table').count(), 10);
  });

  it('a larger import keeps its progress bar across a page reload, and is in 导入记录', async () => {
    const big = csv(0).trimEnd().split('\r\n');
    for (let i = 0; i < 15000; i++) {
      const id = idOf(1000 + i);
      big.push([`${STAMP}批量${i}`, id, '', '', '', '', '', UNION].join(','));
    }
    await page.locator('[data-testid="member-import-open"]').click();
    await page.locator('[data-testid="import-file"] input[type="file"]').setInputFiles(file('big.csv', big.join('\r\n') + '\r\n'));
    await page.locator('[data-testid="import-file-name"]', { hasText: 'big.csv' }).waitFor();
    await page.locator('[data-testid="import-dry-run"]').click();
    await page.locator('[data-testid="import-job"]:is([data-state="queued"], [data-state="checking"])').waitFor();
    await page.reload();
    // The dialog comes back on the same job and follows it to its end.
    await page.locator('[data-testid="member-import"]').waitFor();
    await page.locator('[data-testid="import-job"][data-state="checked"]').waitFor({ timeout: 120_000 });
    assert.match(await job().innerText(), /已检查 15000 行/);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="member-imports-open"]').click();
    const history = tableRows(page, 'member-imports-table');
    await history.first().waitFor();
    assert.match(await history.first().innerText(), /big\.csv[\s\S]*检查通过/);
    await shot(page, 'import-history');
    await page.keyboard.press('Escape');
  });

  it('the export dialog downloads the filtered list as xlsx', async () => {
    await page.locator('[data-testid="member-export-open"]').click();
    await page.locator('[data-testid="member-export"]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-download"]').click()]);
    const saved = path.join(tmp, 'export.xlsx');
    await download.saveAs(saved);
    assert.equal(fs.readFileSync(saved).subarray(0, 2).toString(), 'PK');
  });

  it('on the org page, a union and its branch union import in one file and appear in the search', async () => {
    await page.goto('/org');
    await page.locator('[data-testid="union-import-open"]').click();
    await page.locator('[data-testid="union-import"]').waitFor();
    const parent = `${STAMP}联合工会`;
    const branch = `${STAMP}分工会`;
    const text = ['工会名称,简称,上级工会,上级产业工会,行政区划代码,单位统一社会信用代码', `${parent},,${UNION},,,`, `${branch},,${parent},,,`].join('\r\n');
    await page.locator('[data-testid="import-file"] input[type="file"]').setInputFiles(file('unions.csv', text + '\r\n'));
    await page.locator('[data-testid="import-file-name"]', { hasText: 'unions.csv' }).waitFor();
    await page.locator('[data-testid="import-dry-run"]').click();
    await page.locator('[data-testid="import-job"][data-state="checked"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="import-confirm"]').click();
    await page.locator('[data-testid="import-job"][data-state="done"]').waitFor({ timeout: 60_000 });
    assert.match(await page.locator('[data-testid="import-job"]').innerText(), /已写入 2 行/);
    await page.keyboard.press('Escape');
    await field(page, 'org-search').fill(STAMP);
    await page.locator('[data-testid="org-search-button"]').click();
    const results = page.locator('[data-testid="org-search-results"] li');
    await results.filter({ hasText: branch }).waitFor();
    assert.equal(await results.count(), 3, 'the union made first and the two imported');
  });

  it('the enterprise page imports two enterprises, finds them by keyword and exports that list', async () => {
    await page.goto('/enterprises');
    await settled(page, 'enterprise-table');
    await page.locator('[data-testid="enterprise-import-open"]').click();
    await page.locator('[data-testid="enterprise-import"]').waitFor();
    const text = [
      '单位名称,统一社会信用代码,单位类型,登记工会,所在区县代码,所属行业,职工人数,单位工会',
      `${STAMP}科技有限公司,${creditCode(1)},规上非公企业,${UNION},500108,软件和信息技术服务业,120,`,
      `${STAMP}配送有限公司,${creditCode(2)},新就业形态平台企业,${UNION},500108,道路运输业,35,`,
    ].join('\r\n');
    await page.locator('[data-testid="import-file"] input[type="file"]').setInputFiles(file('enterprises.csv', text + '\r\n'));
    await page.locator('[data-testid="import-file-name"]', { hasText: 'enterprises.csv' }).waitFor();
    await page.locator('[data-testid="import-dry-run"]').click();
    await page.locator('[data-testid="import-job"][data-state="checked"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="import-confirm"]').click();
    await page.locator('[data-testid="import-job"][data-state="done"]').waitFor({ timeout: 60_000 });
    assert.match(await job().innerText(), /已写入 2 行/);
    await page.keyboard.press('Escape');

    await field(page, 'enterprise-filter-q').fill(STAMP);
    await page.locator('[data-testid="enterprise-search"]').click();
    await page.locator('[data-testid="enterprise-table"][data-state="ready"]').waitFor();
    await page.locator('.toolbar', { hasText: '共 2 条' }).first().waitFor();
    const rows = tableRows(page, 'enterprise-table');
    assert.equal(await rows.count(), 2);
    // 登记工会 is the org's name, looked up after the rows came; no 单位工会 yet.
    await rows.filter({ hasText: `${STAMP}配送有限公司` }).filter({ hasText: UNION }).waitFor();
    assert.match(await rows.filter({ hasText: `${STAMP}配送有限公司` }).innerText(), /新就业形态平台企业[\s\S]*未建会/);
    await shot(page, 'enterprise-list');

    await page.locator('[data-testid="enterprise-export-open"]').click();
    await page.locator('[data-testid="enterprise-export"]').waitFor();
    const link = page.locator('[data-testid="enterprise-export"] [data-testid="export-download"]');
    const href = new URL(await link.getAttribute('href'), server.baseURL);
    assert.equal(href.pathname, '/api/v1/enterprises/export');
    assert.equal(href.searchParams.get('format'), 'xlsx');
    assert.equal(href.searchParams.get('q'), STAMP);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const saved = path.join(tmp, 'enterprises.xlsx');
    await download.saveAs(saved);
    assert.equal(fs.readFileSync(saved).subarray(0, 2).toString(), 'PK', 'an xlsx (a zip)');
  });
});
