#!/usr/bin/env bash
# PostgreSQL init script of docker-compose.yml (mounted into /docker-entrypoint-initdb.d; runs once, on an empty data
# volume): one login role per process, each owning only its own database —
#   cases → cases, mediators → mediators, reporting → reporting, gateway → identity.
# CONNECT is revoked from PUBLIC, so a role cannot even open another service's database. The passwords come from
# .local/compose/postgres.env (deploy/compose/make-secrets.sh). The same SQL fits a managed PostgreSQL
# (deploy/k8s/README.md). Written so that the entrypoint may either execute or source it (hence no `set -u`).
set -eo pipefail

mp_create_role_and_database() { # ROLE DATABASE PASSWORD-VARIABLE
  if [[ -z ${!3:-} ]]; then
    echo "postgres-init: $3 is not set (run deploy/compose/make-secrets.sh)" >&2
    exit 1
  fi
  # \getenv (psql 15+) keeps the password off the command line; :'pw' quotes it as an SQL literal.
  psql -v ON_ERROR_STOP=1 -v role="$1" -v db="$2" --username "${POSTGRES_USER:-postgres}" --dbname postgres <<SQL
\getenv pw $3
CREATE ROLE :"role" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
}

mp_create_role_and_database cases cases MP_DB_PASSWORD_CASES
mp_create_role_and_database mediators mediators MP_DB_PASSWORD_MEDIATORS
mp_create_role_and_database reporting reporting MP_DB_PASSWORD_REPORTING
mp_create_role_and_database gateway identity MP_DB_PASSWORD_GATEWAY

# The mediators' migration needs btree_gist (the sessions' exclusion constraint). It is a trusted extension, so the
# database owner could create it; creating it here keeps the first start independent of that.
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname mediators -c 'CREATE EXTENSION IF NOT EXISTS btree_gist'
