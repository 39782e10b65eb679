#!/usr/bin/env bash
# Helpers shared by bench/run.sh and bench/cpu.sh (sourced from the checkout's root). They read ROOT, BUILD,
# CONFIGURATION, DB_PREFIX, RABBIT_VHOST, WORK, LOG_DIR and the four ports, and call the sourcing script's say.

psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

# bench_infra: PostgreSQL and RabbitMQ up (deploy/infra.sh; taken down again at exit when they were down), their
# settings and deploy/lib.sh loaded, keys and secrets made, the Release build when BUILD=1; sets LOADGEN.
bench_infra() {
  INFRA_WAS_UP=0
  deploy/infra.sh status >/dev/null 2>&1 && INFRA_WAS_UP=1
  deploy/infra.sh up >/dev/null
  # shellcheck disable=SC1090
  source "$(deploy/infra.sh env)"
  # shellcheck source=deploy/lib.sh
  source deploy/lib.sh
  ensure_signing_key "$ROOT/.local/keys"
  ensure_secrets "$ROOT/.local/secrets"
  export PGHOST=$MP_PG_HOST PGPORT=$MP_PG_PORT PGUSER=$MP_PG_USER PGPASSWORD=$MP_PG_PASSWORD
  if [[ $BUILD == 1 ]]; then
    say "building (Release)"
    dotnet build "$ROOT/MediationPlatform.sln" -c "$CONFIGURATION" -v q -nologo >/dev/null
  fi
  LOADGEN=(dotnet "$ROOT/bench/LoadGen/bin/$CONFIGURATION/net10.0/loadgen.dll")
}

# bench_platform DB...: the databases ${DB_PREFIX}DB dropped and a fresh vhost, then the four processes as ./run.sh
# starts them (PIDS: cases, mediators, reporting, gateway) — the gateway in plain HTTP on loopback as behind a
# TLS-terminating proxy (the bench measures the platform, not TLS), the per-user limiter out of the way (one admin
# token sends every request) — stopped at exit; 木耳镇 seeded (deploy/seed-demo.sh) and learned by the case service.
# Sets GATEWAY_URL and VILLAGES (the town's village codes).
bench_platform() {
  say "fresh databases and vhost"
  local db
  for db in "$@"; do psql_q -d postgres -c "DROP DATABASE IF EXISTS ${DB_PREFIX}$db WITH (FORCE)"; done
  fresh_vhost "$RABBIT_VHOST"
  PIDS=()
  trap bench_cleanup INT TERM EXIT
  export RateLimits__PerUserPerSecond=1000000 RateLimits__PerUserBurst=1000000
  say "starting the platform on ports $GATEWAY_PORT-$REPORTING_PORT"
  GATEWAY_TRANSPORT=proxy
  start_platform
  wait_platform
  say "platform ready; seeding the demo town (deploy/seed-demo.sh)"
  MP_GATEWAY=$GATEWAY_URL deploy/seed-demo.sh >/dev/null
  say "seeded; waiting for the case service to learn the regions"
  VILLAGES=$(psql_q -d "${DB_PREFIX}mediators" -c "SELECT string_agg(code, ',' ORDER BY code) FROM regions WHERE code LIKE 'muer-%'")
  until [[ $(psql_q -d "${DB_PREFIX}cases" -c "SELECT count(*) FROM regions WHERE code LIKE 'muer-%'") -ge 18 ]]; do sleep 0.5; done
}

bench_cleanup() {
  trap - INT TERM EXIT
  stop_platform
  $MP_RABBITMQCTL delete_vhost "$RABBIT_VHOST" >/dev/null 2>&1 || true
  if [[ $INFRA_WAS_UP == 0 ]]; then deploy/infra.sh down >/dev/null 2>&1 || true; fi
}

# wait_idle NAME: waits until every event is out of the outboxes and every queue of the bench vhost is empty, so the
# next measurement does not pay for the previous one's backlog; records how long the drain took.
wait_idle() {
  local start=$SECONDS backlog
  for _ in $(seq 1 600); do
    backlog=$(( $($MP_RABBITMQCTL list_queues -q -p "$RABBIT_VHOST" name messages 2>/dev/null | awk '$1 !~ /_(error|skipped)$/ {s += $2} END {print s + 0}') \
      + $(psql_q -d "${DB_PREFIX}cases" -c "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") \
      + $(psql_q -d "${DB_PREFIX}mediators" -c "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") ))
    (( backlog == 0 )) && break
    sleep 0.5
  done
  local parked
  parked=$($MP_RABBITMQCTL list_queues -q -p "$RABBIT_VHOST" name messages 2>/dev/null | awk '$1 ~ /_(error|skipped)$/ {s += $2} END {print s + 0}')
  echo "$1 $((SECONDS - start)) $backlog $parked" >>"$WORK/drain.txt"
  (( backlog == 0 )) || say "warning: $backlog events still queued after $1"
}

# cpu_of PID: the process's user + system CPU so far, in clock ticks (getconf CLK_TCK a second)
cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }
