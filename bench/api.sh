#!/usr/bin/env bash
# bench/api — the work-record list under load, against nginx as the reference.
#
#   1. builds the `city` data set (≈60,000 unions, 1,000,000 work records) in SQLite, timing it;
#   2. serves it with build/gonghui, logs in as `nanan` (manager of 南岸区总工会);
#   3. runs wrk against GET /api/v1/activities (the district's first page of 20) and, in the same run,
#      against nginx serving a static JSON file of the same size;
#   4. prints req/s and p99 of both and their ratio.
# Goal (issue 2): at least half of nginx's req/s, p99 under 20 ms at 64 connections.
# Environment: BENCH_DIR (default /tmp/gonghui-bench; the data set is reused when present),
# DURATION (default 15s), CONNECTIONS (64), THREADS (2).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
. bench/lib.sh
city_dataset
serve_city "$DIR/serve.log"
nginx_prefix=$(mktemp -d)
cleanup() {
  stop_city
  [ -f "$nginx_prefix/nginx.pid" ] && kill "$(cat "$nginx_prefix/nginx.pid")" 2>/dev/null || true
  rm -rf "$nginx_prefix"
}
trap cleanup EXIT

login=$(curl -s -i -X POST -H 'Content-Type: application/json' \
  -d '{"username":"nanan","password":"gonghui-demo"}' "http://127.0.0.1:$port/api/v1/auth/login")
cookie=$(printf '%s' "$login" | grep -i '^set-cookie:' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/' | tr -d '\r')
url="http://127.0.0.1:$port/api/v1/activities?page=1&page_size=20"
curl -s -H "Cookie: $cookie" "$url" >"$nginx_prefix/activities.json"
size=$(stat -c %s "$nginx_prefix/activities.json")
total=$(grep -o '"total":[0-9]*' "$nginx_prefix/activities.json")
echo "page of 20 for 南岸区: $size bytes, $total"

nginx_port=$(( port + 1 ))
cat >"$nginx_prefix/nginx.conf" <<CONF
daemon on;
worker_processes 2;
pid $nginx_prefix/nginx.pid;
error_log $nginx_prefix/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/json json; }
  server {
    listen 127.0.0.1:$nginx_port;
    root $nginx_prefix;
    location / { }
  }
}
CONF
chmod 755 "$nginx_prefix"
nginx -c "$nginx_prefix/nginx.conf" -p "$nginx_prefix"

run_wrk() {  # name url [header]
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency ${3:+-H "$3"} "$2")
  local rps p99
  rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
  printf '%-28s %10s req/s   p99 %s\n' "$1" "$rps" "$p99" >&2
  echo "$rps"
}
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
ng=$(run_wrk "nginx (static, same size)" "http://127.0.0.1:$nginx_port/activities.json")
gh=$(run_wrk "gonghui GET /activities" "$url" "Cookie: $cookie")
printf 'ratio gonghui/nginx: %.2f (goal ≥ 0.50)\n' "$(echo "$gh / $ng" | bc -l)"
