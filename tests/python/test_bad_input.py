"""Every public function and option answers bad input with a typed sokhan error (a SokhanError
that is also a ValueError or TypeError) whose message names the argument and, for text, the
position of the bad character; the CLI names the record and can skip it.

test_errors.py holds the first tests of this kind (the normalizer's options and texts); this
file covers the whole public API: every text-taking call, every batch call, lang, reference,
persian_date/to_persian, threads, analyze, the TimeML functions and the CLI.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sokhan
from sokhan import InvalidOptionError, InvalidTextError, SokhanError, SokhanTypeError

FA = "جلسه دوشنبه ۲ آذر ۱۳۹۴ برگزار شد. نتایج فردا اعلام می‌شود."
REFERENCE = "2015-11-25"

# Every public call that takes one text, as text -> result.
TEXT_CALLS = {
    "unicode_normalize": lambda t: sokhan.unicode_normalize(t, "NFC"),
    "normalize": sokhan.normalize,
    "Normalizer.normalize": sokhan.Normalizer().normalize,
    "Normalizer.normalize_aligned": sokhan.Normalizer().normalize_aligned,
    "split_sentences": sokhan.split_sentences,
    "sentences": sokhan.sentences,
    "SentenceSplitter.split": sokhan.SentenceSplitter("fa").split,
    "extract_dates": lambda t: sokhan.extract_dates(t, reference=REFERENCE),
    "DateExtractor.extract": lambda t: sokhan.DateExtractor("en").extract(t, REFERENCE),
    "analyze": lambda t: sokhan.analyze(t, reference=REFERENCE),
}

# Every batch call, as (texts, **keywords) -> results.
BATCH_CALLS = {
    "normalize_many": sokhan.Normalizer().normalize_many,
    "split_many": sokhan.SentenceSplitter().split_many,
    "extract_many": sokhan.DateExtractor().extract_many,
}

text_calls = pytest.mark.parametrize("call", TEXT_CALLS.values(), ids=TEXT_CALLS.keys())
batch_calls = pytest.mark.parametrize("call", BATCH_CALLS.values(), ids=BATCH_CALLS.keys())


def typed(info: pytest.ExceptionInfo, base: type) -> str:
    """The message of a raised error after checking it is a sokhan error of the `base` kind."""
    assert isinstance(info.value, SokhanError), type(info.value)
    assert isinstance(info.value, base), type(info.value)
    return str(info.value)


# --- text arguments ----------------------------------------------------------------------------


@text_calls
@pytest.mark.parametrize("value", [None, 17, 1.5, ["متن"], dt.date(2015, 1, 1)])
def test_text_of_another_type(call, value):
    with pytest.raises(SokhanTypeError) as info:
        call(value)
    message = typed(info, TypeError)
    assert "text" in message and type(value).__name__ in message


@text_calls
def test_valid_utf8_bytes_are_the_str(call):
    assert call(FA.encode()) == call(FA)


BAD_UTF8 = [
    (b"ab\xffcd", 2, "0xff"),
    ("😀".encode() + b"\x80", 4, "0x80"),
    ("کتاب".encode()[:-1], 6, "0xd8"),  # the last character cut short
    ("ab\udc00".encode("utf-8", "surrogatepass"), 2, "0xed"),  # an encoded surrogate
    (b"\xc0\xaf", 0, "0xc0"),  # an overlong "/"
]


@text_calls
@pytest.mark.parametrize(("data", "offset", "byte"), BAD_UTF8, ids=lambda v: repr(v)[:20])
def test_invalid_utf8_names_the_byte_and_its_offset(call, data, offset, byte):
    with pytest.raises(InvalidTextError) as info:
        call(data)
    message = typed(info, ValueError)
    assert message.startswith("text is not valid UTF-8"), message
    assert f"{byte} at byte offset {offset}" in message, message


LONE_SURROGATES = [("ab\ud800cd", 2), ("\udfff", 0), ("😀کتاب\udc00", 5), ("سلام \ud83d", 5),
                   ("\udc00\ud800", 0)]  # a reversed pair is two lone surrogates


@text_calls
@pytest.mark.parametrize(("text", "index"), LONE_SURROGATES, ids=lambda v: repr(v)[:20])
def test_lone_surrogate_names_its_index(call, text, index):
    with pytest.raises(InvalidTextError) as info:
        call(text)
    message = typed(info, ValueError)
    assert message.startswith("text "), message
    assert f"lone surrogate at index {index};" in message, message


@batch_calls
@pytest.mark.parametrize(
    ("item", "error", "expected"),
    [
        (None, SokhanTypeError, "texts[2] must be str (or UTF-8 bytes), not NoneType"),
        (42, SokhanTypeError, "texts[2] must be str (or UTF-8 bytes), not int"),
        (b"a\xffb", InvalidTextError, "texts[2] is not valid UTF-8: invalid byte 0xff at byte offset 1"),
        ("ab\ud800", InvalidTextError, "texts[2] contains a lone surrogate at index 2;"),
    ],
)
def test_batch_names_the_item_and_the_position(call, item, error, expected):
    texts = ["خوب", FA.encode(), item, "بعدی"]
    with pytest.raises(error) as info:
        call(texts)
    assert expected in typed(info, TypeError if error is SokhanTypeError else ValueError)
    # The same through an iterator, which the batch calls read item by item.
    with pytest.raises(error, match=re.escape(expected)):
        call(iter(texts))


@batch_calls
@pytest.mark.parametrize("texts", [None, 5, "a single str", b"single bytes"], ids=repr)
def test_batch_wants_a_sequence_of_texts(call, texts):
    with pytest.raises(SokhanTypeError) as info:
        call(texts)
    assert "texts must be" in typed(info, TypeError)


@batch_calls
def test_batch_valid_bytes_and_empty(call):
    assert call([]) == []
    assert call([FA.encode(), ""]) == call([FA, ""])


# --- lang, form and the normalizer's options ----------------------------------------------------

LANG_CALLS = {
    "split_sentences": lambda lang: sokhan.split_sentences("a. b.", lang=lang),
    "sentences": lambda lang: sokhan.sentences("a. b.", lang=lang),
    "SentenceSplitter": sokhan.SentenceSplitter,
    "extract_dates": lambda lang: sokhan.extract_dates("فردا", lang=lang),
    "DateExtractor": sokhan.DateExtractor,
    "analyze": lambda lang: sokhan.analyze("فردا", lang=lang),
}
lang_calls = pytest.mark.parametrize("call", LANG_CALLS.values(), ids=LANG_CALLS.keys())


@lang_calls
@pytest.mark.parametrize("lang", ["de", "FA", "", "fa ", "persian", "f\ud800"], ids=repr)
def test_unknown_lang_lists_the_languages(call, lang):
    with pytest.raises(InvalidOptionError) as info:
        call(lang)
    message = typed(info, ValueError)
    assert "lang" in message
    for name in ("'auto'", "'fa'", "'en'"):
        assert name in message


@lang_calls
@pytest.mark.parametrize("lang", [None, 1, b"fa", ["fa"]], ids=repr)
def test_lang_of_another_type(call, lang):
    with pytest.raises(SokhanTypeError) as info:
        call(lang)
    message = typed(info, TypeError)
    assert "lang must be a str" in message and type(lang).__name__ in message


@pytest.mark.parametrize("form", ["NF\ud800", "nfd", "NFKC "], ids=repr)
def test_unknown_unicode_form(form):
    with pytest.raises(InvalidOptionError) as info:
        sokhan.unicode_normalize("متن", form)
    message = typed(info, ValueError)
    assert "form" in message and "'NFKD'" in message


@pytest.mark.parametrize(
    ("options", "error", "named"),
    [
        ({"digit": "persian"}, InvalidOptionError, "'digit'"),
        ({"digits": "\ud800"}, InvalidOptionError, "digits"),
        ({"digits": b"persian"}, InvalidOptionError, "digits"),
        ({"unicode_form": "NFD"}, InvalidOptionError, "unicode_form"),
        ({"unicode_form": b"NFC"}, InvalidOptionError, "unicode_form"),
        ({"zwnj": "no"}, SokhanTypeError, "zwnj"),
        ({"spacing": None}, SokhanTypeError, "spacing"),
        ({"ellipsis": 1}, SokhanTypeError, "ellipsis"),
    ],
)
def test_normalizer_options(options, error, named):
    for make in (lambda: sokhan.Normalizer(**options), lambda: sokhan.normalize("متن", **options),
                 lambda: sokhan.analyze("متن", normalizer=sokhan.Normalizer(**options))):
        with pytest.raises(error) as info:
            make()
        assert named in typed(info, TypeError if error is SokhanTypeError else ValueError)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: sokhan.split_sentences("a", language="fa"), "language"),
        (lambda: sokhan.SentenceSplitter(langs="fa"), "langs"),
        (lambda: sokhan.extract_dates("فردا", ref="2015-11-25"), "ref"),
        (lambda: sokhan.DateExtractor().extract_many(["a"], reference="2015-11-25"), "reference"),
        (lambda: sokhan.Normalizer().normalize_many(["a"], thread=2), "thread"),
        (lambda: sokhan.analyze("a", digits="persian"), "digits"),
    ],
)
def test_unknown_keywords_of_fixed_signatures(call, name):
    # Only the normalizer takes options by name (**options, a typed error above); the other
    # calls have fixed signatures, where Python itself names the unknown keyword.
    with pytest.raises(TypeError, match=f"unexpected keyword argument '{name}'"):
        call()


def test_analyze_normalizer_of_another_type():
    with pytest.raises(SokhanTypeError) as info:
        sokhan.analyze("متن", normalizer={"digits": "persian"})
    assert "normalizer must be a sokhan.Normalizer" in typed(info, TypeError)


# --- threads -----------------------------------------------------------------------------------


@batch_calls
@pytest.mark.parametrize("threads", [-1, -2**70])
def test_negative_threads(call, threads):
    with pytest.raises(InvalidOptionError) as info:
        call(["a"], threads=threads)
    assert f"threads must be 0 (all cores) or a positive number, not {threads}" in typed(info, ValueError)


@batch_calls
@pytest.mark.parametrize("threads", ["2", 1.0, None, True])
def test_threads_of_another_type(call, threads):
    with pytest.raises(SokhanTypeError) as info:
        call(["a"], threads=threads)
    assert "threads must be an int" in typed(info, TypeError)


@batch_calls
def test_more_threads_than_anyone_has(call):
    # Never more threads than items are started, so any count means "one per item".
    assert call(["a", "b"], threads=2**70) == call(["a", "b"], threads=1)


# --- reference dates ---------------------------------------------------------------------------

REFERENCE_CALLS = {
    "extract_dates": lambda ref: sokhan.extract_dates("فردا", reference=ref),
    "DateExtractor.extract": lambda ref: sokhan.DateExtractor("en").extract("tomorrow", ref),
    "extract_many": lambda ref: sokhan.DateExtractor().extract_many(["فردا"], references=ref)[0],
    "extract_many one per text": lambda ref: sokhan.DateExtractor().extract_many(
        ["فردا", "فردا"], references=[REFERENCE, ref])[1],
    "analyze": lambda ref: sokhan.analyze("فردا", reference=ref).dates,
    "to_persian": sokhan.to_persian,
}
reference_calls = pytest.mark.parametrize("call", REFERENCE_CALLS.values(), ids=REFERENCE_CALLS.keys())


@reference_calls
@pytest.mark.parametrize(
    ("reference", "why"),
    [
        ("2015-13-40", "month must be in 1..12"),
        ("2015-02-29", "day is out of range for month"),
        ("0000-12-31", "the year 0 is outside 1 to 9999"),
        ("10000-01-01", "the year 10000 is outside 1 to 9999"),
        ("-0001-01-01", "the year -1 is outside 1 to 9999"),
        ("tomorrow", ""),
        ("", ""),
        ("2015-11-25\ud800", ""),
    ],
)
def test_impossible_reference(call, reference, why):
    with pytest.raises(InvalidOptionError) as info:
        call(reference)
    message = typed(info, ValueError)
    assert f"{reference!r} is not an ISO date" in message, message
    assert why in message
    assert "reference" in message or "date" in message


@reference_calls
@pytest.mark.parametrize("reference", [20151125, b"2015-11-25", (2015, 11, 25), 2015.5], ids=repr)
def test_reference_of_another_type(call, reference):
    # (extract_many reads a tuple or bytes as one reference per text, and names the item.)
    with pytest.raises(SokhanTypeError) as info:
        call(reference)
    message = typed(info, TypeError)
    assert re.match(r"(references\[\d\]|references|reference|date) must be a (datetime\.)?date", message), message


@pytest.mark.parametrize(
    ("reference", "tomorrow"),
    [
        ("0001-01-01", "0001-01-02"),
        (dt.date(1, 1, 1), "0001-01-02"),
        (dt.datetime(1, 1, 1, 23, 59), "0001-01-02"),
        ("9999-12-29", "9999-12-30"),
        (dt.date(9999, 12, 29), "9999-12-30"),
        ("9999-12-30", "9999-12-31"),  # its interval would end in the year 10000: none
    ],
)
def test_references_at_both_ends_of_datetime(reference, tomorrow):
    interval = None
    if tomorrow != "9999-12-31":
        day = dt.datetime.fromisoformat(tomorrow)
        interval = (day, day + dt.timedelta(days=1))
    for lang, text in (("fa", "فردا"), ("en", "tomorrow")):
        (m,) = sokhan.extract_dates(text, reference=reference, lang=lang)
        assert (m.value, m.interval) == (tomorrow, interval)
        (m,) = sokhan.DateExtractor(lang).extract_many([text], references=[reference])[0]
        assert m.value == tomorrow
    assert [m.value for m in sokhan.analyze("فردا", reference=reference).dates] == [tomorrow]


def test_mentions_past_the_end_of_datetime_keep_their_value():
    # The day after 9999-12-31 has a TIMEX3 value but no datetime interval.
    (m,) = sokhan.extract_dates("tomorrow", reference="9999-12-31", lang="en")
    assert (m.value, m.interval) == ("10000-01-01", None)
    (m,) = sokhan.extract_dates("فردا", reference="9999-12-31")
    assert (m.native, m.value, m.interval) == ("9378-10-11", "10000-01-01", None)
    (m,) = sokhan.extract_dates("yesterday", reference="0001-01-01", lang="en")
    assert (m.value, m.interval) == ("0000-12-31", None)


def test_extract_many_references():
    x = sokhan.DateExtractor()
    with pytest.raises(InvalidOptionError) as info:
        x.extract_many(["فردا", "فردا"], references=[REFERENCE])
    assert "references has 1 entries for 2 texts" in typed(info, ValueError)
    with pytest.raises(InvalidOptionError) as info:
        x.extract_many(["فردا", "فردا"], references=[REFERENCE, "2015-13-40"])
    assert typed(info, ValueError).startswith("references[1] '2015-13-40' is not an ISO date")
    with pytest.raises(SokhanTypeError) as info:
        x.extract_many(["فردا", "فردا"], references=[REFERENCE, 5])
    assert typed(info, TypeError).startswith("references[1] must be")
    with pytest.raises(SokhanTypeError) as info:
        x.extract_many(["فردا"], references=5)
    assert "references must be" in typed(info, TypeError)
    # None inside the list: that text has no reference.
    assert x.extract_many(["فردا", "فردا"], references=[None, REFERENCE])[0][0].value is None


# --- persian_date and to_persian ---------------------------------------------------------------


def test_1394_is_not_a_leap_year_and_1395_is():
    # The last day of 1394 is the day before Nowruz 1395 (2016-03-20): Esfand 29.
    assert sokhan.to_persian(dt.date(2016, 3, 19)) == (1394, 12, 29)
    assert sokhan.to_persian(dt.date(2016, 3, 20)) == (1395, 1, 1)
    assert sokhan.persian_date(1395, 12, 30) == dt.date(2017, 3, 20)


@pytest.mark.parametrize(
    ("ymd", "expected"),
    [
        ((1394, 12, 30), "day must be 1 to 29 in month 12 of 1394, which is not a leap year, not 30"),
        ((1394, 12, 31), "day must be 1 to 30 in month 12, not 31"),
        ((1394, 7, 31), "day must be 1 to 30 in month 7, not 31"),
        ((1394, 1, 0), "day must be 1 to 31 in month 1, not 0"),
        ((1394, 13, 1), "month must be 1 to 12, not 13"),
        ((1394, 0, 1), "month must be 1 to 12, not 0"),
        ((-621, 10, 10), "-621-10-10 (Solar Hijri) is the Gregorian year 0"),
        ((9378, 10, 11), "9378-10-11 (Solar Hijri) is the Gregorian year 10000"),
        ((10**12, 1, 1), "year must be -621 to 9378 (Gregorian years 1 to 9999), not 1000000000000"),
        ((-10**30, 1, 1), "year must be -621 to 9378"),
    ],
)
def test_impossible_persian_dates(ymd, expected):
    with pytest.raises(InvalidOptionError) as info:
        sokhan.persian_date(*ymd)
    assert expected in typed(info, ValueError)


def test_persian_dates_at_both_ends_of_datetime():
    assert sokhan.persian_date(-621, 10, 11) == dt.date(1, 1, 1)
    assert sokhan.persian_date(9378, 10, 10) == dt.date(9999, 12, 31)
    assert sokhan.to_persian(dt.date(1, 1, 1)) == (-621, 10, 11)
    assert sokhan.to_persian("9999-12-31") == (9378, 10, 10)


@pytest.mark.parametrize("args", [(None, 1, 1), (1394, "9", 2), (1394.0, 9, 2), (1394, 9, True)], ids=repr)
def test_persian_date_wants_ints(args):
    with pytest.raises(SokhanTypeError) as info:
        sokhan.persian_date(*args)
    assert "year, month and day must be ints" in typed(info, TypeError)


def test_to_persian_of_nothing():
    with pytest.raises(SokhanTypeError) as info:
        sokhan.to_persian(None)
    assert "date must be" in typed(info, TypeError)


# --- Aligned ranges ----------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["to_original", "to_normalized"])
@pytest.mark.parametrize("span", [(-1, 2), (2, 1), (0, 99)])
def test_aligned_ranges_outside_the_text(method, span):
    a = sokhan.Normalizer().normalize_aligned("علي  رفت")
    with pytest.raises(InvalidOptionError) as info:
        getattr(a, method)(*span)
    assert f"range [{span[0]}, {span[1]}) is outside the" in typed(info, ValueError)


# --- TimeML ------------------------------------------------------------------------------------


def test_to_timeml_bad_input():
    with pytest.raises(SokhanTypeError) as info:
        sokhan.to_timeml(None, [])
    assert "text must be a str, not NoneType" in typed(info, TypeError)
    with pytest.raises(InvalidTextError) as info:
        sokhan.to_timeml("ab\x00c", [])
    assert "U+0000 at 2" in typed(info, ValueError)
    with pytest.raises(InvalidTextError) as info:
        sokhan.to_timeml("abc\ud800", [])
    assert "U+D800 at 3" in typed(info, ValueError)
    with pytest.raises(InvalidOptionError) as info:
        sokhan.to_timeml("abc", [{"start": 0, "end": 9, "kind": "date", "value": "2015"}])
    assert "mention 0" in typed(info, ValueError) and "0:9" in str(info.value)
    with pytest.raises(InvalidOptionError) as info:
        sokhan.to_timeml("abc", [{"start": 0, "end": 1, "kind": "event"}])
    assert "mention 0" in typed(info, ValueError)
    with pytest.raises(InvalidOptionError) as info:
        sokhan.to_timeml("abc", [], dct="2015-13-40")
    assert "dct '2015-13-40'" in typed(info, ValueError)
    with pytest.raises(SokhanTypeError) as info:
        sokhan.to_timeml("abc", [], dct=20151125)
    assert "dct must be" in typed(info, TypeError)


def test_read_timeml_bad_input(tmp_path):
    with pytest.raises(SokhanTypeError) as info:
        sokhan.read_timeml(None)
    assert "source must be" in typed(info, TypeError)
    with pytest.raises(InvalidTextError) as info:
        sokhan.read_timeml("<TimeML><TEXT>abc</TimeML>")
    assert "not well-formed TimeML" in typed(info, ValueError)
    path = tmp_path / "d.tml"
    path.write_text("<TimeML><DOCID>d</DOCID></TimeML>", encoding="utf-8")
    with pytest.raises(InvalidTextError) as info:
        sokhan.read_timeml(path)
    assert f"{path}: no <TEXT> element" in typed(info, ValueError)


# --- the command line --------------------------------------------------------------------------

SCRIPT = Path(sys.executable).with_name("sokhan")


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), *args], input=stdin, capture_output=True, timeout=120, check=False)


def one_line_error(r: subprocess.CompletedProcess) -> str:
    assert r.returncode == 2, r
    err = r.stderr.decode()
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("command", ["normalize", "sentences", "dates", "analyze"])
def test_cli_lone_surrogate_in_a_json_record(tmp_path, command):
    path = tmp_path / "in.jsonl"
    lines = ['{"id": 1, "text": "فردا"}', '{"id": 2, "text": "ab\\ud800 فردا"}', '{"id": 3, "text": "فردا"}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run(command, "--input-format", "jsonl", "--format", "jsonl", str(path))
    err = one_line_error(r)
    assert err == (f"sokhan: error: {path}:2: field 'text' has a lone surrogate at index 2, so it is not "
                   "valid Unicode\n")
    assert {json.loads(x)["id"] for x in r.stdout.decode().splitlines()} == {1}  # written before it
    for flag in ("--skip-errors", "--skip-bad"):
        r = run(command, "--input-format", "jsonl", "--format", "jsonl", flag, str(path))
        assert r.returncode == 0, r.stderr
        assert {json.loads(x)["id"] for x in r.stdout.decode().splitlines()} == {1, 3}
        assert r.stderr.decode().splitlines() == [
            f"sokhan: warning: {path}:2: field 'text' has a lone surrogate at index 2, so it is not valid "
            "Unicode (skipped)",
            "sokhan: warning: 1 bad record skipped",
        ]


def test_cli_lone_surrogate_in_an_id(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "\\udc00", "text": "a"}\n{"id": "\\ud83d\\ude00", "text": "b"}\n', encoding="utf-8")
    r = run("normalize", "--input-format", "jsonl", "--skip-errors", str(path))
    assert r.returncode == 0, r.stderr
    assert [json.loads(x) for x in r.stdout.decode().splitlines()] == [{"record": 1, "id": "😀", "normalized": "b"}]
    assert f"{path}:1: field 'id' has a lone surrogate" in r.stderr.decode()


@pytest.mark.parametrize("command", ["normalize", "sentences", "dates", "analyze"])
@pytest.mark.parametrize("input_format", ["text", "jsonl"])
def test_cli_invalid_utf8_is_skipped_with_its_line(tmp_path, command, input_format):
    path = tmp_path / "in.txt"
    good = ['{"text": "فردا آمد."}\n', '{"text": "دیروز رفت."}\n']
    path.write_bytes(good[0].encode() + b'{"text": "\xff"}\n' + good[1].encode())
    base = [command, "--input-format", input_format, "--format", "jsonl", "--reference", REFERENCE]
    if command in ("normalize", "sentences"):
        base.remove("--reference")
        base.remove(REFERENCE)
    err = one_line_error(run(*base, str(path)))
    assert err.startswith(f"sokhan: error: {path}:2: invalid UTF-8 (invalid start byte: byte 0xff at column 11)")
    r = run(*base, "--skip-errors", str(path))
    assert r.returncode == 0, r.stderr
    assert r.stderr.decode().splitlines() == [
        f"sokhan: warning: {path}:2: invalid UTF-8 (invalid start byte: byte 0xff at column 11) (skipped)",
        "sokhan: warning: 1 bad record skipped",
    ]
    rows = [json.loads(x) for x in r.stdout.decode().splitlines()]
    # The lines around the bad one keep their own line numbers (and a left-out line ends a
    # paragraph, so analyze sees two documents).
    assert {row["record"] for row in rows} == {0, 2}


def test_cli_normalize_text_skips_the_bad_line_only(tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes("علي\r\n".encode() + b"\xfe\xff\n" + "كتاب\n".encode())
    r = run("normalize", str(path))
    assert one_line_error(r).startswith(f"sokhan: error: {path}:2: invalid UTF-8")
    assert r.stdout.decode() == "علی\r\n"  # the line before it is written
    r = run("normalize", "--skip-errors", str(path))
    assert r.returncode == 0
    assert r.stdout.decode() == "علی\r\nکتاب\n"
    assert r.stderr.decode().startswith(f"sokhan: warning: {path}:2: invalid UTF-8")


def test_cli_help_names_both_spellings():
    out = run("dates", "--help").stdout.decode()
    assert "--skip-errors, --skip-bad" in out


# Any text the library rejects (none gets past the checks above today, so the library is made
# to reject one) is named by its line, and skipped with --skip-errors.
REJECTING_CLI = """
import sys
import sokhan
import sokhan.cli
from sokhan.normalize import Normalizer

real = Normalizer.normalize_many


def rejecting(self, texts, threads=0):
    for k, t in enumerate(texts):
        if "BAD" in t:
            raise sokhan.InvalidTextError(f"texts[{k}] is rejected for the test")
    return real(self, texts, threads)


Normalizer.normalize_many = rejecting
sys.exit(sokhan.cli.main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    ("args", "stdin", "before", "all_good"),
    [
        ([], "علي\nBAD\nكتاب\n", "علی\n", "علی\nکتاب\n"),
        (["--format", "jsonl"], "علي\nBAD\nكتاب\n", '{"record": 0, "start": 0, "end": 3, "normalized": "علی"}\n',
         '{"record": 0, "start": 0, "end": 3, "normalized": "علی"}\n'
         '{"record": 2, "start": 8, "end": 12, "normalized": "کتاب"}\n'),
        (["--input-format", "jsonl"], '{"text": "علي"}\n{"text": "BAD"}\n{"text": "كتاب"}\n',
         '{"record": 0, "normalized": "علی"}\n',
         '{"record": 0, "normalized": "علی"}\n{"record": 2, "normalized": "کتاب"}\n'),
    ],
)
def test_cli_names_the_record_the_library_rejects(args, stdin, before, all_good):
    def cli(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", REJECTING_CLI, "normalize", *args, *extra],
                              input=stdin.encode(), capture_output=True, timeout=120, check=False)

    r = cli()
    assert one_line_error(r) == "sokhan: error: <stdin>:2: texts[0] is rejected for the test\n"
    assert r.stdout.decode() == before
    r = cli("--skip-errors")
    assert (r.returncode, r.stdout.decode()) == (0, all_good)
    assert r.stderr.decode().splitlines() == [
        "sokhan: warning: <stdin>:2: texts[0] is rejected for the test (skipped)",
        "sokhan: warning: 1 bad record skipped",
    ]


def test_extract_many_reads_every_kind_of_reference_in_a_list():
    # Plain dates and datetimes are read in C, the rest by the facade: the same values either way.
    x = sokhan.DateExtractor()
    refs = [dt.date(2015, 11, 25), dt.datetime(2015, 11, 25, 23, 0), "2015-11-25", None]
    pd = pytest.importorskip("pandas")
    refs.append(pd.Timestamp("2015-11-25"))
    found = x.extract_many(["فردا"] * len(refs), references=refs)
    assert [[m.value for m in ms] for ms in found] == [["2015-11-26"]] * 3 + [[None]] + [["2015-11-26"]]
    assert x.extract_many(["فردا"] * 2, references=tuple(refs[:2])) == found[:2]
    # pandas' NaT is a missing date, as in the pandas accessor: no reference, like None
    assert [m.value for m in x.extract_many(["فردا"], references=[pd.NaT])[0]] == [None]
    assert [m.value for m in x.extract("فردا", reference=pd.NaT)] == [None]
