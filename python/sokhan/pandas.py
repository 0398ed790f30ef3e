"""A ``.sokhan`` accessor on pandas Series: normalization, sentences and dates for a whole column.

Importing this module registers the accessor (``import sokhan`` alone does not import pandas)::

    import pandas as pd
    import sokhan.pandas  # noqa: F401  (registers Series.sokhan)

    s = pd.Series(["جلسه دوشنبه ۲ آذر ۱۳۹۴ برگزار شد.", None], index=["a", "b"])
    s.sokhan.normalize(digits="latin")       # Series of str, same index and name
    s.sokhan.sentences()                     # Series of lists of str; .explode() for one per row
    s.sokhan.dates(reference="2015-11-25")   # DataFrame, one row per mention

Each method converts the column once, runs one batch call of the core over every non-missing
row on all cores (``threads=0``; the GIL is released) and builds the result in one step, so
a 100k-row Series costs no per-row call into sokhan. An Arrow-backed column (pandas 3's
default ``str`` dtype, ``string[pyarrow]``, ``ArrowDtype(pa.string())``) is read from its
Arrow buffers in place, and a normalized column and the string columns of ``dates()`` are
built as Arrow arrays from the core's output, so no Python ``str`` is made per row. pyarrow
stays optional: without it every column goes through Python ``str``.

Missing values (None, NaN, NaT, pd.NA) pass through: ``normalize`` and ``sentences`` keep
them missing, ``dates`` gives them no rows. A value that is not a ``str`` raises
:class:`sokhan.SokhanTypeError` (a ``TypeError``) naming its row label.

``dates()`` returns one row per mention, indexed like ``Series.explode``: the index holds the
source row's label (repeated once per mention, with the Series' index name and levels), so
``df.join(df.text.sokhan.dates())`` attaches mentions to their rows and ``.reset_index()``
makes the label a column. Columns and dtypes:

- ``start``, ``end`` (Int64): the mention's code point span in the row's text
- ``text`` (string): the mention as written
- ``kind``, ``calendar``, ``grain`` (string): as on :class:`sokhan.DateMention`
- ``native``, ``value``, ``mod`` (string): <NA> where the mention has none
- ``begin``, ``until`` (datetime64[us]): the half-open interval ``begin <= t < until``; NaT
  where ``DateMention.interval`` is None (microseconds hold every year 1-9999)
- ``relative`` (boolean): whether the value depended on the reference

An empty result has the same columns and dtypes.

The interval columns are ``begin``/``until`` rather than ``begin``/``end`` because ``end``
already names the end of the span, as on ``DateMention`` and ``Span``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import importlib
from typing import Any, Collection, Hashable, Optional, Sequence, Union

import numpy as np
import pandas as pd

from . import _core
from .dates import _extractor, _reference
from ._args import threads_arg
from .errors import InvalidOptionError, SokhanTypeError
from .normalize import Normalizer, _cached
from .sentences import _splitter

__all__ = ["SokhanSeriesAccessor", "DATE_COLUMNS"]

#: The columns of :meth:`SokhanSeriesAccessor.dates` and their dtypes, in order.
DATE_COLUMNS: dict[str, str] = {
    "start": "Int64",
    "end": "Int64",
    "text": "string",
    "kind": "string",
    "calendar": "string",
    "grain": "string",
    "native": "string",
    "value": "string",
    "begin": "datetime64[us]",
    "until": "datetime64[us]",
    "mod": "string",
    "relative": "boolean",
}

# DateMention fields in tuple order, mapped onto the string columns above.
_FIELDS = ("start", "end", "text", "kind", "calendar", "grain", "native", "value", "interval", "mod",
           "relative")

# The pandas string storages that hold an Arrow large_string array.
_ARROW_STORAGES = ("pyarrow", "pyarrow_numpy")

# datetime64's NaT as int64: "no reference" in the days the core's column call takes.
_NAT = np.iinfo(np.int64).min
# date(1970, 1, 1).toordinal(): days are counted from numpy's epoch.
_EPOCH = 719163


def _string_dtype() -> Any:
    """pandas' default dtype for str values ("str" on pandas 3, object before)."""
    return pd.Series(["x"]).dtype


@functools.lru_cache(maxsize=None)
def _pyarrow() -> Any:
    """pyarrow, or None: an optional dependency, only imported for Arrow-backed columns (by
    name, so that the type checker needs no stubs of it)."""
    try:
        return importlib.import_module("pyarrow")
    except ImportError:
        return None


def _arrow_storage(dtype: Any) -> bool:
    """Whether a string column of ``dtype`` holds an Arrow array that can be built here."""
    return (isinstance(dtype, pd.StringDtype) and dtype.storage in _ARROW_STORAGES
            and _pyarrow() is not None)


def _arrow_chunks(series: pd.Series) -> Optional[list[tuple[np.ndarray, np.ndarray]]]:
    """(offsets, UTF-8 data) of each chunk of an Arrow-backed string Series, as numpy views of
    the Arrow buffers (nothing copied), or None for any other Series."""
    dtype = series.dtype
    arrow_dtype = getattr(pd, "ArrowDtype", None)
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage in _ARROW_STORAGES) and not (
            arrow_dtype is not None and isinstance(dtype, arrow_dtype)):
        return None
    pa = _pyarrow()
    if pa is None:
        return None
    data = pa.array(series.array)  # the Arrow protocol: the column's own (chunked) array
    chunks = data.chunks if isinstance(data, pa.ChunkedArray) else [data]
    out = []
    for chunk in chunks:
        if pa.types.is_large_string(chunk.type):
            width: Any = np.int64
        elif pa.types.is_string(chunk.type):
            width = np.int32
        else:  # string_view, dictionary, binary, ...: through Python str
            return None
        if len(chunk) == 0:
            continue
        _, offsets, values = chunk.buffers()
        size = np.dtype(width).itemsize
        out.append((np.frombuffer(offsets, dtype=width, count=len(chunk) + 1,
                                  offset=chunk.offset * size),
                    np.frombuffer(values, dtype=np.uint8) if values is not None
                    else np.empty(0, dtype=np.uint8)))
    return out


def _arrow_strings(offsets: np.ndarray, data: np.ndarray, valid: Optional[np.ndarray]) -> Any:
    """A pyarrow large_string array over the core's buffers (no copy); rows where ``valid`` is
    false are null."""
    pa = _pyarrow()
    bitmap, nulls = None, 0
    if valid is not None:
        nulls = len(valid) - int(np.count_nonzero(valid))
        if nulls:
            bitmap = pa.py_buffer(np.packbits(valid, bitorder="little"))
    buffers = [bitmap, pa.py_buffer(offsets), pa.py_buffer(data)]
    return pa.Array.from_buffers(pa.large_string(), len(offsets) - 1, buffers, null_count=nulls)


def _object_array(items: list[Any]) -> np.ndarray:
    """A 1-D object array of ``items`` (lists stay elements, never a second dimension)."""
    try:
        return np.fromiter(items, dtype=object, count=len(items))
    except (TypeError, ValueError):  # numpy < 1.23 has no object fromiter
        out = np.empty(len(items), dtype=object)
        for k, item in enumerate(items):
            out[k] = item
        return out


# The documents of a column call into the core: a list of str, or (Arrow chunks, missing rows).
_Docs = Union[list[str], tuple[list[tuple[np.ndarray, np.ndarray]], Optional[np.ndarray]]]


class _Column:
    """A Series split once into its missing rows and the documents of the others: with
    ``arrow=True`` an Arrow-backed column gives its buffers (``docs``) and no str at all;
    otherwise ``texts`` holds the str values of the non-missing rows."""

    __slots__ = ("series", "missing", "positions", "texts", "docs")

    def __init__(self, series: pd.Series, arrow: bool = False) -> None:
        self.series = series
        missing = np.ascontiguousarray(series.isna().to_numpy(dtype=bool))
        self.missing = missing
        positions = np.flatnonzero(~missing) if missing.any() else None
        self.positions: Optional[np.ndarray] = positions
        chunks = _arrow_chunks(series) if arrow else None
        if chunks is not None:
            self.texts: list[str] = []
            self.docs: _Docs = (chunks, None if positions is None else missing)
            return
        values = series.to_numpy(dtype=object)
        if positions is not None:
            values = values[positions]
        texts = values.tolist()
        # One compiled pass says whether all are str; only a column with something else is
        # searched row by row, for the message.
        if not isinstance(series.dtype, pd.StringDtype) and pd.api.types.infer_dtype(
                values, skipna=False) not in ("string", "empty"):
            for k, text in enumerate(texts):
                if not isinstance(text, str):
                    row = k if positions is None else int(positions[k])
                    raise SokhanTypeError(
                        f"row {_label(series.index[row])!r} of the Series is {type(text).__name__} "
                        f"({text!r:.60}), not str; convert it (e.g. .astype(str) or "
                        ".str.decode('utf-8')) or make it missing"
                    )
        self.texts = texts
        self.docs = texts

    @property
    def count(self) -> int:
        """The number of documents (non-missing rows)."""
        return len(self.missing) if self.positions is None else len(self.positions)

    def spread(self, results: list[Any], fill: Any = ...) -> np.ndarray:
        """An object array with a row for each row of the Series: ``results`` for the
        documents, ``fill`` elsewhere (``...``: the row's own missing value, None, NaN, pd.NA)."""
        docs = _object_array(results)
        if self.positions is None:
            return docs
        values = np.full(len(self.missing), None if fill is ... else fill, dtype=object)
        if fill is ...:
            own = self.series.iloc[np.flatnonzero(self.missing)]
            values[self.missing] = own.to_numpy(dtype=object)
        values[self.positions] = docs
        return values

    def row_offsets(self, offsets: np.ndarray) -> np.ndarray:
        """Offsets of the documents' strings → offsets of the rows' (missing rows empty)."""
        if self.positions is None:
            return offsets
        lengths = np.zeros(len(self.missing), dtype=np.int64)
        lengths[self.positions] = np.diff(offsets)
        out = np.zeros(len(self.missing) + 1, dtype=np.int64)
        np.cumsum(lengths, out=out[1:])
        return out

    def valid(self) -> Optional[np.ndarray]:
        """The rows that are not missing, or None when none is."""
        return None if self.positions is None else ~self.missing


def _label(value: Any) -> Any:
    """A row label as Python shows it: 11, not np.int64(11)."""
    return value.item() if isinstance(value, np.generic) else value


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float) and value != value:
        return True
    if isinstance(value, np.datetime64) and np.isnat(value):
        return True
    return False


def _one_reference(value: Any, where: str) -> Optional[_dt.date]:
    if _is_missing(value):
        return None
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    ymd = _reference(value, where)
    return None if ymd is None else _dt.date(*ymd)


def _check_reference_scalar(reference: Any, columns: Optional[Collection[Hashable]]) -> None:
    """For sokhan.dask and sokhan.spark: fail on the client, before any task runs, for a scalar
    reference no row could use; a str that is not an ISO date is then named as a missing column
    of ``columns`` (None: a Series, or columns not known yet)."""
    try:
        _one_reference(reference, "reference")
    except ValueError as e:
        if columns is not None and isinstance(reference, str):
            raise InvalidOptionError(f"reference {reference!r} is neither a column of the "
                                     f"DataFrame ({list(columns)}) nor an ISO date") from e
        raise


def _check_keep(keep: Sequence[Hashable], columns: Optional[Collection[Hashable]],
                rename_hint: str) -> None:
    """For sokhan.dask and sokhan.spark: the ``keep`` columns exist in ``columns`` (unless None:
    not known yet), none has a mention column's name, none is named twice. ``rename_hint`` says
    how to rename a column on that platform, with ``{name!r}`` for the column's name."""
    if columns is not None:
        missing = [k for k in keep if k not in columns]
        if missing:
            raise KeyError(f"keep: no column {missing[0]!r}; the DataFrame has {list(columns)}")
    clash = [k for k in keep if k in DATE_COLUMNS]
    if clash:
        raise ValueError(f"keep: column {clash[0]!r} has the name of a mention column; rename it "
                         f"first ({rename_hint.format(name=clash[0])})")
    if len(set(keep)) != len(keep):
        raise ValueError("keep names a column twice")


def _aligned_reference(reference: Any, series: pd.Series,
                       positions: Optional[np.ndarray]) -> Optional[tuple[pd.Series, pd.Index]]:
    """A reference Series aligned on the non-missing rows, with their labels; None for a scalar.
    Raises for what is neither."""
    if isinstance(reference, (pd.DataFrame, dict, set)):
        raise SokhanTypeError(
            f"reference must be a date, datetime, ISO string, pd.Timestamp or a Series aligned on "
            f"the index, not {type(reference).__name__}"
        )
    if isinstance(reference, pd.Series):
        if reference.index.equals(series.index):
            aligned = reference
        elif reference.index.is_unique:
            aligned = reference.reindex(series.index)  # labels it lacks get no reference
        else:
            raise ValueError("reference Series has duplicate index labels and a different index "
                             "from the text Series, so it cannot be aligned")
        labels = series.index
        if positions is not None:
            aligned = aligned.iloc[positions]
            labels = labels[positions]
        return aligned, labels
    if isinstance(reference, (list, tuple, np.ndarray, pd.Index)):
        raise SokhanTypeError("reference must be a scalar or a pandas Series aligned on the index; "
                              "wrap per-row dates as pd.Series(dates, index=s.index)")
    return None


def _references(reference: Any, series: pd.Series, positions: Optional[np.ndarray]) -> Any:
    """One date (or None) for every non-missing row, or a single scalar for all."""
    found = _aligned_reference(reference, series, positions)
    if found is None:
        return _one_reference(reference, "reference")
    aligned, labels = found
    if pd.api.types.is_datetime64_any_dtype(aligned.dtype):
        missing = aligned.isna().to_numpy(dtype=bool)
        if missing.all():
            return None
        ymd = [getattr(aligned.dt, part).fillna(1).astype("int64").tolist()
               for part in ("year", "month", "day")]
        return [None if m else _dt.date(y, mo, d) for m, y, mo, d in zip(missing.tolist(), *ymd)]
    return [_one_reference(v, f"reference for row {label!r}")
            for v, label in zip(aligned.to_numpy(dtype=object).tolist(), labels)]


def _days(dates: Sequence[Optional[_dt.date]]) -> np.ndarray:
    """Days since 1970-01-01 of dates (NaT as int64 for None), what extract_column takes.
    date.toordinal through map: numpy's own conversion of date objects is 30 times slower."""
    present = [d for d in dates if d is not None]
    ordinals = np.fromiter(map(_dt.date.toordinal, present), dtype=np.int64, count=len(present))
    if len(present) == len(dates):
        return ordinals - _EPOCH
    days = np.full(len(dates), _NAT, dtype=np.int64)
    kept = np.fromiter((d is not None for d in dates), dtype=bool, count=len(dates))
    days[kept] = ordinals - _EPOCH
    return days


def _reference_days(reference: Any, series: pd.Series, positions: Optional[np.ndarray],
                    count: int) -> Optional[np.ndarray]:
    """_references as days for each of the ``count`` documents (None: no reference at all),
    with the same checks and errors; a datetime64 Series or one of datetime.date (and None)
    is converted without a Python call per row."""
    found = _aligned_reference(reference, series, positions)
    if found is None:
        one = _one_reference(reference, "reference")
        return None if one is None else np.full(count, _days([one])[0], dtype=np.int64)
    aligned, _ = found
    if isinstance(aligned.dtype, pd.DatetimeTZDtype):
        aligned = aligned.dt.tz_localize(None)  # the local date, as .dt.day gives it
    if isinstance(aligned.dtype, np.dtype) and aligned.dtype.kind == "M":
        # datetime64[D] floors to the day, as .dt.day reads it
        return np.asarray(aligned.to_numpy(dtype="datetime64[D]")).view(np.int64)
    if aligned.dtype == object:
        values = aligned.to_numpy(dtype=object).tolist()
        if set(map(type, values)) <= {_dt.date, type(None)}:  # exactly dates: nothing to check
            return _days(values)
    refs = _references(reference, series, positions)
    return None if refs is None else _days(refs)


def _empty_frame(index: pd.Index) -> pd.DataFrame:
    return pd.DataFrame({name: pd.array([], dtype=dtype) for name, dtype in DATE_COLUMNS.items()},
                        index=index[:0])


def _datetimes(values: Sequence[Optional[_dt.datetime]]) -> Any:
    # pandas converts an object array of datetimes (None → NaT) in compiled code; the
    # microsecond unit holds every year sokhan resolves (1–9999), nanoseconds would not.
    return pd.array(np.array(values, dtype=object), dtype="datetime64[us]")


def _mention_frame(found: dict[str, Any], rows: np.ndarray, index: pd.Index) -> pd.DataFrame:
    """The dates() frame from extract_column's columns (string columns as Arrow arrays)."""
    data: dict[Hashable, Any] = {}
    for name, dtype in DATE_COLUMNS.items():
        column = found[name]
        if dtype == "string":
            data[name] = pd.array(_arrow_strings(*column), dtype=dtype)
        elif name in ("begin", "until"):
            data[name] = pd.array(column.view("datetime64[us]"), dtype=dtype)
        else:
            data[name] = pd.array(column, dtype=dtype)
    return pd.DataFrame(data, index=index.take(rows))


def _mention_frame_of_tuples(found: list[list[Any]], rows: np.ndarray,
                             index: pd.Index) -> pd.DataFrame:
    """The dates() frame from DateMention tuples (string columns stored as Python str)."""
    fields = dict(zip(_FIELDS, zip(*(m for row in found for m in row))))
    intervals = fields.pop("interval")
    data: dict[Hashable, Any] = {}
    for name, dtype in DATE_COLUMNS.items():
        if name == "begin":
            data[name] = _datetimes([None if i is None else i[0] for i in intervals])
        elif name == "until":
            data[name] = _datetimes([None if i is None else i[1] for i in intervals])
        else:
            data[name] = pd.array(list(fields[name]), dtype=dtype)
    return pd.DataFrame(data, index=index.take(rows))


@pd.api.extensions.register_series_accessor("sokhan")
class SokhanSeriesAccessor:
    """sokhan on a Series of str: ``s.sokhan.normalize()``, ``.sentences()``, ``.dates()``."""

    def __init__(self, series: pd.Series) -> None:
        self._series = series

    def normalize(self, *, threads: int = 0, **options: Any) -> pd.Series:
        """The normalized text of every row: a Series with the same index and name.

        ``options`` are :class:`sokhan.Normalizer`'s. A string-dtype Series keeps its dtype;
        other Series give pandas' default str dtype. Missing rows stay missing.

        >>> import pandas as pd, sokhan.pandas
        >>> pd.Series(["علي  مي رود", None]).sokhan.normalize().tolist()
        ['علی می\u200cرود', nan]
        """
        threads = threads_arg(threads)
        try:
            normalizer = _cached(tuple(sorted(options.items())))
        except TypeError:  # an unhashable option value: let Normalizer explain what is wrong
            normalizer = Normalizer(**options)
        series = self._series
        dtype = series.dtype if isinstance(series.dtype, pd.StringDtype) else _string_dtype()
        if _arrow_storage(dtype):
            # UTF-8 in (Arrow buffers or str), UTF-8 out, wrapped as the result's Arrow array.
            col = _Column(series, arrow=True)
            offsets, data = _core.normalize_column(normalizer._impl, col.docs, threads)
            strings = _arrow_strings(col.row_offsets(offsets), data, col.valid())
            values = pd.array(strings, dtype=dtype)
            return pd.Series(values, index=series.index, name=series.name)
        col = _Column(series)
        results = normalizer.normalize_many(col.texts, threads=threads) if col.texts else []
        return pd.Series(col.spread(results, None), index=series.index, name=series.name,
                         dtype=dtype)

    def sentences(self, lang: str = "auto", *, spans: bool = False, threads: int = 0) -> pd.Series:
        """The sentences of every row: a Series of lists of str (of :class:`sokhan.Span` with
        ``spans=True``), same index and name; ``.explode()`` gives one sentence per row.

        A missing row keeps its missing value; a text with no sentences gives ``[]``.

        >>> import pandas as pd, sokhan.pandas
        >>> pd.Series(["Hi there. Bye.", None]).sokhan.sentences().tolist()
        [['Hi there.', 'Bye.'], nan]
        """
        threads = threads_arg(threads)
        splitter = _splitter(lang)
        found: list[list[Any]]
        if spans:  # a Span refers to the row's str, so each row becomes one
            col = _Column(self._series)
            found = splitter.split_many(col.texts, threads=threads) if col.texts else []
        else:
            col = _Column(self._series, arrow=True)
            found = _core.split_column(splitter._impl, col.docs, threads)
        return pd.Series(col.spread(found), index=self._series.index, name=self._series.name,
                         dtype=object)

    def dates(self, reference: Any = None, lang: str = "auto", *, threads: int = 0) -> pd.DataFrame:
        """Date and time mentions: a DataFrame with one row per mention (see the module doc
        for the columns), indexed by the source row's label, repeated like ``Series.explode``.

        ``reference`` (the documents' date, for relative mentions) is None, a date, datetime,
        pd.Timestamp or ISO string for every row, or a Series aligned on the index with each
        row's own date (missing there, or a label it lacks: no reference for that row).

        >>> import pandas as pd, sokhan.pandas
        >>> s = pd.Series(["جلسه دوشنبه ۲ آذر ۱۳۹۴ برگزار شد."], index=pd.Index([7], name="doc"))
        >>> d = s.sokhan.dates(reference="2015-11-25")
        >>> d[["native", "value"]].to_dict("index")
        {7: {'native': '1394-09-02', 'value': '2015-11-23'}}
        """
        threads = threads_arg(threads)
        extractor = _extractor(lang)
        series = self._series
        if _arrow_storage(pd.StringDtype()):
            # The core fills the columns (string ones as Arrow buffers): no object per mention.
            col = _Column(series, arrow=True)
            days = _reference_days(reference, series, col.positions, col.count)
            if col.count == 0:
                return _empty_frame(series.index)
            columns = _core.extract_column(extractor._impl, col.docs, days, threads)
            if len(columns["doc"]) == 0:
                return _empty_frame(series.index)
            rows = columns["doc"] if col.positions is None else col.positions[columns["doc"]]
            return _mention_frame(columns, rows, series.index)
        col = _Column(series)
        refs = _references(reference, series, col.positions)
        if not col.texts:
            return _empty_frame(series.index)
        found = extractor.extract_many(col.texts, references=refs, threads=threads)
        counts = np.fromiter((len(row) for row in found), dtype=np.intp, count=len(found))
        if int(counts.sum()) == 0:
            return _empty_frame(series.index)
        rows = np.repeat(np.arange(len(found)) if col.positions is None else col.positions, counts)
        return _mention_frame_of_tuples(found, rows, series.index)
