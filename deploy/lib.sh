# Helpers shared by run.sh, test.sh and bench/run.sh (sourced, not executed).

# Creates the RSA key the gateway signs tokens with (private, mode 600) and its public half for the services.
ensure_signing_key() {
  local dir=$1
  mkdir -p "$dir"
  if [[ ! -s $dir/signing-key.pem ]]; then
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/signing-key.pem" 2>/dev/null)
  fi
  if [[ ! -s $dir/signing-key.pub.pem ]]; then
    openssl pkey -in "$dir/signing-key.pem" -pubout -out "$dir/signing-key.pub.pem" 2>/dev/null
  fi
}

# wait_ready URL SECONDS [PID...]: polls until the URL answers 200; fails early when one of the PIDs has exited.
wait_ready() {
  local url=$1 deadline=$((SECONDS + $2)) pid
  shift 2
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    (( SECONDS < deadline )) || return 1
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null || return 1; done
    sleep 0.5
  done
}

# start_platform: starts the case, mediator and reporting services and the gateway from the Release (or
# $CONFIGURATION) build, appending their PIDs to the PIDS array. Reads ROOT, CONFIGURATION, GATEWAY_PORT, CASES_PORT,
# MEDIATORS_PORT, REPORTING_PORT, LOG_DIR, the MP_PG_* / MP_RABBIT_* variables of deploy/infra.sh env, and optionally
# DB_PREFIX (database names become <prefix>cases, …) and RABBIT_VHOST (default "/").
start_platform() {
  local pub="$ROOT/.local/keys/signing-key.pub.pem"
  mkdir -p "$LOG_DIR"
  _start_app cases services/Cases MediationPlatform.Cases.dll "$CASES_PORT" \
    ConnectionStrings__Cases="$(_pg "${DB_PREFIX:-}cases")" Auth__SigningKeyPath="$pub"
  _start_app mediators services/Mediators MediationPlatform.Mediators.dll "$MEDIATORS_PORT" \
    ConnectionStrings__Mediators="$(_pg "${DB_PREFIX:-}mediators")" Auth__SigningKeyPath="$pub"
  _start_app reporting services/Reporting MediationPlatform.Reporting.dll "$REPORTING_PORT" \
    ConnectionStrings__Reporting="$(_pg "${DB_PREFIX:-}reporting")" Auth__SigningKeyPath="$pub" \
    Rebuild__Sources__0__Name=cases Rebuild__Sources__0__BaseUrl="http://127.0.0.1:$CASES_PORT" \
    Rebuild__Sources__1__Name=mediators Rebuild__Sources__1__BaseUrl="http://127.0.0.1:$MEDIATORS_PORT"
  _start_app gateway gateway MediationPlatform.Gateway.dll "$GATEWAY_PORT" \
    ConnectionStrings__Identity="$(_pg "${DB_PREFIX:-}identity" 30)" Auth__SigningKeyPath="$ROOT/.local/keys/signing-key.pem" \
    Services__Cases="http://127.0.0.1:$CASES_PORT" Services__Mediators="http://127.0.0.1:$MEDIATORS_PORT" \
    Services__Reporting="http://127.0.0.1:$REPORTING_PORT"
}

# wait_platform: waits until every service and the gateway answer /health/ready (or one of PIDS exited).
wait_platform() {
  local port
  for port in "$CASES_PORT" "$MEDIATORS_PORT" "$REPORTING_PORT" "$GATEWAY_PORT"; do
    wait_ready "http://127.0.0.1:$port/health/ready" 120 "${PIDS[@]}" \
      || { echo "service on port $port did not become ready; see $LOG_DIR" >&2; return 1; }
  done
}

_start_app() { # name dir dll port extra-env...
  local name=$1 dir=$2 dll=$3 port=$4; shift 4
  env "$@" \
    ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}" \
    RabbitMq__Host="$MP_RABBIT_HOST" RabbitMq__Port="$MP_RABBIT_PORT" RabbitMq__VirtualHost="${RABBIT_VHOST:-/}" \
    RabbitMq__Username="$MP_RABBIT_USER" RabbitMq__Password="$MP_RABBIT_PASSWORD" \
    Auth__Issuer="http://localhost:$GATEWAY_PORT/" \
    dotnet "$ROOT/$dir/bin/$CONFIGURATION/net10.0/$dll" --contentRoot "$ROOT/$dir" --urls "http://127.0.0.1:$port" \
    >>"$LOG_DIR/$name.log" 2>&1 &
  PIDS+=($!)
}

_pg() { echo "Host=$MP_PG_HOST;Port=$MP_PG_PORT;Database=$1;Username=$MP_PG_USER;Password=$MP_PG_PASSWORD;Maximum Pool Size=${2:-50}"; }
