#!/usr/bin/env python3
"""One page of two builds side by side (issue 11, item 9) — on demand, never a timed test.

Starts both binaries at once on the same data (`--reuse` of run.py), signs the admin in on each, and sends the page
to one and then the other, alternately, `--requests` times each (the order swapped every round), so that whatever
the machine does falls on both. Prints each build's median time and the server's CPU a request (utime + stime of
/proc/PID/stat). `--page` is a name from compare.py's list (for instance "API list, three filters").

    python3 Benchmarks/http/ab.py --before OLD --after NEW --reuse /work/bench-national \\
        --page "dashboard, whole tree" [--requests 300]

Under load (`--connections N`): wrk bursts of `--duration` seconds at N connections, one build then the other (the
order swapped every round), `--rounds` times; prints each build's median req/s and p95 over its bursts.

    python3 Benchmarks/http/ab.py --before OLD --after NEW --reuse DIR --page "public home page" \\
        --connections 32 --duration 5 --rounds 6

One build under two settings: the same binary as both, `--after-env NAME=VALUE` (and `--before-env`, repeatable)
set in that server's environment only.

    python3 Benchmarks/http/ab.py --before BIN --after BIN --after-env DIENHINH_SQLITE_MMAP_MB=2047 --reuse DIR \\
        --page "web list, three filters"
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare as C  # noqa: E402
import run as R  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--before", required=True)
    p.add_argument("--after", required=True)
    p.add_argument("--reuse", required=True)
    p.add_argument("--page", required=True)
    p.add_argument("--requests", type=int, default=300)
    p.add_argument("--connections", type=int, default=0, help="wrk bursts at this many connections")
    p.add_argument("--duration", type=int, default=5)
    p.add_argument("--rounds", type=int, default=6)
    p.add_argument("--before-env", action="append", default=[], help="NAME=VALUE for the first server")
    p.add_argument("--after-env", action="append", default=[], help="NAME=VALUE for the second server")
    args = p.parse_args()
    if args.before == args.after and args.before_env == args.after_env:
        raise SystemExit("the same build with the same settings twice: give --after-env or another --after")

    class Args:
        database_url = ""
    workdir = Path(args.reuse)
    servers = []
    try:
        for binary, extra in [(args.before, args.before_env), (args.after, args.after_env)]:
            env = R.env_for(Args, workdir)
            env.update(dict(kv.split("=", 1) for kv in extra))
            port = R.free_port()
            base = f"http://127.0.0.1:{port}"
            proc = R.start_server(binary, workdir, env, port, workdir / f"ab-server-{port}.log")
            # A name for each server: the binary, and its settings when both run one binary.
            binary = f"{binary} {' '.join(extra)}".strip() if args.before == args.after else binary
            servers.append((binary, proc))
            url, headers = C.named_page(base, args.page)
            for _ in range(3):
                R.fetch(url, headers)
            servers[-1] = (binary, proc, url, headers)
        if args.connections:
            return under_load(args, servers, workdir)
        times = {s[0]: [] for s in servers}
        cpu_before = {s[0]: C.cpu_ms(s[1].pid) for s in servers}
        for i in range(args.requests):
            for binary, _, url, headers in (servers if i % 2 == 0 else servers[::-1]):
                t0 = time.perf_counter()
                R.fetch(url, headers)
                times[binary].append((time.perf_counter() - t0) * 1000)
        medians = {}
        for binary, proc, _, _ in servers:
            medians[binary] = statistics.median(times[binary])
            cpu = (C.cpu_ms(proc.pid) - cpu_before[binary]) / args.requests
            print(f"{binary}: median {medians[binary]:.2f} ms, CPU {cpu:.2f} ms a request")
        first, second = (s[0] for s in servers)
        print(f"after ÷ before (median): {medians[second] / medians[first]:.2f}")
    finally:
        for s in servers:
            R.stop(s[1])


def under_load(args, servers, workdir):
    script = workdir / "pct.lua"
    script.write_text(R.LUA)
    runs = {s[0]: [] for s in servers}
    for i in range(args.rounds):
        for binary, _, url, headers in (servers if i % 2 == 0 else servers[::-1]):
            runs[binary].append(R.wrk(url, headers, args.connections, args.duration, str(script)))
    rps = {}
    for binary, _, _, _ in servers:
        rps[binary] = statistics.median(r["rps"] for r in runs[binary])
        p95 = statistics.median(r["p95_ms"] for r in runs[binary])
        errors = sum(r["non2xx"] for r in runs[binary])
        print(f"{binary}: median {rps[binary]:.0f} req/s, p95 {p95:.1f} ms, non-2xx {errors} "
              f"(bursts: {', '.join(str(round(r['rps'])) for r in runs[binary])})")
    first, second = (s[0] for s in servers)
    print(f"after ÷ before (req/s): {rps[second] / rps[first]:.2f}")


if __name__ == "__main__":
    main()
