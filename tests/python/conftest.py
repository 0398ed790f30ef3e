"""Shared fixtures for the sokhan test suite.

The suite runs against the *installed* package (see the Makefile's py-test target), so nothing
here imports from the source tree. Test modules cannot import this file under
``--import-mode=importlib``; shared helpers are therefore handed out as session fixtures (which
also keeps them usable inside hypothesis tests).
"""

from __future__ import annotations

from typing import Any, Callable

import pytest
import sokhan

#: Every option switched off: the Normalizer must then return its input unchanged.
ALL_OFF: dict[str, Any] = {
    "unicode_form": None,
    "persian_letters": False,
    "extra_letters": False,
    "digits": "keep",
    "diacritics": "keep",
    "kashida": False,
    "zwnj": False,
    "repair_compounds": False,
    "spacing": False,
    "punctuation": "keep",
    "ellipsis": False,
    "repeated_letters": False,
}


@pytest.fixture(scope="session")
def all_off() -> dict[str, Any]:
    """The options that switch every rule off."""
    return dict(ALL_OFF)


@pytest.fixture(scope="session")
def only() -> Callable[..., sokhan.Normalizer]:
    """``only(zwnj=True)``: a Normalizer with every option off except the ones given.

    Tests one rule in isolation, so an expected value never depends on another option.
    """

    def make(**options: Any) -> sokhan.Normalizer:
        return sokhan.Normalizer(**{**ALL_OFF, **options})

    return make


def _check_spans(a: sokhan.Aligned, start: int, end: int) -> None:
    """A normalized span maps into the original, and back onto a range that contains it."""
    os_, oe = a.to_original(start, end)
    assert 0 <= os_ <= oe <= len(a.original), (start, end, os_, oe)
    ns, ne = a.to_normalized(os_, oe)
    assert ns <= start and end <= ne, (start, end, os_, oe, ns, ne)


def _check_edits(a: sokhan.Aligned) -> None:
    """``edits()`` lists every change: ordered, disjoint, inside both texts, and the stretches
    between edits read the same in the original and the normalized text, so the original plus
    its edits rebuild ``a.text`` exactly."""
    orig, text = a.original, a.text
    edits = a.edits()
    prev_o = prev_n = 0
    for os_, oe, ns, ne in edits:
        assert prev_o <= os_ <= oe <= len(orig), (edits, len(orig))
        assert prev_n <= ns <= ne <= len(text), (edits, len(text))
        assert orig[prev_o:os_] == text[prev_n:ns], ("unlisted change", orig[prev_o:os_], edits)
        assert a.to_original(ns, ne) == (os_, oe) or ns == ne, (edits, a.to_original(ns, ne))
        prev_o, prev_n = oe, ne
    assert orig[prev_o:] == text[prev_n:], ("unlisted change", orig[prev_o:], edits)


@pytest.fixture(scope="session")
def check_spans() -> Callable[[sokhan.Aligned, int, int], None]:
    return _check_spans


@pytest.fixture(scope="session")
def check_edits() -> Callable[[sokhan.Aligned], None]:
    return _check_edits
