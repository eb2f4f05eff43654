// End-to-end: a 竞赛 from its creation to 晋级. The 南岸区 manager (`nanan`) creates an event under
// the city's 乒乓球比赛 (a 男子单打 category: 第一名 for rank 1, 第二至三名 up to rank 3, the 新秀奖,
// the top 2 qualifying), enters three players of 南岸区总工会 (one with the 新秀奖), is refused 晋级
// while results are missing (the 409 message beside the button), enters places 1, 1, 3 and reads the
// ranking with the tie and the award tiers, downloads the workbook, and qualifies the two tied
// winners into the city event. Then a work record reports against the 六一 campaign: a start date
// outside its period is refused beside the 关爱行动 field (422 `campaign_id`), one inside is saved;
// and the work-record list opened with `?campaign_id=` (the link of a campaign's progress) shows
// that campaign in its filter and only its records; opened with `own=true` (a 本级 link) it shows a
// removable 仅本级 tag. The statistics' 参赛/获奖 figures open the 参赛名单 with their filters.
// Run by `node --test e2e/` (npm run e2e) after `npm run build`. A server without the competition
// endpoints (`GET /api/v1/competitions` → 404) skips every step, saying so.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ARTIFACTS,
  apiGet,
  chooseOption,
  field,
  launchChromium,
  newPage,
  settled,
  signIn,
  tableRows,
  testServer,
  typeDate,
} from './harness.mjs';

const STAMP = `E2E${Date.now().toString(36)}${process.pid}`;
const NAME = `南岸区职工乒乓球比赛${STAMP}`;
const PARENT = '重庆市第三届职工运动会乒乓球比赛';
const PLAYERS = { [`张${STAMP}`]: 1, [`李${STAMP}`]: 1, [`王${STAMP}`]: 3 };

/** Closes an open picker by clicking the dialog's title: Escape would close the dialog itself. */
const blur = (page, dialog) => page.locator(`[data-testid="${dialog}"] .el-dialog__title`).click();

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

describe('竞赛: an event created, entered, ranked with a tie and qualified upward', () => {
  let server;
  let browser;
  let page;
  let competitionId = null;
  let missing = null;
  const step = (name, fn) =>
    it(name, (t) => {
      if (missing) return t.skip(missing);
      return fn();
    });

  before(async () => {
    server = await testServer();
    const probe = await fetch(`${server.baseURL}/api/v1/competitions`);
    if (probe.status === 404) missing = 'this server has no competition endpoints (GET /api/v1/competitions → 404)';
    browser = await launchChromium();
    page = await newPage(browser, server.baseURL);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  step('nanan creates an event with a category under the city event', async () => {
    await signIn(page, 'nanan', '/competition');
    assert.equal(await settled(page, 'competition-table'), 'ready');
    await page.locator('[data-testid="competition-new"]').click();
    const form = page.locator('[data-testid="competition-form"]');
    await form.waitFor();
    await field(page, 'competition-name').fill(NAME);
    await field(page, 'competition-start').fill('2024-06-15');
    await field(page, 'competition-start').press('Enter');
    await blur(page, 'competition-form');
    await chooseOption(page, 'competition-parent', PARENT);
    await field(page, 'category-name-0').fill('男子单打');
    for (const [name, rank] of [['第一名', 1], ['第二至三名', 3]]) {
      await page.locator('[data-testid="category-add-tier-0"]').click();
      const tier = form.locator('.tier').last();
      await tier.locator('.el-input input').first().fill(name);
      await tier.locator('.el-input-number input').fill(String(rank));
      await tier.locator('.el-input-number input').press('Tab');
    }
    const specials = field(page, 'category-specials-0');
    await specials.fill('新秀奖');
    await specials.press('Enter');
    await blur(page, 'competition-form');
    await field(page, 'category-qualify-0').fill('2');
    await field(page, 'category-qualify-0').press('Tab');
    // A second category of the same name: the server's error shows on that category's card.
    await page.locator('[data-testid="category-add"]').click();
    await field(page, 'category-name-1').fill('男子单打');
    await page.locator('[data-testid="competition-save"]').click();
    const cardError = page.locator('[data-testid="category-error-1"]');
    await cardError.waitFor();
    assert.match(await cardError.innerText(), /重复/);
    assert.equal(await page.locator('[data-testid="category-error-0"]').count(), 0);
    await form.locator('.category').nth(1).getByRole('button', { name: '删除' }).click();
    await page.locator('[data-testid="competition-save"]').click();
    await page.waitForURL(/\/competition\/\d+$/);
    competitionId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.locator('[data-testid="competition-detail"][data-state="ready"]').waitFor();
    const { body } = await apiGet(page, `/competitions/${competitionId}`);
    assert.equal(body.parent_name, PARENT);
    assert.deepEqual(body.categories[0].awards, [
      { name: '第一名', up_to_rank: 1 },
      { name: '第二至三名', up_to_rank: 3 },
    ]);
    assert.deepEqual(body.categories[0].special_awards, ['新秀奖']);
    assert.equal(body.categories[0].qualify_top, 2);
  });

  step('nanan enters three players, one with the 新秀奖', async () => {
    for (const name of Object.keys(PLAYERS)) {
      await page.locator('[data-testid="entry-add"]').click();
      const dialog = page.locator('[data-testid="entry-form"]');
      await dialog.waitFor();
      await dialog.locator('[data-testid="entry-entrant"] .el-radio', { hasText: '填写姓名' }).click();
      await field(page, 'entry-name').fill(name);
      if (name.startsWith('王')) await dialog.locator('[data-testid="entry-specials"] .el-checkbox', { hasText: '新秀奖' }).click();
      await page.locator('[data-testid="entry-save"]').click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('[data-testid="ranking-entrant"]', { hasText: name }).waitFor();
    }
    assert.equal(await tableRows(page, 'ranking-table').count(), 3);
  });

  step('晋级 is refused while results are missing, with the message beside the button', async () => {
    await page.locator('[data-testid="qualify"]').click();
    const problem = page.locator('[data-testid="qualify-problem"]');
    await problem.waitFor();
    assert.match(await problem.innerText(), /尚未录入完整/);
  });

  step('nanan enters places 1, 1, 3 and reads the tie and the award tiers', async () => {
    await page.locator('[data-testid="results-edit"]').click();
    const rows = tableRows(page, 'ranking-table');
    for (let i = 0; i < 3; i++) {
      const row = rows.nth(i);
      const name = (await row.locator('[data-testid="ranking-entrant"]').innerText()).trim();
      const input = row.locator('.el-input-number input');
      await input.fill(String(PLAYERS[name]));
      await input.press('Tab');
    }
    await page.locator('[data-testid="results-save"]').click();
    await page.locator('[data-testid="ranking-complete"]', { hasText: '成绩已录齐' }).waitFor();
    const ranks = await page.locator('[data-testid="ranking-rank"]').allInnerTexts();
    assert.deepEqual(ranks, ['1（并列）', '1（并列）', '3']);
    const awards = await page.locator('[data-testid="ranking-award"]').allInnerTexts();
    assert.deepEqual(awards, ['第一名', '第一名', '第二至三名']);
    assert.match(await rows.nth(2).innerText(), /新秀奖/);
  });

  step('the ranking downloads as a workbook', async () => {
    const href = await page.locator('[data-testid="ranking-xlsx"]').getAttribute('href');
    assert.equal(href, `/api/v1/competitions/${competitionId}/ranking?format=xlsx`);
    const answer = await page.evaluate(async (url) => {
      const res = await fetch(url, { credentials: 'same-origin' });
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('Content-Type'), magic: String.fromCharCode(bytes[0], bytes[1]) };
    }, href);
    assert.deepEqual(answer, { status: 200, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: 'PK' });
  });

  step('晋级 enters the two tied winners in the city event', async () => {
    await page.locator('[data-testid="qualify"]').click();
    await page.locator('.el-message--success', { hasText: '新增 2 个' }).waitFor();
    await page.locator('.el-tag', { hasText: '已晋级' }).nth(1).waitFor();
    await shot(page, 'competition');
    const { body } = await apiGet(page, `/competitions/${competitionId}/entries`);
    assert.equal(body.items.filter((e) => e.qualified_entry_id !== null).length, 2);
  });

  step('a work record reports against a campaign, refused outside its period', async () => {
    const { body } = await apiGet(page, '/campaigns?page_size=1');
    const campaign = body.items[0];
    await page.goto('/activity/new');
    await field(page, 'activity-title').fill(`六一慰问${STAMP}`);
    await chooseOption(page, 'activity-type', '关爱慰问');
    // The picker offers the campaigns of the record's start year.
    await typeDate(page, 'activity-start', campaign.date_from);
    await chooseOption(page, 'activity-campaign', campaign.name);
    await typeDate(page, 'activity-start', `${Number(campaign.date_from.slice(0, 4)) - 1}-01-05`);
    await page.locator('[data-testid="activity-save"]').click();
    const item = page.locator('.el-form-item', { has: page.locator('[data-testid="activity-campaign"]') });
    await item.locator('.el-form-item__error').waitFor();
    assert.notEqual((await item.locator('.el-form-item__error').innerText()).trim(), '');
    await typeDate(page, 'activity-start', campaign.date_from);
    await page.locator('[data-testid="activity-save"]').click();
    await page.waitForURL(/\/activity\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    assert.equal((await apiGet(page, `/activities/${id}`)).body.campaign_id, campaign.id);
    await page.locator('[data-testid="detail-campaign"]', { hasText: campaign.name }).waitFor();
  });

  step('the work-record list opened from a campaign link filters by that campaign', async () => {
    const { body } = await apiGet(page, '/campaigns?page_size=1');
    const campaign = body.items[0];
    assert.ok(campaign, 'the demo data has a campaign reaching 南岸区');
    const expected = await apiGet(page, `/activities?campaign_id=${campaign.id}`);
    await page.goto(`/activity?campaign_id=${campaign.id}`);
    assert.equal(await settled(page, 'activity-table'), 'ready');
    const label = page.locator('[data-testid="filter-campaign"] .el-select__selected-item:not(.is-hidden)');
    await label.filter({ hasText: campaign.name }).first().waitFor();
    assert.match(await page.locator('[data-testid="activity-total"]').innerText(), new RegExp(`共 ${expected.body.total} 条`));
  });

  step('the work-record list opened with own=true shows a removable 仅本级 tag', async () => {
    const own = await apiGet(page, '/activities?own=true');
    const all = await apiGet(page, '/activities');
    await page.goto('/activity?own=true');
    assert.equal(await settled(page, 'activity-table'), 'ready');
    await page.locator('[data-testid="filter-own"]', { hasText: '仅本级' }).waitFor();
    assert.match(await page.locator('[data-testid="activity-total"]').innerText(), new RegExp(`共 ${own.body.total} 条`));
    await page.locator('[data-testid="filter-own"] .el-tag__close').click();
    await page.waitForURL((url) => !url.searchParams.has('own'));
    await page.locator('[data-testid="activity-total"]', { hasText: `共 ${all.body.total} 条` }).waitFor();
  });

  step('the statistics 参赛 and 获奖 figures open the 参赛名单', async () => {
    await page.goto('/stats');
    await page.locator('[data-testid="stats"][data-state="ready"]').waitFor();
    const { body } = await apiGet(page, '/stats/programmes');
    await page.locator('[data-testid="stat-entries"]').click();
    await page.waitForURL(/\/competition\/entries\?/);
    assert.equal(await settled(page, 'entries-table'), 'ready');
    assert.match(await page.locator('[data-testid="entries-total"]').innerText(), new RegExp(`共 ${body.competitions.entries} 条`));
    await shot(page, 'competition-entries');
    await page.goBack();
    await page.locator('[data-testid="stats"][data-state="ready"]').waitFor();
    await page.locator('[data-testid="stat-awarded"]').click();
    await page.waitForURL(/\/competition\/entries\?.*awarded=true/);
    assert.equal(await settled(page, 'entries-table'), 'ready');
    assert.match(await page.locator('[data-testid="entries-total"]').innerText(), new RegExp(`共 ${body.competitions.awarded} 条`));
  });
});
