#!/usr/bin/env bash
# Ledger import benchmark (ADR 0014): a 10,000-row ledger (xlsx) imported into 木耳镇 through the gateway, timed from
# the upload to the job's "done", printed as rows/s. Not a test: the number depends on the machine.
#   bench/import.sh [--no-build] [--rows N] [--url http://127.0.0.1:5080]
# Without --url it starts its own platform as bench/run.sh does (own databases importbench_*, own RabbitMQ vhost,
# ports from BENCH_PORT_BASE=5190), seeds the demo town and stops everything afterwards; with --url it uses a running
# platform whose directory has the town (./run.sh --seed-demo) and the admin's password (BENCH_ADMIN_PASSWORD).
# PostgreSQL and RabbitMQ: the MP_PG_* / MP_RABBIT_* variables when set (e.g. `source "$(deploy/infra.sh env)"` of a
# running checkout), else deploy/infra.sh up. Afterwards it waits until the case service's outbox has sent every event of
# the import and reports that time too.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd -P)
BUILD=1 ROWS=10000 URL=""
while (($#)); do
  case $1 in
    --no-build) BUILD=0 ;;
    --rows) ROWS=$2; shift ;;
    --url) URL=$2; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
CONFIGURATION=Release
T0=$SECONDS
say() { printf '[import-bench %4ds] %s\n' $((SECONDS - T0)) "$*"; }
if [[ $BUILD == 1 ]]; then
  say "building (Release)"
  dotnet build "$ROOT/MediationPlatform.sln" -c "$CONFIGURATION" -v q -nologo >/dev/null
fi
BENCH=(dotnet "$ROOT/bench/ImportBench/bin/$CONFIGURATION/net10.0/importbench.dll")

if [[ -n $URL ]]; then
  "${BENCH[@]}" --url "$URL" --rows "$ROWS" --password "${BENCH_ADMIN_PASSWORD:-${MP_SECRET_ADMIN_PASSWORD:-$(cat .local/secrets/admin-password)}}"
  exit $?
fi

BASE=${BENCH_PORT_BASE:-5190}
GATEWAY_PORT=$BASE CASES_PORT=$((BASE + 1)) MEDIATORS_PORT=$((BASE + 2)) REPORTING_PORT=$((BASE + 3))
DB_PREFIX=importbench_
RABBIT_VHOST=importbench
WORK="$ROOT/.local/import-bench"
LOG_DIR="$WORK/logs"
rm -rf "$WORK"; mkdir -p "$LOG_DIR"
for port in "$GATEWAY_PORT" "$CASES_PORT" "$MEDIATORS_PORT" "$REPORTING_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "import-bench: port $port is in use; set BENCH_PORT_BASE" >&2; exit 1; fi
done
INFRA_STARTED=0
if [[ -z ${MP_PG_PORT:-} ]]; then
  deploy/infra.sh status >/dev/null 2>&1 || INFRA_STARTED=1
  deploy/infra.sh up >/dev/null
  # shellcheck disable=SC1090
  source "$(deploy/infra.sh env)"
fi
# shellcheck source=deploy/lib.sh
source deploy/lib.sh
ensure_signing_key "$ROOT/.local/keys"
export PGHOST=$MP_PG_HOST PGPORT=$MP_PG_PORT PGUSER=$MP_PG_USER PGPASSWORD=$MP_PG_PASSWORD PGOPTIONS='-c client_min_messages=warning'
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
for db in cases mediators reporting identity; do psql_q -d postgres -c "DROP DATABASE IF EXISTS ${DB_PREFIX}$db WITH (FORCE)"; done
fresh_vhost "$RABBIT_VHOST"

PIDS=()
cleanup() {
  trap - INT TERM EXIT
  stop_platform
  $MP_RABBITMQCTL delete_vhost "$RABBIT_VHOST" >/dev/null 2>&1 || true
  for db in cases mediators reporting identity; do psql_q -d postgres -c "DROP DATABASE IF EXISTS ${DB_PREFIX}$db WITH (FORCE)" >/dev/null 2>&1 || true; done
  if [[ $INFRA_STARTED == 1 ]]; then deploy/infra.sh down >/dev/null 2>&1 || true; fi
}
trap cleanup INT TERM EXIT

export RateLimits__PerUserPerSecond=1000000 RateLimits__PerUserBurst=1000000 # one admin token polls the job
say "starting the platform on ports $GATEWAY_PORT-$REPORTING_PORT"
GATEWAY_TRANSPORT=proxy   # plain HTTP on loopback as behind a TLS-terminating proxy (requests say X-Forwarded-Proto: https)
start_platform
wait_platform
GW=$GATEWAY_URL
MP_GATEWAY=$GW deploy/seed-demo.sh >/dev/null
until [[ $(psql_q -d "${DB_PREFIX}cases" -c "SELECT count(*) FROM regions WHERE code LIKE 'muer-%'") -ge 18 ]]; do sleep 0.5; done
until [[ $(psql_q -d "${DB_PREFIX}cases" -c "SELECT count(*) FROM mediators") -ge 4 ]]; do sleep 0.5; done
say "seeded; importing $ROWS rows"
# CPU seconds each process used (user + system), to see what the import costs and who competes for the cores
TICKS=$(getconf CLK_TCK)
cpu() { awk -v t="$TICKS" '{printf "%.1f", ($14 + $15) / t}' "/proc/$1/stat" 2>/dev/null || echo 0; }
NAMES=(cases mediators reporting gateway)
declare -A CPU0
for i in "${!NAMES[@]}"; do CPU0[$i]=$(cpu "${PIDS[$i]}"); done
"${BENCH[@]}" --url "$GW" --rows "$ROWS" --out "$WORK/ledger-$ROWS.xlsx" | tee "$WORK/result.txt"
line="CPU seconds during the import:"
for i in "${!NAMES[@]}"; do line+=" ${NAMES[$i]} $(awk -v a="${CPU0[$i]}" -v b="$(cpu "${PIDS[$i]}")" 'BEGIN {printf "%.1f", b - a}')"; done
say "$line (wall $(grep -o 'seconds=[0-9.]*' "$WORK/result.txt" | cut -d= -f2) s, $(nproc) cores shared with PostgreSQL, RabbitMQ and anything else running)"
start=$SECONDS
until [[ $(psql_q -d "${DB_PREFIX}cases" -c "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") == 0 ]]; do
  (( SECONDS - start < 600 )) || { say "outbox not drained after 600 s"; break; }
  sleep 0.5
done
events=$(psql_q -d "${DB_PREFIX}cases" -c "SELECT count(*) FROM outbox_messages")
say "the case service's outbox sent all $events events $((SECONDS - start)) s after the job finished"
