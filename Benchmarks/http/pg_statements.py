#!/usr/bin/env python3
"""PostgreSQL's time a request, statement by statement, for one page under load (issue 11) — on demand, never a test.

Starts the binary on PostgreSQL data of run.py (`--reuse DIR`), sends the page at `--connections` for `--duration`
seconds with wrk, and lists from `pg_stat_statements` each statement's planning and running time divided by the
requests served, with how often it was planned (a prepared statement's generic plan is planned once a connection).
Under load the times are wall-clock inside PostgreSQL and include waiting for the CPU: compare statements within one
run, and runs of two builds one after the other. `--page` is a name from compare.py's list.

Needs the extension loaded (once; a restart of PostgreSQL; the figures of run.py are measured without it):

    psql -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"   # then restart PostgreSQL
    psql -c "ALTER SYSTEM SET pg_stat_statements.track_planning = on"             # then restart again
    psql -d dienhinh_bench -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"

    python3 Benchmarks/http/pg_statements.py --bin BIN --reuse DIR \\
        --database-url postgres://dienhinh:dienhinh@127.0.0.1:5432/dienhinh_bench --page "API folded search"

Undo with `ALTER SYSTEM RESET shared_preload_libraries` and `RESET pg_stat_statements.track_planning`, and a restart.
"""
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare as C  # noqa: E402
import run as R  # noqa: E402


def main():
    p = C.page_under_load_arguments(__doc__.splitlines()[0])
    p.add_argument("--top", type=int, default=10, help="this many statements, the dearest first")
    args = p.parse_args()
    url = urlparse(args.database_url)
    psql = ["psql", "-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "dienhinh",
            url.path.lstrip("/"), "-qAt", "-F", " | "]
    check = subprocess.run(psql + ["-c", "SELECT count(*) FROM pg_stat_statements"], capture_output=True, text=True)
    if check.returncode != 0:
        raise SystemExit("pg_stat_statements is not loaded: see this script's first lines\n" + check.stderr)
    proc, page_url, headers, script = C.serve_page(args, args.page, warm=30)
    try:
        subprocess.run(psql + ["-c", "SELECT pg_stat_statements_reset()"], check=True, capture_output=True)
        r = R.wrk(page_url, headers, args.connections, args.duration, str(script))
        n = max(r["requests"], 1)
        print(f"{args.page}: {r['rps']:.0f} req/s, p95 {r['p95_ms']:.1f} ms, {n} requests")
        out = subprocess.run(psql + ["-c", f"""
            SELECT round((total_plan_time / {n})::numeric, 3), round((total_exec_time / {n})::numeric, 3), calls,
            plans, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) FROM pg_stat_statements
            WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_plan_time + total_exec_time DESC
            LIMIT {args.top}"""], capture_output=True, text=True, check=True)
        print("| plan ms a request | run ms a request | runs | plans | statement |")
        print("|---|---|---|---|---|")
        for line in out.stdout.splitlines():
            print("| " + line + " |")
    finally:
        R.stop(proc)


if __name__ == "__main__":
    os.environ.setdefault("PGPASSWORD", "dienhinh")
    main()
