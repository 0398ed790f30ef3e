"""Persian-first normalization with an alignment to the original text."""

from __future__ import annotations

import copyreg
import functools
from typing import Any, Iterable, Literal, Union

from . import _core
from ._args import threads_arg
from .errors import InvalidOptionError, SokhanTypeError

__all__ = ["Normalizer", "Aligned", "normalize", "unicode_normalize"]

Aligned = _core.Aligned


def _aligned_html(self: Aligned) -> str:
    from .display import aligned_html

    return aligned_html(self)


setattr(Aligned, "_repr_html_", _aligned_html)  # Jupyter shows the original with every edit in place


def _aligned_from_state(state: Any) -> Aligned:
    a = Aligned.__new__(Aligned)
    a.__setstate__(state)
    return a


def _reduce_aligned(a: Aligned) -> tuple[Any, ...]:
    return (_aligned_from_state, (a.__getstate__(),))


# pybind11's own pickling works only from protocol 2 on: protocols 0 and 1 (and copy.copy, which
# asks for 4 but takes the same road for a type without __reduce__) would build the object
# without pybind11 and abort the interpreter. One reducer for every protocol and for copy.
copyreg.pickle(Aligned, _reduce_aligned)
Text = Union[str, bytes]

#: Every option of :class:`Normalizer` with its default.
DEFAULTS: dict[str, Any] = {
    "unicode_form": "NFC",
    "persian_letters": True,
    "extra_letters": False,
    "digits": "keep",
    "diacritics": "remove",
    "kashida": True,
    "zwnj": True,
    "repair_compounds": True,
    "spacing": True,
    "punctuation": "persian",
    "ellipsis": False,
    "repeated_letters": False,
}

_CHOICES: dict[str, tuple[Any, ...]] = {
    "unicode_form": ("NFC", "NFKC", None),
    "digits": ("keep", "latin", "persian", "arabic"),
    "diacritics": ("keep", "remove"),
    "punctuation": ("keep", "persian"),
}


def _check_options(options: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(options) - set(DEFAULTS))
    if unknown:
        raise InvalidOptionError(
            f"unknown option{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
            f"valid options are {', '.join(DEFAULTS)}"
        )
    merged = {**DEFAULTS, **options}
    for name, value in merged.items():
        choices = _CHOICES.get(name)
        if choices is None:
            if not isinstance(value, bool):
                raise SokhanTypeError(f"option {name} must be True or False, not {value!r}")
        elif value not in choices or (value is not None and not isinstance(value, str)):
            raise InvalidOptionError(
                f"unknown value {value!r} for option {name}; expected one of "
                + ", ".join(map(repr, choices))
            )
    return merged


class Normalizer:
    """Normalizes Persian (and mixed) text; immutable and safe to share between threads.

    Options (keyword-only, defaults in brackets):

    - ``unicode_form`` ["NFC"]: "NFC", "NFKC" or None, applied first.
    - ``persian_letters`` [True]: ي ى → ی, ك → ک, Arabic presentation forms (U+FB50–FDFF,
      U+FE70–FEFF) → letters, lam-alef ligatures → two letters.
    - ``extra_letters`` [False]: ة → ه, أ إ ٱ → ا, ؤ → و, and ئ that only writes the glide
      between a long vowel and ی (پائیز → پاییز) → ی; ئ seating a hamza (رئیس) stays.
    - ``digits`` ["keep"]: "keep", "latin", "persian" or "arabic". Digits inside Latin tokens
      (ATM74, COVID-19, mp3), URLs and e-mail addresses keep their script when converting to
      Persian or Arabic. In well-formed numbers the separators follow the target script:
      1.7 ↔ ۱٫۷ (U+066B) and 2,500 ↔ ۲٬۵۰۰ (U+066C); "/" is never touched (dates, and the
      Persian habit of writing ۱۲/۵ for 12.5, stay as written).
    - ``diacritics`` ["remove"]: "keep" or "remove" harakat, tanvin, shadda, sukun and
      superscript alef; hamza above (خانهٔ) and madda are orthography and stay.
    - ``kashida`` [True]: remove tatweel (ـ).
    - ``zwnj`` [True]: one canonical ZWNJ (ZWJ, soft hyphen, ZWSP and word joiners between
      Persian letters become it); ZWNJs with no effect go (doubled, at word edges, beside
      spaces, after a letter that does not join forward); a space becomes a ZWNJ after می/نمی
      before a verb, before ها/های/هایی, before تر/ترین after an adjective, and before the
      enclitics (ای، ام، اش، ...) after a word ending in ه.
    - ``repair_compounds`` [True]: restore lost ZWNJs from the compound lexicon
      (رئیسجمهور → رئیس‌جمهور, میشود → می‌شود, کتابها → کتاب‌ها); closed words (همچنین) stay.
    - ``spacing`` [True]: collapse runs of spaces (newlines are kept), no space before
      ، ؛ . : ! ؟ ) ] » or after ( [ «, one space after sentence punctuation before a letter;
      never inside numbers, URLs, e-mail addresses, Latin abbreviations or emoticons.
    - ``punctuation`` ["persian"]: "keep", or "persian" to write , ; ? as ، ؛ ؟ in Persian
      context (Latin text and numbers keep theirs).
    - ``ellipsis`` [False]: "..." → "…".
    - ``repeated_letters`` [False]: three or more identical Persian letters become one
      (خیلییییی → خیلی); digits and Latin text are never touched.

    >>> Normalizer().normalize("علي  مي رود")
    'علی می\u200cرود'
    >>> Normalizer(digits="persian").normalize("سال 1394 و نرخ 1.7 درصد")
    'سال ۱۳۹۴ و نرخ ۱٫۷ درصد'
    """

    __slots__ = ("_impl", "_options")

    def __init__(self, **options: Any) -> None:
        merged = _check_options(options)
        self._options = merged
        self._impl = _core.Normalizer(**merged)

    @property
    def options(self) -> dict[str, Any]:
        """All options, with defaults filled in."""
        return dict(self._options)

    def normalize(self, text: Text) -> str:
        """The normalized text."""
        return self._impl.normalize(text)

    def normalize_aligned(self, text: Text) -> Aligned:
        """The normalized text with its alignment to ``text`` (code point offsets).

        >>> a = Normalizer().normalize_aligned("كتاب  ها")
        >>> a.text
        'کتاب\u200cها'
        >>> a.to_original(5, 7)
        (6, 8)
        """
        return self._impl.normalize_aligned(text)

    def normalize_many(self, texts: Iterable[Text], threads: int = 0) -> list[str]:
        """normalize() over many texts, on ``threads`` threads (0 = all cores), GIL released."""
        threads = threads_arg(threads)
        return self._impl.normalize_many(texts, threads)

    def __repr__(self) -> str:
        changed = {k: v for k, v in self._options.items() if DEFAULTS[k] != v}
        return "Normalizer(" + ", ".join(f"{k}={v!r}" for k, v in changed.items()) + ")"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Normalizer):
            return NotImplemented
        return self._options == other._options

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._options.items(), key=lambda kv: kv[0])))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickles as its options only; the tables are rebuilt once per process.
        return (_from_options, (self._options,))


def _from_options(options: dict[str, Any]) -> Normalizer:
    return Normalizer(**options)


@functools.lru_cache(maxsize=64)
def _cached(items: tuple[tuple[str, Any], ...]) -> Normalizer:
    return Normalizer(**dict(items))


def normalize(text: Text, **options: Any) -> str:
    """Normalize one text with the given :class:`Normalizer` options.

    >>> normalize("ك ي", persian_letters=True)
    'ک ی'
    """
    try:
        normalizer = _cached(tuple(sorted(options.items())))
    except TypeError:  # an unhashable option value: let Normalizer explain what is wrong
        normalizer = Normalizer(**options)
    return normalizer.normalize(text)


def unicode_normalize(text: Text, form: Literal["NFC", "NFD", "NFKC", "NFKD"]) -> str:
    """``text`` in Unicode normalization form ``form`` ("NFC", "NFD", "NFKC" or "NFKD").

    >>> unicode_normalize("e\u0301", "NFC")
    'é'
    """
    return _core.unicode_normalize(text, form)


