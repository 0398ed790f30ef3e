"""The public API used the way a typed user would; checked by tests/python/test_typing.py.

``mypy --strict`` must pass on this file against the *installed* package: every call below
must type-check without a cast. ``assert_type`` pins the exact type of what the main calls
return, so a stub or facade annotation that goes missing (the call would then give ``Any``)
or gets wider fails the check, not only one that is wrong. Lines ending in ``# type: ignore[code]`` are calls the types must *reject*: under ``--strict``
an ignore that is no longer needed is itself an error, so they check the other direction.

The file also runs (``python usage.py``, done by the same test), so every annotation here is
true of the runtime values, not only of the stubs.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
from typing import Any, Iterable, Optional

from typing_extensions import assert_type  # mypy's own dependency; typing has it from 3.11

import sokhan
from sokhan import (
    Aligned,
    DateExtractor,
    DateMention,
    Document,
    Normalizer,
    PersianDate,
    SentenceSplitter,
    SokhanError,
    Span,
    TimeMLDocument,
)
from sokhan.timeml import Timex

TEXT = "رئيسجمهور مي گويد جلسه دوشنبه ۲ آذر ۱۳۹۴ برگزار شد. نتایج فردا اعلام می‌شود."


def normalization() -> None:
    out = assert_type(sokhan.normalize(TEXT), str)
    latin = assert_type(sokhan.normalize("سال ۱۳۹۴", digits="latin", repair_compounds=False), str)
    assert "1394" in latin and out

    n = Normalizer(digits="persian", unicode_form=None, ellipsis=True)
    options = assert_type(n.options, dict[str, Any])
    assert options["digits"] == "persian"
    one = assert_type(n.normalize(b"\xd9\x83\xd8\xaa\xd8\xa7\xd8\xa8"), str)  # UTF-8 bytes too
    many = assert_type(n.normalize_many([TEXT, "علي"], threads=2), list[str])
    gen: list[str] = n.normalize_many((t for t in [TEXT]), threads=0)
    assert one and len(many) == 2 and len(gen) == 1

    a = assert_type(n.normalize_aligned("كتاب  ها"), Aligned)
    normalized = assert_type(a.text, str)
    original = assert_type(a.original, str)
    span = assert_type(a.to_original(0, len(normalized)), tuple[int, int])
    back = assert_type(a.to_normalized(*span), tuple[int, int])
    edits = assert_type(a.edits(), list[tuple[int, int, int, int]])
    for o_start, o_end, n_start, n_end in edits:
        assert original[o_start:o_end] != normalized[n_start:n_end] or o_start == o_end
    json.dumps(a.to_dict(), ensure_ascii=False)
    same: bool = a == pickle.loads(pickle.dumps(a))
    assert same and back[0] <= back[1]

    nfd = assert_type(sokhan.unicode_normalize("é", "NFD"), str)
    assert len(nfd) == 2
    hashable: int = hash(n)
    assert isinstance(hashable, int)


def sentences() -> None:
    spans = assert_type(sokhan.split_sentences(TEXT), list[Span])
    en = assert_type(sokhan.split_sentences("Dr. Smith came. He left.", lang="en"), list[Span])
    texts = assert_type(sokhan.sentences(TEXT, lang="fa"), list[str])
    assert len(spans) == len(texts) == 2 and len(en) == 2

    splitter = SentenceSplitter("auto")
    lang: str = splitter.lang
    batch = assert_type(splitter.split_many([TEXT, b"One. Two."], threads=1), list[list[Span]])
    assert lang == "auto" and len(batch[1]) == 2

    s = spans[0]
    start = assert_type(s.start, int)
    end = assert_type(s.end, int)
    text = assert_type(s.text, str)
    assert TEXT[start:end] == text
    made = assert_type(Span(0, 3, "abc"), Span)
    as_dict = made.to_dict()
    json.dumps(as_dict)
    assert made == pickle.loads(pickle.dumps(made)) and hash(made) == hash(Span(0, 3, "abc"))


def dates() -> None:
    mentions = assert_type(sokhan.extract_dates(TEXT, reference="2015-11-25"), list[DateMention])
    by_date: list[DateMention] = sokhan.extract_dates(TEXT, reference=dt.date(2015, 11, 25), lang="fa")
    none_ref: list[DateMention] = sokhan.extract_dates("Friday", reference=None, lang="en")
    assert mentions == by_date and len(none_ref) == 1

    for m in mentions:
        start: int = m.start
        end: int = m.end
        text: str = m.text
        kind: str = m.kind
        calendar: str = m.calendar
        grain: str = m.grain
        native: Optional[str] = m.native
        value: Optional[str] = m.value
        mod: Optional[str] = m.mod
        relative: bool = m.relative
        interval = assert_type(m.interval, Optional[tuple[dt.datetime, dt.datetime]])
        if interval is not None:
            begin, stop = interval
            days: int = (stop - begin).days
            assert days >= 0
        assert TEXT[start:end] == text and kind and calendar and grain
        assert relative in (True, False) and (native is None or value is not None) and mod != ""
        json.dumps(m.to_dict(), ensure_ascii=False)

    x = DateExtractor(lang="fa")
    refs: list[Optional[dt.date]] = [dt.date(2015, 11, 25), None]
    per_text = assert_type(x.extract_many([TEXT, TEXT], references=refs, threads=2), list[list[DateMention]])
    one_ref: list[list[DateMention]] = x.extract_many([TEXT], references="2015-11-25")
    assert len(per_text) == 2 and len(one_ref) == 1

    g = assert_type(sokhan.persian_date(1394, 9, 2), dt.date)
    p = assert_type(sokhan.to_persian(g), PersianDate)
    p2: PersianDate = sokhan.to_persian("2015-11-23")
    year: int = p.year
    assert (year, p.month, p.day) == tuple(p2) == (1394, 9, 2)


def document() -> None:
    doc = assert_type(sokhan.analyze(TEXT, reference="2015-11-25"), Document)
    normalized = assert_type(doc.normalized, Aligned)
    assert normalized.original == doc.text
    where: list[Optional[int]] = doc.date_sentences
    assert len(where) == len(doc.dates)
    for sentence in doc.sentences:
        assert_type(sentence, Span)
        assert doc.text[sentence.start:sentence.end] == sentence.text
    for mention, k in zip(doc.dates, where):
        assert_type(mention, DateMention)
        assert k is None or doc.sentences[k].start <= mention.start
    as_json: str = doc.to_json()
    assert json.loads(as_json)["text"] == TEXT


def timeml(mentions: Iterable[DateMention]) -> None:
    xml = assert_type(sokhan.to_timeml(TEXT, mentions, dct=dt.date(2015, 11, 25), doc_id="d1"), str)
    doc = assert_type(sokhan.read_timeml(xml), TimeMLDocument)
    dct: Optional[dt.date] = doc.dct
    text: str = doc.text
    timexes: list[Timex] = doc.timexes
    for t in timexes:
        kind: str = t.kind
        value: Optional[str] = t.value
        assert text[t.start:t.end] == t.text and kind and value
    assert dct == dt.date(2015, 11, 25) and doc.doc_id == "d1"


def errors() -> None:
    try:
        Normalizer(digits="roman")
    except SokhanError as e:
        message: str = str(e)
        assert "digits" in message
    else:
        raise AssertionError("expected an InvalidOptionError")


def rejected() -> None:
    """Calls the types must refuse (never run)."""
    sokhan.split_sentences("x", lang="de")  # type: ignore[arg-type]
    sokhan.unicode_normalize("x", "NFX")  # type: ignore[arg-type]
    sokhan.persian_date("1394", 9, 2)  # type: ignore[arg-type]
    sokhan.extract_dates("x", reference=20151125)  # type: ignore[arg-type]
    span = sokhan.split_sentences("x")[0]
    span.start = 3  # type: ignore[misc]
    mention = sokhan.extract_dates("x")[0]
    mention.value.upper()  # type: ignore[union-attr]
    sokhan.Normalizer().normalize(42)  # type: ignore[arg-type]


def main() -> None:
    normalization()
    sentences()
    dates()
    document()
    timeml(sokhan.extract_dates(TEXT, reference="2015-11-25"))
    errors()
    print("usage.py: ok")


if __name__ == "__main__":
    main()
