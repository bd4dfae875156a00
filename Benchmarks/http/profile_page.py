"""Profile pages at national scale: each one alone, and each SQL statement it ran timed directly in sqlite3.

Usage: python3 Benchmarks/http/profile_page.py BINARY DATA_DIR PATH [PATH ...]
"""
import os, sys, re, time, statistics, sqlite3, subprocess, pathlib
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as R
binary, workdir, paths = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3:]
class A: database_url = None
env = R.env_for(A, workdir)
env["DIENHINH_SQL_LOG"] = "1"; env["LOG_LEVEL"] = "info"
port = R.free_port(); base = f"http://127.0.0.1:{port}"
log = workdir / "profile.log"
if log.exists(): log.unlink()
proc = R.start_server(binary, workdir, env, port, log)
try:
    cookie = R.login_cookie(base)
    for p in paths:
        R.fetch(base + p, {"Cookie": cookie})  # warm
        before = log.stat().st_size
        t0 = time.perf_counter(); st, body, _ = R.fetch(base + p, {"Cookie": cookie}); ms = (time.perf_counter()-t0)*1000
        time.sleep(0.3)
        text = open(log, errors="replace").read()[before:]
        stmts = R.logged_statements(text)
        print(f"== {p}: {st} {len(body)} B {ms:.0f} ms, {len(stmts)} statements")
        conn = sqlite3.connect(f"file:{workdir}/dienhinh.sqlite?mode=ro", uri=True)
        rows = []
        for sql, binds in stmts:
            params = [int(b) if re.fullmatch(r"-?\d+", b) else (1 if b=="true" else 0 if b=="false" else b) for b in binds]
            ts = []
            for _ in range(3):
                t = time.perf_counter(); conn.execute(sql, params).fetchall(); ts.append((time.perf_counter()-t)*1000)
            rows.append((statistics.median(ts), sql, binds))
        for t, sql, binds in sorted(rows, reverse=True)[:12]:
            print(f"  {t:8.1f} ms  {' '.join(sql.split())[:220]}  {binds[:6]}")
        print(f"  total SQL {sum(r[0] for r in rows):.0f} ms")
finally:
    R.stop(proc)
