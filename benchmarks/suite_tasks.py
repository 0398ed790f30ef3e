"""The sections of run.py that compare sokhan with the competitors on the same corpora:
normalize, unicode NFC, sentence splitting and date extraction, Persian and English, with
accuracy on the dev data where there is some.

Each section is a function of the Suite; it adds table rows and target lines to it.
"""

from __future__ import annotations

import sys
from typing import Any, Callable

import bench_dates
import bench_dates_en
import bench_normalize
import bench_sentences
from common import MB, Row, fresh, load_ud_text, python_with, run_worker, slice_docs, utf8_len
from suite_base import REFERENCE_DATE, TARGET, Suite, run_own_worker, worker_args
from suite_report import Entry, Target, at_least


# --------------------------------------------------------------------------------------------
# Normalize


def normalize(suite: Suite) -> None:
    """Normalizer().normalize whole and per document, the C++ kernel, the UTF-8 round trip;
    hazm's and Parsivar's normalizers on slices of the Persian corpus."""
    sk = suite.sokhan
    n = sk.Normalizer()
    for lang in ("fa", "en"):
        c = suite.c[lang]
        ref = suite.add("normalize", lang, "sokhan Normalizer().normalize, whole",
                        suite.time(f"normalize {lang} whole", c.nbytes, lambda c=c: fresh(c.text),
                                   n.normalize), ref=True, note="default options, one call")
        suite.add("normalize", lang, "sokhan normalize, per document",
                  suite.time(f"normalize {lang} docs", c.docs_bytes,
                             lambda c=c: [fresh(d) for d in c.docs],
                             lambda ds: [n.normalize(d) for d in ds]),
                  note=f"{len(c.docs):,} calls in a Python loop")
        suite.kernel("normalize", lang, f"normalize/{lang}/whole", "default options")
        suite.add("normalize", lang, "s.encode().decode() UTF-8 round trip",
                  suite.time(f"round trip {lang}", c.nbytes, lambda c=c: fresh(c.text),
                             lambda s: s.encode("utf-8").decode("utf-8")),
                  kind="reference", note="memory-speed reference")
        if lang == "fa":
            persian_normalizers(suite, ref)
        else:
            suite.add("normalize", lang, "hazm, Parsivar", None, kind="competitor",
                      note="Persian normalizers: not run on English")


def persian_normalizers(suite: Suite, ref: Entry) -> None:
    """hazm (bench_normalize's worker) and Parsivar (run.py's) on their slices; the targets."""
    c = suite.c["fa"]
    hz_docs = slice_docs(c.docs, suite.s.hazm_kb * 1000)
    hz_whole = "\n\n".join(hz_docs)
    print("  running hazm ...", file=sys.stderr, flush=True)
    hz = bench_normalize.measure_hazm(hz_whole, hz_docs, suite.s.runs)
    hazm_whole = None
    if hz is None:
        suite.add("normalize", "fa", "hazm Normalizer", None, kind="competitor",
                  note="hazm not importable here or in build/bench-venv")
    else:
        suite.versions["hazm"] = f"hazm {hz['version']} ({hz['executable']})"
        hazm_whole = suite.add("normalize", "fa", f"hazm {hz['version']} Normalizer, whole slice",
                               Row("hazm", utf8_len(hz_whole), hz["whole"]), kind="competitor",
                               note=f"{utf8_len(hz_whole) / 1000:.0f} KB slice, defaults")
        suite.add("normalize", "fa", f"hazm {hz['version']} Normalizer, per document",
                  Row("hazm docs", sum(utf8_len(d) for d in hz_docs), hz["docs"]),
                  kind="competitor", note=f"{len(hz_docs)} calls")
    pv_docs = slice_docs(c.docs, suite.s.parsivar_kb * 1000)
    pv_whole = "\n\n".join(pv_docs)
    print("  running parsivar ...", file=sys.stderr, flush=True)
    pv, why = run_own_worker("parsivar", "parsivar", pv_whole, pv_docs, suite.s.runs, suite.tmp)
    if pv is None:
        suite.add("normalize", "fa", "Parsivar Normalizer", None, kind="competitor",
                  note=f"parsivar {why}; install: build/bench-venv/bin/pip install parsivar")
    else:
        suite.versions["parsivar"] = f"{pv['version']} ({pv['executable']})"
        suite.add("normalize", "fa", f"{pv['version']} Normalizer, whole slice",
                  Row("parsivar", utf8_len(pv_whole), pv["whole"]), kind="competitor",
                  note=f"{utf8_len(pv_whole) / 1000:.0f} KB slice (quadratic), defaults")
        suite.add("normalize", "fa", f"{pv['version']} Normalizer, per document",
                  Row("parsivar docs", sum(utf8_len(d) for d in pv_docs), pv["docs"]),
                  kind="competitor", note=f"{len(pv_docs)} calls")
    suite.target(at_least("normalize fa, whole corpus, MB/s", ref.row.median,
                          TARGET["normalize_mbs"], " MB/s"))
    per_doc = next(e for e in suite.rep.entries
                   if e.task == "normalize" and e.lang == "fa" and "per document" in e.system)
    suite.target(at_least("normalize fa, per document, MB/s", per_doc.row.median,
                          TARGET["normalize_mbs"], " MB/s"))
    suite.target(at_least("normalize fa / hazm (whole, hazm on its slice)",
                          ref.row.median / hazm_whole.row.median if hazm_whole else None,
                          TARGET["vs_hazm"], "x"))


# --------------------------------------------------------------------------------------------
# Unicode NFC


def nfc(suite: Suite) -> None:
    """unicode_normalize(s, "NFC") against PyICU's Normalizer2 on the whole corpora."""
    sk = suite.sokhan
    for lang in ("fa", "en"):
        c = suite.c[lang]
        ref = suite.add("unicode NFC", lang, 'sokhan unicode_normalize(s, "NFC")',
                        suite.time(f"nfc {lang}", c.nbytes, lambda c=c: fresh(c.text),
                                   lambda s: sk.unicode_normalize(s, "NFC")), ref=True,
                        note="ICU underneath, whole corpus")
        suite.kernel("unicode NFC", lang, f"unicode_nfc/{lang}/whole", "ICU NFC, no alignment")
        print(f"  running PyICU NFC {lang} ...", file=sys.stderr, flush=True)
        icu, why = run_own_worker("icu-nfc", "icu", c.text, [], suite.s.runs, suite.tmp)
        if icu is None:
            suite.add("unicode NFC", lang, "PyICU Normalizer2 NFC", None, kind="competitor",
                      note=why)
            suite.target(at_least(f"unicode_normalize NFC {lang} / PyICU", None,
                                  round(TARGET["nfc_vs_icu"], 3), "x"))
            continue
        icu_row = suite.add("unicode NFC", lang, f"{icu['version']} Normalizer2 NFC",
                            Row("icu", c.nbytes, icu["whole"]), kind="competitor",
                            note="getNFCInstance().normalize, whole corpus")
        suite.target(at_least(f"unicode_normalize NFC {lang} / PyICU (within 1.5x)",
                              ref.row.median / icu_row.row.median,
                              round(TARGET["nfc_vs_icu"], 3), "x"))


# --------------------------------------------------------------------------------------------
# Sentences


def split(suite: Suite) -> None:
    """split_sentences against bench_sentences' competitors (one worker each, both languages),
    with exact-span F1 on the UD dev files."""
    sk = suite.sokhan
    ud = load_ud_text()
    devs = bench_sentences.dev_texts()
    ns = worker_args(suite.s)

    def f1_cell(lang: str, score: Callable[[str, str, list], tuple | str]) -> str:
        cells = []
        for dev, (text, gold) in devs.items():
            if bench_sentences.DEV_FILES[dev][1] != lang:
                continue
            v = score(dev, text, gold)
            cells.append(f"{dev.split('_')[1]} {v[2]:.2f}" if isinstance(v, tuple)
                         else f"{dev}: {v}"[:40])
        return "F1 " + ", ".join(cells)

    def sokhan_f1(dev: str, text: str, gold: list) -> tuple:
        pred = [(s.start, s.end) for s in sk.split_sentences(text)]
        return ud.prf(ud.norm_spans(text, gold), ud.norm_spans(text, pred))

    refs, per_doc = {}, {}
    for lang in ("fa", "en"):
        c = suite.c[lang]
        name = 'sokhan split_sentences(lang="auto"), whole'
        refs[lang] = suite.add("split sentences", lang, name,
                               suite.time(f"split {lang} whole", c.nbytes,
                                          lambda c=c: fresh(c.text), sk.split_sentences),
                               ref=True, accuracy=f1_cell(lang, sokhan_f1), note="one call")
        per_doc[lang] = suite.add("split sentences", lang, "sokhan split_sentences, per document",
                                  suite.time(f"split {lang} docs", c.docs_bytes,
                                             lambda c=c: [fresh(d) for d in c.docs],
                                             lambda ds: [sk.split_sentences(d) for d in ds]),
                                  note=f"{len(c.docs):,} calls in a Python loop")
        suite.kernel("split sentences", lang, f"split/{lang}/whole", f"SentenceSplitter({lang})")
    icu: dict[str, Entry] = {}
    for name, (_, package, what) in bench_sentences.COMPETITORS.items():
        print(f"  running {package} ...", file=sys.stderr, flush=True)
        res, why = bench_sentences.measure_competitor(name, ns)
        for lang in ("fa", "en"):
            if res is None:
                suite.add("split sentences", lang, package, None, kind="competitor", note=why[:90])
                continue
            suite.versions[package] = f"{res['version']} ({res['executable']})"
            sp = res["speed"][lang]

            def comp_f1(dev: str, text: str, gold: list, res: dict = res) -> tuple | str:
                d = res["dev"].get(dev, {"error": "missing"})
                if "error" in d:
                    return d["error"]
                return bench_sentences.f1_of(ud, text, gold, d["pieces"], d["how"])

            size = f"{sp['bytes'] / MB:.2f} MB slice, " if name == "pysbd" else ""
            row = suite.add("split sentences", lang, f"{res['version']}, whole",
                            Row(name, sp["bytes"], sp["whole"]), kind="competitor",
                            accuracy=f1_cell(lang, comp_f1), note=f"{size}{what}")
            if name == "icu":
                icu[lang] = row
                icu[lang + "_docs"] = suite.add(
                    "split sentences", lang, f"{res['version']}, per document",
                    Row(name, sp["docs_bytes"], sp["docs"]), kind="competitor",
                    note=f"{sp['ndocs']:,} calls in a Python loop")
    for lang in ("fa", "en"):
        suite.target(at_least(f"split_sentences {lang}, whole, MB/s", refs[lang].row.median,
                              TARGET["split_mbs"], " MB/s"))
        suite.target(at_least(f"split_sentences {lang}, per document, MB/s",
                              per_doc[lang].row.median, TARGET["split_mbs"], " MB/s"))
        for key, mine, what in ((lang, refs[lang], "whole"),
                                (lang + "_docs", per_doc[lang], "per document")):
            other = icu.get(key)
            ratio = mine.row.median / other.row.median if other else None
            suite.target(Target(f"split_sentences {lang} / PyICU BreakIterator, {what}", ratio,
                                "x", "> 1x", None if ratio is None else ratio > 1))


# --------------------------------------------------------------------------------------------
# Dates


def dates(suite: Suite) -> None:
    """extract_dates against dateparser: Persian on UD news text, English on TBAQ."""
    persian_dates(suite)
    if "en_news" in suite.c:
        english_dates(suite)
    else:
        suite.add("extract dates", "en", "sokhan extract_dates", None, note=suite.news_why[:120])
        suite.target(at_least("extract_dates en (TBAQ news), per document, MB/s", None,
                              TARGET["dates_mbs"], " MB/s", suite.news_why[:60]))


def persian_dates(suite: Suite) -> None:
    """Per document with document dates; F1 on fa_dev.jsonl (eval_dates); dateparser through
    bench_dates' worker on its slice, sokhan on the same slice for the ratio."""
    import date_scoring
    import eval_dates

    sk = suite.sokhan
    c = suite.c["fa"]
    acc_sokhan = acc_dp = ""
    if eval_dates.DEFAULT_DATA.exists():
        items = date_scoring.load_items(eval_dates.DEFAULT_DATA)
        preds, _ = eval_dates.run_sokhan(items)
        if preds is not None:
            acc_sokhan = date_f1("fa_dev", date_scoring.score(items, preds))
        print("  running dateparser on fa_dev ...", file=sys.stderr, flush=True)
        dp_preds, _ = eval_dates.run_dateparser(eval_dates.DEFAULT_DATA)
        if dp_preds is not None:
            acc_dp = date_f1("fa_dev", date_scoring.score(items, dp_preds))
    ref = suite.add("extract dates", "fa", "sokhan extract_dates, per document",
                    suite.time("dates fa docs", c.docs_bytes, lambda: [fresh(d) for d in c.docs],
                               lambda ds: [sk.extract_dates(d, reference=r)
                                           for d, r in zip(ds, c.refs)]),
                    ref=True, accuracy=acc_sokhan,
                    note=f"{len(c.docs):,} calls, each with its document date")
    suite.add("extract dates", "fa", "sokhan extract_dates, whole",
              suite.time("dates fa whole", c.nbytes, lambda: fresh(c.text),
                         lambda s: sk.extract_dates(s, reference=REFERENCE_DATE)), note="one call")
    suite.kernel("extract dates", "fa", "dates/fa/docs", "DateExtractor(fa), fixed reference")
    print("  running dateparser ...", file=sys.stderr, flush=True)
    dp, why = bench_dates.measure_dateparser(worker_args(suite.s))
    vs = None
    if dp is None:
        suite.add("extract dates", "fa", "dateparser search_dates", None, kind="competitor",
                  note=why[:90])
    else:
        suite.versions["dateparser"] = f"{dp['version']} ({dp['executable']})"
        u = dp["ud"]
        sl, sl_refs = c.docs[:u["ndocs"]], c.refs[:u["ndocs"]]
        same = suite.add("extract dates", "fa", "sokhan extract_dates, dateparser's slice",
                         suite.time("dates fa slice", u["bytes"], lambda: [fresh(d) for d in sl],
                                    lambda ds: [sk.extract_dates(d, reference=r)
                                                for d, r in zip(ds, sl_refs)]),
                         note=f"{u['ndocs']} calls")
        dpe = suite.add("extract dates", "fa", f"{dp['version']} search_dates(languages=['fa'])",
                        Row("dp", u["bytes"], u["times"]), kind="competitor", accuracy=acc_dp,
                        note=f"{u['bytes'] / 1000:.0f} KB slice, {u['ndocs']} calls, "
                             f"{u['mentions']} found")
        vs = same.row.median / dpe.row.median
    suite.target(at_least("extract_dates fa (news), per document, MB/s", ref.row.median,
                          TARGET["dates_mbs"], " MB/s"))
    suite.target(at_least("extract_dates fa / dateparser, same slice", vs,
                          TARGET["vs_dateparser"], "x"))


def english_dates(suite: Suite) -> None:
    """TBAQ news text per document with its DCT; F1 on TBAQ (eval_timeml); dateparser through
    bench_dates_en's worker on its slice."""
    import eval_timeml

    sk = suite.sokhan
    c = suite.c["en_news"]
    x = sk.DateExtractor(lang="en")
    acc = ""
    if all((eval_timeml.DEFAULT_DATA / k).is_dir() for k in eval_timeml.CORPORA):
        run, _ = eval_timeml.system_sokhan("en")
        if run is not None:
            counts = eval_timeml.evaluate(eval_timeml.load_corpus(eval_timeml.DEFAULT_DATA),
                                          run)["counts"]["all"]
            acc = (f"TBAQ strict F1 {100 * counts.strict_f1:.1f}, "
                   f"value F1 {100 * counts.value_f1:.1f}")
    ref = suite.add("extract dates", "en", 'sokhan extract_dates(lang="en"), per document',
                    suite.time("dates en docs", c.docs_bytes, lambda: [fresh(d) for d in c.docs],
                               lambda ds: [x.extract(d, r) for d, r in zip(ds, c.refs)]),
                    ref=True, accuracy=acc,
                    note=f"{len(c.docs):,} calls, reference = the document's DCT")
    suite.kernel("extract dates", "en", "dates/en_news/docs",
                 "DateExtractor(en), fixed reference, per paragraph")
    sl = slice_docs(c.docs, suite.s.dp_kb * 1000)
    sl_bytes = sum(utf8_len(d) for d in sl)
    same = suite.add("extract dates", "en", "sokhan extract_dates, dateparser's slice",
                     suite.time("dates en slice", sl_bytes, lambda: [fresh(d) for d in sl],
                                lambda ds: [x.extract(d, r) for d, r in zip(ds, c.refs)]),
                     note=f"{len(sl)} calls")
    exe, why = python_with("dateparser", "SOKHAN_BENCH_PYTHON")
    dp = None
    if exe is not None:
        print("  running dateparser (en) ...", file=sys.stderr, flush=True)
        dp, why = run_worker([exe, bench_dates_en.__file__, "--worker",
                              "dateparser", "--dp-kb", str(suite.s.dp_kb),
                              "--slow-runs", str(suite.s.slow_runs)])
    vs = None
    if dp is None:
        suite.add("extract dates", "en", "dateparser search_dates", None, kind="competitor",
                  note=" ".join(why.strip().splitlines()[-2:])[:90])
    else:
        dpe = suite.add("extract dates", "en", f"{dp['version']} search_dates(languages=['en'])",
                        Row("dp", dp["bytes"], dp["times"]), kind="competitor",
                        note=f"{dp['bytes'] / 1000:.0f} KB slice, {dp['ndocs']} calls, "
                             f"{dp['mentions']} found")
        vs = same.row.median / dpe.row.median
    suite.target(at_least("extract_dates en (TBAQ news), per document, MB/s", ref.row.median,
                          TARGET["dates_mbs"], " MB/s"))
    suite.target(at_least("extract_dates en / dateparser, same slice", vs,
                          TARGET["vs_dateparser"], "x"))


def date_f1(name: str, scores: Any) -> str:
    return f"{name} strict F1 {100 * scores.strict_f1:.1f}, value F1 {100 * scores.value_f1:.1f}"
