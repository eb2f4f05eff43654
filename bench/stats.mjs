// Latency of the programme statistics (bench/stats.sh runs it): signs in as admin (the city) and
// nanan (南岸区总工会), asks each endpoint ROUNDS times per user one request at a time, prints
// p50/p99 with the figures, and writes them as JSON lines for the comparison with plain SQL.
// Usage: node bench/stats.mjs URL ROUNDS GOAL_MS OUT_JSON CAMPAIGN_ID
//   endpoints: /stats/childcare, /campaigns/CAMPAIGN_ID/progress and /stats/programmes?year=2024
//   (every 2024 campaign's total, competitions, honours; measured, no SQL reference).

import { writeFileSync } from 'node:fs';
import { at, get, session } from './client.mjs';

const [url, roundsArg, goalArg, out, campaignId] = process.argv.slice(2);
const ROUNDS = Number(roundsArg);
const GOAL_MS = Number(goalArg);

// The figures each endpoint is compared on (bench/stats.sh computes the same in SQL).
const endpoints = [
  {
    name: 'childcare',
    path: '/stats/childcare',
    figures: (b) => ({
      classes_total: b.classes_total, ...b.classes_by_grade, children_enrolled: b.children_enrolled,
      children_served: b.children_served, subsidy_fen: b.subsidy_fen,
    }),
  },
  {
    name: 'campaign',
    path: `/campaigns/${campaignId}/progress`,
    figures: (b) => ({
      activities: b.total.activities, beneficiaries: b.total.beneficiaries, money_fen: b.total.money_fen,
      items: b.total.items.length, rows: b.rows.length,
      first_row: b.rows[0] ? `${b.rows[0].org_name}:${b.rows[0].beneficiaries}` : '',
    }),
  },
  {
    name: 'programmes',
    path: '/stats/programmes?year=2024',
    figures: (b) => ({
      campaigns: b.campaigns.length, beneficiaries: b.campaigns.reduce((s, c) => s + c.beneficiaries, 0),
    }),
  },
];

const results = [];
let worst = 0;
for (const username of ['admin', 'nanan']) {
  const cookie = await session(url, username);
  for (const e of endpoints) {
    const { body } = await get(url, cookie, e.path); // warm-up
    const samples = [];
    for (let r = 0; r < ROUNDS; r++) samples.push((await get(url, cookie, e.path)).ms);
    samples.sort((a, b) => a - b);
    const p50 = at(samples, 50);
    worst = Math.max(worst, p50);
    const f = e.figures(body);
    results.push({ endpoint: e.name, user: username, org_id: body.org_id, p50, p99: at(samples, 99), ...f });
    console.log(`API  ${e.name.padEnd(9)} ${username.padEnd(5)} n=${samples.length} p50 ${p50.toFixed(2)} ms  ` +
      `p99 ${at(samples, 99).toFixed(2)} ms  ${JSON.stringify(f)}  (${body.org_name})`);
  }
}
writeFileSync(out, results.map((r) => JSON.stringify(r)).join('\n') + '\n');
console.log(`goal: p50 < ${GOAL_MS} ms per statistics request → ${worst < GOAL_MS ? 'met' : 'NOT met'} (worst p50 ${worst.toFixed(2)} ms)`);
