#!/usr/bin/env python3
"""The first requests of a page after a start, one at a time, each timed (issue 11) — on demand, never a test.

Why run.py times a page alone only after 10 untimed requests on the same connection (session 48): on PostgreSQL a
prepared statement's first five runs on a pooled connection are planned each time (PostgreSQL's custom plans) before
it settles on the generic plan, so the first requests after a start measure planning the page will not do again.
Starts the binary on run.py's data, sends each page three times (as run.py's warm-up does), then prints the times of
`--requests` sequential requests on one new connection, `--rounds` times. With `--env` or a database setting
(`ALTER DATABASE … SET plan_cache_mode = force_generic_plan`, then `RESET`) the cause can be checked.

    python3 Benchmarks/http/first_requests.py --bin BIN --reuse DIR \\
        --database-url postgres://dienhinh:dienhinh@127.0.0.1:5432/dienhinh_bench \\
        --page "web list, three filters" --page "a registration's page"
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare as C  # noqa: E402
import run as R  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--reuse", required=True)
    p.add_argument("--database-url", default="")
    p.add_argument("--page", action="append", required=True, help="a name from compare.py's list")
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--requests", type=int, default=12)
    p.add_argument("--env", action="append", default=[], metavar="K=V")
    args = p.parse_args()
    workdir = Path(args.reuse)
    port = R.free_port()
    proc = R.start_server(args.bin, workdir, R.env_for(args, workdir), port, workdir / f"first-{port}.log")
    try:
        base = f"http://127.0.0.1:{port}"
        pages = {name: C.named_page(base, name) for name in args.page}
        for url, headers in pages.values():
            for _ in range(3):
                R.fetch(url, headers)
        for r in range(args.rounds):
            for name, (url, headers) in pages.items():
                times = [round(t, 2) for t in R.sequential_times(url, headers, args.requests)]
                print(f"round {r}, {name}: {times}", flush=True)
    finally:
        R.stop(proc)


if __name__ == "__main__":
    main()
