"""English date and time extraction: TIMEX3 types, values and extents as the TimeML guidelines
and the TempEval-3 corpora have them. The document date of most cases is Friday 2013-03-22
(ISO week 12, first quarter); expected values are plain Gregorian arithmetic from it."""

from __future__ import annotations

from datetime import datetime

import pytest
import sokhan

DCT = "2013-03-22"


def one(text: str, dct: str | None = DCT):
    mentions = sokhan.extract_dates(text, reference=dct, lang="en")
    assert len(mentions) == 1, mentions
    m = mentions[0]
    assert text[m.start : m.end] == m.text
    return m


CASES = [
    # (id, text, extent, TIMEX3 type, value, mod)
    ("full-date", "The deal closed on March 22, 2013, in London.", "March 22, 2013", "DATE", "2013-03-22", None),
    ("abbrev-date", "Shares fell on Sept. 30, 1998.", "Sept. 30, 1998", "DATE", "1998-09-30", None),
    ("day-month-year", "It opened on 22 March 2013 in Paris.", "22 March 2013", "DATE", "2013-03-22", None),
    ("ordinal-day", "The vote is on March 28th.", "March 28th", "DATE", "2013-03-28", None),
    ("month-year", "Sales rose in March 2013.", "March 2013", "DATE", "2013-03", None),
    ("month-of-year", "It began in June of 2011.", "June of 2011", "DATE", "2011-06", None),
    ("year", "The company was founded in 1998.", "1998", "DATE", "1998", None),
    ("iso-date", "Filed 2013-03-18 with the court.", "2013-03-18", "DATE", "2013-03-18", None),
    ("us-numeric", "Filed 03/18/2013 with the court.", "03/18/2013", "DATE", "2013-03-18", None),
    ("decade", "Prices soared in the 1990s.", "the 1990s", "DATE", "199", None),
    ("decade-no-article", "Prices soared during 1980s booms.", "1980s", "DATE", "198", None),
    ("century", "It is a problem of the 21st century.", "the 21st century", "DATE", "20", None),
    ("year-words", "In nineteen ninety-six the bomb exploded.", "nineteen ninety-six", "DATE", "1996", None),
    ("today", "The minister said today that talks will resume.", "today", "DATE", "2013-03-22", None),
    ("yesterday", "Markets fell yesterday.", "yesterday", "DATE", "2013-03-21", None),
    ("tomorrow", "The summit opens tomorrow.", "tomorrow", "DATE", "2013-03-23", None),
    ("weekday-past", "The company said Tuesday it would cut jobs.", "Tuesday", "DATE", "2013-03-19", None),
    ("weekday-same-day", "Officials said Friday the border was open.", "Friday", "DATE", "2013-03-22", None),
    ("weekday-future", "The board will meet Monday to decide.", "Monday", "DATE", "2013-03-25", None),
    ("last-weekday", "He arrived last Friday.", "last Friday", "DATE", "2013-03-15", None),
    ("next-weekday", "He leaves next Tuesday.", "next Tuesday", "DATE", "2013-03-26", None),
    ("last-week", "Prices fell last week.", "last week", "DATE", "2013-W11", None),
    ("this-week", "Talks resume this week.", "this week", "DATE", "2013-W12", None),
    ("next-month", "The plant opens next month.", "next month", "DATE", "2013-04", None),
    ("last-year", "Profit doubled last year.", "last year", "DATE", "2012", None),
    ("this-year", "The law takes effect this year.", "this year", "DATE", "2013", None),
    ("years-ago", "The mine closed two years ago.", "two years ago", "DATE", "2011", None),
    ("months-ago", "The mine closed five months ago.", "five months ago", "DATE", "2012-10", None),
    ("a-year-earlier", "Sales were lower a year earlier.", "a year earlier", "DATE", "2012", None),
    ("quarter", "Profit rose in the first quarter.", "the first quarter", "DATE", "2013-Q1", None),
    ("quarter-adjective", "It reported a first-quarter loss.", "first-quarter", "DATE", "2013-Q1", None),
    ("quarter-of-year", "Profit rose in the fourth quarter of 2012.", "the fourth quarter of 2012", "DATE", "2012-Q4", None),
    ("half", "Growth slowed in the second half of 2012.", "the second half of 2012", "DATE", "2012-H2", None),
    ("season", "The bridge will open this summer.", "this summer", "DATE", "2013-SU", None),
    ("season-year", "It rained in the summer of 2011.", "the summer of 2011", "DATE", "2011-SU", None),
    ("present-ref", "The company is now profitable.", "now", "DATE", "PRESENT_REF", None),
    ("currently", "He is currently in Rome.", "currently", "DATE", "PRESENT_REF", None),
    ("past-ref", "He recently moved to Rome.", "recently", "DATE", "PAST_REF", None),
    ("in-the-past", "Such deals failed in the past.", "the past", "DATE", "PAST_REF", None),
    ("future-ref", "Costs may rise in the future.", "the future", "DATE", "FUTURE_REF", None),
    ("clock-pm", "The blast happened at 5 p.m. near the port.", "5 p.m.", "TIME", "2013-03-22T17:00", None),
    ("clock-24h-zone", "Trading halted at 17:30 GMT.", "17:30 GMT", "TIME", "2013-03-22T17:30", None),
    ("midnight", "The curfew starts at midnight.", "midnight", "TIME", "2013-03-22T00:00", None),
    ("clock-with-day", "Polls close at 8 p.m. Sunday.", "8 p.m. Sunday", "TIME", "2013-03-17T20:00", None),
    ("this-morning", "The plane landed this morning.", "this morning", "TIME", "2013-03-22TMO", None),
    ("tonight", "The president speaks tonight.", "tonight", "TIME", "2013-03-22TNI", None),
    ("duration", "The strike lasted three years.", "three years", "DURATION", "P3Y", None),
    ("duration-words", "He served twenty-five years in prison.", "twenty-five years", "DURATION", "P25Y", None),
    ("duration-adjective", "They signed a 10-year lease.", "10-year", "DURATION", "P10Y", None),
    ("duration-hours", "Talks went on for 48 hours.", "48 hours", "DURATION", "PT48H", None),
    ("last-24-hours", "Three died in the last twenty four hours.", "the last twenty four hours", "DURATION", "P1D", None),
    ("past-n-months", "Prices rose over the past two months.", "the past two months", "DURATION", "P2M", None),
    ("half-an-hour", "The meeting took half an hour.", "half an hour", "DURATION", "PT30M", None),
    ("vague-duration", "The dispute dragged on for several weeks.", "several weeks", "DURATION", "PXW", None),
    ("set-every-weekday", "The market opens every Monday.", "every Monday", "SET", "XXXX-WXX-1", None),
    ("set-every-day", "He runs every day.", "every day", "SET", "P1D", None),
    ("set-annually", "The fee is paid annually.", "annually", "SET", "P1Y", None),
    ("set-daily", "The paper is published daily.", "daily", "SET", "P1D", None),
    ("early", "The plant opens early next year.", "early next year", "DATE", "2014", "START"),
    ("late-month", "Prices peaked in late November.", "late November", "DATE", "2012-11", "END"),
    ("mid-decade", "It grew in the mid-1990s.", "the mid-1990s", "DATE", "199", "MID"),
    ("earlier-this-month", "Shares fell earlier this month.", "earlier this month", "DATE", "2013-03", "START"),
    ("about", "The flight took about three hours.", "about three hours", "DURATION", "PT3H", "APPROX"),
    ("more-than", "The siege lasted more than four hours.", "more than four hours", "DURATION", "PT4H", "MORE_THAN"),
    ("at-least", "It will take at least 18 months.", "at least 18 months", "DURATION", "P18M", "EQUAL_OR_MORE"),
    ("half-fraction-hours", "She spent about 5 1/2 hours in Nairobi.", "about 5 1/2 hours", "DURATION", "PT5H30M", "APPROX"),
    ("half-fraction-years", "After 2 1/2 years of talks they signed.", "2 1/2 years", "DURATION", "P2Y6M", None),
    ("future-seen-from-past", "The offer had been due to expire Thursday.", "Thursday", "DATE", "2013-03-21", None),
    ("future-weekday", "The offer will expire Monday.", "Monday", "DATE", "2013-03-25", None),
    ("fiscal-year", "Revenue grew in fiscal 2012.", "fiscal 2012", "DATE", "2012", None),
    ("holiday", "Stores close on Christmas.", "Christmas", "DATE", "2012-12-25", None),
    ("thanksgiving", "He was found on Thanksgiving Day.", "Thanksgiving Day", "DATE", "2012-11-22", None),
]


@pytest.mark.parametrize("text,extent,typ,value,mod", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_timex3(text, extent, typ, value, mod):
    m = one(text)
    assert (m.text, m.kind.upper(), m.value, m.mod) == (extent, typ, value, mod)
    assert m.calendar == "gregorian"


def test_interval_of_a_week_and_a_quarter():
    week = one("Prices fell last week.")
    assert week.interval == (datetime(2013, 3, 11), datetime(2013, 3, 18))
    quarter = one("Profit rose in the first quarter.")
    assert quarter.interval == (datetime(2013, 1, 1), datetime(2013, 4, 1))


def test_prepositions_stay_out_and_determiners_in():
    text = "Since last year, the firm has grown; for a year it has hired, and in the past two months doubled."
    got = [m.text for m in sokhan.extract_dates(text, reference=DCT, lang="en")]
    assert got == ["last year", "a year", "the past two months"]


@pytest.mark.parametrize("text", [
    "He may resign if the vote fails.",              # modal «may», not the month
    "Thousands joined the march on the capital.",    # «march», not the month
    "She paid $1990 for the ticket.",                 # money
    "About 2000 people attended.",                    # a count
    "The 6-year-old boy was rescued.",                # an age
    "Mr. Reupke, 52 years old, had resigned.",        # an age (TimeML leaves ages out)
    "Jan Smith won the award.",                       # a name
    "Call 555-1234 for details.",                     # a phone number
])
def test_not_a_timex(text):
    assert sokhan.extract_dates(text, reference=DCT, lang="en") == []


def test_no_reference_keeps_spans():
    m = one("Profit doubled last year.", dct=None)
    assert (m.text, m.kind, m.relative, m.interval) == ("last year", "date", True, None)
    m = one("The deal closed on March 22, 2013.", dct=None)
    assert (m.value, m.relative) == ("2013-03-22", False)


def test_auto_picks_the_rules_per_paragraph():
    text = "Profit doubled last year.\n\nسود شرکت پارسال دو برابر شد.\n\nIt will rise next year."
    got = [(m.text, m.value) for m in sokhan.extract_dates(text, reference=DCT)]
    assert got == [("last year", "2012"), ("پارسال", "2012-03-20/2013-03-20"), ("next year", "2014")]


def test_english_many_equals_single():
    texts = ["Profit doubled last year.", "He left on March 5, 2010.", "It rains every Monday."]
    x = sokhan.DateExtractor(lang="en")
    assert x.extract_many(texts, references=DCT, threads=2) == [x.extract(t, DCT) for t in texts]


def test_weekday_before_its_date_is_one_date():
    # TimeML tags «Monday, Oct. 23» as one TIMEX3 (TBAQ: «Saturday, April 25», «Friday Oct. 13»)
    got = [(m.text, m.value) for m in sokhan.extract_dates("Talks resume on Monday, Oct. 23.", reference="2023-10-07", lang="en")]
    assert got == [("Monday, Oct. 23", "2023-10-23")]
    got = [(m.text, m.value) for m in sokhan.extract_dates("It is this coming Sunday, March eighth.", reference="1998-03-05", lang="en")]
    assert got == [("this coming Sunday, March eighth", "1998-03-08")]
    # a weekday that is not that date's stays apart
    got = [(m.text, m.value) for m in sokhan.extract_dates("Talks resume on Tuesday, Oct. 23.", reference="2023-10-07", lang="en")]
    assert got == [("Tuesday", "2023-10-03"), ("Oct. 23", "2023-10-23")]


# Behaviour measured on TBAQ (TempEval-3), each case a sentence of the kind the corpus has, with
# the document date it resolves against: (id, text, reference, [(extent, kind, value), ...]).
# Relative months and weekdays take the tense of the verb they go with; report periods
# («the corresponding period last year», «a year earlier») follow the quarter the report is
# about unless the sentence is about a longer stretch; anaphoric phrases («the following
# month», «the next morning», «later that year») count from the date the text named last.
TBAQ_BEHAVIOUR = [
    ("month-future-tense", "Qantas will almost double its flights to India by August.", "1998-02-13", [("August", "date", "1998-08")]),
    ("month-opening-past", "In January, the company brought in a new chief executive.", "1989-10-27", [("January", "date", "1989-01")]),
    ("month-after-past-verb", "The offer was extended to Nov. 16.", "1989-10-30", [("Nov. 16", "date", "1989-11-16")]),
    ("weekday-is-to", "Shares are to resume trading in Paris Tuesday.", "1989-10-27", [("Tuesday", "date", "1989-10-31")]),
    ("weekday-would", "He said the father would be traveling to Washington Thursday.", "2000-04-05", [("Thursday", "date", "2000-04-06")]),
    ("weekday-opening-plans", "On Tuesday, the league plans to hold a news conference.", "1998-10-26", [("Tuesday", "date", "1998-10-27")]),
    ("weekday-opening-planned", "On Friday, the government planned to pay the first claims.", "1998-09-30", [("Friday", "date", "1998-09-25")]),
    ("clock-weekday-until", "The INS gave the relatives until 9 a.m. Tuesday to sign.", "2000-04-03", [("9 a.m. Tuesday", "time", "2000-04-04T09:00")]),
    ("weekday-possessive", "They will appeal Wednesday's ruling.", "2000-01-07", [("Wednesday", "date", "2000-01-05")]),
    ("year-ago-adjective", "The year-ago results were restated.", "1989-10-30", [("year-ago", "date", "1988")]),
    ("year-earlier-quarter", "Net rose in the third quarter from a year earlier.", "1989-10-26", [("the third quarter", "date", "1989-Q3"), ("a year earlier", "date", "1988-Q3")]),
    ("year-earlier-nine-months", "Net rose in the third quarter. For the nine months, net was $18.9 million, up from $4.2 million a year earlier.", "1989-10-26",
     [("the third quarter", "date", "1989-Q3"), ("the nine months", "duration", "P9M"), ("a year earlier", "date", "1988")]),
    ("later-is-a-signal", "Three days later, the index fell.", "1989-10-30", [("Three days", "duration", "P3D")]),
    ("more-units", "He will stay for two more weeks.", "2000-06-01", [("two more weeks", "duration", "P2W")]),
    ("trading-days", "Eight trading days after the crash the index recovered.", "1989-10-30", [("Eight trading days", "duration", "P8D")]),
    ("additional-year", "The loan may be extended for an additional year.", "1989-11-02", [("an additional year", "duration", "P1Y")]),
    ("past-years", "There were sell programs in past years, too.", "1989-10-30", [("past years", "date", "PAST_REF")]),
    ("last-fall-in-winter", "The surge began last fall.", "1998-02-06", [("last fall", "date", "1997-FA")]),
    ("following-year", "On May 22, 1995, he was promoted, and the following year he moved to Washington.", "1998-04-18",
     [("May 22, 1995", "date", "1995-05-22"), ("the following year", "date", "1996")]),
    ("following-month", "In March, the company got an offer. The following month, it put itself up for sale.", "1989-10-27",
     [("March", "date", "1989-03"), ("The following month", "date", "1989-04")]),
    ("later-that-year", "He fled to Florida in June 1998 and returned later that year.", "2000-01-28", [("June 1998", "date", "1998-06"), ("later that year", "date", "1998")]),
    ("week-of", "The case may be heard the week of March 6.", "2000-02-24", [("the week of March 6", "date", "2000-W10")]),
    ("quarter-a-year-ago", "Profit fell in the third quarter. For the quarter a year ago, it earned $16 million.", "1989-10-26",
     [("the third quarter", "date", "1989-Q3"), ("the quarter a year ago", "date", "1988-Q3")]),
    ("last-years-quarter", "Sales rose in the third quarter. Sales for last year's quarter were $3 million.", "1989-11-01",
     [("the third quarter", "date", "1989-Q3"), ("last year's quarter", "date", "1988-Q3")]),
    ("corresponding-period", "Net fell in the third quarter, compared with net of $1.8 million for the corresponding period last year.", "1989-11-01",
     [("the third quarter", "date", "1989-Q3"), ("the corresponding period last year", "date", "1988-Q3")]),
    ("latest-period", "Net fell in the third quarter. Sales in the latest period were $1.76 billion.", "1989-11-02",
     [("the third quarter", "date", "1989-Q3"), ("the latest period", "date", "1989-Q3")]),
    ("year-end", "It expects to complete the sale by year-end.", "1989-11-02", [("year-end", "date", "1989")]),
    ("since-year-end", "The percentage change is since year-end.", "1989-10-30", [("year-end", "date", "1988")]),
    ("year-ended", "Revenue was $980 million in the year ended March 31.", "1989-10-31", [("the year", "duration", "P1Y"), ("March 31", "date", "1989-03-31")]),
    ("for-the-full-year", "He forecast an increase for the full year.", "1989-10-30", [("the full year", "date", "1989")]),
    ("mid-afternoon", "In London at mid-afternoon yesterday, shares were up.", "1989-11-02", [("mid-afternoon yesterday", "time", "1989-11-01TAF")]),
    ("hour-in-the-morning", "The father will leave at 4 in the morning.", "2000-04-05", [("4 in the morning", "time", "2000-04-05T04:00")]),
    ("several-year", "He followed a several-year tenure as editor.", "1989-11-02", [("several-year", "duration", "PXY")]),
    ("day-long", "They emerged from their third day-long meeting.", "2000-04-03", [("day-long", "duration", "P1D")]),
    ("conjoined-day", "The summit will be held on April 24 and 25.", "1999-02-10", [("April 24", "date", "1999-04-24"), ("25", "date", "1999-04-25")]),
    ("early-summer", "Orders rose from the low levels of the early summer.", "1989-10-26", [("the early summer", "date", "1989-SU")]),
    ("weeks-or-months", "He probably died within weeks or months of his capture.", "1998-02-19", [("weeks or months", "duration", "PXW")]),
    ("previous-weekday", "Shares closed lower Friday, down 4.5% from the previous Friday.", "1989-10-30",
     [("Friday", "date", "1989-10-27"), ("the previous Friday", "date", "1989-10-20")]),
    ("next-morning", "He was arrested on Feb. 22 and appeared in court the next morning.", "2000-02-24",
     [("Feb. 22", "date", "2000-02-22"), ("the next morning", "date", "2000-02-23")]),
    ("clock-on-named-day", "A bomb exploded in Nairobi Friday. The blast occurred at 10:35 a.m.", "1998-08-08",
     [("Friday", "date", "1998-08-07"), ("10:35 a.m.", "time", "1998-08-07T10:35")]),
    ("clock-aside-weekday", "The blast occurred at about 10:35 a.m. (0735 GMT) Friday.", "1998-08-08",
     [("about 10:35 a.m.", "time", "1998-08-07T10:35"), ("Friday", "date", "1998-08-07")]),
]
NOT_TIMEX = [
    ("ordinal-second", "A second group of directors is seeking control."),
    ("fraction-quarters", "Iraq imports about three-quarters of its food."),
    ("future-of", "That is important to the future of our people."),
]


@pytest.mark.parametrize("text,reference,expected", [c[1:] for c in TBAQ_BEHAVIOUR], ids=[c[0] for c in TBAQ_BEHAVIOUR])
def test_tbaq_behaviour(text, reference, expected):
    got = [(m.text, m.kind, m.value) for m in sokhan.extract_dates(text, reference=reference, lang="en")]
    assert got == expected


@pytest.mark.parametrize("text", [c[1] for c in NOT_TIMEX], ids=[c[0] for c in NOT_TIMEX])
def test_tbaq_not_a_timex(text):
    assert sokhan.extract_dates(text, reference="2000-01-01", lang="en") == []


def test_mods_of_the_new_phrases():
    got = [(m.text, m.mod) for m in sokhan.extract_dates(
        "By year-end it will be done; the talks began in the early summer. He left in June 1988 and "
        "returned later that year, and at mid-afternoon yesterday shares rose.", reference="1989-11-02", lang="en")]
    assert got == [("year-end", "END"), ("the early summer", "START"), ("June 1988", None),
                   ("later that year", "END"), ("mid-afternoon yesterday", "MID")]
