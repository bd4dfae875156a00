#!/usr/bin/env python3
"""HTTP benchmark of a release build (issue 11, item 9) — on demand, never a timed test.

Fills a fresh database with `dienhinh gen-data --scale S --seed 1`, starts `dienhinh serve` on loopback and measures
with wrk, in ONE run so that every figure can be read as a ratio (the machine is noisy):
  - p50 / p95 / p99 latency and req/s of each endpoint (wrk, C connections, D seconds each, after a warm-up);
  - each authenticated endpoint's req/s ÷ the bare route's (`/healthz`, one SELECT 1) in the same binary;
  - page weight: bytes of each answer as sent, and gzip-compressed (the server compresses text for clients that
    ask);
  - start to the first 200 on the filled database, and idle RSS after the warm-up (VmRSS of /proc/PID/status);
  - the generator's own rate.
Writes a JSON file and prints a Markdown table for docs/PERFORMANCE.md.

    python3 Benchmarks/http/run.py --bin .build/release/dienhinh [--scale national] [--database-url URL]
        [--connections 32] [--duration 10] [--out Benchmarks/http/last-sqlite.json]
"""
import argparse
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
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


def login_cookie(base):
    """A web session for the admin, as a Cookie header (the sign-in form with its CSRF token)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    page = opener.open(base + "/dang-nhap", timeout=30).read().decode()
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"_csrf": token, "username": "admin", "password": ADMIN_PASSWORD}).encode()
    opener.open(urllib.request.Request(base + "/dang-nhap", data=body), timeout=60).read()
    jar = opener.handlers[[type(h).__name__ for h in opener.handlers].index("HTTPCookieProcessor")].cookiejar
    return "; ".join(f"{c.name}={c.value}" for c in jar)


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
    args = p.parse_args()
    binary = Path(args.bin).resolve()
    workdir = Path(tempfile.mkdtemp(prefix="dienhinh-http-bench-"))
    env = env_for(args, workdir)
    if args.database_url:
        subprocess.run(["psql", "-q", args.database_url, "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = {"scale": args.scale, "database": "postgresql" if args.database_url else "sqlite",
              "connections": args.connections, "duration_s": args.duration, "cores": os.cpu_count()}

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
    log = open(workdir / "server.log", "a")
    t0 = time.time()
    proc = subprocess.Popen([str(binary), "serve", "--hostname", "127.0.0.1", "--port", str(port), "--env",
                             "production"], cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=1) as r:
                    if r.status == 200:
                        break
            except Exception:
                if proc.poll() is not None or time.time() - t0 > 120:
                    raise SystemExit("server did not start; see " + str(workdir / "server.log"))
                time.sleep(0.01)
        result["start_to_first_200_s"] = round(time.time() - t0, 3)

        _, body, _ = fetch(base + "/api/v1/auth/token", {"Content-Type": "application/json"},
                           json.dumps({"username": "admin", "password": ADMIN_PASSWORD}).encode())
        bearer = {"Authorization": "Bearer " + json.loads(body)["token"]}
        cookie = {"Cookie": login_cookie(base)}
        _, body, _ = fetch(base + "/api/v1/registrations?perPage=1", bearer)
        first = json.loads(body)["items"][0]
        unit = first.get("unitID") or first.get("unit", {}).get("id")
        css = re.search(rb'href="(/css/[^"]+)"', fetch(base + "/dang-nhap")[1]).group(1).decode()
        endpoints = [
            ("bare route /healthz", "/healthz", {}),
            ("stylesheet (static, fingerprinted)", css, {}),
            ("API list, three filters", f"/api/v1/registrations?year=2024&unitID={unit}&kind=individual&perPage=50",
             bearer),
            ("API folded search", "/api/v1/registrations?q=dak%20ruong&perPage=50", bearer),
            ("web list, three filters", f"/app/registrations?year=2024&unitID={unit}&kind=individual", cookie),
            ("standing office dashboard", "/app", cookie),
            ("a registration's page", f"/app/registrations/{first['id']}", cookie),
            ("public home page", "/", {}),
        ]
        script = workdir / "pct.lua"
        script.write_text(LUA)
        for _, path, headers in endpoints:  # warm-up: caches, connections, the first page of each query
            for _ in range(3):
                fetch(base + path, headers)
        result["idle_rss_mb"] = round(rss_kb(proc.pid) / 1024, 1)
        rows = []
        for name, path, headers in endpoints:
            status, raw, h = fetch(base + path, headers)
            r = wrk(base + path, headers, args.connections, args.duration, str(script))
            r.update({"name": name, "path": path, "status": status, "bytes": len(raw),
                      "gzip_bytes": len(gzip.compress(raw, 6))})
            rows.append(r)
            print(f"{name}: p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, p99 {r['p99_ms']} ms, {r['rps']:.0f} req/s",
                  flush=True)
        bare = rows[0]["rps"]
        for r in rows:
            r["rps_vs_bare"] = round(r["rps"] / bare, 3) if bare else None
        result["endpoints"] = rows
        result["peak_rss_mb"] = round(rss_kb(proc.pid, "VmHWM") / 1024, 1)
    finally:
        proc.terminate()
        proc.wait(20)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(f"| endpoint | p50 ms | p95 ms | p99 ms | req/s | ÷ bare req/s | bytes | gzip |")
    print("|---|---|---|---|---|---|---|---|")
    for r in result["endpoints"]:
        print(f"| {r['name']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['rps']:.0f} | "
              f"{r['rps_vs_bare']} | {r['bytes']} | {r['gzip_bytes']} |")
    print(f"\nstart to first 200: {result['start_to_first_200_s']} s; idle RSS {result['idle_rss_mb']} MB; "
          f"peak RSS {result['peak_rss_mb']} MB; gen-data {result['gen_data_s']} s")
    if args.out:
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
