"""What every section of the benchmark suite (run.py) shares: the sizes, the corpora, the
targets, the competitor workers of run.py's own, and ``Suite``, the state a run builds up
(table rows, target lines, text sections, the C++ micro-benchmark results).

Imports no sokhan (the workers run in build/bench-venv, where it is not installed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import bench_dates
import bench_dates_en
import bench_sentences
import suite_limits as lim
from common import (MB, Row, build_corpus, dist_version, fresh, measure, python_with, run_worker,
                    slice_docs, time_runs, utf8_len)
from suite_report import Entry, Report, Target

RUN_PY = Path(__file__).resolve().parent / "run.py"
# The sokhan_bench benchmarks run.py reads: the kernel rows and the 10 KB crossing-cost rows.
CPP_ROWS = (r"^(normalize|normalize_aligned|unicode_nfc|split|dates)/(fa|en|en_news)/"
            r"(whole|docs|10k)$")
REFERENCE_DATE = dt.date(2015, 11, 25)  # the fixed document date of C++ and crossing runs


@dataclass(frozen=True)
class Sizes:
    """How much of everything a run measures (the default, or --quick for a smoke run)."""

    fa_mb: float = 10.0          # Persian corpus (UD Seraji + PerDT dev text, repeated)
    fa_docs: int = 10_000        # ... cut into this many documents (the batch rows' 10k)
    en_mb: float = 4.0           # English corpus (UD EWT dev text), ~1 KB documents
    en_doc_bytes: int = 1000
    news_mb: float = 10.0        # English news (TBAQ) for English dates
    runs: int = 5                # timed runs per row after one warm-up
    slow_runs: int = 3           # for pySBD and dateparser
    hazm_kb: float = 200.0
    parsivar_kb: float = 100.0   # Parsivar is quadratic in the text length
    sbd_mb: float = 1.0
    dp_kb: float = 50.0
    cross_calls: int = 100       # 10 KB documents per timed run of the crossing cost
    cpp_reps: int = 5
    cpp_min_time: float = 0.1
    scale_mb: tuple[float, ...] = (1.0, 10.0, 100.0)
    rss_mb: float = 100.0
    cli_runs: int = 3
    cli_big_mb: float = 1000.0   # the CLI on a 1 GB jsonl file (unless --no-1gb)
    startup_runs: int = 7


QUICK = Sizes(fa_mb=1.0, fa_docs=1000, en_mb=0.5, news_mb=1.0, runs=3, slow_runs=1, hazm_kb=50,
              parsivar_kb=20, sbd_mb=0.1, dp_kb=10, cross_calls=30, cpp_reps=3,
              cpp_min_time=0.05, scale_mb=(0.1, 1.0, 10.0), rss_mb=10.0, cli_runs=1,
              cli_big_mb=100.0, startup_runs=3)

TARGET = dict(normalize_mbs=200.0, vs_hazm=300.0, nfc_vs_icu=1 / 1.5, split_mbs=150.0,
              dates_mbs=30.0, vs_dateparser=1000.0, crossing=2.0, threads=1.8, scale=1.2,
              rss=4.0, import_s=0.150, construct_s=0.005)


# --------------------------------------------------------------------------------------------
# Corpora: the ones bench_sentences / bench_dates / bench_dates_en build, so the competitors'
# workers (which rebuild them from the same arguments) time exactly the same text


@dataclass
class Corpus:
    text: str
    docs: list[str]
    refs: list[Any]      # a document date per document
    label: str

    @property
    def nbytes(self) -> int:
        return utf8_len(self.text)

    @property
    def docs_bytes(self) -> int:
        return sum(utf8_len(d) for d in self.docs)


def worker_args(s: Sizes) -> argparse.Namespace:
    """The arguments the existing benchmark scripts' workers take, for these sizes."""
    return argparse.Namespace(runs=s.runs, mb=s.fa_mb, en_mb=s.en_mb, sbd_mb=s.sbd_mb,
                              slow_runs=s.slow_runs, doc_bytes=s.en_doc_bytes, docs=s.fa_docs,
                              dp_kb=s.dp_kb)


def build_corpora(s: Sizes) -> tuple[dict[str, Corpus], str]:
    """The corpora by name, and why English news (TBAQ) is missing if it is."""
    ns = worker_args(s)
    out = {}
    fa, fa_docs, _, fa_copies = bench_sentences.corpus_for("fa", ns)
    out["fa"] = Corpus(fa, fa_docs, bench_dates.references(len(fa_docs)),
                       f"UD fa_seraji + fa_perdt dev raw text x{fa_copies}")
    en, en_docs, _, en_copies = bench_sentences.corpus_for("en", ns)
    out["en"] = Corpus(en, en_docs, [REFERENCE_DATE] * len(en_docs),
                       f"UD en_ewt dev raw text x{en_copies}")
    if not bench_dates_en.TBAQ.is_dir():
        return out, f"no TBAQ corpus at {bench_dates_en.TBAQ}"
    try:
        texts, refs, copies = bench_dates_en.corpus(s.news_mb * MB)
    except Exception as e:  # noqa: BLE001  (English dates are then reported as not measured)
        return out, f"cannot read TBAQ with bench_dates_en.corpus: {type(e).__name__}: {e}"
    out["en_news"] = Corpus("\n\n".join(texts), texts, refs, f"TempEval-3 TBAQ news text x{copies}")
    return out, ""


def doc_10k(text: str) -> str:
    """The ~10 KB document of the crossing-cost rows: the text's first <= 10,000 UTF-8 bytes,
    cut at the last space (sokhan_bench reads it from the *_10k.txt file written here)."""
    b = text.encode("utf-8")[:10_000]
    return b[:b.rfind(b" ")].decode("utf-8")


def write_corpus_dir(corpora: dict[str, Corpus], where: Path) -> None:
    """fa.txt, en.txt, en_news.txt and their *_10k.txt: what sokhan_bench --corpus=DIR reads."""
    where.mkdir(parents=True, exist_ok=True)
    for name, c in corpora.items():
        (where / f"{name}.txt").write_text(c.text, encoding="utf-8")
        (where / f"{name}_10k.txt").write_text(doc_10k(c.text), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# This script's own competitor workers (run in build/bench-venv; never import sokhan)


def worker(name: str, path: str, runs: int) -> None:
    """--worker parsivar|icu-nfc: time the tool on the input file, print JSON."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    whole, docs = data["whole"], data.get("docs", [])
    if name == "parsivar":
        from parsivar import Normalizer as ParsivarNormalizer

        fn = ParsivarNormalizer().normalize
        version = f"parsivar {dist_version('parsivar')}"
    else:
        import icu

        fn = icu.Normalizer2.getNFCInstance().normalize
        version = f"PyICU {icu.VERSION}, ICU {icu.ICU_VERSION}"
    out = {"version": version, "executable": sys.executable,
           "whole": time_runs(lambda: fresh(whole), fn, runs)}
    if docs:
        out["docs"] = time_runs(lambda: [fresh(d) for d in docs], lambda ds: [fn(d) for d in ds],
                                runs)
    print(json.dumps(out))


def run_own_worker(name: str, module: str, whole: str, docs: Sequence[str], runs: int,
                   tmp: Path) -> tuple[dict | None, str]:
    """Runs ``run.py --worker name`` in an interpreter that can import ``module``: (JSON, "")
    or (None, why not)."""
    exe, why = python_with(module, "SOKHAN_BENCH_PYTHON")
    if exe is None:
        return None, f"not importable ({why})"
    path = tmp / f"{name}-input.json"
    path.write_text(json.dumps({"whole": whole, "docs": list(docs)}, ensure_ascii=False),
                    encoding="utf-8")
    out, err = run_worker([exe, str(RUN_PY), "--worker", name, "--input",
                           str(path), "--runs", str(runs)])
    path.unlink()
    if out is None:
        return None, "run failed: " + " ".join(err.strip().splitlines()[-2:])
    return out, ""


# --------------------------------------------------------------------------------------------
# The suite


class Suite:
    """One run's corpora and results: the sections (suite_tasks, suite_scale) add table rows,
    target lines and text blocks to ``rep`` through the helpers below."""

    def __init__(self, args: argparse.Namespace, sizes: Sizes, sokhan: Any, tmp: Path):
        self.args, self.s, self.sokhan, self.tmp = args, sizes, sokhan, tmp
        self.rep = Report(header=[])
        self.notes: list[str] = []
        self.c, self.news_why = build_corpora(sizes)
        self.corpus_dir = tmp / "corpus"
        write_corpus_dir(self.c, self.corpus_dir)
        self.cpp: dict[str, list[lim.CppRun]] = {}
        self.cpp_why = ""
        self.versions: dict[str, str] = {}
        self._big_docs: list[str] | None = None

    # ---- helpers

    def add(self, task: str, lang: str, system: str, row: Row | None, **kw: Any) -> Entry:
        e = Entry(task, lang, system, row, **kw)
        self.rep.entries.append(e)
        return e

    def time(self, name: str, nbytes: int, make_input: Callable[[], Any],
             fn: Callable[[Any], Any], runs: int | None = None) -> Row:
        return measure(name, nbytes, make_input, fn, runs or self.s.runs)

    def kernel(self, task: str, lang: str, bench: str, note: str) -> None:
        """The C++ kernel alone (sokhan_bench, wall time) as a row of the table."""
        runs = self.cpp.get(bench)
        if not runs:
            self.add(task, lang, "C++ kernel alone (sokhan_bench)", None, kind="kernel",
                     note=self.cpp_why or f"{bench} not measured")
            return
        nbytes = int(runs[0].nbytes)
        self.add(task, lang, "C++ kernel alone (sokhan_bench)",
                 Row(bench, nbytes, [r.real for r in runs]), kind="kernel",
                 note=f"{bench}: {note}")

    def section(self, title: str, lines: list[str]) -> None:
        self.rep.sections.append((title, lines))

    def target(self, t: Target) -> None:
        self.rep.targets.append(t)

    # ---- C++ micro-benchmarks (the kernel rows and the crossing cost)

    def run_cpp(self) -> None:
        binary = Path(self.args.cpp_bench)
        if not binary.exists():
            self.cpp_why = f"no {binary}: run `make bench-cpp` first"
            return
        if lim.cpp_bench_is_stale(binary):
            self.notes.append(f"{binary} is older than the C++ sources in cpp/: rebuild it "
                              "(`make bench-cpp`), or the kernel rows time older code")
        print("  running sokhan_bench ...", file=sys.stderr, flush=True)
        self.cpp = lim.run_cpp_bench(binary, self.corpus_dir, CPP_ROWS, self.s.cpp_reps,
                                     self.s.cpp_min_time)

    def cpp_cpu(self, bench: str) -> float | None:
        """Median CPU seconds per iteration of a sokhan_bench benchmark, None if not run."""
        runs = self.cpp.get(bench)
        return lim.median([r.cpu for r in runs]) if runs else None

    def big_corpus(self, mb: float) -> str:
        """The first ~``mb`` MB of whole documents of one large Persian corpus (~1 KB documents,
        built once at the largest size any section asks for), so every size is the same text."""
        if self._big_docs is None:
            top = max(*self.s.scale_mb, self.s.rss_mb)
            _, self._big_docs, _, _ = build_corpus(bench_sentences.FA_FILES, int(top * MB),
                                                   docs_wanted=int(top * 1000))
        return "\n\n".join(slice_docs(self._big_docs, mb * MB))
