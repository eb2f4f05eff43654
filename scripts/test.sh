#!/usr/bin/env bash
# Runs every test against the sanitizer build (build-asan/gonghui):
#   1. C++ unit tests (ctest)
#   2. format and lint checks (clang-format, clang-tidy; front end: vue-tsc, ESLint, Vitest)
#   3. HTTP integration suite on SQLite, then on a throwaway PostgreSQL cluster
#   4. the kill -9 crash test (SQLite)
#   5. Playwright end-to-end tests in Debian's Chromium
# Prints "N passed, N failed" at the end and exits non-zero if any step failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export GONGHUI_BIN=${GONGHUI_BIN:-build-asan/gonghui}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p tests/artifacts

passed=0 failed=0 failures=()
step() {
  local name=$1; shift
  echo
  echo "=== $name"
  local t0=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); echo "=== $name: ok ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1)); failures+=("$name"); echo "=== $name: FAILED ($((SECONDS - t0)) s)"
  fi
}

pg_dir=$(mktemp -d /tmp/gonghui-pg.XXXXXX)
cleanup() { scripts/pg.sh stop "$pg_dir"; }
trap cleanup EXIT

step "unit tests (ctest)" bash -c 'cd build-asan && ctest --output-on-failure -j2'
step "clang-format" scripts/lint.sh format
step "clang-tidy" scripts/lint.sh tidy
step "web: vue-tsc" bash -c 'cd web && npm run --silent typecheck'
step "web: eslint" bash -c 'cd web && npm run --silent lint'
step "web: vitest" bash -c 'cd web && npm run --silent test'
step "api on SQLite" node --test --test-concurrency=1 tests/api/
port=$(( 20000 + RANDOM % 20000 ))
if pg_url=$(scripts/pg.sh start "$pg_dir" "$port"); then
  step "api on PostgreSQL" env GONGHUI_TEST_PG="$pg_url" node --test --test-concurrency=1 tests/api/
else
  failed=$((failed + 1)); failures+=("PostgreSQL cluster start")
fi
step "crash (kill -9) on SQLite" node --test tests/crash/
step "e2e in Chromium" bash -c 'cd web && npm run --silent e2e'

echo
echo "steps: ${passed} passed, ${failed} failed"
[ ${#failures[@]} -gt 0 ] && printf 'failed: %s\n' "${failures[@]}"
[ "$failed" -eq 0 ]
