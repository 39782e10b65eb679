#!/bin/bash
# The behaviour of the official postgres image that docker-compose.yml relies on, for the image built from Debian's
# archive (deploy/images/postgres.Dockerfile):
# - runs the server as the user postgres (started as root: fixes the data folder's owner, then drops privileges);
# - on an empty $PGDATA: initdb with the superuser postgres and $POSTGRES_PASSWORD (required), local socket trusted,
#   every TCP connection by scram-sha-256; then a temporary server on the socket only runs /docker-entrypoint-initdb.d/
#   (*.sh executed when executable, else sourced; *.sql through psql), and stops;
# - then `exec postgres …` with the container's command (e.g. -c max_connections=300).
set -Eeo pipefail

if [ "${1:0:1}" = '-' ]; then set -- postgres "$@"; fi

if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
  install -d -o postgres -g postgres -m 700 "$PGDATA"
  chown -R postgres:postgres "$PGDATA"
  install -d -o postgres -g postgres -m 2775 /var/run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$BASH_SOURCE" "$@"
fi

if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "postgres-entrypoint: the data folder is empty and POSTGRES_PASSWORD is not set" >&2
    exit 1
  fi
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb --username=postgres --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale \
    -D "$PGDATA" >/dev/null
  rm -f "$pwfile"
  printf '\nhost all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  printf "listen_addresses = '*'\n" >>"$PGDATA/postgresql.conf"

  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w -t 60 start >/dev/null
  export PGUSER=postgres POSTGRES_USER=postgres
  for f in /docker-entrypoint-initdb.d/*; do
    case $f in
      *.sh) echo "postgres-entrypoint: running $f"; if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
      *.sql) echo "postgres-entrypoint: running $f"; psql -v ON_ERROR_STOP=1 --dbname postgres -f "$f" ;;
      *) ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo "postgres-entrypoint: initialised $PGDATA"
fi

exec "$@"
