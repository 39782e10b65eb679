#!/usr/bin/env bash
# A three-node RabbitMQ cluster on this machine, from Debian's rabbitmq-server package (what deploy/infra.sh installs):
# for the broker-failover drill (tests/BuildingBlocks.Tests/BrokerClusterTests.cs) and to try a clustered broker by
# hand. Loopback only; each node its own data folder, AMQP port and distribution port; one Erlang cookie (DIR/home).
#   deploy/rabbitmq/cluster.sh up DIR [--ports 56101,56102,56103] [--dist-ports 56111,56112,56113]
#   deploy/rabbitmq/cluster.sh status DIR           # cluster_status as node 1 sees it (or the next node that answers)
#   deploy/rabbitmq/cluster.sh queues DIR           # every queue (JSON): type, leader, members, online members, depth
#   deploy/rabbitmq/cluster.sh kill DIR N           # SIGKILL node N (1-3): a crashed machine, no goodbye
#   deploy/rabbitmq/cluster.sh start DIR N          # start node N again: it rejoins the cluster by itself
#   deploy/rabbitmq/cluster.sh down DIR             # stop every node still running (the folder stays)
# The services connect to all three with RabbitMq:Nodes=127.0.0.1:56101,127.0.0.1:56102,127.0.0.1:56103 (ADR 0028);
# their queues are quorum queues, replicated on every node. The user is `guest`, which RabbitMQ admits from loopback
# only — a drill, not an installation (there: deploy/rabbitmq/users.sh's users, TLS as in deploy/infra.sh).
set -euo pipefail
RABBIT_BIN=/usr/lib/rabbitmq/bin
die() { echo "cluster: $*" >&2; exit 1; }
[[ $# -ge 2 ]] || { sed -n '2,12p' "$0"; exit 2; }
cmd=$1 DIR=$2; shift 2
mkdir -p "$DIR"; DIR=$(cd "$DIR" && pwd -P)
[[ -x $RABBIT_BIN/rabbitmq-server ]] || die "RabbitMQ is not installed (deploy/infra.sh up installs it)"

PORTS=56101,56102,56103 DIST_PORTS=56111,56112,56113
[[ -s $DIR/ports ]] && source "$DIR/ports"
while [[ $# -gt 0 && $1 == --* ]]; do
  case $1 in
    --ports) PORTS=$2; shift 2 ;;
    --dist-ports) DIST_PORTS=$2; shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done
IFS=, read -r -a AMQP <<<"$PORTS"
IFS=, read -r -a DIST <<<"$DIST_PORTS"
[[ ${#AMQP[@]} == 3 && ${#DIST[@]} == 3 ]] || die "--ports and --dist-ports take three ports each"
# node names derive from the folder, so two drills (two folders) never share a name
TAG=mpc$(printf '%s' "$DIR" | sha1sum | cut -c1-8)
name() { echo "$TAG-$1@localhost"; }

env_of() { # N → the environment of node N
  local n=$1 d=$DIR/node$1
  echo HOME="$DIR/home" ERL_EPMD_ADDRESS=127.0.0.1 ERL_CRASH_DUMP="$d/erl_crash.dump" RABBITMQ_NODENAME="$(name "$n")" \
    RABBITMQ_CONF_ENV_FILE="$d/rabbitmq-env.conf" RABBITMQ_CONFIG_FILE="$d/rabbitmq.conf" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$d/advanced.config" RABBITMQ_ENABLED_PLUGINS_FILE="$d/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$d/mnesia" RABBITMQ_LOG_BASE="$d/log" RABBITMQ_PID_FILE="$d/rabbit.pid" \
    RABBITMQ_DIST_PORT="${DIST[$((n - 1))]}"
}
ctl() { local n=$1; shift; env $(env_of "$n") "$RABBIT_BIN/rabbitmqctl" -n "$(name "$n")" "$@"; }
alive() { [[ -s $DIR/node$1/rabbit.pid ]] && kill -0 "$(<"$DIR/node$1/rabbit.pid")" 2>/dev/null; }

start_node() {
  local n=$1 d=$DIR/node$1
  alive "$n" && return 0
  install -d -m 700 "$d" "$DIR/home"
  printf 'listeners.tcp.local = 127.0.0.1:%s\ndistribution.listener.interface = 127.0.0.1\nloopback_users.guest = true\n' \
    "${AMQP[$((n - 1))]}" >"$d/rabbitmq.conf"
  echo '[].' >"$d/enabled_plugins"
  echo '[].' >"$d/advanced.config"
  echo '# intentionally empty: keeps /etc/rabbitmq/rabbitmq-env.conf out' >"$d/rabbitmq-env.conf"
  rm -f "$d/rabbit.pid"
  env $(env_of "$n") "$RABBIT_BIN/rabbitmq-server" -detached >"$d/start.log" 2>&1 9>&- ||
    { cat "$d/start.log" >&2; die "node $n did not start"; }
  ctl "$n" wait "$d/rabbit.pid" --timeout 90 >/dev/null 2>"$d/wait.log" ||
    { cat "$d/wait.log" >&2; tail -n 20 "$d/log/$(name "$n").log" >&2 2>/dev/null || true; die "node $n did not come up"; }
}

case $cmd in
  up)
    printf 'PORTS=%s DIST_PORTS=%s\n' "$PORTS" "$DIST_PORTS" >"$DIR/ports"
    start_node 1
    for n in 2 3; do
      fresh=0; [[ -d $DIR/node$n/mnesia ]] || fresh=1
      start_node "$n"
      if [[ $fresh == 1 ]]; then
        ctl "$n" stop_app >/dev/null
        ctl "$n" join_cluster "$(name 1)" >/dev/null
        ctl "$n" start_app >/dev/null
      fi
    done
    running=$(ctl 1 eval 'length(rabbit_nodes:all_running()).' 2>/dev/null || echo 0)
    [[ $running == 3 ]] || die "the cluster has $running running nodes, not 3"
    echo "cluster: 3 nodes running: $(name 1) :${AMQP[0]}, $(name 2) :${AMQP[1]}, $(name 3) :${AMQP[2]}"
    echo "cluster: RabbitMq__Nodes=127.0.0.1:${AMQP[0]},127.0.0.1:${AMQP[1]},127.0.0.1:${AMQP[2]}"
    ;;
  status)
    for n in 1 2 3; do alive "$n" && { ctl "$n" cluster_status; exit 0; }; done
    die "no node is running"
    ;;
  queues)
    for n in 1 2 3; do
      alive "$n" && { ctl "$n" list_queues -q --formatter json name type leader members online messages consumers; exit 0; }
    done
    die "no node is running"
    ;;
  kill)
    n=${1:?node number}
    alive "$n" || die "node $n is not running"
    kill -KILL "$(<"$DIR/node$n/rabbit.pid")"
    echo "cluster: node $n ($(name "$n")) killed"
    ;;
  start)
    n=${1:?node number}
    start_node "$n"
    echo "cluster: node $n ($(name "$n")) running"
    ;;
  down)
    for n in 3 2 1; do
      if alive "$n"; then ctl "$n" stop "$DIR/node$n/rabbit.pid" >/dev/null 2>&1 || kill -KILL "$(<"$DIR/node$n/rabbit.pid")"; fi
    done
    echo "cluster: stopped"
    ;;
  *) die "unknown command $cmd (up, status, queues, kill, start, down)" ;;
esac
