"""News-like test documents made of a few hand-picked sentences that exercise every capability
(dates, abbreviations, decimals, URLs, letter variants, lost ZWNJs, an emoji), shared by the
concurrency and memory tests.

Not a test module: test modules load it by path (``--import-mode=importlib`` puts no test
directory on ``sys.path``), see ``load`` in those modules."""

from __future__ import annotations

import random
from typing import Sequence

SENTENCES = [
    "تهران - ایرنا: رئيس‌جمهور روز دوشنبه ۲ آذر ۱۳۹۴ در نشستي خبري سخن گفت.",
    "نرخ تورم در سال ۹۳ به 15.6 درصد رسيد و امسال به زير ۱۰ درصد خواهد رسيد!",
    "قراردادها اوايل بهمن ماه پارسال امضا شد ؛ جزئيات در www.example.ir/news?id=1394 آمده است.",
    "جلسه بعدی سه‌شنبه هفته آینده ساعت ۱۰ صبح برگزار می‌شود.",
    "Dr. Smith met the U.S. delegation on March 3, 2014 at 5 p.m.",
    "Profits rose 5% in the third quarter, the company said Friday.",
    "كتاب ها را مي خوانم ... و بعد مي روم (منبع: ايسنا)",
    "۱۵ روز بعد از عید فطر، یعنی ۱۰ تیر، نتایج اعلام شد.",
    "😀 سلام دنیا.",
]


def documents(count: int, seed: int, sentences: tuple[int, int] = (1, 12),
              joiners: Sequence[str] = (" ", "\n", "\n\n")) -> list[str]:
    """`count` different documents ("خبر k: " and a number of sentences in `sentences`, joined
    by one of `joiners` each), the same for the same arguments."""
    rng = random.Random(seed)
    docs = []
    for k in range(count):
        parts = rng.choices(SENTENCES, k=rng.randint(*sentences))
        docs.append(f"خبر {k}: " + rng.choice(joiners).join(parts))
    return docs
