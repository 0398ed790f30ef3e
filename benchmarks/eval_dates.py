#!/usr/bin/env python3
"""Accuracy of date/time extraction on the Persian dev set (../shared/data/dates/fa_dev.jsonl).

Runs ``sokhan.extract_dates(text, reference=...)`` and/or dateparser's ``search_dates`` on every
item and prints the scores of ../shared/data/dates/README.md ("Scoring", implemented in
date_scoring.py) side by side: strict and relaxed span P/R/F1, kind/calendar/grain/mod accuracy,
value accuracy, end-to-end value F1 and false positives on hard negatives; ``--slices`` adds
the per-phenomenon table and ``--errors`` every error, item by item.

dateparser is not a sokhan dependency: it runs in a subprocess (this script in --worker mode,
which never imports sokhan), in this interpreter if it can import dateparser, otherwise in
$SOKHAN_BENCH_PYTHON or build/bench-venv:

    python3 -m venv build/bench-venv && build/bench-venv/bin/pip install dateparser
    .venv/bin/python benchmarks/eval_dates.py [--system sokhan|dateparser|all] [--slices] [--errors]

dateparser's mentions: each returned substring is located in the text (searching forward from
the previous match's end), kind "date", calendar "gregorian", and the interval is the returned
datetime's whole day if its time is midnight, else the hour starting at it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import time
from pathlib import Path
from typing import Any, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))  # common.py, date_scoring.py

import date_scoring as ds  # noqa: E402
from common import REPO, dist_version, python_with, run_worker  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "dates" / "fa_dev.jsonl"
SYSTEMS = ("sokhan", "dateparser")


# --------------------------------------------------------------------------------------------
# Systems


def run_sokhan(items: Sequence[dict]) -> tuple[list[list[Any]] | None, dict]:
    """(predictions per item, info) or (None, info with "why")."""
    try:
        import sokhan
    except ImportError as e:
        return None, {"why": f"cannot import sokhan with {sys.executable}: {e}"}
    if not hasattr(sokhan, "extract_dates"):
        return None, {"why": f"sokhan {sokhan.__version__} ({Path(sokhan.__file__).parent}) has "
                             "no extract_dates yet (`make install` a tree that has it)"}
    preds: list[list[Any]] = []
    failures: list[str] = []
    t0 = time.perf_counter()
    for item in items:
        try:
            preds.append(list(sokhan.extract_dates(item["text"],
                                                   reference=ds.reference_of(item))))
        except Exception as e:  # noqa: BLE001  (one bad item must not hide the other scores)
            failures.append(f"{item['id']}: {type(e).__name__}: {e}")
            preds.append([])
    secs = time.perf_counter() - t0
    return preds, {"name": f"sokhan {sokhan.__version__}", "seconds": secs, "failures": failures,
                   "where": str(Path(sokhan.__file__).resolve().parent)}


def dateparser_mentions(text: str,
                        found: list[tuple[str, dt.datetime]] | None) -> tuple[list[dict], int]:
    """search_dates' (substring, datetime) pairs as prediction dicts; and how many could not be
    located in ``text``."""
    out: list[dict] = []
    lost = 0
    pos = 0
    for sub, when in found or []:
        k = text.find(sub, pos)
        if k < 0:
            k = text.find(sub)
        if k < 0:
            lost += 1
            continue
        pos = k + len(sub)
        when = when.replace(tzinfo=None)
        midnight = when.time() == dt.time(0)
        end = when + (dt.timedelta(days=1) if midnight else dt.timedelta(hours=1))
        out.append({"start": k, "end": k + len(sub), "text": sub, "kind": "date",
                    "calendar": "gregorian", "grain": "day" if midnight else "hour", "mod": None,
                    "value": when.date().isoformat() if midnight
                    else when.isoformat(timespec="minutes"),
                    "interval": [when.isoformat(), end.isoformat()]})
    return out, lost


def worker_dateparser(data: Path) -> None:
    """--worker dateparser: run search_dates on every item, print JSON predictions."""
    from dateparser.search import search_dates

    items = ds.load_items(data)
    preds, failures = [], []
    lost = 0
    t0 = time.perf_counter()
    for item in items:
        ref = dt.datetime.combine(ds.reference_of(item), dt.time(0))
        try:
            found = search_dates(item["text"], languages=["fa"], settings={"RELATIVE_BASE": ref})
            ms, n = dateparser_mentions(item["text"], found)
        except Exception as e:  # noqa: BLE001
            failures.append(f"{item['id']}: {type(e).__name__}: {e}")
            ms, n = [], 0
        lost += n
        preds.append(ms)
    secs = time.perf_counter() - t0
    print(json.dumps({"name": f"dateparser {dist_version('dateparser')}", "seconds": secs,
                      "failures": failures, "lost": lost, "python": platform.python_version(),
                      "executable": sys.executable, "predictions": preds}, ensure_ascii=False))


def run_dateparser(data: Path) -> tuple[list[list[Any]] | None, dict]:
    exe, why = python_with("dateparser", "SOKHAN_BENCH_PYTHON")
    if exe is None:
        return None, {"why": f"dateparser is not importable ({why}); install it with\n"
                             "    python3 -m venv build/bench-venv && "
                             "build/bench-venv/bin/pip install dateparser"}
    out, err = run_worker([exe, str(Path(__file__).resolve()), "--worker", "dateparser",
                           "--data", str(data)])
    if out is None:
        tail = "\n".join(err.strip().splitlines()[-5:])
        return None, {"why": f"dateparser run failed with {exe}:\n{tail}"}
    preds = out.pop("predictions")
    return preds, out


# --------------------------------------------------------------------------------------------
# Output


def pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def print_scores(results: list[tuple[str, ds.Scores]]) -> None:
    w = max(14, *(len(n) for n, _ in results))
    rows: list[tuple[str, Any]] = [
        ("strict P / R / F1", lambda s: " / ".join(pct(x) for x in s.strict)),
        ("relaxed P / R / F1", lambda s: " / ".join(pct(x) for x in s.relaxed)),
        ("kind acc", lambda s: pct(s.attr_accuracy("kind"))),
        ("calendar acc", lambda s: pct(s.attr_accuracy("calendar"))),
        ("grain acc", lambda s: pct(s.attr_accuracy("grain"))),
        ("mod acc", lambda s: pct(s.attr_accuracy("mod"))),
        ("value acc", lambda s: f"{pct(s.value_accuracy)} ({s.value_correct}/{s.value_scored})"),
        ("value P / R / F1", lambda s: " / ".join(pct(x) for x in s.value)),
        ("hard-neg FP", lambda s: f"{s.hard_negative_fp_count} "
                                  f"(in {len({f['id'] for f in s.hard_negative_fp})}"
                                  f"/{s.hard_negative_items} items)"),
        ("predicted / gold", lambda s: f"{s.predicted} / {s.gold}"),
    ]
    lw = max(len(r[0]) for r in rows)
    header = f"{'':<{lw}}  " + "  ".join(f"{n:>{max(w, 20)}}" for n, _ in results)
    print(header)
    print("-" * len(header))
    for label, f in rows:
        print(f"{label:<{lw}}  " + "  ".join(f"{f(s):>{max(w, 20)}}" for _, s in results))
    print("(percent; attributes and value accuracy over relaxed-matched pairs, value accuracy "
          "without unscored gold)")


def print_slices(results: list[tuple[str, ds.Scores]]) -> None:
    tags = sorted({t for _, s in results for t in s.slices},
                  key=lambda t: (t.startswith("neg_") or t == "hard_negative", t))
    first = results[0][1]
    tw = max(len(t) for t in tags)
    sub = f"{'recall':>6} {'value':>6} {'FP':>4}"
    print("slices by phenomena tag (items carrying the tag): relaxed recall %, value accuracy %, "
          "unmatched predictions")
    header = f"{'tag':<{tw}}  {'items':>5} {'gold':>5}  " + "   ".join(
        f"{n[:len(sub)]:^{len(sub)}}" for n, _ in results)
    print(header)
    print(f"{'':<{tw}}  {'':>5} {'':>5}  " + "   ".join(sub for _ in results))
    print("-" * len(header))
    for t in tags:
        sl0 = first.slices.get(t) or next(s.slices[t] for _, s in results if t in s.slices)
        cells = []
        for _, s in results:
            sl = s.slices.get(t)
            cells.append(f"{pct(sl.recall):>6} {pct(sl.value_accuracy):>6} "
                         f"{sl.false_positives:>4}" if sl else f"{'':>{len(sub)}}")
        print(f"{t:<{tw}}  {sl0.items:>5} {sl0.gold:>5}  " + "   ".join(cells))


def print_errors(name: str, items: Sequence[dict], preds: Sequence[list[Any]]) -> None:
    errs = ds.errors(items, preds)
    n = sum(len(e) for _, e in errs)
    print(f"errors of {name}: {n} in {len(errs)} items")
    for item, es in errs:
        tags = ",".join(item.get("phenomena", ()))
        print(f"{item['id']}  ref {item['reference']}  [{tags}]")
        print(f"  {item['text']}")
        for e in es:
            print(f"    {ds.format_error(e)}")
    print()


# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--system", choices=[*SYSTEMS, "all"], default="all",
                    help="which system to score (default all: side by side)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA,
                    help=f"the dev set (default {DEFAULT_DATA})")
    ap.add_argument("--slices", action="store_true", help="print scores by phenomena tag")
    ap.add_argument("--errors", action="store_true", help="print every error, item by item")
    ap.add_argument("--json", type=Path, metavar="PATH", help="also write the scores as JSON")
    ap.add_argument("--worker", metavar="NAME", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if not args.data.exists():
        print(f"eval_dates: the dev set is not here, nothing to evaluate.\n"
              f"  expected {args.data}\n"
              "  (it is only present on the development machine; see ../shared/data/README.md)")
        return 0
    if args.worker:
        if args.worker != "dateparser":
            raise SystemExit(f"unknown worker {args.worker}")
        worker_dateparser(args.data)
        return 0

    items = ds.load_items(args.data)
    wanted = SYSTEMS if args.system == "all" else (args.system,)
    ngold = sum(len(i["mentions"]) for i in items)
    print(f"date extraction on {args.data.name}: {len(items)} items, {ngold} gold mentions, "
          f"{sum(1 for i in items if ds.is_hard_negative(i))} hard negatives")
    results: list[tuple[str, ds.Scores]] = []
    runs: dict[str, tuple[list, dict]] = {}
    notes: list[str] = []
    for system in wanted:
        print(f"  running {system} ...", file=sys.stderr, flush=True)
        preds, info = run_sokhan(items) if system == "sokhan" else run_dateparser(args.data)
        if preds is None:
            notes.append(f"{system}: not run: {info['why']}")
            continue
        runs[info["name"]] = (preds, info)
        results.append((info["name"], ds.score(items, preds)))
        where = info.get("executable") or info.get("where") or ""
        notes.append(f"{info['name']}: {info['seconds']:.2f} s for {len(items)} items"
                     + (f", ran in {where}" if where else "")
                     + (f"; {info['lost']} returned substrings not found in the text"
                        if info.get("lost") else ""))
        for f in info.get("failures", []):
            notes.append(f"  raised on {f}")
    print()
    if results:
        print_scores(results)
        print()
        if args.slices:
            print_slices(results)
            print()
        for name, s in results:
            if s.hard_negative_fp:
                shown = s.hard_negative_fp if args.errors else s.hard_negative_fp[:5]
                print(f"{name}: false positives on hard negatives ({s.hard_negative_fp_count})")
                for f in shown:
                    print(f"  {f['id']} [{f['start']}:{f['end']}] «{f['text']}» {f['kind']} "
                          f"{f['value']} {','.join(f['phenomena'])}")
                if len(shown) < len(s.hard_negative_fp):
                    more = len(s.hard_negative_fp) - len(shown)
                    print(f"  ... ({more} more; --errors lists all)")
                print()
        if args.errors:
            for name, (preds, _) in runs.items():
                print_errors(name, items, preds)
    for n in notes:
        print(n)
    if args.json:
        args.json.write_text(json.dumps({n: s.to_dict() for n, s in results}, indent=1,
                                        ensure_ascii=False, default=str), encoding="utf-8")
        print(f"scores written to {args.json}")
    return 0 if results else 1


if __name__ == "__main__":
    sys.exit(main())
