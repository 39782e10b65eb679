#!/usr/bin/env bash
# The benchmark: starts the platform as ./run.sh does (own databases bench_*, own RabbitMQ vhost, own ports), then
# measures in one run on this machine, side by side with the machine's raw PostgreSQL limit for the same rows:
#   1. saturation: registrations/s at fixed concurrency — raw Npgsql inserts, direct to the case service, through the gateway;
#   2. a sustained fixed-rate run at half the gateway's saturation rate (latency without coordinated omission), the
#      raw insert at the same rate, event lag commit → reporting projection, resident memory at start and end;
#   3. projection rebuild rate (when the reporting service offers POST /api/reports/rebuild);
#   4. report query times: the town-year and a generated year of 1,000,000 cases, against re-reading every case.
# Writes bench/results/<date>.md (and .json) and prints the table.
#   bench/run.sh [--no-build] [--quick]
# --quick (about 5 minutes, for daily use): one concurrency (8), 10 s steps, a 60 s sustained phase, a generated year of
# 100,000 cases; results as bench/results/<date>-quick.md/.json. The full run is the one the README quotes.
# Results also as JSON with named numbers (raw_per_s, gateway_per_s, p999_ms, cpu_ms_per_registration, …).
# Knobs (env): BENCH_SUSTAIN_SECONDS=600 BENCH_STEP_SECONDS=15 BENCH_CONCURRENCY="8 32" BENCH_BIG_YEAR_CASES=1000000
#              BENCH_PORT_BASE=5180 BENCH_SEED=20261125
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd -P)
BUILD=1 QUICK=0
for arg in "$@"; do
  case $arg in
    --no-build) BUILD=0 ;;
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
if [[ $QUICK == 1 ]]; then
  SUSTAIN=${BENCH_SUSTAIN_SECONDS:-60} STEP=${BENCH_STEP_SECONDS:-10} CONCURRENCY=${BENCH_CONCURRENCY:-"8"} BIG=${BENCH_BIG_YEAR_CASES:-100000}
else
  SUSTAIN=${BENCH_SUSTAIN_SECONDS:-600} STEP=${BENCH_STEP_SECONDS:-15} CONCURRENCY=${BENCH_CONCURRENCY:-"8 32"} BIG=${BENCH_BIG_YEAR_CASES:-1000000}
fi
SEED=${BENCH_SEED:-20261125}
BASE=${BENCH_PORT_BASE:-5180}
GATEWAY_PORT=$BASE CASES_PORT=$((BASE + 1)) MEDIATORS_PORT=$((BASE + 2)) REPORTING_PORT=$((BASE + 3))
CONFIGURATION=Release
DB_PREFIX=bench_
RABBIT_VHOST=bench
STAMP=$(date -u +%Y-%m-%d)$( (( QUICK )) && echo -quick || true)
WORK="$ROOT/.local/bench"
LOG_DIR="$WORK/logs"
OUT="$ROOT/bench/results"
rm -rf "$WORK"; mkdir -p "$WORK" "$LOG_DIR" "$OUT"
T0=$SECONDS
say() { printf '[bench %4ds] %s\n' $((SECONDS - T0)) "$*"; }

for port in "$GATEWAY_PORT" "$CASES_PORT" "$MEDIATORS_PORT" "$REPORTING_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "bench: port $port is in use; set BENCH_PORT_BASE" >&2; exit 1; fi
done

# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_infra
bench_platform cases mediators reporting identity raw same_cases same_mediators same_reporting
GW=$GATEWAY_URL
CASES_PID=${PIDS[0]} MEDIATORS_PID=${PIDS[1]} REPORTING_PID=${PIDS[2]} GATEWAY_PID=${PIDS[3]}

# the raw target: the case service's own schema (tables, indexes, constraints), empty, in its own database
psql_q -d postgres -c "CREATE DATABASE ${DB_PREFIX}raw"
pg_dump -s -d "${DB_PREFIX}cases" | psql_q -d "${DB_PREFIX}raw" >/dev/null
RAW_CONN="Host=$MP_PG_HOST;Port=$MP_PG_PORT;Database=${DB_PREFIX}raw;Username=$MP_PG_USER;Password=$MP_PG_PASSWORD"
common=(--seed "$SEED" --regions "$VILLAGES" --town muer --district yubei)
http=(--token-url "$GW/connect/token")

# warm-up: JIT, connection pools and queues of all four processes, not measured
say "warm-up through the gateway (20s, not measured)"
"${LOADGEN[@]}" http --mode closed --concurrency 8 --duration 20 --url "$GW" "${http[@]}" "${common[@]}" \
  --name "warm-up" --index-offset 800000000 >/dev/null
wait_idle warm-up

# The "same work" raw side (issue 26, item 3): one registration's own statements, captured from PostgreSQL's statement
# log while the platform handles it (and, for comparison, an idle window of the same length, whose pollers are taken
# out), then replayed by a bare Npgsql + RabbitMQ client (loadgen same) against copies of the services' databases.
PG_LOG="$MP_STATE_DIR/postgres/server.log"
log_mark() { stat -c %s "$PG_LOG"; }
log_slice() { python3 -c 'import sys; f = open(sys.argv[1], "rb"); f.seek(int(sys.argv[2])); sys.stdout.buffer.write(f.read(int(sys.argv[3]) - int(sys.argv[2])))' "$PG_LOG" "$1" "$2"; }
say "capturing one registration's statements for the same-work raw side"
psql_q -d postgres -c "ALTER SYSTEM SET log_statement = 'all'" -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] <%d> '" -c "SELECT pg_reload_conf()" >/dev/null
sleep 1
cap_token=$(curl -fsS -H 'X-Forwarded-Proto: https' "$GW/connect/token" -d grant_type=password -d username=admin --data-urlencode "password=$MP_SECRET_ADMIN_PASSWORD" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
idle_from=$(log_mark)
sleep 3
idle_to=$(log_mark)
reg_from=$(log_mark)
curl -fsS -o "$WORK/same-capture-response.json" -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer $cap_token" -H 'Content-Type: application/json' \
  "$GW/api/cases" --data-binary @- <<'JSON'
{"kind":"dispute","title":"基准测试纠纷（同工作量采集）","description":"双方因宅基地边界及排水沟走向发生争执，经村调解员初步了解，请求镇调委会组织调解。（基准测试样例数据）","category":"housing_homestead","regionCode":"muer-v01","source":"application","channel":"walk_in","riskLevel":"low","amountInvolved":12000,"parties":[{"role":"applicant","kind":"person","name":"王明","idNumber":"500101199001011234","phone":"13800000001","address":"木耳镇样例村1组"},{"role":"respondent","kind":"person","name":"李华","idNumber":"500101198502023456","phone":"13800000002","address":"木耳镇样例村1组"}]}
JSON
reg_answered=$(date +%s.%N); echo "$reg_answered" >"$WORK/same-answered-at.txt"
wait_idle same-work-capture
sleep 3
reg_to=$(log_mark)
psql_q -d postgres -c "ALTER SYSTEM RESET log_statement" -c "ALTER SYSTEM RESET log_line_prefix" -c "SELECT pg_reload_conf()" >/dev/null
log_slice "$idle_from" "$idle_to" >"$WORK/same-idle.log"
log_slice "$reg_from" "$reg_to" >"$WORK/same-registration.log"
python3 bench/same_work.py --registration "$WORK/same-registration.log" --idle "$WORK/same-idle.log" \
  --answered-at "$reg_answered" --response "$WORK/same-capture-response.json" \
  --db-prefix "$DB_PREFIX" --out "$WORK/same-work.json" | tee "$WORK/same-capture.txt"
# the replay's own databases: copies of the services' (schema, reference rows and what the warm-up wrote)
for db in cases mediators reporting; do
  psql_q -d postgres -c "CREATE DATABASE ${DB_PREFIX}same_$db"
  pg_dump -d "${DB_PREFIX}$db" | psql_q -d "${DB_PREFIX}same_$db" >/dev/null
done
SAME_CONN="Host=$MP_PG_HOST;Port=$MP_PG_PORT;Database=${DB_PREFIX}same_{db};Username=$MP_PG_USER;Password=$MP_PG_PASSWORD"
SAME_RABBIT="amqp://$MP_RABBIT_USER:$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$MP_RABBIT_PASSWORD")@127.0.0.1:$MP_RABBIT_PORT/$RABBIT_VHOST"
# the automatic assignment consumes one registration at a time (MediatorsService.cs), the other consumers 8 at a time
same=(--capture "$WORK/same-work.json" --conn "$SAME_CONN" --rabbit "$SAME_RABBIT" --one-at-a-time CaseRegisteredConsumer)
# a short check that the replay runs without an error before it is measured
"${LOADGEN[@]}" same --mode closed --concurrency 1 --duration 2 "${same[@]}" "${common[@]}" --name "same-trial" \
  --out "$WORK/same-trial.json" --index-offset 700000000
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(1 if r["errors"] or r["followOnErrors"] or not r["requests"] else 0)' "$WORK/same-trial.json" \
  || { echo "bench: the same-work replay failed its check (see above)" >&2; exit 1; }
if [[ ${BENCH_CAPTURE_ONLY:-0} == 1 ]]; then say "capture only (BENCH_CAPTURE_ONLY=1): $WORK/same-work.json"; exit 0; fi

# 1. saturation at fixed concurrency
for c in $CONCURRENCY; do
  say "saturation, concurrency $c: raw, direct, gateway (${STEP}s each)"
  wait_idle "before raw-c$c"
  "${LOADGEN[@]}" raw --mode closed --concurrency "$c" --duration "$STEP" --warmup 3 --conn "$RAW_CONN" "${common[@]}" \
    --name "raw-c$c" --out "$WORK/raw-c$c.json" --index-offset $((c * 10000000))
  wait_idle "before direct-c$c"
  "${LOADGEN[@]}" http --mode closed --concurrency "$c" --duration "$STEP" --warmup 3 --url "http://127.0.0.1:$CASES_PORT" "${http[@]}" \
    "${common[@]}" --name "direct-c$c" --out "$WORK/direct-c$c.json" --index-offset $((c * 10000000 + 1000000))
  wait_idle "before gateway-c$c"
  "${LOADGEN[@]}" http --mode closed --concurrency "$c" --duration "$STEP" --warmup 3 --url "$GW" "${http[@]}" \
    "${common[@]}" --name "gateway-c$c" --out "$WORK/gateway-c$c.json" --index-offset $((c * 10000000 + 2000000))
done
wait_idle "after saturation"
best=$(python3 - "$WORK" <<'EOF'
import json, glob, sys
runs = [json.load(open(p)) for p in glob.glob(sys.argv[1] + "/gateway-c*.json")]
print(max(r["rps"] for r in runs))
EOF
)
RATE=$(python3 -c "print(max(1, round($best / 2)))")

# 2. sustained fixed rate at half saturation, through the gateway
rss() { ps -o rss= -p "$1" | tr -d ' '; }
echo "{\"cases\":$(rss "$CASES_PID"),\"mediators\":$(rss "$MEDIATORS_PID"),\"reporting\":$(rss "$REPORTING_PID"),\"gateway\":$(rss "$GATEWAY_PID")}" >"$WORK/rss-start.json"
TICKS=$(getconf CLK_TCK)
cpu_all() { echo $(( $(cpu_of "$CASES_PID") + $(cpu_of "$MEDIATORS_PID") + $(cpu_of "$REPORTING_PID") + $(cpu_of "$GATEWAY_PID") )); }
CPU_FROM=$(cpu_all)
CPU_FROM_EACH=("$(cpu_of "$CASES_PID")" "$(cpu_of "$MEDIATORS_PID")" "$(cpu_of "$REPORTING_PID")" "$(cpu_of "$GATEWAY_PID")")
SUSTAIN_FROM=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
# the per-second series beside the load generator's (issue 26): CPU, GC, thread pool, PostgreSQL, queues, CPU pressure
RABBIT_USER=$MP_RABBIT_USER RABBIT_PASSWORD=$MP_RABBIT_PASSWORD python3 bench/sampler.py --out "$WORK/series.jsonl" \
  --pid "cases=$CASES_PID" --pid "mediators=$MEDIATORS_PID" --pid "reporting=$REPORTING_PID" --pid "gateway=$GATEWAY_PID" \
  --metrics "cases=http://127.0.0.1:$CASES_PORT/metrics" --metrics "mediators=http://127.0.0.1:$MEDIATORS_PORT/metrics" \
  --metrics "reporting=http://127.0.0.1:$REPORTING_PORT/metrics" --metrics "gateway=$GW/metrics" \
  --rabbit-api "http://127.0.0.1:$MP_RABBIT_MGMT_PORT" --vhost "$RABBIT_VHOST" &
SAMPLER_PID=$!
say "sustained: $RATE registrations/s (half of $best) through the gateway for ${SUSTAIN}s"
"${LOADGEN[@]}" http --mode open --rate "$RATE" --duration "$SUSTAIN" --url "$GW" "${http[@]}" "${common[@]}" \
  --name "gateway-fixed-rate" --out "$WORK/gateway-rate.json" --index-offset 900000000
kill -TERM "$SAMPLER_PID"; wait "$SAMPLER_PID" || true
echo "{\"cases\":$(rss "$CASES_PID"),\"mediators\":$(rss "$MEDIATORS_PID"),\"reporting\":$(rss "$REPORTING_PID"),\"gateway\":$(rss "$GATEWAY_PID")}" >"$WORK/rss-end.json"
wait_idle "after sustained"
# CPU of the four processes for the sustained phase and the processing of its events (until idle), per registration
echo "{\"cpuTicks\": $(( $(cpu_all) - CPU_FROM )), \"ticksPerSecond\": $TICKS, \"cases\": $(( $(cpu_of "$CASES_PID") - CPU_FROM_EACH[0] )), \"mediators\": $(( $(cpu_of "$MEDIATORS_PID") - CPU_FROM_EACH[1] )), \"reporting\": $(( $(cpu_of "$REPORTING_PID") - CPU_FROM_EACH[2] )), \"gateway\": $(( $(cpu_of "$GATEWAY_PID") - CPU_FROM_EACH[3] ))}" >"$WORK/cpu.json"
say "raw inserts at the same fixed rate (${STEP}s x 2)"
"${LOADGEN[@]}" raw --mode open --rate "$RATE" --duration $((STEP * 2)) --conn "$RAW_CONN" "${common[@]}" \
  --name "raw-fixed-rate" --out "$WORK/raw-rate.json" --index-offset 950000000
# the same work, replayed: after the platform's saturation and sustained runs, so that its write volume (autovacuum,
# checkpoints) falls on none of them and the sustained phase follows the saturation runs as before (run 9 put it
# between them: two minutes without requests, and the first seconds of the sustained phase were slow)
# rows in the replay's databases before and after its runs: every replayed registration must have its case, two parties,
# two timeline entries, its mediator-side row and its projection — the follow-on work done, not only the request part
same_rows() {
  echo "$(psql_q -d "${DB_PREFIX}same_cases" -F ' ' -c "SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM parties),
      (SELECT count(*) FROM timeline), (SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL)") \
    $(psql_q -d "${DB_PREFIX}same_mediators" -c "SELECT count(*) FROM cases") \
    $(psql_q -d "${DB_PREFIX}same_reporting" -c "SELECT count(*) FROM case_facts")"
}
wait_idle "before same-fixed-rate"
same_rows >"$WORK/same-rows-before.txt"
# 60 s (the raw insert's 30 s): its p99 was 25.6 ms in run 9 and 69.1 ms in run 10 over 30 s
say "the same work, replayed, at the same fixed rate (${STEP}s x 4)"
"${LOADGEN[@]}" same --mode open --rate "$RATE" --duration $((STEP * 4)) "${same[@]}" "${common[@]}" \
  --name "same-fixed-rate" --out "$WORK/same-rate.json" --index-offset 960000000
wait_idle "after same-fixed-rate"
for c in $CONCURRENCY; do
  say "saturation, concurrency $c: the same work, replayed (${STEP}s)"
  "${LOADGEN[@]}" same --mode closed --concurrency "$c" --duration "$STEP" --warmup 3 "${same[@]}" "${common[@]}" \
    --name "same-c$c" --out "$WORK/same-c$c.json" --index-offset $((c * 10000000 + 3000000))
  wait_idle "after same-c$c"
done
same_rows >"$WORK/same-rows-after.txt"

# event lag: the outbox row's commit time (case service) → the reporting inbox row written with the projection
say "event lag"
expected=$(psql_q -d "${DB_PREFIX}cases" -c "SELECT count(*) FROM outbox_messages WHERE message_type = 'CaseRegistered' AND created_at >= '$SUSTAIN_FROM'")
for _ in $(seq 1 240); do
  got=$(psql_q -d "${DB_PREFIX}reporting" -c "SELECT count(*) FROM inbox_messages WHERE consumer = 'CaseRegisteredProjection' AND received_at >= '$SUSTAIN_FROM'")
  [[ $got -ge $expected ]] && break
  sleep 0.5
done
psql_q -d "${DB_PREFIX}cases" -c "CREATE TABLE bench_lag_in (message_id uuid primary key, received_at timestamptz)"
psql_q -d "${DB_PREFIX}reporting" -c "\copy (SELECT message_id, received_at FROM inbox_messages WHERE consumer = 'CaseRegisteredProjection' AND received_at >= '$SUSTAIN_FROM') TO STDOUT" \
  | psql_q -d "${DB_PREFIX}cases" -c "\copy bench_lag_in FROM STDIN"
psql_q -d "${DB_PREFIX}cases" -F ' ' -c "
  SELECT count(*), coalesce(round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1), 0),
         coalesce(round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1), 0), coalesce(round(max(ms)::numeric, 1), 0), $expected
  FROM (SELECT extract(epoch FROM i.received_at - o.created_at) * 1000 AS ms
        FROM outbox_messages o JOIN bench_lag_in i ON i.message_id = o.id
        WHERE o.message_type = 'CaseRegistered' AND o.created_at >= '$SUSTAIN_FROM') x" >"$WORK/lag.txt"

# 3. projection rebuild rate
admin_token=$(curl -fsS -H 'X-Forwarded-Proto: https' "$GW/connect/token" -d grant_type=password -d username=admin --data-urlencode "password=$MP_SECRET_ADMIN_PASSWORD" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
# each process's CPU from the POST to "done" (bench/cpu_snapshot.py; report.py names where the rebuild's time went)
cpu_snapshot() { python3 bench/cpu_snapshot.py --pid "cases=$CASES_PID" --pid "mediators=$MEDIATORS_PID" --pid "reporting=$REPORTING_PID" --pid "gateway=$GATEWAY_PID"; }
cpu_snapshot >"$WORK/rebuild-cpu-before.json"
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$GW/api/reports/rebuild" -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer $admin_token")
if [[ $status == 202 ]]; then
  say "rebuilding the projections from the event log"
  for _ in $(seq 1 3000); do
    curl -fsS "$GW/api/reports/rebuild" -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer $admin_token" >"$WORK/rebuild.json" || true
    grep -q '"status":"\(done\|failed\)"' "$WORK/rebuild.json" && break
    sleep 0.2
  done
  cpu_snapshot >"$WORK/rebuild-cpu-after.json"
else
  say "no rebuild endpoint (HTTP $status): rebuild rate not measured"
  echo "{\"status\":\"not built (HTTP $status)\"}" >"$WORK/rebuild.json"
fi

# 4. report query times
YEAR=$(TZ=Asia/Shanghai date +%Y)
say "report queries: town-year $YEAR"
tok=(--token-url "$GW/connect/token")
"${LOADGEN[@]}" time --name "summary-town-year" --repeat 20 --get "$GW/api/reports/summary?year=$YEAR&regionCode=muer" "${tok[@]}" --out "$WORK/q-town.json"
REPORTING_CONN="Host=$MP_PG_HOST;Port=$MP_PG_PORT;Database=${DB_PREFIX}reporting;Username=$MP_PG_USER;Password=$MP_PG_PASSWORD"
# the summary endpoint's own counter read (FigureQuery): the statistics form's rows (metric Statistics, per month, category
# and column) are not among its figures — before run 25 this read took them too, 10-20 times the rows the figures need
counters_sql() { echo "SELECT region_code, metric, key, value FROM case_counters WHERE year = $1 AND metric <> 'Statistics' AND (region_code = 'muer' OR town_code = 'muer' OR district_code = 'muer')"; }
"${LOADGEN[@]}" time --name "counters-town-year" --repeat 20 --conn "$REPORTING_CONN" --sql "$(counters_sql "$YEAR")" --out "$WORK/c-town.json"
CASES_CONN="Host=$MP_PG_HOST;Port=$MP_PG_PORT;Database=${DB_PREFIX}cases;Username=$MP_PG_USER;Password=$MP_PG_PASSWORD"
"${LOADGEN[@]}" time --name "reread-town-year" --repeat 5 --conn "$CASES_CONN" \
  --sql "SELECT * FROM cases WHERE town_code = 'muer' AND received_at >= '$YEAR-01-01T00:00:00+08' AND received_at < '$((YEAR + 1))-01-01T00:00:00+08'" --out "$WORK/r-town.json"

BIG_YEAR=2019
say "generating a year of $BIG cases ($BIG_YEAR) in the case store and the reporting projection (seeded)"
psql_q -d "${DB_PREFIX}raw" -c "TRUNCATE cases, outbox_messages, case_number_counters CASCADE"
psql_q -d "${DB_PREFIX}raw" -c "SELECT setseed(0.42);
  INSERT INTO cases (id, number, kind, title, description, category, region_code, town_code, district_code, source, channel,
    risk_level, received_at, declared_party_count, party_count, amount_involved, status, last_occurred_at, escalation_prevented,
    extension_days, follow_ups, registered_by, created_at, updated_at, version)
  SELECT gen_random_uuid(), 'MUER-$BIG_YEAR-D-' || g, (g % 5 = 0)::int, '基准测试纠纷 #' || g, '生成的样例数据', g % 15,
    'muer-v' || lpad((g % 16 + 1)::text, 2, '0'), 'muer', 'yubei', 0, 0, (random() * 1.2)::int,
    timestamptz '$BIG_YEAR-01-01 00:00:00+08' + (random() * interval '365 days'), 2, 2, (random() * 100000)::int,
    (random() * 4)::int + 3, now(), false, 0, 0, 'bench', now(), now(), 2
  FROM generate_series(1, $BIG) g" >/dev/null
psql_q -d "${DB_PREFIX}raw" -c "ANALYZE cases"
RAW_BIG_CONN="$RAW_CONN"
"${LOADGEN[@]}" time --name "reread-big-year" --repeat 3 --conn "$RAW_BIG_CONN" \
  --sql "SELECT * FROM cases WHERE town_code = 'muer' AND received_at >= '$BIG_YEAR-01-01T00:00:00+08' AND received_at < '$((BIG_YEAR + 1))-01-01T00:00:00+08'" --out "$WORK/r-big.json"
# the same year as projection rows: 80 % of disputes resolved, 10 % unresolved; petitions accepted and mostly concluded
psql_q -d "${DB_PREFIX}reporting" >/dev/null <<SQL
SELECT setseed(0.42);
INSERT INTO case_facts (case_id, registered, kind, category, petition_type, source, channel, region_code, town_code,
  district_code, received_at, received_year, party_count, amount_involved, status, risk_level, version, resolved_at,
  unresolved_at, agreement_type, escalation_prevented, accepted_at, concluded_at, concluded_on_time, opinion,
  party_count_version, repeat_of)
SELECT gen_random_uuid(), true, k, CASE WHEN k = 0 THEN g % 15 ELSE 14 END, CASE WHEN k = 1 THEN g % 3 END, g % 6, g % 6,
  'muer-v' || lpad((g % 16 + 1)::text, 2, '0'), 'muer', 'yubei', r, $BIG_YEAR, 2, (g % 100000), 
  CASE WHEN k = 0 AND o < 0.8 THEN 3 WHEN k = 0 AND o < 0.9 THEN 4 WHEN k = 0 THEN 2 WHEN o < 0.9 THEN 9 ELSE 7 END,
  (g % 4), 3,
  CASE WHEN k = 0 AND o < 0.8 THEN r + interval '9 days' END, CASE WHEN k = 0 AND o >= 0.8 AND o < 0.9 THEN r + interval '20 days' END,
  CASE WHEN k = 0 AND o < 0.8 THEN (g % 2) END, k = 0 AND o < 0.1,
  CASE WHEN k = 1 THEN r + interval '3 days' END, CASE WHEN k = 1 AND o < 0.9 THEN r + interval '40 days' END,
  k = 1 AND o < 0.85, CASE WHEN k = 1 AND o < 0.9 THEN g % 3 END, 1, false
FROM (SELECT g, (g % 5 = 0)::int AS k, random() AS o,
             timestamptz '$BIG_YEAR-01-01 00:00:00+08' + (random() * interval '340 days') AS r
      FROM generate_series(1, $BIG) g) x;
ANALYZE case_facts;
SQL
# facts written around the projections: recount the figure counters from them (the service's own maintenance command)
say "recounting the figure counters from the generated facts (--recount-figures)"
ConnectionStrings__Reporting="$(_pg "${DB_PREFIX}reporting")" RabbitMq__Host="$MP_RABBIT_HOST" RabbitMq__Port="$MP_RABBIT_PORT" \
  RabbitMq__VirtualHost="$RABBIT_VHOST" RabbitMq__Username=reporting RabbitMq__Password="$MP_RABBIT_REPORTING_PASSWORD" \
  Transport__Mode=internal Logging__Format=text Auth__SigningKeyPath="$ROOT/.local/keys/signing-key.pub.pem" ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$ROOT/services/Reporting/bin/$CONFIGURATION/net10.0/MediationPlatform.Reporting.dll" --contentRoot "$ROOT/services/Reporting" \
  --recount-figures | tail -n 1
"${LOADGEN[@]}" time --name "counters-big-year" --repeat 20 --conn "$REPORTING_CONN" --sql "$(counters_sql "$BIG_YEAR")" --out "$WORK/c-big.json"
"${LOADGEN[@]}" time --name "summary-big-year" --repeat 5 --get "$GW/api/reports/summary?year=$BIG_YEAR&regionCode=muer" "${tok[@]}" --out "$WORK/q-big.json"

say "writing the results"
cores=$(nproc); mem=$(free -g | awk '/^Mem:/ {print $2}'); cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
pgv=$(psql_q -d postgres -c "SHOW server_version"); dn=$(dotnet --version)
python3 bench/report.py "$WORK" "$OUT/$STAMP.md" "$STAMP" "$cores" "$mem" "$cpu" "$pgv" "$dn" "$RATE" "$SUSTAIN" "$BIG"
cat "$OUT/$STAMP.md"
say "done in $((SECONDS - T0)) s"
