"""Bad inputs give typed errors that name the position or the argument; never a crash."""

from __future__ import annotations

import pytest
import sokhan
from sokhan import InvalidOptionError, InvalidTextError, SokhanError, SokhanTypeError

OPTION_NAMES = (
    "unicode_form", "persian_letters", "extra_letters", "digits", "diacritics", "kashida",
    "zwnj", "repair_compounds", "spacing", "punctuation", "ellipsis", "repeated_letters",
)


def test_hierarchy():
    assert issubclass(InvalidTextError, SokhanError) and issubclass(InvalidTextError, ValueError)
    assert issubclass(InvalidOptionError, SokhanError)
    assert issubclass(InvalidOptionError, ValueError)
    assert issubclass(SokhanTypeError, SokhanError) and issubclass(SokhanTypeError, TypeError)
    assert issubclass(SokhanError, Exception)


# --- text that is not valid Unicode ------------------------------------------------------------

CALLS = {
    "normalize": sokhan.normalize,
    "Normalizer.normalize": sokhan.Normalizer().normalize,
    "normalize_aligned": sokhan.Normalizer().normalize_aligned,
    "unicode_normalize": lambda t: sokhan.unicode_normalize(t, "NFC"),
}


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
@pytest.mark.parametrize(
    ("text", "index"), [("ab\ud800cd", 2), ("\udfff", 0), ("😀کتاب\udc00", 5), ("سلام \ud83d", 5)]
)
def test_lone_surrogate_names_its_index(call, text, index):
    with pytest.raises(InvalidTextError, match=rf"surrogate at index {index}\b"):
        call(text)


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
@pytest.mark.parametrize(
    ("data", "offset"),
    [
        (b"ab\xffcd", 2),
        ("😀".encode() + b"\x80", 4),
        ("کتاب".encode()[:-1], 6),  # truncated last character
        ("ab\udc00".encode("utf-8", "surrogatepass"), 2),  # an encoded surrogate is not UTF-8
        (b"\xc0\xaf", 0),  # overlong encoding of "/"
    ],
)
def test_invalid_utf8_names_the_byte_offset(call, data, offset):
    with pytest.raises(InvalidTextError, match=rf"byte offset {offset}\b"):
        call(data)


def test_invalid_text_is_a_value_error():
    with pytest.raises(ValueError):
        sokhan.normalize("\ud800")


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
@pytest.mark.parametrize("value", [None, 5, 1.5, ["متن"]])
def test_wrong_text_type(call, value):
    with pytest.raises(SokhanTypeError, match=type(value).__name__):
        call(value)
    with pytest.raises(TypeError):
        call(value)


# --- normalize_many ----------------------------------------------------------------------------


def test_normalize_many_names_the_bad_item():
    n = sokhan.Normalizer()
    with pytest.raises(SokhanTypeError, match=r"texts\[1\]"):
        n.normalize_many(["خوب", 5])
    with pytest.raises(InvalidTextError, match=r"texts\[2\].*index 1\b"):
        n.normalize_many(["خوب", "بد", "a\ud800"])
    with pytest.raises(InvalidTextError, match=r"texts\[0\].*byte offset 0\b"):
        n.normalize_many([b"\xff"])


@pytest.mark.parametrize("texts", ["a single str", b"single bytes", 5, None])
def test_normalize_many_wants_a_sequence(texts):
    with pytest.raises(SokhanTypeError, match="texts"):
        sokhan.Normalizer().normalize_many(texts)


@pytest.mark.parametrize("threads", [-1, -100])
def test_negative_threads(threads):
    with pytest.raises(InvalidOptionError, match="threads"):
        sokhan.Normalizer().normalize_many(["a"], threads=threads)


@pytest.mark.parametrize("threads", ["2", 1.5, None, True])
def test_threads_type(threads):
    with pytest.raises(SokhanTypeError, match="threads"):
        sokhan.Normalizer().normalize_many(["a"], threads=threads)


# --- options -----------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [sokhan.Normalizer, lambda **o: sokhan.normalize("x", **o)])
def test_unknown_option_lists_the_valid_ones(make):
    with pytest.raises(InvalidOptionError) as info:
        make(digit="persian")
    message = str(info.value)
    assert "'digit'" in message
    for name in OPTION_NAMES:
        assert name in message


@pytest.mark.parametrize(
    ("option", "value", "valid"),
    [
        ("digits", "roman", ["'keep'", "'latin'", "'persian'", "'arabic'"]),
        ("digits", "Persian", ["'persian'"]),
        ("digits", None, ["'keep'"]),
        ("diacritics", "strip", ["'keep'", "'remove'"]),
        ("punctuation", "arabic", ["'keep'", "'persian'"]),
        ("unicode_form", "NFD", ["'NFC'", "'NFKC'", "None"]),
        ("unicode_form", "nfc", ["'NFC'"]),
    ],
)
def test_unknown_value_lists_the_valid_ones(option, value, valid):
    with pytest.raises(InvalidOptionError, match=option) as info:
        sokhan.Normalizer(**{option: value})
    for v in valid:
        assert v in str(info.value)
    with pytest.raises(ValueError):
        sokhan.normalize("x", **{option: value})


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_boolean_options_want_a_bool(value):
    with pytest.raises(SokhanTypeError, match="zwnj"):
        sokhan.Normalizer(zwnj=value)


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        sokhan.Normalizer("NFC")  # type: ignore[misc]


# --- unicode_normalize -------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["nfc", "NFX", "", "NFC "])
def test_unicode_normalize_unknown_form_lists_forms(form):
    with pytest.raises(InvalidOptionError) as info:
        sokhan.unicode_normalize("متن", form)
    for name in ("'NFC'", "'NFD'", "'NFKC'", "'NFKD'"):
        assert name in str(info.value)


@pytest.mark.parametrize("form", [None, 3, b"NFC"])
def test_unicode_normalize_form_type(form):
    with pytest.raises(SokhanTypeError, match="form"):
        sokhan.unicode_normalize("متن", form)
