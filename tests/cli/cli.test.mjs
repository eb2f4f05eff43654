// Command-line tests: every `gonghui` command run as a process, asserting exit codes,
// output and what it leaves in the database (read back with the sqlite3 shell).
//
// Run from the repository root:  GONGHUI_BIN=build-asan/gonghui node --test tests/cli/
// Always SQLite (GONGHUI_TEST_PG is ignored: backup and the data-key file are SQLite features).
// Each test gets its own temp dir (removed afterwards); the server-backed groups use
// startServer(), which makes and removes its own temp dir and demo database.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, DEMO_PASSWORD, TEST_SECRET_KEY, anonymous, login, run, startServer } from '../api/harness.mjs';
import { activityBody, assertStatus, findOrg, uniq } from '../api/util.mjs';

delete process.env.GONGHUI_TEST_PG; // startServer() must give us a SQLite file
process.env.ASAN_OPTIONS ??= 'detect_leaks=0';

const HAN = /[\u4e00-\u9fff]/; // "a Chinese message"
const DEMO_TIMEOUT_MS = 120_000;
const COMMANDS = ['serve', 'migrate', 'demo', 'user', 'bulletin', 'backup'];
const DEMO_ACCOUNTS = [
  ['admin', '重庆市总工会'], ['editor', '重庆市总工会'], ['viewer', '重庆市总工会'],
  ['nanan', '南岸区总工会'], ['yuzhong', '渝中区总工会'], ['reporter.nanan', '南岸区总工会'],
];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The environment without any GONGHUI_* variable of the caller (they are configuration
// the binary would read), plus `extra`.
function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GONGHUI_')) env[k] = v;
  return { ...env, ...extra };
}

/** Runs the binary; resolves {code, signal, stdout, stderr, timedOut}. */
function gh(args, { env = {}, timeoutMs = 60_000 } = {}) {
  return run(BIN, args, { env: cleanEnv(env), timeoutMs });
}

function show(r) {
  return `exit ${r.code}${r.signal ? ' ' + r.signal : ''}${r.timedOut ? ' (timed out)' : ''}\n` +
    `stdout: ${r.stdout}\nstderr: ${r.stderr}`;
}

/** A temp dir removed when the test t ends. */
function tmpDir(t) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gonghui-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** sqlite3 shell query; returns trimmed stdout, fails the test if sqlite3 fails. */
async function sql(dbFile, query) {
  const r = await run('sqlite3', [dbFile, query]);
  assert.equal(r.code, 0, `sqlite3 ${dbFile} "${query}": ${r.stderr}`);
  return r.stdout.trim();
}
const q = (s) => `'${String(s).replaceAll("'", "''")}'`;
const count = async (dbFile, where) => Number(await sql(dbFile, `SELECT COUNT(*) FROM ${where}`));

async function demo(dbFile, extra = []) {
  return gh(['demo', '--db', `sqlite:${dbFile}`, '--scale', 'small', ...extra], { timeoutMs: DEMO_TIMEOUT_MS });
}

/** POST /auth/login without keeping the client; resolves {status, body}. */
function tryLogin(url, username, password) {
  return anonymous(url).raw('POST', '/auth/login', { body: { username, password } });
}

// ---------------------------------------------------------------------------------------
describe('usage and argument errors', () => {
  it('gonghui --help prints the usage with every command and exits 0', async () => {
    const r = await gh(['--help']);
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /usage: gonghui <command>/);
    for (const c of [...COMMANDS, 'openapi']) assert.match(r.stdout, new RegExp(`^\\s+${c}\\s`, 'm'), `lists ${c}`);
  });

  for (const cmd of COMMANDS) {
    it(`gonghui ${cmd} --help prints its usage line and exits 0`, async () => {
      const r = await gh([cmd, '--help']);
      assert.equal(r.code, 0, show(r));
      assert.match(r.stdout, new RegExp(`^usage: gonghui ${cmd.replace('.', '\\.')}( |$)`, 'm'));
    });
  }

  it('gonghui with no command exits non-zero and prints the usage', async () => {
    const r = await gh([]);
    assert.notEqual(r.code, 0, show(r));
    assert.match(r.stdout + r.stderr, /usage: gonghui <command>/);
  });

  it('an unknown command exits non-zero, names it and prints the usage', async () => {
    const r = await gh(['frobnicate']);
    assert.notEqual(r.code, 0, show(r));
    assert.match(r.stderr, /frobnicate/);
    assert.match(r.stdout + r.stderr, /usage: gonghui <command>/);
  });

  it('an unknown flag exits 2 with a Chinese message naming it, before touching the database', async (t) => {
    const dir = tmpDir(t);
    const db = path.join(dir, 'x.db');
    const r = await gh(['migrate', '--db', `sqlite:${db}`, '--bogus', '1']);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /--bogus/);
    assert.match(r.stderr, HAN);
    assert.equal(existsSync(db), false, 'the database was not created');
  });

  it('a flag without a value exits 2 naming it', async () => {
    const r = await gh(['migrate', '--db']);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /--db/);
    assert.match(r.stderr, HAN);
  });
});

// ---------------------------------------------------------------------------------------
describe('migrate', () => {
  it('twice on a fresh database: same version, the second run changes nothing', async (t) => {
    const db = path.join(tmpDir(t), 'sub', 'm.db'); // the parent directory is created too
    const first = await gh(['migrate', '--db', `sqlite:${db}`]);
    assert.equal(first.code, 0, show(first));
    const v1 = /schema at version (\d+)/.exec(first.stdout);
    assert.ok(v1, `version printed: ${first.stdout}`);
    assert.ok(Number(v1[1]) >= 1);
    assert.ok(existsSync(db), 'database created');
    const rows1 = await sql(db, 'SELECT version, name, applied_at FROM schema_migrations ORDER BY version');
    const schema1 = await sql(db, 'SELECT type, name, sql FROM sqlite_master ORDER BY name');
    const n1 = await count(db, 'schema_migrations');
    assert.equal(n1, Number(v1[1]), 'one row per migration up to the version');

    const second = await gh(['migrate', '--db', `sqlite:${db}`]);
    assert.equal(second.code, 0, show(second));
    const v2 = /schema at version (\d+)/.exec(second.stdout);
    assert.ok(v2, `version printed: ${second.stdout}`);
    assert.equal(v2[1], v1[1]);
    assert.equal(await count(db, 'schema_migrations'), n1);
    assert.equal(await sql(db, 'SELECT version, name, applied_at FROM schema_migrations ORDER BY version'), rows1);
    assert.equal(await sql(db, 'SELECT type, name, sql FROM sqlite_master ORDER BY name'), schema1);
  });
});

// ---------------------------------------------------------------------------------------
describe('demo', () => {
  it('--scale small fills a fresh database, prints the accounts and true counts; a second run is refused', async (t) => {
    const db = path.join(tmpDir(t), 'demo.db');
    const r = await demo(db);
    assert.equal(r.code, 0, show(r));
    for (const [user, org] of DEMO_ACCOUNTS) {
      assert.match(r.stdout, new RegExp(`^\\s+${user.replace('.', '\\.')}\\s+\\S+\\s+${org}\\s*$`, 'm'), `account ${user}`);
    }
    assert.match(r.stdout, new RegExp(`password ${DEMO_PASSWORD}`));
    const m = /(\d+) organisations, (\d+) enterprises, (\d+) members, (\d+) work records/.exec(r.stdout);
    assert.ok(m, `counts printed: ${r.stdout}`);
    const [orgs, enterprises, members, activities] = m.slice(1).map(Number);
    assert.equal(await count(db, 'org'), orgs);
    assert.equal(await count(db, 'enterprise'), enterprises);
    assert.equal(await count(db, 'member'), members);
    assert.equal(await count(db, 'activity'), activities);
    assert.ok(orgs > 1000 && members > 0 && activities > 0 && enterprises > 0, m[0]);
    const users = await sql(db, `SELECT username FROM app_user ORDER BY username`);
    assert.deepEqual(users.split('\n'), DEMO_ACCOUNTS.map(([u]) => u).sort());

    // Qualified counts are round, as a bulletin writes them (40余人, 近300人, never 近61人).
    const round = (n) => n < 10 || n % (n < 100 ? 10 : n < 10000 ? 100 : 1000) === 0;
    const qualified = await sql(db, "SELECT participants_count || ' ' || participants_qualifier FROM activity " +
      "WHERE participants_qualifier <> ''");
    const rows = qualified.split('\n');
    assert.ok(rows.length > 100, `qualified counts in the demo: ${rows.length}`);
    for (const row of rows) assert.ok(round(Number(row.split(' ')[0])), `not round with its qualifier: ${row}`);
    const texts = await sql(db, "SELECT body FROM news_item UNION ALL SELECT detail FROM activity");
    const phrased = [...texts.matchAll(/(\d+)(?:余|多)|近(\d+)/g)];
    assert.ok(phrased.length > 50, `qualified counts in news and details: ${phrased.length}`);
    for (const m of phrased) assert.ok(round(Number(m[1] ?? m[2])), `not round with its qualifier: ${m[0]}`);

    const again = await demo(db);
    assert.notEqual(again.code, 0, show(again));
    assert.match(again.stderr, HAN);
    assert.equal(await count(db, 'org'), orgs, 'org count unchanged');
    assert.equal(await count(db, 'activity'), activities, 'activity count unchanged');
    assert.equal(await count(db, 'app_user'), DEMO_ACCOUNTS.length, 'users unchanged');
  });

  it('is deterministic: two runs give the same tree, records, members and census', async (t) => {
    const dir = tmpDir(t);
    const a = path.join(dir, 'a.db');
    const b = path.join(dir, 'b.db');
    for (const db of [a, b]) {
      const r = await demo(db);
      assert.equal(r.code, 0, show(r));
    }
    // Everything but timestamps and ciphertexts (fresh nonces) must match.
    const queries = [
      'SELECT id, name, short_name, kind, code, parent_id, industry_parent_id FROM org ORDER BY id',
      'SELECT ancestor_id, axis, descendant_id, depth FROM org_closure ORDER BY 1, 2, 3',
      'SELECT id, org_id, title, type, start_date, end_date, day_part, participants_count, ' +
        'participants_qualifier, money_total_fen, detail FROM activity ORDER BY id',
      'SELECT id, org_id, name, id_number_masked, gender, birth_date, phone_masked, ' +
        'status, tags FROM member ORDER BY id',
      'SELECT id, org_id, name, credit_code, kind, employees, union_org_id FROM enterprise ORDER BY id',
      'SELECT id, number, org_id, kind, employer_enterprise_id, term_from, term_to, state, signed_on, ' +
        'filed_on, predecessor_id FROM labour_contract ORDER BY id',
      'SELECT enterprise_id, year, factory_affairs_open, workers_congress FROM enterprise_flag ORDER BY 1, 2',
      'SELECT id, org_id, visited_on, scores FROM labour_visit ORDER BY id',
    ];
    for (const query of queries) {
      const [x, y] = [await sql(a, query), await sql(b, query)];
      assert.ok(x.length > 0, `rows for ${query}`);
      assert.ok(x === y, `the two runs differ for ${query}`);
    }
  });

  it('--scale huge exits 2 naming the valid scales', async (t) => {
    const db = path.join(tmpDir(t), 'huge.db');
    const r = await gh(['demo', '--db', `sqlite:${db}`, '--scale', 'huge']);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /small/);
    assert.match(r.stderr, HAN);
  });
});

// ---------------------------------------------------------------------------------------
describe('user add / user passwd (against a running server)', () => {
  let srv;
  const env = { GONGHUI_SECRET_KEY: TEST_SECRET_KEY };
  const PW1 = 'Li-test-pass-1';
  const PW2 = 'Li-test-pass-2';

  before(async () => {
    srv = await startServer();
  });
  after(async () => {
    await srv?.stop();
  });

  const userAdd = (username, { org = '南岸区总工会', role = 'manager', password = PW1 } = {}) =>
    gh(['user', 'add', '--db', srv.dbUrl, '--username', username, '--role', role, '--org', org],
      { env: { ...env, GONGHUI_PASSWORD: password } });
  const userRow = (username) => sql(srv.dbPath,
    `SELECT u.role || '|' || o.name FROM app_user u JOIN org o ON o.id = u.org_id WHERE u.username = ${q(username)}`);

  it('user add creates a manager of 南岸区总工会 who can log in over HTTP', async () => {
    const r = await userAdd('li.test');
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /user li\.test created/);
    const res = await tryLogin(srv.url, 'li.test', PW1);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.user.username, 'li.test');
    assert.equal(res.body.user.role, 'manager');
    assert.equal(res.body.user.org_name, '南岸区总工会');
  });

  it('user passwd: the old password is refused, the new one works, old sessions end', async () => {
    const oldSession = await login(srv.url, 'li.test', PW1);
    assertStatus(await oldSession.get('/auth/me'), 200, 'session before passwd');
    const r = await gh(['user', 'passwd', '--db', srv.dbUrl, '--username', 'li.test'],
      { env: { ...env, GONGHUI_PASSWORD: PW2 } });
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /password changed/);
    assert.equal((await oldSession.get('/auth/me')).status, 401, 'the session opened before passwd has ended');
    assert.equal((await tryLogin(srv.url, 'li.test', PW1)).status, 401, 'old password');
    const ok = await tryLogin(srv.url, 'li.test', PW2);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.user.role, 'manager');
  });

  it('a too-short password is refused by user add and user passwd', async () => {
    const add = await userAdd('li.short', { password: 'Ab1-xyz' }); // 7 characters
    assert.notEqual(add.code, 0, show(add));
    assert.match(add.stderr, /密码/);
    assert.equal(await userRow('li.short'), '', 'no user created');

    const pw = await gh(['user', 'passwd', '--db', srv.dbUrl, '--username', 'li.test'],
      { env: { ...env, GONGHUI_PASSWORD: 'short' } });
    assert.notEqual(pw.code, 0, show(pw));
    assert.match(pw.stderr, /密码/);
    assert.equal((await tryLogin(srv.url, 'li.test', PW2)).status, 200, 'password unchanged');
  });

  it('an unknown organisation is refused with a Chinese message naming it', async () => {
    const r = await userAdd('li.noorg', { org: '不存在的测试工会' });
    assert.notEqual(r.code, 0, show(r));
    assert.match(r.stderr, HAN);
    assert.match(r.stderr, /不存在的测试工会/);
    assert.equal(await userRow('li.noorg'), '', 'no user created');
  });

  it('a duplicate username is refused and the existing user is unchanged', async () => {
    const r = await userAdd('li.test', { org: '重庆市总工会', role: 'admin', password: 'Other-pass-123' });
    assert.notEqual(r.code, 0, show(r));
    assert.match(r.stderr, HAN);
    assert.equal(await userRow('li.test'), 'manager|南岸区总工会');
    assert.equal((await tryLogin(srv.url, 'li.test', 'Other-pass-123')).status, 401);
  });

  it('user passwd for an unknown user fails naming the user', async () => {
    const r = await gh(['user', 'passwd', '--db', srv.dbUrl, '--username', 'nobody.here'],
      { env: { ...env, GONGHUI_PASSWORD: PW2 } });
    assert.notEqual(r.code, 0, show(r));
    assert.match(r.stderr, /nobody\.here/);
  });

  it('an unknown action is refused with exit 2', async () => {
    const r = await gh(['user', 'frob', '--db', srv.dbUrl], { env });
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /user add/);
  });

  it('an organisation name shared by two unions is refused, not resolved to one of them',
    async () => {
      const name = await sql(srv.dbPath,
        `SELECT name FROM org WHERE is_partner = 0 GROUP BY name HAVING COUNT(*) > 1 ORDER BY name LIMIT 1`);
      assert.ok(name, 'the demo has two unions with the same name');
      const r = await userAdd('li.ambiguous', { org: name });
      assert.notEqual(r.code, 0, `--org ${name} (shared by two unions): ${show(r)}`);
      assert.equal(await userRow('li.ambiguous'), '', 'no user created');
    });

  it('an organisation name that merely starts with digits is not read as an id',
    async () => {
      const r = await userAdd('li.digits', { org: '2号不存在工会' });
      assert.notEqual(r.code, 0, `--org 2号不存在工会: ${show(r)}`);
      assert.equal(await userRow('li.digits'), '', 'no user created');
    });
});

// ---------------------------------------------------------------------------------------
describe('backup', () => {
  let srv;
  let nanan;
  let nananOrg;

  before(async () => {
    srv = await startServer();
    const admin = await login(srv.url, 'admin');
    nanan = await login(srv.url, 'nanan');
    nananOrg = await findOrg(admin, '南岸区总工会');
  });
  after(async () => {
    await srv?.stop();
  });

  async function createActivity() {
    const res = await nanan.post('/activities', activityBody(nananOrg.id));
    assertStatus(res, 201, 'POST /activities');
    return res.body;
  }

  it('copies the live database: integrity ok, holds what was written before, not after', async (t) => {
    const dir = tmpDir(t);
    const before = await createActivity();
    const liveOrgs = await count(srv.dbPath, 'org');
    const file = path.join(dir, 'copy.db');
    const r = await gh(['backup', '--db', srv.dbUrl, '--to', file], { timeoutMs: 30_000 });
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /backup written to/);
    const afterBackup = await createActivity(); // the server is still serving writes

    assert.equal(await sql(file, 'PRAGMA integrity_check'), 'ok');
    assert.equal(await count(file, `activity WHERE id = ${before.id} AND title = ${q(before.title)}`), 1);
    assert.equal(await count(file, `activity WHERE id = ${afterBackup.id}`), 0, 'a snapshot, not a live view');
    assert.equal(await count(srv.dbPath, `activity WHERE id = ${afterBackup.id}`), 1);
    assert.equal(await count(file, 'org'), liveOrgs);
    // the copy is a usable gonghui database
    const m = await gh(['migrate', '--db', `sqlite:${file}`]);
    assert.equal(m.code, 0, show(m));
    assert.match(m.stdout, /schema at version \d+/);
  });

  it('a PostgreSQL URL is refused, pointing to pg_dump', async (t) => {
    const file = path.join(tmpDir(t), 'pg.db');
    const r = await gh(['backup', '--db', 'postgresql://gonghui@127.0.0.1:5432/gonghui', '--to', file]);
    assert.notEqual(r.code, 0, show(r));
    assert.match(r.stderr, /pg_dump/);
    assert.equal(existsSync(file), false);
  });

  it('without --to it exits 2 naming --to', async () => {
    const r = await gh(['backup', '--db', srv.dbUrl]);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /--to/);
  });

  it('a missing source database fails without creating it or the copy', async (t) => {
    const dir = tmpDir(t);
    const src = path.join(dir, 'none.db');
    const file = path.join(dir, 'copy.db');
    const r = await gh(['backup', '--db', `sqlite:${src}`, '--to', file]);
    assert.notEqual(r.code, 0, show(r));
    assert.equal(existsSync(src), false);
    assert.equal(existsSync(file), false);
  });

  it('finishes while the server keeps writing (one work record every ~20 ms)',
    async (t) => {
      const dir = tmpDir(t);
      let stop = false;
      let writes = 0;
      const writer = (async () => {
        while (!stop) {
          const res = await nanan.post('/activities', activityBody(nananOrg.id));
          if (res.status === 201) writes++;
          await sleep(20);
        }
      })();
      try {
        await sleep(300);
        const file = path.join(dir, 'busy.db');
        const r = await gh(['backup', '--db', srv.dbUrl, '--to', file], { timeoutMs: 20_000 });
        assert.equal(r.timedOut, false, `backup still running after 20 s (${writes} writes meanwhile)`);
        assert.equal(r.code, 0, show(r));
        assert.equal(await sql(file, 'PRAGMA integrity_check'), 'ok');
      } finally {
        stop = true;
        await writer;
      }
      assert.ok(writes > 0, 'the server was writing');
    });
});

// ---------------------------------------------------------------------------------------
describe('configuration precedence (defaults < file < GONGHUI_<KEY> < flags)', () => {
  function setup(t) {
    const dir = tmpDir(t);
    const p = { A: path.join(dir, 'a.db'), B: path.join(dir, 'b.db'), C: path.join(dir, 'c.db') };
    const conf = path.join(dir, 'gonghui.conf');
    writeFileSync(conf, [
      '# gonghui configuration',
      `db = sqlite:${p.A}`,
      'listen = 127.0.0.1:18080',
      `secret_key = ${TEST_SECRET_KEY}`,
      '',
    ].join('\n'));
    const exists = () => Object.fromEntries(Object.entries(p).map(([k, f]) => [k, existsSync(f)]));
    return { dir, p, conf, exists };
  }

  it('--config FILE: the file sets db', async (t) => {
    const { conf, exists } = setup(t);
    const r = await gh(['migrate', '--config', conf]);
    assert.equal(r.code, 0, show(r));
    assert.deepEqual(exists(), { A: true, B: false, C: false });
  });

  it('GONGHUI_CONFIG names the file like --config', async (t) => {
    const { conf, exists } = setup(t);
    const r = await gh(['migrate'], { env: { GONGHUI_CONFIG: conf } });
    assert.equal(r.code, 0, show(r));
    assert.deepEqual(exists(), { A: true, B: false, C: false });
  });

  it('GONGHUI_DB wins over the file', async (t) => {
    const { p, conf, exists } = setup(t);
    const r = await gh(['migrate', '--config', conf], { env: { GONGHUI_DB: `sqlite:${p.B}` } });
    assert.equal(r.code, 0, show(r));
    assert.deepEqual(exists(), { A: false, B: true, C: false });
  });

  it('--db wins over GONGHUI_DB and the file', async (t) => {
    const { p, conf, exists } = setup(t);
    const r = await gh(['migrate', '--config', conf, '--db', `sqlite:${p.C}`], { env: { GONGHUI_DB: `sqlite:${p.B}` } });
    assert.equal(r.code, 0, show(r));
    assert.deepEqual(exists(), { A: false, B: false, C: true });
  });

  it('--db=VALUE works like --db VALUE', async (t) => {
    const { p, conf, exists } = setup(t);
    const r = await gh(['migrate', `--db=sqlite:${p.C}`], { env: { GONGHUI_CONFIG: conf, GONGHUI_DB: `sqlite:${p.B}` } });
    assert.equal(r.code, 0, show(r));
    assert.deepEqual(exists(), { A: false, B: false, C: true });
  });

  it('an unreadable config file exits 2 with a Chinese message naming it', async (t) => {
    const { dir, exists } = setup(t);
    const missing = path.join(dir, 'missing.conf');
    const r = await gh(['migrate', '--config', missing]);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, HAN);
    assert.ok(r.stderr.includes(missing), r.stderr);
    assert.deepEqual(exists(), { A: false, B: false, C: false });
  });
});

// ---------------------------------------------------------------------------------------
describe('openapi', () => {
  it('prints an OpenAPI 3 document with /api/v1/activities', async () => {
    const r = await gh(['openapi']);
    assert.equal(r.code, 0, show(r));
    const doc = JSON.parse(r.stdout);
    assert.equal(typeof doc.openapi, 'string');
    assert.ok(doc.openapi.startsWith('3.'), doc.openapi);
    assert.ok(doc.paths && doc.paths['/api/v1/activities'], `paths: ${Object.keys(doc.paths ?? {}).join(', ')}`);
    assert.ok(doc.paths['/api/v1/activities'].get, 'GET /api/v1/activities documented');
  });
});

// ---------------------------------------------------------------------------------------
describe('data key', () => {
  it('a SQLite demo creates <db>.key (64 hex, mode 0600) and later commands reuse it', async (t) => {
    const db = path.join(tmpDir(t), 'k.db');
    const keyFile = `${db}.key`;
    const r = await demo(db);
    assert.equal(r.code, 0, show(r));
    assert.ok(existsSync(keyFile), 'key file created');
    assert.ok(r.stderr.includes(keyFile), `announced on stderr: ${r.stderr}`);
    assert.equal(statSync(keyFile).mode & 0o777, 0o600, `mode ${(statSync(keyFile).mode & 0o777).toString(8)}`);
    const key = readFileSync(keyFile, 'utf8');
    assert.match(key, /^[0-9a-f]{64}\n?$/);

    const u = await gh(['user', 'passwd', '--db', `sqlite:${db}`, '--username', 'viewer'],
      { env: { GONGHUI_PASSWORD: 'Viewer-pass-123' } });
    assert.equal(u.code, 0, show(u));
    assert.equal(readFileSync(keyFile, 'utf8'), key, 'the key is reused, not replaced');
    assert.doesNotMatch(u.stderr, /created data key/);
  });

  for (const cmd of ['serve', 'demo']) {
    it(`${cmd} on a postgresql:// URL without GONGHUI_SECRET_KEY fails fast naming secret_key`, async (t) => {
      const dir = tmpDir(t);
      const args = [cmd, '--db', 'postgresql://gonghui@127.0.0.1:1/gonghui_cli_test'];
      if (cmd === 'serve') args.push('--listen', '127.0.0.1:1', '--web', dir);
      const t0 = Date.now();
      const r = await gh(args, { timeoutMs: 20_000 });
      assert.equal(r.timedOut, false, 'did not hang');
      assert.equal(r.code, 2, show(r));
      assert.match(r.stderr, /secret_key/);
      assert.match(r.stderr, HAN);
      assert.ok(Date.now() - t0 < 15_000, 'fails fast');
      // with the key set the same command gets past the key check (and fails at the connection)
      const withKey = await gh(args, { env: { GONGHUI_SECRET_KEY: TEST_SECRET_KEY }, timeoutMs: 20_000 });
      assert.notEqual(withKey.code, 0, show(withKey));
      assert.doesNotMatch(withKey.stderr, /secret_key/);
    });
  }
});

describe('secure_cookie', () => {
  it('marks the session cookie Secure only when configured', async () => {
    for (const [value, secure] of [['true', true], ['false', false]]) {
      const srv = await startServer({ extraEnv: { GONGHUI_SECURE_COOKIE: value } });
      try {
        const res = await anonymous(srv.url).raw('POST', '/auth/login', {
          body: { username: 'nanan', password: DEMO_PASSWORD },
        });
        assert.equal(res.status, 200);
        const cookie = res.headers.get('set-cookie') || '';
        assert.match(cookie, /HttpOnly/);
        assert.equal(/;\s*Secure/i.test(cookie), secure, `secure_cookie=${value}: ${cookie}`);
      } finally {
        await srv.stop();
      }
    }
  });
});
