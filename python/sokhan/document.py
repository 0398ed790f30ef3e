"""One call for a whole document: normalization with its alignment, sentences and date mentions,
every offset into the original text, each mention knowing the sentence it is in."""

from __future__ import annotations

import bisect
import datetime as _dt
import json
from typing import Any, Optional, Union

from .dates import DateMention, Lang, _extractor, _reference
from .display import HTML, MentionList, SpanList, html
from .errors import InvalidTextError, SokhanTypeError
from .normalize import Aligned, Normalizer, _cached
from .sentences import Span, _splitter

__all__ = ["Document", "analyze"]

Reference = Union[_dt.date, str, None]


class Document:
    """The analysis of one text.

    ``text`` is the original; ``normalized`` an :class:`Aligned` (normalized text and its
    alignment); ``sentences`` the sentence spans and ``dates`` the date mentions, both with
    offsets into ``text``; ``date_sentences[k]`` is the index of the sentence holding
    ``dates[k]`` (or None when a mention straddles a boundary).

    >>> doc = analyze("جلسه دوشنبه ۲ آذر ۱۳۹۴ برگزار شد. نتایج فردا اعلام می‌شود.", reference="2015-11-25")
    >>> [s.text for s in doc.sentences]
    ['جلسه دوشنبه ۲ آذر ۱۳۹۴ برگزار شد.', 'نتایج فردا اعلام می\u200cشود.']
    >>> [(m.text, m.value, k) for m, k in zip(doc.dates, doc.date_sentences)]
    [('دوشنبه ۲ آذر ۱۳۹۴', '2015-11-23', 0), ('فردا', '2015-11-26', 1)]
    """

    __slots__ = ("text", "normalized", "sentences", "dates", "date_sentences", "reference", "lang")

    def __init__(self, text: str, normalized: Aligned, sentences: list[Span], dates: list[DateMention],
                 reference: Optional[_dt.date] = None, lang: str = "auto") -> None:
        self.text = text
        self.normalized = normalized
        self.sentences = SpanList.of(sentences, text)
        self.dates = MentionList.of(dates, text)
        starts = [s.start for s in sentences]
        where: list[Optional[int]] = []
        for m in dates:
            k = bisect.bisect_right(starts, m.start) - 1
            where.append(k if k >= 0 and m.end <= sentences[k].end else None)
        self.date_sentences = where
        self.reference = reference
        self.lang = lang

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready): the text, normalized text and edits, sentences, dates."""
        return {
            "text": self.text,
            "normalized": self.normalized.text,
            "edits": [list(e) for e in self.normalized.edits()],
            "sentences": [{"start": s.start, "end": s.end, "text": s.text} for s in self.sentences],
            "dates": [dict(m.to_dict(), sentence=k) for m, k in zip(self.dates, self.date_sentences)],
            "reference": self.reference.isoformat() if self.reference else None,
            "lang": self.lang,
        }

    def to_json(self, **kwargs: Any) -> str:
        """to_dict() as JSON (non-ASCII kept as is unless ``ensure_ascii=True``)."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def show(self, edits: bool = False) -> HTML:
        """The display of the document; ``edits=True`` also shows each normalization edit."""
        return HTML(html(self.text, sentences=self.sentences, dates=self.dates,
                         edits=self.normalized.edits() if edits else None, normalized=self.normalized.text,
                         meta=self._meta()))

    def _meta(self) -> str:
        ref = f", reference {self.reference.isoformat()}" if self.reference else ""
        return (f"{len(self.sentences)} sentences, {len(self.dates)} date mentions, "
                f"{len(self.normalized.edits())} normalization edits{ref}")

    def _repr_html_(self) -> str:
        return self.show().data

    def __repr__(self) -> str:
        head = self.text if len(self.text) <= 40 else self.text[:39] + "…"
        return (f"Document({head!r}, {len(self.sentences)} sentences, {len(self.dates)} dates, "
                f"{len(self.normalized.edits())} edits)")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return (self.text, self.normalized, list(self.sentences), list(self.dates), self.reference, self.lang) == (
            other.text, other.normalized, list(other.sentences), list(other.dates), other.reference, other.lang)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (Document, (self.text, self.normalized, list(self.sentences), list(self.dates), self.reference,
                           self.lang))


def analyze(text: str, reference: Reference = None, lang: Lang = "auto",
            normalizer: Optional[Normalizer] = None) -> Document:
    """Normalizes, splits and extracts dates from ``text`` in one call (see :class:`Document`).

    Sentences and dates are found on the original text (they read raw text themselves) so their
    offsets need no mapping; ``normalized`` holds the normalizer's output and alignment.
    """
    if normalizer is None:
        normalizer = _cached(())  # the default Normalizer, shared with sokhan.normalize()
    elif not isinstance(normalizer, Normalizer):
        raise SokhanTypeError(
            f"normalizer must be a sokhan.Normalizer or None, not {type(normalizer).__name__}")
    splitter = _splitter(lang)
    extractor = _extractor(lang)
    if isinstance(text, (bytes, bytearray, memoryview)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as e:
            raise InvalidTextError(f"text is not valid UTF-8: invalid byte 0x{e.object[e.start]:02x} "
                                   f"at byte offset {e.start}") from None
    elif not isinstance(text, str):
        raise SokhanTypeError(f"text must be a str or UTF-8 bytes, not {type(text).__name__}")
    ref = _reference(reference)
    ref_date = _dt.date(*ref) if ref else None
    return Document(text, normalizer.normalize_aligned(text), splitter.split(text),
                    extractor.extract(text, ref_date), ref_date, splitter.lang)
