"""The `sokhan` command line.

    sokhan normalize [FILE ...] [--digits persian] [--no-zwnj] ...
    sokhan sentences --format jsonl news.txt
    sokhan dates --reference 2015-11-25 news.txt
    sokhan analyze --input-format jsonl --field body --reference-field date news.jsonl
    cat news.txt | sokhan normalize --threads 2 > news.norm.txt

Text input is read in batches of lines, each batch goes through the batch API on all cores,
and its results are written before the next batch is read, so an input of any size streams
through in bounded memory. jsonl input is read in chunks of lines; with --threads N > 1 whole
chunks go to N - 1 worker processes and this one (_cli_workers), which decode, process and
format them, and their output is written in input order, with at most 4N chunks in flight.

Every output record carries ``record``: the 0-based line number in the input (counted on
across several files) where the record, sentence or mention starts; with ``--input-format
jsonl`` that is the JSON record's line, and its ``id`` field (``--id-field``) is copied when
present. Offsets are code points: into the whole input for text input, into the record's
text field for JSON input.
"""

from __future__ import annotations

import abc
import argparse
import bisect
import csv
import datetime as _dt
import io
import itertools
import json
import os
import stat
import sys
import time
from typing import (IO, Any, Callable, Generator, Iterable, Iterator, List, NamedTuple, Optional,
                    Sequence, TypeVar, Union, cast)

from . import __version__
from .errors import SokhanError
from .normalize import _CHOICES, DEFAULTS, Normalizer

_BATCH_LINES = 2048  # text input: lines per batch
_BATCH_CHARS = 4 << 20  # ... and at most about this much text per batch
_BLOCK_CHARS = 1 << 20  # text blocks for sentences/dates end at the first blank line past this
_MAX_BLOCK_CHARS = 4 << 20  # ... or at a line end past this (a huge paragraph)

FORMATS = ("text", "jsonl", "csv", "tsv")

R = TypeVar("R")
T = TypeVar("T")

EXAMPLES = """examples:
  sokhan normalize news.txt > news.norm.txt
  sokhan normalize --digits persian --ellipsis < in.txt > out.txt
  sokhan sentences --format jsonl news.txt
  sokhan dates --reference 2015-11-25 news.txt
  sokhan analyze --input-format jsonl --reference-field date news.jsonl
  python -m sokhan normalize --no-repair-compounds --threads 2 a.txt b.txt

Run `sokhan COMMAND --help` for a command's options and more examples.
"""

COMMAND_EXAMPLES = {
    "normalize": """examples:
  sokhan normalize news.txt > news.norm.txt          # line by line, newlines kept exactly
  cat news.txt | sokhan normalize --digits persian --no-repair-compounds --threads 2
  sokhan normalize --format csv news.txt             # record,start,end,normalized
  sokhan normalize --input-format jsonl --field body news.jsonl   # {"record","id","normalized"}

With --format text each input line becomes one output line (its newline kept as written);
with jsonl, csv and tsv each line (or JSON record) becomes one record.
""",
    "sentences": """examples:
  sokhan sentences news.txt                          # one sentence per line
  sokhan sentences --format jsonl --lang fa news.txt # {"record","start","end","text"}
  sokhan sentences --input-format jsonl --field body --format csv news.jsonl

Text input is split in blocks of whole paragraphs (a blank line ends one); offsets are code
points into the whole input and `record` is the 0-based line where the sentence starts.
""",
    "dates": """examples:
  sokhan dates --reference 2015-11-25 news.txt       # TSV with a header
  sokhan dates --format jsonl --reference 2015-11-25 news.txt
  sokhan dates --input-format jsonl --field body --reference-field published news.jsonl
  sokhan dates --input-format jsonl --reference 2015-11-25 --format csv news.jsonl

Relative mentions (فردا, next week) resolve against the record's --reference-field, else
--reference, else stay unresolved (no value). Columns: record, id (JSON input), start, end,
text, kind, calendar, grain, native, value, begin, until (the interval), mod, relative.
""",
    "analyze": """examples:
  sokhan analyze --reference 2015-11-25 news.txt     # one JSON document per paragraph
  sokhan analyze --input-format jsonl --field body --reference-field date news.jsonl
  sokhan analyze --format csv --input-format jsonl news.jsonl   # one summary row per record

jsonl output is sokhan.analyze(text).to_dict() per record plus `record` (and `id`, or for
text input `start`/`end` of the paragraph in the whole input). Text input: each paragraph
(lines up to a blank line) is one document.
""",
}


class CliError(Exception):
    """An error the user can fix: printed as `sokhan: error: MESSAGE`, exit code 2."""


class BadRecord(CliError):
    """A bad input record (`--skip-errors` reports it and goes on)."""


# --- options ------------------------------------------------------------------------------------


def _add_normalizer_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("normalization options (defaults as in sokhan.Normalizer)")
    for name, default in DEFAULTS.items():
        flag = "--" + name.replace("_", "-")
        if name in _CHOICES:
            choices = [("none" if c is None else c) for c in _CHOICES[name]]
            g.add_argument(flag, dest=name, choices=choices, default=default or "none",
                           help=f"default: {default}")
        else:
            g.add_argument(flag, dest=name, action=argparse.BooleanOptionalAction,
                           default=default, help=f"default: {default}")


def _normalizer_from(args: argparse.Namespace) -> Normalizer:
    opts = {name: getattr(args, name) for name in DEFAULTS}
    if opts["unicode_form"] == "none":
        opts["unicode_form"] = None
    return Normalizer(**opts)


def _threads(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (all cores) or more")
    return n


def _parse_date(value: str) -> _dt.date:
    return _dt.datetime.fromisoformat(value.strip()).date()


def _reference_arg(value: str) -> _dt.date:
    try:
        return _parse_date(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"reference {value!r} is not an ISO date (expected e.g. 2015-11-25)") from None


# --- input --------------------------------------------------------------------------------------


class RawChunk(NamedTuple):
    """Consecutive whole lines of one file, not yet decoded."""

    name: str  # the file name for messages ("<stdin>")
    lineno: int  # 1-based line number of its first line in that file
    first: int  # 0-based line number of its first line in the whole input
    data: bytes  # the lines, line ends kept
    lines: int  # how many lines data holds


class Source:
    """A regular input file whose spans worker processes read themselves (os.pread), so its
    bytes are not copied through pipes: a duplicate of its descriptor, open while any span of
    it is (it closes with the last reference), which a worker opens as /proc/PID/fd/FD: the
    very file, even if it was renamed or replaced since."""

    fd = -1  # (until dup succeeds)

    def __init__(self, fd: int) -> None:
        self.fd = os.dup(fd)
        st = os.fstat(self.fd)
        self.key = (st.st_dev, st.st_ino)  # a worker checks it opened this file

    def __del__(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)


class _SourceRef(NamedTuple):
    """A Source as a worker gets it."""

    pid: int  # the process holding it open
    fd: int
    key: tuple[int, int]  # (st_dev, st_ino)


class FileSpan(NamedTuple):
    """Consecutive whole lines of a regular file, by position (see Source)."""

    name: str  # the file name for messages
    lineno: int  # 1-based line number of its first line in that file
    first: int  # 0-based line number of its first line in the whole input
    source: Union[Source, _SourceRef]
    offset: int  # of its first byte in the file
    size: int  # bytes
    lines: int  # how many lines it holds


def _pread(fd: int, size: int, offset: int) -> bytes:
    """`size` bytes at `offset`, or fewer at the end of the file (os.pread reads at most
    ~2 GB at once)."""
    data = os.pread(fd, size, offset)
    if len(data) == size or not data:
        return data
    parts = [data]
    got = len(data)
    while got < size:
        more = os.pread(fd, size - got, offset + got)
        if not more:
            break
        parts.append(more)
        got += len(more)
    return b"".join(parts)


def _span_chunk(span: FileSpan, fd: int) -> RawChunk:
    """The span's lines, read from `fd` (the span's file)."""
    data = _pread(fd, span.size, span.offset)
    if len(data) != span.size:
        raise CliError(f"{span.name}: the file was cut short while it was read")
    return RawChunk(span.name, span.lineno, span.first, data, span.lines)


_TAIL_CHUNKS = 4  # spans shrink to 1/_TAIL_CHUNKS of what is left of a file ...
_MIN_SPAN = 32 << 10  # ... but not below this


class Batch(NamedTuple):
    """Consecutive lines of one file."""

    name: str  # the file name for messages ("<stdin>")
    lineno: int  # 1-based line number of lines[0] in that file
    first: int  # 0-based line number of lines[0] in the whole input
    lines: list[str]  # decoded, line ends kept


class Progress:
    """A one-line progress display on stderr: records done, MB read, MB/s and, when the input's
    size is known, the percentage. Drawn only when stderr is a terminal, and only once a run
    has lasted `delay` seconds (short runs never show it); erased at the end."""

    def __init__(self, label: str, enabled: bool, total: Optional[int]) -> None:
        self.label = label
        self.enabled = enabled
        self.total = total
        self.records = 0
        self.bytes = 0
        self.t0 = time.monotonic()
        try:
            self.delay = float(os.environ.get("SOKHAN_PROGRESS_DELAY", "1.0"))
        except ValueError:
            self.delay = 1.0
        self.drawn = False
        self.last = -1.0

    def update(self, records: int, nbytes: int) -> None:
        self.records += records
        self.bytes += nbytes
        if not self.enabled:
            return
        now = time.monotonic()
        elapsed = now - self.t0
        if elapsed < self.delay or (self.drawn and now - self.last < 0.2):
            return
        self.last = now
        mb = self.bytes / 1e6
        line = f"sokhan {self.label}: {self.records:,} records  {mb:,.1f} MB  {mb / max(elapsed, 1e-6):,.1f} MB/s"
        if self.total:
            line += f"  {min(100.0, 100.0 * self.bytes / self.total):.0f}%"
        sys.stderr.write("\r" + line + "\x1b[K")
        sys.stderr.flush()
        self.drawn = True

    def clear(self) -> None:
        if self.drawn:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.drawn = False


def _invalid_utf8(name: str, lineno: int, raw: bytes, e: UnicodeDecodeError) -> BadRecord:
    return BadRecord(f"{name}:{lineno}: invalid UTF-8 ({e.reason}: byte 0x{raw[e.start]:02x} at "
                     f"column {e.start + 1})")


def _decode_lines(name: str, lineno: int, first: int, raws: list[bytes],
                  on_bad: Optional[Callable[[int, BadRecord], None]]) -> Iterator[Batch]:
    """`raws` (consecutive lines of one file, line ends kept) decoded, in batches cut around the
    lines that are not UTF-8: each of those stops the run (raised after the lines before it
    were yielded) or, given `on_bad`, is reported to it with its line number and left out."""
    try:
        yield Batch(name, lineno, first, [r.decode("utf-8") for r in raws])
        return
    except UnicodeDecodeError:
        pass
    start, good = 0, []
    for k, r in enumerate(raws):
        try:
            good.append(r.decode("utf-8"))
            continue
        except UnicodeDecodeError as e:
            bad = _invalid_utf8(name, lineno + k, r, e)
        if good:  # the lines before the bad one are processed and written either way
            yield Batch(name, lineno + start, first + start, good)
        if on_bad is None:
            raise bad
        on_bad(lineno + k, bad)
        start, good = k + 1, []
    if good:
        yield Batch(name, lineno + start, first + start, good)


class Input:
    """The input files (or stdin) read as UTF-8 lines, in batches that never cross a file.

    A line that is not UTF-8 stops the run, or, given `on_bad`, is reported to it and left out
    (the batch is cut around it, so line numbers stay right)."""

    def __init__(self, paths: Sequence[str], progress: Progress,
                 on_bad: Optional[Callable[[BadRecord], None]] = None) -> None:
        self.paths = list(paths) or ["-"]
        self.progress = progress
        self.on_bad = on_bad

    def _decoded(self, name: str, lineno: int, first: int, raws: list[bytes]) -> Iterator[Batch]:
        on_bad = self.on_bad
        return _decode_lines(name, lineno, first, raws,
                             None if on_bad is None else lambda _line, e: on_bad(e))

    @staticmethod
    def total_size(paths: Sequence[str]) -> Optional[int]:
        total = 0
        for p in list(paths) or ["-"]:
            try:
                st = os.fstat(sys.stdin.fileno()) if p == "-" else os.stat(p)
            except (OSError, ValueError):
                return None
            if not stat.S_ISREG(st.st_mode):
                return None
            total += st.st_size
        return total or None

    def _streams(self) -> Iterator[tuple[str, IO[bytes]]]:
        """(name, binary stream) of every input in turn, each closed after its turn."""
        for path in self.paths:
            name = "<stdin>" if path == "-" else path
            try:
                stream: IO[bytes] = sys.stdin.buffer if path == "-" else open(path, "rb")
            except OSError as e:
                raise CliError(f"{path}: {e.strerror}") from None
            try:
                yield name, stream
            finally:
                if stream is not sys.stdin.buffer:
                    stream.close()

    def batches(self) -> Iterator[Batch]:
        index = 0
        for name, stream in self._streams():
            lineno = 1
            raws: list[bytes] = []
            size = 0
            for raw in stream:
                raws.append(raw)
                size += len(raw)
                if len(raws) >= _BATCH_LINES or size >= _BATCH_CHARS:
                    yield from self._decoded(name, lineno, index, raws)
                    self.progress.update(len(raws), size)
                    lineno += len(raws)
                    index += len(raws)
                    raws, size = [], 0
            if raws:
                yield from self._decoded(name, lineno, index, raws)
                self.progress.update(len(raws), size)
                index += len(raws)

    def chunks(self, size: int, by_position: bool = False) -> Iterator[Union[RawChunk, FileSpan]]:
        """The input undecoded, in chunks of whole lines of about `size` bytes (a longer line is
        a chunk of its own) that never cross a file. Blocks are cut at their last line end, so
        the lines are split later, in whichever process decodes the chunk. `by_position`: a
        regular file comes as FileSpans instead."""
        index = 0
        for name, stream in self._streams():
            if by_position and stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                index = yield from self._spans(name, stream, size, index)
                continue
            lineno = 1
            head: list[bytes] = []  # the start of a line that began in earlier blocks
            while True:
                block = stream.read(size)
                if not block:
                    break
                cut = block.rfind(b"\n") + 1
                if not cut:
                    head.append(block)  # joined once the line ends: no quadratic copying
                    continue
                data = b"".join([*head, block[:cut]]) if head else block[:cut]
                head = [block[cut:]] if cut < len(block) else []
                n = data.count(b"\n")
                yield RawChunk(name, lineno, index, data, n)
                lineno += n
                index += n
            if head:  # the last line has no line end
                yield RawChunk(name, lineno, index, b"".join(head), 1)
                index += 1

    def _spans(self, name: str, stream: IO[bytes], size: int,
               index: int) -> Generator[FileSpan, None, int]:
        """A regular file in FileSpans of whole lines, about `size` bytes each but smaller
        towards the end (so the workers finish together rather than one waiting for the other's
        last span); returns the line number after its last line. The lines are only counted
        here, in a block read into the same buffer each time."""
        source = Source(stream.fileno())
        left = os.fstat(source.fd).st_size - stream.tell()
        buf = bytearray(size)
        view = memoryview(buf)
        lineno = 1
        pos = start = stream.tell()  # where the next block is read, and the next span starts
        while True:
            want = min(size, max(_MIN_SPAN, left // _TAIL_CHUNKS)) if left > 0 else size
            n = cast(io.BufferedIOBase, stream).readinto(view[:want])
            if not n:
                break
            pos += n
            left -= n
            last = buf.rfind(b"\n", 0, n)
            if last < 0:
                continue  # a line longer than a block: the span grows
            # (the blocks before in the span had no line end, or they would have ended it)
            lines = buf.count(b"\n", 0, n)
            end = pos - n + last + 1
            yield FileSpan(name, lineno, index, source, start, end - start, lines)
            lineno += lines
            index += lines
            start = end
        if start < pos:  # the last line has no line end
            yield FileSpan(name, lineno, index, source, start, pos - start, 1)
            index += 1
        return index


def _content(line: str) -> str:
    """The line without its line end."""
    if line.endswith("\r\n"):
        return line[:-2]
    if line.endswith("\n"):
        return line[:-1]
    return line


class Record(NamedTuple):
    """One unit of work: a JSON record's text, a line, or a block of lines."""

    record: int  # 0-based line number of its first line in the whole input
    id: Any  # the JSON record's id field (_MISSING when absent)
    text: str
    reference: Optional[_dt.date]
    offset: int  # code point offset of text in the whole input (0 for JSON records)
    line_starts: Optional[list[int]]  # offsets of the lines of a text block, for `record`
    name: str = ""  # the file it is in, for messages
    lineno: int = 0  # ... and the 1-based line there (of its first line)

    @property
    def where(self) -> str:
        return f"{self.name}:{self.lineno}"


_MISSING = object()


def _json_type(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, (int, float)):
        return "a number"
    if isinstance(v, list):
        return "an array"
    if isinstance(v, dict):
        return "an object"
    return type(v).__name__


# The scanner json.loads runs (its own attribute, which typeshed does not list).
_scan_json: Callable[[str, int], tuple[Any, int]] = cast(Any, json.JSONDecoder()).scan_once


def _json_object(line: str) -> Any:
    """json.loads(line.lstrip("\\ufeff")): a line that is one JSON object and its line end goes to
    json's scanner directly (json.loads's own steps around it cost as much as scanning a 1 KB
    record); anything else, and any error, through json.loads, which has the messages."""
    if line.startswith("{"):
        try:
            obj, end = _scan_json(line, 0)
        except (json.JSONDecodeError, StopIteration):
            pass
        else:
            if not line[end:].strip(" \t\n\r"):  # (what json.loads allows after the value)
                return obj
    return json.loads(line.lstrip("\ufeff"))


def _json_record(line: str, name: str, lineno: int, index: int,
                 args: argparse.Namespace) -> Optional[Record]:
    if not line.strip():
        return None  # blank lines are allowed (and counted)
    where = f"{name}:{lineno}"
    try:
        obj = _json_object(line)
    except json.JSONDecodeError as e:
        raise BadRecord(f"{where}: invalid JSON: {e.msg} (column {e.colno})") from None
    if not isinstance(obj, dict):
        raise BadRecord(f"{where}: expected a JSON object, got {_json_type(obj)}")
    if args.field not in obj:
        raise BadRecord(f"{where}: field {args.field!r} is missing")
    text = obj[args.field]
    if not isinstance(text, str):
        raise BadRecord(f"{where}: field {args.field!r} is {_json_type(text)}, not a string")
    reference = getattr(args, "reference", None)
    rf = getattr(args, "reference_field", None)
    if rf is not None and obj.get(rf) is not None:  # missing or null: the --reference default
        value = obj[rf]
        if not isinstance(value, str):
            raise BadRecord(f"{where}: field {rf!r} is {_json_type(value)}, not an ISO date string")
        try:
            reference = _parse_date(value)
        except ValueError:
            raise BadRecord(f"{where}: field {rf!r} is not an ISO date: {value!r} "
                            "(expected e.g. 2015-11-25)") from None
    record_id = obj.get(args.id_field, _MISSING)
    # Only a \uD800-\uDFFF escape can put a lone surrogate in a str (JSON spells the u in lower
    # case); two plain searches cost a third of lowering the line first.
    if "\\ud" in line or "\\uD" in line:
        _check_surrogates(where, args.field, text)
        if record_id is not _MISSING:
            _check_surrogates(where, args.id_field, json.dumps(record_id, ensure_ascii=False))
    return Record(index, record_id, text, reference, 0, None, name, lineno)


def _check_surrogates(where: str, field: str, text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise BadRecord(f"{where}: field {field!r} has a lone surrogate at index {e.start}, so "
                        "it is not valid Unicode") from None


def _run_items(items: list[T], work: Callable[[list[T]], R], where: Callable[[int], str],
               skip: bool, on_bad: Callable[[int, BadRecord], None],
               ) -> tuple[list[T], Optional[R], Optional[BadRecord]]:
    """`work(items)`, or when the library rejects the batch, the items it takes: they are tried
    one by one so the message names the bad one's line (`where(index)`). Returns the items
    kept, their results and the error to raise once those are written (None when `skip`: bad
    items are then given to `on_bad` with their index and left out)."""
    try:
        return items, work(items), None
    except SokhanError:
        pass
    kept: list[T] = []
    for k, item in enumerate(items):
        try:
            work([item])
        except SokhanError as e:
            bad = BadRecord(f"{where(k)}: {e}")
            if not skip:
                return kept, work(kept) if kept else None, bad
            on_bad(k, bad)
            continue
        kept.append(item)
    return kept, work(kept) if kept else None, None


class Reader:
    """Turns input batches into batches of records, stopping at (or, with --skip-errors,
    reporting and skipping) bad records: invalid UTF-8, bad JSON records, and texts the library
    rejects."""

    def __init__(self, args: argparse.Namespace, progress: Progress) -> None:
        self.args = args
        self.input = Input(args.files, progress, self._bad if args.skip_errors else None)
        self.skipped = 0
        self.output: Optional[Union[Writer, BinaryOutput]] = None  # flushed on an error

    def run(self, items: list[T], work: Callable[[list[T]], R],
            where: Callable[[int], str]) -> tuple[list[T], Optional[R], Optional[BadRecord]]:
        """_run_items(), reporting bad items on stderr."""
        return _run_items(items, work, where, self.args.skip_errors, lambda _k, e: self._bad(e))

    def processed(self, batches: Iterable[list[Record]],
                  work: Callable[[list[Record]], R]) -> Iterator[tuple[list[Record], R]]:
        """Each batch of records with `work`'s results for it (see run()); a bad record stops
        the run after the records before it."""
        for records in batches:
            kept, results, error = self.run(records, work, lambda k: records[k].where)
            if kept:
                yield kept, cast(R, results)  # there are results when records were kept
            if error is not None:
                raise error

    def _bad(self, e: BadRecord) -> None:
        self.skipped += 1
        self.input.progress.clear()
        print(f"sokhan: warning: {e} (skipped)", file=sys.stderr)

    def lines(self) -> Iterator[list[Record]]:
        """Text input, one record per line (its line end removed)."""
        offset = 0
        ref = self.args.reference if "reference" in self.args else None
        for batch in self.input.batches():
            out = []
            for k, line in enumerate(batch.lines):
                out.append(Record(batch.first + k, _MISSING, _content(line), ref, offset, None,
                                  batch.name, batch.lineno + k))
                offset += len(line)
            yield out

    def blocks(self, paragraphs: bool) -> Iterator[list[Record]]:
        """Text input in blocks of lines. `paragraphs`: each paragraph (non-blank lines up to a
        blank line, final line end removed) is a record; otherwise blocks tile the input exactly
        and end at the first blank line past _BLOCK_CHARS. Either way a block is cut at a line
        end past _MAX_BLOCK_CHARS."""
        ref = self.args.reference if "reference" in self.args else None
        offset = 0  # of the next line
        lines: list[str] = []
        first, start, size = 0, 0, 0
        name, lineno = "", 0  # where the block starts, for messages
        batch_out: list[Record] = []
        batch_size = 0

        def emit() -> None:
            nonlocal lines, size, batch_size
            starts, pos = [], 0
            for line in lines:
                starts.append(pos)
                pos += len(line)
            text = "".join(lines)
            if paragraphs:
                text = _content(text)
            batch_out.append(Record(first, _MISSING, text, ref, start, starts, name, lineno))
            batch_size += len(text)
            lines, size = [], 0

        next_index = 0
        for batch in self.input.batches():
            if lines and batch.first != next_index:
                emit()  # a line left out (--skip-errors) ends the block: its lines are consecutive
            next_index = batch.first + len(batch.lines)
            for k, line in enumerate(batch.lines):
                blank = not line.strip()
                if paragraphs and blank:
                    if lines:
                        emit()
                else:
                    if not lines:
                        first, start = batch.first + k, offset
                        name, lineno = batch.name, batch.lineno + k
                    lines.append(line)
                    size += len(line)
                    if size >= _MAX_BLOCK_CHARS or (not paragraphs and blank and size >= _BLOCK_CHARS):
                        emit()
                offset += len(line)
                if batch_size >= _BATCH_CHARS or len(batch_out) >= _BATCH_LINES:
                    yield batch_out
                    batch_out, batch_size = [], 0
        if lines:
            emit()
        if batch_out:
            yield batch_out


# --- output -------------------------------------------------------------------------------------


def _cell(v: Any) -> str:
    if type(v) is str:  # (the most common cell first)
        return v
    if v is None or v is _MISSING:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


_TSV_CLEAN = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def _tsv_cell(v: Any) -> str:
    """_cell(v) without tabs and line breaks; numbers and empty cells have none to replace."""
    if type(v) is str:
        return v.translate(_TSV_CLEAN)
    if type(v) is int:
        return str(v)
    if v is None:
        return ""
    return _cell(v).translate(_TSV_CLEAN)


def _row_encoder() -> Callable[[Any], str]:
    """json.dumps(d, ensure_ascii=False), the same output, without what json.dumps does per
    call: JSONEncoder.encode builds a new C encoder for every row, a third of the cost of a
    short row (a sentence, a date), so the C encoder is built once here."""
    encoder = json.JSONEncoder(ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # no C accelerator: json's own (slower) path
        return encoder.encode
    iterencode = make({}, encoder.default, json.encoder.encode_basestring, None,
                      encoder.key_separator, encoder.item_separator, encoder.sort_keys,
                      encoder.skipkeys, encoder.allow_nan)
    return lambda d: "".join(iterencode(d, 0))


_to_json = _row_encoder()


class _Parts(List[str]):
    """Output text collected in a list and joined once; `write` makes it a file for csv."""

    def write(self, s: str) -> None:
        self.append(s)


def _header(fmt: str, columns: Sequence[str]) -> str:
    if fmt == "csv":
        out = _Parts()
        csv.writer(out, lineterminator="\n").writerow(columns)
        return "".join(out)
    if fmt == "tsv":
        return "\t".join(columns) + "\n"
    return ""


class Writer:
    """Rows as jsonl, csv or tsv (with a header on stdout); `text` is up to each command.

    Without `out` it writes to stdout; with `out` (a chunk's _Parts) no header."""

    def __init__(self, fmt: str, columns: Sequence[str], out: Optional[Any] = None) -> None:
        self.fmt = fmt
        self.columns = list(columns)
        if out is None:
            out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=False)
            out.write(_header(fmt, self.columns))
        self.out = out
        self.csv = csv.writer(out, lineterminator="\n")

    def write(self, s: str) -> None:
        self.out.write(s)

    def row(self, d: dict[str, Any]) -> None:
        if self.fmt == "jsonl":
            self.out.write(_to_json(d) + "\n")
        elif self.fmt == "csv":
            self.csv.writerow([_cell(d.get(c)) for c in self.columns])
        else:
            self.out.write("\t".join([_tsv_cell(d.get(c)) for c in self.columns]) + "\n")

    def flush(self) -> None:
        self.out.flush()


class BinaryOutput:
    """stdout for output that arrives encoded (jsonl input: each chunk's rows)."""

    def __init__(self) -> None:
        self.out = sys.stdout.buffer

    def write(self, b: bytes) -> None:
        self.out.write(b)

    def flush(self) -> None:
        self.out.flush()


def _head(r: Record, json_input: bool) -> dict[str, Any]:
    d: dict[str, Any] = {"record": r.record}
    if json_input and r.id is not _MISSING:
        d["id"] = r.id
    return d


def _line_of(r: Record, start: int) -> int:
    """`record` of something at `start` in a text block: the line it starts on."""
    if r.line_starts is None:
        return r.record
    return r.record + bisect.bisect_right(r.line_starts, start) - 1


def _single_line(s: str) -> str:
    return " ".join(s.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


# --- commands -----------------------------------------------------------------------------------


class Command(abc.ABC):
    """A command's work on a batch of records and the rows of its results. Built once per
    process: worker processes (jsonl input, --threads N) inherit the parent's."""

    columns: list[str]

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.json_input = args.input_format == "jsonl"
        self.threads: int = args.threads  # of the batch calls; 1 in a worker process

    @abc.abstractmethod
    def work(self, records: list[Record]) -> Any:
        """The batch call's results for `records` (in a worker process for jsonl input)."""

    @abc.abstractmethod
    def emit(self, records: list[Record], results: Any, w: Writer) -> None:
        """Writes the rows of `results`, in record order."""


class NormalizeCommand(Command):
    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__(args)
        self.normalizer = _normalizer_from(args)
        self.columns = (["record", "id", "normalized"] if self.json_input
                        else ["record", "start", "end", "normalized"])

    def work(self, records: list[Record]) -> list[str]:
        return self.normalizer.normalize_many([r.text for r in records], threads=self.threads)

    def emit(self, records: list[Record], results: list[str], w: Writer) -> None:
        text_out = self.args.format == "text"
        for r, n in zip(records, results):
            if text_out:
                w.write(n + "\n")
                continue
            d = _head(r, self.json_input)
            if not self.json_input:
                d["start"], d["end"] = r.offset, r.offset + len(r.text)
            d["normalized"] = n
            w.row(d)


class SentencesCommand(Command):
    def __init__(self, args: argparse.Namespace) -> None:
        from .sentences import SentenceSplitter

        super().__init__(args)
        self.splitter = SentenceSplitter(args.lang)
        self.columns = (["record", "id", "start", "end", "text"] if self.json_input
                        else ["record", "start", "end", "text"])

    def work(self, records: list[Record]) -> list[list[Any]]:
        return self.splitter.split_many([r.text for r in records], threads=self.threads)

    def emit(self, records: list[Record], results: list[list[Any]], w: Writer) -> None:
        text_out = self.args.format == "text"
        for r, ss in zip(records, results):
            for s in ss:
                if text_out:
                    w.write(_single_line(s.text) + "\n")
                    continue
                d = _head(r, self.json_input)
                d["record"] = _line_of(r, s.start)
                d.update(start=r.offset + s.start, end=r.offset + s.end, text=s.text)
                w.row(d)


DATE_COLUMNS = ["start", "end", "text", "kind", "calendar", "grain", "native", "value", "begin",
                "until", "mod", "relative"]


class DatesCommand(Command):
    def __init__(self, args: argparse.Namespace) -> None:
        from .dates import DateExtractor

        super().__init__(args)
        self.extractor = DateExtractor(args.lang)
        self.columns = (["record", "id"] if self.json_input else ["record"]) + DATE_COLUMNS

    def work(self, records: list[Record]) -> list[list[Any]]:
        return self.extractor.extract_many([r.text for r in records],
                                           [r.reference for r in records], threads=self.threads)

    def emit(self, records: list[Record], results: list[list[Any]], w: Writer) -> None:
        fmt = self.args.format
        for r, ms in zip(records, results):
            for m in ms:
                if fmt == "text":
                    w.write(f"{_single_line(m.text)}\t{m.value or ''}\n")
                    continue
                d = _head(r, self.json_input)
                d["record"] = _line_of(r, m.start)
                md = m.to_dict()
                md["start"] += r.offset
                md["end"] += r.offset
                d.update(md)
                if fmt != "jsonl":
                    d["begin"], d["until"] = md["interval"] or (None, None)
                w.row(d)


class AnalyzeCommand(Command):
    def __init__(self, args: argparse.Namespace) -> None:
        from .dates import DateExtractor
        from .sentences import SentenceSplitter

        super().__init__(args)
        self.normalizer = _normalizer_from(args)
        self.splitter = SentenceSplitter(args.lang)
        self.extractor = DateExtractor(args.lang)
        head = ["record", "id"] if self.json_input else ["record", "start", "end"]
        self.columns = head + ["reference", "lang", "sentences", "dates", "edits", "normalized"]

    def work(self, records: list[Record]) -> tuple[list[Any], list[Any], list[Any]]:
        texts = [r.text for r in records]
        return (self.splitter.split_many(texts, threads=self.threads),
                self.extractor.extract_many(texts, [r.reference for r in records],
                                            threads=self.threads),
                [self.normalizer.normalize_aligned(t) for t in texts])

    def emit(self, records: list[Record], results: tuple[list[Any], list[Any], list[Any]],
             w: Writer) -> None:
        from .document import Document

        fmt = self.args.format
        spans, found, aligned = results
        for r, ss, ms, a in zip(records, spans, found, aligned):
            doc = Document(r.text, a, ss, ms, r.reference, self.splitter.lang)
            d = _head(r, self.json_input)
            if not self.json_input:
                d["start"], d["end"] = r.offset, r.offset + len(r.text)
            if fmt == "text":
                w.write(_doc_text(d, doc))
            elif fmt == "jsonl":
                d.update(doc.to_dict())
                w.row(d)
            else:
                d.update(reference=doc.reference.isoformat() if doc.reference else None, lang=doc.lang,
                         sentences=len(doc.sentences), dates=len(doc.dates),
                         edits=len(doc.normalized.edits()), normalized=doc.normalized.text)
                w.row(d)


def _run_text(reader: Reader, cmd: Command, batches: Iterator[list[Record]]) -> None:
    """Text input: batches of lines or blocks, each one batch call on cmd.threads threads."""
    w = Writer(cmd.args.format, cmd.columns)
    reader.output = w
    for records, results in reader.processed(batches, cmd.work):
        cmd.emit(records, results, w)
    w.flush()


def _cmd_normalize(args: argparse.Namespace, reader: Reader) -> None:
    cmd = NormalizeCommand(args)
    if cmd.json_input:
        _run_jsonl(reader, cmd)
        return
    if args.format != "text":
        _run_text(reader, cmd, reader.lines())
        return
    # Lines exactly as read, line ends included, so the output has the input's newlines.
    w = Writer(args.format, cmd.columns)
    reader.output = w

    def normalize_lines(lines: list[str]) -> list[str]:
        return cmd.normalizer.normalize_many(lines, threads=args.threads)

    for batch in reader.input.batches():
        name, lineno = batch.name, batch.lineno
        _, outs, error = reader.run(batch.lines, normalize_lines, lambda k: f"{name}:{lineno + k}")
        for line in outs or ():
            w.write(line)
        if error is not None:
            raise error
    w.flush()


def _command_runner(make: Callable[[argparse.Namespace], Any], paragraphs: bool
                    ) -> Callable[[argparse.Namespace, Reader], None]:
    """The sentences, dates and analyze commands: jsonl records, or text read in blocks (of
    paragraphs for analyze, of lines otherwise)."""
    def run(args: argparse.Namespace, reader: Reader) -> None:
        cmd = make(args)
        if cmd.json_input:
            _run_jsonl(reader, cmd)
        else:
            _run_text(reader, cmd, reader.blocks(paragraphs=paragraphs))
    return run


_cmd_sentences = _command_runner(lambda a: SentencesCommand(a), paragraphs=False)
_cmd_dates = _command_runner(lambda a: DatesCommand(a), paragraphs=False)
_cmd_analyze = _command_runner(lambda a: AnalyzeCommand(a), paragraphs=True)


# --- jsonl input: chunks of lines, in worker processes with --threads N -------------------------

# Raw input per chunk. Small enough that N workers get many chunks each (the last one to finish
# decides the wall time) and little is held in flight (4N chunks); big enough that a chunk's
# fixed cost (a round trip through a pipe) is negligible. SOKHAN_CHUNK_BYTES overrides it (the
# tests use small chunks to cross many chunk boundaries).
_CHUNK_BYTES = 256 << 10


def _chunk_bytes() -> int:
    try:
        return max(1, int(os.environ.get("SOKHAN_CHUNK_BYTES", _CHUNK_BYTES)))
    except ValueError:
        return _CHUNK_BYTES


class ChunkResult(NamedTuple):
    """What a chunk of JSON lines gives: its output and the records it left out."""

    out: bytes  # the rows, UTF-8
    skipped: list[str]  # the bad records left out (--skip-errors), in input order
    error: Optional[str]  # the bad record that stops the run, once `out` is written


def _jsonl_chunk(cmd: Command, chunk: RawChunk) -> ChunkResult:
    """Decodes, parses, processes and formats one chunk: the whole pipeline of a record, so it
    runs alike in this process or in a worker, and the output cannot depend on which."""
    args = cmd.args
    skip: bool = args.skip_errors
    bad: list[tuple[int, str]] = []  # (line in the file, message)
    parts = _Parts()
    w = Writer(args.format, cmd.columns, parts)
    raws = list(io.BytesIO(chunk.data))  # split as iterating over the file would
    try:
        on_bad = (lambda line, e: bad.append((line, str(e)))) if skip else None
        for batch in _decode_lines(chunk.name, chunk.lineno, chunk.first, raws, on_bad):
            records: list[Record] = []
            stop: Optional[BadRecord] = None
            for k, line in enumerate(batch.lines):
                try:
                    r = _json_record(line, batch.name, batch.lineno + k, batch.first + k, args)
                except BadRecord as e:
                    if not skip:
                        stop = e  # the records before it are still processed and written
                        break
                    bad.append((batch.lineno + k, str(e)))
                    continue
                if r is not None:
                    records.append(r)
            if records:
                # (the lambdas run within this call, so they see this batch's records)
                kept, results, error = _run_items(
                    records, cmd.work, lambda k: records[k].where, skip,
                    lambda k, e: bad.append((records[k].lineno, str(e))))
                if kept:
                    cmd.emit(kept, results, w)
                if error is not None:
                    raise error
            if stop is not None:
                raise stop
    except BadRecord as e:
        return ChunkResult("".join(parts).encode("utf-8"), [], str(e))
    bad.sort()  # found stage by stage (decoder, JSON checks, library), reported in input order
    return ChunkResult("".join(parts).encode("utf-8"), [m for _, m in bad], None)


def _worker_count(threads: int) -> int:
    """Processes for --threads (the parent and N - 1 workers): N as asked, or for 0 the cores
    this process may use, at most 8: the parent reads and writes every chunk (~450 MB/s of
    jsonl on the development VM, against ~35 MB/s per worker for normalize), so past ~10
    workers more only wait."""
    if threads:
        return threads
    try:
        cores = len(os.sched_getaffinity(0))  # the cores this process may use (containers)
    except AttributeError:
        cores = os.cpu_count() or 1
    return min(cores, 8)


def _guarded(chunks: Iterator[T]) -> Iterator[Union[T, Exception]]:
    """The chunks, then the error that stopped reading (a missing file, a read error) as the
    last item, so it is raised only after the chunks before it were written."""
    try:
        yield from chunks
    except (CliError, OSError) as e:
        yield e


def _deliver(reader: Reader, out: BinaryOutput, result: ChunkResult, lines: int,
             nbytes: int) -> None:
    """Writes a chunk's output, reports its skipped records, raises its error."""
    out.write(result.out)
    for message in result.skipped:
        reader._bad(BadRecord(message))
    reader.input.progress.update(lines, nbytes)
    if result.error is not None:
        raise BadRecord(result.error)


def _run_jsonl(reader: Reader, cmd: Command) -> None:
    """jsonl input in chunks. With --threads N > 1 (and more than one chunk) N - 1 worker
    processes and this one each take whole chunks and make their encoded output, since
    decoding, checking and formatting the records costs more than the batch calls; the output
    is written in input order. Otherwise the chunks are processed here, each with one batch
    call on N threads."""
    out = BinaryOutput()
    reader.output = out
    out.write(_header(cmd.args.format, cmd.columns).encode("utf-8"))
    n = _worker_count(cmd.args.threads)
    by_position = False  # regular files in FileSpans, which workers read themselves
    if n > 1:
        from . import _cli_workers as workers

        n = n if workers.can_fork() else 1
        by_position = n > 1 and workers.can_read_spans()
    chunks = _guarded(reader.input.chunks(_chunk_bytes(), by_position))
    ahead = list(itertools.islice(chunks, 2))  # a second chunk: worth starting workers
    if n > 1 and len(ahead) == 2 and not isinstance(ahead[1], Exception):
        cmd.threads = 1  # the parallelism is the processes

        def here(chunk: Union[RawChunk, FileSpan]) -> ChunkResult:
            return _jsonl_chunk(cmd, _whole(chunk))

        # This process works too, so N cores take N - 1 workers.
        with workers.WorkerPool(n - 1, cmd) as pool:
            for lines, nbytes, result in pool.results(itertools.chain(ahead, chunks), here):
                _deliver(reader, out, result, lines, nbytes)
        out.flush()
        return
    for chunk in itertools.chain(ahead, chunks):
        if isinstance(chunk, Exception):
            raise chunk
        chunk = _whole(chunk)  # one span: not worth starting workers
        _deliver(reader, out, _jsonl_chunk(cmd, chunk), chunk.lines, len(chunk.data))
    out.flush()


def _whole(chunk: Union[RawChunk, FileSpan]) -> RawChunk:
    """A chunk with its bytes (a span read here)."""
    if isinstance(chunk, FileSpan):
        return _span_chunk(chunk, cast(Source, chunk.source).fd)
    return chunk


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _doc_text(head: dict[str, Any], doc: Any) -> str:
    title = f"# record {head['record']}"
    if "id" in head:
        title += f" (id {head['id']})"
    title += ": " + ", ".join(_count(n, what) for n, what in (
        (len(doc.sentences), "sentence"), (len(doc.dates), "date"), (len(doc.normalized.edits()), "edit")))
    out = [title, "normalized: " + _single_line(doc.normalized.text)]
    for k, s in enumerate(doc.sentences):
        out.append(f"[{k}] {_single_line(s.text)}")
        for m, where in zip(doc.dates, doc.date_sentences):
            if where == k:
                out.append(f"    {_single_line(m.text)}\t{m.value or ''}")
    return "\n".join(out) + "\n\n"


# --- parser -------------------------------------------------------------------------------------

DEFAULT_FORMATS = {  # per command: (text input, jsonl input)
    "normalize": ("text", "jsonl"),
    "sentences": ("text", "jsonl"),
    "dates": ("tsv", "tsv"),
    "analyze": ("jsonl", "jsonl"),
}


def _terminal_columns() -> int:
    """shutil.get_terminal_size().columns: $COLUMNS, else stdout's terminal, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0 and sys.__stdout__ is not None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, told the terminal's width: left to find it, argparse imports
    shutil, and bz2, lzma and fnmatch with it, ~2.3 ms of every run's start-up."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: Optional[int] = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         _terminal_columns() if width is None else width)


def _command_in(argv: Sequence[str]) -> Optional[str]:
    """The command argv names: its first word that is not an option (the top-level options
    take no value), if that is a command."""
    for word in argv:
        if not word.startswith("-"):
            return word if word in DEFAULT_FORMATS else None
    return None


def build_parser(command: Optional[str] = None) -> argparse.ArgumentParser:
    """The parser of every command, or given `command`, of that one: the others are then only
    listed (by `sokhan --help`), which saves building their options on every run."""
    parser = argparse.ArgumentParser(
        prog="sokhan",
        description="Persian-first text normalization, sentence splitting and date extraction.",
        epilog=EXAMPLES,
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sokhan {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    helps = {
        "normalize": "normalize text, line by line or per JSON record",
        "sentences": "split text into sentences",
        "dates": "find date and time mentions and resolve them",
        "analyze": "normalization, sentences and dates of each document (sokhan.analyze)",
    }
    runs: dict[str, Callable[[argparse.Namespace, Reader], None]] = {
        "normalize": _cmd_normalize, "sentences": _cmd_sentences, "dates": _cmd_dates,
        "analyze": _cmd_analyze,
    }
    for name, run in runs.items():
        p = sub.add_parser(name, help=helps[name], description=helps[name] + ".",
                           epilog=COMMAND_EXAMPLES[name], formatter_class=_HelpFormatter)
        if command is not None and name != command:
            continue
        p.add_argument("files", nargs="*", metavar="FILE", help="input files (UTF-8); stdin when none or -")
        fmt_text, fmt_json = DEFAULT_FORMATS[name]
        p.add_argument("--format", choices=FORMATS, default=None,
                       help=f"output format (default: {fmt_text}"
                            + (f", or {fmt_json} for jsonl input" if fmt_json != fmt_text else "") + "); "
                            "csv and tsv have a header; tsv fields never hold a tab or line break "
                            "(they become spaces)")
        p.add_argument("--input-format", choices=("text", "jsonl"), default="text",
                       help="text (default), or jsonl: one JSON object per line")
        p.add_argument("--field", default="text", metavar="FIELD", help="jsonl input: the text field (default: text)")
        p.add_argument("--id-field", default="id", metavar="FIELD",
                       help="jsonl input: the field copied to the output as `id` when present (default: id)")
        if name in ("dates", "analyze"):
            p.add_argument("--reference", type=_reference_arg, default=None, metavar="DATE",
                           help="the documents' date (ISO, e.g. 2015-11-25): relative mentions resolve "
                                "against it; the default for records without --reference-field")
            p.add_argument("--reference-field", default=None, metavar="FIELD",
                           help="jsonl input: a field with each record's date (ISO string; missing or "
                                "null: --reference)")
        if name != "normalize":
            p.add_argument("--lang", choices=["auto", "fa", "en"], default="auto",
                           help="language, or auto per paragraph from the script (default)")
        p.add_argument("--threads", type=_threads, default=0, metavar="N",
                       help="worker threads (with --input-format jsonl: worker processes), 0 = all "
                            "cores (default)")
        p.add_argument("--skip-errors", "--skip-bad", dest="skip_errors", action="store_true",
                       help="report a bad record (a line that is not UTF-8, a JSON record without "
                            "its text, text the library rejects) on stderr with its line, leave it "
                            "out and go on (default: stop there, exit code 2); --skip-bad is the "
                            "old name")
        p.add_argument("-q", "--quiet", action="store_true",
                       help="no progress display (it is only shown when stderr is a terminal)")
        if name in ("normalize", "analyze"):
            _add_normalizer_flags(p)
        p.set_defaults(run=run)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(_command_in(argv))
    args = parser.parse_args(argv)
    if args.format is None:
        args.format = DEFAULT_FORMATS[args.command][args.input_format == "jsonl"]
    if args.input_format == "text" and "reference_field" in args and args.reference_field is not None:
        parser.error("--reference-field needs --input-format jsonl")
    try:
        interactive = sys.stderr.isatty()
    except (AttributeError, ValueError):
        interactive = False
    progress = Progress(args.command, interactive and not args.quiet, Input.total_size(args.files))
    reader = Reader(args, progress)
    try:
        args.run(args, reader)
        progress.clear()
        if reader.skipped:
            print(f"sokhan: warning: {reader.skipped} bad record{'s' if reader.skipped > 1 else ''} skipped",
                  file=sys.stderr)
        return 0
    except BrokenPipeError:
        # The reader went away (`sokhan normalize big.txt | head`): stop quietly. Point stdout
        # at /dev/null so the interpreter's final flush does not raise again.
        progress.clear()
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (CliError, SokhanError, UnicodeDecodeError, OSError) as e:
        progress.clear()
        _flush_quietly(reader.output)
        print(f"sokhan: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        progress.clear()
        return 130


def _flush_quietly(output: Optional[Union[Writer, BinaryOutput]]) -> None:
    """Flushes the output written before an error (the records before a bad one)."""
    try:
        if output is not None:
            output.flush()
    except (BrokenPipeError, OSError, ValueError):
        pass
