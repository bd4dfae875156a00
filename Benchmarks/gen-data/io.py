#!/usr/bin/env python3
"""What `dienhinh gen-data` writes to disk — on demand, never a timed test.

Runs `gen-data --scale S --seed N` on a fresh SQLite file in `--dir` (removed first) and prints the bytes the process
wrote (`write_bytes` of /proc/PID/io, sampled until it exits), its peak RSS (VmHWM), the wall time and the file's
size: write amplification is written ÷ file.

    python3 Benchmarks/gen-data/io.py --bin BIN --dir /tmp/gd-province [--scale province] [--env NAME=VALUE]
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
    args = p.parse_args()
    root = Path(__file__).resolve().parents[2]
    shutil.rmtree(args.dir, ignore_errors=True)
    os.makedirs(args.dir)
    env = dict(os.environ, DATABASE_PATH=os.path.join(args.dir, "dienhinh.sqlite"))
    env.update(dict(kv.split("=", 1) for kv in args.env))
    t0 = time.time()
    proc = subprocess.Popen([args.bin, "gen-data", "--scale", args.scale, "--seed", args.seed], cwd=root, env=env,
                            stdout=open(os.path.join(args.dir, "gen-data.log"), "w"), stderr=subprocess.STDOUT)
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
    size = os.path.getsize(env["DATABASE_PATH"])
    print(f"exit {proc.returncode}, {time.time() - t0:.1f} s, written {written / 1e6:,.0f} MB, "
          f"file {size / 1e6:,.0f} MB ({written / size:.1f}×), peak RSS {peak / 1024:.0f} MB")


if __name__ == "__main__":
    main()
