// End-to-end: news submission to a published 一周动态. The reporter of 南岸区总工会 writes and submits a
// news item; the editor returns it with a comment; the reporter reads the comment, completes the item
// and resubmits it; the editor creates an issue, adopts the item into its 基层动态, publishes the issue
// and downloads its PDF. Run by `node --test e2e/` (npm run e2e) after `npm run build`.
//
// GONGHUI_URL   base URL of a running server with the `small` demo data (the test leaves its news item
//               and a 2099 issue there); when unset the test starts one itself from GONGHUI_BIN.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, PIXEL_PNG, apiGet, field, launchChromium, newPage, settled, signIn, tableRows, testServer, typeDate } from './harness.mjs';

// A title no other record has; its latin part is one search word.
const STAMP = `E2E${Date.now().toString(36)}${process.pid}`;
const TITLE = `南岸区开展六一关爱活动${STAMP}`;
const BODY = '5月20日，南岸区总工会组织开展六一关爱活动，为新就业形态劳动者子女送去书包、雨伞。';
const COMMENT = '请补充参与人数';
const DAY = '2024-05-20';
// An issue far from any real one: 2099年, a number unlikely to be taken on a shared server.
const YEAR = 2099;
const NUMBER = 100 + (Date.now() % 900);
const LABEL = `${YEAR}年第${NUMBER}期`;

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

/** The state shown by the tag on a news detail page. */
async function detailState(page) {
  return page.locator('[data-testid="news-content"] [data-testid="news-state"]').getAttribute('data-state');
}

/** Confirms the open Element Plus message box. */
async function confirmBox(page) {
  await page.locator('.el-message-box .el-button--primary').click();
}

describe('news to 一周动态: reporter submits, editor returns, reporter resubmits, editor adopts and publishes', () => {
  let server;
  let browser;
  let reporter;
  let editor;
  let newsId = null;
  let bulletinId = null;

  before(async () => {
    server = await testServer();
    browser = await launchChromium();
    reporter = await newPage(browser, server.baseURL);
    editor = await newPage(browser, server.baseURL);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the reporter writes a news item with a linked work record and a photo, and submits it', async () => {
    await signIn(reporter, 'reporter.nanan', '/news');
    await reporter.locator('[data-testid="header-org"]', { hasText: '南岸区总工会' }).waitFor();
    // A reporter reports; reviewing and composing are the editors'.
    assert.equal(await reporter.locator('[data-testid="menu-news"]').count(), 1);
    assert.equal(await reporter.locator('[data-testid="menu-review"]').count(), 0);

    await reporter.locator('[data-testid="news-new"]').click();
    await reporter.waitForURL(/\/news\/new$/);
    await field(reporter, 'news-title').fill(TITLE);
    await typeDate(reporter, 'news-event-date', DAY);
    await field(reporter, 'news-body').fill(BODY);
    await reporter.locator('[data-testid="news-link-activity"]').click();
    const picker = reporter.locator('[data-testid="news-activity-picker"]');
    assert.equal(await settled(reporter, 'picker-table'), 'ready');
    assert.ok((await tableRows(reporter, 'picker-table').count()) > 0, 'the 南岸区 subtree has work records to link');
    await picker.locator('[data-testid="picker-pick"]').first().click();
    await picker.waitFor({ state: 'hidden' });
    await reporter.locator('[data-testid="news-activities"] .el-tag').first().waitFor();
    await reporter
      .locator('[data-testid="news-photos"] input[type="file"]')
      .setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PIXEL_PNG });
    await reporter.locator('[data-testid="news-photos"] .el-upload-list__item.is-success').waitFor();
    await shot(reporter, 'news-form');

    await reporter.locator('[data-testid="news-submit"]').click();
    await reporter.waitForURL(/\/news\/\d+$/);
    newsId = Number(new URL(reporter.url()).pathname.split('/').pop());
    await reporter.locator('[data-testid="news-detail-title"]', { hasText: TITLE }).waitFor();
    assert.equal(await detailState(reporter), 'submitted');

    const { status, body } = await apiGet(reporter, `/news/${newsId}`);
    assert.equal(status, 200);
    assert.equal(body.state, 'submitted');
    assert.equal(body.org_name, '南岸区总工会');
    assert.equal(body.activities.length, 1);
    assert.equal(body.photos.length, 1);
  });

  it('the editor finds it in the review queue and returns it with a comment', async () => {
    await signIn(editor, 'editor', '/review');
    await field(editor, 'review-q').fill(STAMP);
    await editor.locator('[data-testid="review-search"]').click();
    await editor.locator('[data-testid="review-title"]', { hasText: TITLE }).click();
    const drawer = editor.locator('[data-testid="review-drawer"]');
    await drawer.locator('[data-testid="news-body-text"]', { hasText: BODY }).waitFor();

    await drawer.locator('[data-testid="review-return"]').click();
    const dialog = editor.locator('[data-testid="review-comment-dialog"]');
    // A return without a comment is refused before it is sent.
    await dialog.locator('[data-testid="review-comment-save"]').click();
    await dialog.locator('.el-form-item__error', { hasText: '退回时必须填写意见' }).waitFor();
    await field(editor, 'review-comment').fill(COMMENT);
    await shot(editor, 'news-return');
    await dialog.locator('[data-testid="review-comment-save"]').click();
    await dialog.waitFor({ state: 'hidden' });
    await editor.locator('[data-testid="review-title"]', { hasText: TITLE }).waitFor({ state: 'detached' });
    assert.equal((await apiGet(editor, `/news/${newsId}`)).body.state, 'returned');
  });

  it('the reporter sees the comment, completes the item and resubmits it', async () => {
    await reporter.goto(`/news/${newsId}`);
    await reporter.locator('[data-testid="news-comment"]', { hasText: COMMENT }).waitFor();
    assert.equal(await detailState(reporter), 'returned');
    await reporter.locator('[data-testid="news-edit"]').click();
    await reporter.waitForURL(new RegExp(`/news/${newsId}/edit$`));
    await reporter.locator('[data-testid="news-returned-comment"]', { hasText: COMMENT }).waitFor();
    await field(reporter, 'news-body').fill(`${BODY}参与职工及子女40余人。`);
    await reporter.locator('[data-testid="news-submit"]', { hasText: '再次报送' }).click();
    await reporter.waitForURL(new RegExp(`/news/${newsId}$`));
    await reporter.locator('[data-testid="news-body-text"]', { hasText: '40余人' }).waitFor();
    assert.equal(await detailState(reporter), 'resubmitted');
    // The timeline keeps the return and its comment.
    await reporter.locator('[data-testid="news-timeline-comment"]', { hasText: COMMENT }).waitFor();
    await shot(reporter, 'news-resubmitted');
  });

  it('the editor creates an issue and adopts the item into its 基层动态', async () => {
    await editor.goto('/bulletin');
    await editor.locator('[data-testid="bulletin-new"]').click();
    const form = editor.locator('[data-testid="bulletin-form"]');
    await form.locator('[data-testid="bulletin-sections"] .el-checkbox', { hasText: '基层动态' }).waitFor();
    // el-input-number takes a typed value when the input loses focus.
    await field(editor, 'bulletin-year').fill(String(YEAR));
    await field(editor, 'bulletin-year').blur();
    await field(editor, 'bulletin-number').fill(String(NUMBER));
    await field(editor, 'bulletin-number').blur();
    await form.locator('[data-testid="bulletin-save"]').click();
    await editor.waitForURL(/\/bulletin\/\d+\/compose$/);
    bulletinId = Number(new URL(editor.url()).pathname.split('/')[2]);
    await editor.locator('[data-testid="composer-title"]', { hasText: LABEL }).waitFor();

    await editor.goto('/review');
    await field(editor, 'review-q').fill(STAMP);
    await editor.locator('[data-testid="review-search"]').click();
    await editor.locator('[data-testid="review-title"]', { hasText: TITLE }).click();
    const drawer = editor.locator('[data-testid="review-drawer"]');
    await drawer.locator('[data-testid="review-adopt"]').click();
    const dialog = editor.locator('[data-testid="review-adopt-dialog"]');
    await dialog.locator('[data-testid="review-bulletin"]').click();
    await editor.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: LABEL }).click();
    await dialog.locator('[data-testid="review-section"]').getByText('基层动态').click();
    await dialog.locator('[data-testid="review-adopt-save"]').click();
    await dialog.waitFor({ state: 'hidden' });

    const { body } = await apiGet(editor, `/news/${newsId}`);
    assert.equal(body.state, 'adopted');
    assert.equal(body.bulletin_id, bulletinId);
    assert.equal(body.section, '基层动态');
  });

  it('the editor finds the item in the composer, previews, publishes and downloads the PDF', async () => {
    await editor.goto(`/bulletin/${bulletinId}/compose`);
    const section = editor.locator('[data-testid="composer-section-基层动态"]');
    const entry = section.locator('[data-testid="composer-entry"]');
    await entry.first().waitFor();
    assert.equal(await entry.count(), 1);
    assert.match(await entry.first().locator('textarea').inputValue(), /40余人/);
    // A dashboard figure goes into the item as the bulletin's sentence citing the figure and its date.
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const figure = (await apiGet(editor, `/dashboard?year=${year}`)).body.figures.find((f) => f.key === 'childcare.children');
    await entry.first().locator('[data-testid="composer-insert-figure"]').click();
    await editor.locator(`[data-testid="figure-insert-${figure.key}"]`).click();
    await editor.locator('[data-testid="figure-picker"]').waitFor({ state: 'hidden' });
    const body = await entry.first().locator('textarea').inputValue();
    assert.ok(body.includes(`${figure.sentence}${figure.citation}`), body);
    assert.match(figure.citation, /截至\d{4}年\d{1,2}月\d{1,2}日为\d+人/);
    await shot(editor, 'bulletin-composer');

    await editor.locator('[data-testid="composer-preview-open"]').click();
    const frame = editor.frameLocator('[data-testid="composer-preview-frame"]');
    await frame.locator('body', { hasText: '40余人' }).waitFor();
    await frame.locator('body', { hasText: figure.citation }).waitFor();
    // The export's own style sheet applies in the preview (admitted by its hash in the policy).
    assert.equal(await frame.locator('h1').evaluate((el) => el.ownerDocument.defaultView.getComputedStyle(el).color), 'rgb(204, 0, 0)');
    await editor.keyboard.press('Escape');

    await editor.locator('[data-testid="composer-publish"]').click();
    await confirmBox(editor);
    const versions = editor.locator('[data-testid="composer-versions"]');
    await versions.locator('.el-table__body-wrapper tbody tr', { hasText: '第1版' }).waitFor();
    await editor.locator('[data-testid="composer-status"]', { hasText: '已发布' }).waitFor();
    await shot(editor, 'bulletin-published');

    const [download] = await Promise.all([
      editor.waitForEvent('download'),
      versions.locator('[data-testid="download-pdf"]').first().click(),
    ]);
    const pdf = fs.readFileSync(await download.path());
    assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF');
    assert.ok(pdf.length > 1024, `the PDF has ${pdf.length} bytes`);
    assert.match(download.suggestedFilename(), /\.pdf$/);
  });

  it('the reporter sees the item adopted, reads the published issue and finds the item by search', async () => {
    await reporter.goto(`/news/${newsId}`);
    await reporter.locator('[data-testid="news-adopted"]', { hasText: LABEL }).waitFor();
    assert.equal(await detailState(reporter), 'adopted');

    await reporter.goto(`/bulletin/${bulletinId}`);
    await reporter.locator('[data-testid="bulletin-entry"]', { hasText: '40余人' }).waitFor();

    await field(reporter, 'header-search').fill(STAMP);
    await field(reporter, 'header-search').press('Enter');
    await reporter.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === STAMP);
    const hit = reporter.locator('[data-testid="search-hit"]', { hasText: TITLE });
    await hit.waitFor();
    assert.match(await hit.innerText(), /稿件/);
    assert.equal(await hit.locator('mark').count() > 0, true, 'the matched word is highlighted');
    await shot(reporter, 'search');
    await hit.locator('[data-testid="search-hit-title"]').click();
    await reporter.waitForURL(new RegExp(`/news/${newsId}$`));
  });
});
