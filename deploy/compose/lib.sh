# shellcheck shell=bash
# Shared by deploy/compose/up.sh and down.sh (and the compose tests): the compose command and the Docker engine.
export MP_GATEWAY_PORT=${MP_GATEWAY_PORT:-5080}
COMPOSE_PROJECT=${MP_COMPOSE_PROJECT:-mediationplatform}
DOCKER_STATE=$ROOT/.local/docker

# compose ARGS…: `docker compose` (v2) where installed, else docker-compose (v1, Debian's package)
compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose -p "$COMPOSE_PROJECT" -f "$ROOT/docker-compose.yml" "$@"
  else
    command -v docker-compose >/dev/null || { echo "compose: neither docker compose nor docker-compose is installed" >&2; return 1; }
    docker-compose -p "$COMPOSE_PROJECT" -f "$ROOT/docker-compose.yml" "$@"
  fi
}

# A Docker engine that answers; as root without one (no systemd here), dockerd started and remembered by PID.
ensure_engine() {
  docker info >/dev/null 2>&1 && return 0
  command -v dockerd >/dev/null && [[ $(id -u) == 0 ]] ||
    { echo "compose: no Docker engine answers (install docker.io and start it)" >&2; exit 1; }
  mkdir -p "$DOCKER_STATE"
  echo "compose: starting dockerd (log $DOCKER_STATE/dockerd.log)"
  dockerd >"$DOCKER_STATE/dockerd.log" 2>&1 &
  echo $! >"$DOCKER_STATE/dockerd.pid"
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && return 0; sleep 1; done
  echo "compose: dockerd did not answer within 60 s ($DOCKER_STATE/dockerd.log)" >&2
  exit 1
}

stop_engine_if_ours() {
  local pid
  [[ -s $DOCKER_STATE/dockerd.pid ]] || return 0
  pid=$(cat "$DOCKER_STATE/dockerd.pid")
  if kill -0 "$pid" 2>/dev/null && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == dockerd ]]; then
    kill "$pid"
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    echo "compose: stopped the dockerd up.sh had started"
  fi
  rm -f "$DOCKER_STATE/dockerd.pid"
}
