"""Date extraction on the Persian dev set (../shared/data/dates/fa_dev.jsonl), and its scorer.

The scorer is benchmarks/date_scoring.py (the one eval_dates.py uses), loaded by path: the suite
runs from a temporary directory against the installed package, with the repository as rootdir.
Its unit tests use synthetic items with known scores and need neither the data nor the date
engine. The dev-set run skips cleanly when ../shared is absent or the installed sokhan has no
``extract_dates`` yet, and otherwise asserts the floors below.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SCORER = REPO / "benchmarks" / "date_scoring.py"
DEV_SET = REPO.parent / "shared" / "data" / "dates" / "fa_dev.jsonl"

#: Floors on the dev set (raised as the engine improves).
MIN_STRICT_F1 = 0.98
MIN_VALUE_ACCURACY = 0.98
MAX_HARD_NEGATIVE_FP = 0


def _load_scorer():
    spec = importlib.util.spec_from_file_location("sokhan_date_scoring", SCORER)
    assert spec is not None and spec.loader is not None, SCORER
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


ds = _load_scorer()


# --------------------------------------------------------------------------------------------
# Synthetic items


def mention(start: int, end: int, text: str, kind: str = "date", value: str | None = None,
            intervals: list[list[str]] | None = None, grain: str = "day",
            calendar: str = "persian", mod: str | None = None, approx_days: int = 0,
            **extra: Any) -> dict:
    m = {"start": start, "end": end, "text": text, "kind": kind, "calendar": calendar,
         "grain": grain, "native": None, "value": value,
         "intervals": intervals if intervals is not None else [], "mod": mod,
         "relative": False, "approx_days": approx_days}
    m.update(extra)
    return m


def item(text: str, mentions: list[dict], phenomena: list[str] | None = None,
         id: str = "t", reference: str = "2015-11-25") -> dict:  # noqa: A002
    for m in mentions:
        assert text[m["start"]:m["end"]] == m["text"], m
    return {"id": id, "text": text, "reference": reference, "mentions": mentions,
            "phenomena": phenomena or []}


def at(text: str, sub: str) -> tuple[int, int, str]:
    """``(start, end, sub)`` of the first ``sub`` in ``text``."""
    k = text.index(sub)
    return k, k + len(sub), sub


T1 = "جلسه دوشنبه ۲ آذر ۱۳۹۴ برگزار شد."
DAY = mention(*at(T1, "دوشنبه ۲ آذر ۱۳۹۴"), value="2015-11-23",
              intervals=[["2015-11-23T00:00", "2015-11-24T00:00"]])
T2 = "او به مدت ۳ سال در تهران بود و هر هفته یک بار می‌آمد."
DUR = mention(*at(T2, "۳ سال"), kind="duration", value="P3Y", grain="year")
SET = mention(*at(T2, "هر هفته یک بار"), kind="set", value="P1W", grain="week")
T3 = "چند روز پیش باران آمد."
VAGUE = mention(*at(T3, "چند روز پیش"), value="PAST_REF",
                intervals=[["2015-11-15T00:00", "2015-11-25T00:00"]], unscored=True)
NEG = item("او به دوشنبه، پایتخت تاجیکستان، رفت.", [], ["hard_negative", "neg_dushanbe"],
           id="neg")


def pred(m: dict, interval: Any = "gold", **change: Any) -> dict:
    """A prediction equal to gold mention ``m`` (first interval), with ``change`` applied."""
    p = {k: m[k] for k in ("start", "end", "kind", "calendar", "grain", "mod", "value")}
    p["interval"] = (m["intervals"][0] if m["intervals"] else None) if interval == "gold" \
        else interval
    p.update(change)
    return p


def items_all() -> list[dict]:
    return [item(T1, [DAY], ["sh_full_date"], id="a"),
            item(T2, [DUR, SET], ["duration", "set"], id="b"),
            item(T3, [VAGUE], ["vague"], id="c"), NEG]


# --------------------------------------------------------------------------------------------
# The scorer


def test_perfect_predictions_score_one():
    items = items_all()
    s = ds.score(items, [ds.gold_as_predictions(i) for i in items])
    assert s.strict == (1.0, 1.0, 1.0)
    assert s.relaxed == (1.0, 1.0, 1.0)
    for a in ("kind", "calendar", "grain", "mod"):
        assert s.attr_accuracy(a) == 1.0
    assert s.value_accuracy == 1.0
    assert s.value == (1.0, 1.0, 1.0)
    assert s.hard_negative_fp_count == 0
    assert s.hard_negative_items == 1
    assert (s.gold, s.predicted) == (4, 4)
    assert ds.errors(items, [ds.gold_as_predictions(i) for i in items]) == []


def test_no_predictions_score_zero():
    items = items_all()
    s = ds.score(items, [[] for _ in items])
    assert s.strict == (0.0, 0.0, 0.0) and s.relaxed == (0.0, 0.0, 0.0)
    assert s.value_f1 == 0.0 and s.value_accuracy is None
    assert [e["type"] for _, es in ds.errors(items, [[] for _ in items]) for e in es] == \
        ["missed"] * 4


def test_off_by_one_span_counts_relaxed_not_strict():
    it = [item(T1, [DAY])]
    s = ds.score(it, [[pred(DAY, start=DAY["start"] + 1)]])
    assert s.strict == (0.0, 0.0, 0.0)
    assert s.relaxed == (1.0, 1.0, 1.0)
    assert s.value_accuracy == 1.0 and s.value_f1 == 1.0  # value is judged on relaxed matches
    errs = ds.item_errors(it[0], [pred(DAY, end=DAY["end"] - 1)])
    assert [e["type"] for e in errs] == ["span"]


def test_relaxed_matching_is_one_to_one_by_largest_overlap():
    # two gold days; one long prediction over both, one short prediction inside the second
    text = "۲۶ و ۲۷ آذر"
    g1 = mention(0, 2, "۲۶", value="2015-12-17",
                 intervals=[["2015-12-17T00:00", "2015-12-18T00:00"]])
    g2 = mention(5, 11, "۲۷ آذر", value="2015-12-18",
                 intervals=[["2015-12-18T00:00", "2015-12-19T00:00"]])
    it = [item(text, [g1, g2])]
    long = pred(g2, start=0)  # [0, 11): overlaps g1 by 2 and g2 by 6
    short = pred(g2, end=7)  # [5, 7): overlaps g2 by 2
    s = ds.score(it, [[long, short]])
    # long takes g2 (largest overlap), short overlaps nothing else: g1 missed, short spurious
    assert s.relaxed_tp == 1 and s.predicted == 2 and s.gold == 2
    assert s.relaxed == (0.5, 0.5, 0.5)
    assert sorted(e["type"] for e in ds.item_errors(it[0], [long, short])) == \
        ["missed", "span", "spurious"]


def test_interval_within_approx_days_counts():
    g = mention(*at(T1, "دوشنبه ۲ آذر ۱۳۹۴"), value="2015-11-23",
                intervals=[["2015-11-01T00:00", "2015-11-11T00:00"]], mod="START",
                grain="month", approx_days=3)
    it = [item(T1, [g])]
    ok = pred(g, interval=(dt.datetime(2015, 10, 29), dt.datetime(2015, 11, 14)))  # 3 and 3
    bad = pred(g, interval=(dt.datetime(2015, 11, 1), dt.datetime(2015, 11, 15)))  # 4 at the end
    assert ds.score(it, [[ok]]).value_accuracy == 1.0
    assert ds.score(it, [[bad]]).value_accuracy == 0.0
    # exact when approx_days is 0: one minute off is wrong
    it0 = [item(T1, [DAY])]
    assert ds.score(it0, [[pred(DAY, interval=("2015-11-23T00:00", "2015-11-24T00:01"))]]
                    ).value_accuracy == 0.0
    # a missing interval is wrong for a date
    s = ds.score(it0, [[pred(DAY, interval=None)]])
    assert s.value_accuracy == 0.0 and s.value_f1 == 0.0 and s.relaxed_f1 == 1.0


def test_any_alternative_interval_counts():
    g = mention(*at(T1, "دوشنبه ۲ آذر ۱۳۹۴"), value="2018-03-21/2019-03-20", grain="year",
                intervals=[["2018-03-21T00:00", "2019-03-21T00:00"],
                           ["2018-01-01T00:00", "2019-01-01T00:00"]])
    it = [item(T1, [g])]
    assert ds.score(it, [[pred(g, interval=("2018-01-01", "2019-01-01"))]]).value_accuracy == 1.0
    assert ds.score(it, [[pred(g, interval=("2018-01-01", "2019-03-21"))]]).value_accuracy == 0.0


def test_duration_and_set_values_compare_as_strings():
    it = [item(T2, [DUR, SET])]
    s = ds.score(it, [[pred(DUR), pred(SET, value="P1D")]])
    assert s.relaxed_f1 == 1.0
    assert s.value_accuracy == 0.5
    assert s.value == (0.5, 0.5, 0.5)
    # an interval does not rescue a duration
    s = ds.score(it, [[pred(DUR, value=None, interval=("2015-01-01", "2018-01-01")), pred(SET)]])
    assert s.value_accuracy == 0.5


def test_unscored_mentions_are_skipped_for_value():
    it = [item(T3, [VAGUE])]
    s = ds.score(it, [[pred(VAGUE, value="P3D", interval=None)]])  # wrong value, right span
    assert s.relaxed_f1 == 1.0 and s.strict_f1 == 1.0
    assert s.value_scored == 0 and s.value_accuracy is None
    assert (s.value_gold, s.value_pred) == (0, 0)
    assert ds.item_errors(it[0], [pred(VAGUE, value="P3D", interval=None)]) == []
    # beside a scored mention, the unscored one changes nothing in value F1
    both = [item(T3, [VAGUE]), item(T1, [DAY])]
    s = ds.score(both, [[pred(VAGUE, interval=None)], [pred(DAY)]])
    assert s.value_accuracy == 1.0 and s.value == (1.0, 1.0, 1.0)
    # but its span still counts: missing it costs recall
    s = ds.score(both, [[], [pred(DAY)]])
    assert s.relaxed == (1.0, 0.5, pytest.approx(2 / 3)) and s.value == (1.0, 1.0, 1.0)


def test_prediction_on_hard_negative_is_a_false_positive():
    start, end, _ = at(NEG["text"], "دوشنبه")
    p = {"start": start, "end": end, "kind": "date", "value": "2015-11-23",
         "interval": ("2015-11-23", "2015-11-24")}
    s = ds.score([NEG], [[p]])
    assert s.hard_negative_fp_count == 1
    fp = s.hard_negative_fp[0]
    assert fp["id"] == "neg" and fp["text"] == "دوشنبه" and fp["phenomena"] == ["neg_dushanbe"]
    assert s.predicted == 1 and s.strict[0] == 0.0 and s.relaxed[0] == 0.0
    assert s.slices["neg_dushanbe"].false_positives == 1
    errs = ds.item_errors(NEG, [p])
    assert [(e["type"], e["hard_negative"]) for e in errs] == [("spurious", True)]
    # with gold elsewhere: precision drops, recall does not
    s = ds.score([item(T1, [DAY]), NEG], [[pred(DAY)], [p]])
    assert s.relaxed == (0.5, 1.0, pytest.approx(2 / 3))


def test_attributes_are_scored_on_relaxed_matches():
    it = [item(T1, [DAY])]
    s = ds.score(it, [[pred(DAY, kind="time", calendar="gregorian", start=DAY["start"] + 1)]])
    assert s.attr_accuracy("kind") == 0.0 and s.attr_accuracy("calendar") == 0.0
    assert s.attr_accuracy("grain") == 1.0 and s.attr_accuracy("mod") == 1.0
    assert s.value_accuracy == 1.0  # a date gold is judged by its interval


def test_objects_with_datetime_intervals_are_accepted():
    @dataclass
    class Mention:  # shaped like sokhan.DateMention
        start: int
        end: int
        text: str
        kind: str
        calendar: str
        grain: str
        value: str | None
        interval: tuple[dt.datetime, dt.datetime] | None
        mod: str | None = None

    m = Mention(DAY["start"], DAY["end"], DAY["text"], "date", "persian", "day", "2015-11-23",
                (dt.datetime(2015, 11, 23), dt.datetime(2015, 11, 24)))
    s = ds.score([item(T1, [DAY])], [[m]])
    assert s.strict_f1 == 1.0 and s.value_accuracy == 1.0 and s.attr_accuracy("grain") == 1.0


def test_slices():
    items = items_all()
    preds = [[pred(DAY)], [pred(DUR, value="P2Y")], [], []]
    s = ds.score(items, preds)
    assert s.slices["sh_full_date"].recall == 1.0
    assert s.slices["sh_full_date"].value_accuracy == 1.0
    assert s.slices["duration"].gold == 2 and s.slices["duration"].recall == 0.5
    assert s.slices["duration"].value_accuracy == 0.0
    assert s.slices["vague"].recall == 0.0 and s.slices["vague"].value_accuracy is None
    assert s.to_dict()["slices"]["set"]["recall"] == 0.5


def test_error_listing_shows_predicted_and_gold_values():
    it = item(T1, [DAY])
    errs = ds.item_errors(it, [pred(DAY, interval=("2015-11-22", "2015-11-23"))])
    assert [e["type"] for e in errs] == ["value"]
    line = ds.format_error(errs[0])
    assert "2015-11-22T00:00/2015-11-23T00:00" in line  # predicted
    assert "2015-11-23T00:00/2015-11-24T00:00" in line  # gold


def test_score_checks_lengths():
    with pytest.raises(ValueError):
        ds.score(items_all(), [[]])


# --------------------------------------------------------------------------------------------
# The dev set


needs_data = pytest.mark.skipif(not DEV_SET.exists(), reason=f"dev set not available at {DEV_SET}")


@needs_data
def test_dev_set_gold_scores_perfectly():
    items = ds.load_items(DEV_SET)
    assert len(items) == 440
    assert sum(len(i["mentions"]) for i in items) == 416
    assert sum(ds.is_hard_negative(i) for i in items) == 75
    for i in items:
        for m in i["mentions"]:
            assert i["text"][m["start"]:m["end"]] == m["text"], (i["id"], m)
    s = ds.score(items, [ds.gold_as_predictions(i) for i in items])
    assert s.strict_f1 == 1.0 and s.value_accuracy == 1.0 and s.value_f1 == 1.0


def _sokhan_with_dates():
    sokhan = pytest.importorskip("sokhan")
    if not hasattr(sokhan, "extract_dates"):
        pytest.skip(f"the installed sokhan ({sokhan.__version__}) has no extract_dates yet")
    return sokhan


@needs_data
def test_dev_set_floors():
    sokhan = _sokhan_with_dates()
    items = ds.load_items(DEV_SET)
    preds = []
    for i in items:
        ms = sokhan.extract_dates(i["text"], reference=ds.reference_of(i))
        for m in ms:
            assert i["text"][m.start:m.end] == m.text, (i["id"], m)
        preds.append(ms)
    s = ds.score(items, preds)
    summary = ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                        for k, v in s.summary().items())
    assert s.strict_f1 >= MIN_STRICT_F1, f"strict F1 below {MIN_STRICT_F1}: {summary}"
    assert s.value_accuracy is not None and s.value_accuracy >= MIN_VALUE_ACCURACY, \
        f"value accuracy below {MIN_VALUE_ACCURACY}: {summary}"
    assert s.hard_negative_fp_count <= MAX_HARD_NEGATIVE_FP, s.hard_negative_fp
