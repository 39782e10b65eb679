#!/usr/bin/env bash
# A backup of every database of the platform (identity, cases, mediators, reporting) at one moment:
#
#   deploy/backup.sh [--compose] [--out DIR]        # DIR default: .local/backups/<UTC time>
#
# One PostgreSQL base backup (pg_basebackup: the whole cluster, consistent at the backup's end point with the WAL it
# needs), not four pg_dumps taken seconds apart — so a case, its assignment in the mediator service and the figures
# that count it come back from the same instant (ADR 0026). Local infrastructure (default): connects as the superuser
# of deploy/infra.sh over TCP (replication is allowed from 127.0.0.1); --compose: runs pg_basebackup inside the
# compose platform's postgres container. Writes base.tar.gz (+ pg_wal.tar.gz), backup_manifest where the server writes
# one, SHA256SUMS and info.txt. Restore with deploy/restore.sh. Schedule it (cron/systemd timer) as often as the RPO
# you need: the RPO is the time since the last backup (ADR 0026).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
COMPOSE=0
OUT=
die() { echo "backup: $*" >&2; exit 1; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --compose) COMPOSE=1; shift ;;
    --out) OUT=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
OUT=${OUT:-$ROOT/.local/backups/$(date -u +%Y%m%dT%H%M%SZ)}
[[ ! -e $OUT || -z $(ls -A "$OUT" 2>/dev/null) ]] || die "$OUT is not empty"
mkdir -p "$OUT"
chmod 700 "$OUT"   # the backup holds everything the databases hold (sealed personal data included)
started=$(date +%s%N)

if [[ $COMPOSE == 1 ]]; then
  source "$ROOT/deploy/compose/lib.sh"
  pg=$(compose ps -q postgres)
  [[ -n $pg ]] || die "the compose platform's postgres is not running"
  # to stdout: one tar with the WAL fetched into it (streaming needs a second file)
  docker exec -u postgres "$pg" pg_basebackup -D - -Ft -X fetch --checkpoint=fast | gzip -1 >"$OUT/base.tar.gz" ||
    die "pg_basebackup in the postgres container failed"
  version=$(docker exec -u postgres "$pg" psql -Atc 'SHOW server_version')
  source_desc="compose project ${COMPOSE_PROJECT}"
else
  [[ -n ${MP_PG_HOST:-} ]] || source "$("$ROOT/deploy/infra.sh" env)"
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  PGPASSWORD=$MP_PG_PASSWORD "$PGBIN/pg_basebackup" -h "$MP_PG_HOST" -p "$MP_PG_PORT" -U "$MP_PG_USER" -D "$OUT" \
    -Ft -z -X stream --checkpoint=fast || die "pg_basebackup failed"
  version=$(PGPASSWORD=$MP_PG_PASSWORD "$PGBIN/psql" -h "$MP_PG_HOST" -p "$MP_PG_PORT" -U "$MP_PG_USER" -d postgres -Atc 'SHOW server_version')
  source_desc="local infrastructure $MP_PG_HOST:$MP_PG_PORT"
fi

(cd "$OUT" && sha256sum -- * >SHA256SUMS)
cat >"$OUT/info.txt" <<INFO
backup of: $source_desc (PostgreSQL $version), every database of the cluster
taken: $(date -u +%Y-%m-%dT%H:%M:%SZ) in $(( ($(date +%s%N) - started) / 1000000 )) ms
commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
restore: deploy/restore.sh $OUT --to <empty data folder>   (or --compose)
INFO
chmod 600 "$OUT"/*
echo "backup: $OUT ($(du -sh "$OUT" | cut -f1))"
