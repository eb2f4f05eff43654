// scripts/check-deps.sh checked against doctored copies of scripts/packages.list: the real list
// passes; a copy missing a package the build or the tests need fails and names that package and
// a file that comes from it. Needs build-asan and build-fuzz (make build-asan build-fuzz).
//
// The scan of the build and the scripts is most of a run's time and does not depend on the list,
// so it happens once: in the check scripts/test.sh ran before, when it passes its --save directory
// as GONGHUI_CHECK_DEPS_SAVED, or else in the first run here; every other run reuses it.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const LIST = path.join(ROOT, 'scripts', 'packages.list');

function checkDeps(listFile, scan) {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'scripts', 'check-deps.sh'), ['--list', listFile, ...scan],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

// Runs the check on a copy of the list without `pkg`.
async function without(pkg) {
  const lines = readFileSync(LIST, 'utf8').split('\n');
  // Every line of the package goes: it may be listed for more than one purpose.
  const kept = lines.filter((l) => l.split(/\s+/)[0] !== pkg);
  assert.ok(kept.length < lines.length, `${pkg} is not in scripts/packages.list`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gonghui-check-deps-'));
  try {
    const file = path.join(dir, 'packages.list');
    writeFileSync(file, kept.join('\n'));
    return { ...(await checkDeps(file, ['--reuse', saved])), file };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let saved = process.env.GONGHUI_CHECK_DEPS_SAVED;
let scratch;
let real;
before(async () => {
  if (saved) {
    real = await checkDeps(LIST, ['--reuse', saved]);
  } else {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'gonghui-check-deps-scan-'));
    saved = path.join(scratch, 'scan');
    real = await checkDeps(LIST, ['--save', saved]);
  }
});
after(() => { if (scratch) rmSync(scratch, { recursive: true, force: true }); });

describe('scripts/check-deps.sh', { concurrency: 2 }, () => {
  it('passes with the real list', () => {
    const r = real;
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /check-deps: ok — every one of \d+ commands, \d+ headers, \d+ libraries/);
  });

  it('fails without libboost-dev, naming it and a Boost header SOCI reads', async () => {
    const r = await without('libboost-dev');
    assert.notEqual(r.code, 0, r.out);
    assert.match(r.out, /reads header \/usr\/include\/boost\/\S+ \(\d+ header\(s\) of package libboost1\.74-dev\)/);
    assert.match(r.out, /package libboost1\.74-dev is not in \S+packages\.list for build/);
  });

  it('fails without poppler-utils, naming pdftotext', async () => {
    const r = await without('poppler-utils');
    assert.notEqual(r.code, 0, r.out);
    assert.match(r.out, /runs \/usr\/bin\/pdftotext: package poppler-utils is not in \S+ for test/);
  });

  it('fails without postgresql, naming initdb and pg_ctl of the throwaway server', async () => {
    const r = await without('postgresql');
    assert.notEqual(r.code, 0, r.out);
    assert.match(r.out, /runs \/usr\/lib\/postgresql\/\d+\/bin\/initdb: package postgresql-\d+ is not/);
    assert.match(r.out, /runs \/usr\/lib\/postgresql\/\d+\/bin\/pg_ctl: package postgresql-\d+ is not/);
  });

  it('fails without clang, naming a header of clang\'s own that the fuzz targets read', async () => {
    const r = await without('clang');
    assert.notEqual(r.code, 0, r.out);
    assert.match(r.out, /build-fuzz\/\S+\.o\.d reads header \/usr\/lib\/llvm-\d+\/lib\/clang\/\S+ \(\d+ header\(s\) of package libclang-common-\d+-dev\)/);
    assert.match(r.out, /package libclang-common-\d+-dev is not in \S+ for fuzz/);
  });

  it('fails without a library the server loads (libsodium-dev pulls in libsodium23)', async () => {
    const r = await without('libsodium-dev');
    assert.notEqual(r.code, 0, r.out);
    assert.match(r.out, /loads library \/\S*libsodium\.so\.\d+: package libsodium23 is not in \S+ for build/);
  });
});
