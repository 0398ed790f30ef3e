"""``.sokhan.sentences`` on Arrow-backed columns, whose rows the bindings validate and decode
from the Arrow buffers themselves (sixteen bytes at a time for one- and two-byte sequences):
every script and width, invalid bytes anywhere in a row, and Ctrl-C during a long column."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap

import pytest

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")
pa = pytest.importorskip("pyarrow")

import sokhan  # noqa: E402
import sokhan.pandas  # noqa: E402,F401  (registers the accessor)

# Pieces of every width: ASCII, Latin-1 (a str of kind 1 that is not ASCII), Persian letters
# (two bytes), ZWNJ and the ellipsis (three bytes, common in Persian text), astral (four).
_PIECES = ["a", "Hi", " ", ".", "؟", "!", "\n", "é", "ÿ", "ی", "سلام", "\u200c", "…", "Ω", "😀", "𝒜",
           "۱۳۹۴", "Dr.", "e.g."]


def _random_texts(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choices(_PIECES, k=rnd.randint(0, 90))) for _ in range(count)]


def _arrow_series(rows: list[bytes]) -> pd.Series:
    """A large_string column holding exactly these bytes (Arrow does not check them)."""
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=offsets[1:])
    arr = pa.Array.from_buffers(pa.large_string(), len(rows),
                                [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(rows))])
    return pd.Series(pd.arrays.ArrowExtensionArray(arr))


def test_every_width_gives_the_sentences_of_the_str():
    texts = _random_texts(1, 600) + ["", "abc. def.", "é. ü!", "ÿĀ. ÿ.", "😀", "x" * 40 + "é. b",
                                     "می\u200cرود. " * 9 + "Hi there. Bye."]
    want = [sokhan.sentences(t) for t in texts]
    dtypes = [object, "string[pyarrow]", pd.ArrowDtype(pa.string()),
              pd.ArrowDtype(pa.large_string())]
    for dtype in dtypes:
        for threads in (1, 2):
            got = pd.Series(texts, dtype=dtype).sokhan.sentences(threads=threads).tolist()
            assert got == want, (dtype, threads)
    # An ASCII or Latin-1 sentence of a Persian row is a str of the narrow kind CPython makes:
    # otherwise it would compare unequal to the same text typed in.
    row = pd.Series(["سلام دنیا. Hi there. Café ÿ."], dtype="string[pyarrow]").sokhan.sentences()[0]
    assert row == ["سلام دنیا.", "Hi there.", "Café ÿ."]
    assert {hash(s) for s in row} == {hash("سلام دنیا."), hash("Hi there."), hash("Café ÿ.")}


def test_a_row_that_is_one_sentence_keeps_its_text():
    texts = ["یک جمله", "one sentence", "😀 alone"]
    for dtype in (object, "string[pyarrow]"):
        assert pd.Series(texts, dtype=dtype).sokhan.sentences().tolist() == [[t] for t in texts]

    class Text(str):
        pass

    # As with slicing: a str subclass gives plain str sentences, even one that is the whole row.
    got = pd.Series([Text("one sentence"), Text("Two. Three.")], dtype=object).sokhan.sentences()
    assert got.tolist() == [["one sentence"], ["Two.", "Three."]]
    assert {type(x) for row in got for x in row} == {str}


@pytest.mark.parametrize("seed", [2, 3])
def test_invalid_bytes_anywhere_name_their_offset(seed):
    """Rows of valid and broken sequences, at every distance from the 16-byte steps: a row
    Python decodes gives its sentences, any other the offset Python's decoder names."""
    rnd = random.Random(seed)
    good = [p.encode() for p in _PIECES]
    bad = [b"\x80", b"\xbf", b"\xc0\x80", b"\xc1\xbf", b"\xe2\x80", b"\xed\xa0\x80",
           b"\xf4\x90\x80\x80", b"\xf8", b"\xff", b"\xdf", b"\xd8", b"\xe0\x9f\xbf",
           b"\xf0\x8f\xbf\xbf"]
    invalid = 0
    for _ in range(1500):
        row = b"".join(rnd.choice(bad) if rnd.random() < 0.02 else rnd.choice(good)
                       for _ in range(rnd.randint(0, 60)))
        s = _arrow_series([row])
        try:
            text = row.decode("utf-8")
        except UnicodeDecodeError as e:
            invalid += 1
            message = rf"texts\[0\] is not valid UTF-8: .* at byte offset {e.start}$"
            with pytest.raises(sokhan.InvalidTextError, match=message):
                s.sokhan.sentences()
            continue
        assert s.sokhan.sentences().tolist() == [sokhan.sentences(text)], row
    assert 200 < invalid < 1300  # both kinds of rows were tried


_CTRL_C = textwrap.dedent("""
    import os, signal, sys, threading, traceback
    import pandas as pd, pyarrow as pa
    import sokhan, sokhan.pandas
    row = " ".join(["جلسه دوشنبه ۲ آذر ۱۳۹۴ برگزار شد.", "It was on March 3, 2014."] * 30)
    if sys.argv[1] == "arrow":
        # 600 MB of rows that share one 300 KB chunk: a long call without the memory.
        chunk = pa.array([row] * 100, type=pa.large_string())
        s = pd.Series(pd.arrays.ArrowExtensionArray(pa.chunked_array([chunk] * 2000)))
    else:
        s = pd.Series([row] * 200_000, dtype=object)  # one str, many rows
    threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT)).start()
    try:
        s.sokhan.sentences(threads=2)
        print("finished")
    except KeyboardInterrupt as e:
        # Where it was raised: inside the accessor's call into the core, not before it.
        print("interrupted in", traceback.extract_tb(e.__traceback__)[-1].name)
""")


@pytest.mark.parametrize("column", ["arrow", "object"])
def test_ctrl_c_stops_a_long_column(column):
    # The child sends itself SIGINT 0.2 s into a call of seconds; the timeout only bounds a
    # failure.
    done = subprocess.run([sys.executable, "-c", _CTRL_C, column], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "interrupted in sentences", done.stdout
