// The member export of bench/import.sh: the whole city's members as CSV and as xlsx, streamed.
// Prints, for each, the time to the first byte of the body, the time in all, the bytes and the
// rows (CSV: lines after the header), and the server's peak memory (VmHWM) when its pid is given.
// Usage: node bench/export_members.mjs URL [SERVER_PID]
import { readFileSync } from 'node:fs';
import { get, session } from './client.mjs';

const [url, pid] = process.argv.slice(2);
const cookie = await session(url, 'admin');
const { body: list } = await get(url, cookie, '/members?page_size=1');
console.log(`members in the list: ${list.total}`);
for (const format of ['csv', 'xlsx']) {
  const t0 = process.hrtime.bigint();
  const res = await fetch(`${url}/api/v1/members/export?format=${format}`, { headers: { Cookie: cookie } });
  if (res.status !== 200) throw new Error(`export ${format}: HTTP ${res.status} ${await res.text()}`);
  let first = null;
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body) {
    if (first === null) first = Number(process.hrtime.bigint() - t0) / 1e6;
    bytes += chunk.length;
    if (format === 'csv') for (const b of chunk) if (b === 10) lines++;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rows = format === 'csv' ? `, ${lines - 1} rows` : '';
  console.log(`export ${format}: first byte ${first.toFixed(0)} ms, all ${(ms / 1000).toFixed(1)} s, ` +
    `${(bytes / 1e6).toFixed(0)} MB${rows}`);
}
if (pid) {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  console.log(`server peak memory: ${Math.round(Number(hwm[1]) / 1024)} MB`);
}
