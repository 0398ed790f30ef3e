"""sokhan: fast Persian-first normalization, sentence splitting and date extraction.

>>> import sokhan
>>> sokhan.normalize("رئيسجمهور مي گويد")
'رئیس\u200cجمهور می\u200cگوید'
"""

from ._core import __version__
from .errors import InvalidOptionError, InvalidTextError, SokhanError, SokhanTypeError
from .normalize import Aligned, Normalizer, normalize, unicode_normalize

__all__ = [
    "__version__",
    "Aligned",
    "InvalidOptionError",
    "InvalidTextError",
    "Normalizer",
    "SokhanError",
    "SokhanTypeError",
    "normalize",
    "unicode_normalize",
]
