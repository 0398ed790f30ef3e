"""sokhan on Spark: pandas UDFs and a ``mapInPandas`` function, with explicit Spark (Arrow)
schemas, for ``normalize``, ``sentences`` and ``dates``. Needs the ``spark`` extra
(``pip install sokhan[spark]``) on the driver and on every executor::

    import sokhan.spark as ss

    df = spark.read.parquet("news/")                             # columns id, text, published
    df = df.withColumn("clean", ss.normalize_udf(digits="latin")("text"))
    df = df.withColumn("sentences", ss.sentences_udf()("text"))    # array<string>
    mentions = ss.dates(df, "text", reference="published", keep=["id"])   # one row per mention

Each batch Spark hands to Python goes through :mod:`sokhan.pandas`'s accessor, so the values
are the pandas path's, row for row. Only options travel to the executors; each Python worker
builds its Normalizer, SentenceSplitter and DateExtractor once and reuses them.

Spark has no row index: ``dates`` identifies a mention's row by the ``keep`` columns (an id).
``begin``/``until`` are ``timestamp_ntz`` (naive local time, as on :class:`sokhan.DateMention`).
``threads`` (per batch) is 1 by default, since Spark already runs one task per core.

pyspark is imported only when one of these functions is called.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Iterator, Optional, Sequence

import numpy as np
import pandas as pd

from ._args import threads_arg
from .errors import SokhanTypeError

__all__ = ["normalize_udf", "sentences_udf", "dates_schema", "dates_function", "dates",
           "SPAN_TYPE", "DATE_SCHEMA"]

#: The Spark type of one sentence span (``sentences_udf(spans=True)`` gives an array of them).
SPAN_TYPE = "struct<start:bigint,end:bigint,text:string>"

#: The Spark schema of the mention columns of :func:`dates` (the pandas accessor's columns).
DATE_SCHEMA = ("start bigint, end bigint, text string, kind string, calendar string, "
               "grain string, native string, value string, begin timestamp_ntz, "
               "until timestamp_ntz, mod string, relative boolean")


def _pyspark(name: str) -> Any:
    """A pyspark module, imported by name when first needed: ``import sokhan.spark`` works
    without pyspark, and the type checker neither needs it nor depends on its annotations."""
    return importlib.import_module(name)


def normalize_udf(*, threads: int = 1, **options: Any) -> Any:
    """A pandas UDF (string → string) normalizing with :class:`sokhan.Normalizer` options:
    ``df.withColumn("clean", normalize_udf(digits="latin")("text"))``. Null stays null."""
    from .normalize import _check_options

    threads = threads_arg(threads)
    _check_options(options)  # an unknown option fails on the driver, not in a task

    def normalize(texts: pd.Series) -> pd.Series:
        import sokhan.pandas  # noqa: F401  (registers the accessor in the Python worker)

        return texts.sokhan.normalize(threads=threads, **options)

    return _pyspark("pyspark.sql.functions").pandas_udf(normalize, "string")


def sentences_udf(lang: str = "auto", *, spans: bool = False, threads: int = 1) -> Any:
    """A pandas UDF giving the sentences of a string column: ``array<string>``, or with
    ``spans=True`` an array of ``struct<start, end, text>`` (code point offsets into the text).
    Null stays null; a text without sentences gives an empty array."""
    from .sentences import _splitter

    threads = threads_arg(threads)
    lang = _splitter(lang).lang
    with_spans = bool(spans)

    def sentences(texts: pd.Series) -> pd.Series:
        import sokhan.pandas  # noqa: F401

        found = texts.sokhan.sentences(lang, spans=with_spans, threads=threads)
        rows = np.empty(len(found), dtype=object)  # Spark takes None, not NaN, for a null array
        for k, row in enumerate(found.tolist()):
            if isinstance(row, list):  # Arrow builds structs from dicts, not from Span objects
                rows[k] = [{"start": s.start, "end": s.end, "text": s.text} for s in row] \
                    if with_spans else row
        return pd.Series(rows, index=found.index, name=found.name, dtype=object)

    return _pyspark("pyspark.sql.functions").pandas_udf(
        sentences, f"array<{SPAN_TYPE}>" if with_spans else "array<string>")


def dates_schema(schema: Any = None, keep: Sequence[str] = ()) -> Any:
    """The Spark schema of :func:`dates_function`'s rows: the ``keep`` fields of ``schema``
    (the input DataFrame's), then the mention columns (:data:`DATE_SCHEMA`)."""
    T = _pyspark("pyspark.sql.types")

    spark_types = {"bigint": T.LongType(), "string": T.StringType(),
                   "timestamp_ntz": T.TimestampNTZType(), "boolean": T.BooleanType()}
    fields = [T.StructField(name, spark_types[kind], nullable=True)
              for name, kind in (f.split() for f in DATE_SCHEMA.split(", "))]
    keep = [keep] if isinstance(keep, str) else list(keep)
    if keep:
        if schema is None:
            raise SokhanTypeError("dates_schema: pass the input DataFrame's schema to keep columns")
        _check_keep(keep, schema.fieldNames())
        fields = [schema[name] for name in keep] + fields
    return T.StructType(fields)


def dates_function(column: str, reference: Any = None, lang: str = "auto", *,
                   keep: Sequence[str] = (), threads: int = 1
                   ) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    """A function for ``DataFrame.mapInPandas``: every date mention of the text column
    ``column``, one row per mention, after the ``keep`` columns of its row::

        df.mapInPandas(dates_function("text", "published", keep=["id"]),
                       dates_schema(df.schema, ["id"]))

    ``reference`` is a column name (of dates, timestamps or ISO strings; null: no reference
    for that row) or one date, datetime or ISO string for every row, or None.
    """
    from .dates import _extractor
    from .pandas import _check_reference_scalar

    threads = threads_arg(threads)
    lang = _extractor(lang).lang
    keep = [keep] if isinstance(keep, str) else list(keep)
    _check_keep(keep, None)
    if not isinstance(reference, str):  # a str may name a column, known only per batch
        _check_reference_scalar(reference, None)

    def mentions(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        import sokhan.pandas  # noqa: F401

        for batch in batches:
            batch = batch.reset_index(drop=True)  # labels are row positions from here on
            ref = batch[reference] if _names_column(batch.columns, reference) else reference
            found = batch[column].sokhan.dates(reference=ref, lang=lang, threads=threads)
            if keep:
                carried = batch[keep].iloc[found.index.to_numpy()].reset_index(drop=True)
                found = pd.concat([carried, found.reset_index(drop=True)], axis=1)
            yield found.reset_index(drop=True)

    return mentions


def dates(df: Any, column: str, reference: Any = None, lang: str = "auto", *,
          keep: Sequence[str] = (), threads: int = 1) -> Any:
    """Every date mention of ``df``'s text column ``column`` as a Spark DataFrame (lazy), one
    row per mention: the ``keep`` columns of its row, then :data:`DATE_SCHEMA`'s columns.
    ``reference``: a column name, or one date for every row (see :func:`dates_function`)."""
    from .pandas import _check_reference_scalar

    keep = [keep] if isinstance(keep, str) else list(keep)
    names = df.columns
    if column not in names:
        raise KeyError(f"sokhan.spark.dates: no column {column!r}; the DataFrame has {names}")
    _check_keep(keep, names)
    by_column = _names_column(names, reference)
    if not by_column:
        _check_reference_scalar(reference, names)
    needed = list(dict.fromkeys([*keep, column, *([reference] if by_column else [])]))
    function = dates_function(column, reference, lang, keep=keep, threads=threads)
    source = df.select(*needed)  # only these columns travel to Python
    return source.mapInPandas(function, dates_schema(source.schema, keep))


def _names_column(columns: Any, reference: Any) -> bool:
    return isinstance(reference, str) and reference in columns


def _check_keep(keep: Sequence[str], columns: Optional[Sequence[str]]) -> None:
    """sokhan.pandas's check of the ``keep`` columns, with Spark's way to rename a column."""
    from .pandas import _check_keep as check

    check(keep, columns, "df.withColumnRenamed({name!r}, ...)")
