"""Reading and writing TimeML documents (TIMEX3 temporal expressions and the creation time).

``read_timeml`` loads a TimeML file (TempEval-3's TBAQ and Platinum corpora, or a user's own):
the plain text of its ``<TEXT>`` element, its gold ``TIMEX3`` mentions with code point offsets
into that text, and its document creation time (DCT). ``to_timeml`` writes text plus mentions
(``sokhan.DateMention`` objects, or dicts) as a TimeML document that any TimeML tool, the
TempEval-3 scorer included, can read. Pure Python (standard library only), so it also runs where
the compiled core is not built.

>>> xml = to_timeml("Rates rose on Friday & fell.", [
...     {"start": 14, "end": 20, "kind": "date", "value": "2013-03-22"}],
...     dct="2013-03-24", doc_id="d1")
>>> doc = read_timeml(xml)
>>> doc.doc_id, doc.dct.isoformat(), doc.text
('d1', '2013-03-24', 'Rates rose on Friday & fell.')
>>> t = doc.timexes[0]
>>> (doc.text[t.start:t.end], t.type, t.value)
('Friday', 'DATE', '2013-03-22')
"""

from __future__ import annotations

import datetime as _dt
import html.entities
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Mapping, NamedTuple, Optional, Union

if TYPE_CHECKING or __package__:
    from .errors import InvalidOptionError, InvalidTextError, SokhanTypeError
else:  # loaded by path, outside the package (benchmarks/eval_timeml.py): the built-in bases
    InvalidOptionError = InvalidTextError = ValueError
    SokhanTypeError = TypeError

__all__ = ["TIMEX3_TYPES", "TimeMLDocument", "Timex", "read_timeml", "to_timeml"]

#: The TIMEX3 types, as TimeML writes them.
TIMEX3_TYPES = ("DATE", "TIME", "DURATION", "SET")


class Timex(NamedTuple):
    """A TIMEX3 element of a document's ``<TEXT>``.

    ``start``/``end`` are code point offsets into :attr:`TimeMLDocument.text`
    (``doc.text[start:end] == text``); ``type`` is the TIMEX3 type in upper case, ``value`` and
    ``mod`` the TIMEX3 attributes (``None`` when absent); ``attrs`` every attribute as written.
    """

    start: int
    end: int
    text: str
    tid: Optional[str]
    type: str
    value: Optional[str]
    mod: Optional[str]
    attrs: Mapping[str, str]

    @property
    def kind(self) -> str:
        """The type in lower case, as ``DateMention.kind`` spells it."""
        return self.type.lower()


@dataclass
class TimeMLDocument:
    """A TimeML document: its ``<TEXT>`` as plain text, the TIMEX3 gold in it and its DCT.

    ``text`` is the content of the ``<TEXT>`` element with every tag removed and entities decoded
    (whitespace kept exactly as the XML parser reports it); all offsets in ``timexes`` refer to
    it, not to the file. ``dct`` is the date of the creation-time TIMEX3 (``dct_value`` its
    value as written, e.g. ``"1998-08-07T06:18"``). ``title`` is the ``<TITLE>`` text, if any.
    """

    doc_id: Optional[str]
    dct: Optional[_dt.date]
    text: str
    timexes: list[Timex] = field(default_factory=list)
    title: Optional[str] = None
    dct_value: Optional[str] = None
    path: Optional[str] = None


# --------------------------------------------------------------------------------------------
# Reading


def _local(tag: Any) -> str:
    """The tag without an XML namespace (users' files may declare a default one)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _all_text(el: ET.Element) -> str:
    return "".join(el.itertext())


_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9._-]*);")
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}


def _html_entities_to_refs(xml: str) -> str:
    """``&nbsp;`` and other HTML entities, undefined in XML, as character references."""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in _XML_ENTITIES or name not in html.entities.name2codepoint:
            return str(m.group(0))
        return f"&#{html.entities.name2codepoint[name]};"

    return _ENTITY.sub(sub, xml)


def _parse(xml: Union[str, bytes]) -> ET.Element:
    try:
        return ET.fromstring(xml)
    except ET.ParseError as first:
        if isinstance(xml, bytes):
            raise InvalidTextError(f"not well-formed TimeML: {first}") from None
        try:
            return ET.fromstring(_html_entities_to_refs(xml))
        except ET.ParseError:
            raise InvalidTextError(f"not well-formed TimeML: {first}") from None


def _date_of(value: Optional[str]) -> Optional[_dt.date]:
    """The calendar date a DCT value names (``1998-08-07``, ``19980807``, ``1998-08-07T06:18``)."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-?(\d{2})-?(\d{2})", value)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _collect(el: ET.Element, parts: list[str], pos: int, out: list[Timex]) -> int:
    """Appends the text under ``el`` (children and tails included) to ``parts``, records its
    TIMEX3 descendants in ``out``, and returns the code point position after it."""
    if el.text:
        parts.append(el.text)
        pos += len(el.text)
    for child in el:
        start = pos
        index = len(out)
        pos = _collect(child, parts, pos, out)
        if _local(child.tag) == "TIMEX3" and pos > start:  # empty (non-consuming) ones are skipped
            attrs = dict(child.attrib)
            out.insert(index, Timex(
                start=start, end=pos, text=_all_text(child),
                tid=attrs.get("tid"), type=(attrs.get("type") or "").upper(),
                value=attrs.get("value"), mod=attrs.get("mod"), attrs=attrs))
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    return pos


def read_timeml(source: Union[str, bytes, "os.PathLike[str]"]) -> TimeMLDocument:
    """Reads a TimeML document from a path, or from the XML itself (a ``str`` starting with
    ``<`` after whitespace, or ``bytes``).

    Only the ``<TEXT>`` element becomes :attr:`TimeMLDocument.text`; every TIMEX3 inside it, at
    any depth (inside EVENT, SIGNAL, ...), becomes a :class:`Timex` whose ``start``/``end`` are
    code point offsets into that text. TIMEX3 elements with no text (non-consuming anchors) are
    left out. Raises ``InvalidTextError`` (a ``ValueError``) for XML that is not well formed or
    has no ``<TEXT>``.
    """
    path: Optional[str] = None
    if isinstance(source, bytes):
        xml: Union[str, bytes] = source
    elif isinstance(source, str) and source.lstrip().startswith("<"):
        xml = source
    elif isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        with open(path, "rb") as f:
            xml = f.read()
        try:  # as text, so that HTML entities can be repaired if the XML parser rejects them
            xml = xml.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            pass  # another declared encoding: the parser reads the bytes itself
    else:
        raise SokhanTypeError(f"source must be a path, XML str or bytes, not {type(source).__name__}")

    if isinstance(xml, str) and xml.startswith("<?xml"):
        # ElementTree rejects str input that declares an encoding; the text is already decoded.
        xml = re.sub(r"^<\?xml[^>]*\?>", "", xml, count=1)
    try:
        root = _parse(xml)
    except InvalidTextError as e:
        raise InvalidTextError(f"{path}: {e}" if path else str(e)) from None

    text_el = dct_el = docid_el = title_el = None
    for el in root.iter():
        name = _local(el.tag)
        if name == "TEXT" and text_el is None:
            text_el = el
        elif name == "DCT" and dct_el is None:
            dct_el = el
        elif name == "DOCID" and docid_el is None:
            docid_el = el
        elif name == "TITLE" and title_el is None:
            title_el = el
    if text_el is None:
        raise InvalidTextError(f"{path or 'document'}: no <TEXT> element")

    dct_value = None
    if dct_el is not None:
        for el in dct_el.iter():
            if _local(el.tag) == "TIMEX3":
                dct_value = el.get("value")
                break
    else:  # some corpora mark the creation time only by functionInDocument
        for el in root.iter():
            if _local(el.tag) == "TIMEX3" and el.get("functionInDocument") == "CREATION_TIME":
                dct_value = el.get("value")
                break

    parts: list[str] = []
    timexes: list[Timex] = []
    _collect(text_el, parts, 0, timexes)
    text = "".join(parts)
    doc_id = _all_text(docid_el).strip() if docid_el is not None else None
    title = _all_text(title_el).strip() if title_el is not None else None
    return TimeMLDocument(doc_id=doc_id or None, dct=_date_of(dct_value), text=text,
                          timexes=timexes, title=title, dct_value=dct_value, path=path)


# --------------------------------------------------------------------------------------------
# Writing

# Characters XML 1.0 cannot carry at all (even as references).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _escape_text(s: str) -> str:
    # "\r" as a reference: a parser would otherwise turn "\r\n" into "\n" and break the offsets.
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _escape_attr(s: str) -> str:
    return (_escape_text(s).replace('"', "&quot;").replace("\n", "&#10;")
            .replace("\t", "&#9;"))


def _field(m: Any, name: str, default: Any = None) -> Any:
    if isinstance(m, Mapping):
        return m.get(name, default)
    return getattr(m, name, default)


def _dct_value(dct: Any) -> tuple[str, str]:
    """(TIMEX3 type, value) of a DCT given as a date, datetime or ISO string."""
    if isinstance(dct, str):
        try:
            dct = _dt.datetime.fromisoformat(dct.strip())
        except ValueError:
            raise InvalidOptionError(f"dct {dct!r} is not an ISO date (e.g. '2013-03-22')") from None
    if isinstance(dct, _dt.datetime):
        if (dct.hour, dct.minute, dct.second, dct.microsecond) == (0, 0, 0, 0):
            return "DATE", dct.date().isoformat()
        return "TIME", dct.replace(tzinfo=None).isoformat(timespec="minutes" if not dct.second
                                                          else "seconds")
    if isinstance(dct, _dt.date):
        return "DATE", dct.isoformat()
    raise SokhanTypeError(f"dct must be a datetime.date, datetime.datetime or ISO string, "
                    f"not {type(dct).__name__}")


def to_timeml(text: str, mentions: Iterable[Any], dct: Any = None,
              doc_id: Optional[str] = None) -> str:
    """``text`` as a TimeML document with each mention wrapped in a TIMEX3 element.

    ``mentions`` are ``DateMention``-like objects or dicts with ``start``, ``end`` (code point
    offsets into ``text``), ``kind`` (or ``type``: date, time, duration, set in any case),
    ``value`` and optionally ``mod``. They are written in text order (sorted by start) with
    tids t1, t2, ...; they must not overlap and must not be empty (``InvalidOptionError``, a
    ``ValueError``, naming the mention). TIMEX3 requires a value: a mention whose value is ``None`` is written with
    ``value=""``. ``dct`` (a date, datetime or ISO string) becomes the ``<DCT>`` TIMEX3 t0 with
    ``functionInDocument="CREATION_TIME"``; ``doc_id`` the ``<DOCID>``; either is omitted when
    None. The result reads back with :func:`read_timeml` to the same text, DCT, doc id and
    mention spans, types and values.
    """
    if not isinstance(text, str):
        raise SokhanTypeError(f"text must be a str, not {type(text).__name__}")
    bad = _INVALID_XML.search(text)
    if bad:
        raise InvalidTextError(f"text has character U+{ord(bad.group()):04X} at {bad.start()}, "
                         "which XML 1.0 cannot represent")

    rows = []
    for k, m in enumerate(mentions):
        start, end = _field(m, "start"), _field(m, "end")
        if not isinstance(start, int) or not isinstance(end, int):
            raise InvalidOptionError(f"mention {k} ({m!r}) has no integer start/end")
        if not 0 <= start < end <= len(text):
            raise InvalidOptionError(f"mention {k} ({m!r}) span {start}:{end} is empty or outside the "
                             f"text (length {len(text)})")
        kind = _field(m, "kind") or _field(m, "type")
        if not isinstance(kind, str) or kind.upper() not in TIMEX3_TYPES:
            raise InvalidOptionError(f"mention {k} ({m!r}) has type {kind!r}, not one of {TIMEX3_TYPES}")
        value = _field(m, "value")
        mod = _field(m, "mod")
        rows.append((start, end, k, kind.upper(), "" if value is None else str(value), mod, m))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    for prev, cur in zip(rows, rows[1:]):
        if cur[0] < prev[1]:
            raise InvalidOptionError(f"mention {cur[2]} ({cur[6]!r}) at {cur[0]}:{cur[1]} overlaps "
                             f"mention {prev[2]} ({prev[6]!r}) at {prev[0]}:{prev[1]}")

    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n']
    if doc_id is not None:
        out.append(f"<DOCID>{_escape_text(str(doc_id))}</DOCID>\n")
    if dct is not None:
        dtype, dvalue = _dct_value(dct)
        out.append(f'<DCT><TIMEX3 tid="t0" type="{dtype}" value="{dvalue}" temporalFunction="false"'
                   f' functionInDocument="CREATION_TIME">{dvalue}</TIMEX3></DCT>\n')
    out.append("<TEXT>")
    pos = 0
    for n, (start, end, _k, typ, value, mod, _m) in enumerate(rows, 1):
        out.append(_escape_text(text[pos:start]))
        attrs = f'tid="t{n}" type="{typ}" value="{_escape_attr(value)}"'
        if mod:
            attrs += f' mod="{_escape_attr(str(mod))}"'
        out.append(f"<TIMEX3 {attrs}>{_escape_text(text[start:end])}</TIMEX3>")
        pos = end
    out.append(_escape_text(text[pos:]))
    out.append("</TEXT>\n</TimeML>\n")
    return "".join(out)
