#!/usr/bin/env bash
# Packaging check: what a user gets from `pip install sokhan` must pass the Python tests.
#
#   1. `python -m build` makes the sdist, then the wheel FROM THAT SDIST (so a source file
#      missing from the sdist breaks the build here, not on a user's machine);
#   2. the sdist must hold CMakeLists.txt, pyproject.toml, cmake/, cpp/ (with cpp/data),
#      python/sokhan and python/bindings, and none of build/, .venv/;
#   3. the wheel must hold every python/sokhan/*.py, py.typed, _core.pyi and the extension;
#   4. the wheel is installed into a fresh venv in a temporary directory, with the test tools
#      only, and tests/python runs there from another temporary directory, so the tests can
#      only import what the wheel installed.
#
# Usage: bash tests/packaging/check_wheel.sh
# Environment:
#   PYTHON       interpreter that builds (default: .venv/bin/python, else python3); with
#                ISOLATION=no it must have scikit-build-core, pybind11 and build installed
#                (`make venv` does that) and cmake/ninja on PATH (its bin dir is put first).
#   ISOLATION    no (default): `python -m build --no-isolation`, offline, uses PYTHON's
#                packages; yes: build's own isolated env, build deps fetched from the index.
#   TEST_REQS    what the test venv gets besides the wheel (default: pytest, hypothesis, pandas,
#                mypy and pybind11-stubgen, so the pandas, stub-drift and mypy tests run against the
#                wheel too; with only "pytest hypothesis" those skip).
#   JOBS         parallel compile jobs (default 2).
#   KEEP=1       keep the temporary directory (printed) instead of removing it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ -z "${PYTHON:-}" ]]; then
  if [[ -x "$ROOT/.venv/bin/python" ]]; then PYTHON="$ROOT/.venv/bin/python"; else PYTHON=python3; fi
fi
ISOLATION=${ISOLATION:-no}
JOBS=${JOBS:-2}
# shellcheck disable=SC2206
TEST_REQS=(${TEST_REQS:-"pytest>=7" "hypothesis>=6" pandas "mypy>=1.10" "pybind11-stubgen>=2.5"})

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sokhan-wheel.XXXXXX")
if [[ "${KEEP:-0}" == 1 ]]; then
  echo "keeping $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi

T0=$SECONDS
step_start=$SECONDS
declare -a TIMINGS=()
step() { # step NAME: closes the previous step's timing and announces the next
  if [[ -n "${CURRENT:-}" ]]; then
    TIMINGS+=("$(printf '%-44s %5ds' "$CURRENT" $((SECONDS - step_start)))")
    echo "   ($((SECONDS - step_start))s)"
  fi
  CURRENT=$1
  step_start=$SECONDS
  [[ -n "$1" ]] && echo "== $1"
  return 0
}
fail() { echo "check_wheel: FAIL after $((SECONDS - T0))s ($CURRENT): $*" >&2; exit 1; }

# --- 1. build ------------------------------------------------------------------------------
step "build sdist + wheel (isolation=$ISOLATION)"
BUILD_ARGS=(--outdir "$WORK/dist")
[[ "$ISOLATION" == no ]] && BUILD_ARGS+=(--no-isolation)
PY_BIN=$(dirname "$("$PYTHON" -c 'import sys; print(sys.executable)')")
# Without isolation scikit-build-core needs cmake and ninja: the build venv's come first.
# -P: the repository's own build/ directory must not shadow the `build` package.
PATH="$PY_BIN:$PATH" CMAKE_BUILD_PARALLEL_LEVEL=$JOBS \
  "$PYTHON" -P -m build "${BUILD_ARGS[@]}" "$ROOT" >"$WORK/build.log" 2>&1 \
  || { tail -n 60 "$WORK/build.log" >&2; fail "python -m build failed (log above)"; }
SDIST=$(ls "$WORK"/dist/sokhan-*.tar.gz 2>/dev/null | head -n 1)
WHEEL=$(ls "$WORK"/dist/sokhan-*.whl 2>/dev/null | head -n 1)
[[ -n "$SDIST" ]] || fail "no sdist in $WORK/dist"
[[ -n "$WHEEL" ]] || fail "no wheel in $WORK/dist"
echo "   $(basename "$SDIST") $(du -h "$SDIST" | cut -f1), $(basename "$WHEEL") $(du -h "$WHEEL" | cut -f1)"

# --- 2. and 3. contents --------------------------------------------------------------------
step "check sdist and wheel contents"
"$PYTHON" - "$ROOT" "$SDIST" "$WHEEL" <<'EOF'
import sys, tarfile, zipfile
from pathlib import Path

root, sdist, wheel = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
problems = []

with tarfile.open(sdist) as tf:
    names = tf.getnames()
top = names[0].split("/")[0]
rel = {n[len(top) + 1:] for n in names if n.startswith(top + "/")}
def has_dir(d):
    return any(n.startswith(d + "/") for n in rel)
for f in ("CMakeLists.txt", "pyproject.toml", "README.md", "PKG-INFO"):
    if f not in rel:
        problems.append(f"sdist lacks {f}")
for d in ("cmake", "cpp", "cpp/data", "python/sokhan", "python/bindings"):
    if not has_dir(d):
        problems.append(f"sdist lacks {d}/")
for d in ("build", ".venv", ".git"):
    if has_dir(d):
        problems.append(f"sdist holds {d}/ (should be excluded)")
# Every file git tracks under these folders must be in the sdist.
import subprocess
try:
    tracked = subprocess.run(["git", "-C", str(root), "ls-files", "cmake", "cpp", "python", "CMakeLists.txt"],
                             check=True, capture_output=True, text=True).stdout.split()
except (OSError, subprocess.CalledProcessError):
    tracked = []
missing = sorted(set(tracked) - rel)
if missing:
    problems.append("sdist lacks tracked files: " + ", ".join(missing[:20]) + (" ..." if len(missing) > 20 else ""))

with zipfile.ZipFile(wheel) as zf:
    wnames = set(zf.namelist())
need = {f"sokhan/{p.name}" for p in (root / "python" / "sokhan").glob("*.py")}
need |= {"sokhan/py.typed", "sokhan/_core.pyi"}
for f in sorted(need - wnames):
    problems.append(f"wheel lacks {f}")
if not any(n.startswith("sokhan/_core.") and n.endswith((".so", ".pyd")) for n in wnames):
    problems.append("wheel lacks the compiled sokhan/_core extension")
ep = [n for n in wnames if n.endswith(".dist-info/entry_points.txt")]
if not ep or "sokhan = sokhan.cli:main" not in zipfile.ZipFile(wheel).read(ep[0]).decode():
    problems.append("wheel lacks the `sokhan` console script entry point")

print(f"   sdist: {len(rel)} files; wheel: {len(wnames)} files")
if problems:
    print("\n".join("   " + p for p in problems), file=sys.stderr)
    sys.exit(1)
EOF

# --- 4. fresh venv, tests from a temporary directory ---------------------------------------
step "fresh venv + install wheel"
BASE_PY=$("$PYTHON" -c 'import sys; print(getattr(sys, "_base_executable", sys.executable))')
"$BASE_PY" -m venv "$WORK/venv"
VPY="$WORK/venv/bin/python"
"$VPY" -m pip install -q "$WHEEL" "${TEST_REQS[@]}" >"$WORK/pip.log" 2>&1 \
  || { tail -n 30 "$WORK/pip.log" >&2; fail "pip install of the wheel into a fresh venv failed"; }

step "pytest tests/python vs wheel"
mkdir -p "$WORK/run"
cd "$WORK/run"
where=$("$VPY" -c 'import sokhan, sokhan._core; print(sokhan.__file__)')
[[ "$where" == "$WORK/venv/"* ]] || fail "sokhan imported from $where, not from the fresh venv"
"$WORK/venv/bin/sokhan" --version >/dev/null || fail "the sokhan console script does not run"
# The linear-time and memory-growth tests (minutes of large inputs) ran against the same build
# in `make py-test`; here the question is whether the package is complete.
"$VPY" -m pytest -c "$ROOT/pyproject.toml" --rootdir "$ROOT" -p no:cacheprovider -q \
  --ignore "$ROOT/tests/python/test_adversarial.py" --ignore "$ROOT/tests/python/test_memory.py" \
  "$ROOT/tests/python" || fail "tests/python failed against the installed wheel"

step ""
echo "== timings"
printf '   %s\n' "${TIMINGS[@]}"
printf '   %-44s %5ds\n' "total" $((SECONDS - T0))
echo "check_wheel: OK"
