#!/usr/bin/env python3
"""What `dienhinh gen-data` writes to disk — on demand, never a timed test.

Runs `gen-data --scale S --seed N` on a fresh SQLite file in `--dir` (removed first) and prints the bytes the process
wrote (`write_bytes` of /proc/PID/io, sampled until it exits), its peak RSS (VmHWM), the wall time and the file's
size: write amplification is written ÷ file.

    python3 Benchmarks/gen-data/io.py --bin BIN --dir /tmp/gd-province [--scale province] [--env NAME=VALUE]

`--keep-indexes` passes gen-data's own flag (the secondary indexes kept during the load, as before session 28), for
an A/B of one binary. `--database-url URL` loads PostgreSQL instead (its schema dropped first); the bytes are then
the generator's own, not the server's, and the file size is the database's.
"""
import argparse
import os
import shutil
import subprocess
import time
from pathlib import Path


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--scale", default="province")
    p.add_argument("--seed", default="1")
    p.add_argument("--env", action="append", default=[])
    p.add_argument("--keep-indexes", action="store_true")
    p.add_argument("--database-url", default="")
    args = p.parse_args()
    root = Path(__file__).resolve().parents[2]
    shutil.rmtree(args.dir, ignore_errors=True)
    os.makedirs(args.dir)
    env = dict(os.environ, DATABASE_PATH=os.path.join(args.dir, "dienhinh.sqlite"))
    env.pop("DATABASE_URL", None)
    if args.database_url:
        subprocess.run(["psql", "-q", args.database_url, "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        env["DATABASE_URL"] = args.database_url
        env.pop("DATABASE_PATH")
    env.update(dict(kv.split("=", 1) for kv in args.env))
    # The schema and the admin first, so that the time below is the load's.
    subprocess.run([args.bin, "migrate"], cwd=root, env=env, check=True, stdout=subprocess.DEVNULL)
    t0 = time.time()
    command = [args.bin, "gen-data", "--scale", args.scale, "--seed", args.seed]
    if args.keep_indexes:
        command.append("--keep-indexes")
    log = os.path.join(args.dir, "gen-data.log")
    proc = subprocess.Popen(command, cwd=root, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    written, peak = 0, 0
    while proc.poll() is None:
        try:
            io = dict(line.strip().split(": ") for line in open(f"/proc/{proc.pid}/io"))
            written = int(io["write_bytes"])
            for line in open(f"/proc/{proc.pid}/status"):
                if line.startswith("VmHWM"):
                    peak = int(line.split()[1])
        except (OSError, KeyError, ValueError):
            pass
        time.sleep(0.1)
    wall = time.time() - t0
    if args.database_url:
        size = int(subprocess.run(["psql", "-qtA", args.database_url, "-c", "SELECT pg_database_size(current_database())"],
                                  capture_output=True, text=True, check=True).stdout.strip())
    else:
        size = os.path.getsize(env["DATABASE_PATH"])
    print(f"exit {proc.returncode}, {wall:.1f} s, written {written / 1e6:,.0f} MB, "
          f"database {size / 1e6:,.0f} MB ({written / size:.1f}×), peak RSS {peak / 1024:.0f} MB")
    print(open(log).read().strip().splitlines()[-1])


if __name__ == "__main__":
    main()
