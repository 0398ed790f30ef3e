#!/usr/bin/env python3
"""Throughput of sokhan's normalization against hazm and a memory-speed reference.

Builds a >= 10 MB Persian corpus from the UD Persian dev files in ../shared/data/ud/ and prints
one table of MB/s (10^6 UTF-8 bytes of *input* per second; median of several runs, min-max
spread) for:

- ``sokhan.Normalizer().normalize`` (default options) on the whole corpus at once, per document
  (~10k documents of ~1 KB) and per sentence, in a Python loop;
- the same with every option on (digits="persian", extra_letters, ellipsis, repeated_letters);
- ``Normalizer().normalize_aligned``;
- ``Normalizer().normalize_many`` with threads=1 and threads=2 over the documents;
- ``sokhan.unicode_normalize(text, "NFC")``;
- ``s.encode().decode()``: a UTF-8 round trip, the memory-speed reference;
- ``normalize`` with every option off: sokhan's binding floor (str -> UTF-8 -> str);
- hazm's ``Normalizer().normalize`` on a ~200 KB slice (hazm is slow).

hazm is taken from the running interpreter if it is importable, otherwise from the separate
venv build/bench-venv (run there in a subprocess; override with SOKHAN_BENCH_HAZM_PYTHON).
hazm 0.10.0 pins numpy==1.24.3 and pulls in scipy, gensim, scikit-learn, nltk and fasttext
(~400 MB), so it is kept out of the development .venv. See benchmarks/README.md.

    .venv/bin/python benchmarks/bench_normalize.py [--runs 7] [--mb 10] [--hazm-kb 200]

A benchmark, not a test: it always exits 0 when it could measure, whether or not targets are met.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gc
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Sequence

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
UD_TEXT = SHARED / "tools" / "ud_text.py"
UD_FILES = [
    SHARED / "data" / "ud" / "fa_seraji-ud-dev.conllu",
    SHARED / "data" / "ud" / "fa_perdt-ud-dev.conllu",
]
BENCH_VENV_PYTHON = REPO / "build" / "bench-venv" / "bin" / "python"

MB = 1e6  # MB/s means 10^6 bytes of UTF-8 input per second

TARGET_NORMALIZE_MBS = 200.0
TARGET_ALIGNED_MBS = 100.0
TARGET_VS_HAZM = 300.0

FULL_PROFILE = dict(digits="persian", extra_letters=True, ellipsis=True, repeated_letters=True)
# Every option off: normalize only converts str -> UTF-8 -> str, the floor under any profile.
NOTHING = dict(unicode_form=None, persian_letters=False, extra_letters=False, digits="keep",
               diacritics="keep", kashida=False, zwnj=False, repair_compounds=False,
               spacing=False, punctuation="keep", ellipsis=False, repeated_letters=False)


# --------------------------------------------------------------------------------------------
# Corpus


def load_ud_text():
    spec = importlib.util.spec_from_file_location("ud_text", UD_TEXT)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def utf8_len(s: str) -> int:
    return len(s.encode("utf-8"))


def build_corpus(min_bytes: int, docs_wanted: int) -> tuple[str, list[str], list[str], int]:
    """The corpus as (text, documents, sentences, copies of the UD text).

    The raw text of the two UD files (ud_text.build_text), concatenated and repeated until the
    corpus has at least ``min_bytes`` UTF-8 bytes. The UD files have no paragraph marks, so the
    repeated sentence stream is cut into ~``docs_wanted`` documents of consecutive sentences
    (joined by " ", as in the raw text); the corpus is the documents joined by a blank line.
    """
    ud = load_ud_text()
    sentences: list[str] = []
    for path in UD_FILES:
        text, spans = ud.build_text(ud.read_conllu(str(path)))
        sentences.extend(text[a:b] for a, b in spans)
    one_copy = sum(utf8_len(s) + 1 for s in sentences)
    copies = -(-min_bytes // one_copy) + 1  # enough even after the separators change
    stream = sentences * copies
    total = sum(utf8_len(s) + 1 for s in stream)
    doc_bytes = total / docs_wanted
    docs: list[str] = []
    cur: list[str] = []
    done = 0  # bytes so far; a document ends where this passes the next multiple of doc_bytes
    for s in stream:
        cur.append(s)
        done += utf8_len(s) + 1
        if done >= (len(docs) + 1) * doc_bytes:
            docs.append(" ".join(cur))
            cur = []
    if cur:
        docs.append(" ".join(cur))
    corpus = "\n\n".join(docs)
    assert utf8_len(corpus) >= min_bytes
    return corpus, docs, stream, copies


def fresh(s: str) -> str:
    """An equal str object with no cached UTF-8 form.

    CPython caches a str's UTF-8 bytes the first time C code asks for them (sokhan's bindings
    do), so repeating a call on one str object would skip that conversion after the first run.
    Every timed run gets fresh objects, as a pipeline reading new text would.
    """
    return s.encode("utf-8").decode("utf-8")


# --------------------------------------------------------------------------------------------
# Timing


def time_runs(make_input: Callable[[], object], fn: Callable[[object], object], runs: int,
              warmup: int = 1) -> list[float]:
    """Seconds of ``fn(input)`` for ``runs`` runs, each on a fresh input made outside the clock."""
    times = []
    for k in range(warmup + runs):
        arg = make_input()
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            result = fn(arg)
            dt = time.perf_counter() - t0
        finally:
            gc.enable()
        del result, arg
        if k >= warmup:
            times.append(dt)
    return times


class Row:
    def __init__(self, name: str, nbytes: int, times: Sequence[float], note: str = ""):
        self.name = name
        self.nbytes = nbytes
        self.times = list(times)
        self.note = note

    @property
    def median(self) -> float:
        return self.nbytes / statistics.median(self.times) / MB

    @property
    def low(self) -> float:
        return self.nbytes / max(self.times) / MB

    @property
    def high(self) -> float:
        return self.nbytes / min(self.times) / MB


def fmt_mbs(x: float) -> str:
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


# --------------------------------------------------------------------------------------------
# hazm, in this interpreter or in build/bench-venv


def hazm_worker(path: str, runs: int) -> None:
    """--hazm-worker mode: time hazm on the slice in ``path``; print JSON; import no sokhan."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    import hazm
    from hazm import Normalizer as HazmNormalizer

    normalizer = HazmNormalizer()
    whole: str = data["whole"]
    docs: list[str] = data["docs"]
    out = {
        "version": getattr(hazm, "__version__", None) or _dist_version("hazm"),
        "python": platform.python_version(),
        "executable": sys.executable,
        "whole": time_runs(lambda: fresh(whole), normalizer.normalize, runs),
        "docs": time_runs(lambda: [fresh(d) for d in docs],
                          lambda ds: [normalizer.normalize(d) for d in ds], runs),
    }
    print(json.dumps(out))


def _dist_version(name: str) -> str:
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:  # noqa: BLE001
        return "?"


def hazm_python() -> str | None:
    """An interpreter that can import hazm: this one, SOKHAN_BENCH_HAZM_PYTHON or the bench venv."""
    if importlib.util.find_spec("hazm") is not None:
        return sys.executable
    candidates = [os.environ.get("SOKHAN_BENCH_HAZM_PYTHON"), str(BENCH_VENV_PYTHON)]
    for exe in candidates:
        if not exe or not Path(exe).exists():
            continue
        ok = subprocess.run([exe, "-c", "import hazm"], capture_output=True).returncode == 0
        if ok:
            return exe
    return None


def measure_hazm(whole: str, docs: list[str], runs: int) -> dict | None:
    exe = hazm_python()
    if exe is None:
        print(
            "hazm is not importable here, nor in build/bench-venv: skipping the hazm rows.\n"
            "  To measure it (hazm 0.10.0 pins numpy==1.24.3 and is ~400 MB with its dependencies,\n"
            "  so it lives in its own venv):\n"
            f"    python3 -m venv {REPO / 'build/bench-venv'}\n"
            f"    {REPO / 'build/bench-venv/bin/pip'} install hazm\n"
            "  or `pip install hazm` into the interpreter running this script.\n",
            file=sys.stderr,
        )
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "slice.json"
        path.write_text(json.dumps({"whole": whole, "docs": docs}, ensure_ascii=False),
                        encoding="utf-8")
        # Always a subprocess, even when this interpreter has hazm: its heavy imports (numpy,
        # scipy, nltk, gensim) stay out of the process that times sokhan.
        proc = subprocess.run(
            [exe, str(Path(__file__).resolve()), "--hazm-worker", str(path), "--runs", str(runs)],
            capture_output=True, text=True,
        )
    if proc.returncode != 0:
        print(f"hazm run failed with {exe}:\n{proc.stderr}", file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------------
# Machine


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def cpu_mhz() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("cpu MHz"):
                return line.split(":", 1)[1].strip().split(".")[0] + " MHz"
    except OSError:
        pass
    return "?"


def source_tree() -> str:
    """The repository's commit (and whether it has local changes), or "" outside git."""
    try:
        rev = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=10)
        if rev.returncode != 0:
            return ""
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "cpp",
                                "python", "cmake", "CMakeLists.txt", "pyproject.toml"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return rev.stdout.strip() + (" + uncommitted changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return ""


def machine_ticks() -> tuple[int, int] | None:
    """(total, idle) clock ticks of all CPUs since boot, from /proc/stat; None if unknown."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    return sum(fields[:8]), fields[3] + fields[4]  # idle + iowait count as idle


def other_work_since(start: tuple[int, int] | None, own_start: float) -> float | None:
    """Percent of the machine used by other processes since ``start`` (ticks) and ``own_start``
    (this process's and its children's CPU seconds)."""
    end = machine_ticks()
    if start is None or end is None:
        return None
    hz = os.sysconf("SC_CLK_TCK")
    total = end[0] - start[0]
    busy = total - (end[1] - start[1])
    own = (own_cpu_seconds() - own_start) * hz
    return max(0.0, 100.0 * (busy - own) / max(1, total))


def own_cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def cpu_busy(seconds: float = 1.0) -> float | None:
    """Percent of all CPUs not idle over ``seconds`` (from /proc/stat), None if unknown."""
    first = machine_ticks()
    time.sleep(seconds)
    second = machine_ticks()
    if first is None or second is None:
        return None
    return 100.0 * (1 - (second[1] - first[1]) / max(1, second[0] - first[0]))


def cores() -> str:
    logical = os.cpu_count() or 0
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = logical
    return f"{logical} logical CPUs ({usable} usable by this process)"


# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="timed runs per row (>= 5; default 7)")
    ap.add_argument("--mb", type=float, default=10.0, help="minimum corpus size in MB (default 10)")
    ap.add_argument("--docs", type=int, default=10_000, help="documents to cut the corpus into")
    ap.add_argument("--hazm-kb", type=float, default=200.0, help="size of hazm's slice in KB")
    ap.add_argument("--hazm-worker", metavar="FILE", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.hazm_worker:
        hazm_worker(args.hazm_worker, args.runs)
        return 0

    runs = max(5, args.runs)
    missing = [p for p in [UD_TEXT, *UD_FILES] if not p.exists()]
    if missing:
        print("sokhan benchmark: the development data is not here, nothing to measure.\n"
              f"  expected {SHARED} (the project's ../shared) with:\n"
              + "".join(f"    {p}\n" for p in missing)
              + "  (it is only present on the development machine; see ../shared/data/README.md)")
        return 0

    try:
        import sokhan
    except ImportError as e:
        print(f"cannot import sokhan with {sys.executable}: {e}\n"
              "  run the benchmark with the development venv (`make install` first):\n"
              "    .venv/bin/python benchmarks/bench_normalize.py\n"
              "  (it finds hazm in build/bench-venv by itself), or install sokhan into this\n"
              "  interpreter; benchmarks/README.md shows how.", file=sys.stderr)
        return 1

    min_bytes = int(args.mb * MB)
    corpus, docs, sentences, copies = build_corpus(min_bytes, args.docs)
    corpus_bytes = utf8_len(corpus)
    docs_bytes = sum(utf8_len(d) for d in docs)
    sents_bytes = sum(utf8_len(s) for s in sentences)

    # hazm's slice: whole documents from the start of the corpus, ~hazm_kb KB.
    hz_docs: list[str] = []
    hz_bytes = 0
    for d in docs:
        if hz_bytes >= args.hazm_kb * 1000:
            break
        hz_docs.append(d)
        hz_bytes += utf8_len(d)
    hz_whole = "\n\n".join(hz_docs)
    hz_whole_bytes = utf8_len(hz_whole)

    now = _dt.datetime.now().astimezone()
    print("sokhan normalization benchmark")
    print(f"  date     {now.isoformat(timespec='seconds')}")
    print(f"  machine  {cpu_model()}, {cpu_mhz()}, {cores()}")
    busy = cpu_busy()
    if busy is not None:
        warn = "  (other work is running: numbers may be low)" if busy > 10 else ""
        print(f"  busy     {busy:.0f}% of all CPUs in use by other work in the second before "
              f"the run{warn}")
    print(f"  system   {platform.platform()}")
    print(f"  python   {platform.python_version()} ({sys.executable})")
    tree = source_tree()
    where = Path(sokhan.__file__).resolve().parent
    print(f"  sokhan   {sokhan.__version__} ({where})"
          + (f"; source tree at {tree}" if tree else ""))
    if not str(where).startswith(str(REPO / ".venv")):
        print("           (not the development .venv: check this copy is built from that tree)")
    print(f"  corpus   {corpus_bytes / MB:.2f} MB UTF-8, {len(corpus):,} code points: "
          f"UD fa_seraji + fa_perdt dev raw text x{copies}, "
          f"{len(docs):,} documents (avg {docs_bytes / len(docs):,.0f} B), "
          f"{len(sentences):,} sentences (avg {sents_bytes / len(sentences):,.0f} B)")
    print(f"  timing   median of {runs} runs (after 1 warm-up), spread = slowest-fastest run; "
          "MB/s = 10^6 input bytes/s; fresh str objects every run")
    print(flush=True)

    default = sokhan.Normalizer()
    full = sokhan.Normalizer(**FULL_PROFILE)
    ticks0, own0 = machine_ticks(), own_cpu_seconds()

    # Sanity: the batch API gives what the loop gives.
    sample = docs[:200]
    if default.normalize_many(sample, threads=2) != [default.normalize(d) for d in sample]:
        print("WARNING: normalize_many(docs) differs from [normalize(d) for d in docs]\n")

    rows: list[Row] = []

    def add(name: str, nbytes: int, make_input, fn, note: str = "") -> Row:
        row = Row(name, nbytes, time_runs(make_input, fn, runs), note)
        rows.append(row)
        print(f"  measured {name:<46} {fmt_mbs(row.median):>8} MB/s", file=sys.stderr, flush=True)
        return row

    whole_in = lambda: fresh(corpus)  # noqa: E731
    docs_in = lambda: [fresh(d) for d in docs]  # noqa: E731
    sents_in = lambda: [fresh(s) for s in sentences]  # noqa: E731

    def loop(fn):
        return lambda items: [fn(x) for x in items]

    ref = add("sokhan normalize, whole corpus", corpus_bytes, whole_in, default.normalize,
              "default options, one call")
    per_doc = add("sokhan normalize, per document", docs_bytes, docs_in, loop(default.normalize),
                  f"{len(docs):,} calls in a Python loop")
    add("sokhan normalize, per sentence", sents_bytes, sents_in, loop(default.normalize),
        f"{len(sentences):,} calls in a Python loop")
    full_whole = add("sokhan normalize all options on, whole corpus", corpus_bytes, whole_in,
                     full.normalize, "digits=persian, extra_letters, ellipsis, repeated_letters")
    add("sokhan normalize all options on, per document", docs_bytes, docs_in,
        loop(full.normalize), f"{len(docs):,} calls in a Python loop")
    aligned = add("sokhan normalize_aligned, whole corpus", corpus_bytes, whole_in,
                  default.normalize_aligned, "default options")
    add("sokhan normalize_aligned, per document", docs_bytes, docs_in,
        loop(default.normalize_aligned), f"{len(docs):,} calls in a Python loop")
    many1 = add("sokhan normalize_many threads=1", docs_bytes, docs_in,
                lambda ds: default.normalize_many(ds, threads=1), f"{len(docs):,} documents")
    many2 = add("sokhan normalize_many threads=2", docs_bytes, docs_in,
                lambda ds: default.normalize_many(ds, threads=2), f"{len(docs):,} documents")
    add('sokhan unicode_normalize "NFC", whole corpus', corpus_bytes, whole_in,
        lambda s: sokhan.unicode_normalize(s, "NFC"), "ICU, via sokhan")
    add("s.encode().decode() round trip, whole corpus", corpus_bytes, whole_in,
        lambda s: s.encode("utf-8").decode("utf-8"), "memory-speed reference")
    add("sokhan normalize, every option off, whole", corpus_bytes, whole_in,
        sokhan.Normalizer(**NOTHING).normalize, "binding floor: str->UTF-8->str only")

    hazm = measure_hazm(hz_whole, hz_docs, runs)
    hazm_whole = hazm_docs = None
    if hazm is not None:
        hazm_whole = Row(f"hazm {hazm['version']} Normalizer().normalize, whole slice",
                         hz_whole_bytes, hazm["whole"], f"{hz_whole_bytes / 1000:.0f} KB slice")
        hazm_docs = Row(f"hazm {hazm['version']} Normalizer().normalize, per document",
                        sum(utf8_len(d) for d in hz_docs), hazm["docs"],
                        f"{len(hz_docs)} calls")
        rows += [hazm_whole, hazm_docs]

    other = other_work_since(ticks0, own0)

    # ---- the table
    name_w = max(len(r.name) for r in rows)
    header = (f"{'system':<{name_w}}  {'MB/s':>8}  {'spread (min-max)':>17}  "
              f"{'x normalize':>11}  notes")
    print(header)
    print("-" * len(header) + "-" * 30)
    for r in rows:
        spread = f"{fmt_mbs(r.low)}-{fmt_mbs(r.high)}"
        ratio = r.median / ref.median
        ratio_s = f"{ratio:.3f}" if ratio < 0.1 else f"{ratio:.2f}"
        print(f"{r.name:<{name_w}}  {fmt_mbs(r.median):>8}  {spread:>17}  {ratio_s:>11}  {r.note}")
    print()
    print(f"normalize_many speed-up, threads=2 vs threads=1: {many2.median / many1.median:.2f}x")
    if hazm is not None:
        print(f"hazm ran in {hazm['executable']} (python {hazm['python']})")
    if other is not None:
        print(f"other processes used {other:.1f}% of the machine during the measurements"
              + ("  (above ~5%: numbers, above all threads=2, are not reliable)" if other > 5 else ""))
    print()

    # ---- the targets
    def check(label: str, value: float, target: float, unit: str) -> None:
        ok = value >= target
        print(f"  {label:<52} {value:>9.1f}{unit:<5} target >= {target:g}{unit:<5} "
              f"{'met' if ok else 'NOT MET'}")

    print("targets (issue 3, 'Speed'):")
    check("normalize, default, whole corpus", ref.median, TARGET_NORMALIZE_MBS, " MB/s")
    check("normalize, default, per document", per_doc.median, TARGET_NORMALIZE_MBS, " MB/s")
    check("normalize, all options on, whole corpus", full_whole.median, TARGET_NORMALIZE_MBS,
          " MB/s")
    check("normalize_aligned, whole corpus", aligned.median, TARGET_ALIGNED_MBS, " MB/s")
    if hazm_whole is not None and hazm_docs is not None:
        check(f"normalize / hazm, whole ({corpus_bytes / MB:.0f} MB vs {hz_whole_bytes / 1000:.0f} KB)",
              ref.median / hazm_whole.median,
              TARGET_VS_HAZM, "x")
        check("normalize / hazm, per document", per_doc.median / hazm_docs.median,
              TARGET_VS_HAZM, "x")
    else:
        print("  normalize / hazm                                      skipped (hazm not installed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
