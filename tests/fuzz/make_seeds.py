"""Writes the seed corpora in tests/fuzz/corpus/<harness>/ from the project's own test texts,
and the libFuzzer dictionaries tests/fuzz/<harness>.dict from the rule tables in cpp/data.

Run from the repository root: ``python3 tests/fuzz/make_seeds.py``. It reads the sentences of
tests/data/news_fa.txt and of the Python tests (their examples are the texts the rules were
written for), adds hand-made hard cases (invalid UTF-8 pieces, long digit runs, marks, joiners,
text outside the BMP), and prefixes each with the header bytes its harness reads (see the comment
at the top of each fuzz_*.cpp). Seeds are named by content hash, so re-running only adds files;
regression inputs saved from findings (crash-*) are left alone. The dictionaries give the
mutator the words the rules look for (month names, abbreviations, affixes), which random byte
flips would almost never spell.
"""

from __future__ import annotations

import ast
import hashlib
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fuzz" / "corpus"
PER_HARNESS = 48

ZWNJ, ZWJ = "\u200c", "\u200d"

# Hard cases the test files do not hold, as bytes (some are not UTF-8 on purpose).
INVALID_PIECES = [
    b"\x80", b"abc\xbf", b"\xc3", b"\xc3(", b"\xe2\x82", b"\xe0\x80\x80", b"\xc0\xaf",
    b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xf0\x9f\x98", b"\xff\xfe", b"\xf8\x88\x80\x80\x80",
    "سلام".encode() + b"\xd8", "۱۳۹۴".encode()[:-1] + b" ok", b"Hello\x00\xe9 world",
]
HARD_TEXTS = [
    "", " ", "\n\n\n", "\t \u00a0\u2003\u3000", "\x00", "\ufeffسلام", "\ufeff",
    "1" * 600, "۱" * 600, "٠١٢٣٤٥٦٧٨٩" * 40, "12345678901234567890.5", "۱۳۹۴/" * 60,
    "." * 300, "…" * 200, "?!" * 100, "«(«(" * 30 + "»)" * 20, ZWNJ * 50, "\u064e\u0650\u0651" * 40,
    "\u0640" * 80, "ﻛﺘﺎﺏ ﷲ ﻻ ﯼ ﮎ ﺋ \ufe70", "خیلییییییییی", "😀👍👨\u200d👩 𝔸𝔹 \U0001f1ee\U0001f1f7",
    "\ufdd0\uffff\U0010ffff \ue000\U000f0000", "a\u0301\u0327 e\u0301 \u1e9b\u0323 \ufb01 \u2460",
    "ك" + "ي" * 3 + " ة أ إ ٱ ؤ ئ", "م" + ZWNJ + ZWJ + ZWNJ + "ی" + ZWNJ + " " + ZWNJ + "رود",
    "سال ۱۳۹۴ سال ۱۳۹۴ " * 8, "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند",
    "January February March April May June July August September October November December",
    "a\u0628b\u062ac\u062fd\u0631e\u0633f", "U.S. e.g. i.e. Dr. Mr. etc. ه.ش. ه.ق. ق.م.",
    "https://example.com/a1?b=2,3 ali99@example.com www.example.ir/a?id=12 :) :-( ;)",
    "line one\r\nline two\rline three\u2028four\u2029five\x85six\x0b\x0c",
    "۹۹۹۹۹۹۹۹۹۹۹ سال ۰۰۰۰ ماه ۳۲ روز ۲۵:۶۱ 99999999999-13-45 31/02/2015 0000-00-00",
    "سال ۹۹۹۹ و ۱ فروردین سال ۱ و قرن صدم و دهه ۹۰۰۰ year 9999 and year 1 and the 100th century",
]


def calls(path: Path, names: set[str]) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        n for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in names
    ]


def literal(node: ast.AST) -> object:
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def strings_in_tuples(path: Path) -> list[str]:
    """First string of each literal tuple of strings (the tables of examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Tuple) and n.elts:
            v = literal(n.elts[0])
            if isinstance(v, str) and len(n.elts) >= 2:
                out.extend(literal(e) for e in n.elts[:2] if isinstance(literal(e), str))
    return [s for s in out if any(c.isalpha() for c in s)]


def date_examples() -> list[tuple[str | None, str]]:
    """(reference, text) pairs of the Persian and English date tests."""
    out: list[tuple[str | None, str]] = []
    for call in calls(ROOT / "tests/python/test_dates.py", {"D", "M"}):
        ref, text = literal(call.args[1]), literal(call.args[2])
        if isinstance(text, str) and (ref is None or isinstance(ref, str)):
            out.append((ref, text))
    for text in strings_in_tuples(ROOT / "tests/python/test_dates_en.py"):
        if " " in text:
            out.append(("2013-03-22", text))
    return out


def sentence_examples() -> list[tuple[str, str]]:
    out = []
    for call in calls(ROOT / "tests/python/test_sentences.py", {"case"}):
        lang, text = literal(call.args[0]), literal(call.args[1])
        if isinstance(lang, str) and isinstance(text, str):
            out.append((lang, text))
    return out


def normalize_examples() -> list[str]:
    texts = strings_in_tuples(ROOT / "tests/python/test_normalize_options.py")
    texts += strings_in_tuples(ROOT / "tests/python/test_properties.py")
    return texts


def news() -> list[str]:
    text = (ROOT / "tests/data/news_fa.txt").read_text(encoding="utf-8")
    return [text] + [line for line in text.splitlines() if line.strip()]


def write(harness: str, seeds: list[bytes]) -> None:
    d = CORPUS / harness
    d.mkdir(parents=True, exist_ok=True)
    for s in seeds:
        (d / hashlib.sha1(s).hexdigest()[:16]).write_bytes(s)
    print(f"{harness}: {len(seeds)} seeds")


def table_words(pattern: str, columns: tuple[int, ...]) -> list[str]:
    """Cells of the given columns of the TSV files matching `pattern` under cpp/data."""
    words = []
    for path in sorted((ROOT / "cpp" / "data").glob(pattern)):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            words += [cells[c] for c in columns if c < len(cells) and cells[c].strip()]
    return words


def write_dict(harness: str, words: list[str]) -> None:
    """A libFuzzer dictionary: one quoted entry per line, non-printable bytes as \\xNN."""
    lines = []
    for w in sorted(set(words)):
        data = w.encode()
        if len(data) > 40:
            continue
        quoted = "".join(
            chr(b) if 0x20 <= b < 0x7F and chr(b) not in '"\\' else f"\\x{b:02X}" for b in data
        )
        lines.append(f'"{quoted}"')
    (ROOT / "tests" / "fuzz" / f"{harness}.dict").write_text("\n".join(lines) + "\n")
    print(f"{harness}.dict: {len(lines)} entries")


def pick(rng: random.Random, items: list, k: int) -> list:
    return items if len(items) <= k else rng.sample(items, k)


def main() -> None:
    rng = random.Random(9)
    hard = [t.encode() for t in HARD_TEXTS] + INVALID_PIECES
    mixed = [t.encode() for t in news() + pick(rng, normalize_examples(), 30)]

    unicode_seeds = [bytes([i % 4]) + t for i, t in enumerate(hard + mixed)]
    write("fuzz_unicode_normalize", pick(rng, unicode_seeds, PER_HARNESS + 16))

    # Option bytes: the defaults, everything off, and a few mixes (see fuzz_normalizer.cpp).
    option_bytes = [b"\x00\x80", b"\x00\xc0", b"\xff\x3f", b"\xd6\x07", b"\x95\x3c", b"\x6e\x2b"]
    norm_seeds = [option_bytes[i % len(option_bytes)] + t for i, t in enumerate(hard + mixed)]
    write("fuzz_normalizer", pick(rng, norm_seeds, PER_HARNESS + 16))

    langs = {"auto": 0, "fa": 1, "en": 2}
    sent = [bytes([langs.get(lang, 0)]) + t.encode() for lang, t in sentence_examples()]
    sent = pick(rng, sent, PER_HARNESS) + [bytes([i % 3]) + t for i, t in enumerate(hard)]
    sent += [b"\x00" + t.encode() for t in news()[:2]]
    write("fuzz_sentences", sent)

    date_seeds = []
    for i, (ref, text) in enumerate(pick(rng, date_examples(), PER_HARNESS)):
        lang = i % 3 if i % 4 == 0 else 0
        if ref is None:
            header = bytes([lang, 0, 0, 0, 0, 0])
        else:
            y, m, d = (int(x) for x in ref.split("-"))
            header = bytes([lang, 1]) + (y - 1).to_bytes(2, "big") + bytes([m - 1, d - 1])
        date_seeds.append(header + text.encode())
    # References in the other calendars and at the ends of the year range, on hard texts.
    refs = [bytes([1, 2]) + (1393).to_bytes(2, "big") + bytes([8, 1]),  # Solar Hijri 1394-09-02
            bytes([0, 3]) + (1436).to_bytes(2, "big") + bytes([1, 9]),  # Umm al-Qura 1437-02-10
            bytes([2, 1]) + (0).to_bytes(2, "big") + bytes([0, 0]),     # Gregorian 0001-01-01
            bytes([0, 1]) + (9998).to_bytes(2, "big") + bytes([11, 30]),  # Gregorian 9999-12-31
            bytes([1, 2]) + (9998).to_bytes(2, "big") + bytes([11, 30]),  # Solar Hijri 9999: rejected
            bytes([0, 1]) + (2014).to_bytes(2, "big") + bytes([1, 28])]   # 2015-02-29: rejected
    date_seeds += [refs[i % len(refs)] + t for i, t in enumerate(hard)]
    date_seeds += [refs[0] + t.encode() for t in news()[:3]]
    write("fuzz_dates", date_seeds)

    write_dict("fuzz_dates", table_words("dates/*_fa.tsv", (0,)) + table_words("dates/words_en.tsv", (0,))
               + table_words("dates/months_fa.tsv", (2,)) + table_words("dates/weekdays_fa.tsv", (1,))
               + table_words("dates/context_fa.tsv", (2,)) + ["۱۳۹۴", "1394", "2015", "/", ":", "-"])
    write_dict("fuzz_sentences", table_words("sentences/*.tsv", (0,)) + table_words("sentences/continuations.tsv", (1,))
               + [". ", "? ", "! ", "؟ ", "…", "\n\n", "«", "»", "http://", "www.", "@", "1.7", "۱٫۷"])
    write_dict("fuzz_normalizer", table_words("normalize/affixes.tsv", (1,))
               + table_words("normalize/punctuation.tsv", (1, 2))
               + [chr(int(c, 16)) for c in table_words("normalize/characters.tsv", (1,)) if c.isalnum()]
               + ["\u200c", "\u200d", "\u0640", "...", "://", "www.", "@", ":)", "می", "ها"])


if __name__ == "__main__":
    main()
