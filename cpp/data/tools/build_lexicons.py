#!/usr/bin/env python3
"""Build the lexicons used by sokhan's normalizer from hazm 0.10.0 data.

Writes (UTF-8, sorted, tab-separated, '#' header lines first):
  cpp/data/normalize/compounds.tsv     joined<TAB>fixed   (ZWNJ repair)
  cpp/data/normalize/verb_after_mi.tsv one verb form that may follow «می»/«نمی»
  cpp/data/normalize/adjectives.tsv    one adjective that may take «تر»/«ترین»

Source: hazm 0.10.0 (MIT licence, Copyright (c) 2013 Alireza Nourian),
files hazm/data/words.dat and hazm/data/verbs.dat.  Without --hazm-data the
wheel is fetched with `pip download --no-deps hazm==0.10.0` and unzipped into
a temporary directory.  Python 3.11, stdlib only; output is deterministic.

words.dat lines are `word<TAB>freq<TAB>POS,POS`.  About 158k of its 194k lines
are `word<TAB>0<TAB>0`: an unattested headword list that also contains hazm's
own list of joined misspellings (میشود، کتابها، بزرگتر).  Such entries are
therefore NOT taken as proof that a joined spelling is a real word; only
"annotated" entries (freq > 0 or a POS tag) are.
"""
import argparse
import collections
import hashlib
import os
import random
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

HAZM = "hazm==0.10.0"
HAZM_SHA256 = "525c9b32914b98e50dab27fbd4f79c1067c898668812de095b8cdd81cc52b0ef"
ZWNJ = "\u200c"
ROOT = Path(__file__).resolve().parents[1]          # cpp/data
OUT = ROOT / "normalize"

# Letters that do not join to the following letter: a ZWNJ after them is
# invisible and the normalizer deletes it, so `fixed` must never have one there.
NON_JOINING = set("اآأإٱدذرزژوؤةءۀ")
DIACRITICS = {chr(c) for c in range(0x064B, 0x0653)} | {"\u0670", "\u0640"}  # + tatweel
LETTER_MAP = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})

MI = ("می", "نمی")
PRES_END = ("م", "ی", "د", "یم", "ید", "ند")
PAST_END = ("م", "ی", "", "یم", "ید", "ند")
PREVERBS = ("باز", "بر", "فرا", "فرو", "وا", "ور", "در")  # برمی‌گردد, not می‌برگردد
PLURAL = ("ها", "های", "هایی")
COMPAR = ("تر", "ترین")

# Thresholds on hazm's frequency column (stated in the file headers too).
NOUN_MIN_FREQ = 100_000      # plural stems: keeps compounds.tsv under ~2.5 MB
ADJ_MIN_FREQ = 10_000        # comparative stems and adjectives.tsv
RATIO = 20                   # words.dat ZWNJ form must beat the joined word by this
DERIVED_MIN_FREQ = 1_000     # see derived_clash()
DERIVED_RATIO = 1_000
DERIVED_SUFFIXES = ("ی", "ای", "یی", "ها", "های", "ان", "ات")

NUMBER_WORDS = set("یک دو سه چهار پنج شش هفت هشت نه ده صد هزار".split())
VERB_KEEP = {"دود", "دوم", "سنجد", "پیوست"}   # see verb_after_mi below
# The impersonal «(ن)می‌توان» (one can) is a bare present stem with no personal
# ending, which the conjugation rule above does not produce.
IMPERSONAL = {"توان"}

# adjectives.tsv: hazm tags thousands of nouns AJ (لباس، کتاب، آب: N,AJ).  A
# noun before «تر» usually means "wet" (لباس تر), so besides the POS filter in
# adjective_ok() these items, found by reading the list, are removed by hand:
# function words, ordinals, adverbs («ناگهان تر شد»: suddenly got wet), nouns.
ADJ_STOP = set("""
تو بر که نه پس بس مثل چند هیچ کجا کاش خب عین همت مه ته سو جد حب تر دگر
آن‌چنان این‌چنین چنین یکایک نیمچه ول‌کن آنی دست‌کم زو
اول دوم سوم شش تمام
همواره همیشه دوباره ناگهان ناگاه ناگه یکسره یکجا یک‌باره هرروزه همه‌روزه
همه‌ساله هرساله شبانه‌روز بلافاصله بلادرنگ پیشاپیش برعکس بالعکس مبادا حیف
عجب توأم ضمن داخل بیرون جلو عقب کنار مقابل زیر قبل بعد تدریج درجا دربست
امروز دیروز امروزه کنون شب سحرگاه شبانگاه دیروقت بیگاه
علی‌الحساب فوق‌الذکر مادام‌العمر عندالمطالبه خلق‌الساعه فی‌البداهه فی‌نفسه
مع‌الفارق علی‌حده لاینقطع یدطولی
زبان انسان علم گروه کشور تلفن اسلام درس زمین منطقه فرهنگ فن خودرو قانون
ریشه عصر شیر چراغ حزب سرقت زخم آزمایش شن فیل نخود گلو ریش گور قاره بغل
کلام جناح حاشیه منطق سنت جرم تخصص احساسات اصطلاح کلیشه تصادف گزینش وکالت
اجبار خارش دف اساطیر گفتار مقدار تکرار اختصاص تفریح حضور لحظه سلیقه اساس
مقطع اتفاق اختیار ابتدا حداقل حداکثر خلاصه وال الو قو مس دیم ویبره سولفاته
متالیک رئال تبلیغات عمق روزمره حرفه مداربسته معنا خیر سطح فوق میلی غرب عوض
صرف دروغ قرص متحده مولتی‌مدیا عرف منت زار خوار تلگراف کنایه کشک فوریت
محاوره تصنع لاش مستوفی جزم نسیه پایاپای سرسبد زیرچشمی لبالب بلوکه دولوکس
دیالکتیک صفرکیلومتر لامصب لامسب غربیه کادویی درازکش سینه‌زنان سینه‌خیز
""".split())
# Conversely, common gradable adjectives that hazm tags only N,AJ
# (so the POS filter loses them), picked from the most frequent rejected words.
ADJ_KEEP = set("""
جدید مشابه درخشان خاص معروف تیره مرتبط پیشرفته متوسط لاغر مخصوص محبوب ممتاز
آگاه حجیم داغ شریف صادق عادل مسلط
""".split())


def clean(word: str) -> str | None:
    """Canonical spelling, or None if the entry is not a plain Persian word."""
    w = word.translate(LETTER_MAP)
    w = "".join(c for c in w if c not in DIACRITICS)
    # Only Arabic-block letters and ZWNJ: drops Latin, digits, '.', '-', ZWJ,
    # and combining hamza (U+0654), whose canonical form is the normalizer's call.
    if not w or any(c != ZWNJ and not ("\u0600" <= c <= "\u06ff"
                                       and unicodedata.category(c) == "Lo") for c in w):
        return None
    # Canonical ZWNJ: no runs, none at the ends, none after a non-joining letter.
    out = []
    for c in w:
        if c == ZWNJ and (not out or out[-1] == ZWNJ or out[-1] in NON_JOINING):
            continue
        out.append(c)
    return "".join(out).strip(ZWNJ)


def join(*parts: str) -> str:
    """Concatenate with a ZWNJ only where the previous letter joins."""
    s = parts[0]
    for p in parts[1:]:
        s += (ZWNJ if s[-1] not in NON_JOINING else "") + p
    return s


def fetch_hazm(tmp: Path) -> Path:
    """Download the hazm wheel from PyPI into tmp, check it, unzip its data."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", HAZM,
                    "-d", str(tmp)], check=True, stdout=subprocess.DEVNULL)
    wheel = tmp / "hazm-0.10.0-py3-none-any.whl"
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != HAZM_SHA256:
        sys.exit(f"unexpected hazm wheel sha256 {digest}")
    zipfile.ZipFile(wheel).extractall(tmp / "x")
    return tmp / "x" / "hazm" / "data"


def load_words(path: Path) -> dict[str, tuple[int, frozenset[str]]]:
    words: dict[str, tuple[int, frozenset[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if len(f) != 3 or (w := clean(f[0])) is None:
            continue
        pos = frozenset(p for p in f[2].split(",") if p != "0")
        old = words.get(w, (0, frozenset()))   # ي/ك variants merge into one entry
        words[w] = (max(old[0], int(f[1])), old[1] | pos)
    return words


def load_verbs(path: Path) -> list[tuple[str, str]]:
    verbs = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        past, _, pres = line.strip().partition("#")
        past, pres = clean(past) or "", clean(pres) or ""
        if past.endswith(("دن", "تن")):   # a few lines hold an infinitive
            past = past[:-1]
        if past and not past.endswith(("د", "ت")):
            past = ""                      # not a past stem (e.g. گوال)
        if pres == "هست":                  # هستن never takes می
            continue
        if ZWNJ not in past + pres:
            verbs.add((past, pres))
    return sorted(verbs)


def present_forms(stem: str) -> list[str]:
    # Stems ending in ا/آ take a glide ی (فرما → فرمایم).  Stems ending in و are
    # left alone: شو/رو/دو give شوم/رود; the /u/ stems (گو، جو) are also listed
    # by hazm as گوی/جوی, which give گویم/گوید.
    if stem.endswith(("ا", "آ")):   # آمد#آ: آیم، آید
        stem += "ی"
    return [stem + e for e in PRES_END]


def split_preverb(past: str, pres: str, pasts: set[str], press: set[str]) -> str:
    """Preverb of a compound verb (برگشت#برگرد → بر), or "" if not one.

    Both stems must start with the same preverb and their rests must be verbs
    of their own; this keeps وارید#وار and وردید#ورد whole."""
    for pv in PREVERBS:
        rest = [(s[len(pv):], known) for s, known in ((past, pasts), (pres, press)) if s]
        if rest and all(s.startswith(pv) for s in (past, pres) if s) \
                and all(len(r) >= 2 and r in known for r, known in rest):
            return pv
    return ""


def verb_forms(verbs):
    """Yield (preverb, form, infinitive) for every simple present/past form."""
    pasts = {p for p, _ in verbs if p}
    press = {q for _, q in verbs if q}
    for past, pres in verbs:
        inf = past + "ن" if past else ""
        pv = split_preverb(past, pres, pasts, press)
        if past:
            for f in (past[len(pv):] + e for e in PAST_END):
                yield pv, f, inf
        if pres:
            for f in present_forms(pres[len(pv):]):
                yield pv, f, inf


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hazm-data", type=Path, help="unpacked hazm/data directory")
    ap.add_argument("--seed", type=int, default=0, help="seed for the spot-check sample")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="hazm-") as tmp:
        data = args.hazm_data or fetch_hazm(Path(tmp))
        words = load_words(data / "words.dat")
        verbs = load_verbs(data / "verbs.dat")

    def freq(w: str) -> int:
        return words.get(w, (0,))[0]

    def annotated(w: str) -> bool:
        return w in words and (words[w][0] > 0 or bool(words[w][1]))

    def derived_clash(key: str, fixed: str, weight: int) -> bool:
        # The key also reads as another word + suffix, split somewhere else than
        # at a ZWNJ of `fixed`: میدانی = میدان+ی ("field"), not می‌دانی;
        # خانهای = خانه+ای, not خان‌های.  hazm's counts are too noisy for a fine
        # comparison, so only an overwhelming margin keeps the entry (شب‌های
        # over شبه‌ای).
        cuts, at = set(), 0
        for part in fixed.split(ZWNJ)[:-1]:
            at += len(part)
            cuts.add(at)
        for s in DERIVED_SUFFIXES:
            w = key[:-len(s)]
            if key.endswith(s) and len(w) not in cuts and annotated(w) \
                    and freq(w) >= DERIVED_MIN_FREQ \
                    and not weight > DERIVED_RATIO * freq(w):
                return True
        return False

    # ---- compounds.tsv: candidates (key, fixed, weight, source) ----------
    cands: list[tuple[str, str, int, str]] = []
    for w, (f, _) in words.items():                          # (a) words.dat
        if ZWNJ in w:
            key = w.replace(ZWNJ, "")
            # A real joined word wins unless the ZWNJ spelling is far more common.
            if annotated(key) and not f > RATIO * freq(key):
                continue
            cands.append((key, w, f, "a"))

    inf_freq = {}
    for pv, form, inf in verb_forms(verbs):                  # (b) verbs
        inf_freq[form] = max(inf_freq.get(form, 0), freq(inf))
        for mi in MI:
            fixed = pv + join(mi, form)
            key = fixed.replace(ZWNJ, "")
            if not annotated(key):        # drops میانجی، میگساری، میتاخت
                cands.append((key, fixed, freq(inf), "b"))

    groups = []                                              # (c) suffixes
    for w, (f, pos) in words.items():
        if "N" in pos and f >= NOUN_MIN_FREQ:
            groups.append((w, PLURAL, f))
        if "AJ" in pos and f >= ADJ_MIN_FREQ and len(w.replace(ZWNJ, "")) >= 3:
            groups.append((w, COMPAR, f))   # 2-letter stems: مس+تر = مستر
    for stem, sufs, f in groups:
        fixed = [join(stem, s) for s in sufs]
        keys = [x.replace(ZWNJ, "") for x in fixed]
        # One closed member closes the set: تنها → no تن‌های; بیشتر → no بیش‌ترین.
        if any(annotated(k) for k in keys):
            continue
        cands += [(k, x, f, "c") for k, x in zip(keys, fixed)]

    best: dict[str, tuple[int, str]] = {}
    dropped = {"short": 0, "no-zwnj": 0, "odd": 0, "derived": []}
    for key, fixed, weight, src in cands:
        if len(key) < 4:
            dropped["short"] += 1
            continue
        if clean(fixed) != fixed or ZWNJ not in fixed:
            dropped["no-zwnj"] += 1       # e.g. کار+ها: ZWNJ after ر is no-op
            continue
        parts = fixed.split(ZWNJ)
        # hazm spells some numerals and stray letters apart (یک‌صد، بطی‌ء،
        # امیرزاده‌ا); the joined spellings are standard or the split is noise.
        if all(p in NUMBER_WORDS for p in parts) or \
                any(len(p) == 1 and p != "آ" for p in parts):
            dropped["odd"] += 1
            continue
        if derived_clash(key, fixed, weight):
            dropped["derived"].append(key)
            continue
        old = best.get(key)
        if old is None or (weight, old[1]) > (old[0], fixed):  # more frequent wins
            best[key] = (weight, fixed)
    for stem in IMPERSONAL:
        for pre in ("می", "نمی"):
            best.setdefault(pre + stem, (0, pre + ZWNJ + stem))
    compounds = sorted((k, v[1]) for k, v in best.items())

    # ---- verb_after_mi.tsv ----------------------------------------------
    # Any simple form may follow a separate «می»/«نمی».  Exclude forms that are
    # also an annotated non-verb word when no verb producing them has an attested
    # infinitive in words.dat: these are archaic verbs (تولیدن، هلیدن، آریدن)
    # whose forms (تولید، هلند، آرد) are everyday nouns; «می» can be wine, May
    # or a name (ترزا می), so a join there would be wrong.
    # VERB_KEEP: everyday verbs whose infinitive words.dat lacks (دویدن،
    # پیوستن) or lists unattested (سنجیدن).
    mi_forms, mi_dropped = [], []
    for form in sorted({f for pv, f, _ in verb_forms(verbs) if not pv}):
        if annotated(form) and "V" not in words[form][1] and inf_freq[form] == 0 \
                and form not in VERB_KEEP:
            mi_dropped.append(form)
        else:
            mi_forms.append(form)
    mi_forms = sorted(set(mi_forms) | IMPERSONAL)

    # ---- adjectives.tsv -------------------------------------------------
    def adjective_ok(w: str, f: int, pos: frozenset[str]) -> bool:
        if w in ADJ_KEEP:
            return True
        if "AJ" not in pos or f < ADJ_MIN_FREQ or w in ADJ_STOP:
            return False
        # If the joined comparative is itself an annotated word (کمتر، بیشتر،
        # بهتر، برتر) the standard spelling is closed; don't produce کم‌تر.
        if annotated(w + "تر") or annotated(w + "ترین"):
            return False
        # hazm tags many nouns N,AJ.  Trust AJ when the word is not also N, or
        # also ADV (adjectives double as adverbs: سریع، سخت), or words.dat lists
        # a comparative of it.
        evidence = any((w + s) in words or join(w, s) in words for s in COMPAR)
        return "N" not in pos or "ADV" in pos or evidence
    adjectives = sorted(w for w, (f, pos) in words.items() if adjective_ok(w, f, pos))

    # ---- write ----------------------------------------------------------
    src = ("# Source: hazm 0.10.0 (https://pypi.org/project/hazm/0.10.0/), data files\n"
           "#   hazm/data/words.dat and hazm/data/verbs.dat; MIT licence,\n"
           "#   Copyright (c) 2013 Alireza Nourian.\n"
           "# Generated by cpp/data/tools/build_lexicons.py; do not edit by hand.\n"
           "# All entries: ي ى → ی, ك → ک; diacritics and tatweel removed; entries\n"
           "#   with characters other than Arabic-block letters and ZWNJ dropped.\n")
    headers = {
        "compounds.tsv": (
            "# compounds.tsv: words written without their ZWNJ (U+200C) -> correct\n"
            "#   form. Format: joined<TAB>fixed. Used by repair_compounds: a whole\n"
            "#   token equal to `joined` is replaced by `fixed`.\n" + src +
            "# Entries:\n"
            "#   a. words.dat words containing ZWNJ (key = word without ZWNJ).\n"
            "#   b. می/نمی + present stem + م ی د یم ید ند, and می/نمی + past stem\n"
            "#      + م ی - یم ید ند (verbs.dat); present stems in ا/آ take a glide\n"
            "#      ی (فرمایم، آیم); preverbs go first: برمی‌گردد، فرامی‌گیرد.\n"
            f"#   c. nouns (POS N, freq >= {NOUN_MIN_FREQ}) + ها های هایی and\n"
            f"#      adjectives (POS AJ, freq >= {ADJ_MIN_FREQ}, >= 3 letters) + تر ترین.\n"
            "# Filters:\n"
            "#   - a key that is an annotated words.dat word (freq > 0 or a POS tag;\n"
            "#     the ~158k `word 0 0` lines are an unattested headword list that\n"
            "#     includes hazm's own joined misspellings, so they do not count) is\n"
            f"#     dropped; for (a) it is kept if the ZWNJ form is > {RATIO}x as frequent.\n"
            "#   - (c): if any of a stem's suffixed keys is an annotated word (تنها،\n"
            "#     بیشتر), the stem's whole set is dropped.\n"
            "#   - keys that also read as another annotated word (freq >= "
            f"{DERIVED_MIN_FREQ})\n"
            f"#     + {' '.join(DERIVED_SUFFIXES)} split elsewhere are dropped (میدانی).\n"
            "#   - keys shorter than 4 letters are dropped.\n"
            "#   - `fixed` is canonical: ی ک only, no diacritics/tatweel, single ZWNJs,\n"
            "#     none at the ends or after ا آ أ إ ٱ د ذ ر ز ژ و ؤ ة ء ۀ; entries left\n"
            "#     with no ZWNJ are dropped. Removing ZWNJs from `fixed` gives `joined`.\n"
            "#   - one `fixed` per key: the more frequent (word, stem or infinitive\n"
            "#     frequency) wins.\n"),
        "verb_after_mi.tsv": (
            "# verb_after_mi.tsv: verb forms that may follow a separate «می» or «نمی»,\n"
            "#   one per line; «می شود» is joined to «می‌شود» only if «شود» is listed.\n" + src +
            "# Forms: present stem + م ی د یم ید ند (stems in ا/آ take a glide ی) and\n"
            "#   past stem + م ی - یم ید ند, for every simple verb in verbs.dat\n"
            "#   (preverb verbs like برگشت are covered by their simple stem).\n"
            "# Excluded: forms that are also an annotated non-verb word in words.dat\n"
            "#   when no verb producing them has an attested infinitive in words.dat\n"
            "#   (archaic verbs: تولید، هلند، آرد، سود are nouns), because «می» may be\n"
            "#   wine, the month May or a name. Forms of common verbs (رود، دید،\n"
            "#   برد) are kept: after «می» they are nearly always verbs.\n"),
        "adjectives.tsv": (
            "# adjectives.tsv: adjectives after which a separate «تر»/«ترین» is a\n"
            "#   comparative/superlative suffix (بزرگ تر -> بزرگ‌تر), one per line.\n" + src +
            f"# Rules: POS contains AJ, freq >= {ADJ_MIN_FREQ}, and (POS lacks N, or has\n"
            "#   ADV, or words.dat lists a comparative of it) because hazm tags many\n"
            "#   nouns N,AJ (لباس، کتاب، آب) and «لباس تر» means wet clothes.\n"
            "#   Words whose joined comparative is an annotated word (کمتر، بهتر) are\n"
            "#   dropped (the standard spelling is closed). A hand-made stop list in\n"
            "#   the generator removes function words and nouns that slipped through,\n"
            "#   and a short keep list restores common adjectives tagged only N,AJ\n"
            "#   (جدید، معروف، خاص).\n"
            "#   Precision over recall: a missing adjective only leaves text as is.\n"),
    }
    bodies = {
        "compounds.tsv": [f"{k}\t{v}" for k, v in compounds],
        "verb_after_mi.tsv": mi_forms,
        "adjectives.tsv": adjectives,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    for name, lines in bodies.items():
        (OUT / name).write_text(headers[name] + "".join(l + "\n" for l in lines),
                                encoding="utf-8", newline="\n")

    # ---- summary and spot checks ----------------------------------------
    rng = random.Random(args.seed)
    src_of = {(k, x): s for k, x, _, s in cands}
    by_src = collections.Counter(src_of.get(kv, "impersonal") for kv in compounds)
    print("compounds by source:", dict(sorted(by_src.items())),
          "dropped short:", dropped["short"], "no-zwnj:", dropped["no-zwnj"],
          "numeral/1-letter:", dropped["odd"],
          "derived:", len(set(dropped["derived"])))
    print("derived clashes:", " ".join(sorted(set(dropped["derived"]))))
    print("verb_after_mi dropped:", " ".join(mi_dropped))
    for name, lines in bodies.items():
        size = os.path.getsize(OUT / name)
        print(f"\n== {name}: {len(lines)} entries, {size} bytes")
        for l in sorted(rng.sample(lines, min(30, len(lines)))):
            print("  " + l)
    table = dict(compounds)
    ok = True
    for k, v in [("بینالملل", "بین‌الملل"), ("رئیسجمهور", "رئیس‌جمهور"),
                 ("گفتوگو", "گفت‌وگو"), ("میشود", "می‌شود"),
                 ("کتابها", "کتاب‌ها"), ("بزرگترین", "بزرگ‌ترین")]:
        good = table.get(k) == v
        ok &= good
        print(("OK  " if good else "BAD ") + f"{k} -> {table.get(k)}")
    for k in "همچنین میوه میز بستر دختر میل مینا".split():
        good = k not in table
        ok &= good
        print(("OK  " if good else "BAD ") + f"{k} not a key")
    fixed_set = set(table.values())
    for k, v in compounds:
        assert v.replace(ZWNJ, "") == k and clean(v) == v and k not in fixed_set, k
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
