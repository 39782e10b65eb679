#!/usr/bin/env bash
# Restores a backup of deploy/backup.sh — every database at the backup's instant:
#
#   deploy/restore.sh BACKUP_DIR --to DATA_DIR [--start PORT]   # into a fresh data folder (absent or empty)
#   deploy/restore.sh BACKUP_DIR --compose                      # the compose platform's database, replaced
#
# --to: unpacks the base backup (and its WAL) into DATA_DIR, owned by postgres, mode 700. A PostgreSQL 15 started on it
#   replays the WAL to the backup's end point and opens. --start PORT starts one there (loopback, its socket and log in
#   DATA_DIR) and waits until it answers; stop it with pg_ctl -D DATA_DIR stop. To put the local platform on it: stop
#   ./run.sh, `deploy/infra.sh down`, move the restored folder to .local/infra/postgres/data, `deploy/infra.sh up`.
# --compose: stops the platform's containers, empties the pgdata volume, unpacks the backup into it, and starts the
#   platform again with deploy/compose/up.sh --no-build.
# Checks SHA256SUMS first. Prints the time it took (the RTO's restore part; ADR 0026).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
die() { echo "restore: $*" >&2; exit 1; }
BACKUP=${1:-}
[[ -n $BACKUP && $BACKUP != -* ]] || die "usage: deploy/restore.sh BACKUP_DIR --to DATA_DIR [--start PORT] | --compose"
shift
TO= START= COMPOSE=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --to) TO=${2:?}; shift 2 ;;
    --start) START=${2:?}; shift 2 ;;
    --compose) COMPOSE=1; shift ;;
    *) die "unknown argument $1" ;;
  esac
done
[[ -n $TO || $COMPOSE == 1 ]] || die "say where: --to DATA_DIR or --compose"
[[ -s $BACKUP/base.tar.gz ]] || die "$BACKUP/base.tar.gz is missing"
(cd "$BACKUP" && sha256sum --quiet -c SHA256SUMS) || die "the backup's checksums do not match (SHA256SUMS)"
started=$(date +%s%N)

if [[ $COMPOSE == 1 ]]; then
  source "$ROOT/deploy/compose/lib.sh"
  compose stop >/dev/null 2>&1 || true
  volume=${COMPOSE_PROJECT}_pgdata
  docker volume inspect "$volume" >/dev/null 2>&1 || docker volume create "$volume" >/dev/null
  docker run --rm -i -v "$volume:/data" --entrypoint /bin/bash "mediation/postgres:15" -ec \
    'find /data -mindepth 1 -delete; tar -xzf - -C /data; chown -R postgres:postgres /data; chmod 700 /data' \
    <"$BACKUP/base.tar.gz" || die "could not unpack the backup into the volume $volume"
  "$ROOT/deploy/compose/up.sh" --no-build
else
  [[ ! -e $TO || -z $(ls -A "$TO" 2>/dev/null) ]] || die "$TO is not empty"
  [[ $(id -u) == 0 ]] || die "run as root (the data folder belongs to the user postgres)"
  install -d -o postgres -g postgres -m 700 "$TO"
  tar -xzf "$BACKUP/base.tar.gz" -C "$TO"
  if [[ -s $BACKUP/pg_wal.tar.gz ]]; then tar -xzf "$BACKUP/pg_wal.tar.gz" -C "$TO/pg_wal"; fi
  chown -R postgres:postgres "$TO"
  chmod 700 "$TO"
  if [[ -n $START ]]; then
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
    install -d -o postgres -g postgres -m 700 "$TO/log"
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$TO" -l "$TO/log/restored-postgres.log" -w -t 120 \
      -o "-p $START -c listen_addresses=127.0.0.1 -k $TO" start >/dev/null ||
      die "the restored server did not start ($TO/log/restored-postgres.log)"
  fi
fi
echo "restore: done in $(( ($(date +%s%N) - started) / 1000000 )) ms"
