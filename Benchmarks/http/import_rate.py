#!/usr/bin/env python3
"""Import speed and memory of release builds on a copy of a national database (issue 11, item 7) — on demand.

For each binary, in ONE run (the machine is noisy; read the ratios): copies the SQLite file of `--reuse` (a
`gen-data` folder, never written to), starts `dienhinh serve` on it, uploads a CSV of `--rows` registrations spread
over `--units` communes of the data through `POST /api/v1/imports`, waits for the job and reports:
  - rows/s from the upload to the job's end, and how that time splits between reading and checking the file
    (the job "validating") and writing it ("importing");
  - the server's RSS idle before, its peak during the import (VmHWM), and after the job plus a pause.

    python3 Benchmarks/http/import_rate.py --bin NEW_BIN [--bin OLD_BIN] --reuse /work/bench-national \\
        [--rows 50000] [--units 200] [--repeat 3] [--password ADMIN_PASSWORD]

A soak: `--soak N` runs N imports in a row on one server of each binary and reports the memory after each (is it
handed back, or does it grow from import to import?).

On PostgreSQL, `--postgres-template URL` names a database of national data (never written to): each run imports
into a copy of it (`CREATE DATABASE … TEMPLATE`, dropped after the run), made while nothing is connected to it.

    python3 Benchmarks/http/import_rate.py --bin NEW_BIN \\
        --postgres-template postgres://dienhinh:dienhinh@127.0.0.1:5432/dienhinh_bench
"""
import argparse
import csv
import io
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as R  # noqa: E402  (free_port, start_server, stop, rss)


def status_kb(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def call(base, method, path, body=None, headers=None):
    req = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
    with urllib.request.urlopen(req, timeout=600) as r:
        return json.loads(r.read())


def csv_body(codes, rows, seed):
    rnd = random.Random(seed)
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["Năm", "Mã đơn vị", "Loại đối tượng", "Tên đối tượng", "Mã loại mô hình / điển hình",
                "Mã phong trào", "Tên mô hình / nội dung đăng ký"])
    kinds = [("Hộ gia đình", "MH-15"), ("Cá nhân", "CN-03"), ("Tập thể", "MH-03")]
    for i in range(1, rows + 1):
        k = kinds[i % 3]
        w.writerow(["2025", rnd.choice(codes), k[0], f"Đối tượng nhập {i} {uuid.uuid4().hex[:6]}", k[1], "",
                    f"Mô hình nhập {i}"])
    boundary = "bench" + uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"nhap.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\n").encode() + out.getvalue().encode() + f"\r\n--{boundary}--\r\n".encode()
    return body, boundary


def postgres(url, database, sql):
    """Runs one statement in `database` of the server of `url` (the copy is made from the maintenance database)."""
    base = url.rsplit("/", 1)[0]
    subprocess.run(["psql", "-q", f"{base}/{database}", "-c", sql], check=True, stdout=subprocess.DEVNULL)


def import_once(base, auth, proc, codes, rows, seed):
    """One import through the API on a running server: its rate, its split, the server's memory around it."""
    body, boundary = csv_body(codes, rows, seed)
    time.sleep(2)
    idle = status_kb(proc.pid, "VmRSS") / 1024
    start = time.monotonic()
    job = call(base, "POST", "/api/v1/imports", body,
               dict(auth, **{"Content-Type": f"multipart/form-data; boundary={boundary}"}))
    writing = None
    while True:
        j = call(base, "GET", f"/api/v1/imports/{job['id']}", headers=auth)
        if j["finished"]:
            break
        if writing is None and j["status"] == "importing":
            writing = time.monotonic()
        time.sleep(0.1)
    elapsed = time.monotonic() - start
    checked = (writing or time.monotonic()) - start
    peak = status_kb(proc.pid, "VmHWM") / 1024
    time.sleep(3)
    after = status_kb(proc.pid, "VmRSS") / 1024
    return {"status": j["status"], "created": j["created"], "errors": len(j.get("errors", [])),
            "seconds": round(elapsed, 2), "rows_per_s": round(j["created"] / elapsed),
            "check_s": round(checked, 2), "write_s": round(elapsed - checked, 2),
            "rss_idle_mb": round(idle, 1), "rss_peak_mb": round(peak, 1), "rss_after_mb": round(after, 1),
            "rss_anon_after_mb": round(status_kb(proc.pid, "RssAnon") / 1024, 1)}


def measure(binary, source, rows, codes, password, seed, template=None, imports=1):
    """`imports` imports in a row on one server (a soak when more than one); returns each import's figures."""
    work = Path(tempfile.mkdtemp(prefix="dh-import-"))
    copy = None
    try:
        if template:
            copy = "dh_import_bench"
            postgres(template, "postgres", f"DROP DATABASE IF EXISTS {copy}")
            postgres(template, "postgres", f"CREATE DATABASE {copy} TEMPLATE {template.rsplit('/', 1)[1]}")
            env = R.env_for(argparse.Namespace(database_url=template.rsplit("/", 1)[0] + "/" + copy), work)
        else:
            shutil.copyfile(source / "dienhinh.sqlite", work / "dienhinh.sqlite")
            env = R.env_for(argparse.Namespace(database_url=None), work)
        port = R.free_port()
        base = f"http://127.0.0.1:{port}"
        proc = R.start_server(binary, work, env, port, work / "server.log")
        try:
            token = call(base, "POST", "/api/v1/auth/token",
                         json.dumps({"username": "admin", "password": password}).encode(),
                         {"Content-Type": "application/json"})["token"]
            auth = {"Authorization": f"Bearer {token}"}
            out = []
            for n in range(imports):
                r = dict(import_once(base, auth, proc, codes, rows, seed + n), bin=binary, n=n + 1)
                if imports > 1:
                    print(f"import {n + 1}: {r['status']}, {r['rows_per_s']} rows/s, RSS before {r['rss_idle_mb']} "
                          f"MB, peak so far {r['rss_peak_mb']} MB, after {r['rss_after_mb']} MB "
                          f"(anonymous {r['rss_anon_after_mb']} MB)", flush=True)
                out.append(r)
            return out
        finally:
            R.stop(proc)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if copy:
            postgres(template, "postgres", f"DROP DATABASE IF EXISTS {copy}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", action="append", required=True)
    p.add_argument("--reuse", help="a gen-data folder holding dienhinh.sqlite (only read)")
    p.add_argument("--postgres-template", help="a PostgreSQL database of gen-data (only read): runs on copies of it")
    p.add_argument("--rows", type=int, default=50_000)
    p.add_argument("--units", type=int, default=200)
    p.add_argument("--repeat", type=int, default=1, help="runs of each binary; the median run is reported")
    p.add_argument("--password", default=R.ADMIN_PASSWORD)
    p.add_argument("--soak", type=int, default=0, help="instead: this many imports in a row on one server of each "
                   "binary, each import's rate and the server's memory after it")
    args = p.parse_args()
    source = Path(args.reuse) if args.reuse else None
    units_sql = f"SELECT code FROM units WHERE kind = 'xa' AND abolished_on IS NULL ORDER BY id LIMIT {args.units}"
    if args.postgres_template:
        def query(sql):
            out = subprocess.run(["psql", args.postgres_template, "-tAc", sql], check=True, capture_output=True,
                                 text=True)
            return [line for line in out.stdout.splitlines() if line]
        codes = query(units_sql)
        units = int(query("SELECT count(*) FROM units")[0])
    else:
        db = sqlite3.connect(f"file:{source / 'dienhinh.sqlite'}?mode=ro", uri=True)
        codes = [r[0] for r in db.execute(units_sql)]
        units = db.execute("SELECT count(*) FROM units").fetchone()[0]
        db.close()
    print(f"{units} units in the data; {args.rows} rows over {len(codes)} communes", flush=True)
    if args.soak:
        for b in args.bin:
            runs = measure(b, source, args.rows, codes, args.password, seed=1, template=args.postgres_template,
                           imports=args.soak)
            print(f"| {b} | import | rows/s | RSS before MB | after MB | anonymous after MB | peak so far MB |")
            print("|---|---|---|---|---|---|---|")
            for r in runs:
                print(f"| | {r['n']} ({r['status']}) | {r['rows_per_s']} | {r['rss_idle_mb']} | {r['rss_after_mb']} | "
                      f"{r['rss_anon_after_mb']} | {r['rss_peak_mb']} |")
        return
    runs = []
    for _ in range(args.repeat):  # the binaries in turn, so that the machine's drift falls on each alike
        runs += [measure(b, source, args.rows, codes, args.password, seed=1, template=args.postgres_template)[0]
                 for b in args.bin]
    results = []
    for b in args.bin:
        mine = sorted((r for r in runs if r["bin"] == b), key=lambda r: r["rows_per_s"])
        median = dict(mine[len(mine) // 2])
        median["all_rows_per_s"] = [r["rows_per_s"] for r in runs if r["bin"] == b]
        results.append(median)
    print("| binary | status | rows | s (upload and check + write) | rows/s | RSS idle MB | peak MB | after MB |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['bin']} | {r['status']} ({r['errors']} errors) | {r['created']} | {r['seconds']} "
              f"({r['check_s']} + {r['write_s']}) | {r['rows_per_s']} | {r['rss_idle_mb']} | {r['rss_peak_mb']} | "
              f"{r['rss_after_mb']} |")
    if args.repeat > 1:
        for r in results:
            print(f"{r['bin']}: rows/s of each run {r['all_rows_per_s']} (the table shows the median run)")


if __name__ == "__main__":
    main()
