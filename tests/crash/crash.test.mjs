// Durability under kill -9 (SQLite): every write acknowledged with 201 survives
// a crash, and the database file passes PRAGMA integrity_check.
//
// Run: node --test tests/crash/   (skipped when GONGHUI_TEST_PG is set)

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { login, run, startServer } from '../api/harness.mjs';
import { activityBody, assertStatus } from '../api/util.mjs';

const skip = process.env.GONGHUI_TEST_PG ? 'SQLite only (GONGHUI_TEST_PG is set)' : false;

const WRITERS = 6;
const ROUNDS = 3;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let srv;

before(async () => {
  if (skip) return;
  srv = await startServer();
});

after(async () => {
  await srv?.stop();
});

/**
 * Runs WRITERS concurrent POST /activities loops until the server dies; returns
 * the acknowledged records {id, title} and how many requests failed at the socket.
 */
function writeStream(client, orgId, round, onAck) {
  const acked = [];
  let stop = false;
  let failures = 0;
  let inFlight = 0;
  const writer = async (w) => {
    for (let i = 0; !stop; i++) {
      const title = `崩溃测试 第${round}轮 写入者${w} 第${i}条`;
      try {
        inFlight++;
        let res;
        try {
          res = await client.post('/activities', activityBody(orgId, { title, participants: { text: `${i + 1}余人` } }));
        } finally {
          inFlight--;
        }
        if (res.status === 201) {
          acked.push({ id: res.body.id, title });
          onAck(acked.length);
        } else if (res.status >= 500) {
          // The server may answer 503 while shutting down; anything else non-201 is a test failure.
          if (res.status !== 503) throw new Error(`write answered ${res.status}: ${res.text}`);
        } else {
          throw new Error(`write answered ${res.status}: ${res.text}`);
        }
      } catch (e) {
        if (e instanceof TypeError || e.name === 'TypeError' || /fetch failed|ECONNRESET|socket|other side closed/i.test(String(e.cause ?? e))) {
          failures++;
          if (failures > 1000) return;
          await sleep(5);
          continue; // server gone: keep trying until told to stop
        }
        throw e;
      }
    }
  };
  const done = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  return { acked, stopAll: () => { stop = true; }, done, failures: () => failures, inFlight: () => inFlight };
}

describe('kill -9 during a stream of writes', { skip }, () => {
  const allAcked = [];

  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: acknowledged writes survive kill -9`, async (t) => {
      const nanan = await login(srv.url, 'nanan');
      const orgId = nanan.me.user.org_id;
      // Kill after a varying number of acknowledgements, while writes are in flight.
      const killAfter = 50 * round;
      let killed;
      const killedPromise = new Promise((resolve) => { killed = resolve; });
      let fired = false;
      const stream = writeStream(nanan, orgId, round, (n) => {
        if (n >= killAfter && !fired) { fired = true; killed(); }
      });
      try {
        await Promise.race([killedPromise, stream.done]);
      } catch (e) {
        stream.stopAll();
        throw e;
      }
      assert.ok(fired, 'the stream reached the kill point');
      await sleep(Math.floor(Math.random() * 30));
      const pending = stream.inFlight();
      await srv.kill9();
      await sleep(200); // let in-flight requests fail
      stream.stopAll();
      await stream.done;
      assert.ok(stream.acked.length >= killAfter, `${stream.acked.length} writes acknowledged`);
      allAcked.push(...stream.acked);
      t.diagnostic(`round ${round}: ${stream.acked.length} acknowledged, ${pending} in flight at the kill`);

      await srv.restart();
      const admin = await login(srv.url, 'admin');
      const missing = [];
      for (const { id, title } of allAcked) {
        const res = await admin.get(`/activities/${id}`);
        if (res.status !== 200 || res.body?.title !== title) missing.push(`${id} → ${res.status} ${res.text.slice(0, 120)}`);
      }
      assert.deepEqual(missing, [], `acknowledged writes lost after kill -9 (${allAcked.length} checked)`);
      // The acknowledged ids are distinct: no write was acknowledged twice under one id.
      assert.equal(new Set(allAcked.map((a) => a.id)).size, allAcked.length);
    });
  }

  it('PRAGMA integrity_check → ok', async () => {
    assert.ok(srv.dbPath, 'SQLite database');
    const r = await run('sqlite3', [srv.dbPath, 'PRAGMA integrity_check']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'ok');
    const fk = await run('sqlite3', [srv.dbPath, 'PRAGMA foreign_key_check']);
    assert.equal(fk.code, 0, fk.stderr);
    assert.equal(fk.stdout.trim(), '', 'no dangling foreign keys');
  });

  it('the server still works after the crashes', async () => {
    const nanan = await login(srv.url, 'nanan');
    const orgId = nanan.me.user.org_id;
    const res = await nanan.post('/activities', activityBody(orgId, { title: '崩溃之后的写入' }));
    assertStatus(res, 201);
    assertStatus(await nanan.get(`/activities/${res.body.id}`), 200);
  });
});
