"""The command line (`sokhan`, `python -m sokhan`) and a fresh interpreter's `import sokhan`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sokhan

SCRIPT = Path(sys.executable).with_name("sokhan")
COMMANDS = {"python -m sokhan": [sys.executable, "-m", "sokhan"], "sokhan": [str(SCRIPT)]}

TEXT = "علي  مي رود\n\nسال 1394 ، كتاب ها\n"
NORMALIZED = "علی می\u200cرود\n\nسال 1394، کتاب\u200cها\n"


def run(command: list[str], *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(
        [*command, *args], input=stdin, capture_output=True, timeout=60, check=False
    )


@pytest.fixture(params=COMMANDS.values(), ids=COMMANDS.keys())
def cli(request) -> list[str]:
    return request.param


def test_console_script_is_installed():
    assert SCRIPT.is_file()


def test_stdin(cli):
    r = run(cli, "normalize", stdin=TEXT.encode())
    assert (r.returncode, r.stderr) == (0, b"")
    assert r.stdout.decode() == NORMALIZED


def test_stdin_dash(cli):
    r = run(cli, "normalize", "-", stdin=TEXT.encode())
    assert r.stdout.decode() == NORMALIZED


def test_files_in_order(cli, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TEXT, encoding="utf-8")
    b.write_text("كتاب\n", encoding="utf-8")
    r = run(cli, "normalize", str(a), str(b))
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode() == NORMALIZED + "کتاب\n"


def test_output_matches_the_library_line_by_line(cli, tmp_path):
    lines = ["ســلام  دنيا\n", "\n", "قیمت 2,500 و نرخ 1.7 ؟\n", "آخر بدون خط تازه"]
    path = tmp_path / "in.txt"
    path.write_text("".join(lines), encoding="utf-8")
    r = run(cli, "normalize", "--digits", "persian", str(path))
    n = sokhan.Normalizer(digits="persian")
    assert r.stdout.decode() == "".join(n.normalize(line) for line in lines)


def test_crlf_newlines_are_kept(cli, tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("سلام  دنیا\r\nخط دوم\r\n".encode())
    assert run(cli, "normalize", str(path)).stdout == "سلام دنیا\r\nخط دوم\r\n".encode()
    assert run(cli, "normalize", stdin=path.read_bytes()).stdout == path.read_bytes().replace(
        b"  ", b" "
    )


@pytest.mark.parametrize(
    ("flags", "text", "expected"),
    [
        (["--digits", "persian"], "سال 1394 و 1.7", "سال ۱۳۹۴ و ۱٫۷"),
        (["--digits", "latin"], "سال ۱۳۹۴", "سال 1394"),
        (["--no-zwnj"], "می روم", "می روم"),
        (["--no-repair-compounds"], "میشود", "میشود"),
        (["--ellipsis"], "صبر کن...", "صبر کن…"),
        (["--repeated-letters"], "خیلییییی", "خیلی"),
        (["--extra-letters"], "مدرسة", "مدرسه"),
        (["--punctuation", "keep"], "چرا?", "چرا?"),
        (["--diacritics", "keep", "--no-kashida"], "کِـتاب", "کِـتاب"),
        (["--unicode-form", "none", "--no-persian-letters"], "ﻻ علي", "ﻻ علي"),
        (["--unicode-form", "NFKC", "--no-persian-letters"], "ﻻ علي", "لا علي"),
        (["--no-spacing"], "سلام  ،  دنیا", "سلام  ،  دنیا"),
        (["--threads", "2"], "علي", "علی"),
    ],
)
def test_flags(cli, flags, text, expected):
    r = run(cli, "normalize", *flags, stdin=(text + "\n").encode())
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode() == expected + "\n"


def test_version(cli):
    r = run(cli, "--version")
    assert r.returncode == 0
    assert r.stdout.decode().strip() == f"sokhan {sokhan.__version__}"


def test_help_lists_the_options(cli):
    r = run(cli, "normalize", "--help")
    assert r.returncode == 0
    for flag in ("--digits", "--no-zwnj", "--repair-compounds", "--threads", "--ellipsis"):
        assert flag in r.stdout.decode()


def test_missing_file(cli, tmp_path):
    missing = tmp_path / "nope.txt"
    r = run(cli, "normalize", str(missing))
    assert r.returncode == 2
    assert r.stdout == b""
    err = r.stderr.decode()
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert str(missing) in err and err.startswith("sokhan: error:")


def test_invalid_utf8_file(cli, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"abc\xff\n")
    r = run(cli, "normalize", str(path))
    assert r.returncode == 2
    assert r.stderr.decode().count("\n") == 1
    assert "Traceback" not in r.stderr.decode()


def test_closed_stdout_is_not_an_error(cli, tmp_path):
    # `sokhan normalize big.txt | head -1`: the reader going away ends the run quietly.
    path = tmp_path / "big.txt"
    path.write_text("علي مي رود و كتاب ها را مي خواند\n" * 100_000, encoding="utf-8")
    p = subprocess.Popen(
        [*cli, "normalize", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert p.stdout.read(100)
    p.stdout.close()
    err = p.stderr.read()
    p.stderr.close()
    assert p.wait(timeout=60) == 0, err
    assert err == b""


@pytest.mark.parametrize("args", [[], ["normalize", "--digits", "roman"], ["frobnicate"]])
def test_usage_errors_exit_2(cli, args):
    r = run(cli, *args)
    assert r.returncode == 2
    assert b"usage:" in r.stderr


def test_import_does_not_load_heavy_modules():
    code = (
        "import sys, sokhan\n"
        "heavy = [m for m in ('pandas', 'numpy', 'matplotlib', 'hypothesis', 'pytest')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, check=True)
    assert r.stdout.decode().strip() == ""


# --- sokhan dates -------------------------------------------------------------------------------

DATES_TEXT = "جلسه دوشنبه ۲ آذر ۱۳۹۴ برگزار شد.\n\nنتایج فردا ساعت ۱۰ اعلام می‌شود.\n"


def test_dates_tsv(cli):
    r = run(cli, "dates", "--reference", "2015-11-25", stdin=DATES_TEXT.encode())
    assert (r.returncode, r.stderr) == (0, b"")
    lines = r.stdout.decode().splitlines()
    assert lines[0].split("\t") == ["start", "end", "text", "kind", "calendar", "grain", "native", "value", "mod"]
    assert lines[1].split("\t") == ["5", "22", "دوشنبه ۲ آذر ۱۳۹۴", "date", "persian", "day",
                                    "1394-09-02", "2015-11-23", ""]
    # Offsets count from the start of the whole input, across paragraphs.
    start = DATES_TEXT.index("فردا")
    assert lines[2].split("\t") == [str(start), str(start + len("فردا ساعت ۱۰")), "فردا ساعت ۱۰", "time",
                                    "persian", "hour", "1394-09-05T10:00", "2015-11-26T10:00", ""]
    assert len(lines) == 3


def test_dates_jsonl_matches_the_library(cli, tmp_path):
    import json

    f = tmp_path / "a.txt"
    f.write_text(DATES_TEXT, encoding="utf-8")
    r = run(cli, "dates", "--format", "jsonl", "--reference", "2015-11-25", str(f))
    assert r.returncode == 0
    got = [json.loads(line) for line in r.stdout.decode().splitlines()]
    want = [m.to_dict() for m in sokhan.extract_dates(DATES_TEXT, reference="2015-11-25")]
    assert got == want


def test_dates_bad_reference_exits_2(cli):
    r = run(cli, "dates", "--reference", "2015-13-40", stdin=DATES_TEXT.encode())
    assert r.returncode == 2
    assert b"reference" in r.stderr
