#!/usr/bin/env bash
# Format and static checks for the C++ sources.
#   scripts/lint.sh format   clang-format --dry-run --Werror on src/, bench/ and fuzz/
#   scripts/lint.sh tidy     clang-tidy (checks in .clang-tidy) with build-asan's compile commands
#                            (src/ and bench/; fuzz/ is built by clang alone, with -Werror)
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files 'src/*.cc' 'src/*.h' 'bench/*.cc' 2>/dev/null)
case ${1:-all} in
  format) clang-format --dry-run --Werror "${files[@]}" $(git ls-files 'fuzz/*.cc' 'fuzz/*.h') ;;
  tidy)
    [ -f build-asan/compile_commands.json ] || { echo "lint: run make build-asan first" >&2; exit 1; }
    log=$(mktemp)
    rc=0
    printf '%s\n' "${files[@]}" | grep '\.cc$' | xargs -P 2 -n 4 clang-tidy -p build-asan --quiet \
      --warnings-as-errors='*' --extra-arg=-Wno-unknown-warning-option >"$log" 2>&1 || rc=$?
    grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated|^Suppressed|^Use -header-filter|^Use -system-headers' "$log" || true
    rm -f "$log"
    exit "$rc" ;;
  all) "$0" format && "$0" tidy ;;
esac
