"""mypy --strict on tests/typing/usage.py (the public API as a typed user writes it) and on the
sokhan package itself, both against the *installed* package, from a temporary directory so no
configuration or source tree of the repository is picked up."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
USAGE = REPO / "tests" / "typing" / "usage.py"

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("mypy") is None or importlib.util.find_spec("typing_extensions") is None,
    reason="mypy is not installed",
)

# Its own configuration, so neither the repository's pyproject.toml nor a user's mypy config
# applies. pandas ships no type information (pandas-stubs is a separate package).
CONFIG = """\
[mypy]

[mypy-pandas.*]
ignore_missing_imports = True
"""


def _mypy(tmp_path: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "mypy.ini"
    config.write_text(CONFIG)
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(config), "--strict",
         "--cache-dir", str(tmp_path / ".mypy_cache"), "--no-error-summary", *targets],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )


def test_usage_file_passes_mypy_strict(tmp_path: Path) -> None:
    proc = _mypy(tmp_path, str(USAGE))
    assert proc.returncode == 0, f"mypy --strict {USAGE.relative_to(REPO)}:\n{proc.stdout}{proc.stderr}"


def test_usage_file_runs(tmp_path: Path) -> None:
    """The annotations in usage.py hold at run time too."""
    proc = subprocess.run([sys.executable, str(USAGE)], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "usage.py: ok" in proc.stdout


def test_installed_package_passes_mypy_strict(tmp_path: Path) -> None:
    """The facade's own annotations (and its use of the _core stub) are complete."""
    proc = _mypy(tmp_path, "-p", "sokhan")
    assert proc.returncode == 0, f"mypy --strict -p sokhan (installed):\n{proc.stdout}{proc.stderr}"
