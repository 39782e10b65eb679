#!/usr/bin/env python3
"""Samples the machine and the platform once a second while bench/run.sh drives its sustained phase (issue 26).

Every second, one JSON line in OUT:
  t          seconds since the epoch (wall clock, to align with the load generator's per-second series)
  cpu        per process: CPU used in that second, in cores (utime + stime from /proc/PID/stat), and rss_mb
  others     the CPU of everything else in that second, in cores: postgres (all of PostgreSQL's processes), rabbitmq
             (its Erlang VM), other (the load generator, this sampler, …)
  machine    busy / iowait / steal as fractions of all cores (/proc/stat), cpu_pressure: the share of that second in
             which some runnable task waited for a CPU (/proc/pressure/cpu "some" total)
  dotnet     per process, from its /metrics (the runtime's own meters): gc_pause_ms in that second, gc collections
             (gen0/1/2) in that second, thread-pool queue length and thread count, monitor lock contentions
  pg         checkpoints in that second, buffers written by checkpoints, autovacuum workers running, backends waiting on
             a lock, active backends, and the longest running query (ms) — sampled from pg_stat_* with psql
  rabbit     messages ready + unacknowledged in the bench vhost's queues (total and the deepest queue), from the
             management API
Stops on SIGTERM (or after --max-seconds).

  bench/sampler.py --out FILE --pid cases=123 --pid gateway=456 --metrics cases=http://127.0.0.1:5181/metrics
                   --rabbit-api http://127.0.0.1:55674 --vhost bench   (PG* and RABBIT_USER/RABBIT_PASSWORD from the environment)
"""
import argparse
import base64
import json
import os
import re
import signal
import subprocess
import time
import urllib.parse
import urllib.request

TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
running = True


def stop(*_):
    global running
    running = False


def proc_cpu(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        # after the command: state is fields[0]; utime = field 14 → index 11, stime 15 → 12, rss 24 → 21
        return (int(fields[11]) + int(fields[12])) / TICKS, int(fields[21]) * PAGE / 1048576
    except (OSError, IndexError, ValueError):
        return None, None


def kind_of(comm):
    """The group a process's CPU is counted in: PostgreSQL's processes, RabbitMQ's Erlang VM, or everything else."""
    return "postgres" if comm == "postgres" else "rabbitmq" if comm.startswith("beam") else "other"


def group_cpu(own, prev):
    """The CPU of everything else on the machine since the last call, in seconds, by kind: PostgreSQL's processes,
    RabbitMQ's Erlang VM, and the rest (the load generator, this sampler, psql) — what the four services' CPU does not
    explain. Per process, so that a process that ends (a pooled connection's backend) takes only its own last second
    away, not its whole life; a new process counts all it used (it started within the second). Returns the groups and the
    per-process totals to pass next time. A process that started and ended between two calls is missed (a psql: a few ms)."""
    groups = {"postgres": 0.0, "rabbitmq": 0.0, "other": 0.0}
    seen = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or entry in own:
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                head, rest = f.read().rsplit(")", 1)
            fields = rest.split()
            used = (int(fields[11]) + int(fields[12])) / TICKS
        except (OSError, IndexError, ValueError):
            continue
        kind = kind_of(head.split("(", 1)[1])
        seen[entry] = used
        groups[kind] += max(0.0, used - prev.get(entry, 0.0)) if prev is not None else 0.0
    return groups, seen


def machine_cpu():
    with open("/proc/stat") as f:
        parts = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (parts + [0] * 8)[:8]
    return {"busy": user + nice + system + irq + softirq, "iowait": iowait, "steal": steal,
            "total": user + nice + system + idle + iowait + irq + softirq + steal}


def cpu_pressure_us():
    try:
        with open("/proc/pressure/cpu") as f:
            for line in f:
                if line.startswith("some"):
                    return int(re.search(r"total=(\d+)", line).group(1))
    except OSError:
        return None
    return None


METRIC = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+([-+0-9.eE]+|NaN)')


def scrape(url):
    """The runtime's metrics of one process: {name: value} summed over label sets, gen-labelled GC counts apart."""
    out = {}
    try:
        with urllib.request.urlopen(url, timeout=0.8) as r:
            text = r.read().decode("utf-8", "replace")
    except Exception:  # a process busy or gone: a gap in the series, not the end of the sampling
        return None
    for line in text.splitlines():
        m = METRIC.match(line)
        if not m:
            continue
        name, labels, value = m.group(1), m.group(2) or "", m.group(3)
        if not name.startswith(("dotnet_gc", "dotnet_thread_pool", "dotnet_monitor", "process_runtime_dotnet")):
            continue
        try:
            v = float(value)
        except ValueError:
            continue
        gen = re.search(r'gc_heap_generation="([^"]+)"|generation="([^"]+)"', labels)
        key = name + (":" + (gen.group(1) or gen.group(2)) if gen else "")
        out[key] = out.get(key, 0.0) + v
    return out


def first(d, *names):
    for n in names:
        if n in d:
            return d[n]
    return None


PG_QUERY = """SELECT
  (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter),
  (SELECT buffers_checkpoint FROM pg_stat_bgwriter),
  (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'),
  (SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'),
  (SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend'),
  (SELECT coalesce(max(extract(epoch FROM clock_timestamp() - query_start) * 1000), 0)::int FROM pg_stat_activity
     WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()),
  (SELECT string_agg(DISTINCT wait_event_type || ':' || wait_event, ',') FROM pg_stat_activity
     WHERE state = 'active' AND wait_event IS NOT NULL AND backend_type = 'client backend'),
  (SELECT string_agg(w.n || '× ' || w.db || ': ' || w.q, ' ¦ ' ORDER BY w.n DESC) FROM (
     SELECT count(*) n, datname db, left(regexp_replace(query, '\s+', ' ', 'g'), 70) q FROM pg_stat_activity
     WHERE wait_event_type = 'Lock' GROUP BY 2, 3 ORDER BY 1 DESC LIMIT 3) w),
  (SELECT string_agg(DISTINCT b.datname || ': ' || left(regexp_replace(b.query, '\s+', ' ', 'g'), 70), ' ¦ ')
     FROM pg_stat_activity w, unnest(pg_blocking_pids(w.pid)) bp, pg_stat_activity b
     WHERE w.wait_event_type = 'Lock' AND b.pid = bp AND cardinality(pg_blocking_pids(b.pid)) = 0)"""


def pg_sample():
    try:
        out = subprocess.run(["psql", "-X", "-At", "-F", "|", "-d", "postgres", "-c", PG_QUERY], capture_output=True,
                             text=True, timeout=0.9).stdout.strip()
        c, b, av, lock, active, longest, waits, waiting, blocking = (out.split("|") + [""] * 9)[:9]
        # waiting: the statements waiting on a lock (count, database, text) — which row a convoy queues on;
        # blocking: what the head of each queue (a blocker that waits on nobody) is running, or its last statement
        return {"checkpoints": int(c), "buffers_checkpoint": int(b), "autovacuum": int(av), "lock_waits": int(lock),
                "active": int(active), "longest_query_ms": int(longest), "waits": waits, "lock_waiting": waiting,
                "lock_blocking": blocking}
    except Exception:
        return None


def rabbit_sample(api, user, password, vhost):
    """Queue depths from the management API (a rabbitmqctl call would start an Erlang VM every second)."""
    try:
        url = f"{api.rstrip('/')}/api/queues/{urllib.parse.quote(vhost, safe='')}?columns=name,messages"
        request = urllib.request.Request(url)
        request.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode())
        with urllib.request.urlopen(request, timeout=0.8) as r:
            queues = json.loads(r.read())
        depths = {q["name"]: int(q.get("messages") or 0) for q in queues if not q["name"].endswith(("_error", "_skipped"))}
        deepest = max(depths.items(), key=lambda kv: kv[1]) if depths else ("", 0)
        return {"total": sum(depths.values()), "deepest": deepest[1], "deepest_queue": deepest[0]}
    except Exception:
        return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--pid", action="append", default=[], help="name=pid")
    p.add_argument("--metrics", action="append", default=[], help="name=url")
    p.add_argument("--rabbit-api", default="", help="http://127.0.0.1:PORT (credentials: RABBIT_USER, RABBIT_PASSWORD)")
    p.add_argument("--vhost", default="/")
    p.add_argument("--max-seconds", type=float, default=3600)
    a = p.parse_args()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    pids = dict(x.split("=", 1) for x in a.pid)
    urls = dict(x.split("=", 1) for x in a.metrics)

    prev_cpu = {n: proc_cpu(pid)[0] for n, pid in pids.items()}
    own = set(pids.values())
    _, prev_procs = group_cpu(own, None)
    prev_machine, prev_pressure = machine_cpu(), cpu_pressure_us()
    prev_metrics = {n: scrape(u) or {} for n, u in urls.items()}
    prev_pg = pg_sample()
    start, prev_t = time.time(), time.monotonic()
    with open(a.out, "w") as out:
        while running and time.time() - start < a.max_seconds:
            time.sleep(max(0.0, 1.0 - (time.monotonic() - prev_t)))
            now_mono = time.monotonic()
            dt = now_mono - prev_t
            prev_t = now_mono
            row = {"t": round(time.time(), 3), "cpu": {}, "dotnet": {}}
            for n, pid in pids.items():
                used, rss = proc_cpu(pid)
                if used is not None and prev_cpu.get(n) is not None:
                    row["cpu"][n] = {"cores": round((used - prev_cpu[n]) / dt, 3), "rss_mb": round(rss, 1)}
                prev_cpu[n] = used
            groups, prev_procs = group_cpu(own, prev_procs)
            row["others"] = {k: round(groups[k] / dt, 3) for k in groups}
            m = machine_cpu()
            total = max(1, m["total"] - prev_machine["total"])
            row["machine"] = {k: round((m[k] - prev_machine[k]) / total, 3) for k in ("busy", "iowait", "steal")}
            pressure = cpu_pressure_us()
            if pressure is not None and prev_pressure is not None:
                row["machine"]["cpu_pressure"] = round((pressure - prev_pressure) / 1e6 / dt, 3)
            prev_machine, prev_pressure = m, pressure
            for n, u in urls.items():
                cur = scrape(u)
                if cur is None:
                    continue
                old = prev_metrics.get(n) or {}

                def delta(*names):
                    c, o = first(cur, *names), first(old, *names)
                    return None if c is None or o is None else c - o

                pause = delta("dotnet_gc_pause_time_seconds_total", "process_runtime_dotnet_gc_pause_time_seconds_total")
                row["dotnet"][n] = {
                    "gc_pause_ms": None if pause is None else round(pause * 1000, 2),
                    "gen0": delta("dotnet_gc_collections_total:gen0", "process_runtime_dotnet_gc_collections_count_total:gen0"),
                    "gen1": delta("dotnet_gc_collections_total:gen1", "process_runtime_dotnet_gc_collections_count_total:gen1"),
                    "gen2": delta("dotnet_gc_collections_total:gen2", "process_runtime_dotnet_gc_collections_count_total:gen2"),
                    "threadpool_queue": first(cur, "dotnet_thread_pool_queue_length_total", "dotnet_thread_pool_queue_length",
                                              "process_runtime_dotnet_thread_pool_queue_length"),
                    "threadpool_threads": first(cur, "dotnet_thread_pool_thread_count", "process_runtime_dotnet_thread_pool_threads_count"),
                    "lock_contentions": delta("dotnet_monitor_lock_contentions_total",
                                              "process_runtime_dotnet_monitor_lock_contention_count_total"),
                }
                prev_metrics[n] = cur
            pg = pg_sample()
            if pg is not None:
                if prev_pg is not None:
                    row["pg"] = dict(pg, checkpoints=pg["checkpoints"] - prev_pg["checkpoints"],
                                     buffers_checkpoint=pg["buffers_checkpoint"] - prev_pg["buffers_checkpoint"])
                prev_pg = pg
            if a.rabbit_api:
                r = rabbit_sample(a.rabbit_api, os.environ.get("RABBIT_USER", ""), os.environ.get("RABBIT_PASSWORD", ""), a.vhost)
                if r is not None:
                    row["rabbit"] = r
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            out.flush()


if __name__ == "__main__":
    main()
