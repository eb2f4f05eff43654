#!/usr/bin/env bash
# bench/members — the member list, its filters and its counts on the `city` data set at
# Chongqing's size (8,000,000 members, grown through the bulk import: bench/lib.sh).
#
#   1. builds or reuses the city data set (bench/lib.sh city_dataset);
#   2. serves it with build/gonghui (Release; this script builds nothing);
#   3. bench/members.mjs asks GET /members as admin (the city) and nanan (南岸区总工会): the first
#      page, status=left, tag=model_worker, one union of 南岸区, page 500 and two name searches,
#      ROUNDS times each, one request at a time: p50/p99 and the totals; the city's totals are
#      checked against COUNT(*) in the sqlite3 CLI.
# Goals (issues 2 and 12): every list and filter p99 < 20 ms (the list goal of issue 2), a name
# search p99 < 50 ms (the search goal), at 8 million members.
# Environment: BIN (default build/gonghui), BENCH_DIR (default /tmp/gonghui-bench), ROUNDS (50).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-50}
. bench/lib.sh
city_dataset
total=$(sqlite3 "$CITY_DB" 'SELECT COUNT(*) FROM member')
left=$(sqlite3 "$CITY_DB" "SELECT COUNT(*) FROM member WHERE status = 'left'")
org=$(sqlite3 "$CITY_DB" "SELECT m.org_id FROM member m JOIN org_closure c ON c.descendant_id = m.org_id
  AND c.axis = 't' JOIN org o ON o.id = c.ancestor_id AND o.name = '南岸区总工会'
  GROUP BY m.org_id ORDER BY COUNT(*) DESC LIMIT 1")
echo "data set: $CITY_DB ($total members, $left left; union $org of 南岸区 has" \
  "$(sqlite3 "$CITY_DB" "SELECT COUNT(*) FROM member WHERE org_id = $org"))"
serve_city "$DIR/serve-members.log"
node bench/members.mjs "http://127.0.0.1:$port" "$ROUNDS" 20 50 "$org" "$total" "$left"
