#!/usr/bin/env python3
"""Two builds on the same data, page by page, in one run (issue 11, item 9) — on demand, never a timed test.

Starts each binary in turn on a database filled by run.py (`--keep`), signs the admin in, and measures each page's
time alone (median of sequential keep-alive requests) and its size; the builds alternate rounds, so a change in the
machine's load falls on both. Prints a Markdown table with after ÷ before, the only figure that means anything on a
shared machine. Beside the time, the CPU a request costs the server (utime + stime of /proc/PID/stat over the timed
requests, divided by their number): on two cores it bounds the throughput, and the machine's noise moves it less.

    python3 Benchmarks/http/compare.py --before OLD_BIN --after NEW_BIN --reuse DIR [--rounds 3] [--requests 15]
        [--resources-before DIR]   (the Resources/ the old binary was built with, when templates changed since)
"""
import argparse
import json
import os
import statistics
import sys
import urllib.error
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as R  # noqa: E402


def pages(base, bearer, cookie):
    """The endpoints of run.py, and the pages whose own cost session 17 looked at."""
    _, body, _ = R.fetch(base + "/api/v1/registrations?perPage=1", bearer)
    first = json.loads(body)["items"][0]
    unit = first.get("unitID")
    _, directory, _ = R.fetch(base + "/dien-hinh")
    exemplar = R.re.search(rb'href="(/dien-hinh/\d+)"', directory)
    out = [
        ("bare route /healthz", "/healthz", {}),
        ("stylesheet", "/css/app.css", {}),
        ("API list, three filters", f"/api/v1/registrations?year=2024&unitID={unit}&subjectKind=individual&perPage=50",
         bearer),
        ("web list, three filters", f"/app/registrations?year=2024&unitID={unit}&subjectKind=individual", cookie),
        ("web folded search", "/app/registrations?q=sam%20day", cookie),
        ("API folded search", "/api/v1/registrations?q=sam%20day&perPage=50", bearer),
        ("web list, a district's subtree", f"/app/registrations?year=2024&unitID={R.parent_unit(base, bearer, unit)}",
         cookie),
        ("standing office home /app", "/app", cookie),
        ("dashboard, whole tree", "/app/dashboard", cookie),
        ("a registration's page", f"/app/registrations/{first['id']}", cookie),
        ("registration form", "/app/registrations/new", cookie),
        ("public home page", "/", {}),
        ("public exemplar directory", "/dien-hinh", {}),
    ]
    if exemplar:
        out.append(("public exemplar page", exemplar.group(1).decode(), {}))
    return out


def named_page(base, name):
    """Signs the admin in (a bearer token and a web session) and returns the URL and headers of page `name`."""
    _, body, _ = R.fetch(base + "/api/v1/auth/token", {"Content-Type": "application/json"},
                         json.dumps({"username": "admin", "password": R.ADMIN_PASSWORD}).encode())
    bearer = {"Authorization": "Bearer " + json.loads(body)["token"]}
    cookie = {"Cookie": R.login_cookie(base)}
    found = {n: (base + path, headers) for n, path, headers in pages(base, bearer, cookie)}
    if name not in found:
        raise SystemExit(f"no page {name!r}; pages: {', '.join(found)}")
    return found[name]


def cpu_ms(pid):
    """The process's CPU time so far (user + system), in ms."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def page_under_load_arguments(description, postgres_only=True):
    """The arguments of a script that loads one page of a server on run.py's data (cpu_split.py, pg_statements.py):
    the binary, the data, the database (PostgreSQL's URL; with `postgres_only=False` none means the SQLite file in
    `--reuse`), the page, wrk's connections and seconds."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--bin", required=True)
    p.add_argument("--reuse", required=True)
    p.add_argument("--database-url", required=postgres_only, default="")
    p.add_argument("--page", required=True, help="a name from compare.py's list")
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--duration", type=int, default=8)
    p.add_argument("--env", action="append", default=[], metavar="K=V", help="a setting of the server's")
    return p


def serve_page(args, name, warm=20):
    """Starts `args.bin` on the data of `args.reuse` (`args.database_url`, `args.env` as run.py takes them), signs the
    admin in and sends page `name` `warm` times. Returns the server's process, the page's URL and headers, and the
    wrk script that reports percentiles (written beside the data)."""
    workdir = Path(args.reuse)
    env = R.env_for(args, workdir)
    port = R.free_port()
    proc = R.start_server(args.bin, workdir, env, port, workdir / f"page-server-{port}.log")
    try:
        url, headers = named_page(f"http://127.0.0.1:{port}", name)
        for _ in range(warm):
            R.fetch(url, headers)
    except BaseException:
        R.stop(proc)
        raise
    script = workdir / "pct.lua"
    script.write_text(R.LUA)
    return proc, url, headers, script


def measure(binary, workdir, resources, requests):
    class Args:
        database_url = ""
    env = R.env_for(Args, workdir)
    if resources:
        env["DIENHINH_RESOURCES"] = resources
    port = R.free_port()
    base = f"http://127.0.0.1:{port}"
    proc = R.start_server(binary, workdir, env, port, workdir / "compare-server.log")
    try:
        _, body, _ = R.fetch(base + "/api/v1/auth/token", {"Content-Type": "application/json"},
                             json.dumps({"username": "admin", "password": R.ADMIN_PASSWORD}).encode())
        bearer = {"Authorization": "Bearer " + json.loads(body)["token"]}
        cookie = {"Cookie": R.login_cookie(base)}
        result = {}
        for name, path, headers in pages(base, bearer, cookie):
            try:
                for _ in range(3):  # warm-up: caches, the first page of each query
                    status, raw, _ = R.fetch(base + path, headers)
            except urllib.error.HTTPError as e:
                status, raw = e.code, e.read()
            before = cpu_ms(proc.pid)
            alone = R.sequential_ms(base + path, headers, n=requests)
            result[name] = (alone, len(raw), status, (cpu_ms(proc.pid) - before) / requests)
        return result
    finally:
        R.stop(proc)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--before", required=True)
    p.add_argument("--after", required=True)
    p.add_argument("--reuse", required=True, help="a folder kept by run.py --keep (its dienhinh.sqlite)")
    p.add_argument("--resources-before", default="")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--requests", type=int, default=15)
    args = p.parse_args()
    workdir = Path(args.reuse)
    runs = {"before": [], "after": []}
    for _ in range(args.rounds):
        runs["before"].append(measure(Path(args.before).resolve(), workdir, args.resources_before, args.requests))
        runs["after"].append(measure(Path(args.after).resolve(), workdir, "", args.requests))
    print("| page | before ms | after ms | after ÷ before | CPU ms a request before → after | after ÷ before "
          "| bytes before | bytes after |")
    print("|---|---|---|---|---|---|---|---|")
    for name in runs["after"][0]:
        b = statistics.median(r[name][0] for r in runs["before"] if name in r)
        a = statistics.median(r[name][0] for r in runs["after"])
        cb = statistics.median(r[name][3] for r in runs["before"] if name in r)
        ca = statistics.median(r[name][3] for r in runs["after"])
        print(f"| {name} | {b:.1f} | {a:.1f} | {a / b:.2f} | {cb:.2f} → {ca:.2f} | {ca / max(cb, 0.01):.2f} | "
              f"{runs['before'][0].get(name, (0, 0))[1]:,} | {runs['after'][0][name][1]:,} |")


if __name__ == "__main__":
    main()
