"""TimeML reading and writing (sokhan.timeml) and the TempEval-3 scorer
(benchmarks/timeml_scoring.py).

``sokhan.timeml`` is pure Python; when the installed package does not have it yet, the module is
loaded from python/sokhan/timeml.py of this checkout, so the tests run both ways. The scorer is
loaded by path, like test_dates_dev.py does with date_scoring.py. The TBAQ tests skip cleanly
when ../shared/data/te3/TBAQ-cleaned is absent.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib
import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
TBAQ = REPO.parent / "shared" / "data" / "te3" / "TBAQ-cleaned"

#: TIMEX3 elements inside <TEXT> in TBAQ-cleaned (the 256 DCT TIMEX3 come on top).
TBAQ_COUNTS = {
    ("TimeBank", "DATE"): 1016, ("TimeBank", "DURATION"): 189, ("TimeBank", "TIME"): 22,
    ("TimeBank", "SET"): 16,
    ("AQUAINT", "DATE"): 489, ("AQUAINT", "DURATION"): 68, ("AQUAINT", "TIME"): 8,
    ("AQUAINT", "SET"): 14,
}


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def _timeml() -> ModuleType:
    try:
        return importlib.import_module("sokhan.timeml")
    except ImportError:
        return _load("sokhan_timeml_source", REPO / "python" / "sokhan" / "timeml.py")


tm = _timeml()
ts = _load("sokhan_timeml_scoring", REPO / "benchmarks" / "timeml_scoring.py")


# --------------------------------------------------------------------------------------------
# Reading

# A document as TBAQ writes them: one paragraph per line.
INLINE = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>wsj_0001</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="1998-08-07T06:18" functionInDocument="CREATION_TIME">08/07/1998</TIMEX3></DCT>
<TITLE>Profits &amp; <b>losses</b></TITLE>
<EXTRAINFO>NOT <TIMEX3 tid="t99" type="DATE" value="1990">1990</TIMEX3> TEXT</EXTRAINFO>
<TEXT>
AT&amp;T <EVENT eid="e1">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> that &lt;profits&gt; <SIGNAL sid="s1">in</SIGNAL> <EVENT eid="e2">the <TIMEX3 tid="t2" type="DATE" value="1998-Q2" mod="END">late second quarter</TIMEX3></EVENT> rose &#233;&#x2014; "for <TIMEX3 tid="t3" type="DURATION" value="P3Y">three years</TIMEX3>".
<TIMEX3 tid="t4" type="SET" value="P1W" quant="EVERY">every week</TIMEX3><TIMEX3 tid="t5" type="DATE" value="" anchorTimeID="t1"/>
</TEXT>
</TimeML>
"""  # noqa: E501


def test_read_inline_text_offsets_and_attributes() -> None:
    doc = tm.read_timeml(INLINE)
    assert doc.doc_id == "wsj_0001"
    assert doc.dct == dt.date(1998, 8, 7)
    assert doc.dct_value == "1998-08-07T06:18"
    assert doc.title == "Profits & losses"
    assert doc.text == ('\nAT&T said Friday that <profits> in the late second quarter rose '
                        'é— "for three years".\nevery week\n')
    got = [(t.text, t.tid, t.type, t.value, t.mod) for t in doc.timexes]
    assert got == [("Friday", "t1", "DATE", "1998-08-07", None),
                   ("late second quarter", "t2", "DATE", "1998-Q2", "END"),
                   ("three years", "t3", "DURATION", "P3Y", None),
                   ("every week", "t4", "SET", "P1W", None)]  # t99 is outside TEXT, t5 empty
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text
        assert t.kind == t.type.lower()
    assert doc.timexes[3].attrs["quant"] == "EVERY"


def test_read_from_path_bytes_and_pathlike(tmp_path: Path) -> None:
    f = tmp_path / "d.tml"
    f.write_text(INLINE, encoding="utf-8")
    a, b, c = tm.read_timeml(f), tm.read_timeml(str(f)), tm.read_timeml(INLINE.encode())
    assert a.text == b.text == c.text
    assert a.timexes == b.timexes == c.timexes
    assert a.path == str(f)


def test_read_html_entity_and_namespace() -> None:
    xml = ('<TimeML xmlns="http://timeml.org/x"><TEXT>on&nbsp;<TIMEX3 tid="t1" type="DATE" '
           'value="2001">2001</TIMEX3></TEXT></TimeML>')
    doc = tm.read_timeml(xml)
    assert doc.text == "on\u00a02001" and doc.timexes[0].start == 3
    assert doc.dct is None and doc.doc_id is None


def test_read_errors() -> None:
    with pytest.raises(ValueError, match="TEXT"):
        tm.read_timeml("<TimeML><DOCID>x</DOCID></TimeML>")
    with pytest.raises(ValueError, match="well-formed"):
        tm.read_timeml("<TimeML><TEXT>a</TIMEX3></TEXT></TimeML>")


def _tbaq_files() -> list[Path]:
    files = sorted(TBAQ.glob("*/*.tml"))
    if not files:
        pytest.skip(f"no TBAQ corpus at {TBAQ}")
    return files


_RAW_TIMEX = re.compile(r"<TIMEX3\b[^>]*?(?<!/)>(.*?)</TIMEX3>", re.DOTALL)


def test_read_all_of_tbaq() -> None:
    """Every file reads; every TIMEX3 of <TEXT> is there, in order, and its span in doc.text is
    its own text as found in the raw file by a regex (tags stripped, entities decoded)."""
    files = _tbaq_files()
    assert len(files) == 256
    counts: Counter = Counter()
    for f in files:
        raw = f.read_text(encoding="utf-8")
        body = raw[raw.index("<TEXT>"):raw.index("</TEXT>")]
        expected = [html.unescape(re.sub(r"<[^>]+>", "", m)) for m in _RAW_TIMEX.findall(body)]
        doc = tm.read_timeml(f)
        assert doc.doc_id and isinstance(doc.dct, dt.date), f
        assert [t.text for t in doc.timexes] == expected, f
        assert doc.text == html.unescape(re.sub(r"<[^>]+>", "", body[len("<TEXT>"):])), f
        for t in doc.timexes:
            assert doc.text[t.start:t.end] == t.text, (f, t)
            assert t.type in tm.TIMEX3_TYPES and t.value is not None, (f, t)
            counts[f.parent.name, t.type] += 1
    assert dict(counts) == TBAQ_COUNTS
    assert sum(counts.values()) == 1822


# --------------------------------------------------------------------------------------------
# Writing


class M:
    """A DateMention-like object (attributes only)."""

    def __init__(self, start: int, end: int, kind: str, value: str | None, mod: str | None = None):
        self.start, self.end, self.kind, self.value, self.mod = start, end, kind, value, mod

    def __repr__(self) -> str:
        return f"M({self.start}, {self.end}, {self.kind!r})"


TEXT = 'Q: "profits" <up> & rising since March 2013\r\nfor three years, every Monday at 5 p.m.'


def _mentions(text: str = TEXT) -> list:
    def at(s: str, kind: str, value: str | None, mod: str | None = None) -> M:
        i = text.index(s)
        return M(i, i + len(s), kind, value, mod)

    return [at("March 2013", "date", "2013-03", "START"),
            {"start": text.index("three years"), "end": text.index("three years") + 11,
             "kind": "duration", "value": "P3Y"},
            at("every Monday", "set", "XXXX-WXX-1"),
            at("5 p.m.", "time", None)]


def test_to_timeml_is_well_formed_and_round_trips() -> None:
    ms = _mentions()
    xml = tm.to_timeml(TEXT, ms, dct=dt.date(2013, 3, 22), doc_id="doc <1> & co")
    assert xml.startswith("<?xml")
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == "TimeML"
    dct = root.find("DCT/TIMEX3")
    assert dct is not None and dct.get("functionInDocument") == "CREATION_TIME"
    assert dct.get("tid") == "t0" and dct.get("value") == "2013-03-22"
    tags = root.findall(".//TEXT/TIMEX3")
    assert [t.get("tid") for t in tags] == ["t1", "t2", "t3", "t4"]
    assert [t.get("type") for t in tags] == ["DATE", "DURATION", "SET", "TIME"]
    assert tags[0].get("mod") == "START" and tags[1].get("mod") is None
    assert tags[3].get("value") == ""  # TIMEX3 requires a value: None is written as ""

    doc = tm.read_timeml(xml)
    assert (doc.text, doc.dct, doc.doc_id) == (TEXT, dt.date(2013, 3, 22), "doc <1> & co")
    want = [(tm_start(m), tm_end(m), kind(m).upper(), value(m) or "") for m in ms]
    assert [(t.start, t.end, t.type, t.value) for t in doc.timexes] == want
    assert doc.timexes[0].mod == "START"


def tm_start(m) -> int:
    return m["start"] if isinstance(m, dict) else m.start


def tm_end(m) -> int:
    return m["end"] if isinstance(m, dict) else m.end


def kind(m) -> str:
    return m["kind"] if isinstance(m, dict) else m.kind


def value(m) -> str | None:
    return m["value"] if isinstance(m, dict) else m.value


def test_to_timeml_escapes_special_characters() -> None:
    text = "a & b < c > d \"e\" 'f' ]]> g"
    ms = [{"start": 0, "end": 5, "kind": "date", "value": 'x"<&>\'y', "mod": "A&B"}]
    xml = tm.to_timeml(text, ms, doc_id='"&"')
    assert "a &amp; b" in xml and "&lt; c &gt; d" in xml and "]]&gt; g" in xml
    assert 'value="x&quot;&lt;&amp;&gt;\'y"' in xml
    t = ET.fromstring(xml.encode()).find(".//TEXT/TIMEX3")
    assert t is not None and t.get("value") == 'x"<&>\'y' and t.get("mod") == "A&B"
    doc = tm.read_timeml(xml)
    assert doc.text == text and doc.doc_id == '"&"'
    assert doc.timexes[0].text == "a & b"


def test_to_timeml_without_dct_or_id_and_unsorted_input() -> None:
    ms = list(reversed(_mentions()))
    doc = tm.read_timeml(tm.to_timeml(TEXT, ms))
    assert doc.dct is None and doc.doc_id is None
    assert [t.start for t in doc.timexes] == sorted(tm_start(m) for m in ms)


def test_to_timeml_dct_forms() -> None:
    for dct, value in [("2013-03-22", "2013-03-22"), (dt.datetime(2013, 3, 22), "2013-03-22"),
                       (dt.datetime(2013, 3, 22, 17, 30), "2013-03-22T17:30")]:
        doc = tm.read_timeml(tm.to_timeml("x", [], dct=dct))
        assert doc.dct == dt.date(2013, 3, 22) and doc.dct_value == value
    with pytest.raises(ValueError, match="ISO"):
        tm.to_timeml("x", [], dct="22/03/2013")


def test_to_timeml_rejects_bad_mentions() -> None:
    text = "from March 2013 to April 2013"
    a = M(5, 15, "date", "2013-03")
    b = M(11, 15, "date", "2013")
    with pytest.raises(ValueError, match=r"overlaps") as e:
        tm.to_timeml(text, [a, b])
    assert "M(11, 15" in str(e.value)
    with pytest.raises(ValueError, match="type"):
        tm.to_timeml(text, [M(5, 15, "era", "2013")])
    with pytest.raises(ValueError, match="outside"):
        tm.to_timeml(text, [M(5, 99, "date", "2013")])
    with pytest.raises(ValueError, match="empty"):
        tm.to_timeml(text, [M(5, 5, "date", "2013")])
    with pytest.raises(ValueError, match="U\\+0000"):
        tm.to_timeml("a\x00b", [])
    # adjacent is fine
    assert len(tm.read_timeml(tm.to_timeml(text, [M(5, 10, "date", "X"), M(10, 15, "date", "Y")]))
               .timexes) == 2


def test_tbaq_round_trip() -> None:
    """Gold of real documents survives to_timeml -> read_timeml (spans, types, values, mods)."""
    for f in _tbaq_files()[::16]:
        doc = tm.read_timeml(f)
        back = tm.read_timeml(tm.to_timeml(doc.text, doc.timexes, dct=doc.dct, doc_id=doc.doc_id))
        assert (back.text, back.dct, back.doc_id) == (doc.text, doc.dct, doc.doc_id)
        assert [(t.start, t.end, t.type, t.value, t.mod) for t in back.timexes] == \
               [(t.start, t.end, t.type, t.value, t.mod) for t in doc.timexes]


# --------------------------------------------------------------------------------------------
# Scorer


def g(start: int, end: int, typ: str = "DATE", val: str = "2013") -> dict:
    return {"start": start, "end": end, "type": typ, "value": val}


def test_score_perfect() -> None:
    gold = [g(0, 4), g(10, 20, "DURATION", "P3Y")]
    c = ts.score([gold], [[dict(x) for x in gold]])
    assert c.strict_prf == c.relaxed_prf == (1.0, 1.0, 1.0)
    assert c.type_accuracy == c.value_accuracy == 1.0 and c.type_f1 == c.value_f1 == 1.0


def test_score_off_by_one_is_relaxed_not_strict() -> None:
    c = ts.score_document([g(10, 20)], [g(9, 20)])
    assert (c.strict, c.relaxed) == (0, 1)
    assert c.strict_f1 == 0.0 and c.relaxed_f1 == 1.0 and c.value_f1 == 1.0


def test_score_wrong_value_counts_in_value_f1() -> None:
    gold = [g(0, 4, val="2013"), g(10, 20, val="2013-03"), g(30, 35), g(40, 45)]
    pred = [g(0, 4, val="2013"), g(10, 20, val="2014-03"), g(30, 35), {"start": 50, "end": 55,
            "kind": "date", "value": "2013"}]
    c = ts.score_document(gold, pred)
    assert c.relaxed == 3 and c.value_correct == 2 and c.type_correct == 3
    assert c.value_accuracy == pytest.approx(2 / 3)
    p, r, f = c.relaxed_prf
    assert (p, r) == (0.75, 0.75)
    vp, vr, vf = c.value_prf
    assert (vp, vr) == (0.5, 0.5) and vf == pytest.approx(f * c.value_accuracy)


def test_score_relaxed_is_one_to_one_and_kind_maps_to_type() -> None:
    # one long prediction over two gold mentions matches only one of them
    c = ts.score_document([g(0, 5), g(6, 10)], [g(0, 10)])
    assert c.relaxed == 1 and c.relaxed_prf[1] == 0.5
    # DateMention-style lowercase kind is compared with the TIMEX3 type
    c = ts.score_document([g(0, 5, "TIME", "T1")], [{"start": 0, "end": 5, "kind": "time",
                                                     "value": "T1"}])
    assert c.type_correct == 1 and c.value_correct == 1
    assert ts.score([[]], [[]]).relaxed_prf == (1.0, 1.0, 1.0)


def test_document_errors() -> None:
    text = "x" * 60
    errs = ts.document_errors([g(0, 4), g(10, 20, val="A"), g(30, 35)],
                              [g(1, 4), g(10, 20, val="B"), g(50, 55)], text)
    assert [e["error"] for e in errs] == ["span", "value", "missed", "spurious"]
    assert all("[" in e["context"] for e in errs)
    assert ts.format_error(errs[0]).strip().startswith("span")


def test_gold_scores_itself_perfectly_on_tbaq() -> None:
    files = _tbaq_files()[::8]
    docs = [tm.read_timeml(f) for f in files]
    c = ts.score([d.timexes for d in docs], [list(d.timexes) for d in docs])
    assert c.gold > 0 and c.strict_f1 == c.value_f1 == c.type_f1 == 1.0


# --------------------------------------------------------------------------------------------
# sokhan's English extraction on TBAQ, scored the TempEval-3 way (benchmarks/eval_timeml.py)

#: Floors a little under the measured scores (strict 88.8, relaxed 94.5, value F1 82.1), so a
#: regression fails here; the issue's targets are 86 / 93 / 82.
TBAQ_FLOORS = {"strict_f1": 0.88, "relaxed_f1": 0.94, "value_f1": 0.818}


def test_tbaq_scores_stay_above_the_floor() -> None:
    if not TBAQ.is_dir():
        pytest.skip(f"TBAQ not found at {TBAQ}")
    sokhan = pytest.importorskip("sokhan")
    ev = _load("sokhan_eval_timeml", REPO / "benchmarks" / "eval_timeml.py")
    docs = ev.load_corpus(TBAQ)
    result = ev.evaluate(docs, lambda doc: sokhan.extract_dates(doc.text, reference=doc.dct, lang="en"))
    assert result["failures"] == []
    total = result["counts"]["all"]
    scores = {"strict_f1": total.strict_prf[2], "relaxed_f1": total.relaxed_prf[2], "value_f1": total.value_prf[2]}
    for name, floor in TBAQ_FLOORS.items():
        assert scores[name] >= floor, (name, scores)


def test_extracted_mentions_round_trip_through_timeml() -> None:
    sokhan = pytest.importorskip("sokhan")
    text = "Profits rose 5% in the third quarter, the company said Friday, and will rise next year."
    mentions = sokhan.extract_dates(text, reference="1998-08-10", lang="en")
    assert [(m.text, m.value) for m in mentions] == [
        ("the third quarter", "1998-Q3"), ("Friday", "1998-08-07"), ("next year", "1999")]
    doc = tm.read_timeml(sokhan.to_timeml(text, mentions, dct="1998-08-10", doc_id="d1"))
    assert doc.text == text and doc.doc_id == "d1" and doc.dct == dt.date(1998, 8, 10)
    assert [(t.start, t.end, t.type, t.value) for t in doc.timexes] == [
        (m.start, m.end, m.kind.upper(), m.value) for m in mentions]
