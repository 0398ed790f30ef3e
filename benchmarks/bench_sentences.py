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
import json
import platform
import sys
from pathlib import Path
from typing import Callable, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))  # common.py, also from the repo root

from common import (MB, UD_DIR, UD_TEXT, Row, build_corpus, dist_version, fresh,  # noqa: E402
                    load_ud_text, machine_ticks, make_check, measure, missing_data,
                    other_work_since, own_cpu_seconds, print_header, print_other_work,
                    print_table, python_with, run_worker, slice_docs, time_runs, utf8_len)

FA_FILES = [UD_DIR / "fa_seraji-ud-dev.conllu", UD_DIR / "fa_perdt-ud-dev.conllu"]
EN_FILES = [UD_DIR / "en_ewt-ud-dev.conllu"]
DEV_FILES = {  # name -> (path, sokhan lang, competitor language code)
    "fa_seraji": (UD_DIR / "fa_seraji-ud-dev.conllu", "fa"),
    "fa_perdt": (UD_DIR / "fa_perdt-ud-dev.conllu", "fa"),
    "en_ewt": (UD_DIR / "en_ewt-ud-dev.conllu", "en"),
}
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
# Corpus (built as in bench_normalize.py, by common.build_corpus)


def corpus_for(lang: str, args: argparse.Namespace) -> tuple[str, list[str], list[str], int]:
    """Persian: cut into --docs documents (as bench_normalize); English: ~--doc-bytes each."""
    if lang == "fa":
        return build_corpus(FA_FILES, int(args.mb * MB), docs_wanted=args.docs)
    return build_corpus(EN_FILES, int(args.en_mb * MB), doc_bytes=args.doc_bytes)


def dev_texts() -> dict[str, tuple[str, list[tuple[int, int]]]]:
    ud = load_ud_text()
    return {name: ud.build_text(ud.read_conllu(str(path))) for name, (path, _) in DEV_FILES.items()}


# --------------------------------------------------------------------------------------------
# Competitors, each in a subprocess (--worker NAME): time it, split the dev files, print JSON


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
    return f"{COMPETITORS[name][1]} {dist_version(COMPETITORS[name][1])}"


def worker(name: str, args: argparse.Namespace) -> None:
    """--worker mode: time one competitor on the corpora, split the dev files, print JSON."""
    runs = args.runs
    out: dict = {"version": worker_version(name), "python": platform.python_version(),
                 "executable": sys.executable, "speed": {}, "dev": {}}
    fa_corpus, fa_docs, _, _ = corpus_for("fa", args)
    en_corpus, en_docs, _, _ = corpus_for("en", args)
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


def measure_competitor(name: str, args: argparse.Namespace) -> tuple[dict | None, str]:
    module, package, _ = COMPETITORS[name]
    exe, why = python_with(module, "SOKHAN_BENCH_PYTHON")
    if exe is None:
        return None, (f"{package} is not importable ({why}); install it with "
                      f"build/bench-venv/bin/pip install {package}")
    cmd = [exe, str(Path(__file__).resolve()), "--worker", name, "--runs", str(args.runs),
           "--mb", str(args.mb), "--en-mb", str(args.en_mb), "--sbd-mb", str(args.sbd_mb),
           "--slow-runs", str(args.slow_runs), "--doc-bytes", str(args.doc_bytes),
           "--docs", str(args.docs)]
    out, err = run_worker(cmd)
    if out is None:
        tail = "\n".join(err.strip().splitlines()[-5:])
        return None, f"{package} run failed with {exe}:\n{tail}"
    return out, ""


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
    if missing_data("sokhan sentence benchmark", [UD_TEXT, *FA_FILES, *EN_FILES]):
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
    for lang in ("fa", "en"):
        corpus, docs, stream, copies = corpus_for(lang, args)
        corpora[lang] = dict(corpus=corpus, docs=docs, copies=copies, nsent=len(stream),
                             bytes=utf8_len(corpus), docs_bytes=sum(utf8_len(d) for d in docs))

    print_header("sokhan sentence splitting benchmark", sokhan)
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
        row = measure(name, nbytes, make_input, fn, runs, note, tag=f"{lang} ")
        rows[lang].append(row)
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
        print(f"speed, {label} corpus ({c['bytes'] / MB:.2f} MB, {len(c['docs']):,} documents)")
        print_table(rows[lang], ref, "x sokhan", name_w, max_digits=4)
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
    print_other_work(other)
    print()

    # ---- targets
    check = make_check(58, "MET")

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
