#!/usr/bin/env python3
"""Turns the raw measurements of bench/run.sh (JSON files in its work folder) into the results table.

usage: report.py WORK OUT.md DATE CORES MEM_GIB CPU PG_VERSION DOTNET RATE SUSTAIN_S BIG_CASES
"""
import glob
import json
import os
import sys

work, out, date, cores, mem, cpu, pgv, dotnet, rate, sustain, big = sys.argv[1:12]


def load(name):
    path = os.path.join(work, name)
    return json.load(open(path)) if os.path.exists(path) else None


def runs(prefix):
    found = {}
    for path in glob.glob(os.path.join(work, prefix + "-c[0-9]*.json")):
        r = json.load(open(path))
        found[r["concurrency"]] = r
    return found


raw, direct, gateway, same = runs("raw"), runs("direct"), runs("gateway"), runs("same")
conc = sorted(set(raw) & set(direct) & set(gateway))
rows = []  # (figure, measured, goal, verdict)


def verdict(ok):
    return "met" if ok else "**not met**"


# 1. saturation
sat_lines = []
for c in conc:
    r, d, g, sw = raw[c], direct[c], gateway[c], same.get(c)
    sat_lines.append(
        f"| {c} | {r['rps']:.0f} (p99 {r['p99Ms']:.1f} ms) "
        + (f"| {sw['rps']:.0f} (p99 {sw['p99Ms']:.1f} ms) " if sw else "| — ")
        + f"| {d['rps']:.0f} (p99 {d['p99Ms']:.1f} ms) "
        f"| {g['rps']:.0f} (p99 {g['p99Ms']:.1f} ms) | {g['rps'] / r['rps']:.0%} "
        + (f"| {g['rps'] / sw['rps']:.0%} " if sw else "| — ")
        + f"| {1 - g['rps'] / d['rps']:+.0%} "
        f"| {g['errors'] + d['errors'] + r['errors'] + (sw['errors'] + sw.get('followOnErrors', 0) if sw else 0)} |")
best = max(conc, key=lambda c: gateway[c]["rps"]) if conc else None
if best is not None:
    g, r, d = gateway[best], raw[best], direct[best]
    rows.append(("registrations/s through the gateway vs raw PostgreSQL, same rows, same concurrency "
                 f"(at the gateway's best concurrency, {best})",
                 f"{g['rps']:.0f}/s vs {r['rps']:.0f}/s = **{g['rps'] / r['rps']:.0%}**", "≥ 50 %",
                 verdict(g["rps"] / r["rps"] >= 0.5)))
    if best in same:
        sw = same[best]
        rows.append(("registrations/s through the gateway vs **the same work** replayed by a bare Npgsql + RabbitMQ client "
                     f"(the platform's own statements and messages, captured; concurrency {best}): the framework's share",
                     f"{g['rps']:.0f}/s vs {sw['rps']:.0f}/s = **{g['rps'] / sw['rps']:.0%}**", "(reported: issue 26)", "—"))
    cost = 1 - g["rps"] / d["rps"]
    rows.append(("gateway cost (fewer requests/s than direct to the case service)",
                 f"{g['rps']:.0f}/s vs {d['rps']:.0f}/s = **{cost:.0%}** fewer", "≤ 15 %", verdict(cost <= 0.15)))

gr, rr = load("gateway-rate.json"), load("raw-rate.json")
if gr and rr:
    ratio = gr["p99Ms"] / rr["p99Ms"] if rr["p99Ms"] else float("inf")
    rows.append((f"p99 latency at half saturation ({gr['rate']:.0f}/s, fixed rate, from the scheduled start) vs raw insert at the same rate",
                 f"{gr['p99Ms']:.1f} ms vs {rr['p99Ms']:.1f} ms = **{ratio:.1f} ×**", "≤ 4 ×", verdict(ratio <= 4)))

sr = load("same-rate.json")
if gr and sr:
    ratio = gr["p99Ms"] / sr["p99Ms"] if sr["p99Ms"] else float("inf")
    rows.append((f"p99 latency at half saturation ({gr['rate']:.0f}/s) vs **the same work** replayed at the same rate "
                 "(its request part measured, its follow-on work running beside it)",
                 f"{gr['p99Ms']:.1f} ms vs {sr['p99Ms']:.1f} ms = **{ratio:.1f} ×**", "≤ 2 × (issue 26)", verdict(ratio <= 2)))

lag = open(os.path.join(work, "lag.txt")).read().split() if os.path.exists(os.path.join(work, "lag.txt")) else None
if lag:
    n, p50, p99, mx, expected = lag
    rows.append(("event lag, commit → reporting projection, at half saturation",
                 f"p50 {p50} ms, **p99 {p99} ms** (max {mx} ms; {n} of {expected} events)", "p99 ≤ 500 ms",
                 verdict(float(p99) <= 500 and int(n) == int(expected))))

qt, rt, qb, rb = load("q-town.json"), load("r-town.json"), load("q-big.json"), load("r-big.json")
ct, cb = load("c-town.json"), load("c-big.json")
for label, q, r, c, limit in (("town-year", qt, rt, ct, 50), (f"generated year of {int(big):,} cases", qb, rb, cb, 500)):
    if q and r and c:
        ratio = r["medianMs"] / c["medianMs"]
        rows.append((f"annual figures, {label} ({r['size']:,} cases): the summary endpoint through the gateway; "
                     "its case-figure query (counters) vs the query that re-reads every case",
                     f"endpoint **{q['medianMs']:.1f} ms**; query {c['medianMs']:.2f} ms vs re-read {r['medianMs']:.1f} ms = **{ratio:,.0f} ×** faster",
                     f"≤ {limit} ms, ≥ 100 ×", verdict(q["medianMs"] <= limit and ratio >= 100)))

rebuild = load("rebuild.json")
if rebuild and rebuild.get("status") == "done":
    from datetime import datetime
    t0 = datetime.fromisoformat(rebuild["startedAt"].replace("Z", "+00:00"))
    t1 = datetime.fromisoformat(rebuild["finishedAt"].replace("Z", "+00:00"))
    secs = max((t1 - t0).total_seconds(), 1e-3)
    rate_ev = rebuild["eventsApplied"] / secs
    # where the rebuild's time went: each process's CPU between the POST and "done" (bench/cpu_snapshot.py), from run 28
    rebuild_cpu = None
    c0, c1 = load("rebuild-cpu-before.json"), load("rebuild-cpu-after.json")
    if c0 and c1:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from cpu_snapshot import window
        rebuild_cpu = window(c0, c1)
    spent = ""
    if rebuild_cpu:
        u = rebuild_cpu["cpu"]
        spent = ("; CPU seconds in it: " + ", ".join(f"{k} {u[k]:.1f}" for k in ("reporting", "cases", "mediators", "gateway", "postgres", "rabbitmq", "other") if k in u)
                 + f", machine {rebuild_cpu['machine_busy']:.0%} busy over {rebuild_cpu['seconds']:.1f} s")
    rows.append(("projection rebuild from the event log", f"**{rate_ev:,.0f} events/s** ({rebuild['eventsApplied']:,} events in {secs:.1f} s{spent})",
                 "≥ 20,000 events/s", verdict(rate_ev >= 20000)))
else:
    rows.append(("projection rebuild from the event log", f"not measured: {rebuild.get('status') if rebuild else 'no result'}",
                 "≥ 20,000 events/s", "—"))

s0, s1 = load("rss-start.json"), load("rss-end.json")
if s0 and s1:
    parts, steady = [], True
    for k in ("gateway", "cases", "mediators", "reporting"):
        a, b = s0[k] / 1024, s1[k] / 1024
        parts.append(f"{k} {a:.0f} → {b:.0f} MB")
        steady &= b <= a * 1.25 + 32
    rows.append((f"resident memory at the start and end of the {int(sustain)} s sustained run",
                 "; ".join(parts), "steady", verdict(steady)))

drain = []  # lines "NAME… SECONDS LEFT PARKED" written by wait_idle
if os.path.exists(os.path.join(work, "drain.txt")):
    for line in open(os.path.join(work, "drain.txt")):
        *name, secs, left, parked = line.split()
        drain.append((" ".join(name), int(secs), int(left), int(parked)))

lines = [
    f"# Benchmark {date}",
    "",
    f"Machine: {cores} cores ({cpu}), {mem} GiB memory; PostgreSQL {pgv}; .NET SDK {dotnet}. "
    "Everything (PostgreSQL, RabbitMQ, the four services and the load generator) shares these cores.",
    "",
    "| figure | measured | goal | |",
    "|---|---|---|---|",
    *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows],
    "",
    "Saturation at fixed concurrency (closed loop; registrations/s and p99 latency):",
    "",
    "| concurrency | raw PostgreSQL (one insert transaction) | the same work, replayed | case service direct | through the gateway | gateway / raw | gateway / same work | gateway vs direct | errors |",
    "|---|---|---|---|---|---|---|---|---|",
    *sat_lines,
    "",
]
if gr and rr:
    lines += [
        f"Fixed rate {gr['rate']:.0f}/s (open loop, latency from each request's scheduled start): gateway p50 {gr['p50Ms']} ms, "
        f"p90 {gr['p90Ms']} ms, p99 {gr['p99Ms']} ms, max {gr['maxMs']} ms over {gr['requests']:,} registrations in "
        f"{gr['durationS']:.0f} s ({gr['errors']} errors); raw inserts at the same rate p50 {rr['p50Ms']} ms, p99 {rr['p99Ms']} ms"
        + (f"; the same work replayed at the same rate p50 {sr['p50Ms']} ms, p99 {sr['p99Ms']} ms ({sr['durationS']:.0f} s, "
           f"{sr['errors']} errors, {sr.get('followOnErrors', 0)} follow-on errors)" if sr else "") + ".",
        "",
    ]
rows_before, rows_after = os.path.join(work, "same-rows-before.txt"), os.path.join(work, "same-rows-after.txt")
if os.path.exists(rows_before) and os.path.exists(rows_after):
    b = [int(x) for x in open(rows_before).read().split()]
    e = [int(x) for x in open(rows_after).read().split()]
    cases_d, parties_d, timeline_d, unsent, mediators_d, facts_d = e[0] - b[0], e[1] - b[1], e[2] - b[2], e[3], e[4] - b[4], e[5] - b[5]
    complete = cases_d > 0 and parties_d == 2 * cases_d and timeline_d == 2 * cases_d and mediators_d == cases_d and facts_d == cases_d and unsent == 0
    lines += [
        f"Rows the replay wrote (its databases before and after its runs): {cases_d:,} cases, {parties_d:,} parties, "
        f"{timeline_d:,} timeline entries, {mediators_d:,} mediator-side case rows, {facts_d:,} projection rows, "
        f"{unsent} outbox rows unsent — " + ("every replayed registration's follow-on work done." if complete
                                              else "**the replay's follow-on work is incomplete: its figures do not count.**"),
        "",
    ]
capture = os.path.join(work, "same-capture.txt")
if os.path.exists(capture):
    text = open(capture).read().strip().replace("same-work capture: ", "")
    lines += [
        "The same work (issue 26, item 3; bench/same_work.py, bench/LoadGen/SameWorkload.cs): one registration handled by "
        "the platform with PostgreSQL's statement log on, replayed by a bare client — each captured transaction in one round "
        "trip, the follow-on units triggered by RabbitMQ messages (persistent, confirmed, consumed 8 at a time; the "
        f"assignment one at a time, as the platform). Captured: {text[:600]}.",
        "",
    ]
if drain:
    lines += [
        "Event backlog drained before each measurement (seconds until every outbox row was sent and every queue empty): "
        + "; ".join(f"{n} {sec} s" + (f" ({left} left)" if left else "") for n, sec, left, _ in drain)
        + f". Messages parked in error queues at the end: {drain[-1][3]}.",
        "",
    ]
# every phase: the tail, not only p99 (issue 13: p99.9, max and requests over 1 s)
phases = [x for c in conc for x in (raw[c], same.get(c), direct[c], gateway[c]) if x] + [x for x in (gr, rr, sr) if x]
lines += [
    "Every phase's tail (successful requests; latency from the request's start, or its scheduled start at a fixed rate):",
    "",
    "| phase | requests | /s | p50 ms | p99 ms | p99.9 ms | max ms | over 1 s | errors | load generator CPU ms/request |",
    "|---|---|---|---|---|---|---|---|---|---|",
    *[f"| {x['name']} | {x['requests']:,} | {x['rps']:.0f} | {x['p50Ms']} | {x['p99Ms']} | {x['p999Ms']} | {x['maxMs']} | "
      f"{x.get('over1s', '—')} | {x['errors'] + x.get('followOnErrors', 0)} | {x.get('clientCpuMsPerRequest', '—')} |" for x in phases],
    "",
]
cpu_j = load("cpu.json")
cpu_ms = None
if cpu_j and gr and gr["requests"]:
    cpu_ms = cpu_j["cpuTicks"] / cpu_j["ticksPerSecond"] * 1000 / gr["requests"]
    lines += [f"CPU per registration (all four processes, the sustained phase and the processing of its events until idle): "
              f"**{cpu_ms:.1f} ms** ({cpu_j['cpuTicks'] / cpu_j['ticksPerSecond']:.0f} CPU s for {gr['requests']:,} registrations"
              + "".join(f"; {k} {cpu_j[k] / cpu_j['ticksPerSecond'] * 1000 / gr['requests']:.1f} ms" for k in ("gateway", "cases", "mediators", "reporting") if k in cpu_j)
              + ")" + (f"; the same work's bare client, for its request and follow-on parts together: {sr['clientCpuMsPerRequest']:.1f} ms "
                       "(PostgreSQL's and RabbitMQ's CPU, the same for both, not counted in either)" if sr and sr.get("clientCpuMsPerRequest") else "")
              + ".", ""]
# the per-second series of the fixed-rate phase beside the machine's and the platform's (bench/series.py)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import series  # noqa: E402
lines += series.section(work, out[:-3], cores)
open(out, "w").write("\n".join(lines))

# the same as named numbers, for scripts and for comparing runs
def r1(x):
    return None if x is None else round(x, 1)
named = {"date": date, "cores": int(cores), "sustain_s": int(sustain)}
if best is not None:
    named.update(concurrency=best, raw_per_s=r1(raw[best]["rps"]), direct_per_s=r1(direct[best]["rps"]),
                 gateway_per_s=r1(gateway[best]["rps"]), gateway_vs_raw=round(gateway[best]["rps"] / raw[best]["rps"], 3),
                 saturation_p99_ms=gateway[best]["p99Ms"])
if gr and rr:
    named.update(fixed_rate_per_s=gr["rate"], p50_ms=gr["p50Ms"], p99_ms=gr["p99Ms"], p999_ms=gr["p999Ms"], max_ms=gr["maxMs"],
                 over_1s=gr.get("over1s"), raw_p99_ms=rr["p99Ms"], p99_vs_raw=r1(gr["p99Ms"] / rr["p99Ms"]) if rr["p99Ms"] else None)
if best is not None and best in same:
    named.update(same_per_s=r1(same[best]["rps"]), gateway_vs_same=round(gateway[best]["rps"] / same[best]["rps"], 3))
if gr and sr:
    named.update(same_p99_ms=sr["p99Ms"], p99_vs_same=r1(gr["p99Ms"] / sr["p99Ms"]) if sr["p99Ms"] else None,
                 same_client_cpu_ms=sr.get("clientCpuMsPerRequest"))
if lag:
    named.update(lag_p50_ms=float(lag[1]), lag_p99_ms=float(lag[2]), lag_max_ms=float(lag[3]))
if rebuild and rebuild.get("status") == "done":
    named.update(rebuild_events_per_s=round(rate_ev), rebuild_events=rebuild["eventsApplied"])
    if rebuild_cpu:
        named.update(rebuild_cpu_s=rebuild_cpu["cpu"], rebuild_machine_busy=rebuild_cpu["machine_busy"])
if qt and rt and ct:
    named.update(town_year_ms=qt["medianMs"], town_year_speedup=round(rt["medianMs"] / ct["medianMs"]))
if qb and rb and cb:
    named.update(big_year_ms=qb["medianMs"], big_year_speedup=round(rb["medianMs"] / cb["medianMs"]))
named["cpu_ms_per_registration"] = r1(cpu_ms)
phases = [{k: v for k, v in x.items() if k != "series"} for x in phases]  # the series has its own file
json.dump({"numbers": named, "rows": rows, "phases": phases}, open(out[:-3] + ".json", "w"), ensure_ascii=False, indent=1)
