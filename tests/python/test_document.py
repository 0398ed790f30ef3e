"""sokhan.analyze → Document, and the HTML every displayable result gives Jupyter."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re

import pytest
import sokhan
from sokhan import InvalidTextError, SokhanTypeError

NEWS = "تهران - ايرنا: رئيس‌جمهور دوشنبه ۲ آذر ۱۳۹۴ در نشستی خبری گفت. نتایج فردا ساعت ۱۰ اعلام مي شود."


@pytest.fixture(scope="module")
def doc() -> sokhan.Document:
    return sokhan.analyze(NEWS, reference="2015-11-25")


def test_sentences_dates_and_their_sentence(doc):
    assert [s.text for s in doc.sentences] == [
        "تهران - ايرنا:", "رئيس‌جمهور دوشنبه ۲ آذر ۱۳۹۴ در نشستی خبری گفت.", "نتایج فردا ساعت ۱۰ اعلام مي شود."]
    assert [(m.text, m.value) for m in doc.dates] == [
        ("دوشنبه ۲ آذر ۱۳۹۴", "2015-11-23"), ("فردا ساعت ۱۰", "2015-11-26T10:00")]
    assert doc.date_sentences == [1, 2]
    for m in doc.dates:  # offsets are into the original, raw text
        assert NEWS[m.start : m.end] == m.text


def test_normalized_is_aligned_to_the_original(doc):
    assert doc.text == NEWS
    assert doc.normalized.original == NEWS
    assert "ایرنا" in doc.normalized.text and "می‌شود" in doc.normalized.text
    b = doc.normalized.text.index("ایرنا")
    assert doc.normalized.to_original(b, b + 5) == (NEWS.index("ايرنا"), NEWS.index("ايرنا") + 5)


def test_reference_and_lang_are_kept(doc):
    assert doc.reference == dt.date(2015, 11, 25)
    assert doc.lang == "auto"


def test_to_dict_and_json(doc):
    d = doc.to_dict()
    assert d["text"] == NEWS and d["reference"] == "2015-11-25"
    assert [x["sentence"] for x in d["dates"]] == [1, 2]
    assert d["dates"][0]["interval"] == ["2015-11-23T00:00:00", "2015-11-24T00:00:00"]
    assert json.loads(doc.to_json()) == d
    assert "ایرنا" in doc.to_json()  # non-ASCII kept


def test_pickle_and_equality(doc):
    again = pickle.loads(pickle.dumps(doc))
    assert again == doc
    assert again.sentences.source == NEWS and again.dates.source == NEWS
    assert sokhan.analyze(NEWS, reference="2015-11-25") == doc
    assert sokhan.analyze(NEWS) != doc  # no reference: other values


def test_repr_is_short(doc):
    r = repr(doc)
    assert r.startswith("Document('تهران") and "3 sentences, 2 dates" in r and len(r) < 120


def test_bytes_and_bad_input():
    assert sokhan.analyze(NEWS.encode()).text == NEWS
    with pytest.raises(InvalidTextError):
        sokhan.analyze(b"\xff\xfe")
    with pytest.raises(SokhanTypeError):
        sokhan.analyze(12)  # type: ignore[arg-type]


def test_english_document():
    d = sokhan.analyze("Profit rose last year. It will rise next year.", reference="2013-03-22", lang="en")
    assert [m.value for m in d.dates] == ["2012", "2014"]
    assert d.date_sentences == [0, 1]


# --- HTML ----------------------------------------------------------------------------------------

def test_document_html_is_rtl_with_sentences_and_marked_dates(doc):
    h = doc._repr_html_()
    assert 'dir="rtl"' in h and 'lang="fa"' in h and "Vazirmatn" in h
    assert h.count('<span class="s">') == 3
    marks = re.findall(r'<mark class="d (\w+)" title="([^"]*)">([^<]*)', h)
    assert [(k, text) for k, _, text in marks] == [("date", "دوشنبه ۲ آذر ۱۳۹۴"), ("time", "فردا ساعت ۱۰")]
    assert "value: 2015-11-23" in marks[0][1] and "calendar: persian" in marks[0][1]
    assert "interval: 2015-11-26T10:00:00 – 2015-11-26T11:00:00" in marks[1][1]


def test_document_html_shows_edits_when_asked(doc):
    assert "<del>" not in doc.show().data
    h = doc.show(edits=True).data
    assert "<del>ي</del><ins>ی</ins>" in h


def test_english_html_is_ltr():
    d = sokhan.analyze("Profit rose last year.", reference="2013-03-22", lang="en")
    assert 'dir="ltr"' in d._repr_html_()


def test_html_escapes_markup():
    d = sokhan.analyze("<b>1394/09/02</b> & «تست»", reference="2015-11-25")
    h = d._repr_html_()
    assert "&lt;b&gt;" in h and "&amp;" in h and "<b>" not in h


def test_lists_and_aligned_display_themselves():
    spans = sokhan.split_sentences("دیروز باران آمد. امروز آفتابی است.")
    assert isinstance(spans, list) and spans.source is not None
    assert spans._repr_html_().count('<span class="s">') == 2
    mentions = sokhan.extract_dates("دیروز باران آمد.", reference="2015-11-25")
    assert isinstance(mentions, list) and "<mark" in mentions._repr_html_()
    a = sokhan.Normalizer().normalize_aligned("علي  كتاب ها")
    assert "<del>ي</del><ins>ی</ins>" in a._repr_html_()
    assert pickle.loads(pickle.dumps(spans)) == spans and pickle.loads(pickle.dumps(mentions)) == mentions
