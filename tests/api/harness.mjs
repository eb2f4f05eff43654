// Test harness for the gonghui HTTP integration tests.
//
// startServer() builds a fresh database (SQLite file in a temp dir, or a fresh
// PostgreSQL database when GONGHUI_TEST_PG is set), fills it with
// `gonghui demo --scale small`, spawns `gonghui serve` on a free loopback port
// and waits until it answers HTTP. login() returns a small cookie- and
// CSRF-aware client. No npm dependencies: Node 20's fetch and child_process.

import { spawn } from 'node:child_process';
import {
  closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync,
  statSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.GONGHUI_BIN
  ? path.resolve(process.cwd(), process.env.GONGHUI_BIN)
  : path.join(REPO_ROOT, 'build', 'gonghui');
export const DEMO_PASSWORD = 'gonghui-demo';
// A fixed 64-hex-character key so that encrypted columns are reproducible.
export const TEST_SECRET_KEY = '4f1c9a7e2b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8';
export const API_PREFIX = '/api/v1';

const DEMO_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 60_000;

const live = new Set(); // child processes still running, killed if the test process exits
process.on('exit', () => {
  for (const p of live) {
    try { p.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Runs a command to completion. Resolves {code, signal, stdout, stderr}; never rejects
// for a non-zero exit (the caller decides), rejects only when the command cannot start.
export function run(cmd, args, { env = process.env, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    // Decoded once at the end: a chunk boundary may split a UTF-8 character.
    const out = [];
    const err = [];
    let timedOut = false;
    child.stdout.on('data', (d) => { out.push(d); });
    child.stderr.on('data', (d) => { err.push(d); });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); live.delete(child); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      live.delete(child);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function parsePgBase(base) {
  const u = new URL(base);
  const user = decodeURIComponent(u.username || 'postgres');
  const password = u.password ? decodeURIComponent(u.password) : '';
  const host = u.hostname || '127.0.0.1';
  const port = u.port || '5432';
  const auth = u.username ? `${u.username}${u.password ? ':' + u.password : ''}@` : '';
  return { user, password, host, port, prefix: `${u.protocol}//${auth}${u.host}`, search: u.search };
}

function pgArgs(pg) {
  return ['-h', pg.host, '-p', String(pg.port), '-U', pg.user];
}

function pgEnv(pg) {
  return pg.password ? { ...process.env, PGPASSWORD: pg.password } : process.env;
}

function readLog(file) {
  try { return readFileSync(file, 'utf8'); } catch { return '(no log)'; }
}

function waitExit(proc, ms) {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    proc.once('exit', () => { clearTimeout(timer); resolve(true); });
  });
}

// The `small` demo data takes 15 s under the sanitizers (longer on PostgreSQL), and each test
// file starts its own server: the data is generated once per binary, secret key and backend into a
// template, and each server gets a copy (a copy of the SQLite file; `createdb -T` on PostgreSQL).
// Test files that run at the same time take turns through a lock directory.
function templateKey(env, pg) {
  const st = statSync(BIN);
  return createHash('sha256')
    .update([path.resolve(BIN), st.size, st.mtimeMs, env.GONGHUI_SECRET_KEY, pg ? `${pg.host}:${pg.port}` : 'sqlite'].join('|'))
    .digest('hex').slice(0, 16);
}

async function withLock(dir, fn) {
  const lock = `${dir}.lock`;
  const deadline = Date.now() + DEMO_TIMEOUT_MS + 30_000;
  for (;;) {
    try { mkdirSync(lock); break; } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // A lock older than the demo's time limit was left by a killed run.
      try { if (Date.now() - statSync(lock).mtimeMs > DEMO_TIMEOUT_MS + 30_000) rmSync(lock, { recursive: true, force: true }); } catch { /* gone */ }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      await sleep(200);
    }
  }
  try { return await fn(); } finally { rmSync(lock, { recursive: true, force: true }); }
}

async function runDemo(dbUrl, env) {
  const demo = await run(BIN, ['demo', '--db', dbUrl, '--scale', 'small'], { env, timeoutMs: DEMO_TIMEOUT_MS });
  if (demo.code !== 0) {
    throw new Error(`gonghui demo failed (exit ${demo.code}${demo.signal ? ', ' + demo.signal : ''}` +
      `${demo.timedOut ? ', timed out after 120 s' : ''}):\n${demo.stdout}\n${demo.stderr}`);
  }
}

/** Copies the SQLite demo template to `dbPath`, generating the template first if needed. */
async function copySqliteDemo(dbPath, env) {
  const cacheDir = path.join(os.tmpdir(), 'gonghui-test-demo');
  mkdirSync(cacheDir, { recursive: true });
  const key = templateKey(env, null);
  const file = path.join(cacheDir, `${key}.db`);
  await withLock(path.join(cacheDir, key), async () => {
    if (existsSync(file)) return;
    // Templates of earlier builds go.
    for (const f of readdirSync(cacheDir)) if (/^[0-9a-f]{16}\.db/.test(f)) rmSync(path.join(cacheDir, f), { force: true });
    const part = path.join(cacheDir, `${key}.part.db`);
    await runDemo(`sqlite:${part}`, env);
    if (existsSync(`${part}-wal`)) throw new Error('the demo left a write-ahead log behind');
    renameSync(part, file);
  });
  copyFileSync(file, dbPath);
}

/** Creates database `name` from the PostgreSQL demo template, generating the template first if needed. */
async function createPgDemo(pg, name, env) {
  const template = `gh_tpl_${templateKey(env, pg)}`;
  await withLock(path.join(os.tmpdir(), `gonghui-test-${template}`), async () => {
    const list = await run('psql', [...pgArgs(pg), '-d', 'postgres', '-Atc', `SELECT 1 FROM pg_database WHERE datname = '${template}'`], { env: pgEnv(pg) });
    if (list.code !== 0) throw new Error(`psql failed (${list.code}): ${list.stderr}`);
    if (list.stdout.trim() === '1') return;
    const part = `${template}_part`;
    await run('dropdb', [...pgArgs(pg), '--if-exists', part], { env: pgEnv(pg) });
    const r = await run('createdb', [...pgArgs(pg), part], { env: pgEnv(pg) });
    if (r.code !== 0) throw new Error(`createdb ${part} failed (${r.code}): ${r.stderr}`);
    await runDemo(`${pg.prefix}/${part}${pg.search}`, env);
    const renamed = await run('psql', [...pgArgs(pg), '-d', 'postgres', '-c', `ALTER DATABASE ${part} RENAME TO ${template}`], { env: pgEnv(pg) });
    if (renamed.code !== 0) throw new Error(`renaming ${part} failed: ${renamed.stderr}`);
  });
  const r = await run('createdb', [...pgArgs(pg), '-T', template, name], { env: pgEnv(pg) });
  if (r.code !== 0) throw new Error(`createdb ${name} failed (${r.code}): ${r.stderr}`);
}

/**
 * Starts a gonghui server on a fresh demo database.
 * @returns {Promise<{url:string, dbUrl:string, dbPath:string|null, logPath:string, lastExit:object|null,
 *   stop:()=>Promise<void>, kill9:()=>Promise<void>, restart:()=>Promise<string>,
 *   startInstance:()=>Promise<object>}>}
 * `url` is the server origin (e.g. http://127.0.0.1:34567); restart() moves it to a new
 * port and updates `url` (and returns it). dbPath is the SQLite file (null on PostgreSQL).
 */
export async function startServer({ extraEnv = {} } = {}) {
  if (!existsSync(BIN)) {
    throw new Error(`gonghui binary not found at ${BIN} (set GONGHUI_BIN or build it first)`);
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gonghui-test-'));
  const webDir = path.join(tmp, 'web');
  mkdirSync(webDir);
  const logPath = path.join(tmp, 'server.log');
  const env = { ...process.env, GONGHUI_SECRET_KEY: TEST_SECRET_KEY, ...extraEnv };

  let dbUrl;
  let dbPath = null;
  let pg = null;
  let pgName = null;
  if (process.env.GONGHUI_TEST_PG) {
    pg = parsePgBase(process.env.GONGHUI_TEST_PG);
    pgName = 'gh_' + randomBytes(6).toString('hex');
    dbUrl = `${pg.prefix}/${pgName}${pg.search}`;
  } else {
    dbPath = path.join(tmp, 'test.db');
    dbUrl = `sqlite:${dbPath}`;
  }

  const cleanup = async () => {
    if (pg) {
      let r = await run('dropdb', [...pgArgs(pg), '--if-exists', '--force', pgName], { env: pgEnv(pg) });
      if (r.code !== 0) r = await run('dropdb', [...pgArgs(pg), '--if-exists', pgName], { env: pgEnv(pg) });
      if (r.code !== 0) console.error(`dropdb ${pgName} failed: ${r.stderr}`);
    }
    if (!process.env.GONGHUI_TEST_KEEP) rmSync(tmp, { recursive: true, force: true });
  };

  try {
    if (pg) await createPgDemo(pg, pgName, env);
    else await copySqliteDemo(dbPath, env);
  } catch (e) {
    await cleanup();
    throw e;
  }

  const instances = new Set(); // extra servers on the same database (startInstance)

  const srv = {
    url: null,
    dbUrl,
    dbPath,
    logPath,
    webDir, // served as the web UI (empty; a test may write files into it)
    proc: null,
    lastExit: null, // {code, signal, graceful} of the last process stopped

    /** SIGTERM (then SIGKILL after 15 s), drop the database and the temp dir. */
    async stop() {
      for (const i of instances) await terminate(i);
      await terminate(this);
      await cleanup();
    },

    /** SIGKILL, keeping the database. */
    async kill9() {
      await kill(this);
    },

    /** Stops (SIGTERM) if running and starts again on the same database; updates and returns url. */
    async restart() {
      await terminate(this);
      await launch(this, true);
      return this.url;
    },

    /** Another `gonghui serve` on the same database: {url, proc, lastExit, stop(), kill9()}. */
    async startInstance() {
      const inst = {
        url: null, proc: null, logPath: path.join(tmp, `server-${instances.size + 2}.log`), lastExit: null,
        async stop() { await terminate(this); instances.delete(this); },
        async kill9() { await kill(this); instances.delete(this); },
      };
      await launch(inst, false);
      instances.add(inst);
      return inst;
    },
  };

  async function kill(s) {
    const p = s.proc;
    if (!p) return;
    p.kill('SIGKILL');
    await waitExit(p, STOP_TIMEOUT_MS);
    s.lastExit = { code: p.exitCode, signal: p.signalCode, graceful: false };
    live.delete(p);
    s.proc = null;
  }

  async function terminate(s) {
    const p = s.proc;
    if (!p) return;
    p.kill('SIGTERM');
    let graceful = true;
    if (!(await waitExit(p, STOP_TIMEOUT_MS))) {
      console.error(`gonghui serve did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM; killing it`);
      graceful = false;
      p.kill('SIGKILL');
      await waitExit(p, STOP_TIMEOUT_MS);
    }
    s.lastExit = { code: p.exitCode, signal: p.signalCode, graceful };
    live.delete(p);
    s.proc = null;
  }

  // Spawns `gonghui serve` for s and waits for an HTTP answer. On failure prints the log and,
  // when cleanupOnFail, removes the database (nothing else will).
  async function launch(s, cleanupOnFail) {
    const port = await freePort();
    const fd = openSync(s.logPath, 'a');
    const proc = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`, '--db', dbUrl, '--web', webDir],
      { env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    live.add(proc);
    let spawnError = null;
    proc.on('error', (e) => { spawnError = e; });
    s.proc = proc;
    s.url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (spawnError || proc.exitCode !== null || proc.signalCode !== null) {
        const why = spawnError ? String(spawnError) : `exit ${proc.exitCode} ${proc.signalCode ?? ''}`;
        live.delete(proc);
        s.proc = null;
        console.error(`gonghui serve failed to start (${why}). Server log:\n${readLog(s.logPath)}`);
        if (cleanupOnFail) await cleanup();
        throw new Error(`gonghui serve failed to start (${why})`);
      }
      try {
        const res = await fetch(`${s.url}${API_PREFIX}/auth/me`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        return; // any HTTP answer means it is up
      } catch { /* not listening yet */ }
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        await waitExit(proc, STOP_TIMEOUT_MS);
        live.delete(proc);
        s.proc = null;
        console.error(`gonghui serve did not answer within ${START_TIMEOUT_MS} ms. Server log:\n${readLog(s.logPath)}`);
        if (cleanupOnFail) await cleanup();
        throw new Error('gonghui serve did not answer in time');
      }
      await sleep(100);
    }
  }

  await launch(srv, true);
  return srv;
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

// An HTTP client for one session. Paths not starting with /api/ are taken
// relative to /api/v1 ("/activities" → "/api/v1/activities").
export class Client {
  constructor(url) {
    this.url = url;
    this.cookie = null; // value of gonghui_session
    this.csrf = null;
    this.me = null; // body of the login answer
  }

  fullUrl(p) {
    return this.url + (p.startsWith('/api/') ? p : API_PREFIX + p);
  }

  /**
   * raw(method, path, {body, headers}): body may be an object (sent as JSON), a string or
   * a Buffer (sent verbatim). A header given as null is removed (e.g. {'X-CSRF-Token': null}).
   * Resolves {status, body (parsed JSON or null), text, headers}; rejects when the server
   * does not answer within timeoutMs (a hung server must fail the test, not stall the run).
   */
  async raw(method, p, { body, headers = {}, timeoutMs = REQUEST_TIMEOUT_MS } = {}) {
    method = method.toUpperCase();
    const h = {};
    if (this.cookie) h.Cookie = `gonghui_session=${this.cookie}`;
    if (WRITE_METHODS.has(method) && this.csrf) h['X-CSRF-Token'] = this.csrf;
    let payload;
    if (body !== undefined) {
      h['Content-Type'] = 'application/json';
      payload = (typeof body === 'string' || Buffer.isBuffer(body)) ? body : JSON.stringify(body);
    }
    for (const [k, v] of Object.entries(headers)) {
      for (const existing of Object.keys(h)) {
        if (existing.toLowerCase() === k.toLowerCase()) delete h[existing];
      }
      if (v !== null && v !== undefined) h[k] = v;
    }
    const res = await fetch(this.fullUrl(p), {
      method, headers: h, body: payload, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs),
    });
    for (const sc of res.headers.getSetCookie()) {
      const m = /^\s*gonghui_session=([^;]*)/.exec(sc);
      if (!m) continue;
      const cleared = m[1] === '' || /;\s*max-age=0\b/i.test(sc) || /;\s*expires=Thu, 01 Jan 1970/i.test(sc);
      this.cookie = cleared ? null : m[1];
    }
    const text = await res.text();
    let parsed = null;
    if (text.length > 0) {
      try { parsed = JSON.parse(text); } catch { parsed = null; }
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  }

  /** GET answering the body as bytes (downloads): {status, bytes, headers}. */
  async download(p, { timeoutMs = REQUEST_TIMEOUT_MS } = {}) {
    const h = this.cookie ? { Cookie: `gonghui_session=${this.cookie}` } : {};
    const res = await fetch(this.fullUrl(p), { headers: h, signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }

  get(p) { return this.raw('GET', p); }
  post(p, body) { return this.raw('POST', p, { body: body ?? {} }); }
  patch(p, body) { return this.raw('PATCH', p, { body: body ?? {} }); }
  put(p, body) { return this.raw('PUT', p, { body: body ?? {} }); }
  del(p) { return this.raw('DELETE', p); }
}

// A client without a session.
export function anonymous(url) {
  return new Client(url);
}

/** Logs in and returns a client holding the session cookie and CSRF token. Throws unless 200. */
export async function login(url, username, password = DEMO_PASSWORD) {
  const c = new Client(url);
  const res = await c.raw('POST', '/auth/login', { body: { username, password } });
  if (res.status !== 200 || !res.body || !res.body.csrf_token || !c.cookie) {
    throw new Error(`login as ${username} failed: HTTP ${res.status} ${res.text}`);
  }
  c.csrf = res.body.csrf_token;
  c.me = res.body;
  return c;
}
