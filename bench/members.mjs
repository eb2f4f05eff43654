// Latency of the member list at city scale (bench/members.sh runs it): signs in as admin (the
// city) and nanan (南岸区总工会) and asks GET /members with each filter ROUNDS times per user, one
// request at a time: the first page, a status, a tag, one union, a deep page, a name search that
// matches many and one that matches none. Prints p50/p99 with the total each answer gives, and
// checks the count of the unfiltered and status lists against COUNT(*) passed in for the city.
// Usage: node bench/members.mjs URL ROUNDS LIST_GOAL_MS SEARCH_GOAL_MS ORG_ID CITY_TOTAL CITY_LEFT
//   ORG_ID: a grassroots union of 南岸区 with members; CITY_TOTAL / CITY_LEFT: the city's members
//   and those with status `left` by COUNT(*) in the sqlite3 CLI.

import { at, get, session } from './client.mjs';

const [url, roundsArg, listGoalArg, searchGoalArg, orgId, cityTotal, cityLeft] = process.argv.slice(2);
const ROUNDS = Number(roundsArg);
const LIST_GOAL_MS = Number(listGoalArg);
const SEARCH_GOAL_MS = Number(searchGoalArg);

const cases = [
  { name: 'first page', path: '/members?page=1&page_size=20', goal: LIST_GOAL_MS },
  { name: 'status=left', path: '/members?status=left&page=1&page_size=20', goal: LIST_GOAL_MS },
  { name: 'tag=model_worker', path: '/members?tag=model_worker&page=1&page_size=20', goal: LIST_GOAL_MS },
  { name: 'one union', path: `/members?org_id=${orgId}&page=1&page_size=20`, goal: LIST_GOAL_MS },
  { name: 'page 500', path: '/members?page=500&page_size=20', goal: LIST_GOAL_MS },
  { name: 'q=张 (many)', path: `/members?q=${encodeURIComponent('张')}&page=1&page_size=20`, goal: SEARCH_GOAL_MS },
  { name: 'q=欧阳 (none)', path: `/members?q=${encodeURIComponent('欧阳')}&page=1&page_size=20`, goal: SEARCH_GOAL_MS },
];

let failed = 0;
for (const username of ['admin', 'nanan']) {
  const cookie = await session(url, username);
  console.log(`\n${username}`);
  for (const c of cases) {
    const { body } = await get(url, cookie, c.path); // warm-up, and the total
    const samples = [];
    for (let r = 0; r < ROUNDS; r++) samples.push((await get(url, cookie, c.path)).ms);
    samples.sort((a, b) => a - b);
    const p99 = at(samples, 99);
    const ok = p99 < c.goal;
    if (!ok) failed++;
    const total = `${body.total_capped ? '>' : ''}${body.total}`;
    console.log(`  n=${samples.length} p50 ${at(samples, 50).toFixed(1).padStart(7)} ms  p99 ` +
      `${p99.toFixed(1).padStart(7)} ms  (goal < ${c.goal} ms: ${ok ? 'met' : 'NOT met'})  ` +
      `total ${total.padStart(9)}, ${body.items.length} on the page  ${c.name}`);
    if (username === 'admin' && c.name === 'first page' && String(body.total) !== cityTotal) {
      console.log(`  the list's total ${body.total} is not COUNT(*) ${cityTotal}`);
      failed++;
    }
    if (username === 'admin' && c.name === 'status=left' && String(body.total) !== cityLeft) {
      console.log(`  the list's total ${body.total} is not COUNT(*) ${cityLeft} of status left`);
      failed++;
    }
  }
}
console.log(`\n${failed === 0 ? 'every goal met' : `${failed} case(s) missed the goal or the count`}`);
process.exitCode = failed === 0 ? 0 : 1;
