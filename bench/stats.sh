#!/usr/bin/env bash
# bench/stats — the programme statistics on the city data set, against plain SQL.
#
#   1. builds the `city` data set (60,000 unions; 2,000 childcare classes with 100,000 children;
#      200,000 care records against 12 campaigns) in SQLite, or reuses the one the other benchmarks
#      made (bench/lib.sh);
#   2. serves it with build/gonghui (this script builds nothing);
#   3. asks GET /stats/childcare, GET /campaigns/{the largest campaign}/progress and
#      GET /stats/programmes?year=2024 for the city (admin) and for 南岸区 (nanan) ROUNDS times
#      each, one request at a time (bench/stats.mjs), p50/p99;
#   4. computes the childcare and campaign figures with a plain GROUP BY over the raw tables
#      (classes, enrolments, grants; work records with their items — each joined with
#      org_closure) in the sqlite3 CLI, timed, and prints both and the ratio.
# Goal (issue: programmes): under 20 ms per statistics request.
# Environment: BIN (default build/gonghui), BENCH_DIR (default /tmp/gonghui-bench), ROUNDS (200).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-200}
GOAL_MS=20
. bench/lib.sh
city_dataset
FILE=$CITY_DB
campaign=$(sqlite3 "$FILE" 'SELECT campaign_id FROM activity WHERE campaign_id IS NOT NULL GROUP BY campaign_id ORDER BY COUNT(*) DESC, campaign_id LIMIT 1')
echo "data set: $FILE ($(sqlite3 "$FILE" 'SELECT COUNT(*) FROM childcare_class') classes," \
  "$(sqlite3 "$FILE" "SELECT COUNT(*) FROM childcare_enrolment WHERE status = 'enrolled'") enrolled," \
  "$(sqlite3 "$FILE" 'SELECT COUNT(*) FROM activity WHERE campaign_id IS NOT NULL') care records in" \
  "$(sqlite3 "$FILE" 'SELECT COUNT(*) FROM campaign') campaigns; campaign $campaign has" \
  "$(sqlite3 "$FILE" "SELECT COUNT(*) FROM activity WHERE campaign_id = $campaign"))"
serve_city "$DIR/serve-stats.log"

node bench/stats.mjs "http://127.0.0.1:$port" "$ROUNDS" "$GOAL_MS" "$DIR/stats-api.jsonl" "$campaign"

# The reference: the same figures straight from the raw rows, no counters.
reference_sql() {  # endpoint org
  local sub="SELECT descendant_id FROM org_closure WHERE ancestor_id = $2 AND axis = 't'"
  case $1 in
    childcare) echo "
SELECT 'grades', group_concat(grade || '=' || n, ' ') FROM (SELECT grade, COUNT(*) AS n FROM childcare_class WHERE org_id IN ($sub) GROUP BY grade);
SELECT 'children', COUNT(*), COUNT(DISTINCT e.member_id || '/' || e.child_name) FROM childcare_enrolment e JOIN childcare_class k ON k.id = e.class_id WHERE e.status = 'enrolled' AND k.org_id IN ($sub);
SELECT 'subsidy', COALESCE(SUM(g.amount_fen), 0) FROM childcare_grant g JOIN childcare_class k ON k.id = g.class_id WHERE k.org_id IN ($sub);" ;;
    campaign)
      # Per child of the org (or the org itself for its own records), as the API's rows.
      local key="COALESCE((SELECT c.ancestor_id FROM org_closure c WHERE c.descendant_id = a.org_id AND c.axis = 't' AND c.ancestor_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $2 AND axis = 't' AND depth = 1)), a.org_id)"
      local recs="FROM activity a WHERE a.campaign_id = $campaign AND a.deleted_at IS NULL AND a.org_id IN ($sub)"
      echo "
SELECT 'total', COUNT(*), SUM(CASE WHEN a.beneficiaries_total > 0 THEN a.beneficiaries_total ELSE COALESCE(a.participants_count, 0) END), SUM(a.money_total_fen) $recs;
SELECT 'rows', COUNT(*), group_concat(k || ':' || b, ' ') FROM (SELECT $key AS k, SUM(CASE WHEN a.beneficiaries_total > 0 THEN a.beneficiaries_total ELSE COALESCE(a.participants_count, 0) END) AS b $recs GROUP BY 1 ORDER BY 2 DESC LIMIT 1);
SELECT 'items', COUNT(DISTINCT j.value) FROM activity a, json_each(a.detail, '\$.items') j WHERE a.campaign_id = $campaign AND a.deleted_at IS NULL AND a.org_id IN ($sub);
SELECT 'row items', COUNT(*) FROM (SELECT DISTINCT $key, j.value FROM activity a, json_each(a.detail, '\$.items') j WHERE a.campaign_id = $campaign AND a.deleted_at IS NULL AND a.org_id IN ($sub));" ;;
  esac
}
while read -r line; do
  endpoint=$(node -e 'console.log(JSON.parse(process.argv[1]).endpoint)' "$line")
  org=$(node -e 'console.log(JSON.parse(process.argv[1]).org_id)' "$line")
  api_p50=$(node -e 'console.log(JSON.parse(process.argv[1]).p50)' "$line")
  sql=$(reference_sql "$endpoint" "$org")
  [ -n "$sql" ] || continue
  t0=$(date +%s%N)
  for _ in 1 2 3 4 5; do sqlite3 "$FILE" "$sql" >/dev/null; done
  sql_ms=$(echo "($(date +%s%N) - $t0) / 5000000" | bc -l)
  # CLI start-up included: time an empty run and subtract it.
  t0=$(date +%s%N)
  for _ in 1 2 3 4 5; do sqlite3 "$FILE" "SELECT 1" >/dev/null; done
  empty_ms=$(echo "($(date +%s%N) - $t0) / 5000000" | bc -l)
  net=$(echo "$sql_ms - $empty_ms" | bc -l)
  echo "SQL  $endpoint org $org: $(sqlite3 "$FILE" "$sql" | tr '\n' ' ')"
  printf 'SQL  %s org %s: %.2f ms per GROUP BY run (sqlite3 CLI, start-up subtracted); API p50 %.2f ms; SQL/API %.1f×\n' \
    "$endpoint" "$org" "$net" "$api_p50" "$(echo "$net / ($api_p50 + 0.001)" | bc -l)"
done < "$DIR/stats-api.jsonl"
