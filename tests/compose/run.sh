#!/usr/bin/env bash
# The Compose platform proven on this machine (issue 22; ADR 0025) — a separate command, not part of ./test.sh (it
# builds nine images and starts eleven containers: longer than the suite's budget, and CI may have no Docker engine):
#
#   tests/compose/run.sh [--replicas N] [--no-build] [--keep]
#
# From an empty state (deploy/compose/down.sh -v): deploy/compose/up.sh --replicas N (default 2), the 木耳镇 demo
# directory through the gateway (deploy/seed-demo.sh), then tests/compose/check.py (load with replicas killed, nothing
# lost or doubled, a PDF printed in a container), and the backup drill (deploy/backup.sh --compose, the database volume
# deleted, deploy/restore.sh --compose, every row compared). The report goes to stdout and tests/compose/results/<date>.md.
# --keep leaves the platform running (deploy/compose/down.sh stops it).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
cd "$ROOT"
REPLICAS=2 UP_ARGS=() KEEP=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --replicas) REPLICAS=${2:?}; shift 2 ;;
    --no-build) UP_ARGS+=(--no-build); shift ;;
    --keep) KEEP=1; shift ;;
    *) echo "usage: tests/compose/run.sh [--replicas N] [--no-build] [--keep]" >&2; exit 1 ;;
  esac
done
export MP_GATEWAY_PORT=${MP_GATEWAY_PORT:-5080}
VALUES=.local/compose/values

t0=$(date +%s)
mkdir -p .local/compose
deploy/compose/down.sh -v >/dev/null 2>&1 || true
up_started=$(date +%s)
deploy/compose/up.sh --replicas "$REPLICAS" "${UP_ARGS[@]}" | tee .local/compose/up-output.txt
healthy=$(date +%s)
export GW=https://localhost:$MP_GATEWAY_PORT CURL_CA_BUNDLE=$ROOT/.local/compose/gateway.crt
export MP_ADMIN_TOTP_FILE=$ROOT/$VALUES/admin-totp-secret
MP_GATEWAY=$GW MP_SECRET_ADMIN_PASSWORD=$(<"$VALUES/admin-password") MP_SECRET_DEMO_PASSWORD=$(<"$VALUES/demo-password") \
  MP_SECRET_POLICE_CLIENT=$(<"$VALUES/police-client-secret") deploy/seed-demo.sh >/dev/null
status=0
out=$(mktemp)
DEMO_PASSWORD=$(<"$VALUES/demo-password") ADMIN_PASSWORD=$(<"$VALUES/admin-password") python3 tests/compose/check.py | tee "$out" ||
  status=$?

# The backup drill on the containers (ADR 0026): backup, delete the database volume, restore, compare every row
source deploy/compose/lib.sh
digest() {
  local pg
  pg=$(compose ps -q postgres)
  for t in cases.cases cases.timeline mediators.assignments reporting.case_facts reporting.case_counters; do
    docker exec -u postgres "$pg" psql -d "${t%%.*}" -Atc \
      "SELECT '${t}=' || count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ${t#*.} x"
  done
}
drill=$(mktemp)
sleep 5   # the last events applied
live=$(digest)
backup_dir=$ROOT/.local/backups/compose-check-$(date -u +%Y%m%dT%H%M%SZ)
b0=$(date +%s)
deploy/backup.sh --compose --out "$backup_dir" >/dev/null
b1=$(date +%s)
compose down >/dev/null 2>&1   # containers gone, volumes kept
docker volume rm "${COMPOSE_PROJECT}_pgdata" >/dev/null   # the database is gone
r0=$(date +%s)
deploy/restore.sh "$backup_dir" --compose >/dev/null
r1=$(date +%s)
restored=$(digest)
{
  echo
  echo "Backup drill: \`deploy/backup.sh --compose\` took $((b1 - b0)) s ($(du -sh "$backup_dir" | cut -f1)); the database volume deleted;"
  echo "\`deploy/restore.sh --compose\` (unpack + platform healthy again) took $((r1 - r0)) s."
  echo
  echo "| | table | rows:md5 before | after the restore |"
  echo "|---|---|---|---|"
  paste -d'|' <(echo "$live") <(echo "$restored") | while IFS='|' read -r a b; do
    echo "| $([[ $a == "$b" ]] && echo ✅ || echo ❌) | ${a%%=*} | ${a#*=} | ${b#*=} |"
  done
} >"$drill"
cat "$drill"
[[ $live == "$restored" ]] || status=1

mkdir -p tests/compose/results
result=tests/compose/results/$(date -u +%Y-%m-%d).md
{
  echo "# Compose check, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (+ uncommitted changes)')"
  echo
  echo "\`tests/compose/run.sh --replicas $REPLICAS ${UP_ARGS[*]}\` on $(nproc) cores; Docker $(docker version -f '{{.Server.Version}}'), $(docker-compose version --short 2>/dev/null || docker compose version --short) ."
  echo "Up (images built incrementally$([[ ${UP_ARGS[*]:-} == *--no-build* ]] && echo ': skipped'), start, healthy): $((healthy - up_started)) s; whole run $(( $(date +%s) - t0 )) s."
  echo
  echo "Images:"
  echo
  docker image ls --filter 'reference=mediation/*' --format '- {{.Repository}}:{{.Tag}} {{.Size}}' | sort
  echo
  cat "$out" "$drill"
} >"$result"
rm -f "$out" "$drill"
echo "compose check: $([[ $status == 0 ]] && echo passed || echo FAILED) — $result"
[[ $KEEP == 1 ]] || deploy/compose/down.sh
exit "$status"
