"""The output of run.py: the one table (text and Markdown), the target lines and the chart.

Plain data in, text out; no measuring here. Imports matplotlib only to draw the chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from common import Row, fmt_mbs, fmt_ratio


@dataclass
class Entry:
    """One row of the table: a system on one task and language.

    ``kind`` is "sokhan" (from Python), "kernel" (the C++ kernel alone, sokhan_bench),
    "competitor" or "reference" (the UTF-8 round trip); ``ref`` marks the sokhan row every
    other row of its (task, lang) group is compared with. ``row`` is None when the system could
    not be measured; ``note`` then says why.
    """

    task: str
    lang: str
    system: str
    row: Row | None
    kind: str = "sokhan"
    accuracy: str = ""
    note: str = ""
    ref: bool = False


@dataclass
class Target:
    """One target line: the measured figure, the goal, whether it is met (None: not measured)."""

    label: str
    value: float | None
    unit: str
    goal: str
    met: bool | None
    detail: str = ""

    @property
    def verdict(self) -> str:
        return "NOT MEASURED" if self.met is None else "MET" if self.met else "NOT MET"


def at_least(label: str, value: float | None, goal: float, unit: str, detail: str = "") -> Target:
    met = None if value is None else value >= goal
    return Target(label, value, unit, f">= {goal:g}{unit}", met, detail)


def at_most(label: str, value: float | None, goal: float, unit: str, detail: str = "") -> Target:
    met = None if value is None else value <= goal
    return Target(label, value, unit, f"<= {goal:g}{unit}", met, detail)


@dataclass
class Report:
    header: list[str]
    entries: list[Entry] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    sections: list[tuple[str, list[str]]] = field(default_factory=list)  # extra blocks of lines
    footer: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# The table


def groups(entries: Sequence[Entry]) -> list[tuple[str, str, list[Entry]]]:
    """Entries grouped by (task, lang) in the order the groups first appear."""
    order: list[tuple[str, str]] = []
    by: dict[tuple[str, str], list[Entry]] = {}
    for e in entries:
        key = (e.task, e.lang)
        if key not in by:
            order.append(key)
            by[key] = []
        by[key].append(e)
    return [(t, lang, by[(t, lang)]) for t, lang in order]


def _cells(e: Entry, ref: Entry | None) -> list[str]:
    if e.row is None:
        return [e.system, "-", "-", "-", e.accuracy, e.note]
    r = e.row
    ratio = "1.00" if e is ref else (fmt_ratio(r.median / ref.row.median, 5)
                                     if ref is not None and ref.row is not None else "-")
    return [e.system, fmt_mbs(r.median), f"{fmt_mbs(r.low)}-{fmt_mbs(r.high)}", ratio,
            e.accuracy, e.note]


COLUMNS = ["system", "MB/s", "spread", "x sokhan", "accuracy (dev data)", "notes"]


def _rows(entries: Sequence[Entry]) -> list[tuple[str, str, list[list[str]]]]:
    out = []
    for task, lang, es in groups(entries):
        ref = next((e for e in es if e.ref), None)
        out.append((task, lang, [_cells(e, ref) for e in es]))
    return out


def text_table(entries: Sequence[Entry]) -> list[str]:
    rows = _rows(entries)
    all_cells = [c for _, _, rs in rows for c in rs]
    widths = [max([len(COLUMNS[k])] + [len(c[k]) for c in all_cells]) for k in range(5)]
    right = {1, 2, 3}

    def line(cells: Sequence[str]) -> str:
        parts = [c.rjust(widths[k]) if k in right else c.ljust(widths[k])
                 for k, c in enumerate(cells[:5])]
        return "  ".join(parts) + "  " + cells[5]

    head = line(COLUMNS)
    out = [head, "-" * (len(head) + 20)]
    for task, lang, rs in rows:
        out.append(f"[{task}, {lang}]")
        out.extend(line(c) for c in rs)
    return out


def markdown_table(entries: Sequence[Entry]) -> list[str]:
    out = ["| task | lang | " + " | ".join(COLUMNS) + " |",
           "| --- | --- | --- | ---: | ---: | ---: | --- | --- |"]
    for task, lang, rs in _rows(entries):
        for k, c in enumerate(rs):
            cells = [task if k == 0 else "", lang if k == 0 else "", *c]
            out.append("| " + " | ".join(x.replace("|", "\\|") for x in cells) + " |")
    return out


# --------------------------------------------------------------------------------------------
# Targets


def _value(t: Target) -> str:
    if t.value is None:
        return "-"
    v = t.value
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}" if abs(v) < 10 else f"{v:.1f}"


def target_lines(targets: Sequence[Target]) -> list[str]:
    w = max((len(t.label) for t in targets), default=10)
    out = []
    for t in targets:
        value = f"{_value(t)}{t.unit}"
        out.append(f"  {t.label:<{w}}  {value:>12}  target {t.goal:<14} {t.verdict}"
                   + (f"  ({t.detail})" if t.detail else ""))
    return out


def markdown_targets(targets: Sequence[Target]) -> list[str]:
    out = ["| target | measured | goal | verdict | detail |", "| --- | ---: | --- | --- | --- |"]
    for t in targets:
        out.append(f"| {t.label} | {_value(t)}{t.unit} | {t.goal} | **{t.verdict}** | "
                   f"{t.detail.replace('|', '/')} |")
    return out


# --------------------------------------------------------------------------------------------
# Whole report


def text_report(rep: Report) -> str:
    lines = [*rep.header, ""] + ([*text_table(rep.entries), ""] if rep.entries else [])
    for title, body in rep.sections:
        lines += [title, *body, ""]
    lines += ["targets (issue 8):", *target_lines(rep.targets), "", *rep.footer]
    return "\n".join(lines)


def markdown_report(rep: Report, command: str) -> str:
    lines = ["# sokhan benchmark suite: latest run", "", f"`{command}`", "", "```",
             *rep.header, "```", ""] + ([*markdown_table(rep.entries), ""] if rep.entries else [])
    for title, body in rep.sections:
        lines += [f"## {title.rstrip(':')}", "", "```", *body, "```", ""]
    lines += ["## Targets (issue 8)", "", *markdown_targets(rep.targets), "", *rep.footer, ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Chart

COLORS = {"sokhan": "#1f77b4", "kernel": "#6baed6", "competitor": "#ff7f0e",
          "reference": "#999999"}


def write_chart(entries: Sequence[Entry], path: Path, title: str) -> None:
    """Horizontal bars of MB/s on a log scale, one per measured row, grouped by task."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    labels, values, colors, errs = [], [], [], []
    for task, lang, es in groups(entries):
        for e in es:
            if e.row is None:
                continue
            labels.append(f"{task} {lang}: {e.system}")
            values.append(e.row.median)
            errs.append((e.row.median - e.row.low, e.row.high - e.row.median))
            colors.append(COLORS.get(e.kind, "#333333"))
    if not values:
        return
    fig, ax = plt.subplots(figsize=(11, 0.28 * len(values) + 1.6))
    y = list(range(len(values)))[::-1]
    ax.barh(y, values, color=colors, xerr=list(zip(*errs)), error_kw={"elinewidth": 0.7})
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=7)
    ax.set_xscale("log")
    ax.set_xlabel("MB/s of UTF-8 input (log scale; median, bar = slowest-fastest run)")
    ax.set_title(title, fontsize=9)
    for yy, v in zip(y, values):
        ax.text(v * 1.08, yy, fmt_mbs(v), va="center", fontsize=6)
    ax.grid(axis="x", which="both", alpha=0.3)
    ax.legend(handles=[Patch(color=c, label=k) for k, c in COLORS.items()], fontsize=7,
              loc="lower right")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
