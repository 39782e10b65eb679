#!/usr/bin/env bash
# Runs the whole platform on this machine: PostgreSQL + RabbitMQ (installed from Debian's packages when missing),
# migrations, the case, mediator and reporting services and the gateway. Ctrl-C stops everything it started.
#   ./run.sh [--seed-demo] [--no-build]
# Ports (override with env): gateway MP_GATEWAY_PORT=5080, cases 5081, mediators 5082, reporting 5083.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(pwd -P)
SEED=0 BUILD=1
for arg in "$@"; do
  case $arg in
    --seed-demo) SEED=1 ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done

GATEWAY_PORT=${MP_GATEWAY_PORT:-5080}
CASES_PORT=${MP_CASES_PORT:-5081}
MEDIATORS_PORT=${MP_MEDIATORS_PORT:-5082}
REPORTING_PORT=${MP_REPORTING_PORT:-5083}
CONFIGURATION=${MP_CONFIGURATION:-Release}

for port in "$GATEWAY_PORT" "$CASES_PORT" "$MEDIATORS_PORT" "$REPORTING_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "run: port $port is already in use (another ./run.sh?). Stop it or set MP_GATEWAY_PORT/MP_CASES_PORT/MP_MEDIATORS_PORT/MP_REPORTING_PORT." >&2
    exit 1
  fi
done

INFRA_WAS_UP=0
deploy/infra.sh status >/dev/null 2>&1 && INFRA_WAS_UP=1
deploy/infra.sh up
# shellcheck disable=SC1090
source "$(deploy/infra.sh env)"

# shellcheck source=deploy/lib.sh
source deploy/lib.sh

if [[ $BUILD == 1 ]]; then
  dotnet build "$ROOT/MediationPlatform.sln" -c "$CONFIGURATION" -v q -nologo
fi

PIDS=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "run: stopping the platform…"
  stop_platform
  if [[ $INFRA_WAS_UP == 0 ]]; then deploy/infra.sh down || true; fi
}
trap cleanup EXIT
trap 'cleanup; exit 0' INT TERM   # stopped on purpose: not "a service exited"

LOG_DIR="$ROOT/.local/logs"
start_platform
wait_platform || { echo "run: the platform did not start; see .local/logs/" >&2; exit 1; }

if [[ $SEED == 1 ]]; then
  MP_GATEWAY=$GATEWAY_URL CURL_CA_BUNDLE="$ROOT/.local/tls/gateway.crt" deploy/seed-demo.sh
fi

cat <<INFO

MediationPlatform is running (Production settings, secrets generated for this checkout in .local/secrets/).
  Gateway:     $GATEWAY_URL      (all /api/... routes and POST /connect/token; HTTPS only)
  Certificate: $ROOT/.local/tls/gateway.crt   (self-signed: export CURL_CA_BUNDLE=\$PWD/.local/tls/gateway.crt)
  Swagger UI:  $GATEWAY_URL/swagger
  Admin login: admin / \$(cat .local/secrets/admin-password)
  Demo logins: supervisor, mediator, petition, police, judge, petitionliaison, statistician / \$(cat .local/secrets/demo-password)   (after --seed-demo)
  Logs:        $ROOT/.local/logs/
Press Ctrl-C to stop.
INFO
wait -n "${PIDS[@]}" || true
echo "run: a service exited; see .local/logs/" >&2
exit 1
