#!/usr/bin/env bash
# CPU per registration, and nothing else (issue 26, item 4): a short probe for A/B comparisons of one change, where the
# full bench/run.sh takes 20 minutes. Starts the platform as bench/run.sh does (its own databases cpu_*, vhost cpu,
# ports 5280-5283), seeds the demo town, warms up, measures the four processes' CPU for an idle window (their fixed
# per-second work: pollers, timers) and then for a fixed rate of registrations through the gateway and the processing
# of their events until every outbox and queue is empty. Prints one JSON line a round: per process, CPU ms per registration
# (user and system), the idle CPU per second, the phase's p50/p99, and the whole machine's CPU per registration (PostgreSQL,
# RabbitMQ and the load generator included: what the p99 queues for) with PostgreSQL's, RabbitMQ's and the load
# generator's own share, and PostgreSQL's WAL flushes, WAL bytes and commits per registration.
#   bench/cpu.sh [--no-build] [--rate 60] [--seconds 60] [--warmup 90] [--rounds 2] [--perf FILE]
# --warmup: seconds of closed-loop registrations first (the JIT's tiering takes about a minute to settle; 20 s of it
#   left the first measured minute 40 % dearer). --rounds: the measurement repeated, one JSON line each.
# --perf FILE: also records an on-CPU profile of the whole machine during the fixed-rate phase (perf, with the JIT's
#   symbol maps; see ADR 0017) and writes `perf script` output to FILE.N a round (FILE.pids names the processes);
#   bench/perf_report.py summarises it.
# Any environment variable reaches the services (e.g. OpenTelemetry or feature settings for an A/B run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd -P)
BUILD=1 RATE=60 SECS=60 PERF_OUT= WARMUP=90 ROUNDS=2
while (( $# )); do
  case $1 in
    --no-build) BUILD=0 ;;
    --rate) RATE=$2; shift ;;
    --seconds) SECS=$2; shift ;;
    --perf) PERF_OUT=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
BASE=${BENCH_PORT_BASE:-5280}
GATEWAY_PORT=$BASE CASES_PORT=$((BASE + 1)) MEDIATORS_PORT=$((BASE + 2)) REPORTING_PORT=$((BASE + 3))
CONFIGURATION=Release DB_PREFIX=cpu_ RABBIT_VHOST=cpu
WORK="$ROOT/.local/bench-cpu" LOG_DIR="$ROOT/.local/bench-cpu/logs"
rm -rf "$WORK"; mkdir -p "$WORK" "$LOG_DIR"
T0=$SECONDS
say() { printf '[cpu %4ds] %s\n' $((SECONDS - T0)) "$*" >&2; }

# shellcheck source=bench/lib.sh
source bench/lib.sh
bench_infra
if [[ -n $PERF_OUT ]]; then export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0; fi
bench_platform cases mediators reporting identity
common=(--seed 20261125 --regions "$VILLAGES" --town muer --district yubei --url "$GATEWAY_URL" --token-url "$GATEWAY_URL/connect/token")
say "warm-up ($WARMUP s)"
"${LOADGEN[@]}" http --mode closed --concurrency 8 --duration "$WARMUP" "${common[@]}" --name warm-up --index-offset 800000000 >/dev/null
wait_idle warm-up
sleep 5

# user and system ticks of each process, space-separated pairs
# and last the whole machine's busy ticks (user, nice, system, irq, softirq, steal of /proc/stat: PostgreSQL, RabbitMQ
# and the load generator included) as a pair with 0
ticks() {
  local p; for p in "${PIDS[@]}"; do awk '{printf "%d %d ", $14, $15}' "/proc/$p/stat"; done
  awk '$1 == "cpu" {printf "%d 0\n", $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat
}
# procs NAME: every process's user + system ticks now, with what it is (postgres, rabbitmq, other), for the report's
# PostgreSQL and RabbitMQ lines (a process that ended between two snapshots drops out; the load generator, which starts
# and ends inside the phase, is timed by /usr/bin/time instead; the machine's figure also holds the probe's own
# rabbitmqctl calls while it waits for the queues to drain)
procs() {
  python3 - "$WORK/procs-$1.json" <<'EOF'
import json, os, sys
out = {}
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        stat = open(f"/proc/{pid}/stat").read(); cmd = open(f"/proc/{pid}/cmdline", "rb").read().decode(errors="replace")
    except OSError:
        continue
    comm = stat[stat.index("(") + 1:stat.rindex(")")]; fields = stat[stat.rindex(")") + 2:].split()
    what = ("postgres" if comm == "postgres" else "rabbitmq" if comm in ("beam.smp", "erl_child_setup", "epmd") else "other")
    out[pid] = [what, int(fields[11]) + int(fields[12])]
json.dump(out, open(sys.argv[1], "w"))
EOF
  # PostgreSQL's WAL flushes and bytes and the bench databases' commits so far
  psql_q -d postgres -F ' ' -c "SELECT w.wal_sync, w.wal_bytes, (SELECT sum(xact_commit) FROM pg_stat_database WHERE datname LIKE '${DB_PREFIX}%')
    FROM pg_stat_wal w" >"$WORK/wal-$1.txt"
}
IDLE=15
# one JSON line: CPU per registration of each process (user, system, net of its idle rate) and the phase's latency
report() {
  python3 - "$WORK/probe.json" "$(getconf CLK_TCK)" "$IDLE" "$t_from" "$t_to" "${idle_from[*]}" "${idle_to[*]}" "${from[*]}" "${to[*]}" "$WORK" <<'EOF'
import json, sys
probe = json.load(open(sys.argv[1])); hz = int(sys.argv[2]); idle = float(sys.argv[3])
elapsed = float(sys.argv[5]) - float(sys.argv[4])
a, b, c, d = ([int(x) for x in s.split()] for s in sys.argv[6:10])
n = probe["requests"]
out = {"rate": round(probe["rps"], 1), "registrations": n, "seconds": round(elapsed, 1), "p50_ms": round(probe["p50Ms"], 1),
       "p99_ms": round(probe["p99Ms"], 1), "errors": probe["errors"]}
total = 0.0; total_net = 0.0
for i, name in enumerate(["cases", "mediators", "reporting", "gateway"]):
    user = (d[2*i] - c[2*i]) * 1000 / hz; system = (d[2*i+1] - c[2*i+1]) * 1000 / hz
    idle_ms_s = ((b[2*i] + b[2*i+1]) - (a[2*i] + a[2*i+1])) * 1000 / hz / idle
    out[name] = {"ms_per_reg": round((user + system) / n, 2), "user": round(user / n, 2), "sys": round(system / n, 2),
                 "idle_ms_per_s": round(idle_ms_s, 1), "net_of_idle": round((user + system - idle_ms_s * elapsed) / n, 2)}
    total += (user + system) / n; total_net += (user + system - idle_ms_s * elapsed) / n
out["total_ms_per_reg"] = round(total, 2); out["total_net_of_idle"] = round(total_net, 2)
machine = (d[8] - c[8]) * 1000 / hz; machine_idle_s = (b[8] - a[8]) * 1000 / hz / idle
out["machine"] = {"ms_per_reg": round(machine / n, 2), "idle_ms_per_s": round(machine_idle_s, 1),
                  "net_of_idle": round((machine - machine_idle_s * elapsed) / n, 2)}
def groups(a_name, b_name):
    a = json.load(open(f"{work}/procs-{a_name}.json")); b = json.load(open(f"{work}/procs-{b_name}.json")); g = {}
    for pid, (what, t) in b.items():
        g[what] = g.get(what, 0) + t - (a[pid][1] if pid in a and a[pid][0] == what else 0)
    return g
work = sys.argv[10]; idle_g = groups("idle_from", "idle_to"); run_g = groups("from", "to")
for what in ("postgres", "rabbitmq"):
    busy = run_g.get(what, 0) * 1000 / hz; idle_s = idle_g.get(what, 0) * 1000 / hz / idle
    out[what] = {"ms_per_reg": round(busy / n, 2), "idle_ms_per_s": round(idle_s, 1), "net_of_idle": round((busy - idle_s * elapsed) / n, 2)}
wal_a, wal_b = (open(f"{work}/wal-{x}.txt").read().split() for x in ("from", "to"))
out["postgres"].update({"wal_flushes_per_reg": round((int(wal_b[0]) - int(wal_a[0])) / n, 2),
                        "wal_kb_per_reg": round((float(wal_b[1]) - float(wal_a[1])) / 1024 / n, 1),
                        "commits_per_reg": round((int(wal_b[2]) - int(wal_a[2])) / n, 2)})
out["loadgen"] = {"ms_per_reg": round(sum(map(float, open(f"{work}/loadgen.time").read().split()[-2:])) * 1000 / n, 2)}
print(json.dumps(out))
EOF
}
for round in $(seq 1 "$ROUNDS"); do
  say "idle window (${IDLE} s)"
  read -r -a idle_from <<<"$(ticks)"; procs idle_from; sleep "$IDLE"; read -r -a idle_to <<<"$(ticks)"; procs idle_to
  say "fixed rate: $RATE/s for ${SECS} s"
  read -r -a from <<<"$(ticks)"; procs from; t_from=$(date +%s.%N)
  if [[ -n $PERF_OUT ]]; then
    perf record -F 499 -a -g -o "$WORK/perf-$round.data" -- sleep "$SECS" 2>/dev/null &
    PERF_PID=$!
  fi
  /usr/bin/time -f '%U %S' -o "$WORK/loadgen.time" \
    "${LOADGEN[@]}" http --mode open --rate "$RATE" --duration "$SECS" "${common[@]}" --name probe --out "$WORK/probe.json" \
    --index-offset $((900000000 + round * 10000000)) >/dev/null
  [[ -n $PERF_OUT ]] && wait "$PERF_PID"
  wait_idle probe
  read -r -a to <<<"$(ticks)"; procs to; t_to=$(date +%s.%N)
  if [[ -n $PERF_OUT ]]; then
    perf script -i "$WORK/perf-$round.data" -F pid,tid,comm,ip,sym 2>/dev/null >"$PERF_OUT.$round" || true
    printf '%s\n' "cases=${PIDS[0]} mediators=${PIDS[1]} reporting=${PIDS[2]} gateway=${PIDS[3]}" >"$PERF_OUT.pids"
  fi
  report
done
say "done"
