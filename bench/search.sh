#!/usr/bin/env bash
# bench/search — full-text search latency on the city data set.
#
#   1. builds the `city` data set (≈60,000 unions, 1,000,000 work records) in SQLite, timing it —
#      or reuses the one bench/api.sh made (same BENCH_DIR; a data set from a binary without
#      search gets its index from migration 5 when the server starts);
#   2. serves it with build/gonghui (Release; this script builds nothing);
#   3. signs in as `admin` (the whole city) and `nanan` (manager of 南岸区总工会) and runs ten
#      two-character queries (工会 职工 托管 骑手 慰问 培训 技能 劳模 安全 困难) ROUNDS times each,
#      one request at a time, first page of 20 (bench/search.mjs);
#   4. prints p50/p99 per query, per user and overall.
# Goal (issue: search): p99 < 50 ms for each user.
# Environment: BIN (default build/gonghui), BENCH_DIR (default /tmp/gonghui-bench), ROUNDS (50).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-50}
GOAL_MS=50
. bench/lib.sh
city_dataset
serve_city "$DIR/serve-search.log"

node bench/search.mjs "http://127.0.0.1:$port" "$ROUNDS" "$GOAL_MS" admin:市总工会 nanan:南岸区总工会
