#!/usr/bin/env python3
"""The public exemplar directory and its filters, two builds on the same data (issue 11) — on demand.

For each binary in turn: starts it on a database filled by `gen-data` (`--reuse` of run.py), opens the directory
once (the first view also counts the facets, which later views take from a cache kept up to date in the background)
and then each filter — none, a field, a commune, a district, the root unit — timing the first request and the
median of the next five (a filter slower than 2 s after its first view is timed twice).

    python3 Benchmarks/http/directory.py --bin OLD --bin NEW --reuse /work/bench-national [--units 4659,52,1]
    python3 Benchmarks/http/directory.py --bin OLD --bin NEW \\
        --database-url postgres://dienhinh:dienhinh@127.0.0.1:5432/dienhinh_bench
"""
import argparse
import urllib.parse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as R  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", action="append", required=True)
    p.add_argument("--reuse", default="", help="the folder of a SQLite database filled by gen-data")
    p.add_argument("--database-url", default="", help="a PostgreSQL database filled by gen-data, instead")
    p.add_argument("--field", default="LV-GDDT")
    p.add_argument("--units", default="4659,52,1", help="unit ids for ?xa= (a hamlet, a commune, a province)")
    p.add_argument("--search", default="", help="comma-separated public searches (/tim-kiem?q=) to time as well")
    args = p.parse_args()

    class Args:
        database_url = args.database_url
    if not args.reuse and not args.database_url:
        raise SystemExit("--reuse DIR or --database-url URL")
    workdir = Path(args.reuse) if args.reuse else Path(tempfile.mkdtemp(prefix="dienhinh-directory-"))
    paths = ["/dien-hinh", f"/dien-hinh?linh-vuc={args.field}"] + [f"/dien-hinh?xa={u}" for u in args.units.split(",")]
    paths += [f"/tim-kiem?q={urllib.parse.quote(q)}" for q in args.search.split(",") if q]
    print("| binary | page | first view ms | then ms (median of 5) | bytes |")
    print("|---|---|---|---|---|")
    for binary in args.bin:
        env = R.env_for(Args, workdir)
        port = R.free_port()
        base = f"http://127.0.0.1:{port}"
        proc = R.start_server(binary, workdir, env, port, workdir / "directory-server.log")
        try:
            for path in paths:
                times = []
                for _ in range(6):
                    t0 = time.perf_counter()
                    status, body, _ = R.fetch(base + path)
                    times.append((time.perf_counter() - t0) * 1000)
                    if len(times) > 1 and times[-1] > 2000:
                        break
                then = f"{statistics.median(times[1:]):.1f}"
                print(f"| {Path(binary).name} | {path} | {times[0]:.1f} | {then} | {len(body):,} ({status}) |",
                      flush=True)
        finally:
            R.stop(proc)


if __name__ == "__main__":
    main()
