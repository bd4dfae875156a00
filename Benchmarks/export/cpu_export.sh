#!/bin/bash
# The server's CPU time for one export download (user and system centiseconds from /proc/PID/stat), besides wall
# time and peak RSS: a figure that a busy machine disturbs far less than wall time. Compare two binaries on one
# database in the same run.
#
#   python3 Benchmarks/export/run.py --rows 1000000 --bin BIN --keep     # prints the work folder
#   Benchmarks/export/cpu_export.sh BIN WORKFOLDER/bench.sqlite 18130 xlsx
set -euo pipefail
BIN=$1; DB=$2; PORT=$3; FMT=$4
cd "$(dirname "$0")/../.."
DATABASE_PATH=$DB DIENHINH_ADMIN_PASSWORD=mat-khau-quan-tri-benchmark DIENHINH_BCRYPT_COST=4 \
  "$BIN" serve --hostname 127.0.0.1 --port "$PORT" --env production > "/tmp/cpu_export_$PORT.log" 2>&1 &
SP=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.3; done
TOK=$(curl -s -X POST -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"mat-khau-quan-tri-benchmark"}' "http://127.0.0.1:$PORT/api/v1/auth/token" \
  | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
read -r u0 s0 < <(awk '{print $14, $15}' "/proc/$SP/stat")
T0=$(date +%s.%N)
curl -s -o "/tmp/cpu_export_$PORT.$FMT" -H "Authorization: Bearer $TOK" \
  "http://127.0.0.1:$PORT/api/v1/registrations/export?format=$FMT"
T1=$(date +%s.%N)
read -r u1 s1 < <(awk '{print $14, $15}' "/proc/$SP/stat")
HWM=$(awk '/VmHWM/ {print $2}' "/proc/$SP/status")
kill "$SP"; wait "$SP" 2>/dev/null || true
echo "$FMT $BIN: wall $(echo "$T1 - $T0" | bc) s, server CPU user $((u1 - u0)) cs, sys $((s1 - s0)) cs," \
  "peak $HWM kB, file $(stat -c %s "/tmp/cpu_export_$PORT.$FMT") bytes"
rm -f "/tmp/cpu_export_$PORT.$FMT"
