"""What bench_normalize.py and bench_sentences.py share: paths, corpus, timing, machine, output.

Kept in one place so that both benchmarks build their corpora, time their runs and describe the
machine the same way, and their numbers stay comparable. Plain functions; imports no sokhan (the
competitor workers import this module in build/bench-venv, where sokhan is not installed).
"""

from __future__ import annotations

import datetime as _dt
import gc
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
UD_TEXT = SHARED / "tools" / "ud_text.py"
UD_DIR = SHARED / "data" / "ud"
BENCH_VENV_PYTHON = REPO / "build" / "bench-venv" / "bin" / "python"

MB = 1e6  # MB/s means 10^6 bytes of UTF-8 input per second


# --------------------------------------------------------------------------------------------
# Corpus


def load_ud_text():
    """../shared/tools/ud_text.py as a module (it is a file, not an installed package)."""
    spec = importlib.util.spec_from_file_location("ud_text", UD_TEXT)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def utf8_len(s: str) -> int:
    return len(s.encode("utf-8"))


def build_corpus(files: Sequence[Path], min_bytes: int, docs_wanted: int | None = None,
                 doc_bytes: int | None = None) -> tuple[str, list[str], list[str], int]:
    """The corpus as (text, documents, sentences, copies of the UD text) for the UD ``files``.

    The raw text of the files (ud_text.build_text), concatenated and repeated until the corpus
    has at least ``min_bytes`` UTF-8 bytes. The UD files have no paragraph marks, so the
    repeated sentence stream is cut into ``docs_wanted`` documents (or documents of about
    ``doc_bytes`` bytes) of consecutive sentences joined by " ", as in the raw text; the corpus
    is the documents joined by a blank line.
    """
    ud = load_ud_text()
    sentences: list[str] = []
    for path in files:
        text, spans = ud.build_text(ud.read_conllu(str(path)))
        sentences.extend(text[a:b] for a, b in spans)
    one_copy = sum(utf8_len(s) + 1 for s in sentences)
    copies = -(-min_bytes // one_copy) + 1  # enough even after the separators change
    stream = sentences * copies
    total = sum(utf8_len(s) + 1 for s in stream)
    if docs_wanted is None:
        assert doc_bytes is not None
        docs_wanted = max(1, round(total / doc_bytes))
    per_doc = total / docs_wanted
    docs: list[str] = []
    cur: list[str] = []
    done = 0  # bytes so far; a document ends where this passes the next multiple of per_doc
    for s in stream:
        cur.append(s)
        done += utf8_len(s) + 1
        if done >= (len(docs) + 1) * per_doc:
            docs.append(" ".join(cur))
            cur = []
    if cur:
        docs.append(" ".join(cur))
    corpus = "\n\n".join(docs)
    assert utf8_len(corpus) >= min_bytes
    return corpus, docs, stream, copies


def slice_docs(docs: list[str], max_bytes: float) -> list[str]:
    """Whole documents from the start, about ``max_bytes`` UTF-8 bytes (for slow competitors)."""
    out: list[str] = []
    n = 0
    for d in docs:
        if n >= max_bytes:
            break
        out.append(d)
        n += utf8_len(d)
    return out


def fresh(s: str) -> str:
    """An equal str object with no cached UTF-8 form.

    CPython caches a str's UTF-8 bytes the first time C code asks for them (sokhan's bindings
    do), so repeating a call on one str object would skip that conversion after the first run.
    Every timed run gets fresh objects, as a pipeline reading new text would.
    """
    return s.encode("utf-8").decode("utf-8")


def missing_data(title: str, paths: Sequence[Path]) -> bool:
    """Say so and return True when the development data is absent (the benchmark then exits 0)."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"{title}: the development data is not here, nothing to measure.\n"
              f"  expected {SHARED} (the project's ../shared) with:\n"
              + "".join(f"    {p}\n" for p in missing)
              + "  (it is only present on the development machine; see ../shared/data/README.md)")
    return bool(missing)


# --------------------------------------------------------------------------------------------
# Timing


def time_runs(make_input: Callable[[], object], fn: Callable[[object], object], runs: int,
              warmup: int = 1, clock: Callable[[], float] = time.perf_counter) -> list[float]:
    """Seconds of ``fn(input)`` for ``runs`` runs, each on a fresh input made outside the clock.

    ``clock`` is wall-clock time unless a caller asks for CPU time (time.process_time), which
    other work on a busy machine disturbs less."""
    times = []
    for k in range(warmup + runs):
        arg = make_input()
        gc.collect()
        gc.disable()  # a collection inside the clock would be noise, not the system's cost
        try:
            t0 = clock()
            result = fn(arg)
            dt = clock() - t0
        finally:
            gc.enable()
        del result, arg
        if k >= warmup:
            times.append(dt)
    return times


class Row:
    """One table row: MB/s as the median and the spread (slowest, fastest) of the runs."""

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


def measure(name: str, nbytes: int, make_input, fn, runs: int, note: str = "",
            tag: str = "") -> Row:
    """Time ``fn`` into a Row, with a progress line on stderr (the table comes at the end)."""
    row = Row(name, nbytes, time_runs(make_input, fn, runs), note)
    print(f"  measured {tag}{name:<46} {fmt_mbs(row.median):>8} MB/s", file=sys.stderr,
          flush=True)
    return row


def fmt_mbs(x: float) -> str:
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def fmt_ratio(x: float, max_digits: int) -> str:
    """2 decimals, one more below 0.1 and below 0.01, up to ``max_digits``: slow rows stay legible."""
    digits = 2
    while digits < max_digits and x < 10 ** (1 - digits):
        digits += 1
    return f"{x:.{digits}f}"


def print_table(rows: Sequence[Row], ref: Row, ratio_label: str, name_w: int,
                max_digits: int) -> None:
    """The speed table: MB/s, spread and the ratio to ``ref`` for every row."""
    header = (f"{'system':<{name_w}}  {'MB/s':>8}  {'spread (min-max)':>17}  "
              f"{ratio_label}  notes")
    print(header)
    print("-" * len(header) + "-" * 30)
    width = len(ratio_label)
    for r in rows:
        spread = f"{fmt_mbs(r.low)}-{fmt_mbs(r.high)}"
        ratio_s = fmt_ratio(r.median / ref.median, max_digits)
        print(f"{r.name:<{name_w}}  {fmt_mbs(r.median):>8}  {spread:>17}  {ratio_s:>{width}}  "
              f"{r.note}")


def make_check(width: int, met: str) -> Callable[..., None]:
    """A function printing one target line: value, target and whether ``met``."""

    def check(label: str, value: float, target: float, unit: str, fmt: str = ".1f") -> None:
        ok = value >= target
        print(f"  {label:<{width}} {value:>9{fmt}}{unit:<5} target >= {target:g}{unit:<5} "
              f"{met if ok else 'NOT MET'}")

    return check


# --------------------------------------------------------------------------------------------
# Competitors in other interpreters (build/bench-venv keeps their dependencies out of .venv)


def dist_version(name: str) -> str:
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:  # noqa: BLE001
        return "?"


def python_with(module: str, env_var: str) -> tuple[str | None, str]:
    """(an interpreter that can import ``module``, why not if None).

    Tried in order: this one, $``env_var``, build/bench-venv. A real import in a subprocess, as
    a package can be present but broken (hazm's numpy pin).
    """
    tried = []
    candidates = [sys.executable, os.environ.get(env_var), str(BENCH_VENV_PYTHON)]
    for exe in candidates:
        if not exe or not Path(exe).exists() or exe in tried:
            continue
        tried.append(exe)
        proc = subprocess.run([exe, "-c", f"import {module}"], capture_output=True, text=True)
        if proc.returncode == 0:
            return exe, ""
        last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "?"
        tried[-1] = f"{exe}: {last}"
    return None, "; ".join(tried) or "no interpreter found"


def run_worker(cmd: Sequence[str]) -> tuple[dict | None, str]:
    """Run a worker subprocess; (the JSON of its last stdout line, "") or (None, its stderr).

    Always a subprocess, even for this interpreter: the competitors' heavy imports (numpy,
    scipy, nltk, ...) stay out of the process that times sokhan.
    """
    proc = subprocess.run(list(cmd), capture_output=True, text=True)
    if proc.returncode != 0:
        return None, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1]), ""


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


def cores() -> str:
    logical = os.cpu_count() or 0
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = logical
    return f"{logical} logical CPUs ({usable} usable by this process)"


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


def own_cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def other_work_since(start: tuple[int, int] | None, own_start: float) -> float | None:
    """Percent of the machine used by other processes since ``start`` (ticks) and ``own_start``
    (this process's and its children's CPU seconds): tells whether the numbers can be trusted."""
    end = machine_ticks()
    if start is None or end is None:
        return None
    hz = os.sysconf("SC_CLK_TCK")
    total = end[0] - start[0]
    busy = total - (end[1] - start[1])
    own = (own_cpu_seconds() - own_start) * hz
    return max(0.0, 100.0 * (busy - own) / max(1, total))


def cpu_busy(seconds: float = 1.0) -> float | None:
    """Percent of all CPUs not idle over ``seconds`` (from /proc/stat), None if unknown."""
    first = machine_ticks()
    time.sleep(seconds)
    second = machine_ticks()
    if first is None or second is None:
        return None
    return 100.0 * (1 - (second[1] - first[1]) / max(1, second[0] - first[0]))


def print_header(title: str, sokhan) -> None:
    """Title, date, machine, load, system, Python and which sokhan: what a number depends on."""
    now = _dt.datetime.now().astimezone()
    print(title)
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


def print_other_work(other: float | None) -> None:
    if other is not None:
        print(f"other processes used {other:.1f}% of the machine during the measurements"
              + ("  (above ~5%: numbers, above all threads=2, are not reliable)" if other > 5 else ""))
