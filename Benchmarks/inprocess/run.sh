#!/bin/sh
# In-process benchmarks (issue 11, item 9): on demand, never in CI or a unit test.
#
#   Benchmarks/inprocess/run.sh [SQLITE_FILE]
#
# SQLITE_FILE: a database filled by `dienhinh gen-data` with run.py's admin password, for instance the one that
# `python3 Benchmarks/http/run.py --scale national --keep` leaves (without it, only TextAndFiles runs; with
# DATABASE_URL set instead, Pages runs on PostgreSQL). Builds the benchmarks in release (a package of its own, so
# its first build compiles Vapor again in release: 25 minutes or more here), runs them, writes the JMH JSON to
# Benchmarks/inprocess/results/ and prints the table of ratios (kept in last-results.md).
set -eu
cd "$(dirname "$0")"
rm -rf results && mkdir -p results
if [ $# -ge 1 ]; then
    export DIENHINH_BENCH_DATABASE="$(realpath "$1")"
fi
targets="--target TextAndFiles"
if [ -n "${DIENHINH_BENCH_DATABASE:-}" ] || [ -n "${DATABASE_URL:-}" ]; then
    targets="$targets --target Pages"
fi
# shellcheck disable=SC2086
swift package --disable-sandbox --allow-writing-to-package-directory benchmark run $targets \
    --format jmh --path results --no-progress
# The table is committed (last-results.md); the raw JSON (every sample) stays out of git.
python3 ratios.py results/*.jmh.json | tee last-results.md
