#!/usr/bin/env python3
"""Regenerates python/sokhan/_core.pyi from the *installed* sokhan._core.

    python tools/gen_stubs.py            # rewrite python/sokhan/_core.pyi
    python tools/gen_stubs.py --check    # exit 1 with a diff if the checked-in stub is stale
    python tools/gen_stubs.py -o PATH    # write somewhere else (the drift test does this)

Run it with the interpreter that has sokhan installed (``.venv/bin/python``, after
``make install``) and pybind11-stubgen.

How the stub is made, and why the whole file counts as generated:

1. pybind11-stubgen introspects the extension and writes a raw stub. Its output is only
   *parsed* (``ast``), never copied, so the stub's layout does not depend on stubgen's
   formatting or member order.
2. The bindings take most arguments as ``py::handle`` and return ``py::list``/``py::tuple``,
   so stubgen can only say ``typing.Any``, ``list`` or ``tuple`` for them. The real types live
   in ``OVERRIDES`` below, keyed by qualified name. An override is checked against what stubgen
   found: the same parameter names and defaults (a stubgen ``argN`` name, i.e. a lambda without
   ``py::arg``, may be renamed only if the override makes it positional-only, which is what
   such a binding is), and no override may name something the module no longer has. A binding
   that is added, renamed or given new arguments therefore fails generation with a message
   instead of silently keeping an old hand-written type.
3. Any annotation that is still ``Any``, a bare ``list``/``tuple``/``dict``/``set``/``type`` or
   missing after the overrides is an error ("give it a type in OVERRIDES"): every public binding
   has a real type. ``SupportsInt | SupportsIndex`` (pybind11's int parameters) is written
   ``int``.
4. ``Span`` is a C type whose ``__module__`` is ``sokhan``, so stubgen only writes an import for
   it; it is introspected here (its getset descriptors and methods, each of which must have an
   override; of its slot wrappers only the overridden ones are written).
5. The stub is rendered by this script in a fixed order (attributes, classes, functions, each
   sorted by name; in a class: attributes, constructor, dunders, methods, properties), with the
   imports it needs, so the same module always gives the same bytes. The module's
   ``__version__`` value is not written (only its type), so a version bump is not drift.

So ``_core.pyi`` is a pure function of (installed module, this script): the drift test
(tests/python/test_stubs.py) regenerates it and compares the whole file.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import importlib
import inspect
import re
import types
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

MODULE = "sokhan._core"
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "python" / "sokhan" / "_core.pyi"
LINE_LENGTH = 100

_TEXT = "str | bytes"
_REF = "tuple[int, int, int]"
_SEGMENT = "tuple[int, int, int, int, bool, bool]"
_CALENDAR = "Literal['persian', 'gregorian', 'islamic']"
# The rows of a column call (python/bindings/columns.hpp): str, or Arrow (offsets, data) chunks
# and the missing rows.
_DOCS = ("list[str] | tuple[list[tuple[NDArray[int32] | NDArray[int64], NDArray[uint8]]],"
         " NDArray[bool_] | None]")

#: Qualified name -> the real type. Functions and methods: "(params) -> return", self/cls
#: included; properties and attributes: the type.
OVERRIDES: dict[str, str] = {
    # Aligned (sokhan.Aligned is this class)
    "Aligned.__eq__": "(self, other: object, /) -> bool",
    "Aligned.__getstate__": f"(self) -> tuple[str, str, list[{_SEGMENT}]]",
    "Aligned.__setstate__": f"(self, state: tuple[str, str, list[{_SEGMENT}]], /) -> None",
    "Aligned._segments": f"(self) -> list[{_SEGMENT}]",
    "Aligned.edits": "(self) -> list[tuple[int, int, int, int]]",
    "Aligned.to_dict": "(self) -> dict[str, Any]",
    "Aligned.to_normalized": "(self, start: int, end: int) -> tuple[int, int]",
    "Aligned.to_original": "(self, start: int, end: int) -> tuple[int, int]",
    # Normalizer: the facade (sokhan.normalize.Normalizer) checks the options first.
    "Normalizer.__init__": (
        "(self, unicode_form: str | None, persian_letters: bool, extra_letters: bool, digits: str,"
        " diacritics: str, kashida: bool, zwnj: bool, repair_compounds: bool, spacing: bool,"
        " punctuation: str, ellipsis: bool, repeated_letters: bool) -> None"
    ),
    "Normalizer.normalize": f"(self, text: {_TEXT}) -> str",
    "Normalizer.normalize_aligned": f"(self, text: {_TEXT}) -> Aligned",
    "Normalizer.normalize_many": f"(self, texts: Iterable[{_TEXT}], threads: int = 0) -> list[str]",
    # SentenceSplitter
    "SentenceSplitter.__init__": "(self, lang: str = 'auto') -> None",
    "SentenceSplitter.split": f"(self, text: {_TEXT}) -> list[Span]",
    "SentenceSplitter.split_many": (
        f"(self, texts: Iterable[{_TEXT}], threads: int = 0) -> list[list[Span]]"
    ),
    # Span: a C type (python/bindings/span_type.cpp), introspected, not seen by stubgen.
    "Span.__new__": "(cls, start: int, end: int, text: str) -> Span",
    "Span.__eq__": "(self, other: object, /) -> bool",
    "Span.__ne__": "(self, other: object, /) -> bool",
    "Span.__hash__": "(self) -> int",
    "Span.__repr__": "(self) -> str",
    "Span.__reduce__": "(self) -> tuple[type[Span], tuple[int, int, str]]",
    "Span.to_dict": "(self) -> dict[str, Any]",
    "Span.start": "int",
    "Span.end": "int",
    "Span.text": "str",
    # DateExtractor: mentions are instances of sokhan.dates.DateMention (set_mention_type).
    "DateExtractor.__init__": "(self, lang: str = 'auto') -> None",
    "DateExtractor.extract": (
        f"(self, text: {_TEXT}, reference: {_REF} | None = None) -> list[DateMention]"
    ),
    "DateExtractor.extract_many": (
        f"(self, texts: Iterable[{_TEXT}], references: Sequence[object] | None = None,"
        " threads: int = 0,"
        f" convert: Callable[[object, int], {_REF} | None] | None = None)"
        " -> list[list[DateMention]]"
    ),
    # Functions
    # Whole-column calls of sokhan.pandas (python/bindings/columns.cpp).
    "normalize_column": (
        f"(normalizer: Normalizer, docs: {_DOCS}, threads: int = 0)"
        " -> tuple[NDArray[int64], NDArray[uint8]]"
    ),
    "split_column": f"(splitter: SentenceSplitter, docs: {_DOCS}, threads: int = 0) -> list[list[str]]",
    "extract_column": (
        f"(extractor: DateExtractor, docs: {_DOCS}, references: NDArray[int64] | None = None,"
        " threads: int = 0) -> dict[str, Any]"
    ),
    "calendar_to_gregorian": (
        f"(calendar: {_CALENDAR}, year: int, month: int, day: int, /) -> tuple[int, int, int]"
    ),
    "gregorian_to_calendar": (
        f"(calendar: {_CALENDAR}, year: int, month: int, day: int, /) -> tuple[int, int, int]"
    ),
    "set_mention_type": "(type: type[tuple[Any, ...]], /) -> None",
    "unicode_normalize": f"(text: {_TEXT}, form: str) -> str",
}

#: Names the overrides use that need an import, and where they come from.
IMPORTS: dict[str, str] = {"DateMention": "sokhan.dates", "NDArray": "numpy.typing", "bool_": "numpy",
                           "int32": "numpy", "int64": "numpy", "uint8": "numpy"}

#: Generics that say nothing without their parameters.
_BARE_GENERICS = {"list", "tuple", "dict", "set", "frozenset", "type"}


class StubError(Exception):
    pass


# ------------------------------------------------------------------------------------------
# Model


@dataclass
class Func:
    name: str
    args: ast.arguments
    returns: Optional[ast.expr]
    decorators: list[str] = field(default_factory=list)  # "property", "staticmethod", ...
    doc: Optional[str] = None


@dataclass
class Attr:
    name: str
    annotation: Optional[ast.expr]


@dataclass
class Class:
    name: str
    doc: Optional[str]
    attrs: list[Attr] = field(default_factory=list)
    funcs: list[Func] = field(default_factory=list)


@dataclass
class Module:
    doc: Optional[str]
    all: list[str]
    attrs: list[Attr] = field(default_factory=list)
    classes: list[Class] = field(default_factory=list)
    funcs: list[Func] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)  # names stubgen imported from elsewhere


# ------------------------------------------------------------------------------------------
# 1. Run stubgen, parse its output


def run_stubgen() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        # cwd is the temporary directory, so the installed package is the one imported.
        proc = subprocess.run(
            [sys.executable, "-m", "pybind11_stubgen", MODULE, "-o", tmp, "--exit-code"],
            cwd=tmp,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise StubError(f"pybind11-stubgen failed:\n{proc.stdout}{proc.stderr}")
        return (Path(tmp) / Path(*MODULE.split(".")).with_suffix(".pyi")).read_text("utf-8")


def _docstring(body: list[ast.stmt]) -> Optional[str]:
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        value = body[0].value.value
        if isinstance(value, str):
            return inspect.cleandoc(value)
    return None


def _decorators(node: ast.FunctionDef) -> list[str]:
    out = []
    for d in node.decorator_list:
        name = ast.unparse(d)
        if name in ("typing.overload", "overload"):
            raise StubError(
                f"{node.name} is overloaded; gen_stubs.py does not handle overloads yet"
            )
        out.append(name)
    return out


def parse_stub(source: str) -> Module:
    tree = ast.parse(source)
    mod = Module(doc=_docstring(tree.body), all=[])
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            mod.foreign += [a.asname or a.name for a in node.names]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if node.target.id == "__all__":
                assert isinstance(node.value, ast.List)
                mod.all = [ast.literal_eval(e) for e in node.value.elts]
            else:
                mod.attrs.append(Attr(node.target.id, node.annotation))
        elif isinstance(node, ast.FunctionDef):
            _decorators(node)
            mod.funcs.append(Func(node.name, node.args, node.returns, doc=_docstring(node.body)))
        elif isinstance(node, ast.ClassDef):
            if node.bases:
                raise StubError(f"class {node.name} has bases; gen_stubs.py does not handle them")
            cls = Class(node.name, _docstring(node.body))
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    cls.attrs.append(Attr(item.target.id, item.annotation))
                elif isinstance(item, ast.FunctionDef):
                    cls.funcs.append(
                        Func(item.name, item.args, item.returns, _decorators(item), _docstring(item.body))
                    )
            mod.classes.append(cls)
    return mod


# ------------------------------------------------------------------------------------------
# 4. C types stubgen does not see


def introspect_c_type(name: str, obj: type) -> Class:
    """A class of the module's getset descriptors and methods; their types come from
    OVERRIDES (required), as do the slot wrappers to write (optional)."""
    cls = Class(name, inspect.cleandoc(obj.__doc__) if obj.__doc__ else None)
    for attr, value in sorted(vars(obj).items()):
        qual = f"{name}.{attr}"
        kind = type(value).__name__
        if kind == "getset_descriptor" or kind == "member_descriptor":
            if attr in ("__dict__", "__weakref__"):
                continue
            cls.funcs.append(
                Func(attr, _self_args(), None, ["property"], inspect.cleandoc(value.__doc__ or "") or None)
            )
        elif kind == "method_descriptor" or (attr == "__new__" and callable(value)):
            cls.funcs.append(Func(attr, _self_args(), None))
        elif kind == "wrapper_descriptor" and qual in OVERRIDES:
            cls.funcs.append(Func(attr, _self_args(), None))
    return cls


def _self_args() -> ast.arguments:
    # Placeholder: a C method's parameters cannot be introspected; the override supplies them.
    return ast.arguments(
        posonlyargs=[], args=[], vararg=ast.arg("args"), kwonlyargs=[], kw_defaults=[],
        kwarg=ast.arg("kwargs"), defaults=[],
    )


# ------------------------------------------------------------------------------------------
# 2. and 3. Overrides and checks


def _parse_signature(qual: str, text: str) -> tuple[ast.arguments, ast.expr]:
    try:
        fn = ast.parse(f"def f{text}: ...").body[0]
    except SyntaxError as e:
        raise StubError(f"OVERRIDES[{qual!r}] is not a valid signature: {e}") from None
    assert isinstance(fn, ast.FunctionDef) and fn.returns is not None, qual
    return fn.args, fn.returns


def _params(args: ast.arguments) -> list[tuple[str, Optional[str]]]:
    """(name, default source) of each parameter, in order, *args/**kwargs marked."""
    positional = args.posonlyargs + args.args
    defaults: list[Optional[ast.expr]] = [None] * (len(positional) - len(args.defaults))
    defaults += args.defaults
    out = [(a.arg, ast.unparse(d) if d is not None else None) for a, d in zip(positional, defaults)]
    if args.vararg:
        out.append(("*" + args.vararg.arg, None))
    for a, d in zip(args.kwonlyargs, args.kw_defaults):
        out.append((a.arg, ast.unparse(d) if d is not None else None))
    if args.kwarg:
        out.append(("**" + args.kwarg.arg, None))
    return out


def _check_compatible(qual: str, generated: ast.arguments, override: ast.arguments, c_type: bool) -> None:
    if c_type:
        return  # nothing to compare with: the override is the only source
    gen, new = _params(generated), _params(override)
    n_posonly = len(override.posonlyargs)
    problem = None
    if len(gen) != len(new):
        problem = "a different number of parameters"
    else:
        for k, ((gname, gdef), (nname, ndef)) in enumerate(zip(gen, new)):
            renamed_ok = gname.startswith("arg") and gname[3:].isdigit() and k < n_posonly
            if gname != nname and not renamed_ok:
                problem = f"parameter {k} is {gname!r} in the module, {nname!r} in the override"
            elif gdef != ndef:
                problem = f"parameter {gname!r} defaults to {gdef} in the module, {ndef} in the override"
            if problem:
                break
    if problem:
        raise StubError(
            f"the binding {qual} no longer matches OVERRIDES[{qual!r}] ({problem}): the module has "
            f"({', '.join(n if d is None else f'{n}={d}' for n, d in gen)}); "
            "update the override in tools/gen_stubs.py"
        )


def _src(e: ast.expr) -> str:
    """Source of an expression, strings in double quotes (ast.unparse writes repr's quotes)."""
    return re.sub(r"'([^'\"\\]*)'", r'"\1"', ast.unparse(e))


def _render_args(args: ast.arguments) -> str:
    """A parameter list in PEP 8 style (``name: type = default``)."""

    def one(a: ast.arg, default: Optional[ast.expr]) -> str:
        s = a.arg + (f": {_src(a.annotation)}" if a.annotation is not None else "")
        if default is not None:
            s += f" = {_src(default)}" if a.annotation is not None else f"={_src(default)}"
        return s

    positional = args.posonlyargs + args.args
    defaults: list[Optional[ast.expr]] = [None] * (len(positional) - len(args.defaults))
    defaults += args.defaults
    parts = [one(a, d) for a, d in zip(positional, defaults)]
    if args.posonlyargs:
        parts.insert(len(args.posonlyargs), "/")
    if args.vararg:
        parts.append("*" + one(args.vararg, None))
    elif args.kwonlyargs:
        parts.append("*")
    parts += [one(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults)]
    if args.kwarg:
        parts.append("**" + one(args.kwarg, None))
    return ", ".join(parts)


class _Simplify(ast.NodeTransformer):
    """typing.X -> X (imported from typing); SupportsInt | SupportsIndex -> int."""

    def __init__(self) -> None:
        self.typing_names: set[str] = set()

    def visit_BinOp(self, node: ast.BinOp) -> ast.expr:
        src = {ast.unparse(node.left), ast.unparse(node.right)}
        if isinstance(node.op, ast.BitOr) and src == {"typing.SupportsInt", "typing.SupportsIndex"}:
            return ast.Name("int", ast.Load())
        self.generic_visit(node)
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.expr:
        if isinstance(node.value, ast.Name) and node.value.id == "typing":
            self.typing_names.add(node.attr)
            return ast.Name(node.attr, ast.Load())
        self.generic_visit(node)
        return node


def _untyped(expr: Optional[ast.expr]) -> Optional[str]:
    """Why ``expr`` is not a real type, or None if it is."""
    if expr is None:
        return "no annotation"
    for node in ast.walk(expr):
        if isinstance(node, ast.Name) and node.id in ("Any", "object"):
            return f"{node.id}"
    # A bare generic is a Name that is not the value of a Subscript.
    subscripted = {id(n.value) for n in ast.walk(expr) if isinstance(n, ast.Subscript)}
    for node in ast.walk(expr):
        if isinstance(node, ast.Name) and node.id in _BARE_GENERICS and id(node) not in subscripted:
            return f"bare {node.id}"
    return None


@dataclass
class Typed:
    """A member ready to render: source text of its signature or type."""

    name: str
    kind: str  # "func", "property", "attr"
    text: str  # "(params) -> ret" for funcs, the type otherwise
    decorators: list[str] = field(default_factory=list)
    doc: Optional[str] = None


def resolve(mod: Module, c_types: dict[str, Class]) -> tuple[list[Typed], dict[str, list[Typed]]]:
    """The module's and each class's members with their final types; raises StubError listing
    every member without a real type and every stale override."""
    simplify = _Simplify()

    def expr(e: Optional[ast.expr]) -> Optional[ast.expr]:
        return None if e is None else simplify.visit(e)

    problems: list[str] = []

    def one(qual: str, f: Func, c_type: bool) -> Typed:
        prop = "property" in f.decorators
        ov = OVERRIDES.get(qual)
        if prop:
            ret = expr(f.returns)
            if ov is not None:
                ret = ast.parse(ov, mode="eval").body
            elif (why := _untyped(ret)) is not None:
                problems.append(f"{qual}: {why}")
            text = _src(ret) if ret is not None else "Any"
            return Typed(f.name, "property", text, [], f.doc)
        args, ret = f.args, expr(f.returns)
        if ov is not None:
            new_args, ret = _parse_signature(qual, ov)
            _check_compatible(qual, args, new_args, c_type)
            args = new_args
        else:
            for a in args.posonlyargs + args.args + args.kwonlyargs:
                a.annotation = expr(a.annotation)
                if a.arg not in ("self", "cls") and (why := _untyped(a.annotation)) is not None:
                    problems.append(f"{qual}({a.arg}): {why}")
            if (why := _untyped(ret)) is not None and f.name not in ("__init__",):
                problems.append(f"{qual} -> {why}")
        text = f"({_render_args(args)}) -> {_src(ret) if ret is not None else 'None'}"
        return Typed(f.name, "func", text, [d for d in f.decorators if d != "property"], f.doc)

    funcs = [one(f.name, f, False) for f in mod.funcs]
    for a in mod.attrs:
        ann = expr(a.annotation)
        if (why := _untyped(ann)) is not None:
            problems.append(f"{a.name}: {why}")
        funcs.append(Typed(a.name, "attr", _src(ann) if ann is not None else "Any"))
    classes: dict[str, list[Typed]] = {}
    for cls in mod.classes + list(c_types.values()):
        c_type = cls.name in c_types
        members = []
        for a in cls.attrs:
            ov = OVERRIDES.get(f"{cls.name}.{a.name}")
            ann = ast.parse(ov, mode="eval").body if ov else expr(a.annotation)
            members.append(Typed(a.name, "attr", _src(ann) if ann is not None else "Any"))
        for f in cls.funcs:
            members.append(one(f"{cls.name}.{f.name}", f, c_type))
        classes[cls.name] = members

    known = {t.name for t in funcs} | {f"{c}.{m.name}" for c, ms in classes.items() for m in ms}
    stale = sorted(set(OVERRIDES) - known)
    if stale:
        problems.append("OVERRIDES name what the module does not have: " + ", ".join(stale))
    if problems:
        raise StubError(
            "cannot make a stub with real types (fix OVERRIDES in tools/gen_stubs.py):\n  "
            + "\n  ".join(problems)
        )
    return funcs, classes


# ------------------------------------------------------------------------------------------
# 5. Rendering


_TYPING_NAMES = {
    "Any", "Callable", "ClassVar", "Iterable", "Iterator", "Literal", "Mapping", "Optional",
    "Sequence", "SupportsIndex", "SupportsInt", "Union",
}


def _names_in(text: str) -> set[str]:
    try:
        tree = ast.parse(f"def f{text}: ..." if text.startswith("(") else text, mode="exec")
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


def _def_lines(indent: str, name: str, sig: str) -> list[str]:
    line = f"{indent}def {name}{sig}: ..."
    if len(line) <= LINE_LENGTH:
        return [line]
    # One parameter a line, black-style. Split the parameter list at top-level commas.
    params_src, ret = sig[1:].rsplit(") -> ", 1)
    params, depth, cur = [], 0, ""
    for ch in params_src:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            params.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        params.append(cur.strip())
    return [f"{indent}def {name}(", *[f"{indent}    {p}," for p in params], f"{indent}) -> {ret}: ..."]


def _doc_lines(indent: str, doc: str) -> list[str]:
    doc = doc.replace('"""', '\\"\\"\\"')
    lines = doc.splitlines()
    if len(lines) == 1:
        return [f'{indent}"""{lines[0]}"""']
    return [f'{indent}"""{lines[0]}', *[f"{indent}{ln}" if ln else "" for ln in lines[1:]], f'{indent}"""']


def _member_order(t: Typed) -> tuple[int, str]:
    if t.kind == "attr":
        return (0, t.name)
    if t.name in ("__new__", "__init__"):
        return (1, t.name)
    if t.kind == "property":
        return (4, t.name)
    if t.name.startswith("__") and t.name.endswith("__"):
        return (2, t.name)
    return (3, t.name)


def render(mod: Module, funcs: list[Typed], classes: dict[str, list[Typed]], docs: dict[str, str]) -> str:
    body: list[str] = []
    attrs = sorted((t for t in funcs if t.kind == "attr"), key=lambda t: t.name)
    plain = sorted((t for t in funcs if t.kind == "func"), key=lambda t: t.name)
    names = ", ".join(f'"{n}"' for n in sorted(mod.all))
    if len(f"__all__: list[str] = [{names}]") <= LINE_LENGTH:
        body.append(f"__all__: list[str] = [{names}]")
    else:
        body += ["__all__: list[str] = [", *[f'    "{n}",' for n in sorted(mod.all)], "]"]
    body.append("")
    for a in attrs:
        body.append(f"{a.name}: {a.text}")
    for name in sorted(classes):
        body += ["", f"class {name}:"]
        members = sorted(classes[name], key=_member_order)
        doc = docs.get(name)
        if doc:
            body += _doc_lines("    ", doc)
        for m in members:
            if m.kind == "attr":
                line = f"    {m.name}: {m.text}"
                if m.name == "__hash__" and m.text == "ClassVar[None]":
                    line += "  # type: ignore[assignment]"
                body.append(line)
            elif m.kind == "property":
                body.append("    @property")
                if m.doc:
                    body.append(f"    def {m.name}(self) -> {m.text}:")
                    body += _doc_lines("        ", m.doc)
                else:
                    body.append(f"    def {m.name}(self) -> {m.text}: ...")
            else:
                body += [f"    @{d}" for d in m.decorators]
                body += _def_lines("    ", m.name, m.text)
        if not members and not doc:
            body.append("    ...")
    if plain:
        body.append("")
    for f in plain:
        body += _def_lines("", f.name, f.text)

    text = "\n".join(body)
    used = _names_in(text) | set().union(*(_names_in(t.text) for ms in classes.values() for t in ms))
    used |= set().union(*(_names_in(t.text) for t in funcs))
    typing_imports = sorted(used & _TYPING_NAMES)
    other = sorted((IMPORTS[n], n) for n in used if n in IMPORTS)

    head = [
        "# Generated by tools/gen_stubs.py from the installed sokhan._core (pybind11-stubgen, then",
        "# the real types in that script's OVERRIDES). Do not edit: run `python tools/gen_stubs.py`.",
    ]
    if mod.doc:
        head += _doc_lines("", mod.doc)
    head.append("")
    if typing_imports:
        head.append(f"from typing import {', '.join(typing_imports)}")
    if other:
        head.append("")
        head += [f"from {m} import {n}" for m, n in other]
    head.append("")
    return "\n".join(head) + "\n" + text + "\n"


def _from_python(value: object) -> bool:
    """Whether a class attribute was added in Python (by the facade, e.g. ``_repr_html_``)
    rather than by the extension: such attributes are not part of _core's stub."""
    if isinstance(value, property):
        value = value.fget
    return isinstance(value, (types.FunctionType, staticmethod, classmethod))


def generate() -> str:
    mod = parse_stub(run_stubgen())
    core = importlib.import_module(MODULE)
    c_types: dict[str, Class] = {}
    for name in mod.foreign:
        obj = getattr(core, name, None)
        if isinstance(obj, type) and name in mod.all:
            c_types[name] = introspect_c_type(name, obj)
        else:
            raise StubError(f"stubgen imported {name!r} from another module; gen_stubs.py cannot type it")
    for cls in mod.classes:
        runtime = vars(getattr(core, cls.name))
        cls.funcs = [f for f in cls.funcs if not _from_python(runtime.get(f.name))]
    docs = {c.name: c.doc for c in mod.classes + list(c_types.values()) if c.doc}
    funcs, classes = resolve(mod, c_types)
    return render(mod, funcs, classes, docs)


def main(argv: Optional[list[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the stub")
    p.add_argument("--check", action="store_true", help="compare with --output instead of writing it")
    args = p.parse_args(argv)
    try:
        stub = generate()
    except StubError as e:
        print(f"gen_stubs: {e}", file=sys.stderr)
        return 2
    if args.check:
        old = args.output.read_text("utf-8") if args.output.exists() else ""
        if old == stub:
            return 0
        sys.stdout.writelines(
            difflib.unified_diff(old.splitlines(True), stub.splitlines(True),
                                 str(args.output), "generated")
        )
        print(f"\n{args.output} is stale: run `python tools/gen_stubs.py`", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(stub, "utf-8")
    print(f"wrote {args.output} (from {importlib.import_module(MODULE).__file__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
