"""Properties of the batch calls and of pickling (hypothesis): every *_many call gives exactly the
single calls' results, on 1 and 2 threads and for str and bytes items alike; every result type
and every extractor object survives pickle (all protocols) and copy, and an unpickled extractor
gives the same results as the original.

test_properties.py and test_dates_properties.py hold the same check for one normalizer profile
and for extract_many with one reference; this file covers every capability, random options and
languages, and per-text references."""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import io
import pickle
from pathlib import Path

import pytest
import sokhan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_spec = importlib.util.spec_from_file_location("option_strategies", Path(__file__).parent / "option_strategies.py")
option_strategies = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(option_strategies)

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of the texts the three capabilities care about: letters needing normalization,
# sentence ends and abbreviations, date words and numbers, in Persian and English.
PIECES = [
    "علي", "كتاب ها", "مي رود", "رئيسجمهور", "خیلییییی", "ـــ", "\u064e", "\u200c", "\u200d", "ﻻ",
    "سلام.", "خوب است!", "چرا؟", "ه.ش.", "ق.م.", "…", "...", "«نقل»", "(منبع: ایسنا)", "تهران - ایرنا:",
    "Dr.", "U.S.", "e.g.", "Smith came.", "Really?", "It ended.", "p.m.",
    "دوشنبه ۲ آذر ۱۳۹۴", "فردا", "اوایل بهمن پارسال", "ساعت ۱۰ صبح", "سال ۹۳", "۱۵ روز بعد", "محرم",
    "March 3, 2014", "next Friday", "the third quarter", "last year", "1998", "5 p.m.", "two weeks",
    "15.6", "2,500", "۱۲/۵", "www.example.ir/a?id=12", "😀", "👨\u200d👩\u200d👧", "\x00", "\ufeff",
]
SEPARATORS = [" ", " ", " ", "", "\n", "\n\n", "، ", ". ", "\t", "\u00a0"]

pieces = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=20).map(
    lambda parts: "".join(p + s for p, s in parts))
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)  # no lone surrogates
texts = st.one_of(pieces, unicode_text, st.tuples(pieces, unicode_text).map("".join))
# Items of a batch: str, or the same text as UTF-8 bytes.
items = st.tuples(texts, st.booleans()).map(lambda t: t[0].encode() if t[1] else t[0])
batches = st.lists(items, max_size=16)

normalizer_options = option_strategies.some_options
langs = st.sampled_from(["auto", "fa", "en"])
references = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)).map(dt.date.isoformat),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
)
thread_counts = pytest.mark.parametrize("threads", [1, 2])


def as_str(item: str | bytes) -> str:
    return item.decode() if isinstance(item, bytes) else item


# --- *_many equals the single calls -------------------------------------------------------------


@thread_counts
@PROPERTY
@given(batch=batches, options=normalizer_options)
def test_normalize_many(threads, batch, options):
    n = sokhan.Normalizer(**options)
    assert n.normalize_many(batch, threads=threads) == [n.normalize(t) for t in batch]
    assert n.normalize_many(iter(batch), threads=threads) == [n.normalize(as_str(t)) for t in batch]


@thread_counts
@PROPERTY
@given(batch=batches, lang=langs)
def test_split_many(threads, batch, lang):
    s = sokhan.SentenceSplitter(lang)
    many = s.split_many(batch, threads=threads)
    assert many == [s.split(t) for t in batch]
    assert many == [sokhan.split_sentences(as_str(t), lang=lang) for t in batch]
    # The spans cut their text from the str they were found in (the decoded one for bytes).
    assert [[x.text for x in spans] for spans in many] == [sokhan.sentences(t, lang=lang) for t in batch]


@thread_counts
@PROPERTY
@given(batch=batches, lang=langs, data=st.data())
def test_extract_many(threads, batch, lang, data):
    x = sokhan.DateExtractor(lang)
    per_text = data.draw(st.lists(references, min_size=len(batch), max_size=len(batch)))
    assert x.extract_many(batch, references=per_text, threads=threads) == [
        x.extract(t, r) for t, r in zip(batch, per_text)]
    one = data.draw(references)
    assert x.extract_many(tuple(batch), references=one, threads=threads) == [
        sokhan.extract_dates(t, reference=one, lang=lang) for t in batch]


@PROPERTY
@given(batch=st.lists(texts, max_size=8), lang=langs, reference=references)
def test_threads_do_not_change_results(batch, lang, reference):
    # 0 (all cores) and more threads than items give the one-thread results.
    n, s, x = sokhan.Normalizer(), sokhan.SentenceSplitter(lang), sokhan.DateExtractor(lang)
    for threads in (0, 3, 64):
        assert n.normalize_many(batch, threads=threads) == n.normalize_many(batch, threads=1)
        assert s.split_many(batch, threads=threads) == s.split_many(batch, threads=1)
        assert x.extract_many(batch, reference, threads=threads) == x.extract_many(batch, reference, threads=1)


# --- pickling and copying ----------------------------------------------------------------------


def round_trips(obj: object) -> None:
    """obj survives every pickle protocol, copy and deepcopy: equal, of the same type."""
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(obj, protocol=protocol))
        assert again == obj and type(again) is type(obj), protocol
    for again in (copy.copy(obj), copy.deepcopy(obj)):
        assert again == obj and type(again) is type(obj)


@PROPERTY
@given(text=texts, options=normalizer_options, lang=langs, reference=references)
def test_results_pickle(text, options, lang, reference):
    aligned = sokhan.Normalizer(**options).normalize_aligned(text)
    round_trips(aligned)
    again = pickle.loads(pickle.dumps(aligned))
    assert again.edits() == aligned.edits()
    if aligned.text:
        assert again.to_original(0, len(aligned.text)) == aligned.to_original(0, len(aligned.text))
    spans = sokhan.split_sentences(text, lang=lang)
    round_trips(spans)
    for span in spans:
        round_trips(span)
        assert pickle.loads(pickle.dumps(span)).text == text[span.start:span.end]
    mentions = sokhan.extract_dates(text, reference=reference, lang=lang)
    round_trips(mentions)
    for m in mentions:
        round_trips(m)
    round_trips(sokhan.analyze(text, reference=reference, lang=lang))


@PROPERTY
@given(day=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_persian_dates_pickle(day):
    p = sokhan.to_persian(day)
    round_trips(p)
    assert sokhan.persian_date(*pickle.loads(pickle.dumps(p))) == day


def test_timeml_documents_pickle():
    text = "Profits rose in the third quarter, it said Friday. فردا جلسه است."
    mentions = sokhan.extract_dates(text, reference="1998-08-10")
    doc = sokhan.read_timeml(sokhan.to_timeml(text, mentions, dct="1998-08-10", doc_id="d1"))
    round_trips(doc)
    for t in doc.timexes:
        round_trips(t)


def test_aligned_pickled_the_old_way_still_loads():
    # Pickles written before the copyreg reducer (pybind11's __getstate__/__setstate__ path).
    a = sokhan.Normalizer().normalize_aligned("علي  كتاب ها")
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {}  # type: ignore[misc] - bypasses copyreg
    pickler.dump(a)
    assert pickle.loads(buffer.getvalue()) == a


@PROPERTY
@given(options=normalizer_options, lang=langs, batch=st.lists(texts, max_size=6), reference=references)
def test_unpickled_extractors_give_the_same_results(options, lang, batch, reference):
    n, s, x = sokhan.Normalizer(**options), sokhan.SentenceSplitter(lang), sokhan.DateExtractor(lang)
    for protocol in (0, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
        n2, s2, x2 = pickle.loads(pickle.dumps((n, s, x), protocol=protocol))
        assert (n2, s2, x2) == (n, s, x)
        assert n2.options == n.options and s2.lang == s.lang and x2.lang == x.lang
        assert n2.normalize_many(batch, threads=1) == [n.normalize(t) for t in batch]
        assert [n2.normalize_aligned(t) for t in batch] == [n.normalize_aligned(t) for t in batch]
        assert s2.split_many(batch, threads=2) == [s.split(t) for t in batch]
        assert x2.extract_many(batch, reference, threads=2) == [x.extract(t, reference) for t in batch]
    for again in (copy.copy(n), copy.deepcopy(s), copy.deepcopy(x)):
        assert again in (n, s, x)
