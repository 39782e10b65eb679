#!/usr/bin/env bash
# Starts the platform with Docker Compose (docker-compose.yml), offline-capable:
#
#   deploy/compose/up.sh [--replicas N] [--no-build] [--source debian|official]
#
# 1. a Docker engine: uses the one that answers; as root on a machine without systemd it starts dockerd itself
#    (log and PID in .local/docker/; deploy/compose/down.sh stops only a dockerd it started);
# 2. deploy/compose/make-secrets.sh (keeps existing values);
# 3. deploy/images/build.sh (unless --no-build): every image from a Debian archive (MP_DEBIAN_MIRROR) or, with
#    --source official, from the public registries;
# 4. docker-compose up -d with N replicas (default 1; MP_REPLICAS) of cases, mediators and reporting, then waits until
#    every container is healthy (MP_UP_TIMEOUT seconds, default 300) and the gateway answers its readiness check.
# Honours MP_GATEWAY_PORT (default 5080) and MP_COMPOSE_PROJECT (default mediationplatform). Prints where the admin
# password is, never the password.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
cd "$ROOT"
REPLICAS=${MP_REPLICAS:-1}
BUILD=1
BUILD_ARGS=()
export MP_GATEWAY_PORT=${MP_GATEWAY_PORT:-5080}
TIMEOUT=${MP_UP_TIMEOUT:-300}

die() { echo "compose: $*" >&2; exit 1; }
log() { echo "compose: $*"; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --replicas) REPLICAS=${2:?}; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --source) BUILD_ARGS+=(--source "${2:?}"); shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
[[ $REPLICAS =~ ^[1-9]$ ]] || die "--replicas is 1 to 9, not $REPLICAS"
[[ $MP_GATEWAY_PORT =~ ^[0-9]+$ ]] || die "MP_GATEWAY_PORT must be a port number"

source "$ROOT/deploy/compose/lib.sh"
ensure_engine
"$ROOT/deploy/compose/make-secrets.sh" >/dev/null
[[ $BUILD == 0 ]] || "$ROOT/deploy/images/build.sh" "${BUILD_ARGS[@]}"

started=$(date +%s)
log "starting (replicas of cases, mediators, reporting: $REPLICAS; gateway port $MP_GATEWAY_PORT)"
compose up -d --no-build --remove-orphans \
  --scale cases="$REPLICAS" --scale mediators="$REPLICAS" --scale reporting="$REPLICAS" >"$ROOT/.local/compose/up.log" 2>&1 ||
  { tail -30 "$ROOT/.local/compose/up.log" >&2; die "docker-compose up failed (log: .local/compose/up.log)"; }

# every long-running container healthy, the one-shots exited 0
deadline=$(( $(date +%s) + TIMEOUT ))
while :; do
  unhealthy=()
  for id in $(compose ps -q); do
    read -r name state health code < <(docker inspect -f '{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.State.ExitCode}}' "$id")
    case $state/$health in
      running/healthy) ;;
      exited/none) [[ $code == 0 ]] || die "${name#/} exited with $code (docker logs ${name#/})" ;;
      *) unhealthy+=("${name#/}:$state/$health") ;;
    esac
  done
  [[ ${#unhealthy[@]} == 0 ]] && break
  (( $(date +%s) < deadline )) || die "not healthy after ${TIMEOUT}s: ${unhealthy[*]} (docker-compose logs)"
  sleep 2
done
curl -fsS --cacert .local/compose/gateway.crt -o /dev/null "https://localhost:$MP_GATEWAY_PORT/health/ready" ||
  die "the gateway does not answer on https://localhost:$MP_GATEWAY_PORT"

log "healthy in $(( $(date +%s) - started )) s"
compose ps
cat <<OUT
compose: up — https://localhost:$MP_GATEWAY_PORT (Swagger UI at /swagger)
  certificate:  curl --cacert .local/compose/gateway.crt https://localhost:$MP_GATEWAY_PORT/health/ready
  sign-in:      user admin, password in .local/compose/values/admin-password
  stop:         deploy/compose/down.sh   (-v also deletes the data)
OUT
