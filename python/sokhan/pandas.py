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
a 100k-row Series costs no per-row call into sokhan.

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
from typing import Any, Collection, Hashable, Optional, Sequence

import numpy as np
import pandas as pd

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


def _string_dtype() -> Any:
    """pandas' default dtype for str values ("str" on pandas 3, object before)."""
    return pd.Series(["x"]).dtype


class _Column:
    """A Series split once into its missing rows and the str values of the others."""

    __slots__ = ("series", "missing", "positions", "texts")

    def __init__(self, series: pd.Series) -> None:
        self.series = series
        values = series.to_numpy(dtype=object)
        missing = series.isna().to_numpy(dtype=bool)
        self.missing = missing
        if missing.any():
            positions = np.flatnonzero(~missing)
            texts = values[positions].tolist()
        else:
            positions = None
            texts = values.tolist()
        if not isinstance(series.dtype, pd.StringDtype):
            for k, text in enumerate(texts):
                if not isinstance(text, str):
                    row = k if positions is None else int(positions[k])
                    raise SokhanTypeError(
                        f"row {_label(series.index[row])!r} of the Series is {type(text).__name__} "
                        f"({text!r:.60}), not str; convert it (e.g. .astype(str) or "
                        ".str.decode('utf-8')) or make it missing"
                    )
        self.positions: Optional[np.ndarray] = positions
        self.texts: list[str] = texts

    def spread(self, results: list[Any], fill: Any) -> list[Any]:
        """One result per row of the Series: ``results`` for the texts, the missing marker
        (``fill``, or the row's own missing value when ``fill`` is ``...``) elsewhere."""
        if self.positions is None:
            return results
        out: list[Any] = (self.series.to_numpy(dtype=object).tolist() if fill is ...
                          else [fill] * len(self.missing))
        for p, r in zip(self.positions.tolist(), results):
            out[p] = r
        return out


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


def _references(reference: Any, series: pd.Series, positions: Optional[np.ndarray]) -> Any:
    """One date (or None) for every non-missing row, or a single scalar for all."""
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
        if pd.api.types.is_datetime64_any_dtype(aligned.dtype):
            missing = aligned.isna().to_numpy(dtype=bool)
            if missing.all():
                return None
            ymd = [getattr(aligned.dt, part).fillna(1).astype("int64").tolist()
                   for part in ("year", "month", "day")]
            return [None if m else _dt.date(y, mo, d) for m, y, mo, d in zip(missing.tolist(), *ymd)]
        return [_one_reference(v, f"reference for row {label!r}")
                for v, label in zip(aligned.to_numpy(dtype=object).tolist(), labels)]
    if isinstance(reference, (list, tuple, np.ndarray, pd.Index)):
        raise SokhanTypeError("reference must be a scalar or a pandas Series aligned on the index; "
                              "wrap per-row dates as pd.Series(dates, index=s.index)")
    return _one_reference(reference, "reference")


def _empty_frame(index: pd.Index) -> pd.DataFrame:
    return pd.DataFrame({name: pd.array([], dtype=dtype) for name, dtype in DATE_COLUMNS.items()},
                        index=index[:0])


def _datetimes(values: Sequence[Optional[_dt.datetime]]) -> Any:
    # pandas converts an object array of datetimes (None → NaT) in compiled code; the
    # microsecond unit holds every year sokhan resolves (1–9999), nanoseconds would not.
    return pd.array(np.array(values, dtype=object), dtype="datetime64[us]")


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
        col = _Column(self._series)
        results = normalizer.normalize_many(col.texts, threads=threads) if col.texts else []
        dtype = self._series.dtype if isinstance(self._series.dtype, pd.StringDtype) else _string_dtype()
        return pd.Series(col.spread(results, None), index=self._series.index, name=self._series.name,
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
        col = _Column(self._series)
        found = splitter.split_many(col.texts, threads=threads) if col.texts else []
        results = found if spans else [[span.text for span in row] for row in found]
        values = np.empty(len(self._series), dtype=object)
        for k, v in enumerate(col.spread(results, ...)):  # lists must not become a 2-D array
            values[k] = v
        return pd.Series(values, index=self._series.index, name=self._series.name, dtype=object)

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
        col = _Column(series)
        refs = _references(reference, series, col.positions)
        if not col.texts:
            return _empty_frame(series.index)
        found = extractor.extract_many(col.texts, references=refs, threads=threads)
        counts = np.fromiter((len(row) for row in found), dtype=np.intp, count=len(found))
        total = int(counts.sum())
        if total == 0:
            return _empty_frame(series.index)
        rows = np.repeat(np.arange(len(found)) if col.positions is None else col.positions, counts)
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
        return pd.DataFrame(data, index=series.index.take(rows))
