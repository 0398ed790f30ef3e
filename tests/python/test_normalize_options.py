"""Every Normalizer option, switched on and off, with the negatives issue 3 lists.

Most cases run one rule in isolation (the ``only`` fixture switches every other option off), so
an expected value depends on that rule alone; a few run the default profile, the way users call
it. ZWNJ is written "\\u200c" so it stays visible.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import sokhan


def cases(*pairs: tuple[str, str]):
    """parametrize over (text, expected) pairs, with the input as the test id."""
    return pytest.mark.parametrize(("text", "expected"), pairs, ids=[p[0] for p in pairs])


# --- the default profile -----------------------------------------------------------------------


@cases(
    ("رئيسجمهور مي گويد", "رئیس\u200cجمهور می\u200cگوید"),
    ("علي  مي رود", "علی می\u200cرود"),
    ("كتاب  ها", "کتاب\u200cها"),
    ("  خانه ای  بزرگ تر از   این ؟", "خانه\u200cای بزرگ\u200cتر از این؟"),
    ("ســـلامٌ ، دنيا!", "سلام، دنیا!"),
)
def test_default_profile(text, expected):
    assert sokhan.normalize(text) == expected
    assert sokhan.Normalizer().normalize(text) == expected


def test_all_options_off_is_identity(only):
    text = "  ﻛﺘﺎﺏ علي مي  روم، 2,500 تومان...ســـلام خیلییییی کِتاب\u200c\u200c :)  "
    assert only().normalize(text) == text


# --- unicode_form ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "text", "expected"),
    [
        ("NFC", "e\u0301", "\u00e9"),
        ("NFC", "\u0627\u0653", "\u0622"),  # alef + madda → آ
        ("NFC", "\u064a\u0654", "\u0626"),  # yeh + hamza above → ئ
        ("NFC", "\ufb01", "\ufb01"),  # NFC leaves compatibility characters alone
        ("NFKC", "\ufb01", "fi"),
        ("NFKC", "e\u0301", "\u00e9"),
        (None, "e\u0301", "e\u0301"),
        (None, "\u0627\u0653", "\u0627\u0653"),
    ],
)
def test_unicode_form(only, form, text, expected):
    assert only(unicode_form=form).normalize(text) == expected


# --- persian_letters ---------------------------------------------------------------------------


@cases(
    ("علي", "علی"),
    ("مصطفى", "مصطفی"),
    ("كتاب", "کتاب"),
    ("ﻛﺘﺎﺏ", "کتاب"),  # initial/medial/final presentation forms
    ("ﯼ ﮎ", "ی ک"),  # FARSI YEH and KEHEH isolated forms (U+FBFC, U+FB8E)
    ("ﻱ ﻙ", "ی ک"),  # Arabic YEH and KAF isolated forms map on to the Persian letters
    ("ﻻ", "لا"),  # lam-alef ligature → two letters
    ("ﻵ", "لآ"),  # lam-alef with madda
    ("ﷲ", "الله"),
    ("ﺳﻼﻡ", "سلام"),
)
def test_persian_letters(only, text, expected):
    for form in ("NFC", None):
        assert only(persian_letters=True, unicode_form=form).normalize(text) == expected


@pytest.mark.parametrize("form", ["NFC", None])
def test_persian_letters_off(only, form):
    text = "علي مصطفى كتاب ﻛﺘﺎﺏ ﻻ ﷲ"
    assert only(persian_letters=False, unicode_form=form).normalize(text) == text
    assert sokhan.normalize(text, persian_letters=False, unicode_form=form) == text


@cases(
    ("\ufe8e\u0654", "\u0623"),  # final alef form + hamza above: ا + ٔ composes to أ
    ("ﻻ\u0654", "\u0644\u0623"),
    ("اـ\u0654", "\u0623"),  # removing the tatweel brings ا and ٔ together
    ("و\u200c\u0654", "\u0624"),  # so does removing a useless ZWNJ
)
def test_output_is_in_the_unicode_form(text, expected):
    # unicode_form="NFC" describes the result, even where a later rule makes a composable pair.
    assert sokhan.normalize(text) == expected


def test_nfkc_without_persian_letters_still_decomposes_forms(only):
    assert only(unicode_form="NFKC").normalize("ﻻ ﻛﺘﺎﺏ علي") == "لا كتاب علي"


# --- extra_letters -----------------------------------------------------------------------------


@cases(
    ("مدرسة", "مدرسه"),
    ("أحمد", "احمد"),
    ("إسلام", "اسلام"),
    ("ٱلرحمن", "الرحمن"),
    ("مؤسسه", "موسسه"),
    ("سؤال", "سوال"),
    ("پائیز", "پاییز"),  # ئ writing the glide between a long vowel and ی
    ("آئین", "آیین"),
    ("هوائی", "هوایی"),
    ("رئیس", "رئیس"),  # ئ seating a hamza stays
    ("مسئله", "مسئله"),
    ("جزئی", "جزئی"),
    ("هیئت", "هیئت"),
)
def test_extra_letters(only, text, expected):
    assert only(extra_letters=True).normalize(text) == expected


@cases(("ا\u0654", "ا"), ("و\u0654", "و"), ("پاﺋیز", "پاییز"))
def test_extra_letters_in_the_default_profile(text, expected):
    # NFC first composes ا + ٔ to أ, which extra_letters then writes as ا.
    assert sokhan.normalize(text, extra_letters=True) == expected


def test_extra_letters_off_by_default():
    text = "مدرسة أحمد إسلام ٱلرحمن مؤسسه پائیز"
    assert sokhan.normalize(text) == text
    assert sokhan.Normalizer().options["extra_letters"] is False


# --- digits ------------------------------------------------------------------------------------

MIXED_NUMBERS = (
    "سال 1394 و ۱۳۹۵ و ١٣٩٦ نرخ 1.7 و ۱٫۷ قیمت 2,500 و ۲٬۵۰۰ تاریخ 1394/09/02 ساعت 12:30"
)


@pytest.mark.parametrize(
    ("digits", "expected"),
    [
        (
            "latin",
            "سال 1394 و 1395 و 1396 نرخ 1.7 و 1.7 قیمت 2,500 و 2,500 تاریخ 1394/09/02 ساعت 12:30",
        ),
        (
            "persian",
            "سال ۱۳۹۴ و ۱۳۹۵ و ۱۳۹۶ نرخ ۱٫۷ و ۱٫۷ قیمت ۲٬۵۰۰ و ۲٬۵۰۰ تاریخ ۱۳۹۴/۰۹/۰۲ ساعت ۱۲:۳۰",
        ),
        (
            "arabic",
            "سال ١٣٩٤ و ١٣٩٥ و ١٣٩٦ نرخ ١٫٧ و ١٫٧ قیمت ٢٬٥٠٠ و ٢٬٥٠٠ تاریخ ١٣٩٤/٠٩/٠٢ ساعت ١٢:٣٠",
        ),
        ("keep", MIXED_NUMBERS),
    ],
)
def test_digits(only, digits, expected):
    assert only(digits=digits).normalize(MIXED_NUMBERS) == expected
    assert sokhan.normalize(MIXED_NUMBERS, digits=digits) == expected


@pytest.mark.parametrize(
    "token",
    [
        "ATM74",
        "COVID-19",
        "mp3",
        "x86_64",
        "https://example.com/a1/b2?id=3",
        "ali99@example.com",
        "1394@example.com",
        "www.site2.ir",
    ],
)
@pytest.mark.parametrize("digits", ["persian", "arabic"])
def test_digits_in_latin_tokens_keep_their_script(only, token, digits):
    text = f"دستگاه {token} در سال"
    assert only(digits=digits).normalize(text) == text
    assert sokhan.normalize(text, digits=digits) == text


def test_digits_beside_latin_tokens_still_convert():
    text = "ویروس COVID-19 در سال 2020 و فایل mp3 و (https://example.com/a1) و ali99@example.com"
    assert sokhan.normalize(text, digits="persian") == (
        "ویروس COVID-19 در سال ۲۰۲۰ و فایل mp3 و (https://example.com/a1) و ali99@example.com"
    )


@cases(
    ("1,2", "۱,۲"),  # not a thousands group: the mark is not a separator
    ("1.2.3", "۱.۲.۳"),  # a version number, not a decimal
    ("12,5000", "۱۲,۵۰۰۰"),
    ("2,500.5", "۲٬۵۰۰٫۵"),
)
def test_separators_convert_only_in_well_formed_numbers(only, text, expected):
    assert only(digits="persian").normalize(text) == expected


def test_digits_latin_restores_latin_separators(only):
    assert only(digits="latin").normalize("۱٫۷ و ۲٬۵۰۰٫۵") == "1.7 و 2,500.5"


# --- diacritics --------------------------------------------------------------------------------


@cases(
    ("کِتاب", "کتاب"),  # kasra
    ("مُحَمَّد", "محمد"),  # damma, fatha, shadda
    ("فوراً", "فورا"),  # tanvin
    ("مَسْجِد", "مسجد"),  # sukun
    ("رحمٰن", "رحمن"),  # superscript alef
    ("خانهٔ من", "خانهٔ من"),  # hamza above is orthography
    ("\u0627\u0653", "\u0627\u0653"),  # so is madda
)
def test_diacritics_remove(only, text, expected):
    assert only(diacritics="remove").normalize(text) == expected


def test_hamza_above_survives_the_default_profile():
    assert sokhan.normalize("خانهٔ  من") == "خانهٔ من"


def test_diacritics_keep(only):
    text = "کِتاب مُحَمَّد فوراً رحمٰن خانهٔ"
    assert only(diacritics="keep").normalize(text) == text
    assert sokhan.normalize(text, diacritics="keep") == text


# --- kashida -----------------------------------------------------------------------------------


@cases(("کـــتاب", "کتاب"), ("ســلام", "سلام"), ("محـمد", "محمد"))
def test_kashida(only, text, expected):
    assert only(kashida=True).normalize(text) == expected


def test_kashida_off(only):
    assert only(kashida=False).normalize("کـــتاب") == "کـــتاب"
    assert sokhan.normalize("کـــتاب", kashida=False) == "کـــتاب"


# --- zwnj --------------------------------------------------------------------------------------


@cases(
    ("می\u200dروم", "می\u200cروم"),  # ZWJ misused for ZWNJ
    ("می\u00adروم", "می\u200cروم"),  # soft hyphen
    ("می\u200bروم", "می\u200cروم"),  # zero-width space
    ("می\u200c\u200cروم", "می\u200cروم"),  # doubled
    ("\u200cکتاب", "کتاب"),  # word edges
    ("کتاب\u200c", "کتاب"),
    ("کتاب \u200cخوب", "کتاب خوب"),  # beside a space
    ("دارو\u200cها", "داروها"),  # after و, which does not join forward
    ("کتاب\u200c123", "کتاب123"),
    ("👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"),  # emoji ZWJ sequences are not ours
    ("a\u200cb", "a\u200cb"),
)
def test_zwnj_canonical(only, text, expected):
    assert only(zwnj=True).normalize(text) == expected


@cases(
    ("می روم", "می\u200cروم"),
    ("نمی دانم", "نمی\u200cدانم"),
    ("می خواهم", "می\u200cخواهم"),
    ("می باشد", "می\u200cباشد"),
    ("می توان گفت", "می\u200cتوان گفت"),
    ("کتاب ها", "کتاب\u200cها"),
    ("کتاب های", "کتاب\u200cهای"),
    ("کتاب هایی", "کتاب\u200cهایی"),
    ("آن ها", "آن\u200cها"),
    ("دارو ها", "داروها"),  # after a non-joining letter the space just goes
    ("دختر ها", "دخترها"),
    ("بزرگ تر", "بزرگ\u200cتر"),
    ("بزرگ ترین", "بزرگ\u200cترین"),
    ("خانه ای", "خانه\u200cای"),
    ("نامه ای", "نامه\u200cای"),
    ("گفته ام", "گفته\u200cام"),
    ("رفته اند", "رفته\u200cاند"),
    ("کتاب\u200c ها", "کتاب\u200cها"),
)
def test_zwnj_joins_affixes(only, text, expected):
    assert only(zwnj=True).normalize(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "دختر خوب",
        "بستر",
        "دختر",
        "می",  # standalone
        "۱۵ می ۲۰۱۴",  # the month May before a number
        "ماه می و ژوئن",
        "می ناب",  # wine
        "لباس تر",  # wet clothes
        "چشم تر",
        "که ای کاش",  # two-letter function word ending in ه
        "ها ها ها",  # laughter: ها is a word here, not a plural suffix
        "کتاب\nها",  # a line break is not a space to join across
    ],
)
def test_zwnj_does_not_join_lookalikes(only, text):
    assert only(zwnj=True).normalize(text) == text
    assert sokhan.normalize(text) == text


def test_zwnj_off(only):
    for text in ("می روم", "کتاب ها", "می\u200dروم", "کتاب\u200c", "می\u200c\u200cروم"):
        assert only(zwnj=False).normalize(text) == text
    assert sokhan.normalize("می روم کتاب ها", zwnj=False) == "می روم کتاب ها"


# --- repair_compounds --------------------------------------------------------------------------


@cases(
    ("بینالملل", "بین\u200cالملل"),
    ("رئیسجمهور", "رئیس\u200cجمهور"),
    ("گفتوگو", "گفت\u200cوگو"),
    ("میشود", "می\u200cشود"),
    ("نمیشود", "نمی\u200cشود"),
    ("میخواهم", "می\u200cخواهم"),
    ("میتوان", "می\u200cتوان"),
    ("کتابها", "کتاب\u200cها"),
    ("کتابهای", "کتاب\u200cهای"),
    ("بزرگترین", "بزرگ\u200cترین"),
    ("بزرگتر", "بزرگ\u200cتر"),
    ("مهمتر", "مهم\u200cتر"),
    ("نمیدانم", "نمی\u200cدانم"),
    ("میتوانند", "می\u200cتوانند"),
    ("دانشآموز", "دانش\u200cآموز"),
    ("راهها", "راه\u200cها"),
)
def test_repair_compounds(only, text, expected):
    assert only(repair_compounds=True).normalize(text) == expected
    assert sokhan.normalize(f"این {text} است") == f"این {expected} است"


@pytest.mark.parametrize(
    "word",
    [
        "همچنین", "میوه", "میز", "میدان", "میراث", "میلیون", "میهمان", "میانه", "میزان", "میلادی",
        "بهتر", "بیمار", "دانشگاه", "کتابخانه", "تنها", "دفتر", "کبوتر", "کیلومتر",
    ],
)
def test_repair_compounds_keeps_closed_words(only, word):
    assert only(repair_compounds=True).normalize(word) == word
    assert sokhan.normalize(word) == word


def test_repair_compounds_off(only):
    text = "رئیسجمهور میشود کتابها"
    assert only(repair_compounds=False, zwnj=True).normalize(text) == text
    assert sokhan.normalize(text, repair_compounds=False) == text


# --- spacing -----------------------------------------------------------------------------------


@cases(
    ("سلام   دنیا", "سلام دنیا"),
    ("سلام\t\tدنیا", "سلام دنیا"),
    ("  سلام  ", "سلام"),
    ("سلام\n\nدنیا", "سلام\n\nدنیا"),  # paragraphs survive
    ("سلام  \n\n  دنیا", "سلام\n\nدنیا"),
    ("سلام ، دنیا", "سلام، دنیا"),
    ("اول ؛ دوم", "اول؛ دوم"),
    ("تمام .", "تمام."),
    ("گفت : بله", "گفت: بله"),
    ("عالی !", "عالی!"),
    ("چرا ؟", "چرا؟"),
    ("( سلام )", "(سلام)"),
    ("[ ۱ ]", "[۱]"),
    ("« سلام »", "«سلام»"),
    ("سلام،دنیا", "سلام، دنیا"),
    ("تمام.بعدی", "تمام. بعدی"),
    ("چرا؟چون", "چرا؟ چون"),
    ("عالی!خیلی", "عالی! خیلی"),
    ("گفت:بله", "گفت: بله"),
    ("اول؛دوم", "اول؛ دوم"),
    ("وای...چرا", "وای... چرا"),
)
def test_spacing(only, text, expected):
    assert only(spacing=True).normalize(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "نرخ 1.7 درصد",
        "قیمت 2,500 تومان",
        "ساعت 12:30 بود",
        "تاریخ 1394/09/02 بود",
        "نرخ ۱.۷ و ۲,۵۰۰",
        "سایت https://example.com/search?q=a,b:c را ببینید",
        "سایت www.example.com/a.b را",
        "ایمیل ali.rezaei@example.com است.",
        "اقتصاد U.S. بزرگ است",
        "مثلا e.g. این",
        "the U.S. economy, e.g. jobs.",
        "فایل config.txt را",
        "صبر کن... بعدا",
        "سلام :) خوبی",
        "سلام :-) خوبی",
        "سلام :( خوبی",
        "سلام ;) خوبی",
        "عالی بود :D",
    ],
)
def test_spacing_leaves_protected_text_alone(text):
    assert sokhan.normalize(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Closing punctuation after an address, and brackets around it, still lose their space.
        ("تماس با info@irna.ir ، و سایت www.irna.ir .", "تماس با info@irna.ir، و سایت www.irna.ir."),
        ("( www.x.ir )", "(www.x.ir)"),
        ("« ali@x.ir »", "«ali@x.ir»"),
        # A chunk with "@" is never glued to text that could change what it reads as: «1@\x12.l..»
        # and «.1» glued became an address on the next pass (a fuzzer finding).
        ("1@\x12.l.. .1", "1@\x12.l.. .1"),
        ("ی ?ې@", "ی ؟ی@"),
        # A NUL is a character, not the end of the text: the space before it stays.
        ("a \x00b", "a \x00b"),
    ],
)
def test_spacing_next_to_addresses_and_controls(text, expected):
    normalizer = sokhan.Normalizer()
    assert normalizer.normalize(text) == expected
    assert normalizer.normalize(expected) == expected


@pytest.mark.parametrize(
    ("options", "text", "expected"),
    [
        # The digits of a number running into an e-mail address are the address's from its
        # local part on; converting them would hide the address from a second pass.
        ({"digits": "persian"}, "3,1@x.com", "۳,1@x.com"),
        ({"digits": "arabic"}, "??3,1@x.com", "؟؟٣,1@x.com"),
        # «١@!.2» is no address (the host must be labels joined by dots): all digits convert.
        ({"digits": "arabic"}, "3,1@!.2", "٣,١@!.٢"),
        # A tab before a mark between two numbers stays a space, as a single space does:
        # «5,0M» would make one number of them, and the next pass convert the «0» too.
        ({"digits": "arabic"}, "5\t,0M", "٥ ،0M"),
        # A diacritic removed between two joiners is decided with them, as one run.
        ({}, "ی\u00ad\u064c\ufeffی", "ی\u200cی"),
        # Gluing «www» to «.F» would make an address the next pass protects, where NFKC then
        # gives back the «...» this pass made into «…»: they stay apart.
        ({"unicode_form": "NFKC", "ellipsis": True}, "www .F...", "www .F…"),
        # Dots that become «…» are judged as «…» is on the next pass: the spaces after them are
        # not glued to a following «.4» (a number) or «6» and nothing is kept apart for it ...
        ({"ellipsis": True, "digits": "arabic"}, "@... 6.ا", "@… ٦. ا"),
        ({"ellipsis": True, "digits": "persian"}, "@... .4.l", "@… .۴. l"),
        # ... and «...» between two numbers is one mark between them, as «…» is.
        ({"ellipsis": True, "digits": "arabic"}, "@0 ...1.l", "@٠ …١. l"),
        ({"ellipsis": True}, "5 ...6", "5 …6"),
    ],
)
def test_fuzzer_findings_settle_in_one_pass(options, text, expected):
    normalizer = sokhan.Normalizer(**options)
    assert normalizer.normalize(text) == expected
    assert normalizer.normalize(expected) == expected


def test_spacing_off(only):
    text = "سلام   دنیا ، ( خوب )"
    assert only(spacing=False).normalize(text) == text
    assert sokhan.normalize(text, spacing=False) == text


# --- punctuation -------------------------------------------------------------------------------


@cases(
    ("سلام, دنیا", "سلام، دنیا"),
    ("چرا?", "چرا؟"),
    ("اول; دوم", "اول؛ دوم"),
    ("در سال 1394, تهران", "در سال 1394، تهران"),
    ("چرا??", "چرا؟؟"),  # a run of marks is one context
    ("نه,,", "نه،،"),
    ("?? می", "؟؟ می"),  # the Persian word after the run decides for all of it
)
def test_punctuation_persian(only, text, expected):
    assert only(punctuation="persian").normalize(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hello, world? Fine; ok.",
        "زبان\u200cهای Python, Java و C",
        "قیمت 2,500 تومان",
        "نسبت 3;4 است",
        "Is it true? بله",  # the question mark closes the English sentence
        "How are you?\nخوبم",
    ],
)
def test_punctuation_persian_leaves_latin_and_numbers(only, text):
    assert only(punctuation="persian").normalize(text) == text
    assert sokhan.normalize(text) == text


def test_punctuation_keep(only):
    text = "سلام, خوبی? اول; دوم"
    assert only(punctuation="keep").normalize(text) == text
    assert sokhan.normalize(text, punctuation="keep") == text


# --- ellipsis ----------------------------------------------------------------------------------


@cases(("صبر کن...", "صبر کن…"), ("Wait...", "Wait…"), ("صبر کن..", "صبر کن.."))
def test_ellipsis(only, text, expected):
    assert only(ellipsis=True).normalize(text) == expected


def test_ellipsis_with_spacing():
    assert sokhan.normalize("صبر کن...بعد", ellipsis=True) == "صبر کن… بعد"


def test_ellipsis_off():
    assert sokhan.normalize("صبر کن...") == "صبر کن..."


# --- repeated_letters --------------------------------------------------------------------------


@cases(("خیلییییی", "خیلی"), ("سلاااام", "سلام"), ("عااالی بود", "عالی بود"))
def test_repeated_letters(only, text, expected):
    assert only(repeated_letters=True).normalize(text) == expected


@pytest.mark.parametrize(
    "text", ["الله", "ممد", "خیلیی", "1111", "۱۱۱۱", "www", "sooooo", "https://www.example.com"]
)
def test_repeated_letters_leaves_digits_latin_and_doubles(only, text):
    assert only(repeated_letters=True).normalize(text) == text
    assert sokhan.normalize(text, repeated_letters=True) == text


@cases(("سلاـاام", "سلام"), ("نِنن", "ن"), ("خیلیـییی", "خیلی"))
def test_repeated_letters_after_kashida_and_diacritics_go(text, expected):
    # The default profile removes the tatweel and harakat that split the run first.
    assert sokhan.normalize(text, repeated_letters=True) == expected


def test_repeated_letters_off():
    assert sokhan.normalize("خیلییییی") == "خیلییییی"


# --- the Normalizer object ---------------------------------------------------------------------


def test_options_are_reported_with_defaults():
    n = sokhan.Normalizer(digits="persian")
    assert n.options == {
        "unicode_form": "NFC",
        "persian_letters": True,
        "extra_letters": False,
        "digits": "persian",
        "diacritics": "remove",
        "kashida": True,
        "zwnj": True,
        "repair_compounds": True,
        "spacing": True,
        "punctuation": "persian",
        "ellipsis": False,
        "repeated_letters": False,
    }
    assert repr(n) == "Normalizer(digits='persian')"


def test_normalizer_equality_hash_and_pickle():
    a, b = sokhan.Normalizer(digits="persian"), sokhan.Normalizer(digits="persian")
    assert a == b and hash(a) == hash(b)
    assert a != sokhan.Normalizer()
    c = pickle.loads(pickle.dumps(a))
    assert c == a
    assert c.normalize("سال 1394") == "سال ۱۳۹۴"


def test_normalize_accepts_bytes():
    assert sokhan.normalize("علي".encode()) == "علی"


def test_normalize_many_keeps_order():
    n = sokhan.Normalizer(digits="persian")
    texts = ["علي", "سال 1394", "", "كتاب  ها"]
    assert n.normalize_many(texts) == ["علی", "سال ۱۳۹۴", "", "کتاب\u200cها"]
    assert n.normalize_many(iter(texts), threads=2) == n.normalize_many(texts, threads=1)


def _long_text() -> str:
    """Over 4 MB of UTF-8 in lines of news text, addresses and punctuation that decide by context."""
    news = (Path(__file__).parent.parent / "data" / "news_fa.txt").read_text(encoding="utf-8")
    tricky = [
        "? بله\n",  # a mark whose context is on another line
        "سایت www.irna.ir . و info@irna.ir ،\n",
        "ي ك ۱۲۳ 456 ... . . .\n",
        "\n",
        "  سلام  ،دنیا  \n",
        "Is it? بله\r\n",
    ]
    lines = news.splitlines(keepends=True) + tricky
    out, size, k = [], 0, 0
    while size < 4_500_000:
        line = lines[k % len(lines)]
        out.append(line)
        size += len(line.encode("utf-8"))
        k += 1
    return "".join(out)


@pytest.mark.parametrize("options", [{}, {"ellipsis": True, "repeated_letters": True, "digits": "persian"}])
def test_long_texts_are_normalized_a_line_at_a_time(options):
    # Texts over 2 MB are normalized in pieces of whole lines; every pass decides a line on its
    # own, so the pieces give exactly what each line gives alone, and the alignment still maps
    # every line of the output back to its line of the input.
    normalizer = sokhan.Normalizer(**options)
    text = _long_text()
    lines = text.split("\n")
    expected_lines = [normalizer.normalize(line) for line in lines]
    whole = normalizer.normalize(text)
    assert whole == "\n".join(expected_lines)
    aligned = normalizer.normalize_aligned(text)
    assert aligned.text == whole
    assert normalizer.normalize(whole) == whole
    out_at = in_at = 0
    for line, expected in zip(lines, expected_lines):
        if expected:
            begin, end = aligned.to_original(out_at, out_at + len(expected))
            assert in_at <= begin <= end <= in_at + len(line), (line, expected)
        out_at += len(expected)
        in_at += len(line)
        if in_at < len(text):  # the line feed maps to the line feed
            assert aligned.to_original(out_at, out_at + 1) == (in_at, in_at + 1)
        out_at += 1
        in_at += 1
    assert (out_at - 1, in_at - 1) == (len(whole), len(text))


def test_long_strs_keep_their_storage_kind_errors_and_identity():
    # A str over 1M code points is normalized a piece of lines at a time, each piece turned back
    # into str storage on its own; the pieces must still make the str the short path makes.
    n = sokhan.Normalizer(digits="latin")
    persian_digits = (" ".join(["۱۲۳۴"] * 30) + "\n") * 20_000  # kind 2 in, pure ASCII out
    out = n.normalize(persian_digits)
    assert out == (" ".join(["1234"] * 30) + "\n") * 20_000
    assert out.isascii()
    # one wide code point in the last piece widens the whole result
    wide = persian_digits + "😀 ي"
    assert n.normalize(wide) == out + "😀 ی"
    # pieces that change nothing are copied as they are; a clean text is the caller's object
    clean = ("سلام دنیا.\n" + "hello world.\n") * 150_000
    assert n.normalize(clean) is clean
    ascii_text = ("plain ascii text , with a space before the comma\n") * 40_000
    assert n.normalize(ascii_text) == ascii_text.replace(" ,", ",")
    # a line longer than a piece (no line feed for megabytes)
    one_line = "كتاب  ها " * 400_000
    assert n.normalize(one_line) == n.normalize_aligned(one_line).text
    assert n.normalize(one_line).startswith("کتاب\u200cها کتاب\u200cها")


def test_a_lone_surrogate_deep_in_a_long_str_is_named_with_its_index():
    text = "سلام دنیا\n" * 300_000
    bad = text + "x\ud800y"
    with pytest.raises(sokhan.InvalidTextError, match=f"lone surrogate at index {len(text) + 1}\\b"):
        sokhan.Normalizer().normalize(bad)
