"""Date and time extraction from Persian text, resolved on the Solar Hijri, Gregorian and lunar
Hijri (Umm al-Qura) calendars relative to the document's date."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Iterable, Literal, NamedTuple, Optional, Sequence, Tuple, Union

from . import _core
from ._args import threads_arg
from .display import MentionList
from .errors import InvalidOptionError, SokhanTypeError

__all__ = [
    "DateMention",
    "DateExtractor",
    "extract_dates",
    "persian_date",
    "to_persian",
    "PersianDate",
]

Text = Union[str, bytes]
Reference = Union[_dt.date, str, None]
Lang = Literal["auto", "fa", "en"]
Interval = Tuple[_dt.datetime, _dt.datetime]

class DateMention(NamedTuple):
    """A date or time mention: its span in the caller's text and its resolved value.

    ``kind`` is the TIMEX3 type ("date", "time", "duration", "set"); ``calendar`` the calendar
    the text used; ``native`` the value in that calendar ("1392-06"); ``value`` the TIMEX3 value
    in Gregorian ISO 8601 ("2013-08-23/2013-09-22" for a Solar Hijri month); ``interval`` the
    half-open range of local datetimes it covers, or None for durations, sets and mentions whose
    value needs the missing reference; ``mod`` START/MID/END/APPROX or None; ``relative``
    whether the value depended on the reference. Immutable; compares, hashes and pickles by
    value (it is a named tuple, built in one step by the core).
    """

    start: int
    end: int
    text: str
    kind: str
    calendar: str
    grain: str
    native: Optional[str]
    value: Optional[str]
    interval: Optional[Interval]
    mod: Optional[str]
    relative: bool

    def to_dict(self) -> dict[str, Any]:
        """The fields as a JSON-friendly dict (the interval as two ISO strings)."""
        d = self._asdict()
        if self.interval is not None:
            d["interval"] = [self.interval[0].isoformat(), self.interval[1].isoformat()]
        return d

    def __repr__(self) -> str:
        parts = [f"{self.start}:{self.end}", repr(self.text), self.kind, self.calendar, self.grain]
        if self.native is not None:
            parts.append(f"native={self.native!r}")
        if self.value is not None:
            parts.append(f"value={self.value!r}")
        if self.mod is not None:
            parts.append(f"mod={self.mod}")
        if self.relative:
            parts.append("relative")
        return "DateMention(" + ", ".join(parts) + ")"


def _reference(reference: Reference, argument: str = "reference") -> Optional[tuple[int, int, int]]:
    if reference is None:
        return None
    if isinstance(reference, _dt.date):  # datetime.datetime and pandas.Timestamp included
        if reference != reference:  # pandas' NaT (a datetime with NaN fields): a missing date
            return None
        return (reference.year, reference.month, reference.day)
    if isinstance(reference, str):
        try:
            d = _dt.datetime.fromisoformat(reference.strip())
        except ValueError as e:
            raise InvalidOptionError(
                f"{argument} {reference!r} is not an ISO date{_why_not_a_date(reference, e)} "
                "(expected e.g. '2015-11-25')"
            ) from None
        return (d.year, d.month, d.day)
    raise SokhanTypeError(
        f"{argument} must be a datetime.date, datetime.datetime or ISO string, not {type(reference).__name__}"
    )


def _reference_at(reference: Any, index: int) -> Optional[tuple[int, int, int]]:
    """A batch's reference that is not a date (an ISO string, or something wrong), checked."""
    return _reference(reference, f"references[{index}]")


def _why_not_a_date(text: str, error: ValueError) -> str:
    """Why an ISO-looking string is no date: '2015-13-40' has no month 13, '10000-01-01' is
    past the years datetime.date can hold (1 to 9999)."""
    m = re.fullmatch(r"\s*([+-]?\d{4,})-(\d\d)-(\d\d)\b.*", text, re.DOTALL)
    if m is None:
        return ""
    year = int(m.group(1))
    if not 1 <= year <= 9999:
        return f": the year {year} is outside 1 to 9999"
    return f": {error}"


def _texts(texts: Any) -> Union[list[Any], tuple[Any, ...]]:
    """The texts of a batch call as a list (or tuple), with typed errors for what is none."""
    if isinstance(texts, (list, tuple)):
        return texts
    if isinstance(texts, (str, bytes)):
        raise SokhanTypeError("texts must be a sequence of texts, not a single str or bytes")
    try:
        return list(texts)
    except TypeError:
        raise SokhanTypeError(f"texts must be an iterable of str, not {type(texts).__name__}") from None


class DateExtractor:
    """Finds date and time mentions; immutable and safe to share between threads.

    >>> x = DateExtractor()
    >>> [(m.text, m.native, m.value) for m in x.extract("جلسه دوشنبه ۲ آذر ۱۳۹۴ برگزار شد.")]
    [('دوشنبه ۲ آذر ۱۳۹۴', '1394-09-02', '2015-11-23')]
    """

    __slots__ = ("_impl",)

    def __init__(self, lang: Lang = "auto") -> None:
        self._impl = _core.DateExtractor(lang)

    @property
    def lang(self) -> str:
        return str(self._impl.lang)

    def extract(self, text: Text, reference: Reference = None) -> list[DateMention]:
        """Mentions in ``text``, relative ones resolved against ``reference`` (the document date)."""
        return MentionList.of(self._impl.extract(text, _reference(reference)), text if isinstance(text, str) else None)

    def extract_many(self, texts: Iterable[Text], references: Union[Sequence[Reference], Reference] = None,
                     threads: int = 0) -> list[list[DateMention]]:
        """extract() over many texts on ``threads`` threads (0 = all cores), GIL released.
        ``references`` is one date for all texts, or a sequence with one per text."""
        threads = threads_arg(threads)
        texts = _texts(texts)
        refs: Optional[Sequence[Any]] = None
        if references is not None:
            if isinstance(references, (str, _dt.date)):
                # one checked (y, m, d) for all: the core reads tuples when given no convert
                return self._impl.extract_many(texts, [_reference(references)] * len(texts), threads)
            if isinstance(references, (list, tuple)):
                refs = references  # dates are read in C; other items come back to _reference_at
            else:
                try:
                    refs = list(references)
                except TypeError:
                    raise SokhanTypeError(
                        "references must be a date, datetime, ISO string or a sequence with one "
                        f"per text, not {type(references).__name__}"
                    ) from None
        return self._impl.extract_many(texts, refs, threads, _reference_at)

    def __repr__(self) -> str:
        return f"DateExtractor(lang={self.lang!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DateExtractor):
            return NotImplemented
        return self.lang == other.lang

    def __hash__(self) -> int:
        return hash(("DateExtractor", self.lang))

    def __reduce__(self) -> tuple[Any, ...]:
        return (DateExtractor, (self.lang,))


_EXTRACTORS: dict[str, DateExtractor] = {}


def _extractor(lang: str) -> DateExtractor:
    """One shared extractor per language (the module-level calls and analyze() use it)."""
    x = _EXTRACTORS.get(lang) if isinstance(lang, str) else None
    if x is None:
        x = DateExtractor(lang)  # type: ignore[arg-type]
        _EXTRACTORS[x.lang] = x
    return x


def extract_dates(text: Text, reference: Reference = None, lang: Lang = "auto") -> list[DateMention]:
    """Date and time mentions of ``text``, resolved against ``reference`` (the document date).

    >>> m = extract_dates("اوایل بهمن پارسال", reference="2016-05-01")[0]
    >>> (m.native, m.mod, m.interval[0].date().isoformat())
    ('1394-11', 'START', '2016-01-21')
    """
    return _extractor(lang).extract(text, reference)


class PersianDate(NamedTuple):
    """A Solar Hijri date."""

    year: int
    month: int
    day: int


def _ints(*values: Any) -> None:
    for v in values:
        if not isinstance(v, int) or isinstance(v, bool):
            raise SokhanTypeError(f"year, month and day must be ints, not {type(v).__name__}")


def persian_date(year: int, month: int, day: int) -> _dt.date:
    """The Gregorian date of a Solar Hijri date.

    >>> persian_date(1394, 9, 2)
    datetime.date(2015, 11, 23)
    """
    _ints(year, month, day)
    if not 1 <= month <= 12:
        raise InvalidOptionError(f"month must be 1 to 12, not {month}")
    longest = 31 if month <= 6 else 30
    if not 1 <= day <= longest:
        raise InvalidOptionError(f"day must be 1 to {longest} in month {month}, not {day}")
    # The Solar Hijri years that overlap datetime.date's Gregorian years 1 to 9999; the first
    # and the last only partly, so the result is checked too.
    if not -621 <= year <= 9378:
        raise InvalidOptionError(
            f"year must be -621 to 9378 (Gregorian years 1 to 9999), not {year}")
    try:
        y, m, d = _core.calendar_to_gregorian("persian", year, month, day)
    except InvalidOptionError:
        if (month, day) == (12, 30):
            raise InvalidOptionError(
                f"day must be 1 to 29 in month 12 of {year}, which is not a leap year, not 30"
            ) from None
        raise
    if not 1 <= y <= 9999:
        raise InvalidOptionError(
            f"{year}-{month:02d}-{day:02d} (Solar Hijri) is the Gregorian year {y}, outside the "
            "years 1 to 9999 that datetime.date holds"
        )
    return _dt.date(y, m, d)


def to_persian(date: Union[_dt.date, str]) -> PersianDate:
    """The Solar Hijri date of a Gregorian date (a date, datetime or ISO string).

    >>> to_persian(_dt.date(2015, 3, 21))
    PersianDate(year=1394, month=1, day=1)
    """
    ymd = _reference(date, "date")
    if ymd is None:
        raise SokhanTypeError("date must be a datetime.date, datetime.datetime or ISO string, not NoneType")
    return PersianDate(*_core.gregorian_to_calendar("persian", *ymd))


_core.set_mention_type(DateMention)
