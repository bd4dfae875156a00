#!/usr/bin/env bash
# Builds Benchmarks/sqlite/plan from sqlite-nio's amalgamation with the options its Package.swift gives (see plan.c).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scratch="${1:-$here/../../.build}"
src="$scratch/checkouts/sqlite-nio/Sources/VaporCSQLite"
[ -f "$src/sqlite_nio_sqlite3.c" ] || { echo "no sqlite-nio checkout under $scratch (run swift build first)" >&2; exit 1; }
# The package's C settings: .define("NAME") or .define("NAME", to: "VALUE"), debug-only ones left out.
defines=$(grep -o '\.define("[A-Z_0-9]*"\(, to: "[^"]*"\)\?)' "$scratch/checkouts/sqlite-nio/Package.swift" \
    | grep -v API_ARMOR | sed -E 's/\.define\("([A-Z_0-9]*)"(, to: "([^"]*)")?\)/-D\1=\3/; s/=$//')
cc -O2 $defines -I"$src/include" "$here/plan.c" "$src/sqlite_nio_sqlite3.c" -lpthread -ldl -lm -o "$here/plan"
echo "built $here/plan"
