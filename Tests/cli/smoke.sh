#!/usr/bin/env bash
# Drives the real `dienhinh` binary the way an operator would: first start, subcommands, bad configuration.
# Usage: Tests/cli/smoke.sh PATH_TO_BINARY [DATABASE_URL]
# The binary runs from an empty temporary directory, as an operator's service would: it finds its Resources/ and
# Public/ beside the executable (or through DIENHINH_RESOURCES), not in the working directory.
set -u
bin=$(realpath "${1:?binary}")
pg=${2:-}
pass=0; fail=0
ok()   { echo "ok   - $1"; pass=$((pass+1)); }
bad()  { echo "FAIL - $1"; fail=$((fail+1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
# Waits for /healthz while the server lives, up to 30 minutes: a first start on PostgreSQL loads the demo district
# through the services, which took over 5 minutes on a CI machine busy with the test suite (stop 24).
wait_up() {
  local pid=$1
  for _ in $(seq 1 3600); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}
tmp=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
mkdir "$tmp/empty" && cd "$tmp/empty"
check "the working directory is empty" "[ -z \"\$(ls -A)\" ]"

# 0. Resources: a wrong DIENHINH_RESOURCES stops the start and names the variable.
out=$(DIENHINH_RESOURCES="$tmp/nothing-here" DATABASE_PATH="$tmp/r.sqlite" "$bin" migrate 2>&1); rc=$?
check "bad DIENHINH_RESOURCES names the variable" "[ $rc -ne 0 ] && grep -q 'DIENHINH_RESOURCES' <<<\"\$out\""

# 1. Wrong configuration fails at start and names the variable.
out=$(DATABASE_URL="mysql://x" "$bin" serve 2>&1); rc=$?
check "bad DATABASE_URL exits non-zero" "[ $rc -ne 0 ]"
check "bad DATABASE_URL names the variable" "grep -q 'DATABASE_URL' <<<\"\$out\""
out=$(DATABASE_PATH="$tmp/no/such/dir/x.sqlite" "$bin" migrate 2>&1); rc=$?
check "missing DATABASE_PATH directory names the variable" "[ $rc -ne 0 ] && grep -q 'DATABASE_PATH' <<<\"\$out\""

# 1b. gen-data: the district profile on a fresh file; refused over registrations; an unknown scale is named.
out=$(DATABASE_PATH="$tmp/g.sqlite" "$bin" gen-data --scale district --seed 3 2>&1); rc=$?
check "gen-data --scale district reports 3000 registrations" "[ $rc -eq 0 ] && grep -q 'Xong: .* 3000 đăng ký' <<<\"\$out\""
n=$(python3 -c "import sqlite3;print(sqlite3.connect('$tmp/g.sqlite').execute('select count(*) from registrations').fetchone()[0])")
check "gen-data's 3000 registrations are in the file ($n)" "[ '$n' = 3000 ]"
out=$(DATABASE_PATH="$tmp/g.sqlite" "$bin" gen-data --scale district 2>&1); rc=$?
check "gen-data refuses a database that holds registrations" "[ $rc -ne 0 ]"
out=$(DATABASE_PATH="$tmp/g2.sqlite" "$bin" gen-data --scale huyen 2>&1); rc=$?
check "gen-data names the scales it knows" "[ $rc -ne 0 ] && grep -q 'district, province, national' <<<\"\$out\""

run_suite() {
  local label=$1; shift
  # 2. First start: migrates, loads demo data, prints how to log in.
  env "$@" "$bin" serve --hostname 127.0.0.1 --port "$port" >"$tmp/serve-$label.log" 2>&1 &
  local pid=$!
  local up=0 t0=$SECONDS
  if wait_up "$pid"; then up=1; fi
  check "[$label] serve answers /healthz (first start with the demo: $((SECONDS - t0)) s)" "[ $up -eq 1 ]"
  if [ $up -ne 1 ]; then tail -20 "$tmp/serve-$label.log"; fi
  check "[$label] first start prints the admin login" "grep -q 'admin' '$tmp/serve-$label.log' && grep -q 'mật khẩu' '$tmp/serve-$label.log'"
  check "[$label] first start loaded the demo data" "grep -q 'Đã nạp dữ liệu mẫu' '$tmp/serve-$label.log'"
  # The server's async work runs on NIO's event loops (LoopExecutor.wanted), the heavy pages' handlers on threads of
  # their own on SQLite and on the loops on PostgreSQL (AppConfig.heavyOffLoop): every check after this one runs so.
  check "[$label] Swift Concurrency runs on NIO's event loops" "grep -q \"executor: NIO's event loops\" '$tmp/serve-$label.log'"
  local heavy
  if [ "$label" = postgres ]; then heavy="on the loops"; else heavy="on threads of their own"; fi
  check "[$label] heavy pages' handlers run $heavy" "grep -q \"handlers: $heavy\" '$tmp/serve-$label.log'"
  local code
  code=$(curl -s -o "$tmp/home.html" -w '%{http_code}' "http://127.0.0.1:$port/")
  check "[$label] public page 200 in Vietnamese, served from an empty working directory" "[ '$code' = 200 ] && grep -q 'lang=\"vi\"' '$tmp/home.html'"
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/css/app.css")
  check "[$label] the stylesheet is found beside the executable" "[ '$code' = 200 ]"
  # Login with the printed admin password, through the real login form.
  local pw
  pw=$(grep -o 'admin — mật khẩu: [^ ]*' "$tmp/serve-$label.log" | awk '{print $NF}')
  local jar="$tmp/jar-$label"
  curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/dang-nhap" -o "$tmp/login.html"
  local csrf
  csrf=$(grep -o 'name="_csrf" value="[^"]*"' "$tmp/login.html" | head -1 | sed 's/.*value="//; s/"$//')
  code=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$csrf" --data-urlencode "username=admin" --data-urlencode "password=$pw" "http://127.0.0.1:$port/dang-nhap")
  check "[$label] admin logs in with the printed password" "[ '$code' = 303 ]"
  # The printed password is a one-time one: the admin changes it first (every page leads there until then).
  curl -s -b "$jar" "http://127.0.0.1:$port/app/tai-khoan/mat-khau" -o "$tmp/pw.html"
  csrf=$(grep -o 'name="_csrf" value="[^"]*"' "$tmp/pw.html" | head -1 | sed 's/.*value="//; s/"$//')
  code=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$csrf" --data-urlencode "currentPassword=$pw" --data-urlencode "newPassword=mat-khau-moi-cua-admin" --data-urlencode "confirmPassword=mat-khau-moi-cua-admin" "http://127.0.0.1:$port/app/tai-khoan/mat-khau")
  check "[$label] admin changes the one-time password" "[ '$code' = 303 ]"
  code=$(curl -s -b "$jar" -o "$tmp/app.html" -w '%{http_code}' "http://127.0.0.1:$port/app")
  check "[$label] signed-in home page" "[ '$code' = 200 ] && grep -q 'Quản trị hệ thống' '$tmp/app.html'"
  # Compression over a real socket, and a CSRF token masked afresh on every page (BREACH).
  local plain gz
  plain=$(curl -s -b "$jar" -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port/app")
  gz=$(curl -s -b "$jar" -H 'Accept-Encoding: gzip' -D "$tmp/gz-headers" -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port/app")
  check "[$label] pages are gzipped when asked ($plain → $gz bytes)" "grep -qi '^content-encoding: gzip' '$tmp/gz-headers' && [ $gz -lt $((plain / 2)) ]"
  local t1 t2
  t1=$(curl -s -b "$jar" "http://127.0.0.1:$port/app" 2>/dev/null | grep -o 'name="_csrf" value="[^"]*"' | head -1)
  t2=$(curl -s -b "$jar" "http://127.0.0.1:$port/app" 2>/dev/null | grep -o 'name="_csrf" value="[^"]*"' | head -1)
  check "[$label] two pages carry different CSRF values" "[ -n '$t1' ] && [ '$t1' != '$t2' ]"
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  # A second start prints no password again.
  env "$@" "$bin" serve --hostname 127.0.0.1 --port "$port" >"$tmp/serve2-$label.log" 2>&1 &
  pid=$!
  wait_up "$pid" || { echo "# the server did not come up:"; tail -20 "$tmp"/*.log 2>/dev/null | tail -40; }
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  check "[$label] the password is printed only once" "! grep -q 'mật khẩu:' '$tmp/serve2-$label.log'"

  # 3. Subcommands.
  out=$(env "$@" "$bin" migrate 2>&1); check "[$label] migrate is idempotent" "[ $? -eq 0 ]"
  out=$(echo 'mot-mat-khau-rat-dai' | env "$@" "$bin" user create --username canbo.dakruong --role unit-officer --unit KR-DAKRUONG --full-name 'Y Hoa' 2>&1)
  check "[$label] user create (password from stdin)" "grep -q 'Đã tạo tài khoản canbo.dakruong' <<<\"\$out\""
  out=$(echo 'ngan' | env "$@" "$bin" user create --username canbo2 --role unit-officer --unit KR-DAKRUONG 2>&1); rc=$?
  check "[$label] user create refuses a short password in Vietnamese" "[ $rc -ne 0 ] && grep -q 'ít nhất 10 ký tự' <<<\"\$out\""
  out=$(echo 'mot-mat-khau-rat-dai' | env "$@" "$bin" user create --username canbo3 --role unit-officer --unit KHONG-CO 2>&1); rc=$?
  check "[$label] user create names a missing unit" "[ $rc -ne 0 ] && grep -q 'KHONG-CO' <<<\"\$out\""
  out=$(env "$@" "$bin" user list 2>&1)
  check "[$label] user list shows the new account with its unit" "grep -q 'canbo.dakruong.*unit-officer.*KR-DAKRUONG' <<<\"\$out\""
  out=$(env "$@" "$bin" demo-data 2>&1)
  check "[$label] demo-data does not load twice" "grep -q 'không nạp lại' <<<\"\$out\""
}

# 4. Backup and restore (issue 17): verify the audit chain, back up, refuse to overwrite data, restore into a fresh
# place ($2, one VAR=value), verify there, and refuse a backup with one byte changed.
backup_restore() {
  local label=$1 target=$2; shift 2
  local dir="$tmp/backup-$label"
  out=$(env "$@" "$bin" audit verify 2>&1)
  check "[$label] audit verify passes on an untouched log" "[ $? -eq 0 ] && grep -q 'toàn vẹn' <<<\"\$out\""
  out=$(env "$@" "$bin" backup --output "$dir" 2>&1)
  check "[$label] backup writes the database and a manifest" "[ $? -eq 0 ] && [ -s '$dir/manifest.json' ]"
  out=$(env "$@" "$bin" restore "$dir" 2>&1); rc=$?
  check "[$label] restore refuses a database with data without --force" "[ $rc -ne 0 ] && grep -q -- '--force' <<<\"\$out\""
  out=$(env "$target" "$bin" restore "$dir" 2>&1)
  check "[$label] restore into a fresh place" "[ $? -eq 0 ] && grep -q 'Đã khôi phục' <<<\"\$out\""
  out=$(env "$target" "$bin" user list 2>&1)
  check "[$label] the restored database has the new account" "grep -q 'canbo.dakruong' <<<\"\$out\""
  out=$(env "$target" "$bin" audit verify 2>&1)
  check "[$label] the restored audit log verifies" "[ $? -eq 0 ]"
  local db
  db=$(ls "$dir"/database.* | head -1)
  printf 'X' | dd of="$db" bs=1 seek=4096 conv=notrunc 2>/dev/null
  out=$(env "$target" "$bin" restore "$dir" --force 2>&1); rc=$?
  check "[$label] a damaged backup is refused" "[ $rc -ne 0 ] && grep -q 'không khớp' <<<\"\$out\""
}

# 5. A production start (no DIENHINH_DEMO): no demo people, only the admin, whose printed password must be changed.
production_start() {
  local label=$1; shift
  env "$@" "$bin" serve --hostname 127.0.0.1 --port "$port" >"$tmp/prod-$label.log" 2>&1 &
  local pid=$!
  wait_up "$pid" || { echo "# the server did not come up:"; tail -20 "$tmp"/*.log 2>/dev/null | tail -40; }
  check "[$label] production start loads no demo and says how to import the real tree" "! grep -q 'Đã nạp dữ liệu mẫu' '$tmp/prod-$label.log' && grep -q 'import units' '$tmp/prod-$label.log'"
  local pw jar="$tmp/jar-prod-$label" csrf code
  pw=$(grep -o 'admin — mật khẩu: [^ ]*' "$tmp/prod-$label.log" | awk '{print $NF}')
  curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/dang-nhap" -o "$tmp/login-prod.html"
  csrf=$(grep -o 'name="_csrf" value="[^"]*"' "$tmp/login-prod.html" | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" --data-urlencode "username=admin" --data-urlencode "password=$pw" "http://127.0.0.1:$port/dang-nhap"
  code=$(curl -s -b "$jar" -o /dev/null -w '%{redirect_url}' "http://127.0.0.1:$port/app")
  check "[$label] the production admin is sent to change the one-time password ($code)" "grep -q '/app/tai-khoan' <<<\"$code\""
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  out=$(env "$@" "$bin" user list 2>&1)
  check "[$label] a production start creates only the admin" "grep -q 'Tổng cộng: 1 tài khoản' <<<\"\$out\""
  # The real tree from a spreadsheet, from the command line (all-or-nothing; a bad row names its row and column).
  printf 'Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên\r\nCLI-XA,Xã dòng lệnh,Xã,\r\n' >"$tmp/don-vi.csv"
  out=$(env "$@" "$bin" import units "$tmp/don-vi.csv" 2>&1)
  check "[$label] import units from a CSV file" "grep -q 'Đã nhập 1 đơn vị' <<<\"\$out\""
  printf 'Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên\r\nCLI-XB,Xã sai,Không có loại này,\r\n' >"$tmp/don-vi-sai.csv"
  out=$(env "$@" "$bin" import units "$tmp/don-vi-sai.csv" 2>&1); rc=$?
  check "[$label] a bad row is refused naming its row" "[ $rc -ne 0 ] && grep -q 'Dòng [0-9]*, cột “Loại đơn vị”' <<<\"\$out\""
}
production_start sqlite DATABASE_PATH="$tmp/prod.sqlite"

run_suite sqlite DIENHINH_DEMO=1 DATABASE_PATH="$tmp/dienhinh.sqlite"
mkdir -p "$tmp/restored"
backup_restore sqlite DATABASE_PATH="$tmp/restored/dienhinh.sqlite" DATABASE_PATH="$tmp/dienhinh.sqlite"
check "[sqlite] the database file uses WAL" "[ \"\$(python3 -c \"import sqlite3;print(sqlite3.connect('$tmp/dienhinh.sqlite').execute('pragma journal_mode').fetchone()[0])\")\" = wal ]"
if [ -n "$pg" ]; then
  run_suite postgres DIENHINH_DEMO=1 DATABASE_URL="$pg"
  fresh="dh_smoke_restore_$RANDOM"
  if command -v psql >/dev/null && psql "$pg" -qc "CREATE DATABASE $fresh" >/dev/null 2>&1; then
    backup_restore postgres DATABASE_URL="${pg%/*}/$fresh" DATABASE_URL="$pg"
    psql "$pg" -qc "DROP DATABASE IF EXISTS $fresh WITH (FORCE)" >/dev/null 2>&1
  else
    bad "[postgres] psql could not create a fresh database for the restore check"
  fi
fi
check "nothing was written to the working directory" "[ -z \"\$(ls -A '$tmp/empty')\" ]"
cd / && rm -rf "$tmp"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
