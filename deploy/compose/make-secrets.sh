#!/usr/bin/env bash
# The secrets of the Docker Compose set-up (docker-compose.yml), generated once per checkout:
#   deploy/compose/up.sh (runs this first), or deploy/compose/make-secrets.sh alone
# Idempotent: a value, key or certificate that exists is kept (the TLS certificate is renewed when it expires within
# 30 days); the env files are rewritten from the kept values on every run. Everything lands in .local/compose/
# (git-ignored, and excluded from the Docker build context by .dockerignore):
#   values/<name>        each generated value, one file each (mode 600); values/admin-password: the gateway's user admin
#   <process>.env        one per process, only that process's secrets (mode 600), read by `env_file:` in compose
#                        cases, mediators, reporting, gateway, postgres (the per-service roles it creates on its first
#                        start), rabbitmq (its administrator), rabbitmq-users (the one-shot that creates the services'
#                        users: deploy/compose/rabbitmq-users.sh)
#   keys/gateway/        signing-key.pem (the token-signing RSA private key), tls.crt + tls.key (self-signed,
#                        CN/SAN localhost): the gateway's alone (the compose service gateway-secrets copies them into
#                        the gateway's volume, owned by the container user)
#   keys/public/         signing-key.pub.pem, mounted read-only by cases, mediators and reporting
#   gateway.crt          a copy of the TLS certificate for clients: curl --cacert .local/compose/gateway.crt ...
# Deleting .local/compose and running this again makes new values: the PostgreSQL roles and RabbitMQ's administrator
# are only created on an empty volume, so run `deploy/compose/down.sh -v` as well (this drops the data).
# Needs bash, openssl (1.1.1 or later), base64 and head.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
OUT=$ROOT/.local/compose
VALUES=$OUT/values

die() { echo "make-secrets: $*" >&2; exit 1; }
for tool in openssl base64 head; do command -v "$tool" >/dev/null || die "$tool is required"; done

install -d -m 700 "$OUT" "$VALUES" "$OUT/keys" "$OUT/keys/gateway"
install -d -m 755 "$OUT/keys/public"

# password NAME / key NAME: a value generated once (passwords: letters and digits only, safe in connection strings,
# env files and JSON; keys: base64 of 32 random bytes, as PersonalData, Idempotency and Webhooks require).
generate() {
  local file=$VALUES/$1 bytes=$2 filter=$3
  if [[ ! -s $file ]]; then
    (umask 077; head -c "$bytes" /dev/urandom | base64 | tr -d "$filter" >"$file.tmp" && mv -f "$file.tmp" "$file")
  fi
  [[ -s $file ]] || die "could not generate $file"
  cat "$file"
}
password() { generate "$1" 24 '/+=\n'; }
key()      { generate "$1" 32 '\n'; }

# write_env NAME: stdin becomes $OUT/NAME (mode 600), replaced atomically.
write_env() {
  local tmp
  tmp=$(mktemp "$OUT/.$1.XXXXXX")
  cat >"$tmp"
  chmod 600 "$tmp"
  mv -f "$tmp" "$OUT/$1"
}

pg() { echo "Host=postgres;Port=5432;Database=$1;Username=$2;Password=$3;Maximum Pool Size=$4"; }

PG_SUPERUSER=$(password postgres)
PG_CASES=$(password db-cases); PG_MEDIATORS=$(password db-mediators)
PG_REPORTING=$(password db-reporting); PG_GATEWAY=$(password db-gateway)
RABBIT_ADMIN=$(password rabbit-admin)
RABBIT_CASES=$(password rabbit-cases); RABBIT_MEDIATORS=$(password rabbit-mediators)
RABBIT_REPORTING=$(password rabbit-reporting)
ADMIN_PASSWORD=$(password admin-password)
password demo-password >/dev/null; password police-client-secret >/dev/null   # for deploy/seed-demo.sh (tests/compose)
PII_KEY=$(key pii-key); PII_HASH_KEY=$(key pii-hash-key)
IDEMPOTENCY_CASES=$(key idempotency-key-cases); IDEMPOTENCY_MEDIATORS=$(key idempotency-key-mediators)
WEBHOOK_KEY=$(key webhook-key)

write_env cases.env <<EOF
ConnectionStrings__Cases=$(pg cases cases "$PG_CASES" 50)
RabbitMq__Username=cases
RabbitMq__Password=$RABBIT_CASES
PersonalData__CurrentKeyId=k1
PersonalData__EncryptionKeys__k1=$PII_KEY
PersonalData__CurrentHashKeyId=h1
PersonalData__HashKeys__h1=$PII_HASH_KEY
Idempotency__HashKey=$IDEMPOTENCY_CASES
EOF

write_env mediators.env <<EOF
ConnectionStrings__Mediators=$(pg mediators mediators "$PG_MEDIATORS" 50)
RabbitMq__Username=mediators
RabbitMq__Password=$RABBIT_MEDIATORS
Idempotency__HashKey=$IDEMPOTENCY_MEDIATORS
Webhooks__SecretKey=$WEBHOOK_KEY
EOF

write_env reporting.env <<EOF
ConnectionStrings__Reporting=$(pg reporting reporting "$PG_REPORTING" 50)
RabbitMq__Username=reporting
RabbitMq__Password=$RABBIT_REPORTING
EOF

write_env gateway.env <<EOF
ConnectionStrings__Identity=$(pg identity gateway "$PG_GATEWAY" 30)
Bootstrap__AdminUser=admin
Bootstrap__AdminPassword=$ADMIN_PASSWORD
EOF

# The superuser, and the passwords of the per-service roles deploy/compose/postgres-init.sh creates on the first start.
write_env postgres.env <<EOF
POSTGRES_PASSWORD=$PG_SUPERUSER
MP_DB_PASSWORD_CASES=$PG_CASES
MP_DB_PASSWORD_MEDIATORS=$PG_MEDIATORS
MP_DB_PASSWORD_REPORTING=$PG_REPORTING
MP_DB_PASSWORD_GATEWAY=$PG_GATEWAY
EOF

# RabbitMQ creates this administrator instead of guest on its first start.
write_env rabbitmq.env <<EOF
RABBITMQ_DEFAULT_USER=mediation-admin
RABBITMQ_DEFAULT_PASS=$RABBIT_ADMIN
EOF

# The passwords of the users of deploy/rabbitmq/permissions.tsv (with rabbitmq.env: the administrator that creates them).
write_env rabbitmq-users.env <<EOF
RABBIT_PASSWORD_cases=$RABBIT_CASES
RABBIT_PASSWORD_mediators=$RABBIT_MEDIATORS
RABBIT_PASSWORD_reporting=$RABBIT_REPORTING
EOF

# The RSA key the gateway signs tokens with; its public half for the services.
if [[ ! -s $OUT/keys/gateway/signing-key.pem ]]; then
  (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/keys/gateway/signing-key.pem.tmp" 2>/dev/null &&
    mv -f "$OUT/keys/gateway/signing-key.pem.tmp" "$OUT/keys/gateway/signing-key.pem") || die "openssl genpkey failed"
  rm -f "$OUT/keys/public/signing-key.pub.pem"
fi
if [[ ! -s $OUT/keys/public/signing-key.pub.pem ]]; then
  openssl pkey -in "$OUT/keys/gateway/signing-key.pem" -pubout -out "$OUT/keys/public/signing-key.pub.pem" 2>/dev/null ||
    die "openssl pkey -pubout failed"
fi
chmod 600 "$OUT/keys/gateway/signing-key.pem"
chmod 644 "$OUT/keys/public/signing-key.pub.pem"

# The gateway's TLS certificate: self-signed for localhost (and 127.0.0.1), 397 days.
if [[ ! -s $OUT/keys/gateway/tls.crt || ! -s $OUT/keys/gateway/tls.key ]] ||
   ! openssl x509 -checkend $((30 * 86400)) -noout -in "$OUT/keys/gateway/tls.crt" >/dev/null 2>&1; then
  (umask 077; openssl req -x509 -newkey rsa:2048 -nodes -days 397 -subj "/CN=localhost/O=MediationPlatform (compose)" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -addext "extendedKeyUsage=serverAuth" \
    -keyout "$OUT/keys/gateway/tls.key.tmp" -out "$OUT/keys/gateway/tls.crt.tmp" >/dev/null 2>&1 &&
    mv -f "$OUT/keys/gateway/tls.key.tmp" "$OUT/keys/gateway/tls.key" &&
    mv -f "$OUT/keys/gateway/tls.crt.tmp" "$OUT/keys/gateway/tls.crt") || die "openssl req (TLS certificate) failed"
fi
chmod 600 "$OUT/keys/gateway/tls.key" "$OUT/keys/gateway/tls.crt"
cp "$OUT/keys/gateway/tls.crt" "$OUT/gateway.crt" && chmod 644 "$OUT/gateway.crt"

rel=${OUT#"$ROOT"/}
cat <<EOF
make-secrets: secrets in $rel (env files mode 600, one per process).
  gateway:        https://localhost:5080  (certificate for curl --cacert: $rel/gateway.crt)
  admin sign-in:  user admin, password in $rel/values/admin-password
Next: deploy/compose/up.sh
EOF
