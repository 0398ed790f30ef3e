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
import importlib.util
import json
import platform
import sys
import tempfile
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))  # common.py, also from the repo root

from common import (MB, REPO, UD_DIR, UD_TEXT, Row, build_corpus, dist_version, fresh,  # noqa: E402
                    machine_ticks, make_check, measure, missing_data, other_work_since,
                    own_cpu_seconds, print_header, print_other_work, print_table, python_with,
                    run_worker, slice_docs, time_runs, utf8_len)

UD_FILES = [UD_DIR / "fa_seraji-ud-dev.conllu", UD_DIR / "fa_perdt-ud-dev.conllu"]

TARGET_NORMALIZE_MBS = 200.0
TARGET_ALIGNED_MBS = 100.0
TARGET_VS_HAZM = 300.0

FULL_PROFILE = dict(digits="persian", extra_letters=True, ellipsis=True, repeated_letters=True)
# Every option off: normalize only converts str -> UTF-8 -> str, the floor under any profile.
NOTHING = dict(unicode_form=None, persian_letters=False, extra_letters=False, digits="keep",
               diacritics="keep", kashida=False, zwnj=False, repair_compounds=False,
               spacing=False, punctuation="keep", ellipsis=False, repeated_letters=False)


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
        "version": getattr(hazm, "__version__", None) or dist_version("hazm"),
        "python": platform.python_version(),
        "executable": sys.executable,
        "whole": time_runs(lambda: fresh(whole), normalizer.normalize, runs),
        "docs": time_runs(lambda: [fresh(d) for d in docs],
                          lambda ds: [normalizer.normalize(d) for d in ds], runs),
    }
    print(json.dumps(out))


def hazm_python() -> str | None:
    """An interpreter that can import hazm: this one, SOKHAN_BENCH_HAZM_PYTHON or the bench venv."""
    if importlib.util.find_spec("hazm") is not None:
        return sys.executable
    return python_with("hazm", "SOKHAN_BENCH_HAZM_PYTHON")[0]


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
        out, err = run_worker([exe, str(Path(__file__).resolve()), "--hazm-worker", str(path),
                               "--runs", str(runs)])
    if out is None:
        print(f"hazm run failed with {exe}:\n{err}", file=sys.stderr)
    return out


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
    if missing_data("sokhan benchmark", [UD_TEXT, *UD_FILES]):
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
    corpus, docs, sentences, copies = build_corpus(UD_FILES, min_bytes, docs_wanted=args.docs)
    corpus_bytes = utf8_len(corpus)
    docs_bytes = sum(utf8_len(d) for d in docs)
    sents_bytes = sum(utf8_len(s) for s in sentences)

    # hazm's slice: whole documents from the start of the corpus, ~hazm_kb KB.
    hz_docs = slice_docs(docs, args.hazm_kb * 1000)
    hz_whole = "\n\n".join(hz_docs)
    hz_whole_bytes = utf8_len(hz_whole)

    print_header("sokhan normalization benchmark", sokhan)
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
        row = measure(name, nbytes, make_input, fn, runs, note)
        rows.append(row)
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
    print_table(rows, ref, "x normalize", max(len(r.name) for r in rows), max_digits=3)
    print()
    print(f"normalize_many speed-up, threads=2 vs threads=1: {many2.median / many1.median:.2f}x")
    if hazm is not None:
        print(f"hazm ran in {hazm['executable']} (python {hazm['python']})")
    print_other_work(other)
    print()

    # ---- the targets
    check = make_check(52, "met")

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
