"""TempEval-3-style scoring of TIMEX3 extraction (UzZaman et al. 2013, task A).

Per document, gold and predicted mentions are paired:

1. extraction: strict matches have identical ``(start, end)``; relaxed matches overlap by at
   least one character, paired one-to-one greedily by the largest overlap (ties: the pair whose
   lengths differ least, then the earlier gold and prediction). Precision, recall and F1 of
   each count matched pairs against all predictions and all gold mentions;
2. attributes: on relaxed pairs, ``type`` and ``value`` are correct when equal to the gold
   (value compared as a string, surrounding whitespace ignored). Accuracy is over the relaxed
   pairs; attribute F1 uses precision = correct / #predicted and recall = correct / #gold, as the
   TE3 scorer reports it (so value F1 = relaxed F1 × value accuracy).

Counts are summed over documents before the ratios are taken (micro-averaging, as TE3 does).
Pure Python, no sokhan import. A mention is a dict or an object with ``start``, ``end``,
``type`` (TIMEX3, any case) or ``kind`` (``DateMention``), ``value`` and optionally ``text``.
"""

from __future__ import annotations

import sys as _sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

_sys.path.insert(0, str(Path(__file__).resolve().parent))  # span_matching.py, also when loaded by path
import span_matching as _sm  # noqa: E402
from span_matching import overlap, prf  # noqa: E402,F401  (re-exported: the tests use them)


def _get(m: Any, name: str) -> Any:
    if isinstance(m, dict):
        return m.get(name)
    return getattr(m, name, None)


@dataclass(frozen=True)
class Mention:
    """The fields scoring looks at, taken from any mention-like object."""

    start: int
    end: int
    type: str | None
    value: str | None
    text: str | None = None

    @classmethod
    def of(cls, m: Any) -> "Mention":
        if isinstance(m, Mention):
            return m
        typ = _get(m, "type")
        if not isinstance(typ, str):
            typ = _get(m, "kind")
        value = _get(m, "value")
        return cls(start=int(_get(m, "start")), end=int(_get(m, "end")),
                   type=typ.upper() if isinstance(typ, str) else None,
                   value=value.strip() if isinstance(value, str) else None,
                   text=_get(m, "text"))


@dataclass
class Counts:
    """Summable counts; every score is a property computed from them."""

    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0
    docs: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(**{k: getattr(self, k) + getattr(other, k) for k in asdict(self)})

    @property
    def strict_prf(self) -> tuple[float, float, float]:
        return prf(self.strict, self.pred, self.gold)

    @property
    def relaxed_prf(self) -> tuple[float, float, float]:
        return prf(self.relaxed, self.pred, self.gold)

    @property
    def type_accuracy(self) -> float | None:
        return self.type_correct / self.relaxed if self.relaxed else None

    @property
    def value_accuracy(self) -> float | None:
        return self.value_correct / self.relaxed if self.relaxed else None

    @property
    def type_prf(self) -> tuple[float, float, float]:
        return prf(self.type_correct, self.pred, self.gold)

    @property
    def value_prf(self) -> tuple[float, float, float]:
        return prf(self.value_correct, self.pred, self.gold)

    @property
    def strict_f1(self) -> float:
        return self.strict_prf[2]

    @property
    def relaxed_f1(self) -> float:
        return self.relaxed_prf[2]

    @property
    def type_f1(self) -> float:
        return self.type_prf[2]

    @property
    def value_f1(self) -> float:
        return self.value_prf[2]

    def summary(self) -> dict[str, Any]:
        """The counts and every score, JSON-friendly."""
        d: dict[str, Any] = asdict(self)
        for name in ("strict", "relaxed", "type", "value"):
            p, r, f = getattr(self, f"{name}_prf")
            d[name] = {"precision": p, "recall": r, "f1": f}
        d["type"]["accuracy"] = self.type_accuracy
        d["value"]["accuracy"] = self.value_accuracy
        return d


def match_strict(gold: Sequence[Mention], preds: Sequence[Mention]) -> dict[int, int]:
    """gold index -> prediction index for identical spans, one-to-one."""
    return _sm.match_strict([(g.start, g.end) for g in gold], [(p.start, p.end) for p in preds])


def match_relaxed(gold: Sequence[Mention], preds: Sequence[Mention]) -> dict[int, int]:
    """gold index -> prediction index: overlapping spans, one-to-one, largest overlap first."""
    return _sm.match_relaxed([(g.start, g.end) for g in gold], [(p.start, p.end) for p in preds])


def score_document(gold: Iterable[Any], preds: Iterable[Any]) -> Counts:
    """The counts of one document."""
    g = [Mention.of(m) for m in gold]
    p = [Mention.of(m) for m in preds]
    relaxed = match_relaxed(g, p)
    c = Counts(gold=len(g), pred=len(p), strict=len(match_strict(g, p)),
               relaxed=len(relaxed), docs=1)
    for i, j in relaxed.items():
        c.type_correct += g[i].type == p[j].type
        c.value_correct += g[i].value is not None and g[i].value == p[j].value
    return c


def score(golds: Sequence[Iterable[Any]], preds: Sequence[Iterable[Any]]) -> Counts:
    """Counts summed over documents (``golds[k]`` and ``preds[k]`` belong to document k)."""
    if len(golds) != len(preds):
        raise ValueError(f"{len(golds)} gold documents but {len(preds)} predictions")
    total = Counts()
    for g, p in zip(golds, preds):
        total = total + score_document(g, p)
    return total


# --------------------------------------------------------------------------------------------
# Errors


def _context(text: str | None, start: int, end: int, width: int = 40) -> str:
    if text is None:
        return ""
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def document_errors(gold: Iterable[Any], preds: Iterable[Any],
                    text: str | None = None) -> list[dict[str, Any]]:
    """Every error of one document, in text order: ``missed`` (gold without an overlapping
    prediction), ``spurious`` (prediction without a gold), ``span`` (relaxed but not strict
    match), ``type`` and ``value`` (relaxed pair with a different attribute). Each is a dict
    with ``error``, ``gold`` and ``pred`` (mention dicts or None) and ``context`` (40 characters
    either side, the mention in brackets) when ``text`` is given."""
    g = [Mention.of(m) for m in gold]
    p = [Mention.of(m) for m in preds]
    relaxed = match_relaxed(g, p)
    matched = set(relaxed.values())

    def view(m: Mention) -> dict[str, Any]:
        d = asdict(m)
        if d["text"] is None and text is not None:
            d["text"] = text[m.start:m.end]
        return d

    out: list[dict[str, Any]] = []
    for i, gm in enumerate(g):
        j = relaxed.get(i)
        if j is None:
            out.append({"error": "missed", "gold": view(gm), "pred": None, "at": gm.start,
                        "context": _context(text, gm.start, gm.end)})
            continue
        pm = p[j]
        for kind, bad in (("span", (gm.start, gm.end) != (pm.start, pm.end)),
                          ("type", gm.type != pm.type),
                          ("value", gm.value is None or gm.value != pm.value)):
            if bad:
                out.append({"error": kind, "gold": view(gm), "pred": view(pm), "at": gm.start,
                            "context": _context(text, min(gm.start, pm.start),
                                                max(gm.end, pm.end))})
    for j, pm in enumerate(p):
        if j not in matched:
            out.append({"error": "spurious", "gold": None, "pred": view(pm), "at": pm.start,
                        "context": _context(text, pm.start, pm.end)})
    out.sort(key=lambda e: int(e["at"]))
    return out


def format_error(e: dict[str, Any]) -> str:
    """One line: kind, gold and predicted span/type/value, context."""

    def show(m: dict[str, Any] | None) -> str:
        if m is None:
            return "-"
        return f"{m['start']}:{m['end']} {m['text']!r} {m['type']} {m['value']!r}"

    return f"  {e['error']:<8} gold {show(e['gold'])}  pred {show(e['pred'])}  {e['context']}"
