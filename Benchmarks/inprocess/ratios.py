#!/usr/bin/env python3
"""Prints the in-process benchmarks of one run as a Markdown table of ratios (issue 11, item 9).

Reads the JMH JSON that `swift package benchmark --format jmh` wrote, and gives each benchmark its wall-clock
p50 / p95 / p99, its allocations per run, and its p50 ÷ the p50 of the bare route `/healthz` for Pages (TextAndFiles
is read in pairs: a collation sort against a sort by keys, XLSX against CSV). Times are read in the unit the file gives (μs);
only the ratios mean anything across machines and runs.

    python3 Benchmarks/inprocess/ratios.py Benchmarks/inprocess/results/*.jmh.json
    python3 Benchmarks/inprocess/ratios.py --runner-output TARGET FILE   (a benchmark executable run on its own,
        without the plug-in: it prints each metric's histogram in nanoseconds)
"""
import json
import sys

FLOORS = {"Pages": "bare_route_/healthz"}


def metric(element, word):
    for name, m in element["secondaryMetrics"].items():
        if word in name.lower():
            return m
    return None


def main(paths):
    rows = []
    for path in paths:
        with open(path) as f:
            for element in json.load(f):
                _, _, target, name = element["benchmark"].split(".", 3)
                wall = metric(element, "wall")
                mallocs = metric(element, "malloc")
                rows.append((target, name, wall["scorePercentiles"], mallocs["scorePercentiles"]["50.0"] if mallocs
                             else None, wall["scoreUnit"]))
    print_rows(rows)


def print_rows(rows):
    floor = {target: p["50.0"] for target, name, p, _, _ in rows if FLOORS.get(target) == name}
    print("| target | benchmark | p50 | p95 | p99 | allocations (p50) | p50 ÷ floor |")
    print("|---|---|---|---|---|---|---|")
    for target, name, p, allocs, unit in rows:
        ratio = f"{p['50.0'] / floor[target]:,.1f}" if floor.get(target) else "—"
        print(f"| {target} | {name.replace('_', ' ')} | {p['50.0']:,.1f} {unit} | {p['95.0']:,.1f} | "
              f"{p['99.0']:,.1f} | {allocs if allocs is not None else '—'} | {ratio} |")


def percentile(lines, p):
    """The first value at or past percentile p (0..1) of an HdrHistogram percentile listing."""
    for line in lines:
        parts = line.split()
        if len(parts) >= 3 and float(parts[1]) >= p:
            return float(parts[0])
    return float("nan")


def runner_output(target, path):
    """Rows from a benchmark executable's own output ("Debug results for NAME:" then one histogram a metric)."""
    text = open(path).read()
    rows = []
    for block in text.split("Debug results for ")[1:]:
        name, _, rest = block.partition(":\n")
        metrics = {}
        for section in rest.split("\n\n\n"):
            head, _, body = section.strip().partition(":\n")
            metrics[head.strip()] = [l for l in body.splitlines() if l.strip() and l.strip()[0].isdigit()]
        wall = metrics.get("Time (wall clock)", [])
        mallocs = metrics.get("Malloc (total)", [])
        p = {"50.0": percentile(wall, 0.5) / 1000, "95.0": percentile(wall, 0.95) / 1000,
             "99.0": percentile(wall, 0.99) / 1000}
        rows.append((target, name.strip().replace(" ", "_"), p, int(percentile(mallocs, 0.5)) if mallocs else None,
                     "μs"))
    return rows


if __name__ == "__main__":
    if sys.argv[1:2] == ["--runner-output"]:
        args = sys.argv[2:]
        rows = []
        for i in range(0, len(args), 2):
            rows += runner_output(args[i], args[i + 1])
        print_rows(rows)
    else:
        main(sys.argv[1:])
