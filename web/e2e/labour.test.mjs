// End-to-end: a collective contract from the offer to 已签订, signed online. The 南岸区 manager
// (`nanan`) reads 集体合同签订率 on the 劳动关系看板, drafts a 综合性 contract for a unionised
// enterprise of his district that has none in force (found through the rate's 缺口), sets three
// negotiators a side, types the text, takes it through 协商 and 职代会审议 (the vote recorded in the
// UI), signs the workers' side and creates a sign link for the employer, shown as a QR code. The
// link opens in a new browser context the size of a phone (375×667, no horizontal scroll), where
// the employer's representative signs; the link then says it has been used. The contract shows
// 已签订 with its filing deadline, and the rate's numerator is one higher than before.
// Run by `node --test e2e/` (npm run e2e) after `npm run build`. A server without the labour
// endpoints (`GET /api/v1/labour/rates` answering 404 rather than 401) skips every step.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, apiGet, apiPost, field, launchChromium, newPage, searchAndChoose, signIn, typeDateIn } from './harness.mjs';

const STAMP = `E2E${Date.now().toString(36)}${process.pid}`;
const TITLE = `集体合同${STAMP}`;
const YEAR = new Date().getFullYear();
const EMPLOYER_SIGNER = '企业方首席代表王五';
const TEXT = `${TITLE}\n第一条 为维护职工合法权益，双方平等协商订立本合同。\n第二条 工资每年协商调整一次。`;

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

/** Types into an el-input-number; it takes the value when the input loses focus. */
async function typeNumber(page, testid, value) {
  const input = field(page, testid);
  await input.fill(String(value));
  await input.press('Tab');
}

/** The numerator of 集体合同签订率 as the dashboard shows it. */
async function signingNumerator(page) {
  await page.goto('/labour/rates');
  await page.locator('[data-testid="rates"][data-state="ready"]').waitFor();
  const numerator = page.locator('[data-testid="rate-contract_signing"] [data-testid="rate-numerator"]');
  return Number(await numerator.getAttribute('data-value'));
}

/** Runs a step from the detail page's buttons and waits for the contract to reach `state`. */
async function step(page, name, state, fill = async () => {}) {
  await page.locator(`[data-testid="step-${name}"]`).click();
  const dialog = page.locator(`[data-testid="step-dialog"][data-step="${name}"]`);
  await dialog.waitFor();
  await fill();
  await page.locator('[data-testid="step-save"]').click();
  await page.locator(`[data-testid="contract-detail"][data-state="${state}"]`).waitFor();
}

describe('集体合同: drafted, negotiated, approved by the congress and signed online on a phone', () => {
  let server;
  let browser;
  let nanan;
  let phone;
  let before_ = null;
  let unit = null;
  let contractId = null;
  let signUrl = null;

  let missing = null;
  const flow = (name, fn) =>
    it(name, (t) => {
      if (missing) return t.skip(missing);
      return fn();
    });

  before(async () => {
    const { testServer } = await import('./harness.mjs');
    server = await testServer();
    const probe = await fetch(`${server.baseURL}/api/v1/labour/rates`);
    if (probe.status === 404) missing = 'this server has no labour endpoints (GET /api/v1/labour/rates → 404)';
    browser = await launchChromium();
    nanan = await newPage(browser, server.baseURL);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  flow('nanan reads 集体合同签订率 and finds a unionised enterprise without a contract in force', async () => {
    await signIn(nanan, 'nanan', '/labour/rates');
    before_ = await signingNumerator(nanan);
    assert.ok(Number.isInteger(before_));
    // 缺口 opens the units counted in the denominator and not the numerator; its total is the gap.
    const rate = nanan.locator('[data-testid="rate-contract_signing"]');
    const denominator = Number(await rate.locator('[data-testid="rate-denominator"]').getAttribute('data-value'));
    await rate.locator('[data-testid="rate-missing"]').click();
    await nanan.locator('[data-testid="rate-units-table"][data-state="ready"]').waitFor();
    await nanan.locator('[data-testid="rate-units-total"]', { hasText: String(denominator - before_) }).waitFor();
    const { status, body } = await apiGet(nanan, `/labour/rate-units?rate=contract_signing&part=missing&year=${YEAR}&page_size=50`);
    assert.equal(status, 200);
    unit = body.items.find((e) => e.union_org_id);
    assert.ok(unit, 'the demo data has a unionised enterprise of 南岸区 without a contract in force');
    await nanan.keyboard.press('Escape');
  });

  flow('nanan drafts a 综合性 contract for it', async () => {
    await nanan.goto('/labour/contracts');
    await nanan.locator('[data-testid="contract-table"][data-state="ready"]').waitFor();
    await nanan.locator('[data-testid="contract-new"]').click();
    await nanan.locator('[data-testid="contract-form"]').waitFor();
    await searchAndChoose(nanan, 'contract-org', unit.union_name);
    await field(nanan, 'contract-title').fill(TITLE);
    await searchAndChoose(nanan, 'contract-employer', unit.name);
    await typeNumber(nanan, 'contract-workers', 100);
    await typeNumber(nanan, 'contract-women', 10);
    await typeNumber(nanan, 'contract-dispatched', 0);
    await typeDateIn(nanan, 'contract-term-from', `${YEAR}-01-01`);
    await typeDateIn(nanan, 'contract-term-to', `${YEAR + 2}-12-31`);
    await nanan.locator('[data-testid="contract-save"]').click();
    await nanan.waitForURL(/\/labour\/contracts\/\d+$/);
    contractId = Number(new URL(nanan.url()).pathname.split('/').pop());
    await nanan.locator('[data-testid="contract-title"]', { hasText: TITLE }).waitFor();
    await nanan.locator('[data-testid="contract-detail"][data-state="offer"]').waitFor();
    const { body } = await apiGet(nanan, `/labour/contracts/${contractId}`);
    assert.equal(body.kind, 'comprehensive');
    assert.equal(body.org_id, unit.union_org_id);
    assert.equal(body.employer_enterprise_id, unit.id);
  });

  flow('nanan sets three negotiators a side and types the text', async () => {
    // Saving too few negotiators is refused with the rule that is broken.
    await nanan.locator('[data-testid="negotiator-add-worker"]').click();
    await field(nanan, 'negotiator-name-0').fill('职工首席张三');
    await nanan.locator('[data-testid="negotiators-save"]').click();
    await nanan.locator('[data-testid="negotiators-error"]').waitFor();
    const names = ['职工首席张三', '职工代表李梅', '职工代表赵六', '企业首席王五', '企业代表钱七', '企业代表孙八'];
    await nanan.locator('[data-testid="negotiator-add-worker"]').click();
    await nanan.locator('[data-testid="negotiator-add-worker"]').click();
    for (let i = 0; i < 3; i++) await nanan.locator('[data-testid="negotiator-add-employer"]').click();
    for (let i = 0; i < names.length; i++) await field(nanan, `negotiator-name-${i}`).fill(names[i]);
    await nanan.locator('[data-testid="negotiator-gender-1"] .el-radio-button', { hasText: '女' }).click();
    await nanan.locator('[data-testid="negotiator-chief-0"]').click();
    await nanan.locator('[data-testid="negotiator-chair-0"]').click();
    await nanan.locator('[data-testid="negotiator-chief-3"]').click();
    await nanan.locator('[data-testid="negotiators-save"]').click();
    await nanan.locator('[data-testid="negotiators-error"]').waitFor({ state: 'detached' });
    await nanan.locator('.el-message--success').first().waitFor();
    const { body } = await apiGet(nanan, `/labour/contracts/${contractId}`);
    assert.equal(body.negotiators.length, 6);

    await nanan.locator('.el-tabs__item', { hasText: '合同文本' }).click();
    await field(nanan, 'text-typed').fill(TEXT);
    await nanan.locator('[data-testid="text-save"]').click();
    await nanan.locator('[data-testid="text-table"] tbody tr').first().waitFor();
  });

  flow('the contract goes through 协商 and 职代会审议 with the vote recorded', async () => {
    await step(nanan, 'negotiate', 'negotiating');
    await step(nanan, 'submit', 'congress');
    await step(nanan, 'vote', 'congress', async () => {
      await typeNumber(nanan, 'vote-total', 60);
      await typeNumber(nanan, 'vote-attendees', 50);
      await typeNumber(nanan, 'vote-for', 40);
      await typeNumber(nanan, 'vote-against', 5);
    });
    await nanan.locator('[data-testid="contract-vote"][data-passed="true"]').waitFor();
  });

  flow("nanan signs the workers' side and creates the employer's sign link, shown as a QR code", async () => {
    await nanan.locator('.el-tabs__item', { hasText: '在线签署' }).click();
    await nanan.locator('[data-testid="sign-workers"]').click();
    await nanan.locator('[data-testid="signed-worker"][data-signed="true"]').waitFor();
    await nanan.locator('[data-testid="link-side"] .el-radio-button', { hasText: '企业方' }).click();
    await field(nanan, 'link-signer').fill(EMPLOYER_SIGNER);
    await nanan.locator('[data-testid="link-create"]').click();
    const qr = nanan.locator('[data-testid="sign-link-qr"]');
    await qr.waitFor();
    assert.match(await qr.getAttribute('src'), /^data:image\/png;base64,/);
    signUrl = await field(nanan, 'sign-link-url').inputValue();
    assert.match(signUrl, new RegExp(`^${server.baseURL}/sign/[^/]+$`));
    await shot(nanan, 'labour-sign-link');
  });

  flow('the employer signs on a phone through the link', async () => {
    phone = await newPage(browser, server.baseURL, { viewport: { width: 375, height: 667 } });
    await phone.goto(signUrl);
    await phone.locator('[data-testid="public-sign"][data-state="ready"]').waitFor();
    await phone.locator('[data-testid="sign-title"]', { hasText: TITLE }).waitFor();
    await phone.locator('[data-testid="sign-text"]', { hasText: '第二条' }).waitFor();
    await phone.locator('[data-testid="sign-side"]', { hasText: EMPLOYER_SIGNER }).waitFor();
    const widths = await phone.evaluate(() => ({ scroll: globalThis.document.documentElement.scrollWidth, view: globalThis.innerWidth }));
    assert.ok(widths.scroll <= widths.view, `no horizontal scroll on a phone (${widths.scroll} > ${widths.view})`);
    const button = phone.locator('[data-testid="sign-submit"]');
    const box = await button.boundingBox();
    assert.ok(box.height >= 48 && box.width >= 300, `a large touch target (${box.width}×${box.height})`);
    assert.equal(await button.isDisabled(), true);
    await shot(phone, 'labour-sign-on-phone');
    await phone.locator('[data-testid="sign-name"]').fill(EMPLOYER_SIGNER);
    await phone.locator('[data-testid="sign-agree"]').check();
    await button.click();
    await phone.locator('[data-testid="sign-done"]', { hasText: '已签订' }).waitFor();
    await shot(phone, 'labour-signed-on-phone');
    // The link is single-use.
    await phone.reload();
    await phone.locator('[data-testid="sign-problem"][data-problem="used"]').waitFor();
  });

  flow('the contract shows 已签订 with its filing deadline', async () => {
    await nanan.goto(`/labour/contracts/${contractId}`);
    await nanan.locator('[data-testid="contract-detail"][data-state="signed"]').waitFor();
    await nanan.locator('[data-testid="contract-detail"] [data-testid="contract-state"]', { hasText: '已签订' }).first().waitFor();
    const { body } = await apiGet(nanan, `/labour/contracts/${contractId}`);
    assert.ok(body.deadlines.filing_due);
    await nanan.locator('[data-testid="deadline-filing"]', { hasText: body.deadlines.filing_due }).waitFor();
    assert.equal(await nanan.locator('[data-testid="deadline-filing"]').getAttribute('data-overdue'), 'false');
    await nanan.locator('.el-tabs__item', { hasText: '时间线' }).click();
    await nanan.locator('[data-testid="contract-timeline"] [data-step="sign"]').waitFor();
    await shot(nanan, 'labour-contract-signed');
  });

  flow('a consultation meeting recorded against the contract shows on its 协商会议 tab', async () => {
    const { body: contract } = await apiGet(nanan, `/labour/contracts/${contractId}`);
    const title = `工资集体协商第二轮-${Date.now()}`;
    const held = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
    const res = await apiPost(nanan, '/labour/consultations', { org_id: contract.org_id, title, held_on: held, contract_id: contractId });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    await nanan.goto(`/labour/contracts/${contractId}`);
    await nanan.locator('.el-tabs__item', { hasText: '协商会议' }).click();
    await nanan.locator('[data-testid="contract-meetings"][data-total="1"]').waitFor();
    await nanan.locator('[data-testid="contract-meetings"] .el-table__row', { hasText: title }).waitFor();
  });

  flow('集体合同签订率 counts the contract: its numerator is one higher', async () => {
    assert.equal(await signingNumerator(nanan), before_ + 1);
    await nanan.locator('[data-testid="rates-chart"] canvas').waitFor();
  });

  flow('the signed text verifies on the public page; another file does not', async () => {
    const { body } = await apiGet(nanan, `/labour/contracts/${contractId}`);
    await phone.goto('/verify');
    await phone.locator('[data-testid="verify-number"]').fill(body.number);
    await phone.locator('[data-testid="verify-file"]').setInputFiles({ name: 'text.txt', mimeType: 'text/plain', buffer: Buffer.from(TEXT, 'utf8') });
    await phone.locator('[data-testid="verify-submit"]').click();
    await phone.locator('[data-testid="verify-result"][data-match="true"]').waitFor();
    await phone.locator('[data-testid="verify-file"]').setInputFiles({ name: 'other.txt', mimeType: 'text/plain', buffer: Buffer.from(`${TEXT}。`, 'utf8') });
    await phone.locator('[data-testid="verify-submit"]').click();
    await phone.locator('[data-testid="verify-result"][data-match="false"]').waitFor();
  });

  flow("the dashboard's counts open their lists filtered the same way", async () => {
    await nanan.goto('/labour/rates');
    await nanan.locator('[data-testid="rates"][data-state="ready"]').waitFor();
    for (const [count, list] of [
      ['visits', 'visit'],
      ['trainings', 'training'],
      ['documents', 'document'],
      ['consultations', 'consultation'],
      ['mediations', 'mediation'],
    ]) {
      const link = nanan.locator(`[data-testid="count-${count}"]`);
      const n = (await link.textContent()).trim();
      await link.click();
      await nanan.waitForURL(new RegExp(`/labour/${count}\\?.*year=${YEAR}`));
      await nanan.locator(`[data-testid="${list}-table"][data-state="ready"]`).waitFor();
      await nanan.locator('.toolbar', { hasText: `共 ${n} 条` }).first().waitFor();
      await nanan.goBack();
      await nanan.locator('[data-testid="rates"][data-state="ready"]').waitFor();
    }
  });
});
