#!/bin/bash
# The behaviour of the official rabbitmq image that docker-compose.yml relies on, for the image built from Debian's
# archive (deploy/images/rabbitmq.Dockerfile): the administrator from RABBITMQ_DEFAULT_USER / RABBITMQ_DEFAULT_PASS
# (created on a new node instead of guest), listeners on all interfaces, the node rabbit@<hostname>; extra settings
# may come in /etc/rabbitmq/conf.d/*.conf.
set -Eeo pipefail

if [ "$1" = rabbitmq-server ]; then
  conf=/etc/rabbitmq/rabbitmq.conf
  {
    echo "loopback_users = none"
    echo "listeners.tcp.default = 5672"
    echo "management.tcp.port = 15672"
    if [ -n "${RABBITMQ_DEFAULT_USER:-}" ]; then
      echo "default_user = $RABBITMQ_DEFAULT_USER"
      echo "default_pass = ${RABBITMQ_DEFAULT_PASS:?RABBITMQ_DEFAULT_PASS must be set with RABBITMQ_DEFAULT_USER}"
    fi
  } >"$conf"
  chown rabbitmq:rabbitmq "$conf" && chmod 600 "$conf"
  chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
  # no PID or log files to manage: logs go to the console, as in the official image
  export RABBITMQ_LOGS=- RABBITMQ_NODENAME=${RABBITMQ_NODENAME:-rabbit@$(hostname)}
  unset RABBITMQ_DEFAULT_USER RABBITMQ_DEFAULT_PASS
  exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups env HOME=/var/lib/rabbitmq rabbitmq-server
fi
exec "$@"
