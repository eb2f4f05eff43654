// End-to-end: 爱心托管班 from registration to a municipal grade. The 南岸区 manager (`nanan`) registers
// a class, starts its evaluation and self-assesses the six standards side by side, submits it and —
// 南岸区总工会 being the class's district reviewer — reviews it at the district step; the city
// (`admin`) grades it 市级 with a 50,000-yuan subsidy; the city's statistics count one more municipal
// class and 5,000,000 fen more subsidy, on the API and on the 统计看板 page (with its chart and its
// 出勤率). The graded class cannot be deleted (the 409's reasons are shown), a fresh one can; the
// city edits an inspection of the demo data, a finding's error landing on its row.
// Run by `node --test e2e/` (npm run e2e) after `npm run build`. A server built without the
// childcare and statistics endpoints (`GET /api/v1/stats/childcare` answering 404 "接口不存在" rather
// than 401) skips every step, saying so.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, apiGet, chooseOption, field, launchChromium, newPage, signIn, testServer, typeDate } from './harness.mjs';

const STAMP = `E2E${Date.now().toString(36)}${process.pid}`;
const NAME = `南岸区暑期爱心托管班${STAMP}`;
const SUBSIDY_YUAN = 50000;

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

/** Types into an el-input-number; it takes the value when the input loses focus. */
async function typeNumber(page, testid, value) {
  const input = field(page, testid);
  await input.fill(String(value));
  await input.press('Tab');
}

/** Waits for the evaluation screen to show `state` (its data-state attribute). */
function evaluationIn(page, state) {
  return page.locator(`[data-testid="evaluation"][data-state="${state}"]`).waitFor();
}

/** Types a date into a picker inside `scope` (a dialog's row); Enter takes it and closes the picker. */
async function typeDateIn(scope, testid, value) {
  const input = field(scope, testid);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

async function openEvaluationTab(page) {
  await page.locator('.el-tabs__item', { hasText: '评估定级' }).click();
}

describe('爱心托管班: a class registered, self-assessed, reviewed and graded municipal with a subsidy', () => {
  let server;
  let browser;
  let nanan;
  let admin;
  let classId = null;
  let before_ = null;

  /** Why the steps are skipped, or null. */
  let missing = null;
  /** A step of the flow, skipped when the server lacks the endpoints. */
  const step = (name, fn) =>
    it(name, (t) => {
      if (missing) return t.skip(missing);
      return fn();
    });

  before(async () => {
    server = await testServer();
    const probe = await fetch(`${server.baseURL}/api/v1/stats/childcare`);
    if (probe.status === 404) missing = 'this server has no childcare endpoints (GET /api/v1/stats/childcare → 404)';
    browser = await launchChromium();
    nanan = await newPage(browser, server.baseURL);
    admin = await newPage(browser, server.baseURL);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  step('the city reads its childcare figures before', async () => {
    await signIn(admin, 'admin', '/stats');
    await admin.locator('[data-testid="stats"][data-state="ready"]').waitFor();
    const { status, body } = await apiGet(admin, '/stats/childcare');
    assert.equal(status, 200);
    before_ = body;
  });

  step('nanan registers a class', async () => {
    await signIn(nanan, 'nanan', '/childcare');
    await nanan.locator('[data-testid="childcare-new"]').click();
    await nanan.waitForURL(/\/childcare\/new$/);
    await field(nanan, 'childcare-name').fill(NAME);
    await field(nanan, 'childcare-site').fill('南坪街道职工之家');
    await nanan.locator('[data-testid="childcare-term"] .el-radio-button', { hasText: '暑期' }).click();
    await typeDate(nanan, 'childcare-start', '2026-07-06');
    await typeDate(nanan, 'childcare-end', '2026-08-14');
    await typeNumber(nanan, 'childcare-capacity', 40);
    await typeNumber(nanan, 'childcare-age-min', 6);
    await typeNumber(nanan, 'childcare-age-max', 12);
    await nanan.locator('[data-testid="childcare-save"]').click();
    await nanan.waitForURL(/\/childcare\/\d+$/);
    classId = Number(new URL(nanan.url()).pathname.split('/').pop());
    await nanan.locator('[data-testid="childcare-title"]', { hasText: NAME }).waitFor();
    const { body } = await apiGet(nanan, `/childcare/classes/${classId}`);
    assert.equal(body.org_name, '南岸区总工会');
    assert.equal(body.grade, 'none');
  });

  step('nanan self-assesses the six standards and submits them', async () => {
    await openEvaluationTab(nanan);
    await nanan.locator('[data-testid="evaluation-start"]').click();
    await evaluationIn(nanan, 'draft');
    const rows = nanan.locator('[data-testid="evaluation-standards"] tbody tr');
    assert.deepEqual(
      (await rows.locator('th').allTextContents()).map((s) => s.trim()),
      ['场地安全', '管理规范', '权责明确', '餐饮卫生', '职工满意', '规模达标'],
    );
    // Submitting without evidence is refused beside the standard.
    await nanan.locator('[data-testid="evaluation-submit"]').click();
    await nanan.locator('[data-testid^="standard-error-"]').first().waitFor();
    for (let i = 0; i < 6; i++) {
      await typeNumber(nanan, `score-self-${i}`, 85 + i);
      await field(nanan, `evidence-self-${i}`).fill(`自评佐证${i + 1}：制度上墙、台账齐全`);
    }
    await shot(nanan, 'childcare-self');
    await nanan.locator('[data-testid="evaluation-submit"]').click();
    await nanan.locator('[data-testid="evaluation"]:is([data-state="district_review"], [data-state="city_review"])').waitFor();
  });

  step('nanan, the district reviewer, passes it on to the city', async () => {
    const state = await nanan.locator('[data-testid="evaluation"]').getAttribute('data-state');
    assert.equal(state, 'district_review', '南岸区总工会 is a district union: the class goes through the district step');
    // The reviewer starts from the self scores and writes what was checked for each standard.
    assert.equal(await field(nanan, 'score-district-5').inputValue(), '90');
    await typeNumber(nanan, 'score-district-0', 88);
    for (let i = 0; i < 6; i++) await field(nanan, `evidence-district-${i}`).fill(`区总实地查看${i + 1}`);
    await field(nanan, 'evaluation-comment').fill('同意推荐市级');
    await nanan.locator('[data-testid="evaluation-review"]').click();
    await evaluationIn(nanan, 'city_review');
  });

  step('the city grades it 市级 with a 50,000-yuan subsidy', async () => {
    await admin.goto(`/childcare/${classId}`);
    await admin.locator('[data-testid="childcare-title"]', { hasText: NAME }).waitFor();
    await openEvaluationTab(admin);
    await evaluationIn(admin, 'city_review');
    // The self and district columns are shown beside the city's.
    await admin.locator('[data-testid="standard-site_safety"]', { hasText: '区总实地查看1' }).waitFor();
    for (let i = 0; i < 6; i++) await field(admin, `evidence-city-${i}`).fill(`市总抽查${i + 1}`);
    await chooseOption(admin, 'evaluation-grade-select', '市级');
    await typeNumber(admin, 'evaluation-subsidy', SUBSIDY_YUAN);
    await field(admin, 'evaluation-comment').fill('评定为市级爱心托管班');
    await admin.locator('[data-testid="evaluation-review"]').click();
    await evaluationIn(admin, 'graded');
    await admin.locator('[data-testid="childcare-grade"]', { hasText: '市级' }).waitFor();
    await admin.locator('[data-testid="childcare-subsidy"]', { hasText: '50,000.00' }).waitFor();
    await shot(admin, 'childcare-graded');
    const { body } = await apiGet(admin, `/childcare/classes/${classId}`);
    assert.equal(body.grade, 'municipal');
    assert.equal(body.subsidy_fen, SUBSIDY_YUAN * 100);
  });

  step('the city statistics count one more municipal class and the subsidy', async () => {
    const { body: after_ } = await apiGet(admin, '/stats/childcare');
    assert.equal(after_.classes_by_grade.municipal, before_.classes_by_grade.municipal + 1);
    assert.equal(after_.classes_total, before_.classes_total + 1);
    assert.equal(after_.subsidy_fen, before_.subsidy_fen + SUBSIDY_YUAN * 100);

    await admin.goto('/stats');
    await admin.locator('[data-testid="stats"][data-state="ready"]').waitFor();
    await admin.locator('[data-testid="stat-grade-municipal"]', { hasText: String(after_.classes_by_grade.municipal) }).waitFor();
    const canvas = admin.locator('[data-testid="stats-chart"] canvas').first();
    await canvas.waitFor();
    // A bar's tooltip: drawn under the server's Content-Security-Policy without a report.
    const box = await canvas.boundingBox();
    for (const x of [0.2, 0.4, 0.6]) await admin.mouse.move(box.x + box.width * x, box.y + box.height * 0.6);
    await admin.waitForTimeout(500);
    const rate = after_.attendance_rate === null ? '—' : `${(after_.attendance_rate * 100).toFixed(1)}%`;
    assert.equal((await admin.locator('[data-testid="stat-attendance"]').textContent()).trim(), rate);
    assert.equal(await admin.locator('[data-testid="stat-org-attendance"]').count(), after_.by_org.length);
    await shot(admin, 'childcare-stats');
    // The figure opens the list of the municipal classes, ours among them.
    await admin.locator('[data-testid="stat-grade-municipal"]').click();
    await admin.waitForURL(/\/childcare\?.*grade=municipal/);
    await field(admin, 'filter-q').fill(STAMP);
    await admin.locator('[data-testid="filter-search"]').click();
    await admin.locator('[data-testid="childcare-name-link"]', { hasText: NAME }).waitFor();
  });

  step('the graded class cannot be deleted: the reasons are shown', async () => {
    await admin.goto(`/childcare/${classId}`);
    await admin.locator('[data-testid="childcare-title"]', { hasText: NAME }).waitFor();
    await admin.locator('[data-testid="childcare-delete"]').click();
    await admin.locator('.el-message-box .el-button--primary', { hasText: '删除' }).click();
    const refusal = admin.locator('.el-message-box', { hasText: '不能删除' });
    await refusal.locator('.el-message-box__message', { hasText: '已评定为市级托管班' }).waitFor();
    await refusal.locator('.el-button--primary').click();
    assert.equal((await apiGet(admin, `/childcare/classes/${classId}`)).status, 200);
  });

  step('a class nothing has happened to is deleted from its page', async () => {
    const created = await nanan.evaluate(async (name) => {
      const me = await fetch('/api/v1/auth/me').then((r) => r.json());
      const res = await fetch('/api/v1/childcare/classes', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: JSON.stringify({
          name,
          build_mode: 'independent',
          operation_mode: 'self',
          site: '南坪街道职工之家',
          term: 'winter',
          start_date: '2027-01-18',
          end_date: '2027-02-05',
          capacity: 20,
          age_min: 6,
          age_max: 12,
        }),
      });
      return { status: res.status, body: await res.json() };
    }, `${NAME}（待删除）`);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await nanan.goto(`/childcare/${created.body.id}`);
    await nanan.locator('[data-testid="childcare-title"]', { hasText: '待删除' }).waitFor();
    await nanan.locator('[data-testid="childcare-delete"]').click();
    await nanan.locator('.el-message-box .el-button--primary', { hasText: '删除' }).click();
    await nanan.waitForURL((url) => url.pathname === '/childcare');
    assert.equal((await apiGet(nanan, `/childcare/classes/${created.body.id}`)).status, 404);
  });

  step('the city edits an inspection: an early deadline is refused on its row, then saved', async () => {
    const { body } = await apiGet(admin, '/childcare/inspections?page_size=1');
    const ins = body.items[0];
    assert.ok(ins, 'the demo data has inspections');
    await admin.goto(`/childcare/${ins.class_id}`);
    await admin.locator('.el-tabs__item', { hasText: '日常监管' }).click();
    const card = admin.locator(`[data-testid="inspection"][data-id="${ins.id}"]`);
    await card.locator('[data-testid="inspection-edit"]').click();
    const dialog = admin.locator('[data-testid="inspection-dialog"]');
    await field(dialog, 'inspection-notes').fill(`复查${STAMP}`);
    await dialog.locator('[data-testid="finding-add"]').click();
    const row = dialog.locator('[data-testid="inspection-finding"]').last();
    await field(row, 'finding-description').fill(`灭火器过期${STAMP}`);
    await typeDateIn(row, 'finding-deadline', '2000-01-01');
    await dialog.locator('[data-testid="inspection-submit"]').click();
    await row.locator('.el-form-item__error', { hasText: '不能早于检查日期' }).waitFor();
    await shot(admin, 'childcare-inspection');
    await typeDateIn(row, 'finding-deadline', '2099-12-31');
    await dialog.locator('[data-testid="inspection-submit"]').click();
    await dialog.waitFor({ state: 'hidden' });
    await card.locator('[data-testid="inspection-notes-text"]', { hasText: `复查${STAMP}` }).waitFor();
    await card.locator('[data-testid="inspection-findings"]', { hasText: `灭火器过期${STAMP}` }).waitFor();
    const { body: saved } = await apiGet(admin, `/childcare/inspections/${ins.id}`);
    assert.equal(saved.findings.length, ins.findings.length + 1);
  });
});
