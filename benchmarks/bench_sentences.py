#!/usr/bin/env python3
"""Speed and accuracy of sokhan's sentence splitter against ICU, BlingFire, pySBD and hazm.

Builds a >= 10 MB Persian corpus from the UD Persian dev files and a few-MB English corpus from
the UD English-EWT dev file in ../shared/data/ud/ (the same construction as bench_normalize.py)
and prints, in one run:

- MB/s (10^6 UTF-8 bytes of *input* per second; median of several runs, min-max spread) of
  ``sokhan.split_sentences`` from Python on the whole corpus and per document (~1 KB documents),
  ``SentenceSplitter(lang).split_many`` with threads=1 and threads=2, ICU's sentence
  BreakIterator through PyICU, BlingFire's ``text_to_sentences``, pySBD (on a 1 MB slice) and
  hazm's ``SentenceTokenizer``, each producing the list of sentences;
- each system's exact-span sentence F1 on the three UD dev files (fa_seraji, fa_perdt, en_ewt),
  computed with ../shared/tools/ud_text.py (build_text for text and gold spans; competitor
  strings mapped back to spans with spans_from_strings / spans_from_strings_ws, then norm_spans
  and prf);
- the targets of issue 4 as met / NOT MET lines.

Every competitor runs in a subprocess (this script in --worker mode, which never imports sokhan):
in this interpreter if it can import the competitor, otherwise in build/bench-venv (override with
SOKHAN_BENCH_PYTHON). A competitor that is importable in neither is reported and left out.

    .venv/bin/python benchmarks/bench_sentences.py [--runs 7] [--mb 10] [--en-mb 4] [--sbd-mb 1]

A benchmark, not a test: it always exits 0 when it could measure, whether or not targets are met.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gc
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Sequence

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
UD_TEXT = SHARED / "tools" / "ud_text.py"
UD_DIR = SHARED / "data" / "ud"
FA_FILES = [UD_DIR / "fa_seraji-ud-dev.conllu", UD_DIR / "fa_perdt-ud-dev.conllu"]
EN_FILES = [UD_DIR / "en_ewt-ud-dev.conllu"]
DEV_FILES = {  # name -> (path, sokhan lang, competitor language code)
    "fa_seraji": (UD_DIR / "fa_seraji-ud-dev.conllu", "fa"),
    "fa_perdt": (UD_DIR / "fa_perdt-ud-dev.conllu", "fa"),
    "en_ewt": (UD_DIR / "en_ewt-ud-dev.conllu", "en"),
}
BENCH_VENV_PYTHON = REPO / "build" / "bench-venv" / "bin" / "python"

MB = 1e6  # MB/s means 10^6 bytes of UTF-8 input per second

TARGET_MBS = 150.0
TARGET_THREADS = 1.8
TARGET_F1 = {"fa_seraji": 99.3, "fa_perdt": 99.85, "en_ewt": 89.0}

# Competitors: name -> (module to import, pip package, what it is)
COMPETITORS = {
    "icu": ("icu", "PyICU", "ICU sentence BreakIterator through PyICU"),
    "blingfire": ("blingfire", "blingfire", "BlingFire text_to_sentences"),
    "pysbd": ("pysbd", "pysbd", "pySBD Segmenter(clean=False)"),
    "hazm": ("hazm", "hazm", "hazm SentenceTokenizer"),
}


# --------------------------------------------------------------------------------------------
# Corpus (as in bench_normalize.py)


def load_ud_text():
    spec = importlib.util.spec_from_file_location("ud_text", UD_TEXT)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def utf8_len(s: str) -> int:
    return len(s.encode("utf-8"))


def build_corpus(files: Sequence[Path], min_bytes: int, doc_bytes_wanted: int
                 ) -> tuple[str, list[str], int, int]:
    """(text, documents, copies of the UD text, sentences) for the UD ``files``.

    The raw text of the files (ud_text.build_text), concatenated and repeated until the corpus
    has at least ``min_bytes`` UTF-8 bytes; the repeated sentence stream is cut into documents of
    ~``doc_bytes_wanted`` bytes (a negative value: into exactly that many documents, as
    bench_normalize.py's --docs) of consecutive sentences joined by " ", and the corpus is the
    documents joined by a blank line. The same construction as bench_normalize.py.
    """
    ud = load_ud_text()
    sentences: list[str] = []
    for path in files:
        text, spans = ud.build_text(ud.read_conllu(str(path)))
        sentences.extend(text[a:b] for a, b in spans)
    one_copy = sum(utf8_len(s) + 1 for s in sentences)
    copies = -(-min_bytes // one_copy) + 1
    stream = sentences * copies
    total = sum(utf8_len(s) + 1 for s in stream)
    docs_wanted = doc_bytes_wanted if doc_bytes_wanted < 0 else max(1, round(total / doc_bytes_wanted))
    docs_wanted = abs(docs_wanted)
    doc_bytes = total / docs_wanted
    docs: list[str] = []
    cur: list[str] = []
    done = 0
    for s in stream:
        cur.append(s)
        done += utf8_len(s) + 1
        if done >= (len(docs) + 1) * doc_bytes:
            docs.append(" ".join(cur))
            cur = []
    if cur:
        docs.append(" ".join(cur))
    corpus = "\n\n".join(docs)
    assert utf8_len(corpus) >= min_bytes
    return corpus, docs, copies, len(stream)


def slice_docs(docs: list[str], max_bytes: float) -> list[str]:
    """Whole documents from the start, about ``max_bytes`` UTF-8 bytes."""
    out: list[str] = []
    n = 0
    for d in docs:
        if n >= max_bytes:
            break
        out.append(d)
        n += utf8_len(d)
    return out


def fresh(s: str) -> str:
    """An equal str object with no cached UTF-8 form (see bench_normalize.py)."""
    return s.encode("utf-8").decode("utf-8")


def dev_texts() -> dict[str, tuple[str, list[tuple[int, int]]]]:
    ud = load_ud_text()
    return {name: ud.build_text(ud.read_conllu(str(path))) for name, (path, _) in DEV_FILES.items()}


# --------------------------------------------------------------------------------------------
# Timing


def time_runs(make_input: Callable[[], object], fn: Callable[[object], object], runs: int,
              warmup: int = 1) -> list[float]:
    """Seconds of ``fn(input)`` for ``runs`` runs, each on a fresh input made outside the clock."""
    times = []
    for k in range(warmup + runs):
        arg = make_input()
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            result = fn(arg)
            dt = time.perf_counter() - t0
        finally:
            gc.enable()
        del result, arg
        if k >= warmup:
            times.append(dt)
    return times


class Row:
    def __init__(self, name: str, nbytes: int, times: Sequence[float], note: str = ""):
        self.name = name
        self.nbytes = nbytes
        self.times = list(times)
        self.note = note

    @property
    def median(self) -> float:
        return self.nbytes / statistics.median(self.times) / MB

    @property
    def low(self) -> float:
        return self.nbytes / max(self.times) / MB

    @property
    def high(self) -> float:
        return self.nbytes / min(self.times) / MB


def fmt_mbs(x: float) -> str:
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


# --------------------------------------------------------------------------------------------
# Competitors, each in a subprocess (--worker NAME): time it, split the dev files, print JSON


def _dist_version(name: str) -> str:
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:  # noqa: BLE001
        return "?"


def make_splitter(name: str, lang: str) -> tuple[Callable[[str], list[str]], str]:
    """(text -> list of sentence strings, how its output maps back to spans) for a competitor.

    The mapping is "exact" when the strings are verbatim slices of the input (ud_text
    spans_from_strings) and "ws" when the tool rewrites whitespace (spans_from_strings_ws).
    """
    if name == "icu":
        import icu

        locale = icu.Locale("fa_IR" if lang == "fa" else "en_US")
        bi = icu.BreakIterator.createSentenceInstance(locale)  # reused: one thread

        def split_icu(text: str) -> list[str]:
            bi.setText(text)
            bounds = [0, *bi]  # boundaries in UTF-16 code units
            if len(text) != len(text.encode("utf-16-le")) // 2:  # astral characters: re-map
                us = icu.UnicodeString(text)
                return [str(us[a:b]) for a, b in zip(bounds, bounds[1:])]
            return [text[a:b] for a, b in zip(bounds, bounds[1:])]

        return split_icu, "exact"
    if name == "blingfire":
        import blingfire

        # one sentence a line; BlingFire folds the whitespace inside a sentence
        return (lambda text: blingfire.text_to_sentences(text).split("\n")), "ws"
    if name == "pysbd":
        import pysbd

        seg = pysbd.Segmenter(language=lang, clean=False)
        return seg.segment, "exact"
    if name == "hazm":
        from hazm import SentenceTokenizer

        # hazm turns newlines inside a sentence into spaces
        return SentenceTokenizer().tokenize, "ws"
    raise ValueError(name)


def worker_version(name: str) -> str:
    if name == "icu":
        import icu

        return f"PyICU {icu.VERSION}, ICU {icu.ICU_VERSION}"
    return f"{COMPETITORS[name][1]} {_dist_version(COMPETITORS[name][1])}"


def worker(name: str, args: argparse.Namespace) -> None:
    """--worker mode: time one competitor on the corpora, split the dev files, print JSON."""
    runs = args.runs
    out: dict = {"version": worker_version(name), "python": platform.python_version(),
                 "executable": sys.executable, "speed": {}, "dev": {}}
    fa_corpus, fa_docs, _, _ = build_corpus(FA_FILES, int(args.mb * MB), -args.docs)
    en_corpus, en_docs, _, _ = build_corpus(EN_FILES, int(args.en_mb * MB), args.doc_bytes)
    slow = name == "pysbd"
    for lang, corpus, docs in [("fa", fa_corpus, fa_docs), ("en", en_corpus, en_docs)]:
        split, _ = make_splitter(name, lang)
        if slow:  # pySBD: a ~1 MB slice of whole documents, fewer runs
            docs = slice_docs(docs, args.sbd_mb * MB)
            corpus = "\n\n".join(docs)
            r, w = args.slow_runs, 0
        else:
            r, w = runs, 1
        res = {"bytes": utf8_len(corpus), "docs_bytes": sum(utf8_len(d) for d in docs),
               "ndocs": len(docs),
               "whole": time_runs(lambda: fresh(corpus), split, r, w),
               "docs": time_runs(lambda: [fresh(d) for d in docs],
                                 lambda ds: [split(d) for d in ds], r, w)}
        out["speed"][lang] = res
        print(f"  measured {name} {lang}", file=sys.stderr, flush=True)
    for dev, (text, _) in dev_texts().items():
        lang = DEV_FILES[dev][1]
        split, how = make_splitter(name, lang)
        try:
            out["dev"][dev] = {"pieces": split(text), "how": how}
        except Exception as e:  # noqa: BLE001
            out["dev"][dev] = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(out, ensure_ascii=False))


def competitor_python(module: str) -> tuple[str | None, str]:
    """(an interpreter that can import ``module``, why not if None)."""
    tried = []
    candidates = [sys.executable, os.environ.get("SOKHAN_BENCH_PYTHON"), str(BENCH_VENV_PYTHON)]
    for exe in candidates:
        if not exe or not Path(exe).exists() or exe in tried:
            continue
        tried.append(exe)
        proc = subprocess.run([exe, "-c", f"import {module}"], capture_output=True, text=True)
        if proc.returncode == 0:
            return exe, ""
        last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "?"
        tried[-1] = f"{exe}: {last}"
    return None, "; ".join(tried) or "no interpreter found"


def measure_competitor(name: str, args: argparse.Namespace) -> tuple[dict | None, str]:
    module, package, _ = COMPETITORS[name]
    exe, why = competitor_python(module)
    if exe is None:
        return None, (f"{package} is not importable ({why}); install it with "
                      f"build/bench-venv/bin/pip install {package}")
    cmd = [exe, str(Path(__file__).resolve()), "--worker", name, "--runs", str(args.runs),
           "--mb", str(args.mb), "--en-mb", str(args.en_mb), "--sbd-mb", str(args.sbd_mb),
           "--slow-runs", str(args.slow_runs), "--doc-bytes", str(args.doc_bytes),
           "--docs", str(args.docs)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        return None, f"{package} run failed with {exe}:\n{tail}"
    return json.loads(proc.stdout.strip().splitlines()[-1]), ""


# --------------------------------------------------------------------------------------------
# Machine (as in bench_normalize.py)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def cpu_mhz() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("cpu MHz"):
                return line.split(":", 1)[1].strip().split(".")[0] + " MHz"
    except OSError:
        pass
    return "?"


def source_tree() -> str:
    try:
        rev = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=10)
        if rev.returncode != 0:
            return ""
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "cpp",
                                "python", "cmake", "CMakeLists.txt", "pyproject.toml"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return rev.stdout.strip() + (" + uncommitted changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return ""


def machine_ticks() -> tuple[int, int] | None:
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    return sum(fields[:8]), fields[3] + fields[4]


def own_cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def other_work_since(start: tuple[int, int] | None, own_start: float) -> float | None:
    end = machine_ticks()
    if start is None or end is None:
        return None
    hz = os.sysconf("SC_CLK_TCK")
    total = end[0] - start[0]
    busy = total - (end[1] - start[1])
    own = (own_cpu_seconds() - own_start) * hz
    return max(0.0, 100.0 * (busy - own) / max(1, total))


def cpu_busy(seconds: float = 1.0) -> float | None:
    first = machine_ticks()
    time.sleep(seconds)
    second = machine_ticks()
    if first is None or second is None:
        return None
    return 100.0 * (1 - (second[1] - first[1]) / max(1, second[0] - first[0]))


def cores() -> str:
    logical = os.cpu_count() or 0
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = logical
    return f"{logical} logical CPUs ({usable} usable by this process)"


# --------------------------------------------------------------------------------------------


def f1_of(ud, text: str, gold, pieces: list[str], how: str) -> tuple[float, float, float, int, int]:
    mapper = ud.spans_from_strings if how == "exact" else ud.spans_from_strings_ws
    try:
        spans = mapper(text, pieces)
    except ValueError:
        spans = ud.spans_from_strings_ws(text, pieces)
    return ud.prf(ud.norm_spans(text, gold), ud.norm_spans(text, spans))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="timed runs per row (>= 5; default 7)")
    ap.add_argument("--mb", type=float, default=10.0, help="minimum Persian corpus size in MB")
    ap.add_argument("--en-mb", type=float, default=4.0, help="minimum English corpus size in MB")
    ap.add_argument("--docs", type=int, default=10_000,
                    help="documents to cut the Persian corpus into (default 10000, as bench_normalize)")
    ap.add_argument("--doc-bytes", type=int, default=1000,
                    help="English document size to aim at in bytes (default 1000)")
    ap.add_argument("--sbd-mb", type=float, default=1.0, help="pySBD's slice in MB (default 1)")
    ap.add_argument("--slow-runs", type=int, default=3, help="timed runs for pySBD (default 3)")
    ap.add_argument("--skip", default="", help="competitors to leave out, comma-separated")
    ap.add_argument("--worker", metavar="NAME", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        worker(args.worker, args)
        return 0

    args.runs = max(5, args.runs)
    runs = args.runs
    missing = [p for p in [UD_TEXT, *FA_FILES, *EN_FILES] if not p.exists()]
    if missing:
        print("sokhan sentence benchmark: the development data is not here, nothing to measure.\n"
              f"  expected {SHARED} (the project's ../shared) with:\n"
              + "".join(f"    {p}\n" for p in missing)
              + "  (it is only present on the development machine; see ../shared/data/README.md)")
        return 0

    try:
        import sokhan
    except ImportError as e:
        print(f"cannot import sokhan with {sys.executable}: {e}\n"
              "  run the benchmark with the development venv (`make install` first):\n"
              "    .venv/bin/python benchmarks/bench_sentences.py", file=sys.stderr)
        return 1

    ud = load_ud_text()
    corpora = {}
    for lang, files, mb, d in [("fa", FA_FILES, args.mb, -args.docs),
                               ("en", EN_FILES, args.en_mb, args.doc_bytes)]:
        corpus, docs, copies, nsent = build_corpus(files, int(mb * MB), d)
        corpora[lang] = dict(corpus=corpus, docs=docs, copies=copies, nsent=nsent,
                             bytes=utf8_len(corpus), docs_bytes=sum(utf8_len(d) for d in docs))

    now = _dt.datetime.now().astimezone()
    print("sokhan sentence splitting benchmark")
    print(f"  date     {now.isoformat(timespec='seconds')}")
    print(f"  machine  {cpu_model()}, {cpu_mhz()}, {cores()}")
    busy = cpu_busy()
    if busy is not None:
        warn = "  (other work is running: numbers may be low)" if busy > 10 else ""
        print(f"  busy     {busy:.0f}% of all CPUs in use by other work in the second before "
              f"the run{warn}")
    print(f"  system   {platform.platform()}")
    print(f"  python   {platform.python_version()} ({sys.executable})")
    tree = source_tree()
    where = Path(sokhan.__file__).resolve().parent
    print(f"  sokhan   {sokhan.__version__} ({where})"
          + (f"; source tree at {tree}" if tree else ""))
    if not str(where).startswith(str(REPO / ".venv")):
        print("           (not the development .venv: check this copy is built from that tree)")
    for lang, label in [("fa", "UD fa_seraji + fa_perdt dev"), ("en", "UD en_ewt dev")]:
        c = corpora[lang]
        print(f"  corpus {lang} {c['bytes'] / MB:.2f} MB UTF-8, {len(c['corpus']):,} code points: "
              f"{label} raw text x{c['copies']}, {len(c['docs']):,} documents "
              f"(avg {c['docs_bytes'] / len(c['docs']):,.0f} B), {c['nsent']:,} sentences")
    print(f"  timing   median of {runs} runs (after 1 warm-up; pySBD {args.slow_runs} runs, no "
          "warm-up), spread = slowest-fastest run; MB/s = 10^6 input bytes/s; "
          "fresh str objects every run")
    print(flush=True)

    ticks0, own0 = machine_ticks(), own_cpu_seconds()

    # Sanity: the batch API gives what the loop gives.
    for lang in ("fa", "en"):
        sample = corpora[lang]["docs"][:200]
        sp = sokhan.SentenceSplitter(lang)
        if sp.split_many(sample, threads=2) != [sp.split(d) for d in sample]:
            print(f"WARNING: split_many(docs) differs from [split(d) for d in docs] ({lang})\n")

    rows: dict[str, list[Row]] = {"fa": [], "en": []}
    refs: dict[str, Row] = {}
    checks: dict[str, dict[str, Row]] = {"fa": {}, "en": {}}

    def add(lang: str, name: str, nbytes: int, make_input, fn, note: str = "") -> Row:
        row = Row(name, nbytes, time_runs(make_input, fn, runs), note)
        rows[lang].append(row)
        print(f"  measured {lang} {name:<46} {fmt_mbs(row.median):>8} MB/s", file=sys.stderr,
              flush=True)
        return row

    for lang in ("fa", "en"):
        c = corpora[lang]
        corpus, docs = c["corpus"], c["docs"]
        whole_in = lambda corpus=corpus: fresh(corpus)  # noqa: E731
        docs_in = lambda docs=docs: [fresh(d) for d in docs]  # noqa: E731
        sp = sokhan.SentenceSplitter(lang)
        refs[lang] = add(lang, 'sokhan split_sentences(lang="auto"), whole', c["bytes"], whole_in,
                         sokhan.split_sentences, "one call")
        checks[lang]["whole_lang"] = add(
            lang, f'sokhan split_sentences(lang="{lang}"), whole', c["bytes"], whole_in,
            lambda s, lang=lang: sokhan.split_sentences(s, lang=lang), "one call")
        checks[lang]["docs"] = add(
            lang, 'sokhan split_sentences(lang="auto"), per doc', c["docs_bytes"], docs_in,
            lambda ds: [sokhan.split_sentences(d) for d in ds],
            f"{len(docs):,} calls in a Python loop")
        checks[lang]["many1"] = add(lang, f'sokhan split_many threads=1', c["docs_bytes"], docs_in,
                                    lambda ds, sp=sp: sp.split_many(ds, threads=1),
                                    f"SentenceSplitter('{lang}'), {len(docs):,} documents")
        checks[lang]["many2"] = add(lang, f'sokhan split_many threads=2', c["docs_bytes"], docs_in,
                                    lambda ds, sp=sp: sp.split_many(ds, threads=2),
                                    f"SentenceSplitter('{lang}'), {len(docs):,} documents")

    # ---- competitors
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    comp: dict[str, dict] = {}
    skipped: list[str] = []
    for name, (_, package, what) in COMPETITORS.items():
        if name in skip:
            skipped.append(f"{package}: left out (--skip)")
            continue
        print(f"  running {package} ...", file=sys.stderr, flush=True)
        res, why = measure_competitor(name, args)
        if res is None:
            skipped.append(why)
            continue
        comp[name] = res
        for lang in ("fa", "en"):
            s = res["speed"][lang]
            size = f"{s['bytes'] / MB:.2f} MB slice, " if name == "pysbd" else ""
            rows[lang].append(Row(f"{res['version']}, whole", s["bytes"], s["whole"],
                                  f"{size}{what}"))
            rows[lang].append(Row(f"{res['version']}, per doc", s["docs_bytes"], s["docs"],
                                  f"{s['ndocs']:,} calls in a Python loop"))
            if name == "icu":
                checks[lang]["icu_whole"] = rows[lang][-2]
                checks[lang]["icu_docs"] = rows[lang][-1]

    other = other_work_since(ticks0, own0)

    # ---- speed tables
    for lang, label in [("fa", "Persian"), ("en", "English")]:
        c = corpora[lang]
        ref = refs[lang]
        name_w = max(45, max(len(r.name) for r in rows[lang]))
        header = (f"{'system':<{name_w}}  {'MB/s':>8}  {'spread (min-max)':>17}  "
                  f"{'x sokhan':>8}  notes")
        print(f"speed, {label} corpus ({c['bytes'] / MB:.2f} MB, {len(c['docs']):,} documents)")
        print(header)
        print("-" * len(header) + "-" * 30)
        for r in rows[lang]:
            spread = f"{fmt_mbs(r.low)}-{fmt_mbs(r.high)}"
            ratio = r.median / ref.median
            ratio_s = f"{ratio:.4f}" if ratio < 0.01 else f"{ratio:.3f}" if ratio < 0.1 else f"{ratio:.2f}"
            print(f"{r.name:<{name_w}}  {fmt_mbs(r.median):>8}  {spread:>17}  {ratio_s:>8}  {r.note}")
        k = checks[lang]
        print(f"split_many speed-up, threads=2 vs threads=1: "
              f"{k['many2'].median / k['many1'].median:.2f}x")
        print()

    # ---- F1
    devs = dev_texts()
    systems: list[tuple[str, dict[str, tuple | str]]] = []
    for mode in ("auto", "lang"):
        res: dict[str, tuple | str] = {}
        for dev, (text, gold) in devs.items():
            lang = "auto" if mode == "auto" else DEV_FILES[dev][1]
            pred = [(s.start, s.end) for s in sokhan.split_sentences(text, lang=lang)]
            res[dev] = ud.prf(ud.norm_spans(text, gold), ud.norm_spans(text, pred))
        systems.append((f'sokhan split_sentences(lang="{"auto" if mode == "auto" else "fa/en"}")',
                        res))
    for name, r in comp.items():
        res = {}
        for dev, (text, gold) in devs.items():
            d = r["dev"].get(dev, {"error": "missing"})
            if "error" in d:
                res[dev] = d["error"]
                continue
            try:
                res[dev] = f1_of(ud, text, gold, d["pieces"], d["how"])
            except ValueError as e:
                res[dev] = f"cannot align: {e}"[:60]
        systems.append((r["version"], res))
    name_w = max(len(n) for n, _ in systems)
    print("sentence F1 (exact spans, %) on the UD dev files; P / R in brackets")
    header = f"{'system':<{name_w}}  " + "  ".join(f"{d:>22}" for d in devs)
    print(header)
    print("-" * len(header))
    for n, res in systems:
        cells = []
        for dev in devs:
            v = res[dev]
            cells.append(f"{v[2]:6.2f} ({v[0]:5.1f}/{v[1]:5.1f})" if isinstance(v, tuple)
                         else f"{str(v)[:22]:>22}")
        print(f"{n:<{name_w}}  " + "  ".join(f"{c:>22}" for c in cells))
    print("gold sentences: " + ", ".join(f"{d} {len(g):,}" for d, (_, g) in devs.items()))
    best_rule = {}
    for dev in devs:
        scored = [(res[dev][2], n) for n, res in systems[2:] if isinstance(res[dev], tuple)]
        if scored:
            best_rule[dev] = max(scored)
    if best_rule:
        print("best competitor: " + "; ".join(f"{d} {n} {f:.2f}" for d, (f, n) in best_rule.items()))
    print()

    for name, r in comp.items():
        print(f"{r['version']} ran in {r['executable']} (python {r['python']})")
    for why in skipped:
        print(f"skipped: {why}")
    if other is not None:
        print(f"other processes used {other:.1f}% of the machine during the measurements"
              + ("  (above ~5%: numbers, above all threads=2, are not reliable)" if other > 5 else ""))
    print()

    # ---- targets
    def check(label: str, value: float, target: float, unit: str, fmt: str = ".1f") -> None:
        ok = value >= target
        print(f"  {label:<58} {value:>9{fmt}}{unit:<5} target >= {target:g}{unit:<5} "
              f"{'MET' if ok else 'NOT MET'}")

    print("targets (issue 4, 'Speed' and 'Quality'):")
    for lang in ("fa", "en"):
        check(f"split_sentences {lang}, whole corpus, one core", refs[lang].median, TARGET_MBS,
              " MB/s")
        check(f"split_sentences {lang}, per document, one core", checks[lang]["docs"].median,
              TARGET_MBS, " MB/s")
    for lang in ("fa", "en"):
        if "icu_whole" in checks[lang]:
            check(f"split_sentences / ICU (PyICU) {lang}, whole", refs[lang].median
                  / checks[lang]["icu_whole"].median, 1.0, "x", ".2f")
            check(f"split_sentences / ICU (PyICU) {lang}, per document",
                  checks[lang]["docs"].median / checks[lang]["icu_docs"].median, 1.0, "x", ".2f")
        else:
            print(f"  split_sentences / ICU (PyICU) {lang}: skipped (no PyICU rows, see above)")
    for lang in ("fa", "en"):
        check(f"split_many {lang} threads=2 / threads=1", checks[lang]["many2"].median
              / checks[lang]["many1"].median, TARGET_THREADS, "x", ".2f")
    auto = systems[0][1]
    for dev in devs:
        v = auto[dev]
        check(f"F1 {dev} dev, lang=\"auto\"", v[2], TARGET_F1[dev], "", ".2f")
    return 0


if __name__ == "__main__":
    sys.exit(main())
