"""The `sokhan` command line.

    sokhan normalize [FILE ...] [--digits persian] [--no-zwnj] ...
    sokhan dates --reference 2015-11-25 news.txt
    cat news.txt | sokhan normalize --threads 2 > news.norm.txt

Input is read line by line in batches, so a file of any size streams through in bounded
memory; newlines are kept exactly.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from typing import IO, Iterator, Optional, Sequence

from . import __version__
from .errors import SokhanError
from .normalize import _CHOICES, DEFAULTS, Normalizer

_BATCH_LINES = 2048

EXAMPLES = """examples:
  sokhan normalize news.txt
  sokhan sentences --format jsonl news.txt
  sokhan dates --reference 2015-11-25 news.txt
  sokhan normalize --digits persian --ellipsis < in.txt > out.txt
  python -m sokhan normalize --no-repair-compounds --threads 2 a.txt b.txt
"""


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


def _batches(streams: Sequence[IO[str]]) -> Iterator[list[str]]:
    batch: list[str] = []
    for stream in streams:
        for line in stream:
            batch.append(line)
            if len(batch) >= _BATCH_LINES:
                yield batch
                batch = []
    if batch:
        yield batch


def _open_inputs(paths: Sequence[str]) -> list[IO[str]]:
    # newline="" keeps \r\n and lone \r exactly as written: no text is silently changed.
    if not paths or paths == ["-"]:
        return [io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="")]
    return [open(p, encoding="utf-8", errors="strict", newline="") for p in paths]


def _cmd_normalize(args: argparse.Namespace) -> int:
    normalizer = _normalizer_from(args)
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=False)
    for batch in _batches(_open_inputs(args.files)):
        for line in normalizer.normalize_many(batch, threads=args.threads):
            out.write(line)
    out.flush()
    return 0


def _paragraph_blocks(streams: Sequence[IO[str]]) -> Iterator[str]:
    """Blocks of whole paragraphs (ending at a blank line), so sentences never straddle two
    blocks and memory stays bounded however large the input."""
    block: list[str] = []
    size = 0
    for stream in streams:
        for line in stream:
            block.append(line)
            size += len(line)
            if size >= (1 << 20) and not line.strip():
                yield "".join(block)
                block, size = [], 0
    if block:
        yield "".join(block)


def _cmd_sentences(args: argparse.Namespace) -> int:
    import json

    from .sentences import SentenceSplitter

    splitter = SentenceSplitter(args.lang)
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=False)
    offset = 0
    for block in _paragraph_blocks(_open_inputs(args.files)):
        for span in splitter.split(block):
            if args.format == "jsonl":
                record = {"start": offset + span.start, "end": offset + span.end, "text": span.text}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                out.write(" ".join(span.text.split("\n")) + "\n")
        offset += len(block)
    out.flush()
    return 0


def _cmd_dates(args: argparse.Namespace) -> int:
    import json

    from .dates import DateExtractor

    extractor = DateExtractor(args.lang)
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=False)
    if args.format == "tsv":
        out.write("start\tend\ttext\tkind\tcalendar\tgrain\tnative\tvalue\tmod\n")
    offset = 0
    for block in _paragraph_blocks(_open_inputs(args.files)):
        for m in extractor.extract(block, args.reference):
            if args.format == "jsonl":
                record = m.to_dict()
                record["start"] += offset
                record["end"] += offset
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                fields = (offset + m.start, offset + m.end, " ".join(m.text.split()), m.kind, m.calendar,
                          m.grain, m.native or "", m.value or "", m.mod or "")
                out.write("\t".join(map(str, fields)) + "\n")
        offset += len(block)
    out.flush()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sokhan",
        description="Persian-first text normalization, sentence splitting and date extraction.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sokhan {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("normalize", help="normalize text files or stdin",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="*", help="input files (UTF-8); stdin when none or -")
    p.add_argument("--threads", type=int, default=0, help="worker threads, 0 = all cores")
    _add_normalizer_flags(p)
    p.set_defaults(run=_cmd_normalize)

    p = sub.add_parser("sentences", help="split text files or stdin into sentences",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="*", help="input files (UTF-8); stdin when none or -")
    p.add_argument("--lang", choices=["auto", "fa", "en"], default="auto",
                   help="language, or auto per paragraph from the script (default)")
    p.add_argument("--format", choices=["text", "jsonl"], default="text",
                   help="text: one sentence per line; jsonl: start/end code point offsets "
                        "into the whole input and the text")
    p.set_defaults(run=_cmd_sentences)

    p = sub.add_parser("dates", help="find date and time mentions in text files or stdin",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="*", help="input files (UTF-8); stdin when none or -")
    p.add_argument("--reference", default=None,
                   help="the documents' date (ISO, e.g. 2015-11-25): relative mentions resolve against it")
    p.add_argument("--lang", choices=["auto", "fa", "en"], default="auto",
                   help="language, or auto per paragraph from the script (default)")
    p.add_argument("--format", choices=["tsv", "jsonl"], default="tsv",
                   help="tsv: a header and one mention per line; jsonl: DateMention.to_dict() per "
                        "line; offsets are code points into the whole input")
    p.set_defaults(run=_cmd_dates)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except BrokenPipeError:
        # The reader went away (`sokhan normalize big.txt | head`): stop quietly. Point stdout
        # at /dev/null so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (SokhanError, UnicodeDecodeError, OSError) as e:
        print(f"sokhan: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
