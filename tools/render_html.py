"""Renders sokhan's Jupyter HTML to PNG with headless Chromium, to look at the right-to-left
layout, the fonts and the marks as a browser draws them (issue 7 asks for this check).

    .venv/bin/python tools/render_html.py OUT_DIR     # writes document.png, english.png, edits.png
Needs Debian's chromium and a Persian font (fonts-noto-core).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import sokhan

NEWS = ("تهران - ايرنا: رئيس‌جمهور دوشنبه ۲ آذر ۱۳۹۴ در نشستی خبری گفت كه دولت طي دو سال آينده "
        "۱۲۰۰ كيلومتر راه‌آهن جديد مي سازد. نتایج فردا ساعت ۱۰ صبح اعلام می‌شود و هیئت ایرانی عازم "
        "دوشنبه، پایتخت تاجیکستان، خواهد شد. مراسم ۱۰ محرم ۱۴۳۷ و اوایل بهمن پارسال هم برگزار شد.")


def render(html: str, out: Path, width: int = 900, height: int = 420) -> None:
    page = out.with_suffix(".html")
    page.write_text(f"<!doctype html><meta charset='utf-8'><body style='margin:12px'>{html}</body>", encoding="utf-8")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("chromium is not installed (apt-get install chromium fonts-noto-core)")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", f"--window-size={width},{height}",
                    f"--screenshot={out}", page.as_uri()], check=True, capture_output=True, timeout=120)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    doc = sokhan.analyze(NEWS, reference="2015-11-25")
    render(doc.show().data, out / "document.png")
    render(doc.show(edits=True).data, out / "edits.png")
    en = sokhan.analyze("Profit rose 5% in the third quarter, the company said Friday. It will rise next year.",
                        reference="1998-08-10", lang="en")
    render(en._repr_html_(), out / "english.png", height=200)
    print("wrote", *(str(out / n) for n in ("document.png", "edits.png", "english.png")))


if __name__ == "__main__":
    main()
