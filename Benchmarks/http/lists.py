#!/usr/bin/env python3
"""The lists beside the registration list at national scale, before and after (issue 11, item 2) — on demand.

Starts each release binary in turn on the same filled database (an earlier `run.py --keep` folder, or a PostgreSQL
database with --database-url) and times each list page alone: the median of N sequential requests as the
administrator (keep-alive, one at a time). The lists: units (99,348 nationally), the award lookup (3,000,000 awards),
dossiers, the audit log, users and movements; their first page, a page by number, and a deep page. A deep page is
`page=1000` for a binary that pages by number only, and `after=<the cursor of the row before it>` for one that
pages by cursor (the cursor is made here from the database, in the server's token format). Binaries are run in the
order given, so give the older first: a newer one may add indexes to the database as it starts.

    python3 Benchmarks/http/lists.py --bin OLD --bin NEW --data /path/to/kept/folder [--runs 15]
    python3 Benchmarks/http/lists.py --bin OLD --bin NEW --database-url postgres://… [--runs 15]

`--officer` adds the lists a commune's officer reads (their scope: the commune and its villages): a unit-officer
account for the first commune with villages (`bench-xa`, made once with `dienhinh user create`), signed in to read
the units, the award lookup (its year, a name), the dossiers and the registrations (of a year, a search).
"""
import argparse
import base64
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (the benchmark's helpers: server start, sign-in)


def token(values):
    """`ListCursor.token`: each value `i<integer>` or `s<bytes>:<text>`, base64url without padding."""
    out = b""
    for v in values:
        if isinstance(v, int):
            out += b"i%d" % v
        else:
            b = v.encode()
            out += b"s%d:" % len(b) + b
    return base64.urlsafe_b64encode(out).decode().rstrip("=")


def query(args, sql):
    """The first row of `sql` on the benchmark's database."""
    if args.database_url:
        out = subprocess.run(["psql", args.database_url, "-tA", "-F", "\t", "-c", sql], check=True,
                             capture_output=True, text=True).stdout.strip().split("\n")[0]
        return out.split("\t")
    con = sqlite3.connect(str(Path(args.data) / "dienhinh.sqlite"))
    try:
        return list(con.execute(sql).fetchone())
    finally:
        con.close()


def deep_cursors(args, offset):
    """The cursors of the row before the deep page, in each list's order (`UnitQueries.order`,
    `AwardService.order`)."""
    path, uid = query(args, f"SELECT path, id FROM units ORDER BY path, id LIMIT 1 OFFSET {offset - 1}")
    key, sid, year, aid = query(
        args, "SELECT s.sort_key, s.id, a.year, a.id FROM awards a JOIN subjects s ON s.id = a.subject_id "
              f"ORDER BY s.sort_key, s.id, a.year DESC, a.id LIMIT 1 OFFSET {offset - 1}")
    return {"units": token([path, int(uid)]), "awards": token([key, int(sid), int(year), int(aid)])}


OFFICER, OFFICER_PASSWORD = "bench-xa", "mat-khau-can-bo-xa-benchmark"


def officer_account(args, binary, workdir, env):
    """The commune of the officer's account (made with `dienhinh user create` if it is not there yet)."""
    code, path = query(args, "SELECT u.code, u.path FROM units u WHERE u.kind = 'xa' AND EXISTS (SELECT 1 FROM units c "
                             "WHERE c.parent_id = u.id) ORDER BY u.path LIMIT 1")
    if not query(args, f"SELECT count(*) FROM users WHERE username = '{OFFICER}'")[0] in (1, "1"):
        subprocess.run([str(binary), "user", "create", "--username", OFFICER, "--role", "unit-officer", "--unit", code],
                       input=OFFICER_PASSWORD + "\n", text=True, cwd=workdir, env=env, check=True,
                       capture_output=True)
    return code, path


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", action="append", required=True, help="release binaries, older first")
    p.add_argument("--data", default="", help="a kept run.py folder (SQLite)")
    p.add_argument("--database-url", default="")
    p.add_argument("--runs", type=int, default=15)
    p.add_argument("--out", default="")
    p.add_argument("--officer", action="store_true", help="also the lists of a commune's officer")
    args = p.parse_args()
    workdir = Path(args.data) if args.data else Path("/tmp/dienhinh-lists")
    workdir.mkdir(parents=True, exist_ok=True)
    offset = 49_950  # page 1,000 of 50
    results = {}
    for binary in args.bin:
        env = run.env_for(args, workdir)
        commune = officer_account(args, binary, workdir, env) if args.officer else None
        port = run.free_port()
        base = f"http://127.0.0.1:{port}"
        t0 = time.time()
        proc = run.start_server(binary, workdir, env, port, workdir / "lists.log")
        started = round(time.time() - t0, 1)
        try:
            cookie = {"Cookie": run.login_cookie(base)}
            _, body, _ = run.fetch(base + "/api/v1/auth/token", {"Content-Type": "application/json"},
                                   json.dumps({"username": "admin", "password": run.ADMIN_PASSWORD}).encode())
            bearer = {"Authorization": "Bearer " + json.loads(body)["token"]}
            _, body, _ = run.fetch(base + "/api/v1/units?perPage=1", bearer)
            by_cursor = "next" in json.loads(body)
            cursors = deep_cursors(args, offset) if by_cursor else {}

            def deep(name, path):
                return f"{path}?after={cursors[name]}" if by_cursor else f"{path}?page=1000"

            pages = [
                ("units, first page", "/app/units", cookie),
                ("units, page 20", "/app/units?page=20", cookie),
                ("units, row 49,951 on", deep("units", "/app/units"), cookie),
                ("units API, first 50", "/api/v1/units?perPage=50", bearer),
                ("award lookup, first page", "/app/awards", cookie),
                ("award lookup, 2024", "/app/awards?year=2024", cookie),
                ("award lookup, row 49,951 on", deep("awards", "/app/awards"), cookie),
                ("awards API, first 50", "/api/v1/awards?perPage=50", bearer),
                ("award lookup, a common name (“nguyen”)", "/app/awards?q=nguyen", cookie),
                ("award lookup, a name nobody has", "/app/awards?q=khongai", cookie),
                ("units, a name (“hoa”)", "/app/units?q=hoa", cookie),
                ("units, a word most have (“xa”)", "/app/units?q=xa", cookie),
                ("units, a name nobody has", "/app/units?q=khongai", cookie),
                ("units API, two words (“dak ruong”)", "/api/v1/units?q=dak%20ruong&perPage=50", bearer),
                ("dossiers", "/app/dossiers", cookie),
                ("audit log", "/app/audit", cookie),
                ("users", "/app/users", cookie),
                ("movements", "/app/movements", cookie),
            ]
            if commune:
                officer = {"Cookie": run.login_cookie(base, OFFICER, OFFICER_PASSWORD)}
                pages += [
                    (f"officer of {commune[0]}: units", "/app/units", officer),
                    (f"officer of {commune[0]}: award lookup", "/app/awards", officer),
                    (f"officer of {commune[0]}: award lookup, 2024", "/app/awards?year=2024", officer),
                    (f"officer of {commune[0]}: dossiers", "/app/dossiers", officer),
                    (f"officer of {commune[0]}: registrations of 2024", "/app/registrations?year=2024", officer),
                    (f"officer of {commune[0]}: registrations, a search (“sam day”)", "/app/registrations?q=sam%20day",
                     officer),
                    (f"officer of {commune[0]}: award lookup, a name (“nguyen”)", "/app/awards?q=nguyen", officer),
                ]
            row = {"start_s": started, "pages_by_cursor": by_cursor}
            for name, path, headers in pages:
                status, _, _ = run.fetch(base + path, headers)
                assert status == 200, (name, status)
                row[name] = round(run.sequential_ms(base + path, headers, args.runs), 2)
                print(f"{Path(binary).name}: {name}: {row[name]} ms", flush=True)
            results[binary] = row
        finally:
            run.stop(proc)
    names = [k for k in next(iter(results.values())) if k not in ("start_s", "pages_by_cursor")]
    bins = list(results)
    print("\n| page | " + " | ".join(Path(b).name + " ms" for b in bins) +
          (" | first ÷ last |" if len(bins) > 1 else " |"))
    print("|---|" + "---|" * len(bins) + ("---|" if len(bins) > 1 else ""))
    for n in names:
        cells = [f"{results[b][n]:,}" for b in bins]
        ratio = f" | {results[bins[0]][n] / results[bins[-1]][n]:,.1f} |" if len(bins) > 1 else " |"
        print(f"| {n} | " + " | ".join(cells) + ratio)
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
