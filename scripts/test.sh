#!/usr/bin/env bash
# Runs every test against the sanitizer build (build-asan/gonghui):
#   1. the dependency check (scripts/check-deps.sh: every header, library and command comes from
#      a package scripts/deps.sh installs) and the check's own test (tests/deps/)
#   2. C++ unit tests (ctest)
#   3. each fuzz target of build-fuzz for a few seconds (make fuzz runs them longer)
#   4. format and lint checks (clang-format, clang-tidy; front end: vue-tsc, ESLint, Vitest)
#   5. HTTP integration suite on SQLite, then on a throwaway PostgreSQL cluster
#   6. the kill -9 crash test (SQLite) and the command line
#   7. Playwright end-to-end tests in Debian's Chromium
# Prints the tests counted over all runners as "N passed, N failed" at the end and exits
# non-zero if any step failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export GONGHUI_BIN=${GONGHUI_BIN:-build-asan/gonghui}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p tests/artifacts

passed=0 failed=0 failures=()
tests_passed=0 tests_failed=0
# Adds the test counts a runner printed (ctest, node --test, vitest) to the totals.
count_tests() {
  local log=$1 p f
  read -r p f < <(awk '
    /tests passed, [0-9]+ tests? failed out of/ { for (i = 1; i <= NF; i++) if ($i == "of") total = $(i + 1);
                                                 for (i = 1; i <= NF; i++) if ($i == "failed") fl = $(i - 2);
                                                 p += total - fl; f += fl }
    /^# pass [0-9]+/ { p += $3 } /^# fail [0-9]+/ { f += $3 }
    /^ +Tests +[0-9]+ (passed|failed)/ { for (i = 2; i < NF; i++) { if ($(i + 1) ~ /^passed/) p += $i; if ($(i + 1) ~ /^failed/) f += $i } }
    END { print p + 0, f + 0 }' < <(sed 's/\x1b\[[0-9;]*m//g' "$log"))
  tests_passed=$((tests_passed + p)); tests_failed=$((tests_failed + f))
}
step() {
  local name=$1; shift
  echo
  echo "=== $name"
  local t0=$SECONDS log
  log=$(mktemp)
  if "$@" > >(tee "$log") 2>&1; then
    passed=$((passed + 1)); echo "=== $name: ok ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1)); failures+=("$name"); echo "=== $name: FAILED ($((SECONDS - t0)) s)"
  fi
  sleep 0.2  # let tee finish writing
  count_tests "$log"
  rm -f "$log"
}

pg_dir=$(mktemp -d /tmp/gonghui-pg.XXXXXX)
deps_scan=$(mktemp -d /tmp/gonghui-deps.XXXXXX)
cleanup() { scripts/pg.sh stop "$pg_dir"; rm -rf "$deps_scan"; }
trap cleanup EXIT

# The check's own test checks doctored lists against the scan the check saved.
step "dependency check" scripts/check-deps.sh --save "$deps_scan/scan"
step "dependency check: its own test" env GONGHUI_CHECK_DEPS_SAVED="$deps_scan/scan" \
  node --test --test-concurrency=2 tests/deps/
step "unit tests (ctest)" bash -c 'cd build-asan && ctest --output-on-failure -j2'
step "fuzz targets, 3 s each" scripts/fuzz.sh 3
step "clang-format" scripts/lint.sh format
step "clang-tidy" scripts/lint.sh tidy
step "web: vue-tsc" bash -c 'cd web && npm run --silent typecheck'
step "web: eslint" bash -c 'cd web && npm run --silent lint'
step "web: vitest" bash -c 'cd web && npm run --silent test'
# Two test files at a time, each with its own server and database (a copy of one demo template).
step "api on SQLite" node --test --test-concurrency=2 tests/api/
port=$(( 20000 + RANDOM % 20000 ))
if pg_url=$(scripts/pg.sh start "$pg_dir" "$port"); then
  step "api on PostgreSQL" env GONGHUI_TEST_PG="$pg_url" node --test --test-concurrency=2 tests/api/
else
  failed=$((failed + 1)); failures+=("PostgreSQL cluster start")
fi
step "crash (kill -9) on SQLite" node --test tests/crash/
step "cli" node --test tests/cli/
step "e2e in Chromium" bash -c 'cd web && npm run --silent e2e'

echo
echo "steps: ${passed} ok, ${failed} failing"
[ ${#failures[@]} -gt 0 ] && printf 'failing step: %s\n' "${failures[@]}"
echo "${tests_passed} passed, ${tests_failed} failed"
[ "$failed" -eq 0 ]
