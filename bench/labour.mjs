// Latency of the labour-relations rates (bench/labour.sh runs it): signs in as admin (the city)
// and nanan (南岸区总工会), asks each request ROUNDS times per user one at a time, prints p50/p99
// with the figures, and writes them as JSON lines ("key num/den …") for the comparison with the
// plain GROUP BY that bench/labour.sh runs over the raw tables.
// Usage: node bench/labour.mjs URL ROUNDS GOAL_MS OUT_JSON LABEL
//   requests: /labour/rates (every kind), /labour/rates?kinds=<国有企业、事业单位及规上非公企业>,
//   /labour/rate-breakdown (every rate per child and 本级).

import { appendFileSync } from 'node:fs';
import { at, get, session } from './client.mjs';

const [url, roundsArg, goalArg, out, label] = process.argv.slice(2);
const ROUNDS = Number(roundsArg);
const GOAL_MS = Number(goalArg);
const KINDS = encodeURIComponent('state_owned,public_institution,above_scale_private');

const figures = (rates) => rates.map((r) => `${r.key} ${r.numerator}/${r.denominator}`).join(' ');
const requests = [
  { name: 'rates', path: '/labour/rates', figures: (b) => figures(b.rates) },
  { name: 'rates-kinds', path: `/labour/rates?kinds=${KINDS}`, figures: (b) => figures(b.rates) },
  {
    name: 'breakdown',
    path: '/labour/rate-breakdown',
    // The rows add up to the subtree's figures: print the sums.
    figures: (b) => b.rates.map(({ key }) => {
      const sum = (part) => b.rows.reduce((n, row) => n + row.rates.find((r) => r.key === key)[part], 0);
      return `${key} ${sum('numerator')}/${sum('denominator')}`;
    }).join(' ') + ` (${b.rows.length} rows)`,
  },
];

let worst = 0;
for (const username of ['admin', 'nanan']) {
  const cookie = await session(url, username);
  for (const r of requests) {
    const { body } = await get(url, cookie, r.path); // warm-up
    const samples = [];
    for (let i = 0; i < ROUNDS; i++) samples.push((await get(url, cookie, r.path)).ms);
    samples.sort((a, b) => a - b);
    const p50 = at(samples, 50);
    const p99 = at(samples, 99);
    worst = Math.max(worst, p50);
    const f = r.figures(body);
    appendFileSync(out, JSON.stringify({ backend: label, request: r.name, user: username, org_id: body.org_id, p50, p99, figures: f }) + '\n');
    console.log(`API  ${label.padEnd(10)} ${r.name.padEnd(11)} ${username.padEnd(5)} n=${samples.length} ` +
      `p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  ${f}  (${body.org_name})`);
  }
}
console.log(`goal (${label}): p50 < ${GOAL_MS} ms per rates request → ${worst < GOAL_MS ? 'met' : 'NOT met'} (worst p50 ${worst.toFixed(2)} ms)`);
