#!/usr/bin/env python3
# Copied from the project's shared bench kit (anchor_trafilatura.py, by the
# notice-extract bench authors) so benches/ does not depend on files outside
# the repository. Unchanged below this header.
"""Anchor benchmark: time trafilatura.extract() on local HTML files (no network).

Usage:
    python3 anchor_trafilatura.py [options] FILE.html [FILE.html ...]

Prints one line per file (mean/min/max seconds per extract() call, input size,
output size) and a total line with documents/s and MB/s (input bytes, wall
clock) plus documents per CPU-second (process time; less sensitive to other
jobs sharing the machine -- compare this one across noisy runs).

By default each file is read once and decoded to a str *outside* the timed
loop (trafilatura's own charset detection, so GBK/GB2312 pages work), and the
timed call is extract(html_str).  With --bytes the raw bytes are passed, so the
charset detection cost is included in the timing.

Options:
    --runs N             timed extract() calls per file (default 1)
    --warmup N           untimed calls per file before timing (default 1)
    --fast               trafilatura fast mode (no readability/jusText fallback)
    --format F           output_format: txt (default), json, xml, markdown
    --bytes              pass raw bytes to extract() (decoding inside the timing)
    --keep S1|S2|...     substrings that MUST appear in the output (body check)
    --drop S1|S2|...     substrings that must NOT appear (nav/footer check)
    --show               print the extracted text of each file (first run)
    --jobs N             process files in N worker processes (default 1);
                         total throughput is then wall-clock based

Exit code: 0 if all --keep/--drop checks pass (or none given), 1 otherwise,
2 on usage error.
"""
import argparse
import os
import statistics
import sys
import time


def _decode(raw):
    from trafilatura.utils import decode_file
    return decode_file(raw)


def _extract(payload, args):
    import trafilatura
    return trafilatura.extract(
        payload,
        output_format=args.format,
        fast=args.fast,
        include_tables=True,
        with_metadata=args.format in ("json", "xml"),
    )


def bench_file(path, args):
    with open(path, "rb") as fh:
        raw = fh.read()
    payload = raw if args.bytes else _decode(raw)
    for _ in range(args.warmup):
        _extract(payload, args)
    times = []
    cpu = []
    out = None
    for i in range(max(1, args.runs)):
        c0 = time.process_time()
        t0 = time.perf_counter()
        res = _extract(payload, args)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        if i == 0:
            out = res or ""
    checks = []
    for s in args.keep:
        checks.append(("keep", s, s in out))
    for s in args.drop:
        checks.append(("drop", s, s not in out))
    return {
        "path": path,
        "in_bytes": len(raw),
        "out_chars": len(out),
        "times": times,
        "cpu": cpu,
        "checks": checks,
        "output": out if args.show else None,
    }


def _worker(item):
    path, args = item
    return bench_file(path, args)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("files", nargs="+")
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--fast", action="store_true")
    p.add_argument("--format", default="txt",
                   choices=["txt", "json", "xml", "markdown"])
    p.add_argument("--bytes", action="store_true")
    p.add_argument("--keep", default="")
    p.add_argument("--drop", default="")
    p.add_argument("--show", action="store_true")
    p.add_argument("--jobs", type=int, default=1)
    args = p.parse_args(argv)
    args.keep = [s for s in args.keep.split("|") if s]
    args.drop = [s for s in args.drop.split("|") if s]

    for f in args.files:
        if not os.path.isfile(f):
            print(f"not a file: {f}", file=sys.stderr)
            return 2

    import trafilatura  # fail early if missing
    print(f"# trafilatura {trafilatura.__version__}, python "
          f"{sys.version.split()[0]}, cpus={os.cpu_count()}, runs={args.runs}, "
          f"fast={args.fast}, format={args.format}, bytes_input={args.bytes}, "
          f"jobs={args.jobs}")

    wall0 = time.perf_counter()
    if args.jobs > 1:
        from multiprocessing import Pool
        with Pool(args.jobs) as pool:
            results = pool.map(_worker, [(f, args) for f in args.files])
    else:
        results = [bench_file(f, args) for f in args.files]
    wall = time.perf_counter() - wall0

    ok = True
    total_calls = 0
    total_bytes = 0
    total_cpu = 0.0
    total_proc = 0.0
    print(f"{'file':<40} {'KB':>8} {'mean_ms':>9} {'min_ms':>8} "
          f"{'max_ms':>8} {'out_chars':>9}")
    for r in results:
        t = r["times"]
        total_calls += len(t)
        total_bytes += r["in_bytes"] * len(t)
        total_cpu += sum(t)
        total_proc += sum(r["cpu"])
        print(f"{os.path.basename(r['path'])[:40]:<40} "
              f"{r['in_bytes'] / 1024:8.1f} {statistics.mean(t) * 1e3:9.2f} "
              f"{min(t) * 1e3:8.2f} {max(t) * 1e3:8.2f} {r['out_chars']:9d}")
        for kind, s, passed in r["checks"]:
            ok &= passed
            print(f"    {kind:<4} {'PASS' if passed else 'FAIL'}  {s!r}")
        if r["output"] is not None:
            print("----- output -----")
            print(r["output"])
            print("------------------")

    # Throughput: single process -> sum of timed calls; multi-process -> wall.
    elapsed = total_cpu if args.jobs <= 1 else wall
    docs_s = total_calls / elapsed if elapsed else float("inf")
    mb_s = total_bytes / 1e6 / elapsed if elapsed else float("inf")
    cpu_docs_s = total_calls / total_proc if total_proc else float("inf")
    print(f"TOTAL calls={total_calls} input_MB={total_bytes / 1e6:.2f} "
          f"time_s={elapsed:.3f} docs_per_s={docs_s:.1f} MB_per_s={mb_s:.2f} "
          f"docs_per_cpu_s={cpu_docs_s:.1f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
