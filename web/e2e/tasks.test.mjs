// End-to-end: 闭环落实. The city (admin) records a meeting, makes a plan from it on the meeting's
// page with one item for 南岸区 and one for 渝中区 (due yesterday); the plan shows the 渝中区 item
// as overdue. 南岸区 (`nanan`) finds its item in 督办 — and not 渝中区's — and submits it as done
// with a photo as evidence; the city accepts it. In 督办 the overdue item of the other district
// stands out at the top, and the dashboard's task figures have moved by what happened, each tile
// showing what its list shows. Screenshots are kept in e2e/artifacts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { ARTIFACTS, PIXEL_PNG, apiGet, apiPost, chooseOption, field, launchChromium, newPage, searchAndChoose, signIn, typeDateIn } from './harness.mjs';

const STAMP = `E2E${Date.now().toString(36)}${process.pid}`;
const DAY = 86_400_000;
const day = (n) => new Date(Date.now() + 8 * 3_600_000 + n * DAY).toISOString().slice(0, 10);
const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

/** The dashboard's figures of the caller's union: key → value. */
async function figures(page) {
  const { status, body } = await apiGet(page, '/dashboard');
  assert.equal(status, 200);
  return Object.fromEntries(body.figures.map((f) => [f.key, f.value]));
}

describe('闭环落实: a plan from a meeting, carried out by a district, accepted by the city', () => {
  let server;
  let browser;
  let city;
  let nanan;
  let planId;
  let before_;
  const title = `贯彻落实推进会精神${STAMP}`;

  before(async () => {
    const { testServer } = await import('./harness.mjs');
    server = await testServer();
    browser = await launchChromium();
    city = await newPage(browser, server.baseURL, { viewport: { width: 1366, height: 768 } });
    nanan = await newPage(browser, server.baseURL);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the city makes a plan from its meeting with items for two districts', async () => {
    await signIn(city, 'admin', '/tasks');
    before_ = await figures(city);
    const me = (await apiGet(city, '/auth/me')).body;
    const meeting = await apiPost(city, '/activities', {
      org_id: me.user.org_id, title: `全市工会工作推进会${STAMP}`, type: 'meeting', start_date: day(-20), end_date: day(-20),
    });
    assert.equal(meeting.status, 201, JSON.stringify(meeting.body));
    await city.goto(`/activity/${meeting.body.id}`);
    await city.locator('[data-testid="detail-make-plan"]').click();
    await city.locator('[data-testid="task-plan-meeting"]', { hasText: STAMP }).waitFor();
    await field(city, 'task-plan-title').fill(title);
    const period = city.locator('[data-testid="task-plan-period"] .el-range-input');
    await period.nth(0).click();
    await period.nth(0).fill(day(-20));
    await period.nth(1).fill(day(60));
    await period.nth(1).press('Enter');
    await searchAndChoose(city, 'task-item-org-0', '南岸区总工会');
    await field(city, 'task-item-title-0').fill('新建爱心托管班');
    await field(city, 'task-item-responsible-0').fill('南岸区总工会 张主席');
    await typeDateIn(city, 'task-item-deadline-0', day(30));
    await city.locator('[data-testid="task-plan-add-item"]').click();
    await searchAndChoose(city, 'task-item-org-1', '渝中区总工会');
    await field(city, 'task-item-title-1').fill('走访慰问新就业形态劳动者');
    await field(city, 'task-item-responsible-1').fill('渝中区总工会 李部长');
    await typeDateIn(city, 'task-item-deadline-1', day(-1));
    await city.locator('[data-testid="task-plan-save"]').click();
    await city.waitForURL(/\/tasks\/\d+$/);
    planId = Number(new URL(city.url()).pathname.split('/').pop());
    await city.locator('[data-testid="task-plan"][data-state="open"]').waitFor();
    const rows = city.locator('[data-testid="task-plan-items"] .el-table__body-wrapper tbody tr');
    assert.equal(await rows.count(), 2);
    await city.locator('[data-testid="task-plan-items"] tr.row-overdue', { hasText: '渝中区总工会' }).waitFor();
    await city.locator('[data-testid="task-plan-items"] tr.row-overdue', { hasText: '逾期1天' }).waitFor();
    await shot(city, 'task-plan');
  });

  it('nanan sees its own item only, and submits it as done with a photo', async () => {
    await signIn(nanan, 'nanan', '/tasks');
    await nanan.locator('[data-testid="task-items"][data-state="ready"]').waitFor();
    const items = nanan.locator('[data-testid="task-items"] .el-table__body-wrapper tbody tr');
    await items.filter({ hasText: '新建爱心托管班' }).first().waitFor();
    assert.equal(await items.filter({ hasText: '走访慰问新就业形态劳动者' }).count(), 0);
    await nanan.goto(`/tasks/${planId}`);
    await nanan.locator('[data-testid="task-plan"]').waitFor();
    const rows = nanan.locator('[data-testid="task-plan-items"] .el-table__body-wrapper tbody tr');
    assert.equal(await rows.count(), 1, 'a district sees only its own items of the city plan');
    assert.equal(await nanan.locator('[data-testid="task-plan-close"]').count(), 0);
    const item = (await apiGet(nanan, `/tasks/plans/${planId}`)).body.items[0];
    await nanan.locator(`[data-testid="task-step-complete-${item.id}"]`).click();
    // Without evidence the server refuses it, naming the field.
    await field(nanan, 'task-step-text').fill('10个托管班已全部挂牌开班');
    await nanan.locator('[data-testid="task-step-save"]').click();
    await nanan.locator('[data-testid="task-step-dialog"] .el-form-item__error', { hasText: '佐证' }).waitFor();
    await nanan
      .locator('[data-testid="task-step-photos"] input[type="file"]')
      .setInputFiles({ name: '挂牌.png', mimeType: 'image/png', buffer: PIXEL_PNG });
    await nanan.locator('[data-testid="task-step-photos"] .el-upload-list__item.is-success').waitFor();
    await nanan.locator('[data-testid="task-step-save"]').click();
    await nanan.locator(`[data-testid="task-item-state-${item.id}"]`, { hasText: '已完成' }).waitFor();
    // Accepting is the plan owner's: the district is not offered it.
    assert.equal(await nanan.locator(`[data-testid="task-step-accept-${item.id}"]`).count(), 0);
  });

  it('the city accepts it; the overdue item stands out in 督办; the dashboard has moved', async () => {
    const plan = (await apiGet(city, `/tasks/plans/${planId}`)).body;
    const mine = plan.items.find((i) => i.org_name === '南岸区总工会');
    await city.goto(`/tasks/${planId}`);
    await city.locator(`[data-testid="task-step-accept-${mine.id}"]`).click();
    await field(city, 'task-step-text').fill('验收合格');
    await city.locator('[data-testid="task-step-save"]').click();
    await city.locator(`[data-testid="task-item-state-${mine.id}"]`, { hasText: '已关闭' }).waitFor();

    await city.goto('/tasks');
    await city.locator('[data-testid="task-items"][data-state="ready"]').waitFor();
    const first = city.locator('[data-testid="task-items"] .el-table__body-wrapper tbody tr').first();
    await first.locator('text=逾期').first().waitFor();
    assert.match(await first.getAttribute('class'), /row-overdue/);
    await shot(city, 'task-supervision');

    const after_ = await figures(city);
    assert.equal(after_['tasks.items'], before_['tasks.items'] + 2);
    assert.equal(after_['tasks.closed'], before_['tasks.closed'] + 1);
    assert.equal(after_['tasks.overdue'], before_['tasks.overdue'] + 1);
    assert.equal(after_['activities.meeting'], before_['activities.meeting'] + 1);
    await city.goto('/');
    const tile = city.locator('[data-testid="dashboard-figures"] [data-key="tasks.overdue"]');
    await tile.waitFor();
    assert.equal(Number(await tile.getAttribute('data-value')), after_['tasks.overdue']);
    // The tile opens the list behind it, with the same total.
    await city.locator('[data-testid="figure-tasks.overdue"]').click();
    await city.locator('[data-testid="figure-list-total"]', { hasText: `共 ${after_['tasks.overdue']} 条` }).waitFor();
    await shot(city, 'dashboard');
  });

  it('the dashboard draws the trend and the ranking, opens a bar\'s list, fits 1366×768 and prints to A4 landscape', async () => {
    await city.keyboard.press('Escape');
    await city.locator('.el-drawer__title').waitFor({ state: 'hidden' });
    // 入会率 opens its units with the members and workers its numerator and denominator sum.
    const membership = city.locator('[data-testid="dashboard-figures"] [data-key="labour.membership"]');
    const members = await membership.getAttribute('data-value');
    await city.locator('[data-testid="figure-labour.membership"]').click();
    await city.locator('[data-testid="figure-list-sums"]', { hasText: `工会会员 ${members} 人` }).waitFor();
    await city.keyboard.press('Escape');
    await city.locator('.el-drawer__title').waitFor({ state: 'hidden' });
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const trend = city.locator('[data-testid="dashboard-trend"]');
    await city.locator('[data-testid="trend-chart"] canvas').waitFor();
    assert.equal(Number(await trend.getAttribute('data-points')), 12, 'twelve months');
    await city.locator('[data-testid="trend-by-week"]').click();
    await city.waitForFunction(() => Number(globalThis.document.querySelector('[data-testid="dashboard-trend"]')?.getAttribute('data-points')) >= 52);
    // The ranking by members: every district, the first the one the API ranks first.
    await chooseOption(city, 'ranking-figure', '工会会员');
    const ranking = (await apiGet(city, `/dashboard/ranking?key=members&year=${year}`)).body;
    await city.waitForFunction(
      (n) => Number(globalThis.document.querySelector('[data-testid="dashboard-ranking"]')?.getAttribute('data-items')) === n && globalThis.document.querySelector('[data-testid="ranking-chart"] canvas'),
      ranking.items.length,
    );
    await city.waitForTimeout(800); // the chart's entry animation
    // The top bar is the first-ranked union: its list opens with the same total.
    const box = await city.locator('[data-testid="ranking-chart"] canvas').boundingBox();
    await city.mouse.click(box.x + box.width * 0.45, box.y + 8 + ((box.height - 32) / ranking.items.length) / 2);
    await city.locator('.el-drawer__title', { hasText: ranking.items[0].org_name }).waitFor();
    await city.locator('[data-testid="figure-list-total"]', { hasText: `共 ${ranking.items[0].value} 条` }).waitFor();
    await city.keyboard.press('Escape');
    await city.locator('.el-drawer__title').waitFor({ state: 'hidden' });
    await shot(city, 'dashboard-charts');
    // Readable at 1366×768: nothing wider than the screen.
    const wide = await city.evaluate(() => globalThis.document.documentElement.scrollWidth);
    assert.ok(wide <= 1366, `page is ${wide}px wide`);
    // Printed to A4 landscape: the heading and the figures are on the pages, the filters are not.
    await city.emulateMedia({ media: 'print' });
    const pdf = await city.pdf({ format: 'A4', landscape: true, printBackground: true });
    await city.emulateMedia({ media: 'screen' });
    const file = path.join(ARTIFACTS, 'dashboard-a4.pdf');
    writeFileSync(file, pdf);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.equal(text.status, 0, text.stderr);
    for (const words of ['重庆市总工会', '工作动态', '逾期任务', '工会会员', '下级排行']) assert.ok(text.stdout.includes(words), `the print shows ${words}`);
    assert.ok(!text.stdout.includes('查询'), 'the filters are not printed');
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info.stdout, /Page size:\s+84\d(\.\d+)? x 59\d(\.\d+)? pts/, 'A4 landscape');
  });
});
