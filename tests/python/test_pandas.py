"""The ``.sokhan`` Series accessor of ``sokhan.pandas``: values, index, missing rows, errors,
per-row references, agreement with the single-text API and a large column."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

import sokhan  # noqa: E402

# The accessor module may not be installed yet (it is new): fall back to the source tree.
_SOURCE = Path(__file__).resolve().parents[2] / "python" / "sokhan" / "pandas.py"
try:
    import sokhan.pandas as sp
except ModuleNotFoundError:
    _spec = importlib.util.spec_from_file_location("sokhan.pandas", _SOURCE)
    assert _spec is not None and _spec.loader is not None
    sp = importlib.util.module_from_spec(_spec)
    sys.modules["sokhan.pandas"] = sp
    _spec.loader.exec_module(sp)

FA = "جلسه دوشنبه ۲ آذر ۱۳۹۴ برگزار شد."
EN = "The meeting was on March 3, 2014."
YESTERDAY = "دیروز باران آمد."

COLUMNS = ["start", "end", "text", "kind", "calendar", "grain", "native", "value", "begin", "until",
           "mod", "relative"]
DTYPES = {"start": "Int64", "end": "Int64", "text": "string", "kind": "string", "calendar": "string",
          "grain": "string", "native": "string", "value": "string", "begin": "datetime64[us]",
          "until": "datetime64[us]", "mod": "string", "relative": "boolean"}


def _check_frame(df):
    assert list(df.columns) == COLUMNS
    assert {c: str(t) for c, t in df.dtypes.items()} == DTYPES


def _ts(text):
    return pd.Timestamp(text)


# --- values ------------------------------------------------------------------------------------

def test_persian_date_with_reference():
    df = pd.Series([FA]).sokhan.dates(reference="2015-11-25")
    _check_frame(df)
    assert len(df) == 1
    row = df.iloc[0]
    assert df.index.tolist() == [0]
    assert (row["start"], row["end"]) == (5, 22)
    assert row["text"] == "دوشنبه ۲ آذر ۱۳۹۴" == FA[row["start"]:row["end"]]
    assert (row["kind"], row["calendar"], row["grain"]) == ("date", "persian", "day")
    assert (row["native"], row["value"]) == ("1394-09-02", "2015-11-23")
    assert (row["begin"], row["until"]) == (_ts("2015-11-23"), _ts("2015-11-24"))
    assert row["mod"] is pd.NA
    assert not row["relative"]


def test_english_row_with_auto_language():
    df = pd.Series([FA, EN]).sokhan.dates()
    assert df.index.tolist() == [0, 1]
    en = df.loc[1]
    assert (en["text"], en["calendar"], en["native"], en["value"]) == (
        "March 3, 2014", "gregorian", "2014-03-03", "2014-03-03")
    assert (en["begin"], en["until"]) == (_ts("2014-03-03"), _ts("2014-03-04"))


def test_relative_mention_has_mod_and_month_interval():
    df = pd.Series(["اوایل بهمن پارسال"]).sokhan.dates(reference=dt.date(2016, 5, 1))
    row = df.iloc[0]
    assert (row["native"], row["mod"], row["grain"]) == ("1394-11", "START", "month")
    assert row["relative"]
    assert row["begin"] == _ts("2016-01-21")


def test_relative_mention_without_reference_has_no_value():
    df = pd.Series([YESTERDAY]).sokhan.dates()
    row = df.iloc[0]
    assert row["text"] == "دیروز" and row["relative"]
    assert row["value"] is pd.NA and row["native"] is pd.NA
    assert row["begin"] is pd.NaT and row["until"] is pd.NaT


def test_normalize_values_and_options():
    s = pd.Series(["علي  مي رود", "سال 1394"])
    assert s.sokhan.normalize().tolist() == ["علی می\u200cرود", "سال 1394"]
    assert s.sokhan.normalize(digits="persian").tolist()[1] == "سال ۱۳۹۴"
    with pytest.raises(sokhan.InvalidOptionError, match="no_such_option"):
        s.sokhan.normalize(no_such_option=True)


def test_sentences_lists_and_explode():
    s = pd.Series(["دیروز باران آمد. امروز آفتابی است.", "Hello there. How are you?"], index=[10, 20])
    out = s.sokhan.sentences()
    assert out.dtype == object
    assert out.tolist() == [["دیروز باران آمد.", "امروز آفتابی است."], ["Hello there.", "How are you?"]]
    exploded = out.explode()
    assert exploded.index.tolist() == [10, 10, 20, 20]
    assert exploded.tolist()[2] == "Hello there."
    assert s.sokhan.sentences(lang="en").tolist()[1] == ["Hello there.", "How are you?"]


def test_sentences_spans():
    text = "Hello there. How are you?"
    spans = pd.Series([text]).sokhan.sentences(spans=True).iloc[0]
    assert [(sp_.start, sp_.end) for sp_ in spans] == [(0, 12), (13, 25)]
    assert all(text[x.start:x.end] == x.text for x in spans)


# --- index and name ----------------------------------------------------------------------------

def test_index_and_name_preserved():
    idx = pd.Index(["d9", "d3", "d5"], name="doc_id")
    s = pd.Series([EN, "no date here", FA], index=idx, name="body")
    norm = s.sokhan.normalize()
    assert norm.index.equals(idx) and norm.name == "body" and norm.index.name == "doc_id"
    sents = s.sokhan.sentences()
    assert sents.index.equals(idx) and sents.name == "body"
    df = s.sokhan.dates(reference="2015-11-25")
    assert df.index.name == "doc_id"
    assert df.index.tolist() == ["d9", "d5"]
    assert df.reset_index().columns[0] == "doc_id"


def test_dates_join_back_onto_the_frame():
    frame = pd.DataFrame({"text": [EN, "nothing", FA], "source": ["a", "b", "c"]},
                         index=pd.Index([7, 8, 9], name="doc"))
    joined = frame[["source"]].join(frame["text"].sokhan.dates(reference="2015-11-25"))
    assert joined.loc[9, "native"] == "1394-09-02" and joined.loc[9, "source"] == "c"
    assert pd.isna(joined.loc[8, "native"])  # a row without mentions stays, with missing columns


def test_multiindex_source():
    idx = pd.MultiIndex.from_tuples([("x", 1), ("y", 2)], names=["paper", "para"])
    df = pd.Series([FA, EN], index=idx).sokhan.dates()
    assert df.index.names == ["paper", "para"]
    assert df.index.tolist() == [("x", 1), ("y", 2)]


def test_several_mentions_repeat_the_label():
    s = pd.Series(["جلسه دوشنبه ۲ آذر ۱۳۹۴ و سه شنبه ۳ آذر ۱۳۹۴ بود."], index=pd.Index([42], name="doc"))
    df = s.sokhan.dates()
    assert df.index.tolist() == [42, 42]
    assert df["native"].tolist() == ["1394-09-02", "1394-09-03"]
    assert df["start"].is_monotonic_increasing


# --- missing values ----------------------------------------------------------------------------

MISSING = [None, np.nan, pd.NA, pd.NaT]


def test_missing_values_pass_through():
    s = pd.Series([FA, *MISSING, EN], index=list("abcdef"), dtype=object)
    norm = s.sokhan.normalize()
    assert norm.isna().tolist() == [False, True, True, True, True, False]
    assert norm["a"] == sokhan.normalize(FA)
    sents = s.sokhan.sentences()
    assert sents.isna().tolist() == [False, True, True, True, True, False]
    assert sents["f"] == [EN]
    assert sents.explode().isna().sum() == 4
    df = s.sokhan.dates(reference="2015-11-25")
    assert df.index.tolist() == ["a", "f"]


def test_string_dtype_keeps_its_dtype_and_missing_marker():
    s = pd.Series([FA, None], dtype="string")
    norm = s.sokhan.normalize()
    assert norm.dtype == s.dtype
    assert norm.iloc[1] is pd.NA
    assert len(s.sokhan.dates()) == 1


def test_all_missing_and_empty_series():
    for s in (pd.Series([None, np.nan], dtype=object), pd.Series([np.nan, np.nan]),
              pd.Series([], dtype=object), pd.Series([], dtype="string")):
        assert s.sokhan.normalize().isna().all() and len(s.sokhan.normalize()) == len(s)
        assert s.sokhan.sentences().isna().all() and len(s.sokhan.sentences()) == len(s)
        df = s.sokhan.dates(reference="2015-11-25")
        assert len(df) == 0
        _check_frame(df)


def test_no_mentions_gives_empty_typed_frame_with_index_name():
    s = pd.Series(["هیچ تاریخی نیست.", ""], index=pd.Index([1, 2], name="doc"))
    df = s.sokhan.dates()
    _check_frame(df)
    assert len(df) == 0 and df.index.name == "doc"
    assert s.sokhan.sentences().tolist() == [["هیچ تاریخی نیست."], []]


def test_categorical_series():
    s = pd.Series([FA, EN, FA, None], dtype="category")
    assert s.sokhan.normalize().isna().tolist() == [False, False, False, True]
    assert s.sokhan.dates().index.tolist() == [0, 1, 2]


# --- per-row references ------------------------------------------------------------------------

def test_reference_series_per_row_with_missing():
    s = pd.Series([YESTERDAY, None, YESTERDAY, YESTERDAY, YESTERDAY], index=list("abcde"))
    # The reference of the missing text (b) must not shift the others.
    refs = pd.Series(["2015-11-25", "2000-01-01", None, pd.Timestamp("2020-03-21"), pd.NaT],
                     index=list("abcde"), dtype=object)
    df = s.sokhan.dates(reference=refs)
    assert df.index.tolist() == ["a", "c", "d", "e"]
    assert df["native"].tolist() == ["1394-09-03", pd.NA, "1399-01-01", pd.NA]
    assert df["value"].tolist() == ["2015-11-24", pd.NA, "2020-03-20", pd.NA]


def test_reference_series_datetime64_and_label_alignment():
    s = pd.Series([YESTERDAY, YESTERDAY, YESTERDAY], index=[3, 1, 2])
    # Aligned by label, not by position; label 2 is absent: no reference for that row.
    refs = pd.Series(pd.to_datetime(["2015-11-25", "2020-03-21", None]), index=[1, 3, 4])
    df = s.sokhan.dates(reference=refs)
    assert df["value"].tolist() == ["2020-03-20", "2015-11-24", pd.NA]


def test_reference_scalars_of_every_kind():
    s = pd.Series([YESTERDAY])
    for ref in ("2015-11-25", dt.date(2015, 11, 25), dt.datetime(2015, 11, 25, 13, 0),
                pd.Timestamp("2015-11-25"), np.datetime64("2015-11-25")):
        assert s.sokhan.dates(reference=ref)["value"].tolist() == ["2015-11-24"], ref
    for ref in (None, pd.NaT, np.nan):
        assert s.sokhan.dates(reference=ref)["value"].tolist() == [pd.NA], ref


# --- errors ------------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", [42, 3.5, b"bytes", ["a list"]])
def test_non_str_value_names_the_row(bad):
    s = pd.Series([FA, bad], index=pd.Index(["ok", "broken"], name="doc"), dtype=object)
    for call in (lambda: s.sokhan.normalize(), lambda: s.sokhan.sentences(), lambda: s.sokhan.dates()):
        with pytest.raises(TypeError, match="'broken'") as info:
            call()
        assert isinstance(info.value, sokhan.SokhanError)
        assert type(bad).__name__ in str(info.value)


def test_numeric_series_is_a_type_error():
    with pytest.raises(TypeError, match="row 0"):
        pd.Series([1, 2]).sokhan.normalize()


def test_integer_row_label_reads_as_python_shows_it():
    s = pd.Series(["a", 5], index=[10, 11], dtype=object)
    with pytest.raises(TypeError, match=r"^row 11 of the Series is int"):
        s.sokhan.normalize()


def test_bad_references():
    s = pd.Series([YESTERDAY, YESTERDAY], index=["a", "b"])
    with pytest.raises(ValueError, match="'b'"):
        s.sokhan.dates(reference=pd.Series(["2015-11-25", "not a date"], index=["a", "b"]))
    s2 = pd.Series([None, YESTERDAY, YESTERDAY], index=["x", "y", "z"])
    with pytest.raises(ValueError, match="'z'"):
        s2.sokhan.dates(reference=pd.Series(["2015-11-25", "2015-11-25", "bad"], index=["x", "y", "z"]))
    with pytest.raises(TypeError, match="'a'"):
        s.sokhan.dates(reference=pd.Series([20151125, None], index=["a", "b"], dtype=object))
    with pytest.raises(ValueError, match="not an ISO date"):
        s.sokhan.dates(reference="yesterday")
    with pytest.raises(TypeError, match="Series"):
        s.sokhan.dates(reference=["2015-11-25", "2015-11-26"])
    with pytest.raises(TypeError):
        s.sokhan.dates(reference=20151125)


def test_bad_lang_and_threads():
    s = pd.Series([FA])
    with pytest.raises(ValueError, match="language"):
        s.sokhan.dates(lang="xx")
    with pytest.raises(ValueError, match="language"):
        s.sokhan.sentences(lang="xx")
    with pytest.raises(TypeError, match="threads"):
        s.sokhan.normalize(threads="2")


# --- agreement with the single-text API, scale -------------------------------------------------

_PARTS = [FA, EN, YESTERDAY, "اوایل بهمن پارسال قیمت ها بالا رفت.", "رئيسجمهور مي گويد 12 May 2020.",
          "Dr. Smith came on Friday. He left at 5 pm.", "سه روز بعد از ۱۵ خرداد", "هیچ", ""]


def _corpus(n):
    return [" ".join(_PARTS[(k * 7 + j) % len(_PARTS)] for j in range(k % 4)) for k in range(n)]


def test_agrees_with_single_calls_on_200_rows():
    texts = _corpus(200)
    idx = pd.Index(range(1000, 1200), name="doc")
    s = pd.Series(texts, index=idx)
    refs = pd.Series([dt.date(2015, 1, 1) + dt.timedelta(days=5 * k) if k % 5 else None
                      for k in range(200)], index=idx, dtype=object)

    assert s.sokhan.normalize().tolist() == [sokhan.normalize(t) for t in texts]
    assert s.sokhan.normalize(digits="latin").tolist() == [sokhan.normalize(t, digits="latin")
                                                            for t in texts]
    assert s.sokhan.sentences().tolist() == [sokhan.sentences(t) for t in texts]

    df = s.sokhan.dates(reference=refs)
    expected = [(label, m) for label, t, r in zip(idx, texts, refs)
                for m in sokhan.extract_dates(t, reference=r)]
    assert len(expected) > 100
    assert df.index.tolist() == [label for label, _ in expected]
    for (label, m), row in zip(expected, df.itertuples(index=False)):
        begin, until = m.interval if m.interval is not None else (None, None)
        got = (row.start, row.end, row.text, row.kind, row.calendar, row.grain, row.native,
               row.value, row.begin, row.until, row.mod, row.relative)
        want = (m.start, m.end, m.text, m.kind, m.calendar, m.grain, m.native, m.value, begin, until,
                m.mod, m.relative)
        assert [None if (g is pd.NA or g is pd.NaT) else g for g in got] == list(want), label


def test_twenty_thousand_rows():
    texts = _corpus(20_000)
    texts[::97] = [None] * len(texts[::97])
    s = pd.Series(texts, name="text")
    assert len(s.sokhan.normalize()) == 20_000
    assert len(s.sokhan.sentences()) == 20_000
    df = s.sokhan.dates(reference="2015-11-25")
    assert len(df) > 10_000
    assert df.index.is_monotonic_increasing
    assert set(df.index) <= set(s.dropna().index)


# --- registration ------------------------------------------------------------------------------

def test_accessor_registered_only_by_importing_sokhan_pandas():
    code = textwrap.dedent(f"""
        import importlib.util, sys
        import pandas as pd
        import sokhan
        assert not hasattr(pd.Series, "sokhan"), "import sokhan registered the accessor"
        assert "sokhan.pandas" not in sys.modules
        try:
            import sokhan.pandas
        except ModuleNotFoundError:
            spec = importlib.util.spec_from_file_location("sokhan.pandas", {str(_SOURCE)!r})
            module = importlib.util.module_from_spec(spec)
            sys.modules["sokhan.pandas"] = module
            spec.loader.exec_module(module)
        assert hasattr(pd.Series, "sokhan")
        print(pd.Series(["x"]).sokhan.normalize().tolist())
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONWARNINGS": "error"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['x']"
