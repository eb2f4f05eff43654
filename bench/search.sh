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
BIN=${BIN:-build/gonghui}
DIR=${BENCH_DIR:-/tmp/gonghui-bench}
ROUNDS=${ROUNDS:-50}
GOAL_MS=50
mkdir -p "$DIR"
DB="sqlite:$DIR/city.db"

if [ ! -f "$DIR/city.db" ]; then
  t0=$(date +%s.%N)
  "$BIN" demo --db "$DB" --scale city
  t1=$(date +%s.%N)
  printf 'demo --scale city: %.1f s\n' "$(echo "$t1 - $t0" | bc)" | tee "$DIR/demo-time.txt"
else
  echo "reusing $DIR/city.db ($(cat "$DIR/demo-time.txt" 2>/dev/null || echo 'demo time not recorded'))"
fi

port=$(( 30000 + RANDOM % 10000 ))
t0=$(date +%s.%N)
"$BIN" serve --listen 127.0.0.1:$port --db "$DB" --web web/dist >"$DIR/serve-search.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
# Migrations run before the server listens (indexing an older data set takes a while).
for _ in $(seq 1800); do
  curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/auth/me" && break
  kill -0 "$server" 2>/dev/null || { cat "$DIR/serve-search.log"; exit 1; }
  sleep 0.5
done
printf 'server answering after %.1f s\n' "$(echo "$(date +%s.%N) - $t0" | bc)"

node bench/search.mjs "http://127.0.0.1:$port" "$ROUNDS" "$GOAL_MS" admin:市总工会 nanan:南岸区总工会
