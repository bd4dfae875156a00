#!/usr/bin/env python3
"""Export benchmark (issue 16, item 6) — not a timed test.

Loads N registrations into a fresh SQLite database (the real schema: the server's first start migrates it, then one
SQL bulk insert of units, subjects and registrations), starts the server, downloads the full registration export
as XLSX and as CSV through the API (a bearer token of the first admin), and reports for each: wall time, bytes,
and the server's peak RSS (VmHWM of /proc/PID/status). The server is restarted before each download so that each
peak is that export's own. Both files are checked: the CSV's line count, the XLSX read back with openpyxl in
read-only mode (row count, header bold through the styles, sharedStrings present).

    python3 Benchmarks/export/run.py [--rows 1000000] [--bin .build/release/dienhinh] [--keep]

With `--database-url postgres://…` nothing is loaded: the server runs on that PostgreSQL database as it is (the
national data of `gen-data`, whose first admin has the same password) and each export holds every registration.

    python3 Benchmarks/export/run.py --bin BIN --database-url postgres://dienhinh:dienhinh@127.0.0.1:5432/dienhinh_bench

`--sqlite FILE` does the same with a SQLite file (the national data that `Benchmarks/http/run.py --keep` leaves).

Target (issue 16): ≤ 30 s and ≤ 150 MB at 1,000,000 rows on the 2-core CI machine.
"""
import argparse
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "mat-khau-quan-tri-benchmark"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(binary, db, workdir):
    port = free_port()
    env = dict(os.environ, DIENHINH_ADMIN_PASSWORD=ADMIN_PASSWORD, DIENHINH_BCRYPT_COST="4")
    if str(db).startswith("postgres"):
        env["DATABASE_URL"] = str(db)
    else:
        env["DATABASE_PATH"] = str(db)
    env.pop("DIENHINH_DEMO", None)
    log = open(workdir / "server.log", "a")
    proc = subprocess.Popen([str(binary), "serve", "--hostname", "127.0.0.1", "--port", str(port), "--env", "production"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as r:
                if r.status == 200:
                    return proc, base
        except Exception:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start; see " + str(workdir / "server.log"))


def stop(proc):
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def rss_kb(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def token(base):
    req = urllib.request.Request(base + "/api/v1/auth/token", method="POST",
                                 data=json.dumps({"username": "admin", "password": ADMIN_PASSWORD}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)["token"]


def load(db, rows):
    """Ten communes under a district, `rows` subjects and one registration each (2024), in one transaction."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    version = con.execute("SELECT version FROM catalogue_versions ORDER BY id DESC LIMIT 1").fetchone()[0]
    fields = [r[0] for r in con.execute("SELECT code FROM catalogue_fields")] or ["LV-CCHC"]
    now = time.time() - 978307200  # Fluent stores dates as seconds since 2001 in SQLite
    with con:
        con.execute("INSERT INTO units (code, name, short_name, kind, parent_id, path, place, abbreviation, search_text,"
                    " active, created_at, updated_at) VALUES ('BM-HUYEN', 'Huyện Thử Nghiệm', 'Huyện Thử Nghiệm',"
                    " 'huyen', NULL, '/', 'Kon Rẫy', '', 'huyen thu nghiem', 1, ?, ?)", (now, now))
        root = con.execute("SELECT last_insert_rowid()").fetchone()[0]
        con.execute("UPDATE units SET path = ? WHERE id = ?", (f"/{root}/", root))
        units = []
        for i, name in enumerate(["Tân Lập", "Đắk Ruồng", "Đắk Tờ Re", "Đắk Pne", "Tân Lợi", "Đắk Kôi",
                                  "Thị trấn Đắk Rve", "Phòng Giáo dục", "Phòng Tư pháp", "Phòng Nội vụ"]):
            con.execute("INSERT INTO units (code, name, short_name, kind, parent_id, path, place, abbreviation,"
                        " search_text, active, created_at, updated_at) VALUES (?, ?, ?, 'xa', ?, '', '', '', ?,"
                        " 1, ?, ?)", (f"BM-{i}", "Xã " + name, name, root, name.lower(), now, now))
            uid = con.execute("SELECT last_insert_rowid()").fetchone()[0]
            con.execute("UPDATE units SET path = ? WHERE id = ?", (f"/{root}/{uid}/", uid))
            units.append(uid)
        first_unit = units[0]
        con.execute("""
            INSERT INTO subjects (kind, name, search_text, sort_key, unit_id, gender, ethnicity, position, birth_date,
                id_number, phone, address, created_at, updated_at)
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            SELECT 'individual', 'Nguyễn Thị Hồng Nhung ' || i, 'nguyen thi hong nhung ' || i,
                printf('nguyen thi hong nhung %08d', i), ? + (i % 10), 'nu', 'Kinh', '', '', '', '', '', ?, ? FROM n
            """, (rows, first_unit, now, now))
        field_case = " ".join(f"WHEN {k} THEN '{c}'" for k, c in enumerate(fields))
        con.execute(f"""
            INSERT INTO registrations (subject_id, unit_id, year, subject_kind, catalogue_version, field_code, title,
                description, goals, contact, status, search_text, sort_key, created_at, updated_at)
            SELECT id, unit_id, 2024, 'individual', ?, CASE id % {len(fields)} {field_case} END,
                'Mô hình “Dân vận khéo” trong xây dựng nông thôn mới số ' || id, '', '', '', 'registered',
                search_text, sort_key, ?, ? FROM subjects WHERE search_text LIKE 'nguyen thi hong nhung %'
            """, (version, now, now))
    con.close()


def download(binary, db, workdir, fmt, rows):
    proc, base = start(binary, db, workdir)
    try:
        tok = token(base)
        out = workdir / f"export.{fmt}"
        before = rss_kb(proc.pid, "VmRSS")
        t0 = time.monotonic()
        req = urllib.request.Request(base + f"/api/v1/registrations/export?format={fmt}",
                                     headers={"Authorization": "Bearer " + tok})
        with urllib.request.urlopen(req, timeout=600) as r, open(out, "wb") as f:
            shutil.copyfileobj(r, f, 1 << 20)
        seconds = time.monotonic() - t0
        peak = rss_kb(proc.pid, "VmHWM")
    finally:
        stop(proc)
    size = out.stat().st_size
    if fmt == "csv":
        with open(out, "rb") as f:
            head = f.read(3)
            assert head == b"\xef\xbb\xbf", "no BOM"
            f.seek(0)
            lines = sum(1 for _ in f)
        assert lines == rows + 1, f"{lines} lines for {rows} rows"
    else:
        with zipfile.ZipFile(out) as z:
            names = z.namelist()
            assert "xl/sharedStrings.xml" in names, names
        import openpyxl
        wb = openpyxl.load_workbook(out, read_only=True)
        ws = wb.active
        header = next(ws.iter_rows(max_row=1))
        assert header[0].font.b, "header not bold"
        count = sum(1 for _ in ws.iter_rows(values_only=True))
        assert count == rows + 1, f"{count} rows for {rows}"
    return seconds, size, before, peak


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--bin", default=str(ROOT / ".build" / "release" / "dienhinh"))
    ap.add_argument("--keep", action="store_true", help="keep the work folder (database, files, log)")
    ap.add_argument("--database-url", help="export from this PostgreSQL database as it is (nothing is loaded)")
    ap.add_argument("--sqlite", help="export from this SQLite file as it is (nothing is loaded), e.g. the national "
                                     "data of `run.py --scale national --keep`")
    a = ap.parse_args()
    binary = Path(a.bin)
    workdir = Path(tempfile.mkdtemp(prefix="dienhinh-export-bench-"))
    if a.database_url:
        db = a.database_url
        out = subprocess.run(["psql", db, "-tAc", "SELECT count(*) FROM registrations"], capture_output=True,
                             text=True, check=True)
        a.rows = int(out.stdout.strip())
        print(f"PostgreSQL as it is: {a.rows:,} registrations")
    elif a.sqlite:
        db = Path(a.sqlite).resolve()
        out = subprocess.run(["sqlite3", str(db), "SELECT count(*) FROM registrations"], capture_output=True,
                             text=True, check=True)
        a.rows = int(out.stdout.strip())
        print(f"SQLite as it is: {a.rows:,} registrations")
    else:
        db = workdir / "bench.sqlite"
        proc, _ = start(binary, db, workdir)  # first start: migrations and the admin
        stop(proc)
        t0 = time.monotonic()
        load(db, a.rows)
        print(f"loaded {a.rows:,} registrations in {time.monotonic() - t0:.1f} s ({db.stat().st_size / 1e6:.0f} MB)")
    print(f"binary: {binary}")
    for fmt in ("xlsx", "csv"):
        seconds, size, before, peak = download(binary, db, workdir, fmt, a.rows)
        print(f"{fmt}: {seconds:.1f} s, {size / 1e6:.1f} MB file, server RSS {before / 1024:.0f} MB before, "
              f"peak {peak / 1024:.0f} MB (VmHWM)")
    if a.keep:
        print("work folder:", workdir)
    else:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
