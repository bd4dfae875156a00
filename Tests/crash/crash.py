#!/usr/bin/env python3
"""Crash safety of the real binary: SIGKILL at random moments, restart, check nothing acknowledged is lost.

Two phases, on SQLite (default) or PostgreSQL (--database-url):
  1. first start: a fresh database, `serve` killed at a moment spread over a normal first start (migrations, demo),
     then started again. The second start must serve, and hold the whole demo (the same counts as an unkilled start).
  2. writes: API clients create registrations while the server is killed at random moments and restarted; every
     write answered 201 must be there afterwards, with the title it was given.

Usage: Tests/crash/crash.py BINARY [--database-url URL] [--first-start-kills N] [--write-kills N] [--seed S]
CI runs a small count on both databases; `--first-start-kills 20 --write-kills 100` is the full run.
Prints a summary line per phase and exits non-zero on any loss.
"""

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

DEMO_PASSWORD = "crash-demo-password-1"
ADMIN_PASSWORD = "crash-admin-password-1"


def call(base, method, path, body=None, token=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return res.status, json.loads(res.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None


class Server:
    def __init__(self, binary, workdir, database_url, port):
        self.binary, self.workdir, self.database_url, self.port = binary, workdir, database_url, port
        self.base = f"http://127.0.0.1:{port}"
        self.proc = None

    def env(self):
        env = dict(os.environ)
        env["DIENHINH_DEMO_PASSWORD"] = DEMO_PASSWORD
        env["DIENHINH_ADMIN_PASSWORD"] = ADMIN_PASSWORD
        env["DIENHINH_BCRYPT_COST"] = "4"
        env["DIENHINH_DEMO"] = "1"
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
            env.pop("DATABASE_PATH", None)
        else:
            env["DATABASE_PATH"] = os.path.join(self.workdir, "dienhinh.sqlite")
            env.pop("DATABASE_URL", None)
        return env

    def start(self):
        log = open(os.path.join(self.workdir, "serve.log"), "ab")
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
            cwd=self.workdir, env=self.env(), stdout=log, stderr=subprocess.STDOUT)

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def wait_up(self, timeout=1800):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as res:
                    if res.status == 200:
                        return True
            except Exception:
                pass
            time.sleep(0.05)
        return False

    def log_tail(self):
        try:
            with open(os.path.join(self.workdir, "serve.log"), "rb") as f:
                return f.read()[-2000:].decode(errors="replace")
        except OSError:
            return ""


def reset_database(workdir, database_url):
    if database_url:
        subprocess.run(["psql", "-q", database_url, "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    else:
        for name in os.listdir(workdir):
            if name.startswith("dienhinh.sqlite"):
                os.remove(os.path.join(workdir, name))


def token(base, username, password):
    status, body = call(base, "POST", "/api/v1/auth/token", {"username": username, "password": password})
    return body["token"] if status == 200 and body else None


def total(base, tok, path):
    status, body = call(base, "GET", path, token=tok)
    if status != 200:
        return None
    return body.get("total") if isinstance(body, dict) else len(body)


def demo_counts(base):
    tok = token(base, "noivu", DEMO_PASSWORD)
    if not tok:
        return None
    return {p: total(base, tok, p) for p in ("/api/v1/units", "/api/v1/dossiers", "/api/v1/movements")}


def first_start(binary, workdir, database_url, port, kills, rng):
    server = Server(binary, workdir, database_url, port)
    reset_database(workdir, database_url)
    began = time.time()
    server.start()
    if not server.wait_up():
        print(server.log_tail())
        raise SystemExit("a normal first start did not come up")
    normal = time.time() - began
    expected = demo_counts(server.base)
    server.kill()
    print(f"first start: {normal:.2f} s to /healthz; demo {expected}")
    failures = 0
    for i in range(kills):
        reset_database(workdir, database_url)
        # Spread the kills over the whole first start, with jitter.
        at = normal * (i + rng.random()) / kills
        server.start()
        time.sleep(at)
        server.kill()
        server.start()
        up = server.wait_up()
        counts = demo_counts(server.base) if up else None
        server.kill()
        ok = up and counts == expected
        failures += 0 if ok else 1
        print(f"  kill {i + 1}/{kills} at {at:.2f} s: {'ok' if ok else 'FAILED'} {counts if not ok else ''}")
        if not ok:
            print(server.log_tail())
    print(f"first-start kills: {kills}, restarts that failed or lost demo data: {failures}")
    return failures


def writes(binary, workdir, database_url, port, kills, rng):
    server = Server(binary, workdir, database_url, port)
    reset_database(workdir, database_url)
    server.start()
    if not server.wait_up():
        raise SystemExit("the server did not come up for the write phase")
    acknowledged = {}  # id -> title
    lock = threading.Lock()
    counter = [0]
    lost = 0

    def unit_id(tok):
        status, me = call(server.base, "GET", "/api/v1/me", token=tok)
        return me.get("unitID") if status == 200 else None

    def client(tok, unit, stop):
        while not stop.is_set():
            with lock:
                counter[0] += 1
                n = counter[0]
            title = f"Mô hình kiểm tra sập máy số {n}"
            body = {"year": 2025, "unitID": unit, "typeCode": "MH-15", "title": title,
                    "subject": {"kind": "household", "name": f"Hộ kiểm tra {n}"}}
            try:
                status, res = call(server.base, "POST", "/api/v1/registrations", body, token=tok, timeout=5)
            except Exception:
                continue
            if status == 201 and res:
                with lock:
                    acknowledged[res["id"]] = title

    for k in range(kills):
        tok = token(server.base, "dakruong", DEMO_PASSWORD)
        unit = unit_id(tok)
        stop = threading.Event()
        threads = [threading.Thread(target=client, args=(tok, unit, stop)) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(0.2 + rng.random() * 1.3)
        server.kill()
        stop.set()
        for t in threads:
            t.join()
        server.start()
        if not server.wait_up():
            print(server.log_tail())
            raise SystemExit(f"restart after kill {k + 1} did not come up")
    tok = token(server.base, "dakruong", DEMO_PASSWORD)
    for rid, title in sorted(acknowledged.items()):
        status, body = call(server.base, "GET", f"/api/v1/registrations/{rid}", token=tok)
        if status != 200 or body.get("title") != title:
            lost += 1
            print(f"  LOST registration {rid}: {status}")
    server.kill()
    print(f"write kills: {kills}, acknowledged writes: {len(acknowledged)}, lost: {lost}")
    return lost


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--database-url", default=None)
    ap.add_argument("--first-start-kills", type=int, default=4)
    ap.add_argument("--write-kills", type=int, default=4)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    binary = os.path.realpath(args.binary)
    label = "PostgreSQL" if args.database_url else "SQLite"
    print(f"crash test on {label}, seed {args.seed}")
    port = 20000 + rng.randrange(20000)
    with tempfile.TemporaryDirectory() as workdir:
        failures = first_start(binary, workdir, args.database_url, port, args.first_start_kills, rng)
        failures += writes(binary, workdir, args.database_url, port, args.write_kills, rng)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
