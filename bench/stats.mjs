// Latency of GET /api/v1/stats/childcare (bench/stats.sh runs it): signs in as admin (the city)
// and nanan (南岸区总工会), asks each one's figures ROUNDS times one request at a time, prints
// p50/p99 and the figures, and writes them as JSON lines for the comparison with plain SQL.
// Usage: node bench/stats.mjs URL ROUNDS GOAL_P50_MS OUT_JSON

import { writeFileSync } from 'node:fs';

const [url, roundsArg, goalArg, out] = process.argv.slice(2);
const ROUNDS = Number(roundsArg);
const GOAL_MS = Number(goalArg);
const PASSWORD = process.env.BENCH_PASSWORD || 'gonghui-demo';

async function session(username) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('gonghui_session='));
}

async function stats(cookie) {
  const t0 = process.hrtime.bigint();
  const res = await fetch(`${url}/api/v1/stats/childcare`, { headers: { Cookie: cookie } });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`stats: HTTP ${res.status} ${JSON.stringify(body)}`);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, body };
}

const at = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const results = [];
let worst = 0;
for (const username of ['admin', 'nanan']) {
  const cookie = await session(username);
  const { body } = await stats(cookie); // warm-up
  const samples = [];
  for (let r = 0; r < ROUNDS; r++) samples.push((await stats(cookie)).ms);
  samples.sort((a, b) => a - b);
  const p50 = at(samples, 50);
  worst = Math.max(worst, p50);
  const f = {
    org_id: body.org_id, org: body.org_name, classes_total: body.classes_total,
    ...body.classes_by_grade, children_enrolled: body.children_enrolled,
    children_served: body.children_served, subsidy_fen: body.subsidy_fen,
  };
  results.push({ user: username, p50, p99: at(samples, 99), ...f });
  console.log(`API  n=${samples.length} p50 ${p50.toFixed(2)} ms  p99 ${at(samples, 99).toFixed(2)} ms  ` +
    `classes ${f.classes_total} (national ${f.national}, municipal ${f.municipal}, district ${f.district}) ` +
    `children ${f.children_enrolled} served ${f.children_served} subsidy ${f.subsidy_fen}  ${f.org}`);
}
writeFileSync(out, results.map((r) => JSON.stringify(r)).join('\n') + '\n');
console.log(`goal: p50 < ${GOAL_MS} ms per statistics request → ${worst < GOAL_MS ? 'met' : 'NOT met'} (worst p50 ${worst.toFixed(2)} ms)`);
