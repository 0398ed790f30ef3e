#!/usr/bin/env python3
"""sokhan's benchmark suite: every comparison of issue 8 in one run, on the same corpora.

Prints one table (for normalize, Unicode NFC, sentence splitting and date extraction, Persian
and English: each system's MB/s with its spread, its ratio to sokhan and its accuracy on the
dev data where there is some), then the batch speed-ups, the cost of crossing into Python, the
scale, memory and start-up measurements, and every issue-8 target as MET / NOT MET. Writes the
table as Markdown (latest.md) and a bar chart of throughput on a log scale (throughput.png).

    .venv/bin/python benchmarks/run.py [--quick] [--only normalize,split,...] [--no-1gb]

Competitors run in subprocesses, in build/bench-venv (`make bench-suite` sets it up), through
the workers of bench_normalize.py, bench_sentences.py, bench_dates.py and bench_dates_en.py,
plus two of this script's own (Parsivar, PyICU's NFC). The C++ kernel rows and the crossing
cost come from the micro-benchmark binary (`make bench-cpp`, build/bench-cpp). See
benchmarks/README.md for what every row means.

A benchmark, not a test: it exits 0 whenever it could measure, whether or not targets are met.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
import time
import traceback
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Sequence

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the other benchmark modules, also when run from elsewhere

import bench_sentences  # noqa: E402
import suite_limits as lim  # noqa: E402
import suite_scale  # noqa: E402
import suite_tasks  # noqa: E402
from common import (MB, REPO, UD_TEXT, cores, cpu_busy, cpu_mhz, cpu_model,  # noqa: E402
                    machine_ticks, missing_data, other_work_since, own_cpu_seconds, source_tree)
from suite_base import (QUICK, Corpus, Sizes, Suite, build_corpora, worker,  # noqa: E402
                        write_corpus_dir)
from suite_report import markdown_report, text_report, write_chart  # noqa: E402

RESULTS = HERE / "results"
# The sections, in the order they run (--only picks some).
SECTIONS: dict[str, Callable[[Suite], None]] = {
    "normalize": suite_tasks.normalize,
    "nfc": suite_tasks.nfc,
    "split": suite_tasks.split,
    "dates": suite_tasks.dates,
    "batch": suite_scale.batch,
    "crossing": suite_scale.crossing,
    "scale": suite_scale.scale,
    "memory": suite_scale.memory,
    "startup": suite_scale.startup,
}
NEEDS_CPP = {"normalize", "nfc", "split", "dates", "crossing"}  # sokhan_bench results

# --------------------------------------------------------------------------------------------
# Header and footer


def header(sokhan: Any, s: Sizes, args: argparse.Namespace,
           corpora: dict[str, Corpus]) -> list[str]:
    now = dt.datetime.now().astimezone()
    busy = cpu_busy()
    tree = source_tree()
    lines = [
        "sokhan benchmark suite (benchmarks/run.py)" + ("  --quick" if args.quick else ""),
        f"  date     {now.isoformat(timespec='seconds')}",
        f"  machine  {cpu_model()}, {cpu_mhz()}, {cores()}",
        "  load     average {:.2f} {:.2f} {:.2f} (1, 5, 15 min) at the start".format(
            *os.getloadavg())
        + (f"; {busy:.0f}% of all CPUs busy in the second before" if busy is not None else ""),
        f"  system   {platform.platform()}",
        f"  python   {platform.python_version()} ({sys.executable})",
        f"  sokhan   {sokhan.__version__} ({Path(sokhan.__file__).resolve().parent})"
        + (f"; source tree at {tree}" if tree else ""),
    ]
    for name, c in corpora.items():
        lines.append(f"  corpus   {name:<8} {c.nbytes / MB:6.2f} MB, {len(c.docs):,} documents "
                     f"(avg {c.docs_bytes / len(c.docs):,.0f} B): {c.label}")
    lines.append(f"  timing   MB/s = 10^6 UTF-8 input bytes per wall-clock second; median of "
                 f"{s.runs} runs after a warm-up (pySBD, dateparser: {s.slow_runs}), spread = "
                 "slowest-fastest run; fresh str objects every run")
    return lines


def footer(suite: Suite, started: float, ticks0: Any, own0: float) -> list[str]:
    other = other_work_since(ticks0, own0)
    lines = []
    for v in suite.versions.values():
        lines.append(f"ran: {v}")
    lines += suite.notes
    lines.append("load average {:.2f} {:.2f} {:.2f} at the end".format(*os.getloadavg())
                 + (f"; other processes used {other:.1f}% of the machine during the run"
                    + ("  (above ~5%: numbers, above all threads=2, are not reliable)"
                       if other > 5 else "") if other is not None else ""))
    lines.append(f"run.py took {time.perf_counter() - started:.0f} s")
    return lines


# --------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="small corpora and few runs: a smoke run of every section (~2 min)")
    ap.add_argument("--only", default="",
                    help="comma-separated sections to run: " + ", ".join(SECTIONS))
    ap.add_argument("--no-1gb", action="store_true",
                    help="leave out the CLI run on a 1 GB jsonl file (written to /tmp and deleted; "
                         "about a minute)")
    ap.add_argument("--runs", type=int, help="timed runs per row (default 5, --quick 3)")
    ap.add_argument("--out", type=Path,
                    help="where latest.md and throughput.png go (default benchmarks/results for a "
                         "complete run, build/bench-results for --quick or --only)")
    ap.add_argument("--cpp-bench", default=str(lim.CPP_BENCH),
                    help=f"the sokhan_bench binary (default {lim.CPP_BENCH.relative_to(REPO)})")
    ap.add_argument("--write-corpus", type=Path, metavar="DIR",
                    help="only write the corpus files sokhan_bench reads into DIR, then exit")
    ap.add_argument("--worker", choices=("parsivar", "icu-nfc"), help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    ap.add_argument("--rss-child", nargs=2, metavar=("OP", "FILE"), help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(argv)
    if args.worker:
        worker(args.worker, args.input, args.runs or 5)
        return 0
    if args.rss_child:
        lim.rss_child(*args.rss_child)
        return 0
    sizes = QUICK if args.quick else Sizes()
    if args.runs:
        sizes = replace(sizes, runs=max(1, args.runs))
    if missing_data("sokhan benchmark suite", [UD_TEXT, *bench_sentences.FA_FILES,
                                               *bench_sentences.EN_FILES]):
        return 0
    if args.write_corpus:
        write_corpus_dir(build_corpora(sizes)[0], args.write_corpus)
        print(f"corpus files written to {args.write_corpus}")
        return 0
    only = [t.strip() for t in args.only.split(",") if t.strip()]
    unknown = [t for t in only if t not in SECTIONS]
    if unknown:
        print(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}",
              file=sys.stderr)
        return 2
    selected = only or list(SECTIONS)
    try:
        import sokhan
    except ImportError as e:
        print(f"cannot import sokhan with {sys.executable}: {e}\n  run it with the development "
              "venv (`make install` first): .venv/bin/python benchmarks/run.py", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory(prefix="sokhan-bench-") as tmp:
        suite = Suite(args, sizes, sokhan, Path(tmp))
        suite.rep.header = header(sokhan, sizes, args, suite.c)
        ticks0, own0 = machine_ticks(), own_cpu_seconds()
        if NEEDS_CPP & set(selected):
            suite.run_cpp()
        for task, run_section in SECTIONS.items():
            if task in selected:
                print(f"== {task}", file=sys.stderr, flush=True)
                try:
                    run_section(suite)
                except Exception as e:  # noqa: BLE001  (one broken section must not hide the rest)
                    suite.notes.append(f"section {task} failed: {type(e).__name__}: {e}")
                    traceback.print_exc()
        suite.rep.footer = footer(suite, started, ticks0, own0)

    rep = suite.rep
    print(text_report(rep))
    out = args.out or (REPO / "build" / "bench-results" if args.quick or only else RESULTS)
    out.mkdir(parents=True, exist_ok=True)
    command = "benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    (out / "latest.md").write_text(markdown_report(rep, command.strip()), encoding="utf-8")
    if rep.entries:
        write_chart(rep.entries, out / "throughput.png",
                    f"sokhan vs competitors, {rep.header[1].split()[-1][:10]}, {cpu_model()}")
    chart = f", {out / 'throughput.png'}" if rep.entries else ""
    print(f"\nwritten: {out / 'latest.md'}{chart}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
