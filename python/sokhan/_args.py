"""Argument checks the facades share; each raises the typed errors of sokhan.errors."""

from __future__ import annotations

from typing import Any

from .errors import InvalidOptionError, SokhanTypeError

# More threads than items are never started, so any count past this one means "one per item";
# capping it keeps Python ints of any size away from the core's C integer.
_MOST_THREADS = 1 << 20


def threads_arg(threads: Any) -> int:
    """``threads`` of a batch call: an int, 0 for all cores."""
    if not isinstance(threads, int) or isinstance(threads, bool):
        raise SokhanTypeError(f"threads must be an int, not {type(threads).__name__}")
    if threads < 0:
        raise InvalidOptionError(
            f"threads must be 0 (all cores) or a positive number, not {threads}")
    return min(threads, _MOST_THREADS)
