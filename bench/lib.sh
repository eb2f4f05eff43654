# What the benchmarks share (sourced by bench/*.sh, from the repository root):
#   city_dataset       — $DIR/city.db, the `city` demo data set, built (and timed) when missing or
#                        made by an older demo (one without the programmes' 200,000 care records
#                        or without labour relations), then grown to Chongqing's size: CITY_GROW
#                        (default 8,000,000) more members imported from a generated CSV through
#                        the bulk import, every check, encryption and fingerprint included
#                        ($IMPORT_BIN, which prints its figures and those of bare inserts of the
#                        same rows; kept in $DIR/city-grow.txt);
#   serve_city LOG [DB] — serves it (or the database URL DB) with $BIN on a free port, waits until
#                        it answers (migrations run first), sets $port and $server and stops it on
#                        exit (stop_city: kill, then wait until it has closed the database);
#   pg_city NAME       — a throwaway PostgreSQL server in $DIR/pg-NAME ($pg_dir, $pg_url) filled
#                        with the same deterministic `city` demo and served like serve_city;
#                        stop_pg_city stops both.
# Uses BIN (default build/gonghui) and DIR (BENCH_DIR, default /tmp/gonghui-bench).
BIN=${BIN:-build/gonghui}
DIR=${BENCH_DIR:-/tmp/gonghui-bench}
CITY_DB="$DIR/city.db"
IMPORT_BIN=${IMPORT_BIN:-build/gonghui_bench_import}
CITY_GROW=${CITY_GROW:-8000000}
mkdir -p "$DIR"

city_dataset() {
  local care
  if [ -f "$CITY_DB" ]; then
    # A read that fails (the previous benchmark's server still closing the database holds it
    # for its last checkpoint) is not an old data set: wait for the lock, and stop rather than
    # delete a data set that could not be read.
    if ! care=$(sqlite3 -cmd '.timeout 60000' "$CITY_DB" \
      'SELECT COUNT(*) FROM activity WHERE campaign_id IS NOT NULL' 2>"$DIR/reuse-check.err"); then
      if grep -q 'no such' "$DIR/reuse-check.err"; then
        care=0  # no activity table or column: made by a much older demo
      else
        echo "cannot read $CITY_DB: $(cat "$DIR/reuse-check.err")" >&2
        return 1
      fi
    fi
    local labour
    labour=$(sqlite3 -cmd '.timeout 60000' "$CITY_DB" 'SELECT COUNT(*) FROM labour_contract' 2>/dev/null || echo 0)
    if [ "$care" -ge 200000 ] && [ "$labour" -gt 0 ]; then
      echo "reusing $CITY_DB ($(cat "$DIR/demo-time.txt" 2>/dev/null || echo 'demo time not recorded'))"
      city_grow
      return
    fi
    echo "$CITY_DB was made by an older demo: building it again"
    rm -f "$CITY_DB" "$CITY_DB"-wal "$CITY_DB"-shm "$CITY_DB".key
  fi
  local t0
  t0=$(date +%s.%N)
  "$BIN" demo --db "sqlite:$CITY_DB" --scale city
  printf 'demo --scale city: %.1f s\n' "$(echo "$(date +%s.%N) - $t0" | bc)" | tee "$DIR/demo-time.txt"
  city_grow
}

# The demo's members grown by CITY_GROW through the import (once: the import's figures are kept).
city_grow() {
  local have demo
  have=$(sqlite3 -cmd '.timeout 60000' "$CITY_DB" 'SELECT COUNT(*) FROM member')
  demo=$(sqlite3 -cmd '.timeout 60000' "$CITY_DB" "SELECT COUNT(*) FROM member WHERE id_number_masked NOT LIKE '510104%'")
  if [ "$have" -gt "$demo" ]; then
    echo "the city has $have members, $(( have - demo )) of them imported"
    grep -h '^\(import\|bare\|ratio\|phases\) ' "$DIR/city-grow.txt" 2>/dev/null || true
    return
  fi
  [ -x "$IMPORT_BIN" ] || { echo "bench: $IMPORT_BIN is missing; run make build first" >&2; return 1; }
  local csv="$DIR/members-city-$CITY_GROW.csv"
  echo "growing the city from $have members by $CITY_GROW through the import"
  "$IMPORT_BIN" --db "sqlite:$CITY_DB" --file "$csv" --generate "$CITY_GROW" | tee "$DIR/city-grow.txt"
  rm -f "$csv"
}

stop_city() {
  [ -n "${server:-}" ] || return 0
  kill "$server" 2>/dev/null || return 0
  wait "$server" 2>/dev/null || true
}

serve_city() {  # log file [database URL]
  port=$(( 30000 + RANDOM % 10000 ))
  local t0
  t0=$(date +%s.%N)
  "$BIN" serve --listen 127.0.0.1:$port --db "${2:-sqlite:$CITY_DB}" --web web/dist >"$1" 2>&1 &
  server=$!
  # Wait for it to finish closing the database, so the next benchmark finds it free.
  trap 'stop_city' EXIT
  for _ in $(seq 1800); do
    curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/auth/me" && break
    kill -0 "$server" 2>/dev/null || { cat "$1"; exit 1; }
    sleep 0.5
  done
  printf 'server answering after %.1f s\n' "$(echo "$(date +%s.%N) - $t0" | bc)"
}

pg_city() {  # name — a throwaway PostgreSQL server ($DIR/pg-NAME) with the city demo, served
  # PostgreSQL holds personal data only under a key given from outside (a fresh one here).
  GONGHUI_SECRET_KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
  export GONGHUI_SECRET_KEY
  pg_dir=$DIR/pg-$1
  scripts/pg.sh stop "$pg_dir"
  pg_url=$(scripts/pg.sh start "$pg_dir" $(( 40000 + RANDOM % 10000 )))
  trap 'stop_city; scripts/pg.sh stop "$pg_dir"' EXIT
  local t0
  t0=$(date +%s.%N)
  "$BIN" demo --db "$pg_url" --scale city >"$DIR/demo-pg.log"
  printf 'demo --scale city on PostgreSQL: %.1f s\n' "$(echo "$(date +%s.%N) - $t0" | bc)"
  psql "$pg_url" -qAt -c 'VACUUM ANALYZE' >/dev/null
  serve_city "$DIR/serve-$1-pg.log" "$pg_url"
  trap 'stop_city; scripts/pg.sh stop "$pg_dir"' EXIT
}

stop_pg_city() {
  stop_city
  scripts/pg.sh stop "$pg_dir"
  trap - EXIT
}
