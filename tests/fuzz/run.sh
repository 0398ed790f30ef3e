#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan + UBSan, library instrumented too) in build/fuzz
# and runs each in turn on its seed corpus.
#
# Usage: bash tests/fuzz/run.sh [SECONDS] [HARNESS...]
#   SECONDS  fuzzing time per harness (default 30). 0 only replays the checked-in corpus (every
#            seed and every saved crash-* input once): a plain regression test.
#   HARNESS  fuzz_unicode_normalize fuzz_normalizer fuzz_sentences fuzz_dates (default: all)
#
# New inputs go to a temporary directory, never into tests/fuzz/corpus. A finding (crash,
# sanitizer report, broken invariant, leak, timeout over 10 s, more than 2 GB) stops that harness,
# leaves the input in build/fuzz/artifacts/<harness>/ and makes the script exit non-zero after
# the remaining harnesses ran. Logs: build/fuzz/logs/<harness>.log.
#
# KEEP_GOING=1 fuzzes on after a finding (libFuzzer's -fork=1 -ignore_crashes=1: one child process
# at a time, restarted after each crash) and collects every finding; the exit status is still
# non-zero when there was one. Use it for long runs while a known bug is not fixed yet.
#
# FUZZ_SEED=N makes a run repeatable (libFuzzer's -seed): CI's smoke run uses it.
#
# FUZZ_OUT=DIR keeps the inputs the run found in DIR/<harness>/ (default: a temporary directory,
# removed afterwards).
#
# To reproduce a finding: build/fuzz/tests/fuzz/<harness> <input file>
# To minimize it:         build/fuzz/tests/fuzz/<harness> -minimize_crash=1 -runs=20000 <input file>
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SECONDS_EACH=${1:-30}
shift || true
HARNESSES=("$@")
if [[ ${#HARNESSES[@]} -eq 0 ]]; then
  HARNESSES=(fuzz_unicode_normalize fuzz_normalizer fuzz_sentences fuzz_dates)
fi
if ! [[ "$SECONDS_EACH" =~ ^[0-9]+$ ]]; then
  echo "run.sh: SECONDS must be a whole number, got '$SECONDS_EACH'" >&2
  exit 2
fi

BUILD="$ROOT/build/fuzz"
JOBS=${JOBS:-2}
# The project's venv has cmake and ninja (make venv); fall back to the system's.
[[ -d "$ROOT/.venv/bin" ]] && export PATH="$ROOT/.venv/bin:$PATH"
for tool in clang clang++ cmake; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "run.sh: $tool not found; the fuzzers need clang with libFuzzer " \
         "(Debian/Ubuntu: apt-get install clang libclang-rt-14-dev)" >&2
    exit 2
  fi
done
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
if [[ ! -f "$BUILD/CMakeCache.txt" ]]; then
  CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSOKHAN_BUILD_FUZZERS=ON -DSOKHAN_BUILD_TESTS=OFF -DSOKHAN_BUILD_PYTHON=OFF >/dev/null
fi
cmake --build "$BUILD" -j "$JOBS" --target "${HARNESSES[@]}"

mkdir -p "$BUILD/logs"
# Sanitizer findings must stop the run (halt_on_error) and show where they came from.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
for h in "${HARNESSES[@]}"; do
  bin="$BUILD/tests/fuzz/$h"
  seeds="$ROOT/tests/fuzz/corpus/$h"
  artifacts="$BUILD/artifacts/$h"
  log="$BUILD/logs/$h.log"
  mkdir -p "$artifacts"
  before=$(find "$artifacts" -type f | wc -l)
  common=(-max_len=4096 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts/")
  # The words the rules look for (make_seeds.py writes them from cpp/data).
  [[ -f "$ROOT/tests/fuzz/$h.dict" ]] && common+=(-dict="$ROOT/tests/fuzz/$h.dict")
  # FUZZ_SEED fixes libFuzzer's random seed: the same inputs in the same order on every run (CI).
  [[ -n "${FUZZ_SEED:-}" ]] && common+=(-seed="$FUZZ_SEED")
  status=0
  if [[ "$SECONDS_EACH" -eq 0 ]]; then
    # Files as arguments: libFuzzer runs each once and stops at the first failure.
    files=("$seeds"/*)
    "$bin" "${common[@]}" "${files[@]}" >"$log" 2>&1 || status=$?
    summary="replayed ${#files[@]} inputs"
  else
    if [[ -n "${FUZZ_OUT:-}" ]]; then
      scratch="$FUZZ_OUT/$h"
      mkdir -p "$scratch"
    else
      scratch=$(mktemp -d "${TMPDIR:-/tmp}/sokhan-fuzz-$h.XXXXXX")
    fi
    mode=(-print_final_stats=1)
    [[ "${KEEP_GOING:-0}" == 1 ]] && mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
    # The first directory receives new inputs; the seeds are only read.
    "$bin" "${common[@]}" "${mode[@]}" -max_total_time="$SECONDS_EACH" \
      "$scratch" "$seeds" >"$log" 2>&1 || status=$?
    [[ -z "${FUZZ_OUT:-}" ]] && rm -rf "$scratch"
    if [[ "${KEEP_GOING:-0}" == 1 ]]; then
      summary=$(grep -E '^#[0-9]+: cov' "$log" | tail -1 || true)
    else
      summary=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
      summary="${summary:-no DONE line} | $(grep -E '^Done [0-9]+ runs' "$log" | tail -1 || true)"
    fi
  fi
  found=$(( $(find "$artifacts" -type f | wc -l) - before ))
  [[ $status -eq 0 && $found -gt 0 ]] && status=1
  if [[ $status -ne 0 ]]; then
    failed+=("$h")
    echo "FAIL $h (exit $status, $found new findings): see $log; inputs in $artifacts/" >&2
    pattern='sokhan fuzz invariant|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error'
    if [[ "${KEEP_GOING:-0}" == 1 ]]; then
      # The children's reports are not in the log: replay the findings for their first line.
      for f in "$artifacts"/*; do
        "$bin" "$f" 2>&1 | grep -a -m1 -E "$pattern" | sed -E 's/==[0-9]+== //; s/, option bytes.*//' || true
      done | sort | uniq -c | sort -rn | head -10 >&2
    else
      grep -a -E "$pattern" "$log" | sed -E 's/==[0-9]+== //' | head -5 >&2 || true
    fi
  else
    echo "ok   $h: $summary"
  fi
done

if [[ ${#failed[@]} -ne 0 ]]; then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
