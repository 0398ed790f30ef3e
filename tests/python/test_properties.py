"""Properties of normalization on random Persian, Latin and mixed text (hypothesis)."""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import sokhan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_spec = importlib.util.spec_from_file_location("option_strategies", Path(__file__).parent / "option_strategies.py")
option_strategies = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(option_strategies)

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ZWNJ, ZWJ, TATWEEL = "\u200c", "\u200d", "\u0640"
LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآ" + "يكةئىأإؤٱء"
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
HAMZA_ABOVE = "\u0654"
DIGITS = "0123456789" + "۰۱۲۳۴۵۶۷۸۹" + "٠١٢٣٤٥٦٧٨٩"
PUNCTUATION = ".,،؛?؟!:«»()"
LATIN = "abcdeswxyzABCU"
PRESENTATION = "ﻛﺘﺎﺏﻻﻵﷲﯼﮎﺋ\ufe70"
EMOJI = ["😀", "👍", "👨\u200d👩"]

CHARS = (
    list(LETTERS + DIACRITICS + HAMZA_ABOVE + DIGITS + PUNCTUATION + LATIN)
    + [ZWNJ, ZWJ, TATWEEL, " ", " ", " ", "\n", "\t", "\u00a0"]
    + EMOJI
)

# Whole tokens that exercise the word rules and the protected spans.
TOKENS = [
    "می", "نمی", "ها", "های", "تر", "ترین", "ای", "اند", "کتاب", "خانه", "بزرگ", "روم", "شود",
    "دختر", "لباس", "رئیسجمهور", "میشود", "کتابها", "همچنین", "میوه", "پائیز", "رئیس", "علي",
    "خیلییییی", "الله", "www", "1111", "ATM74", "COVID-19", "mp3", "U.S.", "e.g.", "1.7",
    "2,500", "12:30", "1394/09/02", "۱٫۷", "۲٬۵۰۰", "https://example.com/a1?b=2,3",
    "ali99@example.com", ":)", ":(", "...", "…", "(", ")", "«", "»", "،", ".", "?", "؟",
    "i.e.", ":-)", ";)", "?!", "....", "۱۵ می ۲۰۱۴", "خانهٔ", "C++", "www.example.ir/a?id=12",
]
SEPARATORS = [" ", "  ", "\n", "", ZWNJ, " ، ", ". ", ZWJ, "\t", "\u00a0"]


def _joined(parts: list[tuple[str, str]]) -> str:
    return "".join(token + sep for token, sep in parts)


char_text = st.lists(st.sampled_from(CHARS + list(PRESENTATION)), max_size=40).map("".join)
token_text = st.lists(
    st.tuples(st.sampled_from(TOKENS), st.sampled_from(SEPARATORS)), max_size=12
).map(_joined)
texts = st.one_of(char_text, token_text, st.tuples(char_text, token_text).map("".join))

PROFILES = [
    {},
    {"digits": "persian"},
    {"digits": "latin"},
    {"digits": "arabic", "extra_letters": True},
    {"ellipsis": True, "repeated_letters": True},
    {"extra_letters": True, "ellipsis": True, "repeated_letters": True, "digits": "persian"},
    {"unicode_form": "NFKC", "punctuation": "keep", "zwnj": False},
    {"unicode_form": None, "diacritics": "keep", "spacing": False},
]


@pytest.mark.parametrize(
    "options", PROFILES, ids=lambda o: ",".join(map(str, o.items())) or "defaults"
)
def test_idempotent(options):
    n = sokhan.Normalizer(**options)

    @PROPERTY
    @given(texts)
    def check(text):
        once = n.normalize(text)
        assert n.normalize(once) == once

    check()


# Shrunk counterexamples hypothesis has found, with the options that showed them; kept so they
# always run.
REGRESSIONS = [
    ("ا??", {}),
    ("ا,,", {}),
    ("?ـ?ـمی", {}),
    ("چرا ? ?", {}),
    ("? ? می", {}),
    ("\ufe8e\u0654", {}),
    ("اـ\u0654", {}),
    ("ب. ...ATM", {}),
    ("ب. ..ج", {"ellipsis": True}),
    ("ب.\t..ج", {"ellipsis": True}),
    ("ب.\u00a0..ج", {"ellipsis": True}),
    ("…\t…", {"unicode_form": "NFKC", "ellipsis": True}),
    ("https://example.com ، ....\u200d", {"unicode_form": "NFKC", "ellipsis": True}),
    # a dropped space glues a word to a URL chunk that starts with punctuation
    ("www ?!www.example.ir/a?id=12", {"digits": "persian"}),
    ("ok ....www.example.ir", {"ellipsis": True}),
    ("نِنن", {"repeated_letters": True}),
    ("أ\u0654", {"extra_letters": True}),
    ("پاﺋیز", {"extra_letters": True}),  # a presentation-form ئ that writes a glide
    ("1ـ.5", {"digits": "persian"}),  # a removed tatweel joins a number
    ("1\u064b.5", {"digits": "persian"}),
    ("ﷲهه", {"repeated_letters": True}),  # an expansion ending in the letter that follows
    ("سلاـاام", {"repeated_letters": True}),
]


@pytest.mark.parametrize(("text", "options"), REGRESSIONS, ids=[t for t, _ in REGRESSIONS])
def test_idempotent_regressions(text, options):
    n = sokhan.Normalizer(**options)
    once = n.normalize(text)
    assert n.normalize(once) == once


any_options = option_strategies.all_options


@PROPERTY
@given(texts, any_options)
def test_idempotent_and_aligned_for_any_options(check_spans, text, options):
    n = sokhan.Normalizer(**options)
    once = n.normalize(text)
    assert n.normalize(once) == once
    a = n.normalize_aligned(text)
    assert a.text == once
    for start in range(len(once)):
        check_spans(a, start, len(once))
        check_spans(a, start, start + 1)


@pytest.mark.parametrize("options", PROFILES[:2], ids=["defaults", "persian digits"])
def test_spans_map_inside_the_original_and_back(options, check_spans):
    n = sokhan.Normalizer(**options)

    @PROPERTY
    @given(texts, st.data())
    def check(text, data):
        a = n.normalize_aligned(text)
        assert a.text == n.normalize(text)
        assert a.original == text
        size = len(a.text)
        for _ in range(5 if size else 0):  # empty spans inside an expansion have no exact source
            start = data.draw(st.integers(0, size - 1))
            end = data.draw(st.integers(start + 1, size))
            check_spans(a, start, end)
        check_spans(a, 0, size)
        assert a.to_normalized(0, len(text)) == (0, size)

    check()


@PROPERTY
@given(texts)
def test_edits_rebuild_the_text(check_edits, text):
    check_edits(sokhan.Normalizer().normalize_aligned(text))


@PROPERTY
@given(texts)
def test_everything_off_is_identity(all_off, text):
    n = sokhan.Normalizer(**all_off)
    assert n.normalize(text) == text
    assert n.normalize_aligned(text).edits() == []


# Letter, digit and punctuation mappings the options may apply (after full decomposition, so
# أ is ا + ٔ); removing nothing, they leave every character in place up to this folding.
FOLD = {
    "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ٱ": "ا",
    ",": "،", ";": "؛", "?": "؟", "٬": "،", "٫": ".",
    **{d: str(i) for i, d in enumerate("۰۱۲۳۴۵۶۷۸۹")},
    **{d: str(i) for i, d in enumerate("٠١٢٣٤٥٦٧٨٩")},
}
# extra_letters writes أ إ ؤ and the glide ئ without their hamza: a hamza mark on ا و ی.
SEAT_AND_MARKS = re.compile("[اوی][\u064b-\u0652\u0654\u0655\u0670]+")


def folded(text: str, *, drop_seated_hamza: bool = False) -> Counter:
    """The multiset of characters after NFKD (per character) and FOLD."""
    s = "".join(FOLD.get(d, d) for c in text for d in unicodedata.normalize("NFKD", c))
    if drop_seated_hamza:
        s = SEAT_AND_MARKS.sub(lambda m: re.sub("[\u0654\u0655]", "", m.group()), s)
    return Counter(s)


@PROPERTY
@given(texts)
def test_no_character_lost_without_removal_options(all_off, text):
    # Every option that only maps characters (or adds ZWNJs) on; every removing option off.
    n = sokhan.Normalizer(
        **{
            **all_off,
            "persian_letters": True,
            "extra_letters": True,
            "digits": "latin",
            "punctuation": "persian",
            "repair_compounds": True,
        }
    )
    out = n.normalize(text)
    before = folded(text, drop_seated_hamza=True)
    after = folded(out, drop_seated_hamza=True)
    assert after[ZWNJ] >= before[ZWNJ]
    # Spaces aside (an isolated haraka form such as U+FE70 decomposes to space + haraka, and
    # persian_letters rightly drops the carrier space), nothing else may change.
    for c in (ZWNJ, " "):
        del before[c], after[c]
    assert after == before


REMOVABLE = set(" \t" + ZWNJ + ZWJ + TATWEEL + DIACRITICS)


@PROPERTY
@given(texts)
def test_default_profile_removes_only_removable_characters(text):
    out = sokhan.normalize(text)
    before, after = folded(text), folded(out)
    lost, gained = before - after, after - before
    assert set(lost) <= REMOVABLE, lost
    assert set(gained) <= {" ", ZWNJ}, gained


@PROPERTY
@given(texts)
def test_default_profile_output_is_clean(text):
    out = sokhan.normalize(text)
    assert unicodedata.is_normalized("NFC", out)
    assert not set(out) & set(DIACRITICS + TATWEEL + "يكى")
    assert "  " not in out
    assert not re.search("[\u0600-\u06ff]\u200c\u200c|\u200c\u200c[\u0600-\u06ff]", out)
    for line in out.split("\n"):
        assert line == line.strip(" "), repr(line)
        assert not line.startswith(ZWNJ) and not line.endswith(ZWNJ), repr(line)
        assert " " + ZWNJ not in line and ZWNJ + " " not in line, repr(line)


@pytest.mark.parametrize("threads", [0, 1, 2])
def test_normalize_many_equals_map(threads):
    n = sokhan.Normalizer(digits="persian")

    @settings(max_examples=100, deadline=None)
    @given(st.lists(texts, max_size=20))
    def check(batch):
        assert n.normalize_many(batch, threads=threads) == [n.normalize(t) for t in batch]
        assert n.normalize_many([t.encode() for t in batch], threads=threads) == [
            n.normalize(t) for t in batch
        ]

    check()
