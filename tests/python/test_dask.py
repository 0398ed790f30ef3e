"""sokhan.dask on a real dask.distributed LocalCluster (2 worker processes): every function over
a partitioned Parquet dataset gives exactly the single-process pandas accessor's result (values,
index, dtypes); Bags; what crosses process boundaries pickles small; each worker process builds
its Normalizer / SentenceSplitter / DateExtractor once, not per task; the results stay lazy."""

from __future__ import annotations

import datetime as dt
import importlib.util
import pickle
import sys
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")
dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

import sokhan  # noqa: E402
import sokhan.dask as sd  # noqa: E402
import sokhan.pandas  # noqa: E402,F401

# the corpus generator test_spark.py shares, loaded by path: --import-mode=importlib puts no test
# directory on sys.path
_spec = importlib.util.spec_from_file_location("corpus_gen",
                                               Path(__file__).parent / "corpus_gen.py")
corpus_gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus_gen)

PARTS = 8
KEEP = ["source", "published"]

# Scraped-style Persian (Arabic letter variants, spaces for ZWNJs) and English sentences, most
# with a date of some kind: absolute, relative to the document date, times, durations.
FA = [
    "{s} روز {d} {m} {y} در جمع خبرنگاران گفت كه طرح جديد اجرا مي شود.",
    "{s} اوايل {m} پارسال از افزايش توليد خبر داده بود.",
    "اين نشست ساعت {h} صبح امروز در تهران برگزار شد.",
    "به گفته {s} , قرارداد در سال گذشته امضا شده است.",
    "{s} هفته آينده به مشهد سفر مي كند.",
    "نتايج اين بررسي در {d} ژوئن {gy} منتشر شد.",
    "مراسم روز {d} محرم {hy} در همه شهرها برگزار شد.",
    "قيمت ها از {m} ماه امسال تا كنون {p} درصد افزايش يافته است.",
    "{s} ديروز گفت كه اين گزارش تا {p} روز بعد آماده مي شود.",
    "هيئت ايراني در دوشنبه با مقام هاي تاجيك ديدار كرد.",
    "كتاب ها را خوانده ام و نظري ندارم .",
]
EN = [
    "The minister said on {en_m} {d}, {gy} that the plan would go ahead.",
    "Profit rose in the third quarter, it said Friday.",
    "The talks lasted {p} hours and ended early last week.",
    "Shares fell 3.5% yesterday. Dr. Smith expects a rebound next year.",
    "No dates here, just text about the U.S. economy.",
]
SUBJECTS = ["وزير اقتصاد", "سخنگوي دولت", "رئيس كل بانك مركزي", "نماينده تهران"]
MONTHS = ["فروردين", "ارديبهشت", "خرداد", "تير", "مرداد", "شهريور", "مهر", "آبان", "آذر", "دي",
          "بهمن", "اسفند"]
EN_MONTHS = ["January", "March", "June", "September", "December"]


def make_corpus(n: int = 3000, seed: int = 10) -> pd.DataFrame:
    """``n`` documents: generated sentences, the lines of tests/data/news_fa.txt, some missing
    texts, empty ones, per-document publication dates (some missing), indexed by a doc id."""
    columns = corpus_gen.make_corpus(
        n, seed, missing=(97, 5), empty=(211, 7), news=(5, 0), no_date=(13, 3),
        first=dt.date(2008, 1, 1), span_days=3000, sentences_per_text=range(1, 5),
        templates=FA + EN, templates_share=0.8, other_templates=EN,
        fields={"s": SUBJECTS, "d": range(1, 29), "m": MONTHS, "en_m": EN_MONTHS,
                "y": range(1385, 1400), "gy": range(2006, 2021), "hy": range(1428, 1441),
                "h": range(8, 12), "p": range(3, 41)},
        columns={"source": ["irna", "isna", "reuters"]})
    return pd.DataFrame(
        {"text": columns["text"], "source": columns["source"],
         "published": pd.to_datetime(columns["published"])},
        index=pd.Index(np.arange(1000, 1000 + 3 * n, 3), name="doc"))


@pytest.fixture(scope="module")
def client():
    # the test module's helpers travel to the workers by value (pytest's importlib mode makes
    # the module unimportable there)
    import cloudpickle

    if __name__ in sys.modules:
        cloudpickle.register_pickle_by_value(sys.modules[__name__])
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None, memory_limit="1GiB") as cluster:
        with distributed.Client(cluster) as c:
            yield c


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    """The corpus as a partitioned Parquet dataset: PARTS files, in doc order."""
    path = tmp_path_factory.mktemp("corpus") / "news"
    path.mkdir()
    corpus = make_corpus()
    for k, chunk in enumerate(np.array_split(np.arange(len(corpus)), PARTS)):
        corpus.iloc[chunk].to_parquet(path / f"part.{k}.parquet")
    return path


@pytest.fixture(scope="module")
def frames(dataset):
    """(dask DataFrame, the same data as one pandas DataFrame in this process)."""
    ddf = dd.read_parquet(dataset, calculate_divisions=True)
    # One process, no Dask: pandas reads the same files, with the str dtype Dask gives text
    # (string[pyarrow] by default, see dask's dataframe.convert-string).
    pdf = pd.read_parquet(dataset).astype(ddf.dtypes.to_dict())
    return ddf, pdf


def test_dataset_is_partitioned_with_known_divisions(frames):
    ddf, pdf = frames
    assert ddf.npartitions == PARTS and ddf.known_divisions
    assert len(pdf) == 3000 and pdf.text.isna().sum() == 31 and (pdf.text == "").sum() == 15
    pd.testing.assert_frame_equal(ddf.compute(), pdf)


def test_normalize_matches_pandas(client, frames):
    ddf, pdf = frames
    result = sd.normalize(ddf, "text", digits="latin", ellipsis=True)
    assert isinstance(result, dd.Series) and result.divisions == ddf.divisions
    expected = pdf.text.sokhan.normalize(digits="latin", ellipsis=True)
    assert result.dtype == expected.dtype
    got = result.compute()
    pd.testing.assert_series_equal(got, expected)
    assert (got != pdf.text).sum() > 1000  # normalization did change most documents


def test_normalize_of_series_and_assign(client, frames):
    ddf, pdf = frames
    out = ddf.assign(clean=sd.normalize(ddf.text)).compute()
    pd.testing.assert_series_equal(out.clean, pdf.text.sokhan.normalize().rename("clean"))


@pytest.mark.parametrize("spans", [False, True])
def test_sentences_match_pandas(client, frames, spans):
    ddf, pdf = frames
    result = sd.sentences(ddf, "text", spans=spans)
    assert result.dtype == object and result.divisions == ddf.divisions
    got = result.compute()
    expected = pdf.text.sokhan.sentences(spans=spans)
    pd.testing.assert_series_equal(got, expected)
    assert got.dropna().map(len).sum() > 5000


def test_sentences_explode(client, frames):
    ddf, pdf = frames
    got = sd.sentences(ddf, "text", lang="fa").explode().compute()
    pd.testing.assert_series_equal(got, pdf.text.sokhan.sentences(lang="fa").explode())


def test_dates_with_reference_column_and_kept_columns(client, frames):
    ddf, pdf = frames
    result = sd.dates(ddf, "text", reference="published", keep=KEEP)
    assert list(result.columns) == KEEP + list(sokhan.pandas.DATE_COLUMNS)
    got = result.compute()
    mentions = pdf.text.sokhan.dates(reference=pdf.published)
    carried = pdf[KEEP].loc[mentions.index]
    expected = pd.concat([carried.reset_index(drop=True), mentions.reset_index(drop=True)],
                         axis=1).set_axis(mentions.index)
    pd.testing.assert_frame_equal(got, expected)
    assert result.dtypes.to_dict() == expected.dtypes.to_dict()  # the meta is right too
    assert len(got) > 4000 and got.relative.sum() > 500 and got.begin.isna().sum() > 50
    assert result.divisions == ddf.divisions  # mentions stay in their row's partition


def test_dates_reference_forms(client, frames):
    ddf, pdf = frames
    scalar = sd.dates(ddf.text, reference=dt.date(2015, 11, 25)).compute()
    pd.testing.assert_frame_equal(scalar, pdf.text.sokhan.dates(reference="2015-11-25"))
    by_series = sd.dates(ddf.text, reference=ddf.published, lang="fa").compute()
    pd.testing.assert_frame_equal(by_series,
                                  pdf.text.sokhan.dates(reference=pdf.published, lang="fa"))
    none = sd.dates(ddf, "text").compute()
    pd.testing.assert_frame_equal(none, pdf.text.sokhan.dates())
    # without a document date, relative mentions keep their span but have no interval
    assert none.relative.sum() > 500 and none[none.relative].begin.isna().all()


def test_dates_repeated_index_labels_keep_their_rows(client):
    texts = ["دیروز باران آمد.", "Met on March 3, 2014. Bye.", None, "سال ۱۳۹۴ و فردا", "x"] * 40
    days = ["2015-11-25", "2014-03-10", None, None, "2001-01-01"] * 40
    pdf = pd.DataFrame({"text": pd.array(texts, dtype="string"), "n": np.arange(200),
                        "day": pd.to_datetime(days)},
                       index=pd.Index([7, 7, 3, 3, 3] * 40, name="doc"))
    ddf = dd.from_pandas(pdf, npartitions=4, sort=False)
    got = sd.dates(ddf, "text", reference="day", keep=["n"]).compute()
    mentions = pdf.text.sokhan.dates(reference=pdf.day)
    assert got.drop(columns="n").equals(mentions)
    pd.testing.assert_frame_equal(got.drop(columns="n"), mentions)
    # each mention carries the n of the row it came from: its text is in that row
    for n, text, start, end in zip(got.n, got.text, got.start, got.end):
        assert texts[n][start:end] == text


def test_string_columns_without_dask_conversion(client, dataset):
    """With dask's string conversion off, the dtypes are pandas' own and still match."""
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.read_parquet(dataset)
        normalized = sd.normalize(ddf, "text").compute()
        mentions = sd.dates(ddf, "text", reference="published").compute()
    pdf = pd.read_parquet(dataset)
    pd.testing.assert_series_equal(normalized, pdf.text.sokhan.normalize())
    pd.testing.assert_frame_equal(mentions, pdf.text.sokhan.dates(reference=pdf.published))


def test_bag(client, frames):
    _, pdf = frames
    texts = [None if pd.isna(t) else t for t in pdf.text.tolist()]
    bag = db.from_sequence(texts, npartitions=6)
    present = [t for t in texts if t is not None]

    normalized = sd.normalize(bag, digits="persian").compute()
    want = iter(sokhan.Normalizer(digits="persian").normalize_many(present, threads=1))
    assert normalized == [None if t is None else next(want) for t in texts]

    found = sd.sentences(bag, lang="auto").compute()
    assert found == [None if t is None else sokhan.sentences(t) for t in texts]
    assert sd.sentences(bag.remove(lambda t: t is None), spans=True).flatten().compute() == [
        s for t in present for s in sokhan.split_sentences(t)]

    mentions = sd.dates(bag, reference="2015-11-25").compute()
    assert mentions == [[] if t is None else sokhan.extract_dates(t, "2015-11-25") for t in texts]
    flat = sd.dates(bag, reference=dt.date(2015, 11, 25)).flatten().compute()
    assert len(flat) == sum(map(len, mentions)) > 4000
    assert all(type(m) is sokhan.DateMention for m in flat)


def test_bag_from_dataframe_column_passes_missing_values_through(client, frames):
    ddf, pdf = frames
    bag = ddf.text.to_bag()
    got = sd.normalize(bag).compute()
    expected = pdf.text.sokhan.normalize().tolist()
    assert [None if pd.isna(x) else x for x in got] == [None if pd.isna(x) else x for x in expected]


def test_errors_fail_early_or_name_the_row(client, frames):
    ddf, _ = frames
    with pytest.raises(sokhan.InvalidOptionError, match="unknown option 'digit'"):
        sd.normalize(ddf, "text", digit="latin")
    with pytest.raises(sokhan.InvalidOptionError, match="unknown language"):
        sd.sentences(ddf, "text", lang="de")
    with pytest.raises(sokhan.InvalidOptionError, match="neither a column"):
        sd.dates(ddf, "text", reference="publishd")
    with pytest.raises(KeyError, match="no column 'body'"):
        sd.dates(ddf, "body")
    with pytest.raises(ValueError, match="name of a mention column"):
        sd.dates(ddf, "text", keep=["text"])
    with pytest.raises(sokhan.SokhanTypeError, match="name the text column"):
        sd.normalize(ddf)
    with pytest.raises(sokhan.SokhanTypeError, match="pandas use the .sokhan accessor"):
        sd.normalize(pd.Series(["x"]))
    # a value that is not text is found on a worker and names its row
    with dask.config.set({"dataframe.convert-string": False}):
        bad = dd.from_pandas(pd.Series(["ok", 42, "ok"], dtype=object, index=[10, 11, 12]),
                             npartitions=2)
    with pytest.raises(sokhan.SokhanTypeError, match=r"row \S*11\S* of the Series is int"):
        sd.normalize(bad).compute()


# --- what crosses process boundaries ----------------------------------------------------------

def test_sokhan_objects_and_results_pickle_as_options_and_values():
    normalizer = sokhan.Normalizer(digits="latin", ellipsis=True)
    for obj, limit in [(normalizer, 300), (sokhan.SentenceSplitter("fa"), 100),
                       (sokhan.DateExtractor("en"), 100)]:
        data = pickle.dumps(obj)
        assert len(data) < limit, (obj, len(data))
        assert pickle.loads(data) == obj
    assert pickle.loads(pickle.dumps(normalizer)).options == normalizer.options

    long_text = "متن " * 50_000 + "جلسه دوشنبه ۲ آذر ۱۳۹۴ برگزار شد. پایان."
    (mentions,) = sokhan.DateExtractor().extract_many([long_text], "2015-11-25")
    (spans,) = sokhan.SentenceSplitter().split_many([long_text])
    # results are their own values: a mention or a short sentence does not drag the text along
    assert len(pickle.dumps(mentions)) < 400 and pickle.loads(pickle.dumps(mentions)) == mentions
    assert len(pickle.dumps(spans[-1])) < 100 and pickle.loads(pickle.dumps(spans[-1])) == spans[-1]


def test_tasks_carry_options_not_tables(frames):
    """A partition task holds the function, its options and Dask's empty ``meta`` frame: a few
    KB, where the Normalizer's tables alone are megabytes."""
    import cloudpickle

    ddf, _ = frames
    for name, result in [("_normalize_part", sd.normalize(ddf, "text", digits="latin")),
                         ("_sentences_part", sd.sentences(ddf, "text")),
                         ("_dates_part", sd.dates(ddf, "text", reference="2015-11-25",
                                                  keep=["source"]))]:
        ours = [task for key, task in dict(result.__dask_graph__()).items() if name in str(key)]
        assert len(ours) == PARTS
        assert max(len(cloudpickle.dumps(task)) for task in ours) < 8192


def _install_counters() -> None:
    """In a worker: count constructions of sokhan's objects and calls of the accessor."""
    import importlib

    import sokhan.pandas

    counts = {"Normalizer": 0, "SentenceSplitter": 0, "DateExtractor": 0, "calls": 0}
    # the modules by name: sokhan.normalize and sokhan.sentences are also functions
    for module, name in [("normalize", "Normalizer"), ("sentences", "SentenceSplitter"),
                         ("dates", "DateExtractor")]:
        cls = getattr(importlib.import_module("sokhan." + module), name)
        if not hasattr(cls, "_counted_init"):
            cls._counted_init = cls.__init__

        def init(self, *args, _cls=cls, _name=name, **kwargs):
            counts[_name] += 1
            _cls._counted_init(self, *args, **kwargs)

        cls.__init__ = init
    accessor = sokhan.pandas.SokhanSeriesAccessor
    for method in ("normalize", "sentences", "dates"):
        original = getattr(accessor, "_counted_" + method, None) or getattr(accessor, method)
        setattr(accessor, "_counted_" + method, original)

        def counted(self, *args, _original=original, **kwargs):
            counts["calls"] += 1
            return _original(self, *args, **kwargs)

        setattr(accessor, method, counted)
    sys.modules["sokhan"]._test_counts = counts


def _read_counters() -> dict:
    import os

    return {"pid": os.getpid(), **sys.modules["sokhan"]._test_counts}


def test_workers_build_their_tables_once_per_process_not_per_task(client, frames):
    ddf, pdf = frames
    client.run(_install_counters)
    # options and languages no other test uses, so the first task on a worker must build them
    options = {"digits": "arabic", "repeated_letters": True, "kashida": False}
    lazy = [sd.normalize(ddf, "text", **options), sd.sentences(ddf, "text", lang="en"),
            sd.dates(ddf, "text", lang="en", reference="published")]
    before = client.run(_read_counters)
    assert all(c["calls"] == 0 for c in before.values())  # building the collections ran nothing
    normalized, found, mentions = dask.compute(*lazy)
    after = client.run(_read_counters)

    assert len({c["pid"] for c in after.values()}) == 2  # two worker processes
    calls = [c["calls"] for c in after.values()]
    # Dask may fuse small Parquet files into fewer partitions once it knows which columns are
    # read, so count the tasks rather than assume PARTS per collection
    assert max(calls) >= 3
    for c in after.values():
        if c["calls"]:
            # one Normalizer for the new option set, one splitter and extractor for "en"
            assert (c["Normalizer"], c["SentenceSplitter"], c["DateExtractor"]) == (1, 1, 1), c
    # a second run on the same workers builds nothing at all
    dask.compute(*lazy)
    again = client.run(_read_counters)
    assert sum(c["calls"] for c in again.values()) == 2 * sum(calls)
    for worker, c in again.items():
        built = ("Normalizer", "SentenceSplitter", "DateExtractor")
        assert [c[k] for k in built] == [after[worker][k] for k in built]
    pd.testing.assert_series_equal(normalized, pdf.text.sokhan.normalize(**options))
    pd.testing.assert_frame_equal(mentions,
                                  pdf.text.sokhan.dates(lang="en", reference=pdf.published))
