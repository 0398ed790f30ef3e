"""The errors sokhan raises on purpose.

Every error derives from :class:`SokhanError`; errors about arguments also derive from the
built-in :class:`ValueError` or :class:`TypeError`, so ``except ValueError`` keeps working.
"""

from __future__ import annotations

__all__ = [
    "SokhanError",
    "InvalidTextError",
    "InvalidOptionError",
    "SokhanTypeError",
]


class SokhanError(Exception):
    """Base class of every error sokhan raises on purpose."""


class InvalidTextError(SokhanError, ValueError):
    """Text that is not valid Unicode: a lone surrogate in a str (the message names its index)
    or bytes that are not UTF-8 (the message names the byte offset); also text that cannot be
    TimeML (a character XML cannot carry, a document that is not well formed)."""


class InvalidOptionError(SokhanError, ValueError):
    """An unknown option, an unknown option value or an out-of-range argument; the message
    names the argument and lists the valid values."""


class SokhanTypeError(SokhanError, TypeError):
    """An argument of the wrong type; the message names the argument and the type given."""
