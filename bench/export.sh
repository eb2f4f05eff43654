#!/usr/bin/env bash
# bench/export — a 20-page 一周动态 typeset by gonghui (cairo + pango) against LibreOffice converting
# the same issue's DOCX to PDF, in the same run. Runs the Release binary that `make build` builds;
# builds nothing itself. Goals (SPEC §3.2): the PDF in under 0.5 s and ≥ 10× faster than LibreOffice.
# Arguments go to the binary: --runs N (default 10), --lo-runs N (3), --keep DIR (keep the files).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/gonghui_bench_export}
if [ ! -x "$BIN" ]; then
  echo "bench/export: $BIN is missing; run make build first" >&2
  exit 1
fi
exec "$BIN" "$@"
