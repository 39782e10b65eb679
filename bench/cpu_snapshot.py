#!/usr/bin/env python3
"""A snapshot of every process's CPU so far, and the machine's, as one JSON object (bench/run.sh takes one before and one
after a phase; bench/report.py subtracts them with `window`). Each process is keyed by pid with its command and its CPU
seconds (utime + stime); the four services are named with --pid name=PID.

  bench/cpu_snapshot.py --pid cases=123 --pid reporting=456 > before.json
"""
import argparse
import json
import os
import time

from sampler import TICKS, kind_of, machine_cpu


def snapshot(named):
    procs = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                head, rest = f.read().rsplit(")", 1)
            fields = rest.split()
            procs[entry] = {"comm": head.split("(", 1)[1], "cpu": (int(fields[11]) + int(fields[12])) / TICKS}
        except (OSError, IndexError, ValueError):
            continue
    machine = machine_cpu()
    return {"t": time.time(), "named": named, "procs": procs, "cores": os.cpu_count(),
            "machine": {"busy": machine["busy"] / TICKS, "total": machine["total"] / TICKS}}


def window(before, after):
    """CPU seconds used between two snapshots: each named service, PostgreSQL's processes, RabbitMQ's VM and the rest;
    the wall seconds; and the machine's busy share. A process that started in the window counts all it used; one that
    ended in it is missed (a pooled backend lives for the run)."""
    names = {pid: name for name, pid in after["named"].items()}
    used = {name: 0.0 for name in after["named"]} | {"postgres": 0.0, "rabbitmq": 0.0, "other": 0.0}
    for pid, p in after["procs"].items():
        delta = p["cpu"] - before["procs"].get(pid, {}).get("cpu", 0.0)
        kind = names.get(pid) or kind_of(p["comm"])
        used[kind] += max(0.0, delta)
    m0, m1 = before["machine"], after["machine"]
    total = m1["total"] - m0["total"]
    return {"seconds": after["t"] - before["t"], "cpu": {k: round(v, 2) for k, v in used.items()},
            "machine_busy": round((m1["busy"] - m0["busy"]) / total, 3) if total > 0 else None}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--pid", action="append", default=[], help="name=PID")
    args = parser.parse_args()
    print(json.dumps(snapshot({k: v for k, v in (a.split("=", 1) for a in args.pid)})))
