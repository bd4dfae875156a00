#!/usr/bin/env bash
# The API against its own OpenAPI document: schemathesis fuzzes every operation (bounded) as the standing office,
# and fails on any 5xx, any status code, content type, header or body the document does not declare.
# Usage: Tests/api/schemathesis.sh BINARY [DATABASE_URL] [MAX_EXAMPLES]
# CI: 15 examples an operation on SQLite and PostgreSQL; on demand, e.g. 500.
set -euo pipefail
bin=$(realpath "${1:?binary}")
pg=${2:-}
examples=${3:-25}
root=$(dirname "$(dirname "$(dirname "$(realpath "$0")")")")
tmp=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
export DIENHINH_RESOURCES="$root" DIENHINH_DEMO_PASSWORD=schemathesis-demo-1 DIENHINH_ADMIN_PASSWORD=schemathesis-admin-1
export DIENHINH_BCRYPT_COST=4 DIENHINH_DEMO=1
if [ -n "$pg" ]; then
  PGOPTIONS='-c client_min_messages=warning' psql -q "$pg" -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public' >/dev/null
  export DATABASE_URL="$pg"
else
  export DATABASE_PATH="$tmp/dienhinh.sqlite"
fi
(cd "$tmp" && exec "$bin" serve --hostname 127.0.0.1 --port "$port" >"$tmp/serve.log" 2>&1) &
pid=$!
st_pid=
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
# Stopped from outside (CI's bound sends SIGINT): schemathesis is stopped too, and the last lines it wrote (to its own
# file) say where it was. It runs in the background so that the trap runs at once, not after it ends.
stopped() {
  if [ -n "$st_pid" ]; then kill -INT "$st_pid" 2>/dev/null || true; sleep 2; kill -KILL "$st_pid" 2>/dev/null || true; fi
  echo "interrupted; the last lines schemathesis wrote:"; tail -25 "$tmp/st.out" 2>/dev/null; exit "$1"
}
trap 'stopped 130' INT
trap 'stopped 143' TERM
# Up to 30 minutes while the server lives: the first start loads the demo district, over 5 minutes on PostgreSQL on a
# CI machine busy with the test suite (stop 24).
up=0
for _ in $(seq 1 3600); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then up=1; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if [ "$up" -ne 1 ]; then echo "the server did not come up:"; tail -30 "$tmp/serve.log"; exit 1; fi
token=$(curl -fsS -X POST -H 'Content-Type: application/json' \
  -d '{"username":"noivu","password":"schemathesis-demo-1"}' "http://127.0.0.1:$port/api/v1/auth/token" |
  python3 -c 'import sys, json; print(json.load(sys.stdin)["token"])')
# The token route is left out: fuzzing it would lock the accounts (login throttling) — it has its own tests.
# Each request has 120 s (schemathesis waits for ever by default: an answer that never ended would hang CI).
# One worker: with two, Hypothesis ran in two threads at once (it is not thread-safe) and a run now and then stopped
# with "Test Execution Error ... IndexError: list index out of range" and then waited for ever with the server idle
# (CI stop 46: schemathesis on PostgreSQL past its 1,200 s; seen here too, in 1 of 7 runs). The time is Python's, not the
# server's: 170 operations took 74–95 s with one worker and 64–85 s with two, on PostgreSQL.
st run "http://127.0.0.1:$port/api/v1/openapi.json" --experimental=openapi-3.1 \
  -H "Authorization: Bearer $token" --checks all --hypothesis-max-examples "$examples" \
  --hypothesis-seed "${SCHEMATHESIS_SEED:-1}" --workers 1 --request-timeout 120000 --exclude-path-regex 'auth/token' \
  --no-color >"$tmp/st.out" 2>&1 &
st_pid=$!
wait "$st_pid" && rc=0 || rc=$?
st_pid=
sed -n '/Performed checks/,/^$/p' "$tmp/st.out"
tail -1 "$tmp/st.out"
if [ "$rc" -ne 0 ]; then sed -n '/FAILURES/,/SUMMARY/p' "$tmp/st.out" | head -150; fi
# A 5xx is reported by the error middleware at level ERROR (`req.logger.report`); nothing else logs at that level
# while the API is fuzzed. (The old check grepped for " 5xx " and matched the demo's summary, "đánh giá 597 (".)
if grep -q "\[ ERROR \]" "$tmp/serve.log"; then
  echo "the server logged errors:"; grep -m 20 "\[ ERROR \]" "$tmp/serve.log"; rc=1
fi
exit "$rc"
