"""sokhan: fast Persian-first normalization, sentence splitting and date extraction.

>>> import sokhan
>>> sokhan.normalize("رئيسجمهور مي گويد")
'رئیس\u200cجمهور می\u200cگوید'
"""

from ._core import __version__
from .errors import InvalidOptionError, InvalidTextError, SokhanError, SokhanTypeError
from .normalize import Aligned, Normalizer, normalize, unicode_normalize
from .sentences import SentenceSplitter, Span, sentences, split_sentences

__all__ = [
    "__version__",
    "Aligned",
    "InvalidOptionError",
    "InvalidTextError",
    "Normalizer",
    "SentenceSplitter",
    "SokhanError",
    "Span",
    "SokhanTypeError",
    "normalize",
    "sentences",
    "split_sentences",
    "unicode_normalize",
]
