// Security headers (issue 9): every response — JSON, downloads, the web UI's files, the
// single-page fallback and every kind of error — carries the same Content-Security-Policy,
// X-Frame-Options, Referrer-Policy, Permissions-Policy and nosniff, and the policy admits the
// one inline style sheet the server writes (the bulletin's HTML export, previewed in the UI).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { anonymous, login, startServer } from './harness.mjs';
import { assertStatus } from './util.mjs';

let srv, admin, editor;

before(async () => {
  srv = await startServer();
  mkdirSync(path.join(srv.webDir, 'assets'));
  writeFileSync(path.join(srv.webDir, 'index.html'), '<!doctype html><title>t</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(path.join(srv.webDir, 'assets', 'app.js'), 'console.log(1);\n');
  [admin, editor] = await Promise.all(['admin', 'editor'].map((u) => login(srv.url, u)));
});

after(async () => {
  await srv?.stop();
});

// Directive → its sources.
function directives(policy) {
  const out = new Map();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    assert.ok(!out.has(name), `directive ${name} given twice`);
    out.set(name, sources);
  }
  return out;
}

// The headers every response must carry, checked on one response.
function assertSecure(res, what) {
  const h = res.headers;
  const csp = h.get('content-security-policy');
  assert.ok(csp, `${what}: no Content-Security-Policy`);
  const d = directives(csp);
  assert.deepEqual(d.get('default-src'), ["'self'"], `${what}: default-src`);
  assert.deepEqual(d.get('script-src'), ["'self'"], `${what}: script-src (no inline script, no eval)`);
  assert.deepEqual(d.get('frame-ancestors'), ["'none'"], `${what}: frame-ancestors`);
  assert.deepEqual(d.get('object-src'), ["'none'"], `${what}: object-src`);
  for (const [name, sources] of d) {
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'http:', 'https:']) {
      assert.ok(!sources.includes(bad), `${what}: ${name} allows ${bad}`);
    }
  }
  assert.equal(h.get('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
  assert.equal(h.get('referrer-policy'), 'same-origin', `${what}: Referrer-Policy`);
  assert.equal(h.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.equal(h.get('cross-origin-opener-policy'), 'same-origin', `${what}: COOP`);
  const pp = h.get('permissions-policy') ?? '';
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
    assert.match(pp, new RegExp(`(^|, )${feature}=\\(\\)`), `${what}: Permissions-Policy allows ${feature}`);
  }
  return d;
}

describe('security headers', () => {
  it('on JSON answers, anonymous and signed in', async () => {
    const me = await anonymous(srv.url).get('/auth/me');
    assert.equal(me.status, 401);
    assertSecure(me, '401 /auth/me');
    const orgs = await admin.get('/orgs?per_page=1');
    assertStatus(orgs, 200, 'GET /orgs');
    assertSecure(orgs, '200 /orgs');
  });

  it('on errors: 400 before routing, 404, 405, 413, 422, 403 CSRF', async () => {
    const cases = [
      ['400 bad query string', await admin.raw('GET', '/orgs?a=%zz'), 400],
      ['404 unknown endpoint', await admin.get('/no-such-endpoint'), 404],
      ['405 wrong method', await admin.raw('PUT', '/auth/me'), 405],
      ['413 body too large', await admin.raw('POST', '/activities', { body: 'x'.repeat(2 * 1024 * 1024) }), 413],
      ['422 invalid field', await admin.post('/activities', {}), 422],
      ['403 missing CSRF token', await admin.raw('POST', '/activities', { body: {}, headers: { 'X-CSRF-Token': null } }), 403],
    ];
    for (const [what, res, status] of cases) {
      assert.equal(res.status, status, `${what}: ${res.text}`);
      assert.ok(res.body?.error?.code, `${what}: not the JSON error envelope: ${res.text}`);
      assertSecure(res, what);
    }
  });

  it('on the web UI: index, hashed asset, single-page fallback, missing file', async () => {
    // The client maps paths to /api/v1; the UI's files are fetched as they are.
    const web = { raw: async (method, p) => {
      const res = await fetch(`${srv.url}${p}`, { method, redirect: 'manual' });
      return { status: res.status, text: await res.text(), headers: res.headers };
    } };
    const index = await web.raw('GET', '/');
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type'), /text\/html/);
    assertSecure(index, 'GET /');
    const asset = await web.raw('GET', '/assets/app.js');
    assert.equal(asset.status, 200);
    assertSecure(asset, 'GET /assets/app.js');
    const route = await web.raw('GET', '/childcare/classes');
    assert.equal(route.status, 200);
    assert.equal(route.text, index.text, 'the fallback serves index.html');
    assertSecure(route, 'GET /childcare/classes (fallback)');
    const missing = await web.raw('GET', '/assets/missing.js');
    assert.equal(missing.status, 404);
    assertSecure(missing, 'GET /assets/missing.js');
  });

  it('on downloads, and the HTML export\'s inline style sheet is admitted by its hash', async () => {
    const created = await editor.post('/bulletins', { year: 2034, number: 1 + Math.floor(Math.random() * 900), date_from: '2034-03-01', date_to: '2034-03-07' });
    assertStatus(created, 201, 'POST /bulletins');
    const res = await editor.download(`/bulletins/${created.body.id}/export?format=html&version=draft`);
    assert.equal(res.status, 200);
    const d = assertSecure(res, 'HTML export');
    const html = res.bytes.toString('utf8');
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    assert.equal(styles.length, 1, 'one <style> element');
    const hash = `'sha256-${createHash('sha256').update(styles[0], 'utf8').digest('base64')}'`;
    assert.ok(d.get('style-src').includes(hash), `style-src ${d.get('style-src')} lacks ${hash}`);
    assert.doesNotMatch(html, /<script|\sstyle="/, 'no inline script and no style attributes');
    const pdf = await editor.download(`/bulletins/${created.body.id}/export?format=pdf&version=draft`);
    assert.equal(pdf.status, 200);
    assertSecure(pdf, 'PDF export');
  });
});
