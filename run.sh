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
ensure_signing_key "$ROOT/.local/keys"

if [[ $BUILD == 1 ]]; then
  dotnet build "$ROOT/MediationPlatform.sln" -c "$CONFIGURATION" -v q -nologo
fi

PIDS=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "run: stopping the platform…"
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ $INFRA_WAS_UP == 0 ]]; then deploy/infra.sh down || true; fi
}
trap cleanup INT TERM EXIT

mkdir -p "$ROOT/.local/logs"
start_app() { # name dir dll port extra-env...
  local name=$1 dir=$2 dll=$3 port=$4; shift 4
  env "$@" \
    ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}" \
    RabbitMq__Host="$MP_RABBIT_HOST" RabbitMq__Port="$MP_RABBIT_PORT" \
    RabbitMq__Username="$MP_RABBIT_USER" RabbitMq__Password="$MP_RABBIT_PASSWORD" \
    Auth__Issuer="http://localhost:$GATEWAY_PORT/" \
    dotnet "$ROOT/$dir/bin/$CONFIGURATION/net10.0/$dll" --contentRoot "$ROOT/$dir" --urls "http://127.0.0.1:$port" \
    >>"$ROOT/.local/logs/$name.log" 2>&1 &
  PIDS+=($!)
}
pg() { echo "Host=$MP_PG_HOST;Port=$MP_PG_PORT;Database=$1;Username=$MP_PG_USER;Password=$MP_PG_PASSWORD;Maximum Pool Size=${2:-50}"; }
PUB="$ROOT/.local/keys/signing-key.pub.pem"

start_app cases services/Cases MediationPlatform.Cases.dll "$CASES_PORT" \
  ConnectionStrings__Cases="$(pg cases)" Auth__SigningKeyPath="$PUB"
start_app mediators services/Mediators MediationPlatform.Mediators.dll "$MEDIATORS_PORT" \
  ConnectionStrings__Mediators="$(pg mediators)" Auth__SigningKeyPath="$PUB"
start_app reporting services/Reporting MediationPlatform.Reporting.dll "$REPORTING_PORT" \
  ConnectionStrings__Reporting="$(pg reporting)" Auth__SigningKeyPath="$PUB"
start_app gateway gateway MediationPlatform.Gateway.dll "$GATEWAY_PORT" \
  ConnectionStrings__Identity="$(pg identity 30)" Auth__SigningKeyPath="$ROOT/.local/keys/signing-key.pem" \
  Services__Cases="http://127.0.0.1:$CASES_PORT" Services__Mediators="http://127.0.0.1:$MEDIATORS_PORT" \
  Services__Reporting="http://127.0.0.1:$REPORTING_PORT"

for port in "$CASES_PORT" "$MEDIATORS_PORT" "$REPORTING_PORT" "$GATEWAY_PORT"; do
  wait_ready "http://127.0.0.1:$port/health/ready" 120 "${PIDS[@]}" \
    || { echo "run: service on port $port did not become ready; see .local/logs/" >&2; exit 1; }
done

if [[ $SEED == 1 ]]; then
  MP_GATEWAY="http://127.0.0.1:$GATEWAY_PORT" deploy/seed-demo.sh
fi

cat <<INFO

MediationPlatform is running.
  Gateway:     http://127.0.0.1:$GATEWAY_PORT      (all /api/... routes and POST /connect/token)
  Swagger UI:  http://127.0.0.1:$GATEWAY_PORT/swagger
  Admin login: ${Bootstrap__AdminUser:-admin} / ${Bootstrap__AdminPassword:-Admin-dev-2026!}   (development default)
  Logs:        $ROOT/.local/logs/
Press Ctrl-C to stop.
INFO
wait -n "${PIDS[@]}" || true
echo "run: a service exited; see .local/logs/" >&2
exit 1
