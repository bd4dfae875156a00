#!/usr/bin/env python3
"""A slow page beside a fast one, on SQLite: does the slow one hold up the rest? (issue 11, item 5) — on demand.

Starts the release server twice on the same filled database (an earlier `run.py --keep` folder), once with
DIENHINH_SQLITE_READERS=1 (the driver's own one connection an event loop) and once with the default, and in each
run loads a slow page (the standing office's dashboard, `/app`, with C connections) while a second wrk measures
`/healthz` (one SELECT 1), or the signed-in page `--fast`, with 2 connections. Prints its p50/p99 and req/s under
the load, and the slow page's own figures, as ratios of the two runs measured back to back.

    python3 Benchmarks/http/slow_reads.py --bin .build/release/dienhinh --data /path/to/kept/folder

Two settings instead of the readers (`--a K=V`, `--b K=V`, each repeatable), on any signed-in page (`--page`):

    python3 Benchmarks/http/slow_reads.py --bin BIN --data DIR --page /app/dashboard --connections 64 \\
        --a DIENHINH_HEAVY_SLOTS=2 --b DIENHINH_HEAVY_SLOTS=8
"""
import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (the benchmark's helpers: server start, sign-in, wrk)


def measure(binary, data, settings, connections, duration, page="/app", fast="/healthz"):
    env = dict(run.env_for(argparse.Namespace(database_url=""), data), **settings)
    port = run.free_port()
    base = f"http://127.0.0.1:{port}"
    proc = run.start_server(binary, data, env, port, data / "slow-reads.log")
    try:
        cookie = {"Cookie": run.login_cookie(base)}
        script = Path(tempfile.mkdtemp()) / "pct.lua"
        script.write_text(run.LUA)
        out = {}

        def slow():
            out["slow"] = run.wrk(base + page, cookie, connections, duration, str(script))

        t = threading.Thread(target=slow)
        t.start()
        time.sleep(1)  # the slow requests are in flight
        out["fast"] = run.wrk(base + fast, cookie if fast.startswith("/app") else {}, 2, duration - 2, str(script))
        t.join()
        return out
    finally:
        run.stop(proc)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", default=str(run.ROOT / ".build/release/dienhinh"))
    p.add_argument("--data", required=True, help="a folder with dienhinh.sqlite filled by run.py --keep")
    p.add_argument("--connections", type=int, default=8)
    p.add_argument("--duration", type=int, default=15)
    p.add_argument("--page", default="/app")
    p.add_argument("--fast", default="/healthz", help="the page measured beside the slow one (signed in under /app)")
    p.add_argument("--a", action="append", default=[], metavar="K=V")
    p.add_argument("--b", action="append", default=[], metavar="K=V")
    args = p.parse_args()
    binary = Path(args.bin).resolve()
    data = Path(args.data).resolve()
    if args.a or args.b:
        variants = [(" ".join(args.a) or "default", dict(a.split("=", 1) for a in args.a)),
                    (" ".join(args.b) or "default", dict(b.split("=", 1) for b in args.b))]
    else:
        variants = [("1 connection an event loop", {"DIENHINH_SQLITE_READERS": "1"}), ("default readers", {})]
    results = []
    for label, settings in variants:
        r = measure(binary, data, settings, args.connections, args.duration, args.page, args.fast)
        results.append(r)
        h, s = r["fast"], r["slow"]
        print(f"{label}: {args.fast} p50 {h['p50_ms']} ms, p99 {h['p99_ms']} ms, {h['rps']:.0f} req/s; "
              f"{args.page} p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, {s['rps']:.1f} req/s", flush=True)
    if args.a or args.b:
        return
    one, many = results[0]["fast"], results[1]["fast"]
    print(f"\n{args.fast} under the slow load, one connection ÷ default readers: p50 × "
          f"{one['p50_ms'] / max(many['p50_ms'], 0.001):.1f}, p99 × {one['p99_ms'] / max(many['p99_ms'], 0.001):.1f}, "
          f"req/s × {many['rps'] / max(one['rps'], 0.001):.1f} more with the readers (cores: {os.cpu_count()})")


if __name__ == "__main__":
    main()
