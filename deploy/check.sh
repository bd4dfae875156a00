#!/usr/bin/env bash
# Checks the deployment files: the systemd unit with `systemd-analyze verify` (any complaint fails), and the
# Dockerfile by building it where a Docker daemon answers. Says which checks ran.
# Usage: deploy/check.sh [RELEASE_BINARY]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
bin=${1:-}
status=0
if command -v systemd-analyze >/dev/null 2>&1; then
  tmp=$(mktemp -d)
  # A root of our own: the unit at its installed place, the binary it names, and Debian's own units it orders after.
  mkdir -p "$tmp/opt/dienhinh/bin" "$tmp/etc/systemd/system" "$tmp/usr/lib/systemd"
  if [ -n "$bin" ] && [ -x "$bin" ]; then cp "$bin" "$tmp/opt/dienhinh/bin/dienhinh"
  else printf '#!/bin/sh\n' >"$tmp/opt/dienhinh/bin/dienhinh"; chmod +x "$tmp/opt/dienhinh/bin/dienhinh"; fi
  cp "$here/dienhinh.service" "$tmp/etc/systemd/system/"
  cp -r /lib/systemd/system "$tmp/usr/lib/systemd/"
  out=$(systemd-analyze verify --root="$tmp" --man=no /etc/systemd/system/dienhinh.service 2>&1); rc=$?
  rm -rf "$tmp"
  if [ $rc -eq 0 ] && [ -z "$out" ]; then echo "systemd-analyze verify: deploy/dienhinh.service is clean"
  else echo "systemd-analyze verify complained (rc=$rc):"; echo "$out"; status=1; fi
else
  echo "systemd-analyze is not installed here: the unit file was NOT verified"
fi
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  if docker build -q -t dienhinh:ci "$root" >/dev/null; then echo "docker build: the image was built"
  else echo "docker build failed"; status=1; fi
else
  echo "no Docker daemon here: the Dockerfile was NOT built (docker build -t dienhinh . where Docker runs)"
fi
exit $status
