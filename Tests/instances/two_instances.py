#!/usr/bin/env python3
"""Two `dienhinh serve` processes on different ports over one PostgreSQL serve the same users (issue 11, item 8).

Checks, through HTTP only, the way users and clients reach a deployment behind a load balancer:
  1. a web session signed in on A is valid on B, and signing out on B ends it on A;
  2. an API token issued by A is accepted by B;
  3. a file uploaded through A is downloaded through B, byte for byte;
  4. a background import started on A runs once: B starting while it runs does not fail it (the heartbeat), B reads
     its progress, and the registrations it writes are there exactly once;
  5. a public page A keeps as rendered (`PageCache`) is rendered again after a write through B: an exemplar whose
     consent is withdrawn through B is gone from A at once;
The e-mail outbox's claim-once across instances is checked in Swift (NoticesTests: two passes at once, one send).

Usage: Tests/instances/two_instances.py BINARY DATABASE_URL [--rows N]
The database is emptied first (its public schema is dropped); A's first start loads the demo district.
Exits non-zero, naming the check, on any failure.
"""

import argparse
import csv
import http.cookiejar
import io
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO_PASSWORD = "two-instances-demo-1"
ADMIN_PASSWORD = "two-instances-admin-1"
failures = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f" — {detail}"), flush=True)
    if not ok:
        failures.append(name)


class Server:
    def __init__(self, binary, workdir, database_url, port):
        self.binary, self.workdir, self.port = binary, workdir, port
        self.base = f"http://127.0.0.1:{port}"
        self.env = dict(os.environ, DATABASE_URL=database_url, DIENHINH_DEMO="1",
                        DIENHINH_DEMO_PASSWORD=DEMO_PASSWORD, DIENHINH_ADMIN_PASSWORD=ADMIN_PASSWORD,
                        DIENHINH_BCRYPT_COST="4", DIENHINH_RESOURCES=ROOT)
        self.env.pop("DATABASE_PATH", None)
        self.proc = None
        self.log = os.path.join(workdir, f"serve-{port}.log")

    def start(self):
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [self.binary, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
                cwd=self.workdir, env=self.env, stdout=log, stderr=subprocess.STDOUT)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def wait_up(self, timeout):
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
            time.sleep(0.1)
        return False

    def tail(self):
        try:
            with open(self.log, "rb") as f:
                return f.read()[-3000:].decode(errors="replace")
        except OSError:
            return ""


def request(base, method, path, body=None, token=None, headers=None, opener=None, raw=None, timeout=60):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + path, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with (opener or urllib.request.build_opener()).open(req, timeout=timeout) as res:
            return res.status, res.read(), res.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers


def api_token(base, username):
    status, body, _ = request(base, "POST", "/api/v1/auth/token", {"username": username, "password": DEMO_PASSWORD})
    return json.loads(body)["token"] if status == 200 else None


def multipart(fields, files):
    boundary = "----dienhinh" + uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n".encode())
    for name, (filename, ctype, data) in files.items():
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n"
                  f"Content-Type: {ctype}\r\n\r\n".encode())
        out.write(data)
        out.write(b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), "multipart/form-data; boundary=" + boundary


def png(width=64, height=48):
    """A valid PNG with a gradient, so its bytes are not trivial."""
    rows = b"".join(b"\x00" + bytes((x * 4 + y) % 256 for x in range(width) for _ in range(3)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def web_login(server, username, jar, label):
    """Signs `username` in on `server` through the form; False when it fails (each step checked)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    status, page, _ = request(server.base, "GET", "/dang-nhap", opener=opener)
    csrf = re.search(rb'name="_csrf" value="([^"]+)"', page)
    check(f"{label} shows the sign-in form with its token", status == 200 and csrf is not None, f"HTTP {status}")
    if not csrf:
        return None
    form = urllib.parse.urlencode({"_csrf": csrf.group(1).decode(), "username": username, "password": DEMO_PASSWORD})
    status, _, _ = request(server.base, "POST", "/dang-nhap", raw=form.encode(), opener=opener,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(f"signing in on {label} succeeds", status in (200, 303), f"HTTP {status}")
    return opener if status in (200, 303) else None


def web_session_checks(a, b):
    jar = http.cookiejar.CookieJar()
    if not web_login(a, "noivu", jar, "A"):
        return
    # The same cookies, sent to B (a load balancer without sticky sessions).
    for c in jar:
        c.port, c.port_specified = None, False
    jar_b = http.cookiejar.CookieJar()
    for c in jar:
        jar_b.set_cookie(c)
    opener_b = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar_b))
    status, page, _ = request(b.base, "GET", "/app", opener=opener_b)
    check("the session made on A opens /app on B", status == 200 and b"dang-xuat" in page, f"HTTP {status}")
    csrf = re.search(rb'name="_csrf" value="([^"]+)"', page)
    if csrf:
        form = urllib.parse.urlencode({"_csrf": csrf.group(1).decode()})
        request(b.base, "POST", "/dang-xuat", raw=form.encode(), opener=opener_b,
                headers={"Content-Type": "application/x-www-form-urlencoded"})
    no_redirect = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    status, _, headers = request(a.base, "GET", "/app", opener=no_redirect)
    check("signing out on B ends the session on A", status in (302, 303) and "dang-nhap" in (headers.get("Location") or ""),
          f"HTTP {status} {headers.get('Location')}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def upload_checks(a, b, token_a, token_b):
    status, body, _ = request(a.base, "GET", "/api/v1/registrations?perPage=1", token=token_a)
    items = json.loads(body).get("items", []) if status == 200 else []
    check("A lists a registration of the commune", bool(items), f"HTTP {status}")
    if not items:
        return
    rid = items[0]["id"]
    data = png()
    payload, ctype = multipart({"description": "Ảnh tải lên qua máy A"}, {"file": ("anh-a.png", "image/png", data)})
    status, body, _ = request(a.base, "POST", f"/api/v1/registrations/{rid}/evidence", raw=payload, token=token_a,
                              headers={"Content-Type": ctype})
    check("an upload through A is stored", status == 201, f"HTTP {status} {body[:200]!r}")
    if status != 201:
        return
    eid = json.loads(body)["id"]
    status, got, _ = request(b.base, "GET", f"/api/v1/evidence/{eid}", token=token_b)
    check("the file uploaded through A downloads through B, byte for byte", status == 200 and got == data,
          f"HTTP {status}, {len(got)} bytes of {len(data)}")


def public_page_checks(a, b, token_b):
    # An individual or a household (a collective needs no consent): one whose consents B lists in force.
    sid, consents, path = None, [], "/dien-hinh"
    for _ in range(10):
        status, page, _ = request(a.base, "GET", path)
        for found in re.finditer(rb'href="/dien-hinh/(\d+)"', page if status == 200 else b""):
            status, body, _ = request(b.base, "GET", f"/api/v1/subjects/{int(found.group(1))}/consents", token=token_b)
            items = json.loads(body).get("items", []) if status == 200 else []
            consents = [c for c in items if not c.get("withdrawnAt")]
            if consents:
                sid = int(found.group(1))
                break
        more = re.search(rb'href="(/dien-hinh\?[^"]*sau=\d+)"', page)
        if sid or not more:
            break
        path = more.group(1).decode().replace("&amp;", "&")
    check("A's public directory lists an exemplar whose consent B lists in force", sid is not None)
    if sid is None:
        return
    path = f"/dien-hinh/{sid}"
    first = request(a.base, "GET", path)
    second = request(a.base, "GET", path)
    check("A keeps the exemplar's page and serves its copy the second time",
          first[0] == 200 and second[0] == 200 and second[2].get("X-Page-Cache") == "hit" and second[1] == first[1],
          f"HTTP {first[0]}, {second[0]}, X-Page-Cache {second[2].get('X-Page-Cache')}")
    for c in consents:
        status, body, _ = request(b.base, "POST", f"/api/v1/consents/{c['id']}/withdraw",
                                  {"reason": "Gia đình xin rút (hai máy)"}, token=token_b)
        check(f"B withdraws consent {c['id']}", status == 200, f"HTTP {status} {body[:200]!r}")
    status, _, _ = request(a.base, "GET", path)
    check("the exemplar whose consent B withdrew is gone from A at once (404, not A's copy)", status == 404,
          f"HTTP {status}")


def reference_checks(a, b, token_b):
    """A signed-in page's reference data (ReferenceCache) follows a write made through the other instance."""
    opener = web_login(a, "noivu", http.cookiejar.CookieJar(), "A (again)")
    if not opener:
        return
    name = "Phong trào hai máy " + uuid.uuid4().hex[:6]
    first = request(a.base, "GET", "/app/registrations", opener=opener)
    second = request(a.base, "GET", "/app/registrations", opener=opener)
    check("A's registration list opens twice (its choices kept the second time)",
          first[0] == 200 and second[0] == 200 and name.encode() not in second[1], f"HTTP {first[0]}, {second[0]}")
    status, body, _ = request(b.base, "GET", "/api/v1/units?q=KR-PNV", token=token_b)
    lead = [u["id"] for u in (json.loads(body).get("items", []) if status == 200 else []) if u.get("code") == "KR-PNV"]
    check("B finds the district's Home Affairs office (the movement's lead)", bool(lead), f"HTTP {status}")
    status, body, _ = request(b.base, "POST", "/api/v1/movements",
                              {"code": "PT-" + name[-6:].upper(), "name": name, "kind": "phong-trao",
                               "level": "huyen", "fromYear": 2025, "toYear": 2026, "leadAgencyIDs": lead},
                              token=token_b)
    check("B creates a movement", status in (200, 201), f"HTTP {status} {body[:300]!r}")
    status, page, _ = request(a.base, "GET", "/app/registrations", opener=opener)
    check("A's registration list offers the movement B created, at once", status == 200 and name.encode() in page,
          f"HTTP {status}")


SYLLABLES = ["Blơi", "Thiết", "Hùng", "Lan", "Mai", "Đông", "Phúc", "Nguyên", "Yên", "Thơm", "Rin", "Hiếu", "Sang",
             "Kim", "Vân", "Tâm", "Bình", "Nhung", "Quý", "Hằng"]


def import_checks(a, b, token_a, rows):
    status, template, _ = request(a.base, "GET", "/api/v1/imports/template?format=csv", token=token_a)
    check("the import template downloads", status == 200, f"HTTP {status}")
    if status != 200:
        return
    text = template.decode("utf-8-sig")
    header, example = text.splitlines()[0], text.splitlines()[1]
    cells = next(iter(csv.reader([example])))
    stamp = uuid.uuid4().hex[:6]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for i in range(rows):
        row = list(cells)
        n = len(SYLLABLES)
        row[3] = "Hộ ông A " + " ".join(SYLLABLES[(i // n ** k) % n] for k in range(4))
        row[14] = f"Mô hình hai máy {stamp} số {i + 1}"
        writer.writerow(row)
    body_csv = ("\ufeff" + header + "\r\n" + out.getvalue()).encode()
    payload, ctype = multipart({}, {"file": ("hai-may.csv", "text/csv", body_csv)})
    status, body, _ = request(a.base, "POST", "/api/v1/imports", raw=payload, token=token_a,
                              headers={"Content-Type": ctype})
    check("an import of %d rows is accepted by A" % rows, status == 202, f"HTTP {status} {body[:300]!r}")
    if status != 202:
        return
    job = json.loads(body)["id"]
    # B restarts while A imports: its start fails only imports that have gone silent, never a live one.
    b.stop()
    b.start()
    check("B starts again while A imports", b.wait_up(600), b.tail())
    status, body, _ = request(a.base, "GET", f"/api/v1/imports/{job}", token=token_a)
    running = status == 200 and not json.loads(body).get("finished")
    check("the import was still running when B had started (else the check below proves nothing: more --rows)",
          running, body[:300])
    deadline, last = time.time() + 600, None
    while time.time() < deadline:
        status, body, _ = request(b.base, "GET", f"/api/v1/imports/{job}", token=token_a)
        last = json.loads(body) if status == 200 else {"status": f"HTTP {status}"}
        if last.get("finished"):
            break
        time.sleep(0.5)
    check("B reads the job A runs, and it finishes done, not failed",
          last is not None and last.get("status") == "done" and last.get("created") == rows, json.dumps(last)[:400])
    # Rows sampled by their title's number (numbers above rows/10, so no other title starts with the same digits).
    for n in sorted({rows, rows - 1, rows // 2 + 1}):
        q = urllib.parse.quote(f"{stamp} số {n}")
        status, body, _ = request(b.base, "GET", f"/api/v1/registrations?perPage=5&q={q}", token=token_a)
        items = json.loads(body).get("items", []) if status == 200 else None
        titles = [i.get("title") for i in items or []]
        check(f"row {n} of the import is there once", titles == [f"Mô hình hai máy {stamp} số {n}"],
              f"HTTP {status}, {titles}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("binary")
    p.add_argument("database_url")
    p.add_argument("--rows", type=int, default=20000)
    args = p.parse_args()
    binary = os.path.abspath(args.binary)
    subprocess.run(["psql", "-q", args.database_url, "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="dienhinh-two-")
    a = Server(binary, work, args.database_url, 8391)
    b = Server(binary, work, args.database_url, 8392)
    try:
        t0 = time.time()
        a.start()
        check("A's first start loads the demo and serves", a.wait_up(1800), a.tail())
        print(f"     (A up after {time.time() - t0:.0f} s)")
        b.start()
        check("B starts on the same database and serves", b.wait_up(600), b.tail())
        if failures:
            return 1
        web_session_checks(a, b)
        token_a = api_token(a.base, "dakruong")
        status, body, _ = request(b.base, "GET", "/api/v1/me", token=token_a)
        check("a token issued by A is accepted by B", status == 200 and b"dakruong" in body, f"HTTP {status}")
        token_b = api_token(b.base, "dakruong")
        upload_checks(a, b, token_a, token_b)
        public_page_checks(a, b, api_token(b.base, "noivu"))
        reference_checks(a, b, api_token(b.base, "noivu"))
        import_checks(a, b, token_a, args.rows)
    finally:
        a.stop()
        b.stop()
    print(f"two instances: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
