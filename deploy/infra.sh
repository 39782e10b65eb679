#!/usr/bin/env bash
# Local PostgreSQL + RabbitMQ for MediationPlatform, without Docker or the distro's services.
#   deploy/infra.sh up|down|status|env
# Everything lives in one state dir per checkout (see state_dir below); `source "$(deploy/infra.sh env)"`
# gives the connection settings. Ports: MP_PG_PORT, MP_RABBIT_PORT, MP_RABBIT_DIST_PORT, MP_RABBIT_MGMT_PORT.
set -euo pipefail

log() { echo "infra: $*" >&2; }
die() { echo "infra: error: $*" >&2; exit 1; }

CHECKOUT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)   # parent of deploy/ = git top-level
ID=$(printf '%s' "$CHECKOUT" | sha1sum | cut -c1-12)
PG_PORT=${MP_PG_PORT:-55432}
PG_PASSWORD=${MP_PG_PASSWORD:-mediation-dev}
RABBIT_PORT=${MP_RABBIT_PORT:-55672}
RABBIT_DIST_PORT=${MP_RABBIT_DIST_PORT:-55673}
RABBIT_MGMT_PORT=${MP_RABBIT_MGMT_PORT:-55674}
NODE="mediation-$ID@localhost"              # unique per checkout: two checkouts never share a node name
RABBIT_BIN=/usr/lib/rabbitmq/bin
DATABASES=(cases mediators reporting identity)

# $CHECKOUT/.local/infra when the postgres user can reach it, else a per-checkout dir in /var/tmp.
# The path must also stay short (the unix socket path is limited to 107 bytes) and free of blanks
# (MP_RABBITMQCTL is a word-split command prefix).
state_dir() {
  if [[ -n ${MP_STATE_DIR:-} ]]; then echo "$MP_STATE_DIR"; return; fi
  local dir="$CHECKOUT/.local/infra"
  if (( ${#dir} <= 80 )) && [[ $dir != *[[:space:]]* ]] && runuser -u postgres -- test -x "$CHECKOUT"; then
    echo "$dir"
  else
    echo "/var/tmp/mediationplatform-$ID"
  fi
}
STATE=$(state_dir)
PGDIR=$STATE/postgres; PGDATA=$PGDIR/data
RDIR=$STATE/rabbitmq;  RPID=$RDIR/rabbit.pid
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)

# Environment of the RabbitMQ node and of its CLI. HOME holds this node's Erlang cookie; our own env/config
# files keep /etc/rabbitmq out of the picture; epmd (shared by all nodes) is started on loopback only.
RABBIT_ENV=(HOME="$RDIR/home" ERL_EPMD_ADDRESS=127.0.0.1 RABBITMQ_NODENAME="$NODE"
  RABBITMQ_CONF_ENV_FILE="$RDIR/rabbitmq-env.conf" RABBITMQ_CONFIG_FILE="$RDIR/rabbitmq.conf"
  RABBITMQ_ADVANCED_CONFIG_FILE="$RDIR/advanced.config" RABBITMQ_ENABLED_PLUGINS_FILE="$RDIR/enabled_plugins"
  RABBITMQ_MNESIA_BASE="$RDIR/mnesia" RABBITMQ_LOG_BASE="$RDIR/log" RABBITMQ_PID_FILE="$RPID")
CTL="env ${RABBIT_ENV[*]} $RABBIT_BIN/rabbitmqctl -n $NODE"
ctl() { $CTL "$@" 9>&-; }   # fd 9 = lock; a CLI may spawn epmd, which must not inherit it

as_pg() { runuser -u postgres -- "$@"; }

# Fail with a clear message when some other process listens on $1 (env var $2 overrides it).
port_free() {
  local owner
  owner=$(ss -Hltnp "( sport = :$1 )" 2>/dev/null) || true
  [[ -z $owner ]] && return 0
  owner=$(grep -o 'users:(([^)]*' <<<"$owner" | head -n1 | sed 's/users:((//')
  die "port $1 is already in use${owner:+ by $owner}; set $2 to a free port (and run 'down' for the old one if it is ours)"
}

# ---------------------------------------------------------------------------------------------- install
ensure_packages() {
  local pkgs=()
  [[ -n $PGBIN && -x $PGBIN/initdb ]] || pkgs+=(postgresql)
  [[ -x $RABBIT_BIN/rabbitmq-server ]] || pkgs+=(rabbitmq-server)
  (( ${#pkgs[@]} )) || return 0
  log "installing ${pkgs[*]} with apt-get ..."
  # policy-rc.d exit 101 keeps apt from starting the distribution's services (5432, 5672, 4369 on all IPs).
  local policy=/usr/sbin/policy-rc.d made_policy=
  if [[ ! -e $policy ]]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"; made_policy=1; fi
  local rc=0
  { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -q &&
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q "${pkgs[@]}"; } >&2 || rc=$?
  [[ -n $made_policy ]] && rm -f "$policy"
  (( rc == 0 )) || die "apt-get install ${pkgs[*]} failed (exit $rc)"
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
}

# ---------------------------------------------------------------------------------------------- postgres
pg_running()   { [[ -f $PGDATA/PG_VERSION ]] && as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }
pg_answering() { "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; }
psql_tcp()     { PGPASSWORD=$PG_PASSWORD "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }

pg_up() {
  install -d -o postgres -g postgres -m 700 "$PGDIR"
  if [[ ! -f $PGDATA/PG_VERSION ]]; then
    log "initdb $PGDATA"
    local pwfile=$PGDIR/pwfile
    (umask 077; printf '%s\n' "$PG_PASSWORD" >"$pwfile"); chown postgres "$pwfile"
    as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres -E UTF8 --no-locale --auth-local=trust \
      --auth-host=scram-sha-256 --pwfile="$pwfile" >"$PGDIR/initdb.log" 2>&1 ||
      { rm -f "$pwfile"; tail -n 20 "$PGDIR/initdb.log" >&2; die "initdb failed (log: $PGDIR/initdb.log)"; }
    rm -f "$pwfile"
  fi
  if pg_running; then
    local port; port=$(sed -n 4p "$PGDATA/postmaster.pid")
    [[ $port == "$PG_PORT" ]] || die "PostgreSQL of $STATE runs on port $port, not MP_PG_PORT=$PG_PORT: run '$0 down' first"
  else
    port_free "$PG_PORT" MP_PG_PORT
    # A postmaster.pid left by a crash is fine: the postmaster ignores it when that pid is not alive.
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDIR/server.log" -w -t 30 -o "-p $PG_PORT \
      -c listen_addresses=127.0.0.1 -k $PGDIR -c max_connections=400 -c shared_buffers=256MB" start >/dev/null 9>&- ||
      { tail -n 20 "$PGDIR/server.log" >&2; die "PostgreSQL did not start (log: $PGDIR/server.log)"; }
  fi
  local i
  for (( i = 0; i < 30; i++ )); do pg_answering && break; sleep 1; done
  pg_answering || die "PostgreSQL does not answer on 127.0.0.1:$PG_PORT (log: $PGDIR/server.log)"
  local existing db
  existing=$(psql_tcp -d postgres -Atc 'SELECT datname FROM pg_database') ||
    die "cannot log in to PostgreSQL as postgres over TCP (was $STATE initialised with another MP_PG_PASSWORD?)"
  for db in "${DATABASES[@]}"; do
    grep -qx "$db" <<<"$existing" || { psql_tcp -d postgres -c "CREATE DATABASE \"$db\"" && log "created database $db"; }
  done
}

pg_down() {
  if pg_running; then as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null && log "PostgreSQL stopped"
  else log "PostgreSQL not running"; fi
}

# ---------------------------------------------------------------------------------------------- rabbitmq
# The VM this state dir started: the pid in our pid file is alive and its command line carries our HOME
# (guards against a stale pid file whose pid was reused; the node name itself is not on the command line).
rabbit_alive() {
  local pid; pid=$(cat "$RPID" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "-home $RDIR/home "
}
rabbit_answering() { curl -sf -m 2 -u guest:guest "http://127.0.0.1:$RABBIT_MGMT_PORT/api/overview" >/dev/null; }

rabbit_conf() {
  cat <<EOF
# generated by deploy/infra.sh for node $NODE (distribution port $RABBIT_DIST_PORT via RABBITMQ_DIST_PORT)
listeners.tcp.local = 127.0.0.1:$RABBIT_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $RABBIT_MGMT_PORT
distribution.listener.interface = 127.0.0.1
EOF
}

rabbit_up() {
  install -d -m 700 "$RDIR" "$RDIR/home"
  if rabbit_alive; then
    [[ $(cat "$RDIR/rabbitmq.conf") == "$(rabbit_conf)" ]] ||
      die "RabbitMQ node $NODE runs with other ports (see $RDIR/rabbitmq.conf): run '$0 down' first"
    rabbit_answering && return 0
    # Alive but silent: still booting, or the app was stopped with stop_app (start_app is a no-op when running).
    log "RabbitMQ node $NODE is alive but not answering; running start_app"
    ctl start_app >/dev/null 2>&1 || true
  else
    rm -f "$RPID"    # stale after a crash
    port_free "$RABBIT_PORT" MP_RABBIT_PORT
    port_free "$RABBIT_DIST_PORT" MP_RABBIT_DIST_PORT
    port_free "$RABBIT_MGMT_PORT" MP_RABBIT_MGMT_PORT
    rabbit_conf >"$RDIR/rabbitmq.conf"
    echo '[rabbitmq_management].' >"$RDIR/enabled_plugins"
    echo '# intentionally empty: keeps /etc/rabbitmq/rabbitmq-env.conf out' >"$RDIR/rabbitmq-env.conf"
    log "starting RabbitMQ node $NODE"
    env "${RABBIT_ENV[@]}" RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT" \
      "$RABBIT_BIN/rabbitmq-server" -detached >"$RDIR/start.log" 2>&1 9>&- ||
      { cat "$RDIR/start.log" >&2; die "rabbitmq-server -detached failed"; }
  fi
  ctl wait "$RPID" --timeout 60 >/dev/null 2>"$RDIR/wait.log" ||
    { cat "$RDIR/wait.log" >&2; tail -n 20 "$RDIR/log/$NODE.log" >&2 2>/dev/null || true
      die "RabbitMQ node $NODE did not start within 60 s (logs: $RDIR/log/)"; }
  local i
  for (( i = 0; i < 20; i++ )); do rabbit_answering && return 0; sleep 0.5; done
  die "RabbitMQ management API does not answer on 127.0.0.1:$RABBIT_MGMT_PORT (logs: $RDIR/log/)"
}

rabbit_down() {
  if rabbit_alive; then ctl stop "$RPID" >/dev/null && log "RabbitMQ node $NODE stopped"
  else rm -f "$RPID"; log "RabbitMQ not running"; fi
}

# ---------------------------------------------------------------------------------------------- main
write_env() {
  local tmp=$STATE/env.sh.tmp k v
  { echo "# generated by $CHECKOUT/deploy/infra.sh up"
    for k in MP_STATE_DIR=$STATE MP_PG_HOST=127.0.0.1 MP_PG_PORT=$PG_PORT MP_PG_USER=postgres \
             MP_PG_PASSWORD=$PG_PASSWORD MP_RABBIT_HOST=127.0.0.1 MP_RABBIT_PORT=$RABBIT_PORT \
             MP_RABBIT_MGMT_PORT=$RABBIT_MGMT_PORT MP_RABBIT_USER=guest MP_RABBIT_PASSWORD=guest \
             MP_RABBIT_NODE=$NODE "MP_RABBITMQCTL=$CTL"; do
      v=${k#*=}; printf "export %s='%s'\n" "${k%%=*}" "${v//\'/\'\\\'\'}"
    done; } >"$tmp"
  chmod 600 "$tmp"; mv "$tmp" "$STATE/env.sh"
}

# Serialises up/down per state dir. Servers are started with fd 9 closed (9>&-), else they would keep the lock.
lock() { exec 9>"$STATE/.lock"; flock -w 120 9 || die "another infra.sh holds $STATE/.lock"; }

prepare_state() {
  [[ $STATE == /* ]] || die "MP_STATE_DIR must be an absolute path (got $STATE)"
  [[ $STATE != *[[:space:]]* ]] || die "state dir must not contain blanks: $STATE"
  (( ${#STATE} <= 90 )) || die "state dir path too long for the PostgreSQL socket: $STATE (set MP_STATE_DIR)"
  mkdir -p "$STATE"
  [[ -O $STATE ]] || die "$STATE is not owned by $(id -un); remove it or set MP_STATE_DIR"
  chmod 755 "$STATE"
  [[ $STATE != "$CHECKOUT/.local/infra" ]] || chmod 755 "$CHECKOUT/.local"
  as_pg test -x "$STATE" || die "user postgres cannot reach $STATE; set MP_STATE_DIR to a traversable path"
}

case ${1:-} in
  up)
    [[ $(id -u) == 0 ]] || die "run as root (runuser to postgres, apt-get)"
    ensure_packages
    prepare_state; lock
    pg_up
    rabbit_up
    write_env
    log "up: postgres 127.0.0.1:$PG_PORT, rabbitmq $NODE amqp 127.0.0.1:$RABBIT_PORT mgmt :$RABBIT_MGMT_PORT; source $STATE/env.sh"
    ;;
  down)
    [[ -d $STATE ]] || { log "nothing to stop ($STATE does not exist)"; exit 0; }
    lock
    if [[ -n $PGBIN ]]; then pg_down; fi
    if [[ -x $RABBIT_BIN/rabbitmqctl ]]; then rabbit_down; fi
    ;;
  status)
    rc=0
    if [[ -n $PGBIN ]] && pg_running && pg_answering; then echo "postgresql: up (127.0.0.1:$PG_PORT, $PGDATA)"
    else echo "postgresql: down"; rc=1; fi
    if rabbit_alive && rabbit_answering; then echo "rabbitmq: up ($NODE, amqp 127.0.0.1:$RABBIT_PORT, mgmt :$RABBIT_MGMT_PORT)"
    else echo "rabbitmq: down"; rc=1; fi
    exit $rc
    ;;
  env)
    [[ -f $STATE/env.sh ]] || log "warning: $STATE/env.sh does not exist yet; run '$0 up'"
    echo "$STATE/env.sh"
    ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
