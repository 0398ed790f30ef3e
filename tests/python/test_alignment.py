"""Aligned: the normalized text with code point offsets back into the caller's original."""

from __future__ import annotations

import pickle

import pytest
import sokhan

SENTENCE = "رئيسجمهور  مي گويد ، كتاب ها را «  خواندم »"


def test_docstring_example():
    a = sokhan.Normalizer().normalize_aligned("كتاب  ها")
    assert a.text == "کتاب\u200cها"
    assert a.original == "كتاب  ها"
    assert a.to_original(5, 7) == (6, 8)
    assert a.to_normalized(6, 8) == (5, 7)
    assert a.to_original(4, 5) == (4, 6)  # the ZWNJ came from the two spaces


@pytest.mark.parametrize(
    "options", [{}, {"digits": "persian", "ellipsis": True, "extra_letters": True}]
)
def test_text_equals_normalize(options):
    n = sokhan.Normalizer(**options)
    for text in (SENTENCE, "سال 1394... پائیز", ""):
        assert n.normalize_aligned(text).text == n.normalize(text)


def test_every_word_maps_back_to_its_source():
    n = sokhan.Normalizer()
    a = n.normalize_aligned(SENTENCE)
    assert a.text == "رئیس\u200cجمهور می\u200cگوید، کتاب\u200cها را «خواندم»"
    start = 0
    for word in a.text.split(" "):
        end = start + len(word)
        os_, oe = a.to_original(start, end)
        assert 0 <= os_ <= oe <= len(SENTENCE)
        assert n.normalize(SENTENCE[os_:oe]) == word
        start = end + 1


def test_word_spans_exactly():
    a = sokhan.Normalizer().normalize_aligned(SENTENCE)
    mi = a.text.index("می\u200cگوید")
    assert a.to_original(mi, mi + 7) == (11, 18)
    assert SENTENCE[11:18] == "مي گويد"
    assert a.to_original(0, 10) == (0, 9)  # the repaired compound came from the whole word


def test_emoji_offsets_are_code_points():
    text = "😀 كتاب 😀 مي روم 👨\u200d👩"
    a = sokhan.Normalizer().normalize_aligned(text)
    assert a.text == "😀 کتاب 😀 می\u200cروم 👨\u200d👩"
    k = a.text.index("کتاب")
    assert (k, a.to_original(k, k + 4)) == (2, (2, 6))
    m = a.text.index("می\u200cروم")
    assert a.to_original(m, m + 6) == (9, 15)
    assert text[9:15] == "مي روم"
    assert a.to_original(len(a.text) - 3, len(a.text)) == (len(text) - 3, len(text))


def test_deleted_text_maps_to_an_empty_range():
    a = sokhan.Normalizer().normalize_aligned("کـــتاب")
    assert a.text == "کتاب"
    assert a.to_normalized(1, 4) == (1, 1)
    assert a.to_original(0, 4) == (0, 7)
    assert a.to_original(1, 2) == (4, 5)


def test_one_to_many_and_many_to_one():
    a = sokhan.Normalizer().normalize_aligned("ﷲ ﻻ")
    assert a.text == "الله لا"
    assert a.to_original(1, 2) == (0, 1)  # part of an expansion maps to its whole source
    assert a.to_normalized(0, 1) == (0, 4)
    assert a.to_normalized(2, 3) == (5, 7)
    b = sokhan.Normalizer().normalize_aligned("e\u0301x")
    assert b.text == "\u00e9x"
    assert b.to_original(0, 1) == (0, 2)
    assert b.to_original(1, 2) == (2, 3)


def test_inserted_space_round_trips():
    # spacing inserts a space after "."; a span holding it must map back onto a range whose
    # normalized image holds the span again.
    a = sokhan.Normalizer().normalize_aligned("سلام.دنیا")
    assert a.text == "سلام. دنیا"
    # the inserted space is attributed to the "." it follows
    assert a.to_original(5, 10) == (4, 9)
    assert a.to_original(6, 10) == (5, 9)
    for span in [(4, 6), (5, 6), (4, 10), (0, 10)]:
        os_, oe = a.to_original(*span)
        ns, ne = a.to_normalized(os_, oe)
        assert ns <= span[0] and span[1] <= ne, (span, (os_, oe), (ns, ne))


def test_bytes_input_gives_code_point_offsets():
    raw = "😀 كتاب  ها".encode()
    a = sokhan.Normalizer().normalize_aligned(raw)
    assert a.original == "😀 كتاب  ها"
    assert isinstance(a.original, str)
    assert a.text == "😀 کتاب\u200cها"
    assert a.to_original(7, 9) == (8, 10)


def test_empty_text():
    a = sokhan.Normalizer().normalize_aligned("")
    assert (a.text, a.original, a.edits()) == ("", "", [])
    assert a.to_original(0, 0) == (0, 0)
    assert a.to_normalized(0, 0) == (0, 0)


def test_identity_when_everything_is_off(only):
    text = "علي  مي روم"
    a = only().normalize_aligned(text)
    assert a.text == text
    assert a.edits() == []
    assert a.to_original(2, 7) == (2, 7)


def test_edits_of_spacing_and_deletion():
    n = sokhan.Normalizer()
    assert n.normalize_aligned("سلام ، دنیا").edits() == [(4, 5, 4, 4)]
    assert n.normalize_aligned("کـــتاب").edits() == [(1, 4, 1, 1)]
    assert n.normalize_aligned("کتاب  ها").edits() == [(4, 6, 4, 5)]


def test_edits_list_letter_substitutions():
    # ي → ی changes the text, so it is an edit even though both are one code point.
    a = sokhan.Normalizer().normalize_aligned("علي")
    assert a.text == "علی"
    assert a.edits() == [(2, 3, 2, 3)]


@pytest.mark.parametrize(
    "text", [SENTENCE, "كتاب  ها", "سال 1394 و 2,500", "ﷲ e\u0301 کـــتاب خانهٔ"]
)
def test_edits_rebuild_the_text(check_edits, text):
    check_edits(sokhan.Normalizer(digits="persian").normalize_aligned(text))


@pytest.mark.parametrize("span", [(0, 99), (3, 2), (-1, 1)])
def test_out_of_range_spans_are_rejected(span):
    a = sokhan.Normalizer().normalize_aligned("کتاب")
    with pytest.raises(ValueError, match="range"):
        a.to_original(*span)
    with pytest.raises(ValueError, match="range"):
        a.to_normalized(*span)


def test_equality_and_pickle():
    n = sokhan.Normalizer()
    a = n.normalize_aligned(SENTENCE)
    assert a == n.normalize_aligned(SENTENCE)
    assert a != n.normalize_aligned(SENTENCE + " ")
    assert a != sokhan.Normalizer(zwnj=False).normalize_aligned(SENTENCE)
    assert a != SENTENCE
    b = pickle.loads(pickle.dumps(a))
    assert b == a
    assert (b.text, b.original, b.edits()) == (a.text, a.original, a.edits())
    assert b.to_original(11, 18) == a.to_original(11, 18)
    with pytest.raises(TypeError):
        hash(a)


def test_to_dict():
    # DESIGN.md: to_dict() on every result type.
    a = sokhan.Normalizer().normalize_aligned("كتاب  ها")
    d = a.to_dict()
    assert d["text"] == "کتاب\u200cها"
    assert d["original"] == "كتاب  ها"
