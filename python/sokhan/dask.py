"""sokhan on Dask: ``normalize``, ``sentences`` and ``dates`` over ``dask.dataframe`` and
``dask.bag`` collections, lazily, on any Dask scheduler (threads, processes, a distributed
cluster). Needs the ``dask`` extra (``pip install sokhan[dask]``)::

    import dask.dataframe as dd
    import sokhan.dask as sd

    df = dd.read_parquet("news/")                              # columns text, published, id
    df["clean"] = sd.normalize(df, "text", digits="latin")     # a lazy Series, same index
    sents = sd.sentences(df, "text")                           # lazy Series of lists of str
    dates = sd.dates(df, "text", reference="published", keep=["id"])
    dates.compute()                                            # one row per mention

The DataFrame and Series functions run :mod:`sokhan.pandas`'s accessor on every partition
(``map_partitions``), so each partition's result is exactly what the accessor gives for those
rows, with the same dtypes, index and missing-value rules; their ``meta`` is the accessor's own
result on the collection's empty ``meta``. Nothing is computed until you ask for it.

Only options (a dict, a language code, a date) travel in the task graph. Each worker process
builds its Normalizer, SentenceSplitter and DateExtractor once, on its first task, and reuses
them (sokhan keeps one per option set and language per process).

``threads`` is the number of threads each *task* uses, 1 by default: Dask already runs one
task per worker thread, so more would only compete for the same cores. With one worker
thread per machine, ``threads=0`` (all cores) puts the whole machine on each partition.
"""

from __future__ import annotations

import datetime as _dt
import importlib
from typing import Any, Hashable, Optional, Sequence

from ._args import threads_arg
from .errors import SokhanTypeError

__all__ = ["normalize", "sentences", "dates"]


def _dask(name: str) -> Any:
    """A dask module, imported by name: dask is an optional dependency, and the type checker
    then neither needs it installed nor depends on its version's annotations."""
    return importlib.import_module(name)


def _is_bag(obj: Any) -> bool:
    return isinstance(obj, _dask("dask.bag").Bag)


def _text_series(obj: Any, column: Optional[Hashable], function: str) -> Any:
    """The dask Series of texts: ``obj`` itself, or its column ``column``."""
    dd = _dask("dask.dataframe")

    if isinstance(obj, dd.Series):
        if column is not None:
            raise SokhanTypeError(f"sokhan.dask.{function}: column is only for a DataFrame; "
                                  "this is already a Series")
        return obj
    if isinstance(obj, dd.DataFrame):
        if column is None:
            raise SokhanTypeError(f"sokhan.dask.{function}: name the text column of the "
                                  f"DataFrame, e.g. {function}(df, 'text')")
        if column not in obj.columns:
            raise KeyError(f"sokhan.dask.{function}: no column {column!r}; the DataFrame has "
                           f"{list(obj.columns)}")
        return obj[column]
    raise SokhanTypeError(
        f"sokhan.dask.{function} takes a dask DataFrame, Series or Bag, not "
        f"{type(obj).__module__}.{type(obj).__name__}"
        + ("; for pandas use the .sokhan accessor (import sokhan.pandas)"
           if type(obj).__module__.startswith("pandas") else "")
    )


# --- per-partition work (runs on the workers; only plain values in the arguments) ----------

def _normalize_part(series: Any, options: dict[str, Any], threads: int) -> Any:
    import sokhan.pandas  # noqa: F401  (registers the accessor in the worker process)

    return series.sokhan.normalize(threads=threads, **options)


def _sentences_part(series: Any, lang: str, spans: bool, threads: int) -> Any:
    import sokhan.pandas  # noqa: F401

    return series.sokhan.sentences(lang, spans=spans, threads=threads)


def _dates_part(part: Any, reference_part: Any, column: Optional[Hashable], reference: Any,
                keep: list[Hashable], lang: str, threads: int) -> Any:
    """The accessor's dates() for one partition, with the ``keep`` columns of each mention's row
    in front. ``part`` is a Series, or a DataFrame with the text in ``column``; the reference is
    ``reference_part`` (a partition of a dask Series), the column ``reference`` of ``part``
    (when ``reference`` is a column name), or the scalar ``reference``."""
    import pandas as pd

    import sokhan.pandas  # noqa: F401

    texts = part if column is None else part[column]
    if reference_part is not None:
        reference = reference_part
    elif column is not None and _is_column(part, reference):
        reference = part[reference]
    if keep and not texts.index.is_unique:
        # repeated labels cannot tell their rows apart: run on row numbers, then label the
        # mentions as the accessor does (the row's label, repeated once per mention)
        if isinstance(reference, pd.Series):
            reference = reference.reset_index(drop=True)
        found = texts.reset_index(drop=True).sokhan.dates(reference=reference, lang=lang,
                                                          threads=threads)
        rows = found.index.to_numpy()
        found = found.set_axis(texts.index.take(rows))
    else:
        found = texts.sokhan.dates(reference=reference, lang=lang, threads=threads)
        if not keep:
            return found
        rows = texts.index.get_indexer(found.index)
    carried = part[keep].iloc[rows].set_axis(found.index)
    return pd.concat([carried, found], axis=1)


def _is_column(frame: Any, name: Any) -> bool:
    try:
        return bool(name in frame.columns)
    except TypeError:  # an unhashable reference value is not a column name
        return False


# --- bags: lists of texts through the batch APIs ------------------------------------------

def _is_missing(value: Any) -> bool:
    # None, NaN and pandas' NA (without importing pandas for a Bag of plain str)
    return (value is None or (isinstance(value, float) and value != value)
            or type(value).__name__ == "NAType")


def _present(texts: list[Any]) -> tuple[list[int], list[Any]]:
    at = [k for k, t in enumerate(texts) if not _is_missing(t)]
    return at, [texts[k] for k in at]


def _normalize_texts(texts: Any, options: dict[str, Any], threads: int) -> list[Any]:
    from .normalize import _cached

    out = list(texts)  # missing elements stay as they are
    at, present = _present(out)
    normalizer = _cached(tuple(sorted(options.items())))  # checked options: hashable values
    for k, text in zip(at, normalizer.normalize_many(present, threads=threads)):
        out[k] = text
    return out


def _sentences_texts(texts: Any, lang: str, spans: bool, threads: int) -> list[Any]:
    from .sentences import _splitter

    out = list(texts)
    at, present = _present(out)
    for k, found in zip(at, _splitter(lang).split_many(present, threads=threads)):
        out[k] = found if spans else [s.text for s in found]
    return out


def _dates_texts(texts: Any, reference: Any, lang: str, threads: int) -> list[Any]:
    from .dates import _extractor

    texts = list(texts)
    at, present = _present(texts)
    out: list[Any] = [[] for _ in texts]
    for k, found in zip(at, _extractor(lang).extract_many(present, reference, threads=threads)):
        out[k] = found
    return out


# --- the public functions -------------------------------------------------------------------

def normalize(obj: Any, column: Optional[Hashable] = None, *, threads: int = 1,
              **options: Any) -> Any:
    """The normalized text, lazily: a dask Series with the same index, name and partitions for a
    Series or a DataFrame's ``column``, or a Bag of str for a Bag of str.

    ``options`` are :class:`sokhan.Normalizer`'s. Missing rows stay missing (in a Bag: None,
    NaN and pd.NA pass through as they are).

    ``sd.normalize(db.from_sequence(["علي  مي رود", None])).compute()`` gives
    ``['علی می\u200cرود', None]``.
    """
    from .normalize import _check_options

    threads = threads_arg(threads)
    _check_options(options)  # an unknown option or value fails here, not on a worker
    if _is_bag(obj):
        _no_column(column, "normalize")
        return obj.map_partitions(_normalize_texts, options, threads)
    series = _text_series(obj, column, "normalize")
    meta = _normalize_part(series._meta, options, threads)
    return series.map_partitions(_normalize_part, options, threads, meta=meta)


def sentences(obj: Any, column: Optional[Hashable] = None, lang: str = "auto", *,
              spans: bool = False, threads: int = 1) -> Any:
    """The sentences of every text, lazily: a dask Series of lists of str (of
    :class:`sokhan.Span` with ``spans=True``) for a Series or a DataFrame's ``column``, or a Bag
    of lists for a Bag of str; ``.explode()`` / ``.flatten()`` give one sentence per row.

    ``sd.sentences(db.from_sequence(["Hi there. Bye."])).compute()`` gives
    ``[['Hi there.', 'Bye.']]``.
    """
    from .sentences import _splitter

    threads = threads_arg(threads)
    lang = _splitter(lang).lang  # an unknown language fails here, not on a worker
    if _is_bag(obj):
        _no_column(column, "sentences")
        return obj.map_partitions(_sentences_texts, lang, bool(spans), threads)
    series = _text_series(obj, column, "sentences")
    meta = _sentences_part(series._meta, lang, bool(spans), threads)
    return series.map_partitions(_sentences_part, lang, bool(spans), threads, meta=meta)


def dates(obj: Any, column: Optional[Hashable] = None, reference: Any = None,
          lang: str = "auto", *, keep: Sequence[Hashable] = (), threads: int = 1) -> Any:
    """Date and time mentions, lazily: a dask DataFrame with one row per mention, indexed by the
    source row's label and with the columns of :mod:`sokhan.pandas`'s ``dates()``, after the
    ``keep`` columns of the mention's row (a DataFrame's columns to carry along).

    ``reference`` (the documents' date, for relative mentions) is None; a column name of the
    DataFrame; a dask Series of dates aligned with the texts; or one date, datetime,
    pd.Timestamp or ISO string for every row. For a Bag of str it is one date (or None) and the
    result is a Bag with the list of :class:`sokhan.DateMention` of each text (``[]`` for None);
    ``.flatten()`` gives one mention per element.
    """
    from .dates import _extractor
    from .pandas import _check_keep, _check_reference_scalar

    threads = threads_arg(threads)
    lang = _extractor(lang).lang
    keep = list(keep) if not isinstance(keep, str) else [keep]
    if _is_bag(obj):
        _no_column(column, "dates")
        if keep:
            raise SokhanTypeError("sokhan.dask.dates: a Bag has no columns to keep")
        return obj.map_partitions(_dates_texts, _bag_reference(reference), lang, threads)

    dd = _dask("dask.dataframe")
    series = _text_series(obj, column, "dates")
    frame = obj if column is not None else None
    reference_series = reference if isinstance(reference, dd.Series) else None
    if reference_series is None and not (frame is not None and _is_column(frame, reference)):
        # a scalar no row could use fails here, before any task runs
        _check_reference_scalar(reference, None if frame is None else frame.columns)
    if keep:
        if frame is None:
            raise SokhanTypeError("keep names columns of a DataFrame; a Series has none")
        _check_keep(keep, frame.columns, "df.rename(columns={{{name!r}: ...}})")
    source = frame if frame is not None else series
    args = (column, None if reference_series is not None else reference, keep, lang, threads)
    ref_meta = None if reference_series is None else reference_series._meta
    meta = _dates_part(source._meta, ref_meta, *args)
    if reference_series is None:
        return source.map_partitions(_dates_part, None, *args, meta=meta)
    return dd.map_partitions(_dates_part, source, reference_series, *args, meta=meta)


def _no_column(column: Any, function: str) -> None:
    if column is not None:
        raise SokhanTypeError(f"sokhan.dask.{function}: a Bag holds the texts themselves; "
                              "column is only for a DataFrame")


def _bag_reference(reference: Any) -> Optional[_dt.date]:
    """One date (or None) for every text of a Bag, checked on the client."""
    from .dates import _reference

    ymd = _reference(reference, "reference")
    return None if ymd is None else _dt.date(*ymd)
