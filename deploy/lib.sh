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
  until curl -fsS -o /dev/null --cacert "$ROOT/.local/tls/gateway.crt" "$url" 2>/dev/null; do
    (( SECONDS < deadline )) || return 1
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null || return 1; done
    sleep 0.5
  done
}

# ensure_secrets DIR: the platform's own secrets, generated once per checkout (mode 600 files in DIR, ADR 0015).
# Nothing committed to this repository opens a running platform. Exports them as MP_SECRET_<NAME> for start_platform
# and seed-demo.sh; the admin password is printed by run.sh (and is in DIR/admin-password).
ensure_secrets() {
  local dir=$1 name
  install -d -m 700 "$dir"
  for name in admin-password demo-password police-client-secret; do
    [[ -s $dir/$name ]] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=\n' >"$dir/$name")
  done
  for name in pii-key pii-hash-key idempotency-key webhook-key; do   # 256-bit keys, base64
    [[ -s $dir/$name ]] || (umask 077; head -c 32 /dev/urandom | base64 | tr -d '\n' >"$dir/$name")
  done
  MP_SECRET_ADMIN_PASSWORD=$(<"$dir/admin-password"); MP_SECRET_DEMO_PASSWORD=$(<"$dir/demo-password")
  MP_SECRET_POLICE_CLIENT=$(<"$dir/police-client-secret")
  MP_SECRET_PII_KEY=$(<"$dir/pii-key"); MP_SECRET_PII_HASH_KEY=$(<"$dir/pii-hash-key")
  MP_SECRET_IDEMPOTENCY_KEY=$(<"$dir/idempotency-key"); MP_SECRET_WEBHOOK_KEY=$(<"$dir/webhook-key")
  export MP_SECRET_ADMIN_PASSWORD MP_SECRET_DEMO_PASSWORD MP_SECRET_POLICE_CLIENT
  # the .http files read them with {{$dotenv …}} (git-ignored)
  (umask 077; printf 'ADMIN_PASSWORD=%s\nDEMO_PASSWORD=%s\nPOLICE_CLIENT_SECRET=%s\n' "$MP_SECRET_ADMIN_PASSWORD" \
    "$MP_SECRET_DEMO_PASSWORD" "$MP_SECRET_POLICE_CLIENT" >"$ROOT/http/.env")
}

# ensure_tls DIR: a self-signed certificate for the gateway (localhost, 127.0.0.1), valid 397 days, renewed when it
# expires within 30 days. A real install replaces it with its own (README, "A real install").
ensure_tls() {
  local dir=$1
  install -d -m 700 "$dir"
  if [[ ! -s $dir/gateway.crt ]] || ! openssl x509 -checkend $((30 * 86400)) -noout -in "$dir/gateway.crt" >/dev/null 2>&1; then
    (umask 077; openssl req -x509 -newkey rsa:2048 -nodes -days 397 -subj "/CN=localhost/O=MediationPlatform (local)" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -addext "extendedKeyUsage=serverAuth" \
      -keyout "$dir/gateway.key" -out "$dir/gateway.crt" >/dev/null 2>&1)
    chmod 644 "$dir/gateway.crt"
  fi
}

# start_platform: starts the case, mediator and reporting services and the gateway from the Release (or
# $CONFIGURATION) build, appending their PIDs to the PIDS array. Reads ROOT, CONFIGURATION, GATEWAY_PORT, CASES_PORT,
# MEDIATORS_PORT, REPORTING_PORT, LOG_DIR, the MP_PG_* / MP_RABBIT_* variables of deploy/infra.sh env, and optionally
# DB_PREFIX (database names become <prefix>cases, …), RABBIT_VHOST (default "/") and GATEWAY_TRANSPORT: "https"
# (default: the gateway serves TLS with .local/tls/gateway.crt) or "proxy" (plain HTTP on loopback as behind a
# TLS-terminating proxy on 127.0.0.1, for the benchmark). Each process gets only its own secrets and RabbitMQ user.
# The second factor is offered but not enforced on this local install (MP_ENFORCE_MFA=1 enforces it for admin and
# supervisor as Compose and k8s do: Security:EnforceMfa defaults to on in Production; ADR 0020).
start_platform() {
  local pub="$ROOT/.local/keys/signing-key.pub.pem" scheme=https gw_env
  ensure_signing_key "$ROOT/.local/keys"
  ensure_secrets "$ROOT/.local/secrets"
  mkdir -p "$LOG_DIR"
  if [[ ${GATEWAY_TRANSPORT:-https} == proxy ]]; then
    scheme=http
    gw_env=(Transport__Mode=proxy Transport__TrustedProxies__0=127.0.0.1)
  else
    ensure_tls "$ROOT/.local/tls"
    gw_env=(Transport__Mode=https Kestrel__Certificates__Default__Path="$ROOT/.local/tls/gateway.crt"
      Kestrel__Certificates__Default__KeyPath="$ROOT/.local/tls/gateway.key")
  fi
  GATEWAY_URL="$scheme://localhost:$GATEWAY_PORT"
  _start_app cases services/Cases MediationPlatform.Cases.dll "http://127.0.0.1:$CASES_PORT" \
    ConnectionStrings__Cases="$(_pg "${DB_PREFIX:-}cases")" Auth__SigningKeyPath="$pub" Transport__Mode=internal \
    RabbitMq__Username=cases RabbitMq__Password="$MP_RABBIT_CASES_PASSWORD" \
    PersonalData__CurrentKeyId=k1 PersonalData__EncryptionKeys__k1="$MP_SECRET_PII_KEY" \
    PersonalData__CurrentHashKeyId=h1 PersonalData__HashKeys__h1="$MP_SECRET_PII_HASH_KEY" \
    Idempotency__HashKey="$MP_SECRET_IDEMPOTENCY_KEY"
  _start_app mediators services/Mediators MediationPlatform.Mediators.dll "http://127.0.0.1:$MEDIATORS_PORT" \
    ConnectionStrings__Mediators="$(_pg "${DB_PREFIX:-}mediators")" Auth__SigningKeyPath="$pub" Transport__Mode=internal \
    RabbitMq__Username=mediators RabbitMq__Password="$MP_RABBIT_MEDIATORS_PASSWORD" \
    Idempotency__HashKey="$MP_SECRET_IDEMPOTENCY_KEY" Webhooks__SecretKey="$MP_SECRET_WEBHOOK_KEY"
  _start_app reporting services/Reporting MediationPlatform.Reporting.dll "http://127.0.0.1:$REPORTING_PORT" \
    ConnectionStrings__Reporting="$(_pg "${DB_PREFIX:-}reporting")" Auth__SigningKeyPath="$pub" Transport__Mode=internal \
    RabbitMq__Username=reporting RabbitMq__Password="$MP_RABBIT_REPORTING_PASSWORD" \
    Rebuild__Sources__0__Name=cases Rebuild__Sources__0__BaseUrl="http://127.0.0.1:$CASES_PORT" \
    Rebuild__Sources__1__Name=mediators Rebuild__Sources__1__BaseUrl="http://127.0.0.1:$MEDIATORS_PORT"
  _start_app gateway gateway MediationPlatform.Gateway.dll "$scheme://127.0.0.1:$GATEWAY_PORT" \
    ConnectionStrings__Identity="$(_pg "${DB_PREFIX:-}identity" 30)" Auth__SigningKeyPath="$ROOT/.local/keys/signing-key.pem" \
    Bootstrap__AdminPassword="$MP_SECRET_ADMIN_PASSWORD" "${gw_env[@]}" \
    Security__EnforceMfa="${MP_ENFORCE_MFA:-false}" \
    Services__Cases="http://127.0.0.1:$CASES_PORT" Services__Mediators="http://127.0.0.1:$MEDIATORS_PORT" \
    Services__Reporting="http://127.0.0.1:$REPORTING_PORT"
}

# fresh_vhost VHOST: the virtual host emptied (deleted and made again), with the admin user's and the service users'
# permissions — the benchmarks' own RabbitMQ space.
fresh_vhost() {
  $MP_RABBITMQCTL delete_vhost "$1" >/dev/null 2>&1 || true
  $MP_RABBITMQCTL add_vhost "$1" >/dev/null
  $MP_RABBITMQCTL set_permissions -p "$1" "$MP_RABBIT_USER" '.*' '.*' '.*' >/dev/null
  grant_vhost "$1"
}

# grant_vhost VHOST: the service users' permissions of deploy/rabbitmq/permissions.tsv on another virtual host.
grant_vhost() {
  local user conf write read
  while IFS=$'\t' read -r user conf write read; do
    [[ -z $user || $user == \#* ]] && continue
    $MP_RABBITMQCTL set_permissions -p "$1" "$user" "$conf" "$write" "$read" >/dev/null </dev/null   # the CLI reads stdin
  done <"$ROOT/deploy/rabbitmq/permissions.tsv"
}

# stop_platform [SECONDS]: asks every process of PIDS to stop (SIGTERM) and waits for them, at most SECONDS (default 40:
# longer than a service's own 30 s stop timeout); one still running then is killed and named. A process told to stop
# while it is still starting has been seen to hang in the message bus's shutdown; Ctrl-C must end run.sh all the same.
stop_platform() {
  local limit=${1:-40} pid waited=0
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  while (( waited < limit * 5 )); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    (( alive )) || break
    sleep 0.2; waited=$((waited + 1))
  done
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "stop: process $pid ($(ps -o args= -p "$pid" | awk '{print $2}' | xargs basename 2>/dev/null)) did not stop within ${limit}s; killed" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
}

# wait_platform: waits until every service and the gateway answer /health/ready (or one of PIDS exited).
wait_platform() {
  local port
  for port in "$CASES_PORT" "$MEDIATORS_PORT" "$REPORTING_PORT"; do
    wait_ready "http://127.0.0.1:$port/health/ready" 120 "${PIDS[@]}" \
      || { echo "service on port $port did not become ready; see $LOG_DIR" >&2; return 1; }
  done
  wait_ready "$GATEWAY_URL/health/ready" 120 "${PIDS[@]}" \
    || { echo "the gateway ($GATEWAY_URL) did not become ready; see $LOG_DIR" >&2; return 1; }
}

_start_app() { # name dir dll url extra-env...
  local name=$1 dir=$2 dll=$3 url=$4; shift 4
  # AMQP over TLS to the local broker (its private CA, the name localhost) when deploy/infra.sh offers it; plain AMQP else
  local RABBIT_TRANSPORT=(RabbitMq__Port="${MP_RABBIT_PORT:-5672}")
  if [[ -n ${MP_RABBIT_TLS_PORT:-} && -s ${MP_RABBIT_CA:-} ]]; then
    RABBIT_TRANSPORT=(RabbitMq__Port="$MP_RABBIT_TLS_PORT" RabbitMq__UseTls=true RabbitMq__CaCertificatePath="$MP_RABBIT_CA" RabbitMq__ServerName=localhost)
  fi
  env "$@" \
    ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}" \
    RabbitMq__Host="$MP_RABBIT_HOST" RabbitMq__VirtualHost="${RABBIT_VHOST:-/}" "${RABBIT_TRANSPORT[@]}" \
    Auth__Issuer="$GATEWAY_URL/" \
    dotnet "$ROOT/$dir/bin/$CONFIGURATION/net10.0/$dll" --contentRoot "$ROOT/$dir" --urls "$url" \
    >>"$LOG_DIR/$name.log" 2>&1 &
  PIDS+=($!)
}

# A service's connection string: its own login (svc_<db>, deploy/infra.sh) for the local databases; the superuser for
# the benchmark's own prefixed databases.
_pg() {
  local db=$1 user=$MP_PG_USER password=$MP_PG_PASSWORD var
  var="MP_PG_${db^^}_PASSWORD"
  if [[ -z ${DB_PREFIX:-} && -n ${!var:-} ]]; then user=svc_$db password=${!var}; fi
  echo "Host=$MP_PG_HOST;Port=$MP_PG_PORT;Database=$db;Username=$user;Password=$password;Maximum Pool Size=${2:-50}"
}
