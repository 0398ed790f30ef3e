"""Properties of extract_dates on generated text: it never raises on valid text, spans are
ordered, non-overlapping slices of the caller's str, batches equal single calls, and results
pickle. The text is a soup of the pieces dates are made of (month and weekday names, numbers
in three digit scripts, separators, relative words), so the grammar's corners get exercised."""

from __future__ import annotations

import pickle

import sokhan
from hypothesis import given, settings
from hypothesis import strategies as st

PIECES = [
    "فروردین", "شهریورماه", "دی", "ماه", "اسفند", "محرم", "ذی‌الحجه", "ژانویه", "مه", "می",
    "دوشنبه", "سه‌شنبه", "جمعه", "روز", "سال", "سال‌های", "هفته", "ساعت", "دقیقه", "ثانیه", "دهه",
    "قرن", "امروز", "دیروز", "فردا", "امشب", "نیمه‌شب", "امسال", "پارسال", "گذشته", "آینده", "پیش",
    "بعد", "دیگر", "جاری", "این", "هر", "یک بار", "چند", "اوایل", "اواخر", "نیمه", "سه‌ماهه", "نخست",
    "بهار", "زمستان", "صبح", "شب", "عصر", "بامداد", "ظهر", "نوروز", "شب یلدا", "عید فطر", "میلادی",
    "ه.ش.", "هجری قمری", "و", "تا", "از", "در", "به مدت", "طی", "بیست", "پنج", "دوم", "سی‌ام", "نیم",
    "شهر", "میدان", "نفر", "درصد", "شماره", "تاجیکستان", "می‌شود", "شد", "خواهد", "است",
]
NUMBERS = st.one_of(
    st.integers(0, 40), st.integers(1300, 1500), st.integers(1900, 2100), st.integers(0, 10**12)
)
SEPARATORS = [" ", " ", " ", "\u200c", "/", "-", ":", ".", "،", "\n", "\n\n", "–", "٫", "%"]


def render_number(n: int, script: int) -> str:
    s = str(n)
    if script == 1:
        return s.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    if script == 2:
        return s.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    return s


@st.composite
def soups(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(PIECES)))
        else:
            parts.append(render_number(draw(NUMBERS), draw(st.integers(0, 2))))
        parts.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(parts)


REFERENCES = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


def check(text: str, mentions: list) -> None:
    end = 0
    for m in mentions:
        assert end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.text == m.text.strip()
        assert m.kind in {"date", "time", "duration", "set"}
        if m.interval is not None:
            assert m.interval[0] < m.interval[1]
        end = m.end


@settings(max_examples=400, deadline=None)
@given(soups(), REFERENCES)
def test_soup_never_raises_and_spans_hold(text, reference):
    check(text, sokhan.extract_dates(text, reference=reference))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), REFERENCES)
def test_any_text(text, reference):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: a typed error, tested in test_dates.py
        return
    check(text, sokhan.extract_dates(text, reference=reference))


@settings(max_examples=60, deadline=None)
@given(st.lists(soups(), max_size=12), REFERENCES)
def test_batch_equals_single_and_pickles(texts, reference):
    x = sokhan.DateExtractor()
    many = x.extract_many(texts, references=[reference] * len(texts), threads=2)
    assert many == [x.extract(t, reference) for t in texts]
    assert pickle.loads(pickle.dumps(many)) == many


def test_references_at_the_ends_of_the_calendar():
    # Found by fuzzing: a reference in antiquity gives a negative Solar Hijri year, and months
    # counted back from it must use floor division.
    text = "ماه گذشته و ۶ ماه قبل و سال آینده و دو هفته پیش و اوایل بهمن پارسال"
    for reference in ["0001-01-01", "0380-10-01", "9999-12-31"]:
        mentions = sokhan.extract_dates(text, reference=reference)
        check(text, mentions)
        assert [m.text for m in mentions] == ["ماه گذشته", "۶ ماه قبل", "سال آینده", "دو هفته پیش",
                                              "اوایل بهمن پارسال"]
    first = sokhan.extract_dates("ماه گذشته", reference="0380-10-01")[0]
    assert first.native == "-241-06"  # Shahrivar of the year -241 SH, a month before Mehr -240


def test_fuzz_findings_in_english():
    # «late today»: a START/END modifier on one day keeps the whole day (it narrowed to nothing).
    m = sokhan.extract_dates("It will end late today.", reference="2013-03-22", lang="en")[0]
    assert (m.text, m.mod) == ("late today", "END")
    assert m.interval[0] < m.interval[1]
    # «a thousand centuries later» is no date (the year overflowed the calendar and raised).
    text = "thousand centuries later"
    check(text, sokhan.extract_dates(text, reference="2013-03-22", lang="en"))
