"""The checked-in python/sokhan/_core.pyi is what tools/gen_stubs.py makes from the installed
extension (no drift), it covers every binding, and the installed package ships it with py.typed.

The stub is generated as a whole: pybind11-stubgen's view of the module with the real types
from OVERRIDES in tools/gen_stubs.py (which fails when a binding changes under an override or
has no real type), rendered deterministically; see that script's docstring.
"""

from __future__ import annotations

import ast
import difflib
import importlib.util
import subprocess
import sys
import types
from pathlib import Path

import pytest
import sokhan
import sokhan._core as core

REPO = Path(__file__).resolve().parents[2]
GEN = REPO / "tools" / "gen_stubs.py"
STUB = REPO / "python" / "sokhan" / "_core.pyi"
FIX = f"{Path(sys.executable).name} tools/gen_stubs.py  (after `make install`, from {REPO})"

needs_stubgen = pytest.mark.skipif(
    importlib.util.find_spec("pybind11_stubgen") is None, reason="pybind11-stubgen is not installed"
)


def _generate(out: Path) -> str:
    proc = subprocess.run(
        [sys.executable, str(GEN), "--output", str(out)],
        cwd=out.parent,  # never the source tree: the installed sokhan is the one described
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.fail(f"tools/gen_stubs.py failed (exit {proc.returncode}):\n{proc.stderr}{proc.stdout}")
    return out.read_text("utf-8")


@needs_stubgen
def test_checked_in_stub_matches_the_installed_module(tmp_path: Path) -> None:
    generated = _generate(tmp_path / "_core.pyi")
    checked_in = STUB.read_text("utf-8")
    if generated != checked_in:
        diff = "".join(
            difflib.unified_diff(
                checked_in.splitlines(True), generated.splitlines(True),
                "python/sokhan/_core.pyi (checked in)", "generated from the installed sokhan._core",
            )
        )
        pytest.fail(f"python/sokhan/_core.pyi is out of date; regenerate it with\n    {FIX}\n\n{diff}")


@needs_stubgen
def test_generation_is_deterministic(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert _generate(tmp_path / "a" / "_core.pyi") == _generate(tmp_path / "b" / "_core.pyi")


def _stub_names() -> tuple[set[str], dict[str, set[str]]]:
    tree = ast.parse(STUB.read_text("utf-8"))
    top: set[str] = set()
    classes: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            top.add(node.name)
            members = classes.setdefault(node.name, set())
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    members.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    members.add(item.target.id)
        elif isinstance(node, ast.FunctionDef):
            top.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            top.add(node.target.id)
    return top, classes


def _from_python(value: object) -> bool:
    if isinstance(value, property):
        value = value.fget
    return isinstance(value, (types.FunctionType, staticmethod, classmethod))


def test_stub_covers_every_binding() -> None:
    """Independent of the generator: every name the extension defines is in the stub."""
    top, classes = _stub_names()
    runtime = {n for n in dir(core) if not n.startswith("__")} | {"__version__"}
    assert runtime - top == set(), "bindings missing from _core.pyi"
    for name, members in classes.items():
        cls = getattr(core, name)
        defined = {
            attr for attr, value in vars(cls).items()
            if not (attr.startswith("__") and attr.endswith("__")) and not _from_python(value)
            and not attr.startswith("_pybind11")  # pybind11's own (_pybind11_conduit_v1_)
        }
        assert defined - members == set(), f"members of {name} missing from _core.pyi"


def test_stub_has_no_untyped_annotations() -> None:
    source = STUB.read_text("utf-8")
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            args = node.args
            for a in args.posonlyargs + args.args + args.kwonlyargs:
                if a.arg not in ("self", "cls"):
                    assert a.annotation is not None, f"{node.name}({a.arg}) has no type"
            assert node.returns is not None, f"{node.name} has no return type"


def test_installed_package_ships_the_stub_and_py_typed() -> None:
    installed = Path(sokhan.__file__).parent
    assert (installed / "py.typed").is_file(), "the installed package has no py.typed"
    stub = installed / "_core.pyi"
    assert stub.is_file(), "the installed package has no _core.pyi"
    assert stub.read_text("utf-8") == STUB.read_text("utf-8"), (
        f"the installed _core.pyi ({stub}) differs from python/sokhan/_core.pyi: reinstall"
    )
