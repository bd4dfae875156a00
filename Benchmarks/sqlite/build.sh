#!/usr/bin/env bash
# Builds Benchmarks/sqlite/plan from the app's SQLite — the amalgamation in Vendor/sqlite-nio — with the options its
# Package.swift gives (see plan.c).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
package="$here/../../Vendor/sqlite-nio"
src="$package/Sources/VaporCSQLite"
# The package's C settings: .define("NAME") or .define("NAME", to: "VALUE"), debug-only ones left out.
defines=$(grep -o '\.define("[A-Z_0-9]*"\(, to: "[^"]*"\)\?)' "$package/Package.swift" \
    | grep -v API_ARMOR | sed -E 's/\.define\("([A-Z_0-9]*)"(, to: "([^"]*)")?\)/-D\1=\3/; s/=$//')
cc -O2 $defines -I"$src/include" "$here/plan.c" "$src/sqlite_nio_sqlite3.c" -lpthread -ldl -lm -o "$here/plan"
echo "built $here/plan"
