#!/usr/bin/env python3
"""Summarises a whole-machine profile written by `bench/cpu.sh --perf FILE` (perf script output, JIT frames named from
/tmp/perf-<pid>.map; FILE.pids names the four processes): each process's share of the samples, what its leaf frames
are (kernel, runtime native code, JIT-compiled code by assembly), and the inclusive share of every frame matching a
pattern (default: the platform's own code) — ADR 0017.
    bench/perf_report.py FILE.N FILE.pids [--process cases] [--pattern REGEX] [--top 30]"""
import argparse
import collections
import re

ap = argparse.ArgumentParser()
ap.add_argument("perf")
ap.add_argument("pids")
ap.add_argument("--process", action="append")
ap.add_argument("--pattern", default=r"MediationPlatform")
ap.add_argument("--top", type=int, default=30)
a = ap.parse_args()
names = dict(kv.split("=")[::-1] for kv in open(a.pids).read().split())  # pid -> process name
TIER = re.compile(r"\[(OptimizedTier1|Optimized|Tier0|Tier1|QuickJitted|PreJIT|OptimizedTier1OSR)\]")


def frames(lines):
    for line in lines:
        m = re.search(r"\(([^()]*)\)\s*$", line)
        body = line[: m.start()] if m else line
        parts = body.strip().split(None, 1)
        yield (parts[1] if len(parts) > 1 else parts[0]), (m.group(1) if m else "")


samples = collections.defaultdict(list)
for block in open(a.perf, errors="replace").read().split("\n\n"):
    lines = [line for line in block.split("\n") if line.strip()]
    if not lines:
        continue
    head = re.search(r"(\d+)/(\d+)", lines[0])
    if not head:
        continue
    who = names.get(head.group(1)) or "other: " + lines[0][: head.start()].strip().split(" ")[0]
    samples[who].append(list(frames(lines[1:])))

total = sum(len(s) for s in samples.values())
print(f"{total} samples")
for who, s in sorted(samples.items(), key=lambda kv: -len(kv[1]))[:12]:
    print(f"  {who:28s} {len(s):7d} {100 * len(s) / total:5.1f} %")
pattern = re.compile(a.pattern)
for who in a.process or ["cases", "mediators", "reporting", "gateway"]:
    stacks = samples.get(who, [])
    n = max(len(stacks), 1)
    leaf = collections.Counter()
    inclusive = collections.Counter()
    for stack in stacks:
        if not stack:
            continue
        sym, dso = stack[0]
        if "kernel" in dso:
            leaf["kernel"] += 1
        elif ".so" in dso:
            leaf[dso.rsplit("/", 1)[-1]] += 1
        else:
            m = re.search(r"\[([A-Za-z0-9_.]+)\]", sym)
            leaf["jit " + (m.group(1) if m else "?")] += 1
        seen = set()
        for sym, _ in stack:
            if pattern.search(sym) and "AsyncStateMachineBox" not in sym:
                key = re.sub(r"\(.*$", "", TIER.sub("", sym)).strip()[:150]
                if key not in seen:
                    seen.add(key)
                    inclusive[key] += 1
    print(f"\n== {who}: {len(stacks)} samples")
    print("  leaf: " + ", ".join(f"{k} {100 * v / n:.1f} %" for k, v in leaf.most_common(12)))
    print(f"  inclusive, frames matching {a.pattern}:")
    for k, v in inclusive.most_common(a.top):
        print(f"    {100 * v / n:5.1f} % {k}")
