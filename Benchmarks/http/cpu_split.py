#!/usr/bin/env python3
"""Where a page's CPU goes under load: the server's and PostgreSQL's, a request (issue 11) — on demand, never a test.

On two cores the app and PostgreSQL share the machine, so a page's throughput is bounded by the two together. Starts
the binary on PostgreSQL data of run.py (`--keep`), sends the page at `--connections` for `--duration` seconds with
wrk, and divides the CPU each used (utime + stime of /proc/PID/stat: the server; every `postgres` process) by the
requests served. What the server spends beyond PostgreSQL is the app's own cost; what PostgreSQL spends beyond the
SQL floor (run.py) is its per-statement cost (parse, plan, round trip). `--page` is a name from compare.py's list.
Without `--database-url` it runs on the SQLite file in `--reuse`, and the server's CPU is the whole of it: a steadier
comparison of two builds than their req/s when the machine's speed wanders.

    python3 Benchmarks/http/cpu_split.py --bin BIN --reuse DIR \\
        --database-url postgres://dienhinh:dienhinh@127.0.0.1:5432/dienhinh_bench --page "web folded search"
"""
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare as C  # noqa: E402
import run as R  # noqa: E402


def postgres_cpu_ms():
    """CPU (ms) used so far by every running postgres process."""
    pids = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True).stdout.split()
    return sum(C.cpu_ms(int(p)) for p in pids if Path(f"/proc/{p}").exists())


def main():
    args = C.page_under_load_arguments(__doc__.splitlines()[0], postgres_only=False).parse_args()
    proc, url, headers, script = C.serve_page(args, args.page, warm=30)
    try:
        app0, pg0 = C.cpu_ms(proc.pid), postgres_cpu_ms()
        r = R.wrk(url, headers, args.connections, args.duration, str(script))
        app1, pg1 = C.cpu_ms(proc.pid), postgres_cpu_ms()
        n = r["requests"]
        postgres = f", PostgreSQL CPU {(pg1 - pg0) / n:.2f} ms" if args.database_url else ""
        print(f"{args.page}: {r['rps']:.0f} req/s (p95 {r['p95_ms']:.1f} ms); a request: server CPU "
              f"{(app1 - app0) / n:.2f} ms{postgres}")
    finally:
        R.stop(proc)


if __name__ == "__main__":
    os.environ.setdefault("PGPASSWORD", "dienhinh")
    main()
