// End-to-end: a manager of 南岸区总工会 records a work record in the browser, finds it again with the
// list filters, reads its detail, and sees nothing of 渝中区. Run by `node --test e2e/` (npm run e2e)
// after `npm run build`; drives Debian's Chromium through playwright-core.
//
// GONGHUI_URL   base URL of a running server with the `small` demo data; when unset the test starts
//               one itself from GONGHUI_BIN (default ../build/gonghui) on a temporary SQLite file.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ARTIFACTS,
  PASSWORD,
  PIXEL_PNG,
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

// A title no other record has, so the filters must find exactly this one.
const STAMP = `${Date.now().toString(36)}${process.pid}`;
const TITLE = `职工应急疏散演练E2E${STAMP}`;
const DAY = '2024-05-20';

/** The org id of 渝中区总工会: the org of the demo user `yuzhong`, else a search as `admin`. */
async function yuzhongOrgId(baseURL) {
  const attempts = [
    { username: process.env.GONGHUI_YUZHONG_USER || 'yuzhong', lookup: (s) => s.user.org_id },
    { username: process.env.GONGHUI_ADMIN_USER || 'admin', lookup: null },
  ];
  for (const { username, lookup } of attempts) {
    const res = await fetch(`${baseURL}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: process.env.GONGHUI_ADMIN_PASSWORD || PASSWORD }),
    });
    if (!res.ok) continue;
    const session = await res.json();
    const cookie = (res.headers.get('set-cookie') || '').split(';')[0];
    const headers = { Cookie: cookie, 'X-CSRF-Token': session.csrf_token };
    let id = null;
    if (lookup && session.user.org_name === '渝中区总工会') id = lookup(session);
    if (id === null) {
      const found = await fetch(`${baseURL}/api/v1/orgs?q=${encodeURIComponent('渝中区总工会')}`, { headers });
      const page = found.ok ? await found.json() : { items: [] };
      id = page.items.find((o) => o.name === '渝中区总工会')?.id ?? null;
    }
    await fetch(`${baseURL}/api/v1/auth/logout`, { method: 'POST', headers });
    if (id !== null) return id;
  }
  return null;
}

describe('work records (工作动态) as the 南岸区 manager', () => {
  let server = null;
  let baseURL;
  let browser;
  let page;
  let createdId = null;

  before(async () => {
    server = await testServer();
    baseURL = server.baseURL;
    browser = await launchChromium();
    page = await newPage(browser, baseURL);
  });

  after(async () => {
    if (page && createdId !== null) {
      // Leave a shared server as it was, should a step after the create have failed.
      await page
        .evaluate(async (id) => {
          const me = await fetch('/api/v1/auth/me').then((r) => r.json());
          await fetch(`/api/v1/activities/${id}`, { method: 'DELETE', headers: { 'X-CSRF-Token': me.csrf_token } });
        }, createdId)
        .catch(() => {});
    }
    await browser?.close();
    await server?.stop();
  });

  it('signs in and lands where it was going', async () => {
    await signIn(page, 'nanan', '/activity');
    await assert.doesNotReject(page.locator('[data-testid="header-org"]', { hasText: '南岸区总工会' }).waitFor());
    // A manager sees the work areas but not the admin ones.
    assert.equal(await page.locator('[data-testid="menu-activity"]').count(), 1);
    assert.equal(await page.locator('[data-testid="menu-audit"]').count(), 0);
    assert.equal(await page.locator('[data-testid="menu-user"]').count(), 0);
  });

  it('creates a work record with 40余人 and 10万元', async () => {
    await page.locator('[data-testid="activity-new"]').click();
    await page.waitForURL(/\/activity\/new$/);
    await field(page, 'activity-title').fill(TITLE);
    await chooseOption(page, 'activity-type', '竞赛');
    await typeDate(page, 'activity-start', DAY);
    await page.locator('[data-testid="activity-day-part"]').getByText('下午').click();
    await field(page, 'activity-participants').fill('40余人');
    await page.locator('[data-testid="money-add"]').click();
    await field(page, 'money-text-0').fill('10万元');
    await field(page, 'money-purpose-0').fill('慰问');
    await chooseOption(page, 'money-source-0', '自筹');
    await field(page, 'activity-body').fill('南岸区总工会组织职工开展应急疏散、灭火接力竞赛。');
    await page
      .locator('[data-testid="activity-photos"] input[type="file"]')
      .setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PIXEL_PNG });
    await page.locator('[data-testid="activity-photos"] .el-upload-list__item.is-success').waitFor();
    await page.locator('[data-testid="activity-save"]').click();
    await page.waitForURL(/\/activity\/\d+$/);
    createdId = Number(new URL(page.url()).pathname.split('/').pop());
    assert.ok(createdId > 0);
  });

  it('finds the record with the list filters (q + date range)', async () => {
    await page.goto('/activity');
    await field(page, 'filter-q').fill(TITLE);
    await typeDate(page, 'filter-from', DAY);
    await typeDate(page, 'filter-to', DAY);
    await page.locator('[data-testid="filter-search"]').click();
    await page.waitForURL((url) => url.searchParams.get('q') === TITLE && url.searchParams.get('from') === DAY);
    await page.locator('[data-testid="activity-total"]', { hasText: /\b1\b/ }).waitFor();
    const rows = tableRows(page, 'activity-table');
    assert.equal(await rows.count(), 1);
    const row = rows.first();
    assert.match(await row.innerText(), new RegExp(TITLE));
    assert.match(await row.locator('[data-testid="activity-participants"]').innerText(), /40余人/);
    assert.match(await row.locator('[data-testid="activity-money"]').innerText(), /10万元/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'activity.png'), fullPage: true });

    // The same filters with a date range that excludes the day find nothing.
    await page.goto(`/activity?q=${encodeURIComponent(TITLE)}&from=2024-05-21&to=2024-05-31`);
    assert.equal(await settled(page, 'activity-table'), 'ready');
    assert.equal(await rows.count(), 0);
    assert.equal(await field(page, 'filter-q').inputValue(), TITLE, 'the filters are read back from the URL');
  });

  it('shows 40余人 and 10万元 in the detail', async () => {
    await page.goto(`/activity?q=${encodeURIComponent(TITLE)}&from=${DAY}&to=${DAY}`);
    await page.locator('[data-testid="activity-title-link"]', { hasText: TITLE }).click();
    await page.waitForURL(new RegExp(`/activity/${createdId}$`));
    await page.locator('[data-testid="detail-title"]', { hasText: TITLE }).waitFor();
    assert.equal((await page.locator('[data-testid="detail-participants"]').innerText()).trim(), '40余人');
    assert.match(await page.locator('[data-testid="detail-money"]').innerText(), /10万元/);
    assert.match(await page.locator('[data-testid="detail-date"]').innerText(), /2024-05-20 下午/);
    assert.match(await page.locator('[data-testid="detail-organisers"]').innerText(), /南岸区总工会/);
    // One thumbnail, and the image behind it loads (served by GET /photos/{id} to this session).
    const thumbnails = page.locator('[data-testid="detail-photos"] img');
    await thumbnails.first().waitFor();
    assert.equal(await thumbnails.count(), 1);
    const thumbnail = await thumbnails.first().elementHandle();
    await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, thumbnail);
    await page.screenshot({ path: path.join(ARTIFACTS, 'activity-detail.png'), fullPage: true });

    // What the server stored: the quantities parsed from the text as written.
    const { status, body } = await apiGet(page, `/activities/${createdId}`);
    assert.equal(status, 200);
    assert.deepEqual(
      { count: body.participants.count, qualifier: body.participants.qualifier, text: body.participants.text },
      { count: 40, qualifier: '余', text: '40余人' },
    );
    assert.equal(body.money[0].amount_fen, 10_000_000);
    assert.equal(body.money[0].source, 'self_raised');
    assert.equal(body.photos.length, 1);
    assert.equal(body.photos[0].content_type, 'image/png');
    assert.equal(body.photos[0].size, PIXEL_PNG.length);
  });

  it('shows nothing of 渝中区', async () => {
    await page.goto('/activity?page_size=100');
    assert.equal(await settled(page, 'activity-table'), 'ready');
    const rows = tableRows(page, 'activity-table');
    assert.ok((await rows.count()) > 0, 'the 南岸区 subtree has work records in the demo data');
    assert.doesNotMatch(await page.locator('[data-testid="activity-table"]').innerText(), /渝中区/);

    // Every record the server lists for this user, not only the first page.
    for (let n = 1; ; n++) {
      const { status, body } = await apiGet(page, `/activities?page=${n}&page_size=200`);
      assert.equal(status, 200);
      for (const a of body.items) {
        const names = [...a.organisers, ...a.partners].map((o) => o.name).join(' ');
        assert.doesNotMatch(names, /渝中区/, `record ${a.id} names 渝中区`);
      }
      if (n * body.page_size >= body.total || body.items.length === 0) break;
    }

    // Filtering by 渝中区总工会 is refused (404) or empty, in the API and in the page.
    const yuzhong = await yuzhongOrgId(baseURL);
    assert.ok(yuzhong !== null, 'the demo data has 渝中区总工会 (found through the yuzhong or admin account)');
    const refused = await apiGet(page, `/activities?org_id=${yuzhong}`);
    assert.ok(
      refused.status === 404 || (refused.status === 200 && refused.body.total === 0),
      `org_id=${yuzhong} answered ${refused.status}`,
    );
    await page.goto(`/activity?org_id=${yuzhong}`);
    const state = await settled(page, 'activity-table');
    assert.equal(await rows.count(), 0);
    if (state === 'error') {
      // The refusal is said where the rows would be.
      assert.match(await page.locator('[data-testid="activity-table"] .el-table__empty-text').innerText(), /\S/);
    }
    assert.doesNotMatch(await page.locator('[data-testid="activity-table"]').innerText(), /渝中区/);
    assert.equal((await apiGet(page, `/orgs/${yuzhong}`)).status, 404);
  });

  it('deletes the record after confirmation', async () => {
    await page.goto(`/activity/${createdId}`);
    await page.locator('[data-testid="detail-delete"]').click();
    await page.locator('.el-message-box .el-button--primary').click();
    await page.waitForURL(/\/activity(\?|$)/);
    assert.equal((await apiGet(page, `/activities/${createdId}`)).status, 404);
    createdId = null;
  });
});
