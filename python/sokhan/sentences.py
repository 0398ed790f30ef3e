"""Sentence segmentation of Persian and English running text."""

from __future__ import annotations

from typing import Iterable, Literal, Union

from . import _core
from ._args import threads_arg
from .display import SpanList

__all__ = ["Span", "SentenceSplitter", "split_sentences", "sentences"]

Span = _core.Span
Lang = Literal["auto", "fa", "en"]

Text = Union[str, bytes]


class SentenceSplitter:
    """Splits raw text into sentences; immutable and safe to share between threads.

    ``lang`` is "fa", "en" or "auto" (decided per paragraph from the script). Spans are in
    order, never overlap, exclude surrounding white space and together cover every
    non-space character; offsets are code points into the caller's str. A Span keeps a
    reference to that str and cuts its ``text`` from it when asked.

    >>> [s.text for s in SentenceSplitter().split("تهران - ایرنا: جلسه ساعت ۱۰ آغاز شد. Dr. Smith came.")]
    ['تهران - ایرنا:', 'جلسه ساعت ۱۰ آغاز شد.', 'Dr. Smith came.']
    """

    __slots__ = ("_impl",)

    def __init__(self, lang: Lang = "auto") -> None:
        self._impl = _core.SentenceSplitter(lang)

    @property
    def lang(self) -> str:
        return str(self._impl.lang)

    def split(self, text: Text) -> list[Span]:
        """The sentences of ``text`` as spans (a list that also displays itself in Jupyter)."""
        return SpanList.of(self._impl.split(text), text if isinstance(text, str) else None)

    def split_many(self, texts: Iterable[Text], threads: int = 0) -> list[list[Span]]:
        """split() over many texts on ``threads`` threads (0 = all cores), GIL released."""
        threads = threads_arg(threads)
        return self._impl.split_many(texts, threads)

    def __repr__(self) -> str:
        return f"SentenceSplitter(lang={self.lang!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SentenceSplitter):
            return NotImplemented
        return self.lang == other.lang

    def __hash__(self) -> int:
        return hash(("SentenceSplitter", self.lang))

    def __reduce__(self) -> tuple[object, ...]:
        return (SentenceSplitter, (self.lang,))


_SPLITTERS: dict[str, SentenceSplitter] = {}


def _splitter(lang: str) -> SentenceSplitter:
    s = _SPLITTERS.get(lang) if isinstance(lang, str) else None
    if s is None:
        s = SentenceSplitter(lang)  # type: ignore[arg-type]
        _SPLITTERS[s.lang] = s
    return s


def split_sentences(text: Text, lang: Lang = "auto") -> list[Span]:
    """The sentences of ``text`` as spans (start, end, text).

    >>> [(s.start, s.end) for s in split_sentences("Hello there. How are you?")]
    [(0, 12), (13, 25)]
    """
    return _splitter(lang).split(text)


def sentences(text: Text, lang: Lang = "auto") -> list[str]:
    """The sentences of ``text`` as strings.

    >>> sentences("دیروز باران آمد. امروز آفتابی است.")
    ['دیروز باران آمد.', 'امروز آفتابی است.']
    """
    return [s.text for s in _splitter(lang).split(text)]
