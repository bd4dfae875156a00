"""Times a 10,000-row registration import against a real server (release build), on SQLite or PostgreSQL.

Usage: python3 Tests/bench/import_10k.py [BIN] [DATABASE_URL]
Prints the time from upload to "done" and rows per second. Not a test: numbers depend on the machine.
"""
import csv, io, json, os, subprocess, sys, tempfile, time, urllib.request, uuid

bin_ = sys.argv[1] if len(sys.argv) > 1 else ".build/release/dienhinh"
db_url = sys.argv[2] if len(sys.argv) > 2 else ""
tmp = tempfile.mkdtemp()
port = 18000 + os.getpid() % 1000
env = dict(os.environ, DIENHINH_DEMO_PASSWORD="mat-khau-do-hieu-nang", DIENHINH_BCRYPT_COST="6")
if db_url:
    env["DATABASE_URL"] = db_url
else:
    env["DATABASE_PATH"] = tmp + "/db.sqlite"
srv = subprocess.Popen([bin_, "serve", "--port", str(port), "--env", "production"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
base = f"http://127.0.0.1:{port}"
for _ in range(200):
    try:
        urllib.request.urlopen(base + "/healthz", timeout=1); break
    except Exception:
        time.sleep(0.2)

def call(method, path, body=None, headers=None):
    req = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())

token = call("POST", "/api/v1/auth/token", json.dumps({"username": "noivu", "password": "mat-khau-do-hieu-nang"}).encode(), {"Content-Type": "application/json"})["token"]
auth = {"Authorization": f"Bearer {token}"}
out = io.StringIO()
w = csv.writer(out)
w.writerow(["Năm", "Mã đơn vị", "Loại đối tượng", "Tên đối tượng", "Mã loại mô hình / điển hình", "Mã phong trào", "Tên mô hình / nội dung đăng ký"])
kinds = [("Hộ gia đình", "MH-15", "PT-VNN"), ("Cá nhân", "CN-03", ""), ("Tập thể", "MH-03", "")]
for i in range(1, 10001):
    k = kinds[i % 3]
    w.writerow(["2024", "KR-DAKRUONG", k[0], f"Đối tượng {i} {uuid.uuid4().hex[:6]}", k[1], k[2], f"Mô hình {i}"])
boundary = "bench" + uuid.uuid4().hex
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.csv\"\r\nContent-Type: text/csv\r\n\r\n").encode() + out.getvalue().encode() + f"\r\n--{boundary}--\r\n".encode()
start = time.monotonic()
job = call("POST", "/api/v1/imports", body, dict(auth, **{"Content-Type": f"multipart/form-data; boundary={boundary}"}))
while True:
    j = call("GET", f"/api/v1/imports/{job['id']}", headers=auth)
    if j["finished"]:
        break
    time.sleep(0.1)
elapsed = time.monotonic() - start
srv.terminate()
print(f"{'postgresql' if db_url else 'sqlite'}: {j['status']}, {j['created']} registrations in {elapsed:.2f} s ({j['created'] / elapsed:.0f} rows/s)")
