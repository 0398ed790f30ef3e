"""Span matching and P/R/F1 shared by the two scorers (date_scoring.py for the Persian dev set,
timeml_scoring.py for TempEval-3): strict = identical spans, relaxed = overlapping spans paired
one-to-one, largest overlap first. Spans are (start, end) pairs. Pure Python, no sokhan import."""

from __future__ import annotations

from typing import Sequence

Span = tuple[int, int]


def overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def match_strict(gold: Sequence[Span], preds: Sequence[Span]) -> dict[int, int]:
    """gold index -> prediction index for identical spans, one-to-one."""
    free: dict[Span, list[int]] = {}
    for j, p in enumerate(preds):
        free.setdefault(p, []).append(j)
    out = {}
    for i, g in enumerate(gold):
        js = free.get(g)
        if js:
            out[i] = js.pop(0)
    return out


def match_relaxed(gold: Sequence[Span], preds: Sequence[Span]) -> dict[int, int]:
    """gold index -> prediction index: overlapping spans, greedily by the largest overlap.

    Ties go to the pair whose lengths differ least, then to the earlier gold and prediction, so
    the pairing is deterministic. Predictions are visited in start order and each gold stops at
    the first prediction starting after it, so documents with many mentions stay cheap.
    """
    cands = []
    order = sorted(range(len(preds)), key=lambda j: preds[j][0])
    for i, (g0, g1) in enumerate(gold):
        for j in order:
            p0, p1 = preds[j]
            if p0 >= g1:
                break
            ov = overlap(g0, g1, p0, p1)
            if ov > 0:
                cands.append((-ov, abs((g1 - g0) - (p1 - p0)), i, j))
    cands.sort()
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, _, i, j in cands:
        if i in out or j in used:
            continue
        out[i] = j
        used.add(j)
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """(precision, recall, F1) as fractions; an empty side counts as perfect only if both are."""
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else (1.0 if n_pred == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
