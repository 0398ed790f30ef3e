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
