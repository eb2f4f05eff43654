// Shared helpers for the API tests: assertions on the error envelope, valid
// Chinese ID numbers and credit codes, unique names, org lookups.

import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { deflateSync } from 'node:zlib';

export const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/;

const CODE_FOR_STATUS = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  409: ['already_exists', 'failed_precondition'],
  413: 'payload_too_large',
  422: 'invalid_argument',
  429: 'resource_exhausted',
  500: 'internal',
  503: 'unavailable',
};

function show(res) {
  return `HTTP ${res.status} ${res.text?.slice(0, 600)}`;
}

/** Asserts a 2xx-style status, printing the body when it is not. */
export function assertStatus(res, status, what = '') {
  const want = Array.isArray(status) ? status : [status];
  assert.ok(want.includes(res.status), `${what} expected HTTP ${want.join('|')}, got ${show(res)}`);
}

/**
 * Asserts the error envelope {"error":{"code","message","field"?}} with a zh-CN message.
 * status/code may be arrays of accepted values; field is checked when given.
 */
export function assertError(res, status, code, field) {
  const want = Array.isArray(status) ? status : [status];
  assert.ok(want.includes(res.status), `expected HTTP ${want.join('|')}, got ${show(res)}`);
  assert.match(res.headers.get('content-type') || '', /application\/json/i, 'error is JSON');
  assert.ok(res.body && typeof res.body === 'object' && res.body.error, `error envelope missing: ${show(res)}`);
  const e = res.body.error;
  const forStatus = [CODE_FOR_STATUS[res.status]].flat();
  const codes = code === undefined ? forStatus : (Array.isArray(code) ? code : [code]);
  assert.ok(codes.includes(e.code), `expected error code ${codes.join('|')}, got ${show(res)}`);
  assert.ok(forStatus.includes(e.code), `code ${e.code} does not match HTTP ${res.status}`);
  assert.equal(typeof e.message, 'string');
  assert.match(e.message, CJK, `error message is not Chinese: ${e.message}`);
  if (field !== undefined) assert.equal(e.field, field, `expected field ${field}, got ${show(res)}`);
  return e;
}

/** A refusal for an out-of-scope record: 403 or 404, nothing about the record leaked. */
export function assertDenied(res, what = '') {
  assert.ok([403, 404].includes(res.status), `${what}: expected 403|404, got ${show(res)}`);
  assertError(res, [403, 404]);
  assert.deepEqual(Object.keys(res.body), ['error'], `${what}: body leaks more than the error`);
}

// Calendar days as the server sees them: the date in China (UTC+8), YYYY-MM-DD.
const DAY_MS = 86_400_000;
export const todayInChina = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
export const addDays = (date, n) => new Date(Date.parse(date + 'T00:00:00Z') + n * DAY_MS).toISOString().slice(0, 10);
export const daysAgo = (n) => addDays(todayInChina(), -n);

export function uniq(prefix = '测试') {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

// GB 11643 check digit (ISO 7064 MOD 11-2).
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_MAP = '10X98765432';
export function idCheckDigit(first17) {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_MAP[s % 11];
}

function randomBirth() {
  const d = new Date(Date.UTC(1960, 0, 1) + randomInt(0, 40 * 365) * 86400000);
  return d.toISOString().slice(0, 10);
}

/** A valid 18-character resident ID number. birth: 'YYYY-MM-DD' (random when omitted). */
export function idNumber({ region = '500108', birth = randomBirth(), male = true } = {}) {
  let seq = randomInt(0, 500) * 2 + (male ? 1 : 0); // 17th digit odd → male
  seq = String(seq).padStart(3, '0');
  const first17 = region + birth.replaceAll('-', '') + seq;
  return first17 + idCheckDigit(first17);
}

/** The same number with a wrong check digit. */
export function badIdNumber(valid) {
  const good = valid[17];
  const bad = ID_MAP.split('').find((c) => c !== good && c !== 'X');
  return valid.slice(0, 17) + bad;
}

export function randomPhone() {
  return '138' + String(randomInt(0, 1e8)).padStart(8, '0');
}

// GB 32100 unified social credit code check character.
const CC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function creditCheckChar(first17) {
  let s = 0;
  for (let i = 0; i < 17; i++) s += CC_CHARS.indexOf(first17[i]) * CC_WEIGHTS[i];
  return CC_CHARS[(31 - (s % 31)) % 31];
}
export function creditCodeValid(code) {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && creditCheckChar(code.slice(0, 17)) === code[17];
}
export function randomCreditCode(region = '500108') {
  let body = '91' + region;
  for (let i = 0; i < 9; i++) body += CC_CHARS[randomInt(0, CC_CHARS.length)];
  return body + creditCheckChar(body);
}

/** Finds exactly one org by exact name through GET /orgs?q=. */
export async function findOrg(client, name, extra = '') {
  const res = await client.get(`/orgs?q=${encodeURIComponent(name)}&page_size=200${extra}`);
  assertStatus(res, 200, `GET /orgs?q=${name}`);
  const hits = res.body.items.filter((o) => o.name === name);
  assert.equal(hits.length, 1, `expected one org named ${name}, got ${JSON.stringify(res.body.items.map((o) => o.name))}`);
  return hits[0];
}

/** Reads every page of a list endpoint (up to maxPages). */
export async function listAll(client, p, maxPages = 50) {
  const sep = p.includes('?') ? '&' : '?';
  const items = [];
  let total = null;
  for (let page = 1; page <= maxPages; page++) {
    const res = await client.get(`${p}${sep}page=${page}&page_size=200`);
    assertStatus(res, 200, `GET ${p}`);
    total = res.body.total;
    items.push(...res.body.items);
    if (res.body.items.length < 200 || items.length >= total) break;
  }
  return { items, total };
}

/** total of a list, e.g. to check that a refused write left nothing behind. */
export async function count(client, p) {
  const sep = p.includes('?') ? '&' : '?';
  const res = await client.get(`${p}${sep}page_size=1`);
  assertStatus(res, 200, `GET ${p}`);
  assert.equal(typeof res.body.total, 'number', 'list has a numeric total');
  return res.body.total;
}

/**
 * Returns a function orgId → boolean telling whether the org is rootId or below it
 * on either axis, asked through GET /orgs/{id}/ancestors as `admin`. Memoised.
 */
export function subtreeChecker(admin, rootId) {
  const cache = new Map();
  return async (orgId) => {
    if (orgId === rootId) return true;
    if (cache.has(orgId)) return cache.get(orgId);
    let inside = false;
    for (const axis of ['territorial', 'industry']) {
      const res = await admin.get(`/orgs/${orgId}/ancestors?axis=${axis}`);
      assertStatus(res, 200, `admin GET /orgs/${orgId}/ancestors`);
      if (res.body.items.some((o) => o.id === rootId)) { inside = true; break; }
    }
    cache.set(orgId, inside);
    return inside;
  };
}

/** Registers an enterprise of the census under orgId as `client` and returns it. */
export async function createEnterprise(client, orgId, over = {}) {
  const res = await client.post('/enterprises', {
    org_id: orgId, name: uniq('重庆测试有限公司'), credit_code: randomCreditCode(), kind: 'above_scale_private',
    employees: 100, ...over,
  });
  assertStatus(res, 201, 'POST /enterprises');
  return res.body;
}

/** Creates a grassroots union under parentId as `client` and returns it. */
export async function createUnion(client, parentId, name = uniq('测试基层工会'), extra = {}) {
  const res = await client.post('/orgs', { name, kind: 'grassroots', parent_id: parentId, ...extra });
  assertStatus(res, 201, `POST /orgs ${name}`);
  assert.equal(res.body.name, name);
  return res.body;
}

export function activityBody(orgId, over = {}) {
  return {
    org_id: orgId,
    title: uniq('测试活动'),
    type: 'meeting',
    start_date: '2024-05-20',
    end_date: '2024-05-20',
    ...over,
  };
}

export function memberBody(orgId, over = {}) {
  return {
    org_id: orgId,
    name: uniq('测试会员'),
    id_number: idNumber(),
    phone: randomPhone(),
    employer: '重庆测试食品有限公司',
    join_date: '2020-01-01',
    ...over,
  };
}

// A valid w×h grey PNG, built here so the test needs no files.
export function png(w = 2, h = 2) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((w + 1) * h, 0x80);
  for (let y = 0; y < h; y++) rows[y * (w + 1)] = 0; // filter byte
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The rows of a CSV export (UTF-8 with a byte-order mark, quoted fields, CRLF). */
export function parseCsv(text) {
  assert.ok(text.startsWith('\uFEFF'), 'UTF-8 with a byte-order mark');
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r') { /* CRLF */ } else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else field += c;
  }
  return rows;
}
