// What the latency benchmarks share (bench/stats.mjs, bench/labour.mjs): signing in as a demo
// account, a timed GET of the API, and percentiles of sorted samples.

const PASSWORD = process.env.BENCH_PASSWORD || 'gonghui-demo';

/** Signs in `username` at `url`; resolves the session cookie ("gonghui_session=…"). */
export async function session(url, username) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('gonghui_session='));
}

/** GET /api/v1<path> with the cookie; resolves {ms, body}, throws on anything but 200. */
export async function get(url, cookie, path) {
  const t0 = process.hrtime.bigint();
  const res = await fetch(`${url}/api/v1${path}`, { headers: { Cookie: cookie } });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, body };
}

/** The p-th percentile of ascending `sorted`. */
export const at = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
