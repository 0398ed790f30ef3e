"""run.py's measurements that need a process of their own: peak RSS, import and construction
time, the CLI, and the C++ micro-benchmarks (sokhan_bench).

Peak RSS is read the way the issue asks, with resource.getrusage(RUSAGE_CHILDREN) in a small
wrapper process around the measured one, so every figure belongs to exactly one process (the
children's maximum is a maximum over all children ever waited for, so the suite's own process
cannot use it twice).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from common import REPO

CPP_BENCH = REPO / "build" / "bench-cpp" / "benchmarks" / "cpp" / "sokhan_bench"

# Runs argv[2:] with its stdout going to the file argv[1]; prints the child's peak RSS (KiB on
# Linux), exit status and wall time as JSON.
_RSS_WRAPPER = """\
import json, resource, subprocess, sys, time
t = time.perf_counter()
with open(sys.argv[1], "wb") as out:
    p = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.PIPE)
print(json.dumps({"rc": p.returncode, "seconds": time.perf_counter() - t,
                  "maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "stderr": p.stderr.decode("utf-8", "replace")[-2000:]}))
"""


@dataclass
class Measured:
    """A process run under the RSS wrapper."""

    rc: int
    seconds: float
    peak_bytes: int
    stderr: str
    stdout_path: Path | None


def run_with_peak_rss(cmd: Sequence[str], stdout_to: Path | None = None) -> Measured:
    """Runs ``cmd`` in a wrapper process; its stdout goes to ``stdout_to`` (or /dev/null)."""
    out = str(stdout_to) if stdout_to is not None else os.devnull
    proc = subprocess.run([sys.executable, "-c", _RSS_WRAPPER, out, *cmd], capture_output=True,
                          text=True, check=True)
    d = json.loads(proc.stdout.strip().splitlines()[-1])
    return Measured(d["rc"], d["seconds"], d["maxrss_kib"] * 1024, d["stderr"], stdout_to)


# --------------------------------------------------------------------------------------------
# Peak RSS of one sokhan call on a big input (the child side runs as run.py --rss-child)

RSS_OPS = ("normalize", "split", "dates")


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return -1


def rss_child(op: str, path: str) -> None:
    """--rss-child mode: read the text, run one call on it, print JSON (RSS before, time)."""
    import sokhan  # before the input: its tables belong to the baseline

    calls = {
        "normalize": lambda s: sokhan.Normalizer().normalize(s),
        "split": lambda s: sokhan.split_sentences(s),
        "dates": lambda s: sokhan.extract_dates(s, reference="2015-11-25"),
    }
    with open(path, encoding="utf-8") as f:
        text = f.read()
    before = {"rss_kib": _status_kib("VmRSS"), "hwm_kib": _status_kib("VmHWM")}
    t0 = time.perf_counter()
    result = calls[op](text)
    seconds = time.perf_counter() - t0
    print(json.dumps({**before, "seconds": seconds, "after_hwm_kib": _status_kib("VmHWM"),
                      "results": len(result)}))


def peak_rss_of_call(run_py: Path, op: str, path: Path) -> dict:
    """Peak RSS (bytes) of a fresh process that reads ``path`` and runs ``op`` on it once."""
    with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
        m = run_with_peak_rss([sys.executable, str(run_py), "--rss-child", op, str(path)],
                              Path(out.name))
        text = Path(out.name).read_text()
    if m.rc != 0:
        raise RuntimeError(f"--rss-child {op} failed: {m.stderr}")
    child = json.loads(text.strip().splitlines()[-1])
    return {"peak": m.peak_bytes, "before": child["rss_kib"] * 1024,
            "before_hwm": child["hwm_kib"] * 1024, "seconds": child["seconds"]}


# --------------------------------------------------------------------------------------------
# Start-up: import and construction, each in fresh processes

_IMPORT = ("import time; t = time.perf_counter(); import sokhan; "
           "print(time.perf_counter() - t)")
_CONSTRUCT = """\
import json, sys, time
import sokhan
cls = getattr(sokhan, sys.argv[1])
t = time.perf_counter(); cls(); first = time.perf_counter() - t
later = []
for _ in range(200):
    t = time.perf_counter(); cls(); later.append(time.perf_counter() - t)
print(json.dumps({"first": first, "later": sorted(later)[len(later) // 2]}))
"""
CONSTRUCTED = ("Normalizer", "SentenceSplitter", "DateExtractor")


def _python_out(code: str, *argv: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:  # never import from the source tree
        return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True,
                              text=True, check=True, cwd=tmp).stdout.strip().splitlines()[-1]


def import_seconds(runs: int) -> list[float]:
    """``import sokhan`` in ``runs`` fresh interpreters (after one to warm the disk cache)."""
    _python_out(_IMPORT)
    return [float(_python_out(_IMPORT)) for _ in range(runs)]


def construction_seconds(cls: str, runs: int) -> tuple[list[float], list[float]]:
    """(first construction in each of ``runs`` fresh processes, median of the next 200 there)."""
    firsts, later = [], []
    for _ in range(runs):
        d = json.loads(_python_out(_CONSTRUCT, cls))
        firsts.append(d["first"])
        later.append(d["later"])
    return firsts, later


# --------------------------------------------------------------------------------------------
# The command line on jsonl files


def write_jsonl(path: Path, docs: Sequence[str], min_bytes: int) -> tuple[int, int]:
    """{"id": k, "text": doc} lines cycling through ``docs`` until the file has ``min_bytes``;
    returns (records, UTF-8 bytes of the texts)."""
    encoded = [json.dumps(d, ensure_ascii=False) for d in docs]
    cycle_text = sum(len(d.encode("utf-8")) for d in docs)
    records = size = texts = 0
    with open(path, "wb") as f:
        while size < min_bytes:
            chunk = "".join(f'{{"id": {records + k}, "text": {enc}}}\n'
                            for k, enc in enumerate(encoded)).encode("utf-8")
            f.write(chunk)
            size += len(chunk)
            records += len(docs)
            texts += cycle_text
    return records, texts


CLI_ARGS = {
    "normalize": ["normalize"],
    "sentences": ["sentences"],
    "dates": ["dates", "--reference", "2015-11-25"],
}


def cli_command(command: str, path: Path, threads: int) -> list[str]:
    return [sys.executable, "-m", "sokhan", *CLI_ARGS[command], "--input-format", "jsonl",
            "--threads", str(threads), "-q", str(path)]


def cli_seconds(command: str, path: Path, threads: int, runs: int) -> list[float]:
    """Wall time of the CLI on a jsonl file, output to /dev/null (after one warm-up run)."""
    times = []
    for k in range(runs + 1):
        t0 = time.perf_counter()
        subprocess.run(cli_command(command, path, threads), stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, check=True)
        if k:
            times.append(time.perf_counter() - t0)
    return times


# --------------------------------------------------------------------------------------------
# The C++ micro-benchmarks


@dataclass
class CppRun:
    """One repetition of a sokhan_bench benchmark: seconds per iteration and bytes processed."""

    real: float
    cpu: float
    nbytes: float


def run_cpp_bench(binary: Path, corpus_dir: Path, name_filter: str, repetitions: int,
                  min_time: float) -> dict[str, list[CppRun]]:
    """Runs sokhan_bench with JSON output; benchmark name -> its repetitions."""
    proc = subprocess.run(
        [str(binary), f"--corpus={corpus_dir}", f"--benchmark_filter={name_filter}",
         "--benchmark_format=json", f"--benchmark_repetitions={repetitions}",
         f"--benchmark_min_time={min_time}"], capture_output=True, text=True, check=True)
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
    out: dict[str, list[CppRun]] = {}
    for b in json.loads(proc.stdout)["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        k = scale[b.get("time_unit", "ns")]
        cpu = b["cpu_time"] * k
        out.setdefault(b["run_name"], []).append(
            CppRun(b["real_time"] * k, cpu, b.get("bytes_per_second", 0.0) * cpu))
    return out


def cpp_bench_is_stale(binary: Path) -> bool:
    """True when a file of the core (cpp/) changed after the benchmark binary was built."""
    built = binary.stat().st_mtime
    return any(p.stat().st_mtime > built for p in (REPO / "cpp").rglob("*") if p.is_file())


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs)
