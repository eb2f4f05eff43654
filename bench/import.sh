#!/usr/bin/env bash
# bench/import — the bulk member import (every check, encryption and fingerprint) against bare
# inserts of the same rows in the same run (bench/import_bench.cc), on SQLite and PostgreSQL:
#   1. 1,000,000 members from CSV and from xlsx (written by LibreOffice from that CSV, the columns
#      as text) into a fresh `small` demo database;
#   2. all 8,000,000 of Chongqing's members into the `city` data set through the same path
#      (bench/lib.sh city_dataset, SQLite; CITY_GROW changes the number; and on PostgreSQL with
#      IMPORT_PG_CITY=1, which builds the PostgreSQL city first, ~8 min);
#   3. the export of 1,000,000 members to CSV and xlsx: time to the first byte and in all.
# Goals (issue 12): 8 million members from CSV in under 2 minutes on SQLite; at least a third of
# the bare rate; peak memory under 300 MB; an export's first byte within a second.
# Runs the Release binaries that `make build` builds. IMPORT_ROWS changes the 1,000,000.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
ROWS=${IMPORT_ROWS:-1000000}
export GONGHUI_SECRET_KEY=${GONGHUI_SECRET_KEY:-4f1c9a7e2b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8}
for b in "$BIN" "$IMPORT_BIN"; do
  [ -x "$b" ] || { echo "bench/import: $b is missing; run make build first" >&2; exit 1; }
done

SMALL="$DIR/import-small.db"
CSV="$DIR/members-$ROWS.csv"
XLSX="$DIR/members-$ROWS.xlsx"
WORK="$DIR/import-work.db"

# A fresh `small` demo (made once) copied for each run.
fresh_small() {
  if [ ! -f "$SMALL" ]; then
    "$BIN" demo --db "sqlite:$SMALL.part" --scale small >/dev/null
    mv "$SMALL.part" "$SMALL"
  fi
  rm -f "$WORK" "$WORK"-wal "$WORK"-shm
  cp "$SMALL" "$WORK"
}

echo "== 1. $ROWS members into a small demo database"
fresh_small
if [ ! -f "$CSV" ]; then
  echo "-- SQLite, CSV (generated first)"
  "$IMPORT_BIN" --db "sqlite:$WORK" --file "$CSV" --generate "$ROWS"
else
  echo "-- SQLite, CSV"
  "$IMPORT_BIN" --db "sqlite:$WORK" --file "$CSV"
fi
if [ ! -f "$XLSX" ]; then
  t0=$(date +%s.%N)
  profile=$(mktemp -d)
  HOME=$profile soffice --headless --infilter='CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2' \
    --convert-to xlsx --outdir "$DIR" "$CSV" >/dev/null
  rm -rf "$profile"
  printf 'LibreOffice wrote %s in %.0f s\n' "$XLSX" "$(echo "$(date +%s.%N) - $t0" | bc)"
fi
echo "-- SQLite, xlsx"
fresh_small
"$IMPORT_BIN" --db "sqlite:$WORK" --file "$XLSX" --bare-csv "$CSV"

pg_dir="$DIR/pg-import"
pg_port=$(( 40000 + RANDOM % 10000 ))
pg_base=$(scripts/pg.sh start "$pg_dir" "$pg_port" | tail -1)
trap 'scripts/pg.sh stop "$pg_dir" >/dev/null 2>&1 || true' EXIT
for file in "$CSV" "$XLSX"; do
  echo "-- PostgreSQL, ${file##*.}"
  dropdb -h 127.0.0.1 -p "$pg_port" -U postgres --if-exists import_bench
  createdb -h 127.0.0.1 -p "$pg_port" -U postgres import_bench
  "$BIN" demo --db "$pg_base/import_bench" --scale small >/dev/null
  "$IMPORT_BIN" --db "$pg_base/import_bench" --file "$file" --bare-csv "$CSV"
done
# Stopped here: serve_city (section 3) replaces the EXIT trap.
scripts/pg.sh stop "$pg_dir" >/dev/null
trap - EXIT

echo "== 2. the city grown by $CITY_GROW members (SQLite; bench/lib.sh city_dataset)"
city_dataset
if [ "${IMPORT_PG_CITY:-0}" = 1 ]; then
  echo "== 2b. the PostgreSQL city grown by $CITY_GROW members"
  pg_city import
  grow="$DIR/members-city-pg.csv"
  "$IMPORT_BIN" --db "$pg_url" --file "$grow" --generate "$CITY_GROW"
  rm -f "$grow"
  stop_pg_city
fi

echo "== 3. exports of $ROWS members (SQLite, the import's database)"
fresh_small
"$IMPORT_BIN" --db "sqlite:$WORK" --file "$CSV" >/dev/null
serve_city "$DIR/import-serve.log" "sqlite:$WORK"
node bench/export_members.mjs "http://127.0.0.1:$port" "$server"
