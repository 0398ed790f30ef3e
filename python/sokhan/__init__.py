"""sokhan: fast Persian-first normalization, sentence splitting and date extraction.

>>> import sokhan
>>> sokhan.normalize("رئيسجمهور مي گويد")
'رئیس\u200cجمهور می\u200cگوید'
"""

from ._core import __version__
from .dates import DateExtractor, DateMention, PersianDate, extract_dates, persian_date, to_persian
from .document import Document, analyze
from .errors import InvalidOptionError, InvalidTextError, SokhanError, SokhanTypeError
from .normalize import Aligned, Normalizer, normalize, unicode_normalize
from .sentences import SentenceSplitter, Span, sentences, split_sentences
from .timeml import TimeMLDocument, read_timeml, to_timeml

__all__ = [
    "__version__",
    "Aligned",
    "DateExtractor",
    "DateMention",
    "Document",
    "PersianDate",
    "InvalidOptionError",
    "InvalidTextError",
    "Normalizer",
    "SentenceSplitter",
    "SokhanError",
    "Span",
    "SokhanTypeError",
    "TimeMLDocument",
    "analyze",
    "extract_dates",
    "normalize",
    "persian_date",
    "read_timeml",
    "sentences",
    "split_sentences",
    "to_persian",
    "to_timeml",
    "unicode_normalize",
]
