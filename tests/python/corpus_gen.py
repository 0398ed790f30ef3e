"""A reproducible news-like corpus for the Dask and Spark tests: texts made of generated
sentences (most with a date of some kind) or of lines of tests/data/news_fa.txt, some missing,
some empty, and a publication date per document (some missing). The same arguments give the
same corpus, value for value.

Not a test module: test modules load it by path (``--import-mode=importlib`` puts no test
directory on ``sys.path``)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Mapping, Sequence

NEWS = Path(__file__).resolve().parents[1] / "data" / "news_fa.txt"

#: ``(period, offset)``: the rows ``k`` with ``k % period == offset``.
Every = tuple[int, int]


def _at(k: int, every: Every) -> bool:
    return k % every[0] == every[1]


def make_corpus(n: int, seed: int, *, missing: Every, empty: Every, news: Every, no_date: Every,
                first: dt.date, span_days: int, templates: Sequence[str],
                fields: Mapping[str, Sequence[object]], sentences_per_text: range,
                other_templates: Sequence[str] = (), templates_share: float = 1.0,
                columns: Mapping[str, Sequence[object]] | None = None) -> dict[str, list[object]]:
    """``n`` documents as columns: ``text``, ``published`` (a date, or None), then one column per
    entry of ``columns`` (a value drawn from its values for every row).

    Row ``k``'s text is None (``missing``), "" (``empty``), a line of news_fa.txt (``news``), or
    ``sentences_per_text`` sentences; a sentence is a template with every one of ``fields``
    drawn from its values (a range for numbers). A template comes from ``templates``, or, when
    ``other_templates`` is given, from ``templates`` with probability ``templates_share`` and
    from ``other_templates`` otherwise. ``published`` is ``first`` plus up to ``span_days``
    days, or None (``no_date``).
    """
    rng = random.Random(seed)
    lines = [line for line in NEWS.read_text(encoding="utf-8").splitlines() if line]

    def sentence() -> str:
        pool = templates if not other_templates or rng.random() < templates_share \
            else other_templates
        template = rng.choice(pool)
        return template.format(**{name: rng.choice(values) for name, values in fields.items()})

    texts: list[object] = []
    for k in range(n):
        if _at(k, missing):
            texts.append(None)
        elif _at(k, empty):
            texts.append("")
        elif _at(k, news):
            texts.append(rng.choice(lines))
        else:
            count = rng.choice(sentences_per_text)
            texts.append(" ".join(sentence() for _ in range(count)))
    published: list[object] = [
        None if _at(k, no_date) else first + dt.timedelta(days=rng.randrange(span_days))
        for k in range(n)]
    drawn = {name: [rng.choice(values) for _ in range(n)]
             for name, values in (columns or {}).items()}
    return {"text": texts, "published": published, **drawn}
