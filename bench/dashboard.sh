#!/usr/bin/env bash
# bench/dashboard — the whole dashboard (GET /dashboard: every area's figures, each read through
# the list its link opens) for the city (admin) and 南岸区 (nanan) at city scale, on SQLite and
# on PostgreSQL, against the same figures by plain GROUP BYs over the raw tables.
#
#   1. SQLite: the `city` data set of bench/lib.sh, built when missing; PostgreSQL: a throwaway
#      server (scripts/pg.sh) filled by the same deterministic demo;
#   2. bench/dashboard.mjs asks GET /dashboard ROUNDS times per user: p50/p99;
#   3. the work records of the year by type, the active members, the enterprises of the census
#      and the task items of the same subtree by plain GROUP BYs in the sqlite3 / psql CLI (start-up
#      subtracted); checks they equal the dashboard's and prints both times and the ratio.
# Goal (issue: task plans and the dashboard): the city's dashboard under 50 ms on both databases.
# Environment: BIN (default build/gonghui), BENCH_DIR (default /tmp/gonghui-bench), ROUNDS (20),
# BACKENDS (default "sqlite postgresql").
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-20}
BACKENDS=${BACKENDS:-sqlite postgresql}
GOAL_MS=50
. bench/lib.sh
out=$DIR/dashboard-api.jsonl
: >"$out"
year=$(TZ=Asia/Shanghai date +%Y)

# "key|value" lines of org $1's territorial subtree, as the lists behind the figures count them.
reference_sql() {
  local sub="SELECT descendant_id FROM org_closure WHERE ancestor_id = $1 AND axis = 't'"
  cat <<SQL
SELECT 'activities.' || a.type, COUNT(*) FROM activity a WHERE a.deleted_at IS NULL AND a.org_id IN ($sub) AND a.start_date >= '$year-01-01' AND a.start_date <= '$year-12-31' GROUP BY a.type ORDER BY 1;
SELECT 'members', COUNT(*) FROM member m WHERE m.status = 'active' AND m.org_id IN ($sub);
SELECT 'enterprises', COUNT(*) FROM enterprise e WHERE e.org_id IN ($sub);
SELECT 'tasks.items', COUNT(*) FROM task_item i WHERE i.org_id IN ($sub);
SQL
}

time_cli() {  # sql cli...
  local sql=$1 t0 full empty
  shift
  t0=$(date +%s%N)
  for _ in 1 2 3; do "$@" <<<"$sql" >/dev/null; done
  full=$(( $(date +%s%N) - t0 ))
  t0=$(date +%s%N)
  for _ in 1 2 3; do "$@" <<<"SELECT 1;" >/dev/null; done
  empty=$(( $(date +%s%N) - t0 ))
  echo "($full - $empty) / 3000000" | bc -l
}

compare() {  # backend cli...
  local backend=$1 line org p50 sql ms api want
  shift
  while read -r line; do
    [ "$(node -e 'console.log(JSON.parse(process.argv[1]).backend)' "$line")" = "$backend" ] || continue
    org=$(node -e 'console.log(JSON.parse(process.argv[1]).org_id)' "$line")
    p50=$(node -e 'console.log(JSON.parse(process.argv[1]).p50)' "$line")
    sql=$(reference_sql "$org")
    want=$("$@" <<<"$sql" | tr '\n' ' ')
    api=$(node -e '
      const l = JSON.parse(process.argv[1]);
      const keys = process.argv[2].trim().split(" ").map((kv) => kv.split("|")[0]);
      console.log(keys.map((k) => `${k}|${l.figures[k] ?? "missing"}`).join(" "));' "$line" "$want")
    if [ "$api" != "$(echo "$want" | sed 's/ $//')" ]; then
      echo "MISMATCH $backend org $org: API [$api] vs SQL [$want]" >&2
      mismatches=$((mismatches + 1))
    fi
    ms=$(time_cli "$sql" "$@")
    printf 'SQL  %-10s org %-5s GROUP BYs %.1f ms (CLI start-up subtracted) for 13 of the figures; dashboard p50 %.1f ms for all\n' \
      "$backend" "$org" "$ms" "$p50"
  done <"$out"
}

mismatches=0
for backend in $BACKENDS; do
  case $backend in
    sqlite)
      city_dataset
      serve_city "$DIR/serve-dashboard-sqlite.log"
      node bench/dashboard.mjs "http://127.0.0.1:$port" "$ROUNDS" "$GOAL_MS" "$out" sqlite "$year"
      stop_city
      compare sqlite sqlite3 -batch "$CITY_DB"
      ;;
    postgresql)
      pg_city dashboard
      node bench/dashboard.mjs "http://127.0.0.1:$port" "$ROUNDS" "$GOAL_MS" "$out" postgresql "$year"
      stop_city
      compare postgresql psql "$pg_url" -qAt -F'|'
      stop_pg_city
      ;;
    *) echo "dashboard.sh: unknown backend $backend (sqlite, postgresql)" >&2; exit 2 ;;
  esac
done
[ "$mismatches" -eq 0 ] || { echo "dashboard.sh: $mismatches figures differ from the GROUP BY" >&2; exit 1; }
