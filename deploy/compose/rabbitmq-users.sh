#!/bin/sh
# Creates (or updates) the services' RabbitMQ users with the permissions of deploy/rabbitmq/permissions.tsv, through
# the management HTTP API (PUT /api/users/{name}, PUT /api/permissions/{vhost}/{name}), and deletes guest. Idempotent.
# POSIX sh + curl: the one-shot service rabbitmq-users of docker-compose.yml runs it (image mediation/runtime, which has curl); it also
# works against any broker, e.g. through `kubectl port-forward` (deploy/k8s/README.md).
# Environment:
#   RABBITMQ_DEFAULT_USER, RABBITMQ_DEFAULT_PASS  an administrator of the broker (compose: .local/compose/rabbitmq.env)
#   RABBIT_PASSWORD_<user>  the password of each user named in the permissions file (compose: rabbitmq-users.env)
#   RABBIT_API              the management API (default http://rabbitmq:15672/api)
#   RABBIT_VHOST            the virtual host the permissions apply to (default /)
#   PERMISSIONS             the permissions file (default /config/permissions.tsv)
set -eu

api=${RABBIT_API:-http://rabbitmq:15672/api}
file=${PERMISSIONS:-/config/permissions.tsv}
admin=${RABBITMQ_DEFAULT_USER:-}
vhost=$(printf '%s' "${RABBIT_VHOST:-/}" | sed 's/%/%25/g; s|/|%2F|g')
tab=$(printf '\t')

die() { echo "rabbitmq-users: $*" >&2; exit 1; }
[ -n "$admin" ] && [ -n "${RABBITMQ_DEFAULT_PASS:-}" ] || die "RABBITMQ_DEFAULT_USER and RABBITMQ_DEFAULT_PASS must be set"
[ -r "$file" ] || die "cannot read the permissions file $file"

# JSON string content: backslashes and double quotes escaped (the permissions are regular expressions with \.).
json() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }

# The administrator's credentials go to curl in a config file, not on its command line.
config=$(mktemp)
trap 'rm -f "$config"' EXIT
chmod 600 "$config"
printf 'user = "%s:%s"\n' "$(json "$admin")" "$(json "$RABBITMQ_DEFAULT_PASS")" >"$config"

# call METHOD PATH: prints the HTTP status (000: no answer). PUT sends its stdin as the body.
call() {
  if [ "$1" = PUT ]; then
    curl -sS -o /dev/null -w '%{http_code}' -m 10 -K "$config" -X PUT -H 'content-type: application/json' \
      --data-binary @- "$api/$2" || true
  else
    curl -sS -o /dev/null -w '%{http_code}' -m 10 -K "$config" -X "$1" "$api/$2" || true
  fi
}

# RabbitMQ answers its health check before the management API listens: wait for it (2 minutes at most).
i=0
until [ "$(call GET whoami 2>/dev/null)" = 200 ]; do
  i=$((i + 1))
  [ "$i" -le 60 ] || die "the management API at $api does not accept $admin (is RABBITMQ_DEFAULT_PASS the one the broker started with?)"
  sleep 2
done

count=0
while IFS="$tab" read -r user conf write read || [ -n "$user" ]; do
  case $user in '' | '#'*) continue ;; esac
  case $user in *[!a-z0-9_-]*) die "unexpected user name '$user' in $file" ;; esac
  [ -n "$conf" ] && [ -n "$write" ] && [ -n "$read" ] || die "user $user: configure, write and read must all be given in $file"
  var=RABBIT_PASSWORD_$(printf '%s' "$user" | tr '-' '_')
  eval "password=\${$var:-}"
  [ -n "$password" ] || die "$var is not set"

  status=$(printf '{"password":"%s","tags":""}' "$(json "$password")" | call PUT "users/$user")
  case $status in 201 | 204) ;; *) die "PUT users/$user answered $status" ;; esac
  status=$(printf '{"configure":"%s","write":"%s","read":"%s"}' "$(json "$conf")" "$(json "$write")" "$(json "$read")" |
    call PUT "permissions/$vhost/$user")
  case $status in 201 | 204) ;; *) die "PUT permissions/$vhost/$user answered $status" ;; esac
  echo "rabbitmq-users: $user (permissions of $(basename "$file"))"
  count=$((count + 1))
done <"$file"
[ "$count" -gt 0 ] || die "no user in $file"

# The well-known guest user must not exist (with RABBITMQ_DEFAULT_USER set, a new broker does not create it).
if [ "$admin" != guest ]; then
  status=$(call DELETE users/guest)
  case $status in 204 | 404) ;; *) die "DELETE users/guest answered $status" ;; esac
fi
