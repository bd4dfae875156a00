#!/usr/bin/env bash
# Login flood: does a flood of wrong passwords slow down people who are already signed in?
# Starts the binary on loopback with the demo, measures the median (p50) of a signed-in page (/app) alone, then
# during a flood of wrong logins, and prints the ratio (target: at most 3×). Two floods:
#   throttled   — the default policy: the flood is refused (429) once the account and the address are locked;
#   unthrottled — limits raised through DIENHINH_LOGIN_* so that every wrong login costs a full bcrypt: this
#                 measures the bounded bcrypt pool alone.
# Usage: Benchmarks/login-flood.sh [BINARY] [CONCURRENCY] [SECONDS]
#   BINARY defaults to .build/release/dienhinh (build it with `swift build -c release`); CONCURRENCY to 16
#   wrong logins in flight; SECONDS to 20 per measurement. Needs bash, curl and python3 (standard library only).
# Not a unit test: timings depend on the machine. Nothing outside a temporary directory is written.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-$root/.build/release/dienhinh}")
concurrency=${2:-16}
seconds=${3:-20}
[ -x "$bin" ] || { echo "No binary at $bin: build it first (swift build -c release)." >&2; exit 2; }
tmp=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
password="mat-khau-do-tai-2024"

run() {
  local label=$1; shift
  local port=$((20000 + RANDOM % 20000))
  rm -f "$tmp"/db.sqlite*
  (cd "$tmp" && env DATABASE_PATH="$tmp/db.sqlite" DIENHINH_RESOURCES="$root" DIENHINH_DEMO_PASSWORD="$password" \
    DIENHINH_ADMIN_PASSWORD="$password" "$@" "$bin" serve --env production --hostname 127.0.0.1 --port "$port" \
    >"$tmp/serve-$label.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { echo "[$label] the server did not start:"; cat "$tmp/serve-$label.log"; exit 1; }
  python3 - "$port" "$concurrency" "$seconds" "$password" "$label" <<'PY'
import http.cookiejar, json, re, statistics, sys, threading, time, urllib.error, urllib.parse, urllib.request
port, concurrency, seconds, password, label = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
base = f"http://127.0.0.1:{port}"

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None

jar = http.cookiejar.CookieJar()
browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

def fetch(opener, url, data=None, headers={}):
    req = urllib.request.Request(url, data=data, headers=headers)
    try:
        with opener.open(req, timeout=120) as r: return r.status, r.read()
    except urllib.error.HTTPError as e: return e.code, e.read()

_, page = fetch(browser, base + "/dang-nhap")
csrf = re.search(rb'name="_csrf" value="([^"]+)"', page).group(1).decode()
form = urllib.parse.urlencode({"_csrf": csrf, "username": "noivu", "password": password, "next": "/app"}).encode()
status, _ = fetch(browser, base + "/dang-nhap", form, {"Content-Type": "application/x-www-form-urlencoded"})
assert status == 303, f"login failed: {status}"

def p50(duration):
    times, end = [], time.monotonic() + duration
    while time.monotonic() < end:
        t = time.monotonic()
        status, _ = fetch(browser, base + "/app")
        assert status == 200, status
        times.append((time.monotonic() - t) * 1000)
    return statistics.median(times), len(times)

alone, n_alone = p50(seconds)
stop = threading.Event()
counts, lock = {}, threading.Lock()
plain = urllib.request.build_opener()

def flood(i):
    n = 0
    while not stop.is_set():
        # Wrong passwords for real and unknown accounts, as an attacker would.
        name = ["noivu", "hoidong", "admin", f"khong-co-{i}-{n}"][n % 4]
        body = json.dumps({"username": name, "password": f"sai-{i}-{n}"}).encode()
        status, _ = fetch(plain, base + "/api/v1/auth/token", body, {"Content-Type": "application/json"})
        with lock: counts[status] = counts.get(status, 0) + 1
        n += 1

threads = [threading.Thread(target=flood, args=(i,), daemon=True) for i in range(concurrency)]
for t in threads: t.start()
time.sleep(2)  # let the flood reach its steady state
during, n_during = p50(seconds)
stop.set()
for t in threads: t.join(timeout=180)
ratio = during / alone if alone > 0 else float("inf")
print(f"[{label}] /app p50 alone: {alone:.1f} ms ({n_alone} requests); during a flood of {concurrency} "
      f"concurrent wrong logins: {during:.1f} ms ({n_during} requests); ratio {ratio:.2f}× "
      f"(target ≤ 3×: {'met' if ratio <= 3 else 'NOT met'})")
print(f"[{label}] flood answers: " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
PY
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

echo "Binary: $bin; $(nproc) cores; flood of $concurrency; ${seconds}s per measurement"
run throttled
run unthrottled DIENHINH_LOGIN_MAX_FAILURES=1000000 DIENHINH_LOGIN_MAX_FAILURES_PER_ADDRESS=1000000
