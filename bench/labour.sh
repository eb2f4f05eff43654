#!/usr/bin/env bash
# bench/labour — the rates of labour relations at city scale, on SQLite and on PostgreSQL,
# against a plain GROUP BY over the raw tables.
#
#   1. SQLite: the `city` data set of bench/lib.sh (120,000 enterprises of the census, their
#      unions, members, yearly flags and contracts), built when missing;
#      PostgreSQL: a throwaway server (scripts/pg.sh, on a free loopback port) filled by the same
#      deterministic demo, timed;
#   2. serves each with build/gonghui; bench/labour.mjs asks GET /labour/rates (every kind and the
#      bulletin's 国有企业、事业单位及规上非公企业) and GET /labour/rate-breakdown for the city
#      (admin) and 南岸区 (nanan) ROUNDS times each, one at a time: p50/p99 and the figures;
#   3. computes the six figures of the city and of 南岸区 with a plain GROUP BY over the raw
#      tables (enterprise, member, enterprise_flag, labour_contract and the enterprises it covers,
#      each restricted by org_closure), in the sqlite3 / psql CLI with its start-up subtracted;
#      checks that they equal the API's and prints the time of both and the ratio.
# Goal (issue: labour relations): under 20 ms per request on both databases, and at least 10×
# faster than the GROUP BY for the city.
# Environment: BIN (default build/gonghui), BENCH_DIR (default /tmp/gonghui-bench), ROUNDS (100),
# BACKENDS (default "sqlite postgresql").
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-100}
BACKENDS=${BACKENDS:-sqlite postgresql}
GOAL_MS=20
. bench/lib.sh
out=$DIR/labour-api.jsonl
: >"$out"
today=$(TZ=Asia/Shanghai date +%F)
year=${today:0:4}

# The six figures of org $1's territorial subtree, one "key|numerator|denominator" line each, as
# GET /labour/rates defines them (labour/rates.cc), straight from the rows.
reference_sql() {
  local sub="SELECT descendant_id FROM org_closure WHERE ancestor_id = $1 AND axis = 't'"
  local units="FROM enterprise e WHERE e.org_id IN ($sub) AND e.union_org_id IS NOT NULL"
  local in_force="(c.state = 'signed' OR (c.state = 'filed' AND (c.effective_on > '$today' OR c.term_to >= '$today')) OR (c.state IN ('effective', 'published') AND c.term_to >= '$today'))"
  cat <<SQL
SELECT 'union_founding', COALESCE(SUM(CASE WHEN e.union_org_id IS NOT NULL THEN 1 ELSE 0 END), 0), COUNT(*) FROM enterprise e WHERE e.org_id IN ($sub) AND e.employees >= 25;
SELECT 'membership', COALESCE(SUM(m.n), 0), COALESCE(SUM(e.employees), 0) FROM enterprise e LEFT JOIN (SELECT org_id, COUNT(*) AS n FROM member WHERE status = 'active' GROUP BY org_id) m ON m.org_id = e.union_org_id WHERE e.org_id IN ($sub) AND e.union_org_id IS NOT NULL;
SELECT 'factory_affairs', COALESCE(SUM(CASE WHEN f.factory_affairs_open = 1 THEN 1 ELSE 0 END), 0), COUNT(*) FROM enterprise e LEFT JOIN enterprise_flag f ON f.enterprise_id = e.id AND f.year = $year WHERE e.org_id IN ($sub) AND e.union_org_id IS NOT NULL;
SELECT 'workers_congress', COALESCE(SUM(CASE WHEN f.workers_congress = 1 THEN 1 ELSE 0 END), 0), COUNT(*) FROM enterprise e LEFT JOIN enterprise_flag f ON f.enterprise_id = e.id AND f.year = $year WHERE e.org_id IN ($sub) AND e.union_org_id IS NOT NULL;
SELECT 'contract_signing', COALESCE(SUM(CASE WHEN e.id IN (SELECT c.employer_enterprise_id FROM labour_contract c WHERE c.employer_enterprise_id IS NOT NULL AND $in_force UNION SELECT ce.enterprise_id FROM labour_contract_enterprise ce JOIN labour_contract c ON c.id = ce.contract_id WHERE $in_force) THEN 1 ELSE 0 END), 0), COUNT(*) $units;
SELECT 'renewal', COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM labour_contract n WHERE n.predecessor_id = c.id AND n.state IN ('signed', 'filed', 'effective', 'published', 'expired')) THEN 1 ELSE 0 END), 0), COUNT(*) FROM labour_contract c WHERE c.org_id IN ($sub) AND c.effective_on <> '' AND c.term_to >= '$year-01-01' AND c.term_to <= '$year-12-31' AND c.term_to < '$today';
SQL
}

# Milliseconds per run of "$@" with SQL on stdin, over 5 runs, minus an empty query's.
time_cli() {  # sql cli...
  local sql=$1 t0 full empty
  shift
  t0=$(date +%s%N)
  for _ in 1 2 3 4 5; do "$@" <<<"$sql" >/dev/null; done
  full=$(( $(date +%s%N) - t0 ))
  t0=$(date +%s%N)
  for _ in 1 2 3 4 5; do "$@" <<<"SELECT 1;" >/dev/null; done
  empty=$(( $(date +%s%N) - t0 ))
  echo "($full - $empty) / 5000000" | bc -l
}

compare() {  # backend cli...
  local backend=$1 line user org api_p50 api_figures sql sql_figures ms
  shift
  while read -r line; do
    [ "$(node -e 'const l = JSON.parse(process.argv[1]); console.log(l.backend + " " + l.request)' "$line")" = "$backend rates" ] || continue
    user=$(node -e 'console.log(JSON.parse(process.argv[1]).user)' "$line")
    org=$(node -e 'console.log(JSON.parse(process.argv[1]).org_id)' "$line")
    api_p50=$(node -e 'console.log(JSON.parse(process.argv[1]).p50)' "$line")
    api_figures=$(node -e 'console.log(JSON.parse(process.argv[1]).figures)' "$line")
    sql=$(reference_sql "$org")
    sql_figures=$("$@" <<<"$sql" | awk -F'|' '{ printf "%s%s %s/%s", (NR > 1 ? " " : ""), $1, $2, $3 }')
    if [ "$sql_figures" != "$api_figures" ]; then
      echo "MISMATCH $backend $user org $org: API [$api_figures] vs SQL [$sql_figures]" >&2
      mismatches=$((mismatches + 1))
    fi
    ms=$(time_cli "$sql" "$@")
    printf 'SQL  %-10s rates       %-5s GROUP BY %.2f ms (CLI start-up subtracted); API p50 %.2f ms; GROUP BY/API %.1f×; figures %s\n' \
      "$backend" "$user" "$ms" "$api_p50" "$(echo "$ms / ($api_p50 + 0.001)" | bc -l)" \
      "$([ "$sql_figures" = "$api_figures" ] && echo equal || echo DIFFER)"
  done <"$out"
}

mismatches=0
for backend in $BACKENDS; do
  case $backend in
    sqlite)
      city_dataset
      echo "data set: $CITY_DB ($(sqlite3 "$CITY_DB" 'SELECT COUNT(*) FROM enterprise') enterprises," \
        "$(sqlite3 "$CITY_DB" 'SELECT COUNT(*) FROM labour_contract') contracts)"
      serve_city "$DIR/serve-labour-sqlite.log"
      node bench/labour.mjs "http://127.0.0.1:$port" "$ROUNDS" "$GOAL_MS" "$out" sqlite
      stop_city
      compare sqlite sqlite3 -batch "$CITY_DB"
      ;;
    postgresql)
      pg_city labour
      node bench/labour.mjs "http://127.0.0.1:$port" "$ROUNDS" "$GOAL_MS" "$out" postgresql
      stop_city
      compare postgresql psql "$pg_url" -qAt -F'|'
      stop_pg_city
      ;;
    *) echo "labour.sh: unknown backend $backend (sqlite, postgresql)" >&2; exit 2 ;;
  esac
done
[ "$mismatches" -eq 0 ] || { echo "labour.sh: $mismatches figures differ from the GROUP BY" >&2; exit 1; }
