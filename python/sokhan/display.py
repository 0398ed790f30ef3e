"""HTML display for Jupyter: Persian right-to-left with a Persian-capable font stack, English
left-to-right, sentence boundaries visible, date mentions highlighted with their value
(calendar and interval on hover), normalization edits when asked.

Every result that can be shown (Document, Aligned, the lists returned by split_sentences and
extract_dates) gets a ``_repr_html_`` from here; ``html()`` is the one renderer behind them.
"""

from __future__ import annotations

import html as _html
import unicodedata
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence, TypeVar

if TYPE_CHECKING:
    from ._core import Span
    from .dates import DateMention

__all__ = ["html", "HTML", "SpanList", "MentionList", "text_direction"]

FONT_STACK = "Vazirmatn, 'Noto Naskh Arabic', 'Noto Sans Arabic', Tahoma, 'DejaVu Sans', sans-serif"

_STYLE = (
    "<style>"
    ".sokhan{font-family:%s;font-size:1.05em;line-height:2.1;padding:.4em .6em;"
    "border:1px solid #ddd;border-radius:6px;white-space:pre-wrap;unicode-bidi:plaintext}"
    ".sokhan .s{border-bottom:2px solid #9ab;margin:0 .1em;padding-bottom:1px}"
    ".sokhan .s:nth-of-type(even){border-bottom-color:#c9a}"
    ".sokhan sup.n{color:#888;font-size:.6em;margin:0 .15em;user-select:none}"
    ".sokhan mark.d{background:#ffe08a;border-radius:3px;padding:0 .15em}"
    ".sokhan mark.d.time{background:#ffc7a0}.sokhan mark.d.duration{background:#c8e6c9}"
    ".sokhan mark.d.set{background:#d1c4e9}"
    ".sokhan del{color:#b33;text-decoration:line-through}.sokhan ins{color:#262;text-decoration:none;"
    "background:#e3f5e1}"
    ".sokhan-meta{font-family:sans-serif;font-size:.8em;color:#666;margin:.2em 0}"
    "</style>" % FONT_STACK
)


def text_direction(text: str) -> str:
    """"rtl" when the first strongly directional character is right-to-left, else "ltr"."""
    for ch in text[:2000]:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ("R", "AL"):
            return "rtl"
        if bidi == "L":
            return "ltr"
    return "ltr"


def _mention_title(m: Any) -> str:
    parts = [f"{m.kind}", f"calendar: {m.calendar}", f"grain: {m.grain}"]
    if m.native:
        parts.append(f"native: {m.native}")
    if m.value:
        parts.append(f"value: {m.value}")
    if m.mod:
        parts.append(f"mod: {m.mod}")
    if m.interval is not None:
        parts.append(f"interval: {m.interval[0].isoformat()} – {m.interval[1].isoformat()}")
    if m.relative:
        parts.append("relative to the reference")
    return "\n".join(parts)


def html(text: str, sentences: Optional[Sequence[Any]] = None, dates: Optional[Sequence[Any]] = None,
         edits: Optional[Sequence[tuple[int, int, int, int]]] = None, normalized: Optional[str] = None,
         meta: str = "") -> str:
    """The HTML of ``text`` with sentence spans underlined and numbered, date mentions marked
    (the TIMEX3 value and interval in the tooltip), and, when ``edits`` and ``normalized`` are
    given, each normalization edit shown as deleted original and inserted replacement."""
    n = len(text)
    # Events at code point positions: open/close tags, sorted so that closes come before opens
    # at one position and outer elements enclose inner ones.
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for k, s in enumerate(sentences or ()):
        opens.setdefault(s.start, []).append(f'<span class="s"><sup class="n">{k + 1}</sup>')
        closes.setdefault(s.end, []).insert(0, "</span>")
    for m in dates or ():
        cls = _html.escape(m.kind)
        title = _html.escape(_mention_title(m), quote=True)
        opens.setdefault(m.start, []).append(f'<mark class="d {cls}" title="{title}">')
        closes.setdefault(m.end, []).insert(0, "</mark>")
    replaced: dict[int, tuple[int, str]] = {}
    if edits and normalized is not None:
        for ob, oe, nb, ne in edits:
            replaced[ob] = (oe, normalized[nb:ne])
    # Walk the places where something happens; the text between them is escaped in one piece.
    places = sorted(set(opens) | set(closes) | set(replaced) | {n})
    out: list[str] = []
    cursor = 0
    for k, p in enumerate(places):
        if p < cursor:  # inside an edited range: its tags were written after the edit
            continue
        out.append(_html.escape(text[cursor:p]))
        out.extend(closes.get(p, ()))
        out.extend(opens.get(p, ()))
        cursor = p
        if p in replaced:
            end, new = replaced[p]
            if end > p:
                out.append(f"<del>{_html.escape(text[p:end])}</del>")
            if new:
                shown = new.replace("\u200c", "\u200c\u2009") if new.strip("\u200c") == "" else new
                out.append(f"<ins>{_html.escape(shown)}</ins>")
            for q in places[k + 1:]:  # tags that open or close inside the edited range follow it
                if q >= end:
                    break
                out.extend(closes.get(q, ()))
                out.extend(opens.get(q, ()))
            cursor = max(cursor, end)
    direction = text_direction(text)
    lang = ' lang="fa"' if direction == "rtl" else ""
    head = f'<div class="sokhan-meta">{_html.escape(meta)}</div>' if meta else ""
    return f'{_STYLE}{head}<div class="sokhan" dir="{direction}"{lang}>{"".join(out)}</div>'


class HTML:
    """A piece of HTML that Jupyter displays (without needing IPython to be installed)."""

    __slots__ = ("data",)

    def __init__(self, data: str) -> None:
        self.data = data

    def _repr_html_(self) -> str:
        return self.data

    def __str__(self) -> str:
        return self.data


_T = TypeVar("_T")
_L = TypeVar("_L", bound="list[Any]")


class _SourcedList(list[_T]):
    """A plain list that remembers the text its items index into, so it can display itself."""

    __slots__ = ("_text",)
    _text: Optional[str]

    @classmethod
    def of(cls: type[_L], items: Iterable[Any], text: Optional[str]) -> _L:
        out = cls(items)  # list's own constructor: no Python-level loop
        setattr(out, "_text", text)  # the slot every subclass has
        return out

    @property
    def source(self) -> Optional[str]:
        """The text the items index into (None for a list built by hand)."""
        return getattr(self, "_text", None)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self).of, (list(self), self.source))


class SpanList(_SourcedList["Span"]):
    """The sentences of a text: a plain list of Span that also displays itself in Jupyter."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        text = self.source if self.source is not None else " ".join(s.text for s in self)
        spans = self if self.source is not None else []
        return html(text, sentences=spans, meta=f"{len(self)} sentences")


class MentionList(_SourcedList["DateMention"]):
    """Date mentions of a text: a plain list of DateMention that displays itself in Jupyter."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        if self.source is not None:
            return html(self.source, dates=self, meta=f"{len(self)} date mentions")
        rows = "".join(
            "<tr><td dir='auto'>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
                *(_html.escape(str(x)) for x in (m.text, m.kind, m.calendar, m.native or "", m.value or "")))
            for m in self)
        return (f"{_STYLE}<table class='sokhan-table' style='font-family:{FONT_STACK}'>"
                f"<tr><th>text</th><th>kind</th><th>calendar</th><th>native</th><th>value</th></tr>{rows}</table>")



def aligned_html(aligned: Any, edits: bool = True) -> str:
    """Display of an Aligned: the original with every normalization edit shown in place."""
    original = aligned.original
    return html(original, edits=aligned.edits() if edits else None, normalized=aligned.text,
                meta=f"{len(aligned.edits())} edits")
