#!/usr/bin/env python3
"""HTTP benchmark of a release build (issue 11, item 9) — on demand, never a timed test.

Fills a fresh database with `dienhinh gen-data --scale S --seed 1`, starts `dienhinh serve` on loopback and measures
with wrk, in ONE run so that every figure can be read as a ratio (the machine is noisy):
  - p50 / p95 / p99 latency and req/s of each endpoint (wrk, C connections, D seconds each, after a warm-up);
  - each authenticated endpoint's req/s ÷ the bare route's (`/healthz`, one SELECT 1) in the same binary: the
    first burst's, and the bare route measured again just before the endpoint (`rps_vs_bare_beside`);
  - page weight: bytes of each answer as sent, and gzip-compressed (the server compresses text for clients that
    ask);
  - the SQL floor: each endpoint's time alone (median of 30 sequential requests after 10 untimed ones: its steady
    state, as the floor's) ÷ the time of the SQL statements it ran, replayed directly (SQLite through Python's
    sqlite3 module, the same C library; PostgreSQL through psql with \\timing). The statements come from a second
    start with DIENHINH_SQL_LOG=1, one request at a time;
  - start to the first 200 on the filled database, and idle RSS after the warm-up (VmRSS of /proc/PID/status);
  - the generator's own rate.
Writes a JSON file and prints a Markdown table for docs/PERFORMANCE.md.

    python3 Benchmarks/http/run.py --bin .build/release/dienhinh [--scale national] [--database-url URL]
        [--connections 32] [--duration 10] [--out Benchmarks/http/last-sqlite.json]
"""
import argparse
import gzip
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "mat-khau-quan-tri-benchmark"
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("PCT %d %d %d %d\\n", latency:percentile(50), latency:percentile(95),
    latency:percentile(99), summary.requests))
end
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parent_unit(base, bearer, unit):
    """The unit above `unit` (its district): a list filtered to it reads a subtree by its path's prefix."""
    return json.loads(fetch(f"{base}/api/v1/units/{unit}", bearer)[1])["parentID"]


def env_for(args, workdir):
    env = dict(os.environ, DIENHINH_ADMIN_PASSWORD=ADMIN_PASSWORD, DIENHINH_BCRYPT_COST="10",
               DIENHINH_RESOURCES=str(ROOT))
    env.pop("DIENHINH_DEMO", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
        env.pop("DATABASE_PATH", None)
    else:
        env["DATABASE_PATH"] = str(workdir / "dienhinh.sqlite")
        env.pop("DATABASE_URL", None)
    for pair in getattr(args, "env", None) or []:
        key, _, value = pair.partition("=")
        env[key] = value
    return env


def rss_kb(pid, key="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def fetch(url, headers=None, data=None, method=None):
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    with urllib.request.urlopen(req, timeout=120) as r:
        return r.status, r.read(), r.headers


def login_cookie(base, username="admin", password=ADMIN_PASSWORD):
    """A web session (the admin's unless told), as a Cookie header (the sign-in form with its CSRF token)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    page = opener.open(base + "/dang-nhap", timeout=30).read().decode()
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"_csrf": token, "username": username, "password": password}).encode()
    opener.open(urllib.request.Request(base + "/dang-nhap", data=body), timeout=600).read()
    jar = opener.handlers[[type(h).__name__ for h in opener.handlers].index("HTTPCookieProcessor")].cookiejar
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def start_server(binary, workdir, env, port, log_path):
    """`dienhinh serve` on loopback, returned once /healthz answers 200 (polled every 10 ms, up to 120 s)."""
    base = f"http://127.0.0.1:{port}"
    t0 = time.time()
    # A binary kept beside its own Resources/ and Public/ (an older build compared with ab.py, whose templates may
    # differ from the repository's) reads those.
    own = Path(binary).resolve().parent
    if (own / "Resources" / "Views").is_dir() and (own / "Public").is_dir():
        env = dict(env, DIENHINH_RESOURCES=str(own))
    proc = subprocess.Popen([str(binary), "serve", "--hostname", "127.0.0.1", "--port", str(port), "--env",
                             "production"], cwd=workdir, env=env, stdout=open(log_path, "a"),
                            stderr=subprocess.STDOUT)
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as r:
                if r.status == 200:
                    return proc
        except Exception:
            if proc.poll() is not None or time.time() - t0 > 120:
                raise SystemExit("server did not start; see " + str(log_path))
            time.sleep(0.01)


def stop(proc):
    """SIGTERM, and SIGKILL after 20 s: a server still working through a backlog of requests whose clients are gone
    (wrk's 10 s timeout) may not stop in time."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def sequential_times(url, headers, n, warm=0):
    """The time of each of `n` requests alone (keep-alive, one at a time, on one new connection), in ms, after `warm`
    untimed requests on the same connection."""
    parsed = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=120)
    path = parsed.path + ("?" + parsed.query if parsed.query else "")
    times = []
    for i in range(warm + n):
        t0 = time.perf_counter()
        conn.request("GET", path, headers=headers)
        conn.getresponse().read()
        if i >= warm:
            times.append((time.perf_counter() - t0) * 1000)
    conn.close()
    return times


def sequential_ms(url, headers, n=30, warm=0):
    """Median time of one request alone (`sequential_times`), in ms."""
    return statistics.median(sequential_times(url, headers, n, warm))


STATEMENT = re.compile(r"Executing query \[binds: \[(.*?)\], database-id: [^,]+, request-id: ([^,]+), sql: (.*?)\]\n"
                       r"(?=\[ |\Z)", re.S)


def logged_statements(text):
    """(sql, binds) of each statement a request ran, from the server's log with DIENHINH_SQL_LOG=1."""
    out = []
    for m in STATEMENT.finditer(text):
        raw = m.group(1)
        binds = [] if raw == "" else raw.split(", ")
        out.append((m.group(3), binds))
    return out


def sqlite_floor_ms(db_path, statements, runs=15):
    """Sum over the statements of the median time to run each directly (all rows fetched)."""
    import sqlite3
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    total = 0.0
    for sql, binds in statements:
        params = []
        for b in binds:
            if re.fullmatch(r"-?\d+", b):
                params.append(int(b))
            elif b in ("true", "false"):
                params.append(1 if b == "true" else 0)
            else:
                params.append(b)
        times = []
        try:
            for _ in range(runs):
                t0 = time.perf_counter()
                conn.execute(sql, params).fetchall()
                times.append((time.perf_counter() - t0) * 1000)
        except sqlite3.Error as e:  # a statement the log did not give back whole (e.g. binds inlined): left out
            print(f"  not replayed ({e}): {sql[:100]}", flush=True)
            continue
        total += statistics.median(times)
    conn.close()
    return total


def postgres_floor_ms(url, statements, runs=15):
    """The same through psql: each statement with its binds as literals, run `runs` times under \\timing."""
    total = 0.0
    for sql, binds in statements:
        text = sql
        for i in range(len(binds), 0, -1):
            text = text.replace(f"${i}", "'" + binds[i - 1].replace("'", "''") + "'")
        script = "\\timing on\n" + "\n".join([text.rstrip(";") + ";"] * runs) + "\n"
        out = subprocess.run(["psql", "-qX", "-o", "/dev/null", url], input=script, capture_output=True, text=True)
        times = [float(t) for t in re.findall(r"Time: ([\d.]+) ms", out.stdout + out.stderr)]
        if not times:
            raise SystemExit("psql did not time: " + (out.stderr or out.stdout)[-500:] + "\n" + text[:500])
        total += statistics.median(times)
    return total


def wrk(url, headers, connections, duration, script):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", script, url]
    for k, v in headers.items():
        cmd[1:1] = ["-H", f"{k}: {v}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    m = re.search(r"PCT (\d+) (\d+) (\d+) (\d+)", out)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"p50_ms": int(m.group(1)) / 1000, "p95_ms": int(m.group(2)) / 1000, "p99_ms": int(m.group(3)) / 1000,
            "requests": int(m.group(4)), "rps": rps, "non2xx": int(errors.group(1)) if errors else 0}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", default=str(ROOT / ".build/release/dienhinh"))
    p.add_argument("--scale", default="national")
    p.add_argument("--database-url", default="")
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--duration", type=int, default=10)
    p.add_argument("--out", default="")
    p.add_argument("--keep", action="store_true")
    p.add_argument("--env", action="append", default=[], metavar="K=V",
                   help="a setting of the server, e.g. DIENHINH_PAGE_CACHE_MB=0 (the public pages rendered each time)")
    p.add_argument("--reuse", default="", help="a folder (SQLite) or, with --database-url, any value: the data of "
                   "an earlier run with --keep; gen-data is skipped (its 10 minutes at national scale)")
    args = p.parse_args()
    binary = Path(args.bin).resolve()
    workdir = Path(args.reuse) if args.reuse and not args.database_url else \
        Path(tempfile.mkdtemp(prefix="dienhinh-http-bench-"))
    if args.reuse:
        args.keep = True
    env = env_for(args, workdir)
    if args.database_url and not args.reuse:
        subprocess.run(["psql", "-q", args.database_url, "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = {"scale": args.scale, "database": "postgresql" if args.database_url else "sqlite", "env": args.env,
              "connections": args.connections, "duration_s": args.duration, "cores": os.cpu_count()}

    if not args.reuse:
        t0 = time.time()
        gen = subprocess.run([str(binary), "gen-data", "--scale", args.scale, "--seed", "1"], cwd=workdir, env=env,
                             capture_output=True, text=True)
        if gen.returncode != 0:
            raise SystemExit("gen-data failed:\n" + gen.stdout[-2000:] + gen.stderr[-2000:])
        result["gen_data_s"] = round(time.time() - t0, 1)
        result["gen_data_last_line"] = gen.stdout.strip().splitlines()[-1]
        print(result["gen_data_last_line"], flush=True)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    t0 = time.time()
    proc = start_server(binary, workdir, env, port, workdir / "server.log")
    try:
        result["start_to_first_200_s"] = round(time.time() - t0, 3)

        _, body, _ = fetch(base + "/api/v1/auth/token", {"Content-Type": "application/json"},
                           json.dumps({"username": "admin", "password": ADMIN_PASSWORD}).encode())
        bearer = {"Authorization": "Bearer " + json.loads(body)["token"]}
        cookie = {"Cookie": login_cookie(base)}
        _, body, _ = fetch(base + "/api/v1/registrations?perPage=1", bearer)
        first = json.loads(body)["items"][0]
        unit = first.get("unitID") or first.get("unit", {}).get("id")
        district = parent_unit(base, bearer, unit)
        css = re.search(rb'href="(/css/[^"]+)"', fetch(base + "/dang-nhap")[1]).group(1).decode()
        endpoints = [
            ("bare route /healthz", "/healthz", {}),
            ("stylesheet (static, fingerprinted)", css, {}),
            ("API list, three filters",
             f"/api/v1/registrations?year=2024&unitID={unit}&subjectKind=individual&perPage=50", bearer),
            ("API folded search (\"sam day\": sâm dây)", "/api/v1/registrations?q=sam%20day&perPage=50", bearer),
            ("web list, three filters", f"/app/registrations?year=2024&unitID={unit}&subjectKind=individual", cookie),
            ("web folded search (\"sam day\")", "/app/registrations?q=sam%20day", cookie),
            ("web list, a district's subtree", f"/app/registrations?year=2024&unitID={district}", cookie),
            ("standing office home (counts, quota shortfalls)", "/app", cookie),
            ("dashboard (whole tree, this year)", "/app/dashboard", cookie),
            ("a registration's page", f"/app/registrations/{first['id']}", cookie),
            ("public home page", "/", {}),
        ]
        exemplar = re.search(rb'href="(/dien-hinh/\d+)"', fetch(base + "/dien-hinh")[1])
        if exemplar:
            endpoints.append(("public exemplar page", exemplar.group(1).decode(), {}))
        else:
            result["note"] = "no public exemplar page: the generated data has no recognised exemplar with consent"
        script = workdir / "pct.lua"
        script.write_text(LUA)
        for _, path, headers in endpoints:  # warm-up: caches, connections, the first page of each query
            for _ in range(3):
                fetch(base + path, headers)
        result["idle_rss_mb"] = round(rss_kb(proc.pid) / 1024, 1)
        # Page weight of other pages a user opens (every page ≤ 50 KB before compression): one fetch each.
        weights = []
        for path, headers in [("/app/registrations/new", cookie), (f"/app/registrations/{first['id']}/edit", cookie),
                              ("/app/quotas", cookie), ("/app/units", cookie), ("/app/users/new", cookie),
                              ("/app/units/new", cookie), ("/dien-hinh", {})]:
            try:
                status, raw, _ = fetch(base + path, headers)
            except urllib.error.HTTPError as e:
                status, raw = e.code, e.read()
            weights.append({"path": path, "status": status, "bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, 6))})
            print(f"page weight {path}: {status} {len(raw)} B ({weights[-1]['gzip_bytes']} gzipped)", flush=True)
        result["page_weights"] = weights
        # Each endpoint alone in its steady state, as its SQL floor is (the median of 15 runs in one psql or sqlite3
        # session): 10 untimed requests first, on the connection then timed. Until session 47 it was the median of the
        # first 5 requests of a new connection, three requests after the start; on PostgreSQL those fell on pooled
        # connections that had not yet run the page's prepared statements past PostgreSQL's five custom plans, and a
        # page measured 1.2-1.7 times its steady time (the web list's first five requests 2.0-2.8 ms, the next ones
        # 1.0-1.3; with PostgreSQL's plan_cache_mode set to force_generic_plan, 1.5 for the first and 0.9-1.1 after).
        alone = {}
        for name, path, headers in endpoints:
            alone[path] = sequential_ms(base + path, headers, n=30, warm=10)
            print(f"{name}: alone (one request at a time) {alone[path]:.1f} ms", flush=True)
        rows = []
        for name, path, headers in endpoints:
            time.sleep(2)  # the last burst's queue drains (its clients are gone: those requests are dropped)
            status, raw, h = fetch(base + path, headers)
            beside = None
            if rows:
                # The bare route again, just before this endpoint, as long: the machine's speed drifts between runs
                # and within them (the bare route's req/s moved 16,768 -> 19,049 between two sets of the same pages,
                # session 48; a page's bursts in one pair 3,637-4,439), so the ratio to the bare route is also taken
                # against its neighbour in time, not only against the first burst.
                beside = wrk(base + "/healthz", {}, args.connections, args.duration, str(script))["rps"]
                time.sleep(2)
            r = wrk(base + path, headers, args.connections, args.duration, str(script))
            if beside:
                r["bare_beside_rps"] = beside
            r["alone_ms"] = round(alone[path], 2)
            r.update({"name": name, "path": path, "status": status, "bytes": len(raw),
                      "gzip_bytes": len(gzip.compress(raw, 6))})
            if h.get("X-Page-Cache"):  # the public pages: served from the instance's copy (`PageCache`) or rendered
                r["page_cache"] = h.get("X-Page-Cache")
            rows.append(r)
            print(f"{name}: p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, p99 {r['p99_ms']} ms, {r['rps']:.0f} req/s",
                  flush=True)
        bare = rows[0]["rps"]
        for r in rows:
            r["rps_vs_bare"] = round(r["rps"] / bare, 3) if bare else None
            if r.get("bare_beside_rps"):
                r["rps_vs_bare_beside"] = round(r["rps"] / r["bare_beside_rps"], 3)
        result["endpoints"] = rows
        result["peak_rss_mb"] = round(rss_kb(proc.pid, "VmHWM") / 1024, 1)
        time.sleep(3)
        result["rss_after_load_mb"] = round(rss_kb(proc.pid) / 1024, 1)
        stop(proc)

        # The SQL floor: a second start that logs each statement; one request at a time, its statements replayed.
        log_path = workdir / "server-sql.log"
        sql_env = dict(env, DIENHINH_SQL_LOG="1", LOG_LEVEL="info")
        proc = start_server(binary, workdir, sql_env, port, log_path)
        captured = {}
        for _, path, headers in endpoints[2:]:
            fetch(base + path, headers)  # warm
            time.sleep(0.2)
            before = log_path.stat().st_size
            fetch(base + path, headers)
            time.sleep(0.3)
            with open(log_path, "rb") as f:
                f.seek(before)
                captured[path] = logged_statements(f.read().decode(errors="replace"))
        stop(proc)
        for r in rows[2:]:
            statements = captured.get(r["path"], [])
            if args.database_url:
                floor = postgres_floor_ms(args.database_url, statements)
            else:
                floor = sqlite_floor_ms(workdir / "dienhinh.sqlite", statements)
            r["statements"] = len(statements)
            r["sql_floor_ms"] = round(floor, 2)
            r["vs_floor"] = round(r["alone_ms"] / floor, 2) if floor > 0 else None
            print(f"{r['name']}: alone {r['alone_ms']} ms, {len(statements)} statements, SQL floor {floor:.2f} ms, "
                  f"ratio {r['vs_floor']}", flush=True)
    finally:
        stop(proc)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print()
    print("| endpoint | p50 ms | p95 ms | p99 ms | req/s | ÷ bare req/s (first; beside) | alone ms "
          "| SQL floor ms (statements) | ÷ floor | bytes | gzip |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in result["endpoints"]:
        floor = f"{r['sql_floor_ms']} ({r['statements']})" if "sql_floor_ms" in r else "—"
        name = r["name"] + (" (kept copy)" if r.get("page_cache") else "")
        beside = f"; {r['rps_vs_bare_beside']}" if r.get("rps_vs_bare_beside") else ""
        print(f"| {name} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['rps']:.0f} | "
              f"{r['rps_vs_bare']}{beside} | {r['alone_ms']} | {floor} | {r.get('vs_floor') or '—'} | "
              f"{r['bytes']} | {r['gzip_bytes']} |")
    print(f"\nstart to first 200: {result['start_to_first_200_s']} s; idle RSS {result['idle_rss_mb']} MB; "
          f"peak RSS {result['peak_rss_mb']} MB; after the bursts {result['rss_after_load_mb']} MB; gen-data {result.get('gen_data_s', 'skipped (--reuse)')} s")
    if args.out:
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
