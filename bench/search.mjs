// Latency of GET /api/v1/search (bench/search.sh runs it): for each user, signs in, runs every
// query once to warm up, then ROUNDS rounds of all queries one request at a time on a kept-alive
// connection, and prints p50/p99 per user, per query and overall, and the goal check.
// Usage: node bench/search.mjs URL ROUNDS GOAL_P99_MS user[:label] ...

const [url, roundsArg, goalArg, ...users] = process.argv.slice(2);
const ROUNDS = Number(roundsArg);
const GOAL_MS = Number(goalArg);
const QUERIES = ['工会', '职工', '托管', '骑手', '慰问', '培训', '技能', '劳模', '安全', '困难'];
const PASSWORD = process.env.BENCH_PASSWORD || 'gonghui-demo';

async function login(username) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('gonghui_session='));
  return cookie;
}

async function timed(cookie, q) {
  const t0 = process.hrtime.bigint();
  const res = await fetch(`${url}/api/v1/search?q=${encodeURIComponent(q)}&page=1&page_size=20`, {
    headers: { Cookie: cookie },
  });
  const body = await res.json();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.status !== 200) throw new Error(`search ${q}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return { ms, total: body.total, capped: body.total_capped, hits: body.items.length };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const fmt = (ms) => ms.toFixed(1).padStart(7);
// Numbers first, the (Chinese) label last, so columns line up in any font.
function line(label, samples) {
  const s = [...samples].sort((a, b) => a - b);
  return `n=${String(s.length).padStart(4)}  p50 ${fmt(percentile(s, 50))} ms  ` +
    `p99 ${fmt(percentile(s, 99))} ms  max ${fmt(s[s.length - 1])} ms  ${label}`;
}

const all = [];
const perUser = [];
for (const spec of users) {
  const [username, label = username] = spec.split(':');
  const cookie = await login(username);
  const perQuery = new Map(QUERIES.map((q) => [q, []]));
  const info = new Map();
  for (const q of QUERIES) info.set(q, await timed(cookie, q)); // warm-up, and the totals
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of QUERIES) perQuery.get(q).push((await timed(cookie, q)).ms);
  }
  console.log(`\n${label} (${username})`);
  for (const q of QUERIES) {
    const { total, capped, hits } = info.get(q);
    console.log(`  ${line(q, perQuery.get(q))}  total ${capped ? '>' : ''}${total}, ${hits} on page 1`);
  }
  const mine = [...perQuery.values()].flat();
  perUser.push([label, mine]);
  all.push(...mine);
}
console.log('');
for (const [label, samples] of perUser) console.log(line(label, samples));
console.log(line('overall', all));
const worst = Math.max(...perUser.map(([, s]) => percentile([...s].sort((a, b) => a - b), 99)));
const ok = worst < GOAL_MS;
console.log(`goal: p99 < ${GOAL_MS} ms for every user — ${ok ? 'met' : 'NOT met'} (worst p99 ${worst.toFixed(1)} ms)`);
process.exitCode = ok ? 0 : 1;
