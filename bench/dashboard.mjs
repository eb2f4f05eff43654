// Latency of the whole dashboard (bench/dashboard.sh runs it): signs in as admin (the city) and
// nanan (南岸区总工会), asks GET /dashboard ROUNDS times per user one at a time, prints p50/p99 and
// writes each figure of the answer as a JSON line for the comparison with plain GROUP BYs.
// Usage: node bench/dashboard.mjs URL ROUNDS GOAL_MS OUT_JSON LABEL YEAR
import { appendFileSync } from 'node:fs';
import { at, get, session } from './client.mjs';

const [url, roundsArg, goalArg, out, label, year] = process.argv.slice(2);
const ROUNDS = Number(roundsArg);
const GOAL_MS = Number(goalArg);

let cityP50 = 0;
for (const username of ['admin', 'nanan']) {
  const cookie = await session(url, username);
  const path = `/dashboard?year=${year}`;
  const { body } = await get(url, cookie, path); // warm-up
  const samples = [];
  for (let i = 0; i < ROUNDS; i++) samples.push((await get(url, cookie, path)).ms);
  samples.sort((a, b) => a - b);
  const p50 = at(samples, 50);
  const p99 = at(samples, 99);
  if (username === 'admin') cityP50 = p50;
  const figures = Object.fromEntries(body.figures.map((f) => [f.key, f.value]));
  appendFileSync(out, JSON.stringify({ backend: label, user: username, org_id: body.org_id, p50, p99, figures }) + '\n');
  console.log(`API  ${label.padEnd(10)} dashboard ${username.padEnd(5)} n=${samples.length} p50 ${p50.toFixed(1)} ms  ` +
    `p99 ${p99.toFixed(1)} ms  ${body.figures.length} figures (${body.org_name})`);
}
console.log(`goal (${label}): the city's dashboard under ${GOAL_MS} ms → ${cityP50 < GOAL_MS ? 'met' : 'NOT met'} (p50 ${cityP50.toFixed(1)} ms)`);
