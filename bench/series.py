#!/usr/bin/env python3
"""The per-second series of the fixed-rate phase (issue 26): the load generator's seconds (requests, errors, p50/p99/max,
requests over 1 s, its own send lag) joined with bench/sampler.py's seconds (CPU per process, GC pauses, thread-pool
queues, PostgreSQL, RabbitMQ, the machine's CPU pressure and steal). Writes OUT-series.json and OUT-series.svg and
returns the Markdown section for the results: the slow seconds side by side with what else happened in them.

Standalone: bench/series.py WORK OUT_PREFIX   (e.g. .local/bench bench/results/2026-12-06)
"""
import json
import math
import os
import sys
from datetime import datetime

PROCS = ("gateway", "cases", "mediators", "reporting")
COLORS = {"gateway": "#1f77b4", "cases": "#d62728", "mediators": "#2ca02c", "reporting": "#9467bd"}


def parse_time(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def join(work):
    rate_path, samples_path = os.path.join(work, "gateway-rate.json"), os.path.join(work, "series.jsonl")
    if not os.path.exists(rate_path):
        return None
    rate = json.load(open(rate_path))
    if not rate.get("series") or not rate.get("seriesOrigin"):
        return None
    origin = parse_time(rate["seriesOrigin"])
    samples = {}
    if os.path.exists(samples_path):
        for line in open(samples_path):
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            # a sample at wall time t describes the second before it: scheduled second floor(t - 1 - origin)
            samples[math.floor(row["t"] - 1 - origin + 0.5)] = row
    rows = []
    for s in rate["series"]:
        t = s["t"]
        row = {"t": t, "requests": s["requests"], "errors": s["errors"], "p50": s["p50Ms"], "p99": s["p99Ms"], "max": s["maxMs"],
               "over1s": s["over1s"], "lag": s["maxSendLagMs"]}
        x = samples.get(t)
        if x:
            for p in PROCS:
                c = x.get("cpu", {}).get(p) or {}
                d = x.get("dotnet", {}).get(p) or {}
                row[f"cpu_{p}"] = c.get("cores")
                row[f"rss_{p}"] = c.get("rss_mb")
                row[f"gc_{p}"] = d.get("gc_pause_ms")
                row[f"gen2_{p}"] = d.get("gen2")
                row[f"tpq_{p}"] = d.get("threadpool_queue")
                row[f"tpt_{p}"] = d.get("threadpool_threads")
            o = x.get("others") or {}  # everything else on the machine (sampler.py), in cores
            row.update(cpu_postgres=o.get("postgres"), cpu_rabbitmq=o.get("rabbitmq"), cpu_other=o.get("other"))
            m = x.get("machine", {})
            row.update(busy=m.get("busy"), steal=m.get("steal"), iowait=m.get("iowait"), pressure=m.get("cpu_pressure"))
            pg = x.get("pg") or {}
            row.update(pg_checkpoints=pg.get("checkpoints"), pg_autovacuum=pg.get("autovacuum"), pg_lock_waits=pg.get("lock_waits"),
                       pg_active=pg.get("active"), pg_longest_ms=pg.get("longest_query_ms"), pg_waits=pg.get("waits"),
                       pg_lock_waiting=pg.get("lock_waiting"), pg_lock_blocking=pg.get("lock_blocking"))
            r = x.get("rabbit") or {}
            row.update(queue_total=r.get("total"), queue_deepest=r.get("deepest_queue"))
        rows.append(row)
    return rows


def svg(rows, cores):
    width, left, right, panel, gap, top = 1200, 70, 20, 110, 28, 30
    panels = [
        ("latency per second, ms (log): max red, p99 blue, load generator's send lag grey; line at 1 s", "log",
         [("max", "#d62728"), ("p99", "#1f77b4"), ("lag", "#999999")]),
        ("CPU per process, cores", "lin", [(f"cpu_{p}", COLORS[p]) for p in PROCS]),
        ("machine: busy (share of all cores) black, CPU pressure orange, steal brown", "lin01",
         [("busy", "#000000"), ("pressure", "#ff7f0e"), ("steal", "#8c564b")]),
        ("GC pause per second, ms", "lin", [(f"gc_{p}", COLORS[p]) for p in PROCS]),
        ("thread-pool queue length", "lin", [(f"tpq_{p}", COLORS[p]) for p in PROCS]),
        ("PostgreSQL: active black, waiting on a lock red, autovacuum workers green; checkpoints as grey bars", "lin",
         [("pg_active", "#000000"), ("pg_lock_waits", "#d62728"), ("pg_autovacuum", "#2ca02c")]),
        ("RabbitMQ: messages in the bench queues", "lin", [("queue_total", "#17becf")]),
    ]
    height = top + len(panels) * (panel + gap) + 20
    n = max(1, len(rows))
    plot_w = width - left - right

    def x_of(i):
        return left + plot_w * i / max(1, n - 1)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="18" font-size="13">Fixed-rate phase, one point per second ({n} s); {cores} cores</text>']
    for k, (title, scale, series) in enumerate(panels):
        y0 = top + k * (panel + gap) + 14
        out.append(f'<text x="{left}" y="{y0 - 3}">{title}</text>')
        out.append(f'<rect x="{left}" y="{y0}" width="{plot_w}" height="{panel}" fill="none" stroke="#cccccc"/>')
        values = [v for name, _ in series for v in (r.get(name) for r in rows) if isinstance(v, (int, float))]
        if scale == "log":
            lo, hi = 1.0, max(1000.0, max(values or [1.0]) * 1.2)

            def y_of(v):
                return y0 + panel - panel * (math.log10(max(v, lo)) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
            for tick in (1, 10, 100, 1000, 10000):
                if tick <= hi:
                    out.append(f'<text x="{left - 5}" y="{y_of(tick) + 4:.1f}" text-anchor="end">{tick}</text>')
            out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y_of(1000):.1f}" y2="{y_of(1000):.1f}" stroke="#d62728" stroke-dasharray="4 3"/>')
        else:
            hi = 1.0 if scale == "lin01" else max(values or [1.0]) * 1.1 or 1.0

            def y_of(v):
                return y0 + panel - panel * min(v, hi) / hi
            for frac in (0, 0.5, 1):
                out.append(f'<text x="{left - 5}" y="{y_of(hi * frac) + 4:.1f}" text-anchor="end">{hi * frac:.3g}</text>')
        if k == 5:
            for i, r in enumerate(rows):
                if (r.get("pg_checkpoints") or 0) > 0:
                    out.append(f'<line x1="{x_of(i):.1f}" x2="{x_of(i):.1f}" y1="{y0}" y2="{y0 + panel}" stroke="#bbbbbb"/>')
        for name, color in series:
            points = [f"{x_of(i):.1f},{y_of(r[name]):.1f}" for i, r in enumerate(rows) if isinstance(r.get(name), (int, float))]
            if points:
                out.append(f'<polyline fill="none" stroke="{color}" stroke-width="1" points="{" ".join(points)}"/>')
        if k in (1, 3, 4):
            for j, p in enumerate(PROCS):
                out.append(f'<text x="{left + plot_w - 300 + j * 75}" y="{y0 - 3}" fill="{COLORS[p]}">{p}</text>')
    for s in range(0, n, 60):
        out.append(f'<text x="{x_of(s):.1f}" y="{height - 6}" text-anchor="middle">{s} s</text>')
    out.append("</svg>")
    return "\n".join(out)


def mean(xs):
    xs = [x for x in xs if isinstance(x, (int, float))]
    return sum(xs) / len(xs) if xs else None


def fmt(v, digits=2):
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def section(work, out_prefix, cores):
    rows = join(work)
    if not rows:
        return []
    json.dump(rows, open(out_prefix + "-series.json", "w"), ensure_ascii=False, separators=(",", ":"))
    open(out_prefix + "-series.svg", "w").write(svg(rows, cores))
    slow = [r for r in rows if (r.get("max") or 0) > 1000]
    name = os.path.basename(out_prefix)
    lines = [
        f"Per-second series of the fixed-rate phase (chart: [{name}-series.svg]({name}-series.svg), data: `{name}-series.json`): "
        f"{len(rows)} seconds, **{len(slow)} with a request over 1 s** "
        f"({sum(r['over1s'] for r in rows)} requests over 1 s in all); the load generator's own send lag at most "
        f"{max((r['lag'] or 0) for r in rows):.0f} ms.",
        "",
    ]
    keys = [("requests", "requests", 0), ("p99", "p99 ms", 0), ("max", "max ms", 0), ("lag", "send lag ms", 0),
            *[(f"cpu_{p}", f"{p} cores", 2) for p in PROCS], ("cpu_postgres", "PostgreSQL cores", 2), ("cpu_rabbitmq", "RabbitMQ cores", 2),
            ("cpu_other", "other cores", 2), ("busy", "machine busy", 2), ("pressure", "CPU pressure", 2),
            ("steal", "steal", 3), *[(f"gc_{p}", f"GC {p} ms", 1) for p in PROCS],
            *[(f"tpq_{p}", f"pool queue {p}", 0) for p in PROCS], ("pg_active", "PG active", 0),
            ("pg_lock_waits", "PG lock waits", 0), ("pg_longest_ms", "PG longest query ms", 0), ("pg_autovacuum", "autovacuum", 0),
            ("pg_checkpoints", "checkpoints", 0), ("queue_total", "queued messages", 0)]
    calm = [r for r in rows if (r.get("max") or 0) <= 1000]
    lines += ["What the slow seconds had that the others did not (means):", "",
              "| | " + " | ".join(label for _, label, _ in keys) + " |",
              "|---" * (len(keys) + 1) + "|",
              f"| {len(slow)} seconds with a request over 1 s | " + " | ".join(fmt(mean([r.get(k) for r in slow]), d) for k, _, d in keys) + " |",
              f"| {len(calm)} other seconds | " + " | ".join(fmt(mean([r.get(k) for r in calm]), d) for k, _, d in keys) + " |",
              ""]
    worst = sorted(rows, key=lambda r: -(r.get("max") or 0))[:8]
    lines += ["The eight slowest seconds, and the second before each:", "",
              "| second | " + " | ".join(label for _, label, _ in keys) + " | PG waits |",
              "|---" * (len(keys) + 2) + "|"]
    by_t = {r["t"]: r for r in rows}
    shown = set()
    for w in sorted(worst, key=lambda r: r["t"]):
        for r in (by_t.get(w["t"] - 1), w):
            if r and r["t"] not in shown:
                shown.add(r["t"])
                lines.append(f"| {r['t']}{' ←' if r is w else ''} | " + " | ".join(fmt(r.get(k), d) for k, _, d in keys)
                             + f" | {r.get('pg_waits') or ''} |")
    lines.append("")
    # which row the lock waits queue on: the statements waiting, and what the head of each queue runs (sampler.py)
    locked = [r for r in rows if r.get("pg_lock_waiting")]
    if locked:
        lines += [f"Seconds with backends waiting on a lock: {len(locked)}; the busiest eight (waiting statements by count; "
                  "the blocker at the head of the queue):", "",
                  "| second | max ms | PG lock waits | waiting | blocking |", "|---|---|---|---|---|"]
        for r in sorted(sorted(locked, key=lambda r: -(r.get("pg_lock_waits") or 0))[:8], key=lambda r: r["t"]):
            cell = lambda v: (v or "").replace("|", "/")
            lines.append(f"| {r['t']} | {fmt(r.get('max'), 0)} | {fmt(r.get('pg_lock_waits'), 0)} | "
                         f"{cell(r.get('pg_lock_waiting'))} | {cell(r.get('pg_lock_blocking'))} |")
        lines.append("")
    return lines


if __name__ == "__main__":
    work, prefix = sys.argv[1], sys.argv[2]
    print("\n".join(section(work, prefix, os.cpu_count())))
