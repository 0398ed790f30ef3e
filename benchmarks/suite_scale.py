"""The sections of run.py about batches, scale and start-up: *_many, the pandas accessor and
the CLI on 1 and 2 threads, the cost of crossing into Python, time per MB at three sizes, peak
RSS on a big input and of the CLI on big jsonl files, import and construction time.

Each section is a function of the Suite; it adds rows, a text section and target lines.
"""

from __future__ import annotations

import sys
import time

import suite_limits as lim
from common import MB, Row, fmt_mbs, fresh, time_runs, utf8_len
from suite_base import REFERENCE_DATE, RUN_PY, TARGET, Suite, doc_10k
from suite_report import Target, at_least, at_most


# --------------------------------------------------------------------------------------------
# Batches on 1 and 2 threads


def batch(suite: Suite) -> None:
    """*_many, the pandas accessor and the CLI on 1 and 2 threads over the Persian documents."""
    import pandas as pd

    import sokhan.pandas  # noqa: F401  (registers the accessor)

    sk = suite.sokhan
    c = suite.c["fa"]
    docs_in = lambda: [fresh(d) for d in c.docs]  # noqa: E731
    series_in = lambda: pd.Series(docs_in())  # noqa: E731
    n, sp, x = sk.Normalizer(), sk.SentenceSplitter("fa"), sk.DateExtractor()
    refs = pd.Series(c.refs)
    apis = {  # task -> [(what, input, call(threads))]
        "normalize": [("normalize_many", docs_in,
                       lambda t: lambda ds: n.normalize_many(ds, threads=t)),
                      ("pandas .sokhan.normalize", series_in,
                       lambda t: lambda s: s.sokhan.normalize(threads=t))],
        "split sentences": [("split_many", docs_in,
                             lambda t: lambda ds: sp.split_many(ds, threads=t)),
                            ("pandas .sokhan.sentences", series_in,
                             lambda t: lambda s: s.sokhan.sentences(threads=t))],
        "extract dates": [("extract_many", docs_in,
                           lambda t: lambda ds: x.extract_many(ds, references=c.refs, threads=t)),
                          ("pandas .sokhan.dates", series_in,
                           lambda t: lambda s: s.sokhan.dates(reference=refs, threads=t))],
    }
    cli_cmd = {"normalize": "normalize", "split sentences": "sentences", "extract dates": "dates"}
    jsonl = suite.tmp / "batch.jsonl"
    lim.write_jsonl(jsonl, c.docs, 1)
    lines = [f"{len(c.docs):,} Persian documents ({c.docs_bytes / MB:.2f} MB), MB/s "
             "median of the runs; CLI: wall time of `python -m sokhan CMD --input-format "
             "jsonl --threads N` (start-up included) on a jsonl file of the same documents"]
    empty = suite.tmp / "empty.jsonl"
    empty.write_text("")
    cli_start = lim.cli_seconds("normalize", empty, 1, suite.s.cli_runs)
    for task, variants in apis.items():
        for what, make_input, call in variants:
            rows = {t: suite.time(f"{what} threads={t}", c.docs_bytes, make_input, call(t))
                    for t in (1, 2)}
            batch_rows(suite, task, what, rows, lines)
        cmd = cli_cmd[task]
        rows = {t: Row(f"cli {cmd}", c.docs_bytes,
                       lim.cli_seconds(cmd, jsonl, t, suite.s.cli_runs)) for t in (1, 2)}
        print(f"  measured CLI {cmd}", file=sys.stderr, flush=True)
        batch_rows(suite, task, f"CLI sokhan {cmd}", rows, lines)
    lines.append(f"CLI start-up alone (normalize on an empty file): "
                 f"{1000 * lim.median(cli_start):.0f} ms, included in the CLI rows")
    suite.section("batch APIs, threads=2 vs threads=1:", lines)


def batch_rows(suite: Suite, task: str, what: str, rows: dict[int, Row],
               lines: list[str]) -> None:
    """Rows for threads=1 and 2 of one batch API, its speed-up line and target."""
    cli = what.startswith("CLI")
    for t, row in rows.items():
        suite.add(task, "fa", f"{what} --threads {t}" if cli else f"{what} threads={t}", row,
                  note=f"{len(suite.c['fa'].docs):,} documents")
    speedup = rows[2].median / rows[1].median
    lines.append(f"  {what:<34} 1 thread {fmt_mbs(rows[1].median):>6} MB/s   2 threads "
                 f"{fmt_mbs(rows[2].median):>6} MB/s   speed-up {speedup:.2f}x")
    label = f"{what}: 2 threads / 1 (fa, {len(suite.c['fa'].docs):,} docs)"
    suite.target(at_least(label, speedup, TARGET["threads"], "x"))


# --------------------------------------------------------------------------------------------
# Crossing into Python: a 10 KB document from Python vs the C++ kernel alone


def crossing(suite: Suite) -> None:
    """A 10 KB document from Python against the C++ kernel alone on the same bytes."""
    sk = suite.sokhan
    n = sk.Normalizer()
    calls = {
        ("normalize", "fa"): n.normalize,
        ("normalize", "en"): n.normalize,
        ("split", "fa"): sk.SentenceSplitter("fa").split,
        ("split", "en"): sk.SentenceSplitter("en").split,
        ("dates", "fa"): lambda s, x=sk.DateExtractor("fa"): x.extract(s, REFERENCE_DATE),
        ("dates", "en_news"): lambda s, x=sk.DateExtractor("en"): x.extract(s, REFERENCE_DATE),
    }
    lines = ["CPU time per call on the ~10 KB document (the corpus' first 10,000 bytes, cut at "
             "a space): Python = the sokhan call on a fresh str, result objects included; C++ "
             "= sokhan_bench <kernel>/<lang>/10k on the same bytes (median of its repetitions)"]
    k = suite.s.cross_calls
    for (kernel, lang), fn in calls.items():
        if lang not in suite.c:
            continue
        doc = doc_10k(suite.c[lang].text)
        times = time_runs(lambda: [fresh(doc) for _ in range(k)],
                          lambda ds, fn=fn: [fn(d) for d in ds], suite.s.runs,
                          clock=time.process_time)
        py = lim.median(times) / k
        cpp, aligned = (suite.cpp_cpu(f"{name}/{lang}/10k")
                        for name in (kernel, f"{kernel}_aligned"))
        ratio = py / cpp if cpp else None
        lines.append(f"  {kernel:<9} {lang:<7} {utf8_len(doc):>6} B   Python {py * 1e6:8.1f} us   "
                     + (f"C++ {cpp * 1e6:8.1f} us   ratio {ratio:.2f}x" if cpp
                        else f"C++ not measured ({suite.cpp_why or 'no result'})")
                     + (f"   (C++ {kernel}_aligned {aligned * 1e6:.1f} us)" if aligned else ""))
        suite.target(at_most(f"crossing cost {kernel} {lang}, 10 KB: Python / C++ kernel", ratio,
                             TARGET["crossing"], "x",
                             f"{py * 1e6:.0f} us vs {cpp * 1e6:.0f} us" if cpp else ""))
    suite.section("crossing into Python (10 KB document):", lines)


# --------------------------------------------------------------------------------------------
# Scale: time per MB at three sizes


def scale(suite: Suite) -> None:
    """CPU time per MB of one whole-text call at three sizes of the same text (CPU time: a long
    call on a shared machine loses more wall time to other work than a short one)."""
    sk = suite.sokhan
    n = sk.Normalizer()
    ops = {"normalize": n.normalize, "split_sentences": sk.split_sentences,
           "extract_dates": lambda s: sk.extract_dates(s, reference=REFERENCE_DATE)}
    per_mb: dict[str, list[tuple[float, float]]] = {op: [] for op in ops}
    for mb in suite.s.scale_mb:
        text = suite.big_corpus(mb)
        nbytes = utf8_len(text)
        runs = suite.s.runs if mb < 50 else 3
        for op, fn in ops.items():
            seconds = lim.median(time_runs(lambda: fresh(text), fn, runs, clock=time.process_time))
            per_mb[op].append((nbytes / MB, 1000 * seconds / (nbytes / MB)))
            print(f"  measured scale {op} {nbytes / MB:.0f} MB", file=sys.stderr, flush=True)
        del text
    sizes = "/".join(f"{s:g}" for s in suite.s.scale_mb)
    lines = [f"one call on the first {sizes} MB of one Persian corpus; CPU ms per MB, median of "
             "the runs"]
    for op, pts in per_mb.items():
        ms = [v for _, v in pts]
        spread = max(ms) / min(ms)
        lines.append(f"  {op:<16} " + "   ".join(f"{size:6.1f} MB {v:7.2f} ms/MB"
                                                 for size, v in pts)
                     + f"   max/min {spread:.2f}")
        suite.target(at_most(f"scale {op}: ms/MB max/min over {sizes} MB", spread,
                             TARGET["scale"], "x"))
    suite.section("scale (time per MB):", lines)


# --------------------------------------------------------------------------------------------
# Memory: peak RSS of one call on a big input, and the CLI on big jsonl files


def memory(suite: Suite) -> None:
    """Peak RSS of one call on the big input, and of the CLI on a big and a 1 GB jsonl file."""
    mb = suite.s.rss_mb
    text = suite.big_corpus(mb)
    path = suite.tmp / "big.txt"
    path.write_text(text, encoding="utf-8")
    nbytes = utf8_len(text)
    docs = suite.c["fa"].docs
    del text
    lines = [f"peak RSS (getrusage RUSAGE_CHILDREN maxrss) of a fresh process that imports "
             f"sokhan, reads a {nbytes / MB:.0f} MB Persian text into a str and makes one call; "
             "'before' = its RSS after reading, before the call"]
    for op in lim.RSS_OPS:
        print(f"  measuring peak RSS of {op} on {nbytes / MB:.0f} MB ...", file=sys.stderr,
              flush=True)
        m = lim.peak_rss_of_call(RUN_PY, op, path)
        ratio = m["peak"] / nbytes
        lines.append(f"  {op:<10} peak {m['peak'] / MB:7.0f} MB = {ratio:.2f}x input   before "
                     f"the call {m['before'] / MB:5.0f} MB   call {m['seconds']:.2f} s")
        suite.target(at_most(f"peak RSS, {op} on {nbytes / MB:.0f} MB, / input", ratio,
                             TARGET["rss"], "x", f"{m['peak'] / MB:.0f} MB"))
    path.unlink()
    sizes = [mb] + ([] if suite.args.no_1gb else [suite.s.cli_big_mb])
    peaks = []
    for size in sizes:
        jsonl = suite.tmp / "big.jsonl"
        print(f"  writing {size:.0f} MB jsonl ...", file=sys.stderr, flush=True)
        records, text_bytes = lim.write_jsonl(jsonl, docs, int(size * MB))
        fsize = jsonl.stat().st_size
        print("  running the CLI on it ...", file=sys.stderr, flush=True)
        m = lim.run_with_peak_rss(lim.cli_command("normalize", jsonl, 2))
        jsonl.unlink()
        if m.rc != 0:
            lines.append(f"  CLI on {fsize / MB:.0f} MB jsonl failed: {m.stderr[-300:]}")
            continue
        peaks.append((fsize, m.peak_bytes))
        lines.append(f"  CLI `sokhan normalize --input-format jsonl --threads 2` on a "
                     f"{fsize / MB:,.0f} MB jsonl file ({records:,} records): peak RSS "
                     f"{m.peak_bytes / MB:.0f} MB, {m.seconds:.1f} s "
                     f"({text_bytes / MB / m.seconds:.0f} MB/s of text)")
    if len(peaks) == 2:
        (small, p_small), (big, p_big) = peaks
        suite.target(at_most(f"CLI peak RSS on {big / MB:,.0f} MB jsonl / on {small / MB:.0f} MB",
                             p_big / p_small, 1.5, "x",
                             f"{p_big / MB:.0f} MB vs {p_small / MB:.0f} MB: bounded if ~1"))
    else:
        seen = f"; {peaks[0][1] / MB:.0f} MB peak on {peaks[0][0] / MB:.0f} MB" if peaks else ""
        suite.target(Target("CLI on a 1 GB jsonl file in bounded memory", None, "", "bounded",
                            None, "left out (--no-1gb)" + seen))
    suite.section("memory:", lines)


# --------------------------------------------------------------------------------------------
# Start-up


def startup(suite: Suite) -> None:
    """import sokhan and the first and later constructions, in fresh interpreters."""
    runs = suite.s.startup_runs
    imp = lim.import_seconds(runs)
    lines = [f"fresh interpreters, median of {runs} (min-max)",
             f"  import sokhan            {1000 * lim.median(imp):7.1f} ms "
             f"({1000 * min(imp):.1f}-{1000 * max(imp):.1f})"]
    suite.target(at_most("import sokhan, ms", 1000 * lim.median(imp), 1000 * TARGET["import_s"],
                         " ms"))
    for cls in lim.CONSTRUCTED:
        first, later = lim.construction_seconds(cls, runs)
        f_ms, l_ms = 1000 * lim.median(first), 1000 * lim.median(later)
        lines.append(f"  {cls + '()':<24} {f_ms:7.2f} ms first in a process "
                     f"({1000 * min(first):.2f}-{1000 * max(first):.2f}), {l_ms:.3f} ms after")
        suite.target(at_most(f"{cls}() first construction, ms", f_ms,
                             1000 * TARGET["construct_s"], " ms"))
        suite.target(at_most(f"{cls}() later constructions, ms", l_ms,
                             1000 * TARGET["construct_s"], " ms"))
    suite.section("start-up:", lines)
