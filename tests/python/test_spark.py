"""sokhan.spark in PySpark local mode (``local[2]``): the pandas UDFs and the mapInPandas
function give, row for row, what the pandas accessor gives for the same rows; the schemas are
explicit; ``import sokhan.spark`` does not need pyspark."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("no java on PATH for Spark", allow_module_level=True)

import sokhan  # noqa: E402
import sokhan.pandas  # noqa: E402,F401
import sokhan.spark as ss  # noqa: E402

# the corpus generator test_dask.py shares, loaded by path: --import-mode=importlib puts no test
# directory on sys.path
_spec = importlib.util.spec_from_file_location("corpus_gen",
                                               Path(__file__).parent / "corpus_gen.py")
corpus_gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus_gen)

SENTENCES = [
    "وزير اقتصاد روز {d} آذر {y} در جمع خبرنگاران گفت كه طرح جديد اجرا مي شود.",
    "اين نشست ساعت {h} صبح امروز برگزار شد و نتيجه هفته آينده اعلام مي شود.",
    "سخنگوي دولت اوايل بهمن پارسال از افزايش توليد خبر داده بود.",
    "مراسم روز {d} محرم {hy} برگزار شد.",
    "The minister said on March {d}, {gy} that the plan would go ahead.",
    "Profit rose in the third quarter, it said Friday. Dr. Smith expects more next year.",
    "كتاب ها را خوانده ام و نظري ندارم .",
]


def make_rows(n: int = 300, seed: int = 4) -> pd.DataFrame:
    columns = corpus_gen.make_corpus(
        n, seed, missing=(41, 3), empty=(67, 9), news=(4, 0), no_date=(9, 2),
        first=dt.date(2010, 1, 1), span_days=2500, sentences_per_text=range(1, 4),
        templates=SENTENCES,
        fields={"d": range(1, 29), "y": range(1385, 1400), "h": range(8, 12),
                "hy": range(1430, 1441), "gy": range(2006, 2021)})
    return pd.DataFrame({"id": range(n), "text": columns["text"],
                         "published": columns["published"]})


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the workers run this interpreter
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    session = (SparkSession.builder.master("local[2]").appName("sokhan-test")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.sql.session.timeZone", "UTC")
               # jobs this small finish before the C2 JIT pays off: C1 only starts ~30% faster
               .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
               # small Arrow batches: several batches per partition reach the Python functions
               .config("spark.sql.execution.arrow.maxRecordsPerBatch", "40")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    return make_rows()


@pytest.fixture(scope="module")
def frame(spark, rows):
    """The rows as a Spark DataFrame (2 partitions in local[2]; published is a Spark date)."""
    records = [(int(i), _value(t), p) for i, t, p in zip(rows.id, rows.text, rows.published)]
    return spark.createDataFrame(records, "id long, text string, published date")


@pytest.fixture(scope="module")
def texts(rows) -> pd.Series:
    """The pandas path's input: the text column as pandas gives it (str dtype)."""
    return pd.Series(rows.text.tolist(), dtype=pd.Series(["x"]).dtype, index=rows.id)


def _value(x):
    """A pandas cell as Spark's collect() gives it: missing → None, Timestamp → datetime."""
    if x is pd.NaT or x is pd.NA or x is None or (isinstance(x, float) and x != x):
        return None
    if isinstance(x, pd.Timestamp):
        return x.to_pydatetime()
    return x.item() if hasattr(x, "item") else x


def _by_id(df, column: str) -> list:
    return [getattr(r, column) for r in df.orderBy("id").select("id", column).collect()]


def test_normalize_udf_matches_pandas(frame, texts):
    got = _by_id(frame.withColumn("clean", ss.normalize_udf(digits="latin")("text")), "clean")
    expected = [_value(x) for x in texts.sokhan.normalize(digits="latin")]
    assert got == expected
    assert sum(1 for g, t in zip(got, texts.tolist()) if g is not None and g != t) > 150


def test_sentences_udf_matches_pandas(frame, texts):
    got = _by_id(frame.withColumn("sentences", ss.sentences_udf()("text")), "sentences")
    expected = [x if isinstance(x, list) else None for x in texts.sokhan.sentences()]
    assert got == expected
    assert sum(len(x) for x in got if x) > 400 and [] in got  # "" has no sentences


def test_sentences_udf_spans_match_pandas(frame, texts):
    udf = ss.sentences_udf("fa", spans=True)
    got = _by_id(frame.withColumn("spans", udf("text")), "spans")
    expected = texts.sokhan.sentences("fa", spans=True)
    assert [None if g is None else [(s.start, s.end, s.text) for s in g] for g in got] == [
        [(s.start, s.end, s.text) for s in x] if isinstance(x, list) else None for x in expected]


def _pandas_mentions(rows: pd.DataFrame, texts: pd.Series, reference, lang="auto") -> list[tuple]:
    found = texts.sokhan.dates(reference=reference, lang=lang)
    return sorted((int(i), *(_value(v) for v in rec))
                  for i, rec in zip(found.index, found.itertuples(index=False)))


def _spark_mentions(df) -> list[tuple]:
    return sorted(tuple(r) for r in df.collect())


def test_dates_with_reference_column_match_pandas(frame, rows, texts):
    result = ss.dates(frame, "text", reference="published", keep=["id"])
    assert result.columns == ["id", *sokhan.pandas.DATE_COLUMNS]
    assert [f.dataType.simpleString() for f in result.schema.fields] == [
        "bigint", "bigint", "bigint", "string", "string", "string", "string", "string", "string",
        "timestamp_ntz", "timestamp_ntz", "string", "boolean"]
    got = _spark_mentions(result)
    expected = _pandas_mentions(rows, texts, pd.Series(rows.published.tolist(), index=rows.id))
    assert got == expected
    assert len(got) > 500 and sum(1 for m in got if m[-1]) > 50  # relative ones resolved


def test_dates_with_scalar_reference_and_lang(frame, rows, texts):
    got = _spark_mentions(ss.dates(frame, "text", reference=dt.date(2015, 11, 25), lang="fa",
                                   keep="id"))
    assert got == _pandas_mentions(rows, texts, "2015-11-25", lang="fa")


def test_dates_function_with_map_in_pandas(frame, rows, texts):
    """The lower-level pair: a mapInPandas function and its schema, here keeping two columns."""
    source = frame.select("id", "published", "text")
    schema = ss.dates_schema(source.schema, ["id", "published"])
    assert schema.fieldNames() == ["id", "published", *sokhan.pandas.DATE_COLUMNS]
    got = _spark_mentions(source.mapInPandas(ss.dates_function("text", keep=["id", "published"]),
                                             schema))
    found = texts.sokhan.dates()
    published = dict(zip(rows.id, rows.published))
    expected = sorted((int(i), published[i], *(_value(v) for v in rec))
                      for i, rec in zip(found.index, found.itertuples(index=False)))
    assert got == expected


def test_errors_are_raised_on_the_driver(frame):
    with pytest.raises(sokhan.InvalidOptionError, match="unknown option 'digit'"):
        ss.normalize_udf(digit="latin")
    with pytest.raises(sokhan.InvalidOptionError, match="unknown language"):
        ss.sentences_udf("de")
    with pytest.raises(sokhan.InvalidOptionError, match="neither a column"):
        ss.dates(frame, "text", reference="publishd")
    with pytest.raises(KeyError, match="no column 'body'"):
        ss.dates(frame, "body")
    with pytest.raises(ValueError, match="name of a mention column"):
        ss.dates(frame, "text", keep=["text"])
    with pytest.raises(KeyError, match="no column 'nope'"):
        ss.dates(frame, "text", keep=["nope"])


def test_importing_sokhan_spark_does_not_import_pyspark():
    code = "import sys, sokhan, sokhan.spark; assert 'pyspark' not in sys.modules, 'imported'"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
