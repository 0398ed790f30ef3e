# Type stub for the compiled extension sokhan._core (private; use the sokhan package).
from typing import Iterable, Optional, Union

__version__: str

_Text = Union[str, bytes]

class Aligned:
    """A normalized text with its alignment to the original (code point offsets)."""

    @property
    def text(self) -> str: ...
    @property
    def original(self) -> str: ...
    def to_original(self, start: int, end: int) -> tuple[int, int]: ...
    def to_normalized(self, start: int, end: int) -> tuple[int, int]: ...
    def edits(self) -> list[tuple[int, int, int, int]]: ...
    def _segments(self) -> list[tuple[int, int, int, int, bool, bool]]: ...
    def __eq__(self, other: object) -> bool: ...

class Normalizer:
    def __init__(
        self,
        unicode_form: Optional[str],
        persian_letters: bool,
        extra_letters: bool,
        digits: str,
        diacritics: str,
        kashida: bool,
        zwnj: bool,
        repair_compounds: bool,
        spacing: bool,
        punctuation: str,
        ellipsis: bool,
        repeated_letters: bool,
    ) -> None: ...
    def normalize(self, text: _Text) -> str: ...
    def normalize_aligned(self, text: _Text) -> Aligned: ...
    def normalize_many(self, texts: Iterable[_Text], threads: int = 0) -> list[str]: ...

def unicode_normalize(text: _Text, form: str) -> str: ...
