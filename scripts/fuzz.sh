#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ (built by make build-fuzz into build-fuzz/), each for
# SECONDS, and prints per target the executions, executions per second and corpus size.
#
# Each target starts from its seed corpus (the string literals of its parser's unit tests,
# written by build-fuzz/seed_corpus into build-fuzz/seeds/<target>) and the corpus earlier runs
# grew (build-fuzz/corpus/<target>, kept between runs). A finding stops that target; its input is
# saved as build-fuzz/findings/<target>-crash-… and the script fails at the end, naming it.
#
# Usage: scripts/fuzz.sh SECONDS [TARGET...]   (all targets by default)
#   FUZZ_RUNS=N   stop each target after N executions instead (SECONDS still bounds it)
#   FUZZ_BUILD=D  the targets' directory (default build-fuzz)
#   FUZZ_WORK=D   seeds, corpora, findings and logs (default: FUZZ_BUILD), so a long run can go on
#                 beside the short runs of make test
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}
shift
bindir=${FUZZ_BUILD:-build-fuzz}
out=${FUZZ_WORK:-$bindir}

# target → the unit tests whose literals seed it
declare -A seeds=(
  [json_body]="src/api/parse_test.cc"
  [list_params]="src/http/query_test.cc src/core/date_test.cc"
  [http_request]="src/http/query_test.cc src/http/http_test.cc"
  [static_file]="src/http/query_test.cc"
  [quantity]="src/core/quantity_test.cc"
  [money]="src/core/money_test.cc"
  [date]="src/core/date_test.cc"
  [idcard]="src/core/idcard_test.cc"
  [credit_code]="src/core/credit_code_test.cc"
  [search_query]="src/search/tokenize_test.cc src/search/search_test.cc src/search/highlight_test.cc"
  [upload_sniff]="src/photo/sniff_test.cc"
  [csv]="src/core/csv_test.cc"
  [xlsx_read]="src/core/xlsx_read_test.cc"
)
# target → the longest input worth trying: a little over the longest value the API lets through to
# that parser (fields of at most 200 characters, search words of at most 100, URL paths), so the
# time goes into inputs the parser can meet; json_body takes libFuzzer's default (4096).
declare -A max_len=(
  [list_params]=1024 [http_request]=2048 [static_file]=512 [quantity]=640 [money]=640 [date]=256
  [idcard]=128 [credit_code]=128 [search_query]=512 [upload_sniff]=64
)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(json_body list_params http_request static_file quantity money
  date idcard credit_code search_query upload_sniff csv xlsx_read)

failed=()
printf '%-14s %12s %10s %8s  %s\n' target executions "exec/s" corpus result
for t in "${targets[@]}"; do
  bin=$bindir/fuzz_$t
  [ -n "${seeds[$t]:-}" ] && [ -x "$bin" ] || { echo "fuzz: no target $t (make build-fuzz)" >&2; failed+=("$t"); continue; }
  rm -rf "$out/seeds/$t"
  mkdir -p "$out/seeds/$t" "$out/corpus/$t" "$out/findings"
  # shellcheck disable=SC2086  # the seed list is words
  "$bindir/seed_corpus" "$out/seeds/$t" ${seeds[$t]} >/dev/null
  log=$out/fuzz_$t.log
  "$bin" -max_total_time="$seconds" -runs="${FUZZ_RUNS:--1}" -print_final_stats=1 \
    -max_len="${max_len[$t]:-4096}" \
    -artifact_prefix="$out/findings/$t-" -close_fd_mask=1 \
    "$out/corpus/$t" "$out/seeds/$t" >"$log" 2>&1
  rc=$?
  execs=$(awk -F: '/stat::number_of_executed_units/ { print $NF + 0 }' "$log")
  speed=$(awk -F: '/stat::average_exec_per_sec/ { print $NF + 0 }' "$log")
  corpus=$(find "$out/corpus/$t" -type f | wc -l)
  if [ $rc -eq 0 ]; then
    result=ok
  else
    result="FINDING (exit $rc): $(grep -o "$out/findings/$t-[^ ]*" "$log" | tail -1) — see $log"
    failed+=("$t")
  fi
  printf '%-14s %12s %10s %8s  %s\n' "$t" "${execs:-?}" "${speed:-?}" "$corpus" "$result"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failing targets: ${failed[*]}" >&2
  exit 1
fi
