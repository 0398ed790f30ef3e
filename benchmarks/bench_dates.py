#!/usr/bin/env python3
"""Speed of sokhan's date/time extraction against dateparser's search_dates.

Builds the >= 10 MB Persian corpus of bench_normalize.py / bench_sentences.py (the raw text of
the UD Persian dev files in ../shared/data/ud/, repeated, cut into ~1 KB documents) and gives
every document a reference date (deterministic, spread over 2010-2020). Prints, in one run:

- MB/s (10^6 UTF-8 bytes of *input* per second; median of several runs, min-max spread) of
  ``sokhan.extract_dates(doc, reference=...)`` called once per document, of the whole corpus in
  one call, and of ``DateExtractor().extract_many(docs, references, threads=1 / 2)``;
- the same per-item speed on the date-dense dev set text (../shared/data/dates/fa_dev.jsonl,
  repeated to ~1 MB), where nearly every sentence holds a mention or a confusable;
- mentions found per MB (and by kind) on both corpora;
- dateparser's ``search_dates(doc, languages=['fa'], settings={'RELATIVE_BASE': ref})`` per
  document on a slice of whole documents (default ~50 KB: it is far slower) and on one copy of
  the dev set text, in a subprocess in build/bench-venv (this script in --worker mode, which
  never imports sokhan), and the ratio sokhan / dateparser on the same text.

    .venv/bin/python benchmarks/bench_dates.py [--runs 7] [--mb 10] [--dp-kb 50]

A benchmark, not a test: it exits 0 whenever it could measure.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import platform
import sys
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))  # common.py, also from the repo root

from common import (MB, SHARED, UD_DIR, UD_TEXT, Row, build_corpus, dist_version,  # noqa: E402
                    fmt_mbs, fresh, machine_ticks, measure, missing_data, other_work_since,
                    own_cpu_seconds, print_header, print_other_work, print_table, python_with,
                    run_worker, slice_docs, time_runs, utf8_len)

FA_FILES = [UD_DIR / "fa_seraji-ud-dev.conllu", UD_DIR / "fa_perdt-ud-dev.conllu"]
DEV_SET = SHARED / "data" / "dates" / "fa_dev.jsonl"
REF_START = dt.date(2010, 1, 1)


# --------------------------------------------------------------------------------------------
# Inputs (rebuilt identically by the dateparser worker)


def corpus(args: argparse.Namespace) -> tuple[str, list[str], int, int]:
    """(whole text, documents, copies of the UD text, sentences): bench_sentences' fa corpus."""
    text, docs, stream, copies = build_corpus(FA_FILES, int(args.mb * MB), docs_wanted=args.docs)
    return text, docs, copies, len(stream)


def references(n: int) -> list[dt.date]:
    """A document date for each of ``n`` documents: spread over ~11 years, deterministic."""
    return [REF_START + dt.timedelta(days=(k * 37) % 4000) for k in range(n)]


def dev_texts(min_bytes: float) -> tuple[list[str], list[dt.date], int]:
    """The dev set's texts and references, repeated to >= ``min_bytes`` (copies as the third)."""
    items = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    texts = [i["text"] for i in items]
    refs = [dt.date.fromisoformat(i["reference"]) for i in items]
    one = sum(utf8_len(t) for t in texts)
    copies = max(1, -(-int(min_bytes) // one))
    return texts * copies, refs * copies, copies


# --------------------------------------------------------------------------------------------
# dateparser, in a subprocess (--worker dateparser)


def worker(args: argparse.Namespace) -> None:
    import dateparser
    from dateparser.search import search_dates

    def run(docs: list[str], refs: list[dt.date]) -> list[int]:
        counts = []
        for d, r in zip(docs, refs):
            found = search_dates(d, languages=["fa"],
                                 settings={"RELATIVE_BASE": dt.datetime.combine(r, dt.time(0))})
            counts.append(len(found or ()))
        return counts

    _, docs, _, _ = corpus(args)
    refs = references(len(docs))
    sl = slice_docs(docs, args.dp_kb * 1000)
    sl_refs = refs[:len(sl)]
    out: dict = {"version": f"dateparser {dateparser.__version__}",
                 "python": platform.python_version(), "executable": sys.executable}
    r, w = args.slow_runs, 1
    out["ud"] = {"bytes": sum(utf8_len(d) for d in sl), "ndocs": len(sl),
                 "times": time_runs(lambda: [fresh(d) for d in sl],
                                    lambda ds: run(ds, sl_refs), r, w),
                 "mentions": sum(run(sl, sl_refs))}
    print("  measured dateparser ud slice", file=sys.stderr, flush=True)
    if DEV_SET.exists():
        texts, drefs, _ = dev_texts(1)  # one copy
        out["dev"] = {"bytes": sum(utf8_len(t) for t in texts), "ndocs": len(texts),
                      "times": time_runs(lambda: [fresh(t) for t in texts],
                                         lambda ts: run(ts, drefs), r, w),
                      "mentions": sum(run(texts, drefs))}
        print("  measured dateparser dev set", file=sys.stderr, flush=True)
    print(json.dumps(out))


def measure_dateparser(args: argparse.Namespace) -> tuple[dict | None, str]:
    exe, why = python_with("dateparser", "SOKHAN_BENCH_PYTHON")
    if exe is None:
        return None, (f"dateparser is not importable ({why}); install it with "
                      "build/bench-venv/bin/pip install dateparser")
    out, err = run_worker([exe, str(Path(__file__).resolve()), "--worker", "dateparser",
                           "--mb", str(args.mb), "--docs", str(args.docs),
                           "--dp-kb", str(args.dp_kb), "--slow-runs", str(args.slow_runs)])
    if out is None:
        tail = "\n".join(err.strip().splitlines()[-5:])
        return None, f"dateparser run failed with {exe}:\n{tail}"
    return out, ""


# --------------------------------------------------------------------------------------------


def kinds_of(results: Sequence[Sequence[object]]) -> collections.Counter:
    return collections.Counter(getattr(m, "kind", "?") for ms in results for m in ms)


def per_mb(n: int, nbytes: int) -> str:
    return f"{n / (nbytes / MB):,.0f}"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="timed runs per row (>= 5; default 7)")
    ap.add_argument("--mb", type=float, default=10.0, help="minimum corpus size in MB (default 10)")
    ap.add_argument("--docs", type=int, default=10_000,
                    help="documents to cut the corpus into (default 10000, as bench_normalize)")
    ap.add_argument("--dev-mb", type=float, default=1.0,
                    help="the dev set text is repeated to at least this many MB (default 1)")
    ap.add_argument("--dp-kb", type=float, default=50.0,
                    help="dateparser's slice of the corpus in KB (default 50)")
    ap.add_argument("--slow-runs", type=int, default=3,
                    help="timed runs for dateparser (default 3)")
    ap.add_argument("--skip", default="", help="'dateparser' to leave it out")
    ap.add_argument("--worker", metavar="NAME", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        worker(args)
        return 0

    args.runs = max(5, args.runs)
    runs = args.runs
    if missing_data("sokhan date extraction benchmark", [UD_TEXT, *FA_FILES]):
        return 0
    try:
        import sokhan
    except ImportError as e:
        print(f"cannot import sokhan with {sys.executable}: {e}\n"
              "  run the benchmark with the development venv (`make install` first):\n"
              "    .venv/bin/python benchmarks/bench_dates.py", file=sys.stderr)
        return 1
    if not hasattr(sokhan, "extract_dates"):
        print(f"sokhan {sokhan.__version__} ({Path(sokhan.__file__).parent}) has no extract_dates: "
              "nothing to measure (`make install` a tree that has it)")
        return 0

    text, docs, copies, nsent = corpus(args)
    refs = references(len(docs))
    nbytes, docs_bytes = utf8_len(text), sum(utf8_len(d) for d in docs)
    have_dev = DEV_SET.exists()
    if have_dev:
        dev, dev_refs, dev_copies = dev_texts(args.dev_mb * MB)
        dev_bytes = sum(utf8_len(t) for t in dev)

    print_header("sokhan date extraction benchmark", sokhan)
    print(f"  corpus   {nbytes / MB:.2f} MB UTF-8, {len(text):,} code points: UD fa_seraji + "
          f"fa_perdt dev raw text x{copies}, {len(docs):,} documents "
          f"(avg {docs_bytes / len(docs):,.0f} B), {nsent:,} sentences; references "
          f"{min(refs)}..{max(refs)}")
    if have_dev:
        print(f"  dev set  {dev_bytes / MB:.2f} MB UTF-8: {DEV_SET.name} texts x{dev_copies}, "
              f"{len(dev):,} items (avg {dev_bytes / len(dev):,.0f} B), their own references")
    print(f"  timing   median of {runs} runs (after 1 warm-up; dateparser {args.slow_runs} runs), "
          "spread = slowest-fastest run; MB/s = 10^6 input bytes/s; fresh str objects every run")
    print(flush=True)

    x = sokhan.DateExtractor()
    sample, sample_refs = docs[:300], refs[:300]
    if x.extract_many(sample, references=sample_refs, threads=2) != [
            sokhan.extract_dates(d, reference=r) for d, r in zip(sample, sample_refs)]:
        print("WARNING: extract_many(docs) differs from [extract_dates(d) for d in docs]\n")

    ticks0, own0 = machine_ticks(), own_cpu_seconds()
    rows: list[Row] = []
    docs_in = lambda: [fresh(d) for d in docs]  # noqa: E731
    ref = measure("sokhan extract_dates, per doc", docs_bytes, docs_in,
                  lambda ds: [sokhan.extract_dates(d, reference=r) for d, r in zip(ds, refs)],
                  runs, f"{len(docs):,} calls in a Python loop, reference=date")
    rows.append(ref)
    rows.append(measure("sokhan extract_dates, whole", nbytes, lambda: fresh(text),
                        lambda s: sokhan.extract_dates(s, reference=refs[0]), runs,
                        "one call"))
    many = {}
    for t in (1, 2):
        many[t] = measure(f"sokhan extract_many threads={t}", docs_bytes, docs_in,
                          lambda ds, t=t: x.extract_many(ds, references=refs, threads=t), runs,
                          f"DateExtractor(), {len(docs):,} documents")
        rows.append(many[t])
    dev_row = None
    if have_dev:
        dev_in = lambda: [fresh(t) for t in dev]  # noqa: E731
        dev_row = measure("sokhan extract_dates, dev set per item", dev_bytes, dev_in,
                          lambda ts: [sokhan.extract_dates(t, reference=r)
                                      for t, r in zip(ts, dev_refs)], runs,
                          f"{len(dev):,} calls, date-dense text")
        rows.append(dev_row)

    # mentions (outside the clock)
    found = x.extract_many(docs, references=refs)
    n_found = sum(len(ms) for ms in found)
    by_kind = kinds_of(found)
    if have_dev:
        dev_found = [sokhan.extract_dates(t, reference=r) for t, r in zip(dev, dev_refs)]
        n_dev = sum(len(ms) for ms in dev_found)

    # ---- dateparser
    dp, why = (None, "dateparser: left out (--skip)") if "dateparser" in args.skip else (None, "")
    if "dateparser" not in args.skip:
        print("  running dateparser ...", file=sys.stderr, flush=True)
        dp, why = measure_dateparser(args)
    dp_rows: dict[str, Row] = {}
    if dp is not None:
        u = dp["ud"]
        dp_rows["ud"] = Row(f"{dp['version']} search_dates, per doc", u["bytes"], u["times"],
                            f"{u['bytes'] / 1000:.0f} KB slice, {u['ndocs']} calls")
        # sokhan on exactly the same slice, for a like-for-like ratio
        sl = docs[:u["ndocs"]]
        sl_refs = refs[:u["ndocs"]]
        same = measure("sokhan extract_dates, per doc, same slice", u["bytes"],
                       lambda: [fresh(d) for d in sl],
                       lambda ds: [sokhan.extract_dates(d, reference=r)
                                   for d, r in zip(ds, sl_refs)], runs,
                       f"{u['ndocs']} calls (dateparser's slice)")
        rows.append(same)
        rows.append(dp_rows["ud"])
        dp_rows["ud_same"] = same
        if "dev" in dp:
            d = dp["dev"]
            dp_rows["dev"] = Row(f"{dp['version']} search_dates, dev set", d["bytes"], d["times"],
                                 f"{d['ndocs']} calls, date-dense text")
            rows.append(dp_rows["dev"])

    other = other_work_since(ticks0, own0)

    print(f"speed, Persian news corpus ({nbytes / MB:.2f} MB, {len(docs):,} documents)")
    name_w = max(45, max(len(r.name) for r in rows))
    print_table(rows, ref, "x sokhan", name_w, max_digits=5)
    print(f"extract_many speed-up, threads=2 vs threads=1: "
          f"{many[2].median / many[1].median:.2f}x")
    print()

    print("mentions found")
    print(f"  sokhan, UD corpus      {n_found:>9,}  {per_mb(n_found, docs_bytes):>8} per MB  ("
          + ", ".join(f"{k} {v:,}" for k, v in by_kind.most_common()) + ")")
    if have_dev:
        print(f"  sokhan, dev set x{dev_copies:<5} {n_dev:>9,}  "
              f"{per_mb(n_dev, dev_bytes):>8} per MB"
              f"  (gold: {per_mb(gold_count() * dev_copies, dev_bytes)} per MB)")
    if dp is not None:
        u = dp["ud"]
        sl_n = sum(len(ms) for ms in found[:u["ndocs"]])
        print(f"  dateparser, UD slice   {u['mentions']:>9,}  "
              f"{per_mb(u['mentions'], u['bytes']):>8} per MB  (sokhan on the same slice: "
              f"{sl_n:,}, {per_mb(sl_n, u['bytes'])} per MB)")
        if "dev" in dp:
            d = dp["dev"]
            print(f"  dateparser, dev set x1 {d['mentions']:>9,}  "
                  f"{per_mb(d['mentions'], d['bytes']):>8} per MB")
    print()

    if dp is not None:
        u = dp_rows["ud"]
        print("sokhan / dateparser (per-document calls, same text):")
        label = f"UD slice ({u.nbytes / 1000:.0f} KB)"
        print(f"  {label:<20} {dp_rows['ud_same'].median / u.median:>10,.0f}x"
              f"   ({fmt_mbs(dp_rows['ud_same'].median)} vs {fmt_mbs(u.median)} MB/s)")
        if "dev" in dp_rows and dev_row is not None:
            d = dp_rows["dev"]
            print(f"  {'dev set':<20} {dev_row.median / d.median:>10,.0f}x"
                  f"   ({fmt_mbs(dev_row.median)} vs {fmt_mbs(d.median)} MB/s)")
        print(f"{dp['version']} ran in {dp['executable']} (python {dp['python']})")
    elif why:
        print(f"skipped: {why}")
    print_other_work(other)
    return 0


def gold_count() -> int:
    """Gold mentions in one copy of the dev set."""
    return sum(len(json.loads(line)["mentions"])
               for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip())


if __name__ == "__main__":
    sys.exit(main())
