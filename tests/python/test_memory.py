"""Repeated calls do not grow memory: after a warm-up pass over 10 000 documents, three more
passes of each capability (single calls, batch calls, the pandas accessor, bytes input and the
error paths) leave the resident set size within 20 MB of where it was.

The bound is generous yet tight enough to catch a leak of one result per call: 30 000 calls
leaking even a 700-byte result leak 21 MB, and a normalized document here averages over 1 kB
(test_the_bound_catches_a_leak shows the measurement seeing such a leak). Before each reading
glibc's malloc_trim hands freed memory back: without it, the per-thread arenas of the batch
calls' workers keep a varying amount and RSS wanders by 20 MB from pass to pass."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import importlib.util
import os
from pathlib import Path
from typing import Any, Callable

import pytest
import sokhan

_spec = importlib.util.spec_from_file_location("sample_docs", Path(__file__).parent / "sample_docs.py")
sample_docs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sample_docs)

pd = pytest.importorskip("pandas")
import sokhan.pandas  # noqa: E402,F401 - registers the .sokhan accessor

BOUND = 20 << 20
PASSES = 3
REFERENCE = "2015-11-25"

DOCS = sample_docs.documents(10_000, seed=7, sentences=(4, 14), joiners=(" ",))
DOC_BYTES = [d.encode() for d in DOCS]
SERIES = pd.Series(DOCS)
NORMALIZER = sokhan.Normalizer(digits="persian")
SPLITTER = sokhan.SentenceSplitter()
EXTRACTOR = sokhan.DateExtractor()


def _malloc_trim() -> Callable[[int], Any]:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to trim
        return lambda pad: 0


MALLOC_TRIM = _malloc_trim()


def rss() -> int:
    """Resident set size in bytes, of live memory."""
    gc.collect()
    MALLOC_TRIM(0)
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def aligned_pass() -> None:
    for d in DOCS:
        a = NORMALIZER.normalize_aligned(d)
        a.to_original(0, len(a.text))
        a.edits()


def error_pass() -> None:
    for k, d in enumerate(DOCS):
        bad: Any = d + "\ud800" if k % 3 == 0 else DOC_BYTES[k] + b"\xff" if k % 3 == 1 else None
        for call in (NORMALIZER.normalize, SPLITTER.split, EXTRACTOR.extract):
            with pytest.raises(sokhan.SokhanError):
                call(bad)
    for batch in (NORMALIZER.normalize_many, SPLITTER.split_many, EXTRACTOR.extract_many):
        with pytest.raises(sokhan.InvalidTextError):
            batch(DOCS[:5000] + ["\udc00"] + DOCS[5000:], threads=2)


PASSES_OF: dict[str, Callable[[], Any]] = {
    "normalize": lambda: [NORMALIZER.normalize(d) for d in DOCS],
    "normalize bytes": lambda: [NORMALIZER.normalize(d) for d in DOC_BYTES],
    "normalize_aligned": aligned_pass,
    "unicode_normalize": lambda: [sokhan.unicode_normalize(d, "NFKC") for d in DOCS],
    "split_sentences": lambda: [sokhan.split_sentences(d) for d in DOCS],
    "sentences bytes": lambda: [sokhan.sentences(d) for d in DOC_BYTES],
    "extract_dates": lambda: [EXTRACTOR.extract(d, REFERENCE) for d in DOCS],
    "analyze": lambda: [sokhan.analyze(d, reference=REFERENCE).to_dict() for d in DOCS[:3000]],
    "calendars": lambda: [sokhan.to_persian(sokhan.persian_date(1300 + k % 200, 1 + k % 12, 1 + k % 29))
                          for k in range(10_000)],
    "normalize_many": lambda: NORMALIZER.normalize_many(DOCS, threads=2),
    "split_many": lambda: SPLITTER.split_many(DOC_BYTES, threads=2),
    "extract_many": lambda: EXTRACTOR.extract_many(DOCS, references=REFERENCE, threads=2),
    "pandas normalize": lambda: SERIES.sokhan.normalize(threads=2),
    "pandas sentences": lambda: SERIES.sokhan.sentences(threads=2).explode(),
    "pandas dates": lambda: SERIES.sokhan.dates(reference=REFERENCE, threads=2),
    "errors": error_pass,
}


def growth(run: Callable[[], Any], keep: list[Any] | None = None) -> int:
    """RSS growth over PASSES passes of `run` after one warm-up pass; `keep` collects the
    results (a leak on purpose)."""
    run()
    before = rss()
    for _ in range(PASSES):
        result = run()
        if keep is not None:
            keep.append(result)
        del result
    return rss() - before


@pytest.mark.parametrize("run", PASSES_OF.values(), ids=PASSES_OF.keys())
def test_repeated_calls_do_not_grow_memory(run):
    grew = growth(run)
    assert grew < BOUND, f"RSS grew {grew / 2**20:.1f} MB over {PASSES} passes"


def test_the_bound_catches_a_leak():
    # One normalized document per call kept alive: the leak test_repeated_calls_do_not_grow_memory
    # must be able to see.
    leaked: list[Any] = []
    grew = growth(PASSES_OF["normalize"], keep=leaked)
    per_call = grew / (PASSES * len(DOCS))
    assert grew > BOUND, f"a leak of one result per call grew RSS by only {grew / 2**20:.1f} MB"
    assert per_call > 700, per_call
