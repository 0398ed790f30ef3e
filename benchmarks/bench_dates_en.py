"""English date extraction speed: sokhan.extract_dates(lang="en") beside dateparser's
search_dates(languages=["en"]), in one run, on English news text.

The corpus is the raw text of the TempEval-3 TBAQ documents (AP, NYT and WSJ news, with their
document dates), repeated to >= --mb MB; dateparser runs on a slice of it in build/bench-venv.
Run: .venv/bin/python benchmarks/bench_dates_en.py [--mb 10] [--runs 5] [--dp-kb 50]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import platform
import sys
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (MB, REPO, SHARED, Row, fmt_mbs, fresh, measure, print_header,  # noqa: E402
                    print_other_work, print_table, python_with, run_worker, slice_docs,
                    time_runs, utf8_len, other_work_since, machine_ticks, own_cpu_seconds)

TBAQ = SHARED / "data" / "te3" / "TBAQ-cleaned"


def documents() -> list[tuple[str, dt.date]]:
    """(text, DCT) of every TBAQ document, read with sokhan's own TimeML reader (stdlib only)."""
    spec = importlib.util.spec_from_file_location("timeml", REPO / "python" / "sokhan" / "timeml.py")
    tm = importlib.util.module_from_spec(spec)
    sys.modules["timeml"] = tm
    spec.loader.exec_module(tm)
    return [(d.text, d.dct) for d in (tm.read_timeml(p) for p in sorted(TBAQ.glob("*/*.tml")))]


def corpus(min_bytes: float) -> tuple[list[str], list[dt.date], int]:
    docs = documents()
    one = sum(utf8_len(t) for t, _ in docs)
    copies = max(1, -(-int(min_bytes) // one))
    return [t for t, _ in docs] * copies, [r for _, r in docs] * copies, copies


def worker(args: argparse.Namespace) -> None:
    import dateparser
    from dateparser.search import search_dates

    texts, refs, _ = corpus(1)
    sl = slice_docs(texts, args.dp_kb * 1000)
    sl_refs = refs[: len(sl)]

    def run(ds: list[str]) -> int:
        n = 0
        for d, r in zip(ds, sl_refs):
            found = search_dates(d, languages=["en"], settings={"RELATIVE_BASE": dt.datetime.combine(r, dt.time(0))})
            n += len(found or ())
        return n

    times = time_runs(lambda: [fresh(d) for d in sl], run, args.slow_runs, 1)
    print(json.dumps({"version": f"dateparser {dateparser.__version__}", "bytes": sum(utf8_len(d) for d in sl),
                      "ndocs": len(sl), "times": times, "mentions": run(sl),
                      "python": platform.python_version()}))


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--mb", type=float, default=10)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--dp-kb", type=float, default=50)
    p.add_argument("--slow-runs", type=int, default=1)
    p.add_argument("--worker", choices=["dateparser"])
    args = p.parse_args(argv)
    if not TBAQ.is_dir():
        print(f"skipped: TBAQ not found at {TBAQ}")
        return 0
    if args.worker:
        worker(args)
        return 0
    import sokhan

    texts, refs, copies = corpus(args.mb * MB)
    nbytes = sum(utf8_len(t) for t in texts)
    print_header(f"English date extraction speed ({nbytes / MB:.2f} MB: TBAQ news text x{copies}, "
                 f"{len(texts):,} documents)", sokhan)
    ticks0, cpu0 = machine_ticks(), own_cpu_seconds()
    x = sokhan.DateExtractor(lang="en")
    rows = [
        measure("sokhan extract_dates(lang='en'), per doc", nbytes, lambda: [fresh(t) for t in texts],
                lambda ts: [x.extract(t, r) for t, r in zip(ts, refs)], args.runs,
                f"{len(texts):,} calls, reference=DCT"),
        measure("sokhan extract_many threads=1", nbytes, lambda: [fresh(t) for t in texts],
                lambda ts: x.extract_many(ts, refs, threads=1), args.runs),
        measure("sokhan extract_many threads=2", nbytes, lambda: [fresh(t) for t in texts],
                lambda ts: x.extract_many(ts, refs, threads=2), args.runs),
    ]
    mentions = sum(len(m) for m in x.extract_many(texts, refs))
    sl = slice_docs(texts, args.dp_kb * 1000)
    sl_bytes = sum(utf8_len(t) for t in sl)
    rows.append(measure("sokhan extract_dates, same slice as dateparser", sl_bytes, lambda: [fresh(t) for t in sl],
                        lambda ts: [x.extract(t, r) for t, r in zip(ts, refs)], args.runs, f"{len(sl)} calls"))
    exe, why = python_with("dateparser", "SOKHAN_BENCH_PYTHON")
    dp = None
    if exe is None:
        print(f"  dateparser not measured: {why}", file=sys.stderr)
    else:
        dp, err = run_worker([exe, str(Path(__file__).resolve()), "--worker", "dateparser",
                              "--dp-kb", str(args.dp_kb), "--slow-runs", str(args.slow_runs)])
        if dp is None:
            print(f"  dateparser failed:\n{err}", file=sys.stderr)
        else:
            rows.append(Row(f"{dp['version']} search_dates(languages=['en'])", dp["bytes"], dp["times"],
                            f"{dp['ndocs']} calls, {dp['mentions']} found"))
    print_table(rows, rows[0], "x sokhan", 52, 6)
    print(f"\nmentions found by sokhan: {mentions:,} ({mentions / (nbytes / MB):,.0f} per MB)")
    if dp is not None:
        ratio = rows[3].median / Row("dp", dp["bytes"], dp["times"]).median
        print(f"sokhan / dateparser on the same slice: {ratio:,.0f}x")
    print_other_work(other_work_since(ticks0, cpu0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
