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
# For a fresh interpreter: imports sokhan.pandas as `sp`, from the source tree when the installed
# sokhan predates it.
_IMPORT_ACCESSOR = f"""
try:
    import sokhan.pandas as sp
except ModuleNotFoundError:
    spec = importlib.util.spec_from_file_location("sokhan.pandas", {str(_SOURCE)!r})
    sp = importlib.util.module_from_spec(spec)
    sys.modules["sokhan.pandas"] = sp
    spec.loader.exec_module(sp)
"""
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


# --- Arrow-backed columns ----------------------------------------------------------------------
# An Arrow-backed column is read from its buffers and a normalized one is built from the core's;
# the values, index and dtypes must be what the str path gives.

_NEWS = (Path(__file__).resolve().parents[1] / "data" / "news_fa.txt").read_text("utf-8").splitlines()
# Astral characters (4 UTF-8 bytes, 1 code point, 2 UTF-16 units) and 2-byte Latin before dates,
# so a byte or UTF-16 offset anywhere would show.
ASTRAL = ("😀👍🏽 𝒜 جلسه دوشنبه ۲ آذر ۱۳۹۴ برگزار شد.\n\ncafé naïve 𝟘, met on March 3, 2014 🇮🇷.\n\n"
          "دیروز باران آمد.")
_MIXED = [ASTRAL, *_corpus(60), *_NEWS, "ü", "😀", ""]


def _pa():
    return pytest.importorskip("pyarrow")


def _arrow_dtypes():
    """The Arrow-backed dtypes of a text column this pandas has (pyarrow present)."""
    pa = _pa()
    out = {"string[pyarrow]": pd.StringDtype("pyarrow"),
           "ArrowDtype(string)": pd.ArrowDtype(pa.string()),
           "ArrowDtype(large_string)": pd.ArrowDtype(pa.large_string())}
    default = pd.Series(["x"]).dtype
    if isinstance(default, pd.StringDtype) and default.storage == "pyarrow":
        out["str (default)"] = default  # pandas 3: StringDtype("pyarrow", na_value=nan)
    return out


def _with_missing(texts):
    return [None if k % 5 == 2 else t for k, t in enumerate(texts)]


def _expected_dates(texts, index, reference=None):
    return [(label, m) for label, t in zip(index, texts) if t is not None
            for m in sokhan.extract_dates(t, reference=reference)]


def _check_mentions(df, expected, texts_by_label):
    assert df.index.tolist() == [label for label, _ in expected]
    for (label, m), row in zip(expected, df.itertuples(index=False)):
        begin, until = m.interval if m.interval is not None else (None, None)
        got = (row.start, row.end, row.text, row.kind, row.calendar, row.grain, row.native,
               row.value, row.begin, row.until, row.mod, row.relative)
        want = (m.start, m.end, m.text, m.kind, m.calendar, m.grain, m.native, m.value, begin,
                until, m.mod, m.relative)
        assert [None if (g is pd.NA or g is pd.NaT) else g for g in got] == list(want), label
        assert texts_by_label[label][row.start:row.end] == row.text  # code points into the str


def test_arrow_columns_give_the_single_call_values():
    texts = _with_missing(_MIXED)
    idx = pd.Index([f"r{k}" for k in range(len(texts))], name="doc")
    by_label = dict(zip(idx, texts))
    for name, dtype in _arrow_dtypes().items():
        s = pd.Series(texts, index=idx, name="body", dtype=dtype)
        norm = s.sokhan.normalize()
        assert norm.index.equals(idx) and norm.name == "body", name
        assert norm.isna().tolist() == [t is None for t in texts], name
        assert norm.dropna().tolist() == [sokhan.normalize(t) for t in texts if t is not None], name
        sents = s.sokhan.sentences()
        assert sents.dtype == object and sents.index.equals(idx), name
        assert sents.dropna().tolist() == [sokhan.sentences(t) for t in texts if t is not None], name
        df = s.sokhan.dates(reference="2015-11-25")
        _check_frame(df)
        expected = _expected_dates(texts, idx, "2015-11-25")
        assert len(expected) > 30
        _check_mentions(df, expected, by_label)


def test_arrow_astral_offsets_are_code_points():
    pa = _pa()
    for dtype in _arrow_dtypes().values():
        df = pd.Series([ASTRAL], dtype=dtype).sokhan.dates(reference="2015-11-25")
        assert df["text"].tolist() == ["دوشنبه ۲ آذر ۱۳۹۴", "March 3, 2014", "دیروز"]
        assert df["start"].tolist() == [11, 62, 81]
        assert all(ASTRAL[r.start:r.end] == r.text for r in df.itertuples())
        sents = pd.Series([ASTRAL, "😀 Hi there. 𝒜 Bye."], dtype=dtype).sokhan.sentences()
        assert sents.tolist() == [sokhan.sentences(ASTRAL), ["😀 Hi there.", "𝒜 Bye."]]
        assert pd.Series(["ي😀ك"], dtype=dtype).sokhan.normalize().tolist() == ["ی😀ک"]
    assert pa.types.is_large_string(pa.array(pd.Series(["ي😀ك"], dtype="string[pyarrow]")
                                             .sokhan.normalize().array).type)


def test_arrow_result_equals_the_str_path_result():
    """Each Arrow dtype against the same rows as Python str (object dtype): equal values, index
    and the dtype each documents (normalize keeps a string dtype; object gives the default)."""
    texts = _with_missing(_MIXED)
    obj = pd.Series(texts, dtype=object, index=range(100, 100 + len(texts)))
    refs = pd.Series([dt.date(2015, 1, 1) + dt.timedelta(days=9 * k) if k % 3 else None
                      for k in range(len(texts))], index=obj.index, dtype=object)
    want_sents = obj.sokhan.sentences()
    want_dates = obj.sokhan.dates(reference=refs)
    want_norm = obj.sokhan.normalize()
    for name, dtype in _arrow_dtypes().items():
        s = obj.astype(dtype)
        norm = s.sokhan.normalize()
        out_dtype = dtype if isinstance(dtype, pd.StringDtype) else want_norm.dtype
        assert norm.dtype == out_dtype, name
        pd.testing.assert_series_equal(norm, want_norm.astype(out_dtype), check_exact=True)
        got = s.sokhan.sentences()
        assert got.index.equals(want_sents.index)
        assert [v if isinstance(v, list) else None for v in got] == \
               [v if isinstance(v, list) else None for v in want_sents], name
        pd.testing.assert_frame_equal(s.sokhan.dates(reference=refs), want_dates, check_exact=True)


def test_arrow_missing_rows_keep_their_dtype_marker():
    for name, dtype in _arrow_dtypes().items():
        s = pd.Series([FA, None, EN], dtype=dtype)
        marker = s.iloc[1]
        norm = s.sokhan.normalize()
        assert norm.isna().tolist() == [False, True, False], name
        sents = s.sokhan.sentences()
        assert sents.iloc[1] is marker or (marker != marker and sents.iloc[1] != sents.iloc[1]), name
        assert s.sokhan.dates().index.tolist() == [0, 2], name
    norm = pd.Series([FA, None], dtype="string[pyarrow]").sokhan.normalize()
    assert norm.dtype == "string[pyarrow]" and norm.iloc[1] is pd.NA


def test_arrow_empty_and_all_missing_columns():
    for name, dtype in _arrow_dtypes().items():
        for s in (pd.Series([], dtype=dtype), pd.Series([None, None], dtype=dtype),
                  pd.Series(["", None], dtype=dtype)):
            norm = s.sokhan.normalize()
            assert len(norm) == len(s) and norm.isna().tolist() == s.isna().tolist(), name
            assert norm.dropna().tolist() == s.dropna().tolist(), name
            sents = s.sokhan.sentences()
            assert [v for v in sents if isinstance(v, list)] == [[] for v in s.tolist()
                                                                 if isinstance(v, str)], name
            df = s.sokhan.dates(reference="2015-11-25")
            _check_frame(df)
            assert len(df) == 0


def test_threads_one_and_two_agree_on_arrow_and_object_columns():
    texts = _with_missing(_corpus(400) + _NEWS)
    for dtype in [object, *_arrow_dtypes().values()]:
        s = pd.Series(texts, dtype=dtype)
        pd.testing.assert_series_equal(s.sokhan.normalize(threads=1), s.sokhan.normalize(threads=2))
        one, two = s.sokhan.sentences(threads=1), s.sokhan.sentences(threads=2)
        assert [v if isinstance(v, list) else None for v in one] == \
               [v if isinstance(v, list) else None for v in two]
        pd.testing.assert_frame_equal(s.sokhan.dates(reference="2015-11-25", threads=1),
                                      s.sokhan.dates(reference="2015-11-25", threads=2))


def test_chunked_and_sliced_arrow_columns():
    pa = _pa()
    texts = _with_missing(_MIXED)
    pieces = [pd.Series(texts[a:b], index=range(a, b), dtype="string[pyarrow]")
              for a, b in ((0, 20), (20, 21), (21, 21), (21, len(texts)))]
    s = pd.concat(pieces)
    assert pa.array(s.array).num_chunks == 4  # pd.concat keeps the Arrow chunks
    whole = pd.Series(texts, dtype="string[pyarrow]")
    for got, want in ((s, whole), (s.iloc[7:55], whole.iloc[7:55]), (whole.iloc[13:40], whole.iloc[13:40])):
        want_obj = want.astype(object)
        pd.testing.assert_series_equal(got.sokhan.normalize(), want_obj.sokhan.normalize()
                                       .astype("string[pyarrow]"), check_exact=True)
        assert got.sokhan.sentences().tolist() == want.sokhan.sentences().tolist()
        pd.testing.assert_frame_equal(got.sokhan.dates(), want_obj.sokhan.dates(), check_exact=True)
    # string (int32 offsets) and large_string (int64), chunked and sliced alike
    small = pd.concat([pd.Series(texts[:10], dtype=pd.ArrowDtype(pa.string())),
                       pd.Series(texts[10:40], dtype=pd.ArrowDtype(pa.string()))]).iloc[3:]
    large = pd.Series(texts[3:40], dtype=pd.ArrowDtype(pa.large_string()), index=small.index)
    assert pa.array(small.array).num_chunks == 2
    pd.testing.assert_series_equal(small.sokhan.normalize(), large.sokhan.normalize())
    assert small.sokhan.sentences().tolist() == large.sokhan.sentences().tolist()
    pd.testing.assert_frame_equal(small.sokhan.dates(), large.sokhan.dates())


def test_object_column_with_every_missing_marker():
    s = pd.Series([ASTRAL, None, np.nan, pd.NA, pd.NaT, FA], dtype=object, index=list("abcdef"))
    norm = s.sokhan.normalize()
    assert norm.isna().tolist() == [False, True, True, True, True, False]
    assert norm["a"] == sokhan.normalize(ASTRAL)
    sents = s.sokhan.sentences()
    assert sents["b"] is None and sents["d"] is pd.NA and sents["e"] is pd.NaT and sents["c"] != sents["c"]
    assert sents["a"] == sokhan.sentences(ASTRAL)
    df = s.sokhan.dates(reference="2015-11-25")
    _check_mentions(df, _expected_dates(s.where(s.notna(), None).tolist(), s.index, "2015-11-25"),
                    s.to_dict())


def test_reference_kinds_give_the_same_mentions():
    """datetime64 (with NaT), tz-aware, object dates with None, Timestamps and ISO strings are
    the same references, per row, on an Arrow and on an object column."""
    texts = [YESTERDAY] * 6
    days = [dt.date(2015, 11, 25), None, dt.date(1969, 12, 31), dt.date(1, 1, 1), dt.date(9999, 12, 30),
            dt.date(2020, 3, 21)]
    idx = pd.Index(list("abcdef"))
    kinds = {
        "dates": pd.Series(days, index=idx, dtype=object),
        "datetime64": pd.Series(pd.to_datetime([None if d is None or d.year < 1700 or d.year > 2200
                                                 else dt.datetime(d.year, d.month, d.day, 23, 59)
                                                 for d in days]), index=idx),
        "tz-aware": pd.Series(pd.to_datetime([None if d is None or d.year < 1700 or d.year > 2200
                                               else dt.datetime(d.year, d.month, d.day, 1)
                                               for d in days]).tz_localize("Asia/Tehran"), index=idx),
        "iso": pd.Series([None if d is None else d.isoformat() for d in days], index=idx),
        "timestamps": pd.Series([None if d is None or d.year < 1700 or d.year > 2200 else pd.Timestamp(d)
                                 for d in days], index=idx, dtype=object),
    }
    for dtype in [object, *(_arrow_dtypes().values() if importlib.util.find_spec("pyarrow") else [])]:
        s = pd.Series(texts, index=idx, dtype=dtype)
        for name, refs in kinds.items():
            df = s.sokhan.dates(reference=refs)
            want = [sokhan.extract_dates(YESTERDAY, reference=None if pd.isna(r) else
                                         (r.date() if isinstance(r, (pd.Timestamp, dt.datetime)) else r))
                    [0].value for r in refs]
            assert [None if v is pd.NA else v for v in df["value"]] == want, (name, dtype)
    assert kinds["dates"].pipe(lambda r: pd.Series(texts, index=idx).sokhan.dates(reference=r))[
        "value"].tolist()[:3] == ["2015-11-24", pd.NA, "1969-12-30"]


def test_invalid_utf8_in_arrow_buffers_is_an_error_not_a_crash():
    pa = _pa()
    good = "سلام".encode()
    data = good + b"\xd8" + b"ok" + good  # a truncated two-byte sequence in row 1
    offsets = np.array([0, len(good), len(good) + 3, len(data)], dtype=np.int64)
    arr = pa.Array.from_buffers(pa.large_string(), 3, [None, pa.py_buffer(offsets), pa.py_buffer(data)])
    s = pd.Series(pd.arrays.ArrowStringArray(arr))
    for call in (lambda: s.sokhan.normalize(), lambda: s.sokhan.sentences(),
                 lambda: s.sokhan.dates()):
        with pytest.raises(sokhan.InvalidTextError, match=r"texts\[1\] is not valid UTF-8.*0xd8"):
            call()


def test_without_pyarrow_every_column_goes_through_str():
    code = textwrap.dedent("""
        import importlib.abc, importlib.util, sys
        class NoArrow(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path, target=None):
                if name == "pyarrow" or name.startswith("pyarrow."):
                    raise ModuleNotFoundError(name)
        sys.meta_path.insert(0, NoArrow())
        import pandas as pd
        import sokhan
    """) + _IMPORT_ACCESSOR + textwrap.dedent(f"""
        assert sp._pyarrow() is None and "pyarrow" not in sys.modules
        for dtype in (object, "string", pd.Series(["x"]).dtype):
            s = pd.Series([{FA!r}, None, {ASTRAL!r}], dtype=dtype)
            norm = s.sokhan.normalize()
            assert norm.tolist()[0] == sokhan.normalize({FA!r}) and norm.isna().tolist() == [False, True, False]
            assert s.sokhan.sentences().tolist()[2] == sokhan.sentences({ASTRAL!r})
            df = s.sokhan.dates(reference="2015-11-25")
            assert df.index.tolist() == [0, 2, 2, 2] and str(df["text"].dtype) == "string"
        assert "pyarrow" not in sys.modules
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


# --- registration ------------------------------------------------------------------------------

def test_accessor_registered_only_by_importing_sokhan_pandas():
    code = textwrap.dedent("""
        import importlib.util, sys
        import pandas as pd
        import sokhan
        assert not hasattr(pd.Series, "sokhan"), "import sokhan registered the accessor"
        assert "sokhan.pandas" not in sys.modules
    """) + _IMPORT_ACCESSOR + textwrap.dedent("""
        assert hasattr(pd.Series, "sokhan")
        print(pd.Series(["x"]).sokhan.normalize().tolist())
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONWARNINGS": "error"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['x']"
