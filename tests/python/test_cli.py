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
    assert lines[0].split("\t") == ["record", "start", "end", "text", "kind", "calendar", "grain", "native",
                                    "value", "begin", "until", "mod", "relative"]
    assert lines[1].split("\t") == ["0", "5", "22", "دوشنبه ۲ آذر ۱۳۹۴", "date", "persian", "day",
                                    "1394-09-02", "2015-11-23", "2015-11-23T00:00:00", "2015-11-24T00:00:00",
                                    "", "false"]
    # Offsets count from the start of the whole input, across paragraphs; `record` is the line.
    start = DATES_TEXT.index("فردا")
    assert lines[2].split("\t") == ["2", str(start), str(start + len("فردا ساعت ۱۰")), "فردا ساعت ۱۰", "time",
                                    "persian", "hour", "1394-09-05T10:00", "2015-11-26T10:00",
                                    "2015-11-26T10:00:00", "2015-11-26T11:00:00", "", "true"]
    assert len(lines) == 3


def test_dates_jsonl_matches_the_library(cli, tmp_path):
    import json

    f = tmp_path / "a.txt"
    f.write_text(DATES_TEXT, encoding="utf-8")
    r = run(cli, "dates", "--format", "jsonl", "--reference", "2015-11-25", str(f))
    assert r.returncode == 0
    got = [json.loads(line) for line in r.stdout.decode().splitlines()]
    want = [m.to_dict() for m in sokhan.extract_dates(DATES_TEXT, reference="2015-11-25")]
    assert [g.pop("record") for g in got] == [DATES_TEXT.count("\n", 0, m["start"]) for m in want]
    assert got == want


def test_dates_bad_reference_exits_2(cli):
    r = run(cli, "dates", "--reference", "2015-13-40", stdin=DATES_TEXT.encode())
    assert r.returncode == 2
    assert b"reference" in r.stderr


# --- formats, JSON input, errors, streaming, progress -------------------------------------------

import csv
import io
import json
import os

DOC_TEXT = "جلسه دوشنبه ۲ آذر ۱۳۹۴ برگزار شد. نتایج فردا اعلام مي شود.\n\nDr. Smith came on Monday.\nThen left.\n"
HEADERS = {
    "normalize": ["record", "start", "end", "normalized"],
    "sentences": ["record", "start", "end", "text"],
    "dates": ["record", "start", "end", "text", "kind", "calendar", "grain", "native", "value", "begin",
              "until", "mod", "relative"],
    "analyze": ["record", "start", "end", "reference", "lang", "sentences", "dates", "edits", "normalized"],
}


def rows(r: subprocess.CompletedProcess, fmt: str) -> list[dict]:
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    if fmt == "jsonl":
        return [json.loads(line) for line in out.splitlines()]
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(out, newline="")))
    return list(csv.DictReader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE))


def jsonl_file(tmp_path, records, name="in.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["normalize", "sentences", "dates", "analyze"])
@pytest.mark.parametrize("fmt", ["text", "jsonl", "csv", "tsv"])
def test_every_command_and_format(command, fmt):
    r = run(COMMANDS["sokhan"], command, "--format", fmt, *(["--reference", "2015-11-25"]
            if command in ("dates", "analyze") else []), stdin=DOC_TEXT.encode())
    assert (r.returncode, r.stderr) == (0, b""), r.stderr
    if fmt == "text":
        assert r.stdout.decode().strip()
        return
    got = rows(r, fmt)
    assert got, r.stdout
    if fmt in ("csv", "tsv"):
        assert list(got[0]) == HEADERS[command]
    for row in got:
        assert str(row["record"]).isdigit()
        start, end = int(row["start"]), int(row["end"])
        # Offsets (and `record`, the line) are into the whole input.
        assert DOC_TEXT.count("\n", 0, start) == int(row["record"])
        if command in ("sentences", "dates") and fmt != "tsv":
            assert DOC_TEXT[start:end] == row["text"]


def test_default_formats():
    r = run(COMMANDS["sokhan"], "analyze", stdin=DOC_TEXT.encode())
    assert json.loads(r.stdout.decode().splitlines()[0])["record"] == 0
    assert run(COMMANDS["sokhan"], "sentences", stdin=DOC_TEXT.encode()).stdout.decode().splitlines() == [
        "جلسه دوشنبه ۲ آذر ۱۳۹۴ برگزار شد.", "نتایج فردا اعلام مي شود.", "Dr. Smith came on Monday.", "Then left."]


def test_sentences_offsets_across_blocks_and_files(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(DOC_TEXT, encoding="utf-8")
    b.write_text("دیروز باران آمد. امروز آفتابی است.\n", encoding="utf-8")
    whole = DOC_TEXT + b.read_text(encoding="utf-8")
    got = rows(run(COMMANDS["sokhan"], "sentences", "--format", "jsonl", str(a), str(b)), "jsonl")
    assert [(g["start"], g["end"], g["text"]) for g in got] == [
        (s.start, s.end, s.text) for s in sokhan.split_sentences(whole)]
    assert got[-1]["record"] == whole.count("\n") - 1


def test_analyze_text_input_is_one_document_per_paragraph():
    got = rows(run(COMMANDS["sokhan"], "analyze", "--reference", "2015-11-25", stdin=DOC_TEXT.encode()), "jsonl")
    paragraphs = DOC_TEXT.rstrip("\n").split("\n\n")
    assert [g["text"] for g in got] == paragraphs
    assert [(g["record"], g["start"]) for g in got] == [(0, 0), (2, DOC_TEXT.index("Dr."))]
    for g, p in zip(got, paragraphs):
        want = sokhan.analyze(p, reference="2015-11-25").to_dict()
        assert {k: v for k, v in g.items() if k not in ("record", "start", "end")} == want


NEWS = [
    {"id": "a1", "body": "نتایج فردا اعلام می‌شود.", "date": "2015-11-25"},
    {"id": "a2", "body": "نتایج فردا اعلام می‌شود.", "date": "2020-03-19"},
    {"body": "فردا، بله", "date": None},
    {"id": 4, "body": "بدون تاریخ"},
]


def test_jsonl_input_per_record_references(tmp_path):
    path = jsonl_file(tmp_path, NEWS)
    r = run(COMMANDS["sokhan"], "dates", "--input-format", "jsonl", "--field", "body", "--reference-field", "date",
            "--reference", "2000-01-01", "--format", "jsonl", str(path))
    got = rows(r, "jsonl")
    assert [(g["record"], g.get("id"), g["text"], g["value"]) for g in got] == [
        (0, "a1", "فردا", "2015-11-26"),
        (1, "a2", "فردا", "2020-03-20"),
        (2, None, "فردا", "2000-01-02"),  # null date: the --reference default
    ]
    assert "id" not in got[2]  # no id in the input record, none in the output
    # The same through tsv and csv, where `id` is a column.
    for fmt in ("tsv", "csv"):
        got = rows(run(COMMANDS["sokhan"], "dates", "--input-format", "jsonl", "--field", "body",
                       "--reference-field", "date", "--format", fmt, str(path)), fmt)
        assert [(g["record"], g["id"], g["value"]) for g in got] == [
            ("0", "a1", "2015-11-26"), ("1", "a2", "2020-03-20"), ("2", "", "")]


def test_jsonl_input_every_command(tmp_path):
    path = jsonl_file(tmp_path, NEWS)
    base = ["--input-format", "jsonl", "--field", "body"]
    got = rows(run(COMMANDS["sokhan"], "normalize", *base, "--digits", "persian", str(path)), "jsonl")
    assert got[0] == {"record": 0, "id": "a1", "normalized": sokhan.normalize(NEWS[0]["body"], digits="persian")}
    assert [g["record"] for g in got] == [0, 1, 2, 3] and got[3]["id"] == 4
    got = rows(run(COMMANDS["sokhan"], "sentences", *base, str(path)), "jsonl")
    assert got[0] == {"record": 0, "id": "a1", "start": 0, "end": len(NEWS[0]["body"]), "text": NEWS[0]["body"]}
    got = rows(run(COMMANDS["sokhan"], "analyze", *base, "--reference-field", "date", str(path)), "jsonl")
    for g, n in zip(got, NEWS):
        want = sokhan.analyze(n["body"], reference=n.get("date")).to_dict()
        assert {k: v for k, v in g.items() if k not in ("record", "id")} == want
    got = rows(run(COMMANDS["sokhan"], "analyze", *base, "--reference-field", "date", "--format", "csv",
                   str(path)), "csv")
    assert [(g["id"], g["dates"], g["reference"]) for g in got] == [
        ("a1", "1", "2015-11-25"), ("a2", "1", "2020-03-19"), ("", "1", ""), ("4", "0", "")]


def test_jsonl_blank_lines_are_counted_and_skipped(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('\n{"text": "علي"}\n   \n{"text": "كتاب"}\n', encoding="utf-8")
    got = rows(run(COMMANDS["sokhan"], "normalize", "--input-format", "jsonl", str(path)), "jsonl")
    assert got == [{"record": 1, "normalized": "علی"}, {"record": 3, "normalized": "کتاب"}]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "x"', "in.jsonl:3: invalid JSON"),
        ('["text"]', "in.jsonl:3: expected a JSON object, got an array"),
        ('{"body": "x"}', "in.jsonl:3: field 'text' is missing"),
        ('{"text": null}', "in.jsonl:3: field 'text' is null, not a string"),
        ('{"text": 17}', "in.jsonl:3: field 'text' is a number, not a string"),
        ('{"text": "فردا", "date": "2015-13-40"}', "in.jsonl:3: field 'date' is not an ISO date: '2015-13-40'"),
        ('{"text": "فردا", "date": 20151125}', "in.jsonl:3: field 'date' is a number, not an ISO date string"),
    ],
)
def test_bad_records_stop_with_the_line_number(cli, tmp_path, line, message):
    path = tmp_path / "in.jsonl"
    good = '{"id": 1, "text": "فردا"}\n{"id": 2, "text": "فردا"}\n'
    path.write_text(good + line + "\n" + '{"id": 4, "text": "فردا"}\n', encoding="utf-8")
    args = ["dates", "--input-format", "jsonl", "--reference-field", "date", "--reference", "2015-11-25",
            "--format", "jsonl"]
    r = run(cli, *args, str(path))
    assert r.returncode == 2
    err = r.stderr.decode()
    assert err.startswith(f"sokhan: error: {path}:3:") and message.split(":", 1)[1] in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    # The records before the bad one are written.
    assert [json.loads(x)["id"] for x in r.stdout.decode().splitlines()] == [1, 2]
    # --skip-bad reports it and goes on.
    r = run(cli, *args, "--skip-bad", str(path))
    assert r.returncode == 0
    assert [json.loads(x)["id"] for x in r.stdout.decode().splitlines()] == [1, 2, 4]
    err = r.stderr.decode().splitlines()
    assert err[0].startswith(f"sokhan: warning: {path}:3:") and err[0].endswith("(skipped)")
    assert err[1] == "sokhan: warning: 1 bad record skipped"


def test_bad_record_from_stdin_is_named():
    r = run(COMMANDS["sokhan"], "normalize", "--input-format", "jsonl", stdin=b'{"text": "a"}\n{"txt": "b"}\n')
    assert r.returncode == 2
    assert r.stderr.decode() == "sokhan: error: <stdin>:2: field 'text' is missing\n"
    assert r.stdout.decode() == '{"record": 0, "normalized": "a"}\n'


@pytest.mark.parametrize("input_format", ["text", "jsonl"])
def test_invalid_utf8_names_the_line(cli, tmp_path, input_format):
    path = tmp_path / "bad.txt"
    path.write_bytes('{"text": "خوب"}\n'.encode() * 2 + b'{"text": "\xff"}\n')
    r = run(cli, "sentences", "--input-format", input_format, str(path))
    assert r.returncode == 2
    err = r.stderr.decode()
    assert err.startswith(f"sokhan: error: {path}:3: invalid UTF-8"), err
    assert err.count("\n") == 1


def test_reference_field_needs_jsonl_input():
    r = run(COMMANDS["sokhan"], "dates", "--reference-field", "date", stdin=b"x\n")
    assert r.returncode == 2 and b"usage:" in r.stderr


@pytest.mark.parametrize("command", ["dates", "analyze"])
def test_bad_reference_is_a_usage_error(command):
    r = run(COMMANDS["sokhan"], command, "--reference", "tomorrow", stdin=b"x\n")
    assert r.returncode == 2 and b"reference 'tomorrow' is not an ISO date" in r.stderr


@pytest.mark.parametrize("command", ["normalize", "sentences", "dates", "analyze"])
def test_help_for_each_command(cli, command):
    r = run(cli, command, "--help")
    assert r.returncode == 0
    out = r.stdout.decode()
    assert "examples:" in out and f"sokhan {command}" in out
    for flag in ("--format", "--input-format", "--field", "--threads", "--quiet", "--skip-bad"):
        assert flag in out
    assert ("--reference-field" in out) == (command in ("dates", "analyze"))
    assert ("--digits" in out) == (command in ("normalize", "analyze"))


# CSV quoting: Persian text with commas (Latin and Persian), double quotes and a line break.
TRICKY = ['گفت: "سلام، دنیا", و رفت', 'a,b "c" ,, ""', "سطر اول\nسطر دوم"]


def test_csv_quoting_round_trips(tmp_path):
    path = jsonl_file(tmp_path, [{"id": f'x,"{k}"', "text": t} for k, t in enumerate(TRICKY)])
    normalizer = sokhan.Normalizer(punctuation="keep")
    got = rows(run(COMMANDS["sokhan"], "normalize", "--input-format", "jsonl", "--punctuation", "keep",
                   "--format", "csv", str(path)), "csv")
    assert [g["normalized"] for g in got] == [normalizer.normalize(t) for t in TRICKY]
    assert [g["id"] for g in got] == [f'x,"{k}"' for k in range(3)]
    got = rows(run(COMMANDS["sokhan"], "sentences", "--input-format", "jsonl", "--format", "csv", str(path)), "csv")
    want = [(str(k), s.text) for k, t in enumerate(TRICKY) for s in sokhan.split_sentences(t)]
    assert [(g["record"], g["text"]) for g in got] == want
    # TSV never quotes: tabs and line breaks inside a field become spaces.
    r = run(COMMANDS["sokhan"], "normalize", "--input-format", "jsonl", "--format", "tsv", str(path))
    lines = r.stdout.decode().split("\n")
    assert len(lines) == 5 and lines[-1] == "" and all(line.count("\t") == 2 for line in lines[:-1])


def test_large_input_streams(tmp_path):
    n = 200_000
    path = tmp_path / "big.txt"
    with open(path, "w", encoding="utf-8") as f:
        for k in range(n):
            f.write(f"خبر شماره {k} فردا منتشر مي شود.\n" if k % 10 else "\n")
    r = subprocess.run([str(SCRIPT), "normalize", str(path)], capture_output=True, timeout=600, check=False)
    assert (r.returncode, r.stderr) == (0, b"")
    assert r.stdout.count(b"\n") == n
    r = subprocess.run([str(SCRIPT), "dates", "--reference", "2015-11-25", str(path)], capture_output=True,
                       timeout=600, check=False)
    assert (r.returncode, r.stderr) == (0, b"")
    lines = r.stdout.decode().splitlines()
    assert len(lines) == 1 + n - n // 10  # the header and one فردا per non-blank line
    assert lines[-1].split("\t")[0] == str(n - 1)
    jpath = tmp_path / "big.jsonl"
    with open(jpath, "w", encoding="utf-8") as f:
        for k in range(n):
            f.write(json.dumps({"id": k, "text": f"خبر {k}، «فردا»"}, ensure_ascii=False) + "\n")
    r = subprocess.run([str(SCRIPT), "sentences", "--input-format", "jsonl", "--format", "csv", str(jpath)],
                       capture_output=True, timeout=600, check=False)
    assert (r.returncode, r.stderr) == (0, b"")
    got = list(csv.reader(io.StringIO(r.stdout.decode(), newline="")))
    assert len(got) == n + 1 and got[-1][:2] == [str(n - 1), str(n - 1)]


def progress_env(**extra: str) -> dict:
    return {**os.environ, "SOKHAN_PROGRESS_DELAY": "0", **extra}


def test_progress_is_never_written_to_a_pipe(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text("علي مي رود\n" * 50_000, encoding="utf-8")
    r = subprocess.run([str(SCRIPT), "normalize", str(path)], capture_output=True, timeout=120,
                       env=progress_env(), check=False)
    assert r.returncode == 0 and r.stderr == b""


def _stderr_on_a_terminal(args: list[str]) -> bytes:
    import pty

    master, slave = pty.openpty()
    p = subprocess.Popen([str(SCRIPT), *args], stdout=subprocess.DEVNULL, stderr=slave, env=progress_env())
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO once the child has gone
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert p.wait(timeout=120) == 0
    return out


def test_progress_on_a_terminal_and_quiet(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text("علي مي رود\n" * 50_000, encoding="utf-8")
    shown = _stderr_on_a_terminal(["normalize", str(path)])
    assert b"sokhan normalize: " in shown and b"records" in shown and b"MB/s" in shown
    assert shown.endswith(b"\r\x1b[K")  # erased at the end
    assert _stderr_on_a_terminal(["normalize", "--quiet", str(path)]) == b""


@pytest.mark.parametrize("command", ["sentences", "dates", "analyze"])
def test_closed_stdout_is_quiet_for_every_command(tmp_path, command):
    path = tmp_path / "big.txt"
    path.write_text("جلسه فردا برگزار مي شود. نتایج دیروز آمد.\n\n" * 50_000, encoding="utf-8")
    p = subprocess.Popen([str(SCRIPT), command, "--format", "jsonl", str(path)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    assert p.stdout.read(100)
    p.stdout.close()
    err = p.stderr.read()
    p.stderr.close()
    assert p.wait(timeout=120) == 0, err
    assert err == b""


# --- jsonl input in worker processes (--threads N > 1) -------------------------------------------
#
# With --threads N > 1 and more than one chunk of input, whole chunks go to N - 1 forked worker
# processes and the parent (which takes a chunk whenever every worker has two). SOKHAN_CHUNK_BYTES
# makes the chunks small, so a few hundred records cross dozens of chunk boundaries and every
# process gets many chunks. DRIVER runs the CLI in a process that counts its forks (to know the
# workers really ran) and the spans of regular files that worker processes read themselves, and
# whose Normalizer rejects "BAD" and, in a worker only, exits on "DIE" and raises on "BOOM" (the
# workers are forked, so they inherit the patches).

import re
import signal
import time

DRIVER = """
import os, sys
import sokhan, sokhan.cli
from sokhan.normalize import Normalizer

forks = []
real_fork = os.fork
PARENT = os.getpid()


def counting_fork():
    pid = real_fork()
    if pid:
        forks.append(pid)
    return pid


os.fork = counting_fork
real_normalize_many = Normalizer.normalize_many


def patched(self, texts, threads=0):
    for k, t in enumerate(texts):
        if t == "BAD":
            raise sokhan.InvalidTextError(f"texts[{k}] is rejected for the test")
        if t == "DIE" and os.getpid() != PARENT:
            os._exit(3)
        if t == "BOOM" and os.getpid() != PARENT:
            raise RuntimeError("boom")
    return real_normalize_many(self, texts, threads)


Normalizer.normalize_many = patched
real_pread = sokhan.cli._pread


def counting_pread(fd, size, offset):
    if os.getpid() != PARENT:
        with open(os.environ["FORKS_FILE"] + ".preads", "a") as f:
            f.write(f"{size}\\n")
    return real_pread(fd, size, offset)


sokhan.cli._pread = counting_pread
try:
    rc = sokhan.cli.main(sys.argv[1:])
finally:
    with open(os.environ["FORKS_FILE"], "w") as f:
        f.write(str(len(forks)))
sys.exit(rc)
"""

NEWS_LINES = [line for line in (Path(__file__).resolve().parents[1] / "data" / "news_fa.txt")
              .read_text(encoding="utf-8").splitlines() if line.strip()]
ENGLISH = ["Dr. Smith came on Monday, March 3, 2014. He left on Friday.",
           "Profit rose 5% in the third quarter, the company said yesterday."]


def mixed_record(k: int) -> dict:
    """Record k of a mix of short and long, Persian and English, one- and many-line texts,
    with and without ids (of every JSON type) and document dates."""
    news = NEWS_LINES[k % len(NEWS_LINES)]
    text = [
        news,
        f"خبر شماره {k}: جلسه فردا ساعت {k % 24} برگزار مي شود . ريیس گفت كه  كتاب ها رسيد!",
        ENGLISH[k % 2],
        "",
        "\n".join(NEWS_LINES),
        " ".join(NEWS_LINES) * (1 + k % 9),  # up to ~10 KB: chunks of very different cost
        'گفت: "سلام،\tدنیا", و رفت\r\nسطر دوم',
        f"سال {1390 + k % 10} و {k}.5 درصد؛ اوایل بهمن پارسال",
    ][k % 8]
    rec: dict = {"text": text}
    ids = [None, k, f"doc-{k}", {"n": k}, [k, "x"], 1.5 * k, True]
    if k % 8 != 3:
        rec["id"] = ids[k % len(ids)]
    if k % 3 == 0:
        rec["date"] = f"2015-11-{1 + k % 28:02d}"
    return rec


def mixed_jsonl(tmp_path: Path, n: int = 400, bad: dict[int, bytes] | None = None,
                name: str = "mixed.jsonl") -> Path:
    """n lines: mixed_record(k), a blank line every 37th, CRLF on every 11th, a BOM on the first,
    and `bad` lines (raw bytes without the line end) replacing some."""
    out = []
    for k in range(n):
        if bad and k in bad:
            line = bad[k]
        elif k % 37 == 36:
            line = b"  "
        else:
            line = json.dumps(mixed_record(k), ensure_ascii=False).encode()
        out.append(line + (b"\r\n" if k % 11 == 5 else b"\n"))
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + b"".join(out))
    return path


def drive(tmp_path: Path, threads: int, *args: str, stdin: bytes = b"",
          chunk: int = 2000) -> tuple[subprocess.CompletedProcess, int]:
    """The CLI through DRIVER with small chunks: the result and how many processes it forked."""
    forks = tmp_path / f"forks-{threads}"
    env = {**os.environ, "SOKHAN_CHUNK_BYTES": str(chunk), "FORKS_FILE": str(forks)}
    r = subprocess.run([sys.executable, "-c", DRIVER, *args, "--threads", str(threads)],
                       input=stdin, capture_output=True, timeout=300, env=env, check=False)
    return r, int(forks.read_text()) if forks.exists() else -1


CMD_ARGS = {
    "normalize": ["normalize"],
    "sentences": ["sentences"],
    "dates": ["dates", "--reference-field", "date", "--reference", "2015-11-25"],
    "analyze": ["analyze", "--reference-field", "date"],
}


@pytest.mark.parametrize(("command", "fmt"), [
    ("normalize", "jsonl"), ("normalize", "csv"), ("normalize", "text"), ("sentences", "jsonl"),
    ("sentences", "tsv"), ("dates", "jsonl"), ("dates", "csv"), ("analyze", "jsonl"), ("analyze", "text"),
])
def test_workers_write_the_same_bytes_as_one_process(tmp_path, command, fmt):
    path = mixed_jsonl(tmp_path)
    args = [*CMD_ARGS[command], "--input-format", "jsonl", "--format", fmt, str(path)]
    one, forks_one = drive(tmp_path, 1, *args)
    two, forks_two = drive(tmp_path, 2, *args)
    assert (one.returncode, one.stderr) == (0, b""), one.stderr
    assert (two.returncode, two.stderr) == (0, b""), two.stderr
    assert (forks_one, forks_two) == (0, 1)  # a worker (and the parent) did the work
    assert len(one.stdout) > 20_000
    assert two.stdout == one.stdout
    if fmt == "text":
        return
    got = rows(two, fmt)
    records = [int(g["record"]) for g in got]
    assert records == sorted(records)  # input order, though the chunks finish out of order
    if command == "normalize" and fmt == "jsonl":
        n = sokhan.Normalizer()
        want = [{"record": k, **({"id": r["id"]} if "id" in r else {}), "normalized": n.normalize(r["text"])}
                for k in range(400) if k % 37 != 36 for r in [mixed_record(k)]]
        assert got == want
    if command == "sentences" and fmt == "jsonl":
        for g in got:
            assert mixed_record(g["record"])["text"][g["start"]:g["end"]] == g["text"]


def test_workers_are_not_started_for_one_chunk(tmp_path):
    path = jsonl_file(tmp_path, [mixed_record(k) for k in range(5)])
    r, forks = drive(tmp_path, 2, "normalize", "--input-format", "jsonl", str(path), chunk=1 << 20)
    assert (r.returncode, forks) == (0, 0)
    assert len(r.stdout.decode().splitlines()) == 5


BAD_LINES = {
    "invalid JSON": (b'{"id": 1, "text": "x"', "invalid JSON: Expecting ',' delimiter (column 1)"),
    "not UTF-8": (b'{"text": "\xd8"}', "invalid UTF-8 (invalid continuation byte: byte 0xd8 at column 11)"),
    "rejected": (b'{"text": "BAD"}', "texts[0] is rejected for the test"),
    "missing field": (b'{"body": "x"}', "field 'text' is missing"),
    "lone surrogate": (b'{"text": "a\\ud800"}', "field 'text' has a lone surrogate at index 1, so it is not "
                                                 "valid Unicode"),
    "not an object": (b'[1, 2]', "expected a JSON object, got an array"),
}


@pytest.mark.parametrize("first", list(BAD_LINES))
def test_workers_stop_at_the_first_bad_record(tmp_path, first):
    # `first` at line 251; every other kind after it, one of them in the same chunk.
    bad = {250: BAD_LINES[first][0]}
    bad.update({251 + 3 * j: line for j, (line, _) in enumerate(v for k, v in BAD_LINES.items() if k != first)})
    path = mixed_jsonl(tmp_path, bad=bad)
    args = ["normalize", "--input-format", "jsonl", str(path)]
    one, _ = drive(tmp_path, 1, *args)
    two, forks = drive(tmp_path, 2, *args)
    assert forks == 1
    assert two.returncode == one.returncode == 2
    assert two.stderr == one.stderr == f"sokhan: error: {path}:251: {BAD_LINES[first][1]}\n".encode()
    assert two.stdout == one.stdout
    assert [json.loads(x)["record"] for x in two.stdout.decode().splitlines()] == [
        k for k in range(250) if k % 37 != 36]


def test_workers_skip_bad_records_as_one_process_does(tmp_path):
    bad = {40 + 30 * j: line for j, (line, _) in enumerate(BAD_LINES.values())}
    bad[41] = b'{"text": null}'  # two in one chunk
    path = mixed_jsonl(tmp_path, bad=bad)
    args = ["normalize", "--input-format", "jsonl", "--skip-errors", str(path)]
    one, _ = drive(tmp_path, 1, *args)
    two, forks = drive(tmp_path, 2, *args)
    assert (forks, two.returncode, one.returncode) == (1, 0, 0)
    assert two.stdout == one.stdout and two.stderr == one.stderr
    messages = {40 + 30 * j: m for j, (_, m) in enumerate(BAD_LINES.values())}
    messages[41] = "field 'text' is null, not a string"
    assert two.stderr.decode().splitlines() == [
        *(f"sokhan: warning: {path}:{k + 1}: {m} (skipped)" for k, m in sorted(messages.items())),
        f"sokhan: warning: {len(bad)} bad records skipped"]
    assert [json.loads(x)["record"] for x in two.stdout.decode().splitlines()] == [
        k for k in range(400) if k % 37 != 36 and k not in bad]


def test_workers_read_stdin_and_several_files(tmp_path):
    a = mixed_jsonl(tmp_path, 150, name="a.jsonl")
    b = mixed_jsonl(tmp_path, 120, bad={100: b'{"text": 17}'}, name="b.jsonl")
    args = ["sentences", "--input-format", "jsonl", "--format", "csv"]
    # stdin
    one, _ = drive(tmp_path, 1, *args, stdin=a.read_bytes())
    two, forks = drive(tmp_path, 2, *args, stdin=a.read_bytes())
    assert (one.returncode, two.returncode, forks) == (0, 0, 1)
    assert two.stdout == one.stdout == drive(tmp_path, 1, *args, str(a))[0].stdout
    # Two files and a missing third: `record` counts on across the files; the bad record of
    # the second file stops the run, named by its own line, after everything before it.
    missing = tmp_path / "missing.jsonl"
    one, _ = drive(tmp_path, 1, *args, str(a), str(b), str(missing))
    two, _ = drive(tmp_path, 2, *args, str(a), str(b), str(missing))
    assert two.returncode == one.returncode == 2
    assert two.stderr == one.stderr == f"sokhan: error: {b}:101: field 'text' is a number, not a string\n".encode()
    assert two.stdout == one.stdout
    assert rows(drive(tmp_path, 2, *args, str(a), str(b), "--skip-errors")[0], "csv")[-1]["record"] == "269"
    # Without the bad record the missing file is the error, after both files were written.
    two, _ = drive(tmp_path, 2, *args, str(a), str(a), str(missing))
    assert two.returncode == 2
    assert two.stderr.decode().startswith(f"sokhan: error: {missing}: ")
    assert two.stdout == drive(tmp_path, 1, *args, str(a), str(a))[0].stdout


def fixed_lines(tmp_path: Path, texts: list[str], width: int = 100) -> Path:
    """A jsonl file of {"text": ...} records padded to `width` bytes a line, so the chunks of
    SOKHAN_CHUNK_BYTES=2000 are exactly 20 lines each."""
    lines = []
    for t in texts:
        line = json.dumps({"text": t}, ensure_ascii=False).encode()
        lines.append(line + b" " * (width - 1 - len(line)) + b"\n")
    path = tmp_path / "fixed.jsonl"
    path.write_bytes(b"".join(lines))
    return path


@pytest.mark.parametrize("threads", [2, 3])
@pytest.mark.parametrize("what", ["DIE", "BOOM"])
def test_a_worker_that_dies_or_fails_is_an_error(tmp_path, threads, what):
    # The second chunk (lines 20-39) always goes to a worker: the workers are given the first
    # chunks before the parent takes any. DRIVER's workers (not the parent) exit on "DIE" and
    # raise on "BOOM".
    texts = [f"خبر {k} مي رود" for k in range(200)]
    texts[25] = what
    path = fixed_lines(tmp_path, texts)
    r, forks = drive(tmp_path, threads, "normalize", "--input-format", "jsonl", "--format", "text",
                     str(path))
    assert forks == threads - 1
    # What was written is the first chunk, in order.
    assert r.stdout.decode().splitlines() == [f"خبر {k} می\u200cرود" for k in range(20)]
    err = r.stderr.decode()
    if what == "DIE":
        assert r.returncode == 2
        assert re.fullmatch(r"sokhan: error: worker process [12] ended unexpectedly "
                            r"\(exit code 3\)\n", err)
    else:  # an unexpected error is raised in the parent (exit code 1), with its traceback
        assert r.returncode == 1
        assert err.rstrip().endswith("RuntimeError: boom") and "RemoteTraceback" in err


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()] if path.exists() else []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_ctrl_c_stops_the_workers(tmp_path):
    env = {**os.environ, "SOKHAN_CHUNK_BYTES": "2000"}
    p = subprocess.Popen([sys.executable, "-m", "sokhan", "sentences", "--input-format", "jsonl",
                          "--threads", "3"],
                         stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                         start_new_session=True)
    # A few chunks, and stdin left open: the workers start and the parent waits for input.
    p.stdin.write(mixed_jsonl(tmp_path, 60).read_bytes())
    p.stdin.flush()
    deadline = time.monotonic() + 60
    while len(_children(p.pid)) < 2 and time.monotonic() < deadline and p.poll() is None:
        time.sleep(0.05)
    workers = _children(p.pid)
    assert len(workers) == 2
    os.killpg(p.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    assert p.wait(timeout=60) == 130
    p.stdin.close()
    assert p.stderr.read() == b""
    p.stderr.close()
    for pid in workers:  # reaped by the parent, not left running
        assert not Path(f"/proc/{pid}").exists()


WORKERS_IN_FLIGHT = """
import sys
from sokhan import cli
from sokhan._cli_workers import WorkerPool

count, words, workers, here = map(int, sys.argv[1:])
args = cli.build_parser().parse_args(["normalize", "--input-format", "jsonl", "--format", "jsonl"])
cmd = cli.NormalizeCommand(args)
cmd.threads = 1
pulled = 0
worst = 0


def chunks():
    global pulled
    for k in range(count):
        pulled += 1
        yield cli.RawChunk("<test>", k + 1, k, ('{"text": "%s%d"}\\n' % ("علي " * words, k)).encode(), 1)


with WorkerPool(workers, cmd) as pool:
    run_here = (lambda chunk: cli._jsonl_chunk(cmd, chunk)) if here else None
    for written, (lines, nbytes, result) in enumerate(pool.results(chunks(), run_here), 1):
        worst = max(worst, pulled - written)
        k = written - 1
        assert result.out.decode() == '{"record": %d, "normalized": "%s%d"}\\n' % (k, "علی " * words, k)
print(pulled, worst)
"""


@pytest.mark.parametrize("here", [0, 1], ids=["two workers", "a worker and the parent"])
@pytest.mark.parametrize(("count", "words"), [(200, 1), (12, 400_000)])
def test_workers_hold_a_bounded_number_of_chunks(count, words, here):
    # Small chunks, and chunks of 3 MB, more than a pipe holds: the parent feeds a worker
    # while it reads the other's result (or works on a chunk itself), and neither waits for
    # the other for good.
    r = subprocess.run([sys.executable, "-c", WORKERS_IN_FLIGHT, str(count), str(words),
                        str(2 - here), str(here)], capture_output=True, timeout=300, check=False)
    assert r.returncode == 0, r.stderr
    pulled, worst = map(int, r.stdout.split())
    # All chunks went through, and never more than 4N = 8 were read ahead of the output.
    assert pulled == count and 1 <= worst <= 8


def test_spans_of_a_regular_file_tile_it_at_line_ends(tmp_path):
    # Worker processes read a regular file's spans themselves: the parent only cuts the file at
    # line ends and counts the lines. A line longer than a block stays whole, the last line may
    # lack its line end, and the spans shrink towards the end of the file.
    from sokhan import cli

    lines = [b'{"text": "%s"}\n' % (b"x" * (k % 50)) for k in range(30_000)]
    lines[100] = b'{"text": "%s"}\r\n' % (b"y" * 300_000)  # longer than a block
    lines[-1] = lines[-1].rstrip(b"\n")
    data = b"".join(lines)
    path = tmp_path / "spans.jsonl"
    path.write_bytes(data)
    size = 128 << 10
    reader = cli.Input([str(path)], cli.Progress("t", False, None))
    spans = list(reader.chunks(size, by_position=True))
    assert all(isinstance(s, cli.FileSpan) for s in spans)
    assert [s.offset for s in spans] == [0, *(s.offset + s.size for s in spans[:-1])]
    assert spans[-1].offset + spans[-1].size == len(data)
    got = [cli._span_chunk(s, s.source.fd) for s in spans]
    assert b"".join(c.data for c in got) == data
    line = 0
    for s, c in zip(spans, got):
        assert (s.first, s.lineno, s.lines) == (line, line + 1, len(c.data.splitlines()))
        assert c.data.endswith(b"\n") or s is spans[-1]
        line += s.lines
    assert line == 30_000
    assert spans[1].size > 300_000  # the long line, whole, in the second span
    # Blocks of `size` (a span is a block give or take the part of a line it ends with), then
    # of a quarter of what is left once that is less, but not less than 32 KB.
    assert abs(spans[2].size - size) < 100
    sizes = [s.size for s in spans[2:-1]]
    assert all(a > b - 100 for a, b in zip(sizes, sizes[1:]))  # never larger than the one before
    assert abs(spans[-3].size - (32 << 10)) < 100  # (then what is left of the file)
    # A file cut short after it was cut into spans is an error that names it.
    path.write_bytes(data[:len(data) - 10])
    with pytest.raises(cli.CliError, match=f"^{re.escape(str(path))}: the file was cut short"):
        cli._span_chunk(spans[-1], spans[-1].source.fd)
    # A pipe (stdin) is not a regular file: its chunks carry their bytes.
    code = ("from sokhan import cli\n"
            "chunks = cli.Input(['-'], cli.Progress('t', False, None)).chunks(8192, True)\n"
            "print(type(next(chunks)).__name__)\n")
    r = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, timeout=60,
                       check=True)
    assert r.stdout.decode().strip() == "RawChunk"


def test_workers_read_regular_files_themselves(tmp_path):
    path = mixed_jsonl(tmp_path)
    args = ["normalize", "--input-format", "jsonl"]
    preads = tmp_path / "forks-2.preads"
    two, forks = drive(tmp_path, 2, *args, str(path))
    assert (two.returncode, forks) == (0, 1)
    # Every span the worker was given, it read from the file: together no more than the file.
    sizes = [int(x) for x in preads.read_text().split()]
    assert sizes and sum(sizes) < path.stat().st_size
    assert two.stdout == drive(tmp_path, 1, *args, str(path))[0].stdout
    # Input from a pipe goes to the worker through its pipe.
    preads.unlink()
    piped, forks = drive(tmp_path, 2, *args, stdin=path.read_bytes())
    assert (piped.returncode, forks, piped.stdout) == (0, 1, two.stdout)
    assert not preads.exists()


def test_a_run_does_not_import_what_it_does_not_use(tmp_path):
    # Start-up is paid by every run (a tenth of 10 MB of jsonl): argparse's terminal width
    # without shutil (and bz2, lzma), the workers' messages without pickle, no traceback
    # module unless a worker fails.
    path = mixed_jsonl(tmp_path)
    env = {**os.environ, "SOKHAN_CHUNK_BYTES": "2000"}
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "sokhan", "normalize",
                        "--input-format", "jsonl", "--threads", "2", str(path)],
                       capture_output=True, timeout=60, env=env, check=True)
    imported = {line.split("|")[-1].strip() for line in r.stderr.decode().splitlines()}
    assert "sokhan._cli_workers" in imported  # (the workers ran)
    assert not imported & {"shutil", "pickle", "traceback", "bz2", "lzma"}
