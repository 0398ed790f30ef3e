"""Scoring of date/time extraction against ../shared/data/dates/fa_dev.jsonl.

Implements the "Scoring" section of ../shared/data/dates/README.md, item by item:

1. spans: strict (identical ``(start, end)``) and relaxed (overlap of at least one character,
   paired one-to-one greedily by the largest overlap) precision, recall and F1; predictions on
   hard-negative items are false positives (and listed);
2. attributes on relaxed-matched pairs: accuracy of ``kind``, ``calendar``, ``grain``, ``mod``;
3. value on relaxed-matched pairs whose gold mention is not ``unscored``: for gold ``date`` /
   ``time`` the predicted interval ``[b, e)`` must equal one of the gold ``intervals`` within
   ``approx_days`` days on both ends (a missing interval is wrong); for ``duration`` / ``set``
   the predicted ``value`` string must equal the gold one. End-to-end value F1 counts a gold
   mention as a true positive only when it is span-matched (relaxed) with a correct value;
   ``unscored`` gold mentions, and the predictions matched to them, are left out of value F1;
4. slices by ``phenomena`` tag: gold count, relaxed recall, value accuracy (and false
   positives in the slice's items).

Pure Python, no sokhan import: the eval script, the test suite and a competitor worker in
another interpreter all use it. A prediction is a dict or an object with ``start``, ``end``,
``kind``, ``calendar``, ``grain``, ``mod``, ``value`` and ``interval`` (``(begin, end)`` as
``datetime.datetime`` or ISO strings, or None); missing fields count as None.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import sys as _sys

_sys.path.insert(0, str(Path(__file__).resolve().parent))  # span_matching.py, also when loaded by path
import span_matching as _sm  # noqa: E402
from span_matching import overlap, prf  # noqa: E402,F401  (re-exported: the tests use them)


def match_strict(gold: Sequence[dict], preds: Sequence["Pred"]) -> dict[int, int]:
    """gold index -> prediction index for identical spans, one-to-one."""
    return _sm.match_strict([(g["start"], g["end"]) for g in gold], [(p.start, p.end) for p in preds])


def match_relaxed(gold: Sequence[dict], preds: Sequence["Pred"]) -> dict[int, int]:
    """gold index -> prediction index: overlapping spans, one-to-one, largest overlap first."""
    return _sm.match_relaxed([(g["start"], g["end"]) for g in gold], [(p.start, p.end) for p in preds])

ATTRIBUTES = ("kind", "calendar", "grain", "mod")
INTERVAL_KINDS = ("date", "time")  # value judged by interval; the others by the value string


# --------------------------------------------------------------------------------------------
# Input


def load_items(path: str | Path) -> list[dict]:
    """The dev set: one dict per non-empty JSONL line, as in the file."""
    items = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: not JSON: {e}") from None
    return items


def reference_of(item: dict) -> _dt.date:
    """The item's document date as a ``datetime.date``."""
    return _dt.date.fromisoformat(item["reference"])


def is_hard_negative(item: dict) -> bool:
    return "hard_negative" in item.get("phenomena", ()) or not item.get("mentions")


def _get(p: Any, name: str) -> Any:
    if isinstance(p, dict):
        return p.get(name)
    return getattr(p, name, None)


def to_datetime(x: Any) -> _dt.datetime | None:
    """A ``datetime.datetime`` (naive) from a datetime, a date or an ISO string."""
    if x is None:
        return None
    if isinstance(x, _dt.datetime):
        return x.replace(tzinfo=None)
    if isinstance(x, _dt.date):
        return _dt.datetime(x.year, x.month, x.day)
    if isinstance(x, str):
        return _dt.datetime.fromisoformat(x).replace(tzinfo=None)
    raise TypeError(f"not a datetime: {x!r}")


def to_interval(x: Any) -> tuple[_dt.datetime, _dt.datetime] | None:
    if x is None:
        return None
    try:
        b, e = x
        b, e = to_datetime(b), to_datetime(e)
    except (TypeError, ValueError):
        return None
    if b is None or e is None:
        return None
    return b, e


@dataclass(frozen=True)
class Pred:
    """A prediction reduced to what scoring needs."""

    start: int
    end: int
    kind: str | None = None
    calendar: str | None = None
    grain: str | None = None
    mod: str | None = None
    value: str | None = None
    interval: tuple[_dt.datetime, _dt.datetime] | None = None
    text: str | None = None

    @classmethod
    def of(cls, p: Any) -> "Pred":
        if isinstance(p, Pred):
            return p
        return cls(start=int(_get(p, "start")), end=int(_get(p, "end")), kind=_get(p, "kind"),
                   calendar=_get(p, "calendar"), grain=_get(p, "grain"), mod=_get(p, "mod"),
                   value=_get(p, "value"), interval=to_interval(_get(p, "interval")),
                   text=_get(p, "text"))


def gold_as_predictions(item: dict) -> list[dict]:
    """The item's gold mentions as predictions (first interval): a perfect system's output."""
    out = []
    for m in item["mentions"]:
        iv = m["intervals"][0] if m["intervals"] else None
        out.append({k: m[k] for k in ("start", "end", "text", "kind", "calendar", "grain", "mod",
                                       "value")} | {"interval": iv})
    return out


# --------------------------------------------------------------------------------------------
# Matching and judging


def value_correct(g: dict, p: Pred) -> bool:
    """The README's value rule, decided by the gold mention's kind."""
    if g["kind"] in INTERVAL_KINDS:
        if p.interval is None:
            return False
        tol = _dt.timedelta(days=g.get("approx_days") or 0)
        b, e = p.interval
        for gb, ge in g["intervals"]:
            gb, ge = to_datetime(gb), to_datetime(ge)
            if abs(b - gb) <= tol and abs(e - ge) <= tol:
                return True
        return False
    return p.value is not None and p.value == g["value"]


# --------------------------------------------------------------------------------------------
# Scores


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass
class Slice:
    tag: str
    items: int = 0
    gold: int = 0
    matched: int = 0  # relaxed
    value_scored: int = 0  # matched pairs with a scored gold
    value_correct: int = 0
    false_positives: int = 0  # unmatched predictions in this slice's items

    @property
    def recall(self) -> float | None:
        return ratio(self.matched, self.gold)

    @property
    def value_accuracy(self) -> float | None:
        return ratio(self.value_correct, self.value_scored)


@dataclass
class Scores:
    items: int = 0
    gold: int = 0
    predicted: int = 0
    strict_tp: int = 0
    relaxed_tp: int = 0
    attr_correct: dict[str, int] = field(default_factory=lambda: {a: 0 for a in ATTRIBUTES})
    value_scored: int = 0  # relaxed-matched pairs whose gold is not unscored
    value_correct: int = 0
    value_gold: int = 0  # gold mentions not unscored
    value_pred: int = 0  # predictions not matched to an unscored gold
    hard_negative_items: int = 0
    hard_negative_fp: list[dict] = field(default_factory=list)
    slices: dict[str, Slice] = field(default_factory=dict)

    # span P/R/F1
    @property
    def strict(self) -> tuple[float, float, float]:
        return prf(self.strict_tp, self.predicted, self.gold)

    @property
    def relaxed(self) -> tuple[float, float, float]:
        return prf(self.relaxed_tp, self.predicted, self.gold)

    @property
    def strict_f1(self) -> float:
        return self.strict[2]

    @property
    def relaxed_f1(self) -> float:
        return self.relaxed[2]

    def attr_accuracy(self, name: str) -> float | None:
        return ratio(self.attr_correct[name], self.relaxed_tp)

    @property
    def value_accuracy(self) -> float | None:
        return ratio(self.value_correct, self.value_scored)

    @property
    def value(self) -> tuple[float, float, float]:
        """End-to-end value (P, R, F1)."""
        return prf(self.value_correct, self.value_pred, self.value_gold)

    @property
    def value_f1(self) -> float:
        return self.value[2]

    @property
    def hard_negative_fp_count(self) -> int:
        return len(self.hard_negative_fp)

    def summary(self) -> dict[str, Any]:
        """Headline numbers as a flat dict (fractions, not percent)."""
        sp, sr, sf = self.strict
        rp, rr, rf = self.relaxed
        vp, vr, vf = self.value
        out: dict[str, Any] = {
            "items": self.items, "gold": self.gold, "predicted": self.predicted,
            "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
        }
        for a in ATTRIBUTES:
            out[f"{a}_acc"] = self.attr_accuracy(a)
        out |= {"value_acc": self.value_accuracy, "value_scored": self.value_scored,
                "value_p": vp, "value_r": vr, "value_f1": vf,
                "hard_negative_items": self.hard_negative_items,
                "hard_negative_fp": self.hard_negative_fp_count}
        return out

    def to_dict(self) -> dict[str, Any]:
        d = self.summary()
        d["hard_negative_fp_list"] = self.hard_negative_fp
        d["slices"] = {t: asdict(s) | {"recall": s.recall, "value_accuracy": s.value_accuracy}
                       for t, s in sorted(self.slices.items())}
        return d


def score(items: Sequence[dict], predictions: Sequence[Iterable[Any]]) -> Scores:
    """Score ``predictions`` (one list per item, in the order of ``items``)."""
    if len(items) != len(predictions):
        raise ValueError(f"{len(items)} items but {len(predictions)} prediction lists")
    s = Scores(items=len(items))
    for item, raw in zip(items, predictions):
        gold = item["mentions"]
        preds = [Pred.of(p) for p in raw]
        strict = match_strict(gold, preds)
        relaxed = match_relaxed(gold, preds)
        s.gold += len(gold)
        s.predicted += len(preds)
        s.strict_tp += len(strict)
        s.relaxed_tp += len(relaxed)
        s.value_gold += sum(1 for g in gold if not g.get("unscored"))
        s.value_pred += len(preds) - sum(1 for i in relaxed if gold[i].get("unscored"))
        item_matched = item_scored = item_correct = 0
        for i, j in relaxed.items():
            g, p = gold[i], preds[j]
            for a in ATTRIBUTES:
                if getattr(p, a) == g.get(a):
                    s.attr_correct[a] += 1
            item_matched += 1
            if g.get("unscored"):
                continue
            item_scored += 1
            if value_correct(g, p):
                item_correct += 1
        s.value_scored += item_scored
        s.value_correct += item_correct
        unmatched = len(preds) - len(relaxed)
        if is_hard_negative(item):
            s.hard_negative_items += 1
            for p in preds:
                s.hard_negative_fp.append({
                    "id": item.get("id"), "start": p.start, "end": p.end,
                    "text": item["text"][p.start:p.end], "kind": p.kind, "value": p.value,
                    "phenomena": [t for t in item.get("phenomena", ()) if t.startswith("neg_")]})
        # slices: per tag, and per gold mention inside tagged items
        for tag in item.get("phenomena", ()):
            sl = s.slices.setdefault(tag, Slice(tag))
            sl.items += 1
            sl.gold += len(gold)
            sl.matched += item_matched
            sl.value_scored += item_scored
            sl.value_correct += item_correct
            sl.false_positives += unmatched
    return s


# --------------------------------------------------------------------------------------------
# Errors, for debugging


def _fmt_interval(iv: Any) -> str | None:
    iv = to_interval(iv)
    if iv is None:
        return None
    return "/".join(x.isoformat(timespec="minutes") if x.second == 0 else x.isoformat()
                    for x in iv)


def item_errors(item: dict, predictions: Iterable[Any]) -> list[dict]:
    """Every error of one item, as dicts with a ``type``:

    ``missed`` (gold without overlap), ``spurious`` (prediction without a gold;
    ``hard_negative`` says whether the item is one), ``span`` (relaxed but not strict match),
    ``attribute`` (kind/calendar/grain/mod differ), ``value`` (scored gold, wrong value; with
    predicted and gold value and intervals).
    """
    gold = item["mentions"]
    text = item["text"]
    preds = [Pred.of(p) for p in predictions]
    relaxed = match_relaxed(gold, preds)
    matched_preds = set(relaxed.values())
    errs: list[dict] = []
    hard = is_hard_negative(item)

    def gview(g: dict) -> dict:
        return {"start": g["start"], "end": g["end"], "text": g["text"], "kind": g["kind"],
                "value": g["value"], "intervals": [f"{a}/{b}" for a, b in g["intervals"]]}

    def pview(p: Pred) -> dict:
        return {"start": p.start, "end": p.end, "text": text[p.start:p.end], "kind": p.kind,
                "value": p.value, "interval": _fmt_interval(p.interval)}

    for i, g in enumerate(gold):
        if i not in relaxed:
            errs.append({"type": "missed", "gold": gview(g)})
            continue
        p = preds[relaxed[i]]
        if (p.start, p.end) != (g["start"], g["end"]):
            errs.append({"type": "span", "gold": gview(g), "pred": pview(p)})
        wrong = {a: (getattr(p, a), g.get(a)) for a in ATTRIBUTES if getattr(p, a) != g.get(a)}
        if wrong:
            errs.append({"type": "attribute", "gold": gview(g), "pred": pview(p),
                         "diff": {a: {"pred": pv, "gold": gv} for a, (pv, gv) in wrong.items()}})
        if not g.get("unscored") and not value_correct(g, p):
            errs.append({"type": "value", "gold": gview(g), "pred": pview(p),
                         "approx_days": g.get("approx_days", 0)})
    for j, p in enumerate(preds):
        if j not in matched_preds:
            errs.append({"type": "spurious", "pred": pview(p), "hard_negative": hard})
    order = {"missed": 0, "spurious": 1, "span": 2, "attribute": 3, "value": 4}
    errs.sort(key=lambda e: (e.get("gold", e.get("pred"))["start"], order[e["type"]]))
    return errs


def errors(items: Sequence[dict],
           predictions: Sequence[Iterable[Any]]) -> list[tuple[dict, list[dict]]]:
    """(item, its errors) for every item with at least one error."""
    out = []
    for item, preds in zip(items, predictions):
        e = item_errors(item, preds)
        if e:
            out.append((item, e))
    return out


def format_error(e: dict) -> str:
    """One line for an error from ``item_errors``."""
    def span(v: dict) -> str:
        return f"[{v['start']}:{v['end']}] «{v['text']}»"

    t = e["type"]
    if t == "missed":
        g = e["gold"]
        return f"missed    {span(g)} {g['kind']} {g['value']}"
    if t == "spurious":
        p = e["pred"]
        where = " (hard negative)" if e.get("hard_negative") else ""
        return f"spurious  {span(p)} {p['kind']} {p['value']} {p['interval']}{where}"
    if t == "span":
        return f"span      pred {span(e['pred'])}  gold {span(e['gold'])}"
    if t == "attribute":
        diffs = ", ".join(f"{a} {d['pred']!r} (gold {d['gold']!r})" for a, d in e["diff"].items())
        return f"attribute {span(e['gold'])} {diffs}"
    g, p = e["gold"], e["pred"]
    if g["kind"] in INTERVAL_KINDS:
        tol = f" ±{e['approx_days']}d" if e.get("approx_days") else ""
        return (f"value     {span(g)} pred {p['interval']} ({p['value']})  "
                f"gold {' | '.join(g['intervals'])}{tol} ({g['value']})")
    return f"value     {span(g)} pred {p['value']!r}  gold {g['value']!r}"
