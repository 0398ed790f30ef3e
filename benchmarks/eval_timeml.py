#!/usr/bin/env python3
"""TIMEX3 extraction on TempEval-3's TBAQ corpus (../shared/data/te3/TBAQ-cleaned), scored the
TempEval-3 way (timeml_scoring.py): strict and relaxed span P/R/F1, type and value accuracy
over relaxed matches and type/value F1 (= relaxed F1 × accuracy), per corpus and overall.

    .venv/bin/python benchmarks/eval_timeml.py [--system sokhan|gold] [--lang en] [--errors]

``--system sokhan`` runs ``sokhan.extract_dates(doc.text, reference=doc.dct, lang="en")`` on the
plain text of every document's <TEXT>; ``--system gold`` scores the gold against itself (a
sanity check: every score is 1). ``--errors`` lists, document by document, missed gold mentions,
spurious predictions, span mismatches and wrong types/values with 40 characters of context.
The TimeML reader is python/sokhan/timeml.py of this checkout, loaded by path, so the script
reads the corpus the same way whatever sokhan is installed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Sequence

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))  # timeml_scoring.py

import timeml_scoring as ts  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "te3" / "TBAQ-cleaned"
CORPORA = ("TimeBank", "AQUAINT")


def load_timeml_module() -> ModuleType:
    """python/sokhan/timeml.py as a module (stdlib only, so it loads without the core)."""
    path = REPO / "python" / "sokhan" / "timeml.py"
    spec = importlib.util.spec_from_file_location("sokhan_timeml_source", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def load_corpus(data: Path) -> list[tuple[str, Any]]:
    """(corpus name, TimeMLDocument) for every .tml file, corpora in CORPORA order."""
    timeml = load_timeml_module()
    docs = []
    for corpus in CORPORA:
        for f in sorted((data / corpus).glob("*.tml")):
            docs.append((corpus, timeml.read_timeml(f)))
    return docs


# --------------------------------------------------------------------------------------------
# Systems


def system_gold() -> tuple[Callable[[Any], list], dict]:
    return (lambda doc: list(doc.timexes)), {"system": "gold"}


def system_sokhan(lang: str = "en") -> tuple[Callable[[Any], list] | None, dict]:
    try:
        import sokhan
    except ImportError as e:
        return None, {"why": f"cannot import sokhan with {sys.executable}: {e}"}
    if not hasattr(sokhan, "extract_dates"):
        return None, {"why": f"sokhan at {Path(sokhan.__file__).parent} has no extract_dates"}

    def run(doc: Any) -> list:
        return list(sokhan.extract_dates(doc.text, reference=doc.dct, lang=lang))

    return run, {"system": "sokhan", "lang": lang, "version": getattr(sokhan, "__version__", "?"),
                 "from": str(Path(sokhan.__file__).parent)}


SYSTEMS: dict[str, Callable[..., tuple]] = {"gold": system_gold, "sokhan": system_sokhan}


def evaluate(docs: Sequence[tuple[str, Any]], run: Callable[[Any], list]) -> dict[str, Any]:
    """Runs the system on every document and scores it.

    Returns ``{"counts": {corpus: Counts, ..., "all": Counts}, "preds": [...], "failures":
    [(doc_id, message)], "seconds": float}``; a document on which the system raises is scored
    with no predictions and listed in failures.
    """
    counts = {c: ts.Counts() for c in CORPORA}
    preds, failures = [], []
    t0 = time.perf_counter()
    for corpus, doc in docs:
        try:
            p = run(doc)
        except Exception as e:  # noqa: BLE001 - reported, and the run goes on
            failures.append((doc.doc_id, f"{type(e).__name__}: {e}"))
            p = []
        preds.append(p)
    seconds = time.perf_counter() - t0
    for (corpus, doc), p in zip(docs, preds):
        counts[corpus] = counts[corpus] + ts.score_document(doc.timexes, p)
    counts["all"] = sum((counts[c] for c in CORPORA), ts.Counts())
    return {"counts": counts, "preds": preds, "failures": failures, "seconds": seconds}


# --------------------------------------------------------------------------------------------
# Output


def _pct(x: float | None) -> str:
    return "    -" if x is None else f"{100 * x:5.1f}"


def print_table(counts: dict[str, ts.Counts]) -> None:
    head = (f"{'corpus':<9} {'docs':>4} {'gold':>5} {'pred':>5} | {'strict P':>8} {'R':>5} "
            f"{'F1':>5} | {'relax P':>7} {'R':>5} {'F1':>5} | {'type acc':>8} {'F1':>5} | "
            f"{'value acc':>9} {'F1':>5}")
    print(head)
    print("-" * len(head))
    for name, c in counts.items():
        sp, sr, sf = c.strict_prf
        rp, rr, rf = c.relaxed_prf
        print(f"{name:<9} {c.docs:>4} {c.gold:>5} {c.pred:>5} | {_pct(sp):>8} {_pct(sr)} "
              f"{_pct(sf)} | {_pct(rp):>7} {_pct(rr)} {_pct(rf)} | {_pct(c.type_accuracy):>8} "
              f"{_pct(c.type_f1)} | {_pct(c.value_accuracy):>9} {_pct(c.value_f1)}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA,
                    help=f"TBAQ-cleaned directory (default {DEFAULT_DATA})")
    ap.add_argument("--system", choices=sorted(SYSTEMS), default="sokhan")
    ap.add_argument("--lang", default="en", help="sokhan's lang argument (default en)")
    ap.add_argument("--errors", action="store_true", help="list every error, document by document")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON instead")
    args = ap.parse_args(argv)

    if not all((args.data / c).is_dir() for c in CORPORA):
        print(f"skipped: no TBAQ corpus at {args.data} (expected {', '.join(CORPORA)} in it)")
        return 0
    docs = load_corpus(args.data)
    run, info = system_sokhan(args.lang) if args.system == "sokhan" else system_gold()
    if run is None:
        print(f"skipped: {args.system}: {info['why']}")
        return 1
    result = evaluate(docs, run)
    counts, failures = result["counts"], result["failures"]
    if failures and len(failures) == len(docs):
        print(f"{args.system} failed on every document, e.g. {failures[0][0]}: {failures[0][1]}")
        return 1

    if args.json:
        print(json.dumps({"info": info, "seconds": result["seconds"],
                          "failures": failures,
                          "scores": {k: c.summary() for k, c in counts.items()}}, indent=2))
        return 0

    n_chars = sum(len(d.text) for _, d in docs)
    print(f"TBAQ-cleaned ({args.data}): {len(docs)} documents, {n_chars:,} characters; "
          f"system {', '.join(f'{k}={v}' for k, v in info.items())}; "
          f"{result['seconds']:.2f} s")
    if failures:
        print(f"{len(failures)} documents raised (scored as empty), e.g. {failures[0][0]}: "
              f"{failures[0][1]}")
    print()
    print_table(counts)
    print("\nrelaxed = any overlap (one-to-one); type/value accuracy over relaxed matches; "
          "type/value F1 = relaxed F1 x accuracy (TempEval-3)")

    if args.errors:
        tally: dict[str, int] = {}
        for (corpus, doc), p in zip(docs, result["preds"]):
            errs = ts.document_errors(doc.timexes, p, doc.text)
            if not errs:
                continue
            print(f"\n== {corpus}/{doc.doc_id} (DCT {doc.dct})")
            for e in errs:
                tally[e["error"]] = tally.get(e["error"], 0) + 1
                print(ts.format_error(e))
        print("\nerrors: " + (", ".join(f"{k} {v}" for k, v in sorted(tally.items())) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
