#!/usr/bin/env python3
"""The server's memory through a few searches and an export — on demand, never a timed test.

Starts `dienhinh serve` on a gen-data folder (`--reuse` of run.py), prints VmRSS, VmHWM, RssAnon (the server's own
memory) and RssFile (mapped file pages: the binary, and the SQLite file when DIENHINH_SQLITE_MMAP_MB maps it) of
/proc/PID/status at idle, after searches of the registration list and the dashboard, and after one CSV export of a
year's registrations (with its wall time). `--env NAME=VALUE` (repeatable) sets the server's environment.

    python3 Benchmarks/http/rss.py --bin BIN --reuse /work/bench-national [--env DIENHINH_SQLITE_MMAP_MB=2047]
"""
import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as R  # noqa: E402


def status(pid):
    out = {}
    for line in open(f"/proc/{pid}/status"):
        key, value = line.split(":", 1)
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            out[key] = value.strip()
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--reuse", required=True)
    p.add_argument("--env", action="append", default=[])
    p.add_argument("--year", type=int, default=2024)
    args = p.parse_args()

    class Args:
        database_url = ""
    workdir = Path(args.reuse)
    env = R.env_for(Args, workdir)
    env.update(dict(kv.split("=", 1) for kv in args.env))
    port = R.free_port()
    base = f"http://127.0.0.1:{port}"
    proc = R.start_server(args.bin, workdir, env, port, workdir / "rss-server.log")
    try:
        print("idle", status(proc.pid))
        cookie = {"Cookie": R.login_cookie(base)}
        for q in ["sam%20day", "nguyen%20van", "tran%20thi", "le", "hoang"]:
            for page in range(1, 4):
                R.fetch(f"{base}/app/registrations?q={q}&page={page}", cookie)
        R.fetch(base + "/app/dashboard", cookie)
        print("after searches and the dashboard", status(proc.pid))
        t0 = time.time()
        subprocess.run(["curl", "-s", "-o", "/dev/null", "-H", "Cookie: " + cookie["Cookie"],
                        f"{base}/app/registrations/export?format=csv&year={args.year}"], check=True)
        print(f"after the {args.year} CSV export ({time.time() - t0:.1f} s)", status(proc.pid))
    finally:
        R.stop(proc)


if __name__ == "__main__":
    main()
