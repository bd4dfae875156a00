#!/usr/bin/env python3
"""Where one page's time goes under load (issue 11, item 9) — on demand, never a timed test.

Starts the release build on the data of run.py (`--reuse`), signs the admin in, loads the page with wrk at
`--connections` for `--seconds` while `perf record -g` samples the server, then prints the functions with the most
samples of their own, and for each `--frame PATTERN` the share of samples under a frame that matches (inclusive),
with the heaviest callees below it.

    python3 Benchmarks/http/perf_page.py --bin BIN --reuse /work/bench-national --page "web list, three filters" \\
        [--database-url postgres://…] [--env NAME=VALUE] [--frame LeafSerializer --frame htmlEscaped] \\
        [--inclusive 'RegistrationsWebController|Fluent|sqlite3_prepare|LeafRenderer']

Needs `perf` (Debian's linux-perf) and a build with symbols (the release build keeps them).
"""
import argparse, collections, json, os, re, shutil, subprocess, sys, tempfile, time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as R  # noqa: E402
import compare as C  # noqa: E402


def stacks(perf_data):
    """Each sample's frames, innermost first, as symbol names (offsets and modules dropped)."""
    out = subprocess.run(["perf", "script", "-i", perf_data, "-F", "ip,sym", "--no-demangle"], capture_output=True,
                         text=True).stdout
    demangle = subprocess.run(["swift", "demangle", "--simplified"], input=out, capture_output=True,
                              text=True).stdout
    sample = []
    for line in demangle.splitlines():
        line = line.strip()
        if not line:
            if sample:
                yield sample
            sample = []
            continue
        parts = line.split(None, 1)
        sample.append(parts[1] if len(parts) > 1 else "[unknown]")
    if sample:
        yield sample


def short(name, width=110):
    name = re.sub(r"\s+", " ", name)
    return name if len(name) <= width else name[: width - 1] + "…"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--reuse", required=True)
    p.add_argument("--database-url", default="")
    p.add_argument("--page", required=True, help="a name from compare.py's list")
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--env", action="append", default=[])
    p.add_argument("--frame", action="append", default=[], help="regular expression: inclusive share and callees")
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--save", help="write the sampled stacks (innermost frame first) to this JSON file")
    p.add_argument("--keep-data", help="copy perf's own record here (for `perf report --sort comm` and the like)")
    p.add_argument("--inclusive", default="", help="regular expression: list the matching functions by the share "
                   "of samples they are on the stack of (for instance 'App\\.|Fluent|SQLKit|sqlite3_|Leaf')")
    args = p.parse_args()
    proc, url, headers, script = C.serve_page(args, args.page)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            data = os.path.join(tmp, "perf.data")
            rec = subprocess.Popen(["perf", "record", "-g", "-F", "499", "-p", str(proc.pid), "-o", data],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.5)
            load = R.wrk(url, headers, args.connections, args.seconds, str(script))
            rec.send_signal(2)
            rec.wait()
            samples = list(stacks(data))
            if args.keep_data:
                shutil.copyfile(data, args.keep_data)
    finally:
        R.stop(proc)
    if args.save:
        Path(args.save).write_text(json.dumps(samples))
    print(f"{args.page}: {load['rps']:.0f} req/s, p95 {load['p95_ms']:.1f} ms; {len(samples)} samples")
    total = len(samples) or 1
    own = collections.Counter(s[0] for s in samples if s)
    print("\nown samples:")
    for name, n in own.most_common(args.top):
        print(f"  {100 * n / total:5.1f} %  {short(name)}")
    if args.inclusive:
        rx = re.compile(args.inclusive)
        on_stack = collections.Counter()
        for s in samples:
            for name in set(f for f in s if rx.search(f)):
                on_stack[name] += 1
        print(f"\non the stack (/{args.inclusive}/):")
        for name, n in on_stack.most_common(args.top):
            print(f"  {100 * n / total:5.1f} %  {short(name)}")
    for pattern in args.frame:
        rx = re.compile(pattern)
        under = 0
        callees = collections.Counter()
        for s in samples:
            hits = [i for i, f in enumerate(s) if rx.search(f)]
            if not hits:
                continue
            under += 1
            outer = hits[-1]
            if outer > 0:
                callees[s[outer - 1]] += 1
        print(f"\nunder /{pattern}/: {100 * under / total:.1f} % of samples; its callees:")
        for name, n in callees.most_common(args.top):
            print(f"  {100 * n / total:5.1f} %  {short(name)}")


if __name__ == "__main__":
    main()
