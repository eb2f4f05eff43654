// /api/v1/openapi.json describes every endpoint of docs/api.md.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, anonymous, login, startServer } from './harness.mjs';
import { assertStatus } from './util.mjs';

let srv;
let doc;
let res;

const METHOD = '(?:GET|POST|PATCH|PUT|DELETE)';

/** [method, path] pairs named in docs/api.md, e.g. `GET|PATCH /members/{id}`. */
function endpointsOfContract() {
  const md = readFileSync(path.join(REPO_ROOT, 'docs', 'api.md'), 'utf8');
  const re = new RegExp(`\`(${METHOD}(?:\\|${METHOD})*) (/[^\`\\s?]*)`, 'g');
  const out = new Map();
  for (const m of md.matchAll(re)) {
    const p = normalise(m[2]);
    if (p === '/openapi.json') continue; // the document itself
    for (const method of m[1].split('|')) out.set(`${method} ${p}`, [method, p]);
  }
  return [...out.values()];
}

// "/api/v1/orgs/{org_id}" → "/orgs/{}".
function normalise(p) {
  return p.replace(/^\/api\/v1(?=\/)/, '').replace(/\{[^}]*\}/g, '{}').replace(/\/+$/, '');
}

before(async () => {
  srv = await startServer();
  const admin = await login(srv.url, 'admin');
  res = await admin.get('/openapi.json');
  doc = res.body;
});

after(async () => {
  await srv?.stop();
});

describe('openapi.json', () => {
  it('is served as JSON', () => {
    assertStatus(res, 200, 'GET /api/v1/openapi.json');
    assert.match(res.headers.get('content-type') || '', /application\/(vnd\.oai\.openapi\+)?json/);
    assert.ok(doc && typeof doc === 'object' && !Array.isArray(doc), 'parses as a JSON object');
  });

  it('is OpenAPI 3.x with info and paths', () => {
    assert.match(String(doc.openapi), /^3\.\d+\.\d+$/);
    assert.equal(typeof doc.info?.title, 'string');
    assert.equal(typeof doc.info?.version, 'string');
    assert.ok(doc.paths && typeof doc.paths === 'object');
    assert.ok(Object.keys(doc.paths).length >= 20, `${Object.keys(doc.paths).length} paths`);
  });

  it('the contract parser finds the endpoints of docs/api.md (control)', () => {
    const eps = endpointsOfContract();
    assert.ok(eps.length >= 30, `only ${eps.length} endpoints parsed`);
    const keys = eps.map(([m, p]) => `${m} ${p}`);
    for (const k of ['POST /auth/login', 'PUT /enterprises/{}/flags/{}', 'GET /members/{}/transfers', 'DELETE /activities/{}', 'PATCH /users/{}']) {
      assert.ok(keys.includes(k), `${k} parsed`);
    }
  });

  it('has a path entry and an operation for every endpoint in docs/api.md', () => {
    const paths = new Map(Object.entries(doc.paths).map(([p, item]) => [normalise(p), item]));
    const missing = [];
    for (const [method, p] of endpointsOfContract()) {
      const item = paths.get(p);
      if (!item) { missing.push(`${method} ${p} (no path)`); continue; }
      if (!item[method.toLowerCase()]) missing.push(`${method} ${p} (no ${method.toLowerCase()} operation)`);
    }
    assert.deepEqual(missing, [], `missing from openapi.json:\n${missing.join('\n')}`);
  });

  it('every operation has responses and declares its path parameters', () => {
    const problems = [];
    for (const [p, item] of Object.entries(doc.paths)) {
      const names = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const op = item[method];
        if (!op) continue;
        if (!op.responses || Object.keys(op.responses).length === 0) problems.push(`${method} ${p}: no responses`);
        const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((x) => resolve(x));
        for (const n of names) {
          if (!params.some((x) => x && x.in === 'path' && x.name === n && x.required === true)) {
            problems.push(`${method} ${p}: path parameter ${n} not declared as required`);
          }
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('every $ref resolves', () => {
    const bad = [];
    const walk = (node) => {
      if (Array.isArray(node)) { node.forEach(walk); return; }
      if (!node || typeof node !== 'object') return;
      if (typeof node.$ref === 'string' && resolve(node) === undefined) bad.push(node.$ref);
      for (const v of Object.values(node)) walk(v);
    };
    walk(doc);
    assert.deepEqual(bad, []);
  });
});

describe('openapi.json access', () => {
  it('without a session it is 200 or 401, never a crash', async () => {
    const r = await anonymous(srv.url).get('/openapi.json');
    assert.ok([200, 401].includes(r.status), `got ${r.status}`);
    assert.ok(r.body, 'JSON either way');
  });
});

function resolve(node) {
  if (!node || typeof node.$ref !== 'string') return node;
  if (!node.$ref.startsWith('#/')) return node; // external refs are not followed
  let cur = doc;
  for (const raw of node.$ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object' || !(key in cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}
