"""sokhan.unicode_normalize against the whole of Unicode's NormalizationTest.txt.

Debian's unicode-data package (installed by `make test`) ships the file and UnicodeData.txt.
"""

from __future__ import annotations

import bz2
from pathlib import Path

import pytest
import sokhan

UNICODE_DIR = Path("/usr/share/unicode")
FORMS = ("NFC", "NFD", "NFKC", "NFKD")


def _read(name: str) -> str:
    plain = UNICODE_DIR / name
    if plain.exists():
        return plain.read_text(encoding="utf-8")
    return bz2.decompress((UNICODE_DIR / (name + ".bz2")).read_bytes()).decode("utf-8")


def _chars(field: str) -> str:
    return "".join(chr(int(h, 16)) for h in field.split())


@pytest.fixture(scope="module")
def normalization_test() -> tuple[list[tuple[str, ...]], set[int]]:
    """(lines as 5 columns, code points listed in Part 1)."""
    rows, part1, part = [], set(), ""
    for line in _read("NormalizationTest.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("@"):
            part = line.split()[0]
            continue
        cols = tuple(_chars(f) for f in line.split(";")[:5])
        rows.append(cols)
        if part == "@Part1":
            part1.add(ord(cols[0]))
    assert len(rows) > 18000
    return rows, part1


def _expected(form: str, c: tuple[str, ...]) -> list[tuple[str, str]]:
    """(source, expected) pairs that the file's header defines for ``form``."""
    c1, c2, c3, c4, c5 = c
    if form == "NFC":
        return [(c1, c2), (c2, c2), (c3, c2), (c4, c4), (c5, c4)]
    if form == "NFD":
        return [(c1, c3), (c2, c3), (c3, c3), (c4, c5), (c5, c5)]
    if form == "NFKC":
        return [(x, c4) for x in c]
    return [(x, c5) for x in c]


@pytest.mark.parametrize("form", FORMS)
def test_normalization_test_file(normalization_test, form):
    rows, _ = normalization_test
    failures = []
    for row in rows:
        for source, expected in _expected(form, row):
            got = sokhan.unicode_normalize(source, form)
            if got != expected:
                failures.append((source, expected, got))
    assert not failures, f"{len(failures)} failures, first: {failures[:5]!r}"


def _assigned() -> list[int]:
    out, first = [], None
    for line in _read("UnicodeData.txt").splitlines():
        fields = line.split(";")
        cp, name, category = int(fields[0], 16), fields[1], fields[2]
        if name.endswith(", First>"):
            first = cp
            continue
        start = first if name.endswith(", Last>") else cp
        first = None
        if category != "Cs":
            out.extend(range(start, cp + 1))
    return out


@pytest.mark.parametrize("form", FORMS)
def test_characters_not_in_part1_are_invariant(normalization_test, form):
    _, part1 = normalization_test
    others = [chr(cp) for cp in _assigned() if cp not in part1]
    assert len(others) > 250_000
    # One call over all of them; a starter between characters keeps them from interacting.
    text = "\n".join(others)
    if sokhan.unicode_normalize(text, form) != text:
        bad = [c for c in others if sokhan.unicode_normalize(c, form) != c]
        pytest.fail(f"{len(bad)} characters change under {form}: {[hex(ord(c)) for c in bad[:10]]}")


@pytest.mark.parametrize(
    ("text", "form", "expected"),
    [
        ("e\u0301", "NFC", "\u00e9"),
        ("\u00e9", "NFD", "e\u0301"),
        ("ﻻ", "NFKC", "لا"),
        ("ﻻ", "NFC", "ﻻ"),
        ("\u0627\u0653", "NFC", "آ"),
        ("آ", "NFD", "\u0627\u0653"),
        ("①", "NFKD", "1"),
        ("😀 متن", "NFC", "😀 متن"),
        ("", "NFKC", ""),
    ],
)
def test_examples(text, form, expected):
    assert sokhan.unicode_normalize(text, form) == expected
    assert sokhan.unicode_normalize(text.encode(), form) == expected


def test_text_already_in_the_form_comes_back_without_a_copy():
    text = "".join(["کتاب‌ها را خواندم. ", "Café déjà vu. "] * 50)
    assert sokhan.unicode_normalize(text, "NFC") is text
    assert sokhan.Normalizer(unicode_form="NFC").normalize("سلام دنیا") == "سلام دنیا"
    decomposed = "Cafe\u0301"
    assert sokhan.unicode_normalize(decomposed, "NFC") == "Café"

    class Tagged(str):
        pass

    out = sokhan.unicode_normalize(Tagged("abc"), "NFC")
    assert type(out) is str and out == "abc"


def test_long_runs_of_marks_match_the_unicode_reference():
    # Runs of 32+ marks out of canonical order are sorted before ICU sees them (ICU's insertion
    # sort is quadratic on them); the result must stay exactly what the standard prescribes.
    import random
    import unicodedata

    rng = random.Random(7)
    marks = ["\u064b", "\u064e", "\u0650", "\u0651", "\u0652", "\u0654", "\u0301", "\u0300", "\u0308",
             "\u0323", "\u0327", "\u0344", "\u0670", "\u05b0", "\u0f71", "\u0f72", "\u0f73", "\u0340"]
    bases = ["a", "\u0627", "\u0628", "\u0627\u0653", "\u0f40", " ", "\n", "x\u0301", "\u1100", "\uac00"]
    for _ in range(400):
        text = "".join(rng.choice(bases) + "".join(rng.choice(marks) for _ in range(rng.choice([1, 31, 32, 33, 70, 200])))
                       for _ in range(rng.randint(1, 5)))
        for form in ("NFC", "NFD", "NFKC", "NFKD"):
            assert sokhan.unicode_normalize(text, form) == unicodedata.normalize(form, text), (form, text)
