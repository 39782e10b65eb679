#!/usr/bin/env bash
# Stops the Compose platform: deploy/compose/down.sh [-v] [--engine]
#   -v        also deletes the data volumes (PostgreSQL, the gateway's secrets copy): the next up.sh starts empty
#   --engine  also stops the Docker engine, if deploy/compose/up.sh started it (never one it found running)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
cd "$ROOT"
ARGS=(down --remove-orphans)
ENGINE=0
for a in "$@"; do
  case $a in
    -v|--volumes) ARGS+=(-v) ;;
    --engine) ENGINE=1 ;;
    *) echo "compose: unknown argument $a (down.sh [-v] [--engine])" >&2; exit 1 ;;
  esac
done
source "$ROOT/deploy/compose/lib.sh"
if docker info >/dev/null 2>&1; then
  compose "${ARGS[@]}"
fi
[[ $ENGINE == 0 ]] || stop_engine_if_ours
