#!/usr/bin/env bash
# bench/stats — GET /stats/childcare on the city data set, against plain SQL.
#
#   1. builds the `city` data set (2,000 childcare classes, 100,000 children among its members)
#      in SQLite, or reuses $BENCH_DIR/city.db when it already holds childcare classes; else a
#      fresh $BENCH_DIR/city-stats.db;
#   2. serves it with build/gonghui (this script builds nothing);
#   3. asks for the figures of the city (admin) and of 南岸区 (nanan) ROUNDS times each, one
#      request at a time (bench/stats.mjs), p50/p99;
#   4. computes the same figures with a plain GROUP BY over the raw tables (classes, enrolments,
#      grants joined with org_closure) in the sqlite3 CLI, timed, and prints both and the ratio.
# Goal (issue: statistics): under 20 ms per statistics request.
# Environment: BIN (default build/gonghui), BENCH_DIR (default /tmp/gonghui-bench), ROUNDS (200).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/gonghui}
DIR=${BENCH_DIR:-/tmp/gonghui-bench}
ROUNDS=${ROUNDS:-200}
GOAL_MS=20
mkdir -p "$DIR"
FILE="$DIR/city.db"
if [ ! -f "$FILE" ] || [ "$(sqlite3 "$FILE" 'SELECT COUNT(*) FROM childcare_class' 2>/dev/null || echo 0)" = 0 ]; then
  FILE="$DIR/city-stats.db"
fi
if [ ! -f "$FILE" ]; then
  t0=$(date +%s.%N)
  "$BIN" demo --db "sqlite:$FILE" --scale city
  printf 'demo --scale city: %.1f s\n' "$(echo "$(date +%s.%N) - $t0" | bc)"
fi
echo "data set: $FILE ($(sqlite3 "$FILE" 'SELECT COUNT(*) FROM childcare_class') classes," \
  "$(sqlite3 "$FILE" "SELECT COUNT(*) FROM childcare_enrolment WHERE status = 'enrolled'") enrolled)"

port=$(( 30000 + RANDOM % 10000 ))
"$BIN" serve --listen 127.0.0.1:$port --db "sqlite:$FILE" --web web/dist >"$DIR/serve-stats.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1800); do
  curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/auth/me" && break
  kill -0 "$server" 2>/dev/null || { cat "$DIR/serve-stats.log"; exit 1; }
  sleep 0.5
done

node bench/stats.mjs "http://127.0.0.1:$port" "$ROUNDS" "$GOAL_MS" "$DIR/stats-api.jsonl"

# The reference: the same figures straight from the raw rows, no counters.
while read -r line; do
  org=$(node -e 'console.log(JSON.parse(process.argv[1]).org_id)' "$line")
  api_p50=$(node -e 'console.log(JSON.parse(process.argv[1]).p50)' "$line")
  sub="SELECT descendant_id FROM org_closure WHERE ancestor_id = $org AND axis = 't'"
  sql="
SELECT 'grades', group_concat(grade || '=' || n, ' ') FROM (SELECT grade, COUNT(*) AS n FROM childcare_class WHERE org_id IN ($sub) GROUP BY grade);
SELECT 'children', COUNT(*), COUNT(DISTINCT e.member_id || '/' || e.child_name) FROM childcare_enrolment e JOIN childcare_class k ON k.id = e.class_id WHERE e.status = 'enrolled' AND k.org_id IN ($sub);
SELECT 'subsidy', COALESCE(SUM(g.amount_fen), 0) FROM childcare_grant g JOIN childcare_class k ON k.id = g.class_id WHERE k.org_id IN ($sub);"
  t0=$(date +%s%N)
  for _ in 1 2 3 4 5 6 7 8 9 10; do sqlite3 "$FILE" "$sql" >/dev/null; done
  sql_ms=$(echo "($(date +%s%N) - $t0) / 10000000" | bc -l)
  # CLI start-up included: time an empty run and subtract it.
  t0=$(date +%s%N)
  for _ in 1 2 3 4 5 6 7 8 9 10; do sqlite3 "$FILE" "SELECT 1" >/dev/null; done
  empty_ms=$(echo "($(date +%s%N) - $t0) / 10000000" | bc -l)
  net=$(echo "$sql_ms - $empty_ms" | bc -l)
  echo "SQL  org $org: $(sqlite3 "$FILE" "$sql" | tr '\n' ' ')"
  printf 'SQL  org %s: %.2f ms per GROUP BY run (sqlite3 CLI, start-up subtracted); API p50 %.2f ms; API/SQL %.2f\n' \
    "$org" "$net" "$api_p50" "$(echo "$api_p50 / ($net + 0.001)" | bc -l)"
done < "$DIR/stats-api.jsonl"
