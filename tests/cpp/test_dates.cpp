// Calendar arithmetic against published dates and ICU itself, and the DateExtractor contract:
// byte offsets into the caller's text, references validated, batches equal single calls.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include "sokhan/dates.hpp"
#include "sokhan/error.hpp"

namespace sokhan {
namespace {

std::int64_t greg(int y, int m, int d) { return to_jdn(Calendar::Gregorian, CivilDate{y, m, d}); }

TEST(Calendar, KnownSolarHijriDates) {
  // Nowruz 1394 and 2 Azar 1394 (issue 5); 1 Farvardin 1403 fell on 20 March 2024;
  // 11 Bahman 1357 (the revolution) was 31 January 1979.
  EXPECT_EQ(to_jdn(Calendar::Persian, {1394, 1, 1}), greg(2015, 3, 21));
  EXPECT_EQ(to_jdn(Calendar::Persian, {1394, 9, 2}), greg(2015, 11, 23));
  EXPECT_EQ(to_jdn(Calendar::Persian, {1403, 1, 1}), greg(2024, 3, 20));
  EXPECT_EQ(to_jdn(Calendar::Persian, {1357, 11, 22}), greg(1979, 2, 11));
  EXPECT_EQ(from_jdn(Calendar::Persian, greg(2015, 11, 23)), (CivilDate{1394, 9, 2}));
  EXPECT_EQ(month_length(Calendar::Persian, 1399, 12), 30);  // 1399 is a leap year
  EXPECT_EQ(month_length(Calendar::Persian, 1400, 12), 29);
  EXPECT_EQ(month_length(Calendar::Persian, 1400, 1), 31);
}

TEST(Calendar, KnownUmmAlQuraDates) {
  // 1 Shawwal 1440 = 4 June 2019; 10 Muharram 1441 = 9 September 2019 (Umm al-Qura).
  EXPECT_EQ(to_jdn(Calendar::Islamic, {1440, 10, 1}), greg(2019, 6, 4));
  EXPECT_EQ(to_jdn(Calendar::Islamic, {1441, 1, 10}), greg(2019, 9, 9));
}

TEST(Calendar, GregorianArithmetic) {
  EXPECT_EQ(greg(2015, 3, 21), 2457103);
  EXPECT_EQ(from_jdn(Calendar::Gregorian, 2457103), (CivilDate{2015, 3, 21}));
  EXPECT_EQ(month_length(Calendar::Gregorian, 2000, 2), 29);
  EXPECT_EQ(month_length(Calendar::Gregorian, 1900, 2), 28);
  for (std::int64_t j = greg(1600, 1, 1); j < greg(2400, 1, 1); j += 97)
    EXPECT_EQ(to_jdn(Calendar::Gregorian, from_jdn(Calendar::Gregorian, j)), j);
}

// The month table must agree with ICU asked directly, inside and outside the cached years.
TEST(Calendar, TablesAgreeWithIcu) {
  for (const auto& [cal, locale] : {std::pair{Calendar::Persian, "@calendar=persian"},
                                    std::pair{Calendar::Islamic, "@calendar=islamic-umalqura"}}) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Calendar> icu_cal(
        icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale(locale), status));
    ASSERT_TRUE(U_SUCCESS(status));
    for (int y : {900, 1199, 1200, 1300, 1357, 1399, 1400, 1445, 1600, 1601, 1800}) {
      for (int m = 1; m <= 12; ++m) {
        icu_cal->clear();
        icu_cal->set(UCAL_EXTENDED_YEAR, y);
        icu_cal->set(UCAL_MONTH, m - 1);
        icu_cal->set(UCAL_DATE, 1);
        const std::int64_t expected = icu_cal->get(UCAL_JULIAN_DAY, status);
        EXPECT_EQ(to_jdn(cal, {y, m, 1}), expected) << locale << " " << y << "-" << m;
        EXPECT_EQ(from_jdn(cal, expected), (CivilDate{y, m, 1}));
      }
    }
  }
}

TEST(Calendar, InvalidDatesThrow) {
  EXPECT_THROW(to_jdn(Calendar::Persian, {1400, 12, 30}), InvalidArgument);
  EXPECT_THROW(to_jdn(Calendar::Persian, {1400, 13, 1}), InvalidArgument);
  EXPECT_THROW(to_jdn(Calendar::Gregorian, {2015, 2, 29}), InvalidArgument);
  EXPECT_THROW(to_jdn(Calendar::Islamic, {1440, 0, 1}), InvalidArgument);
}

std::string cut(const std::string& text, const DateMention& m) { return text.substr(m.begin, m.end - m.begin); }

TEST(DateExtractor, ByteOffsetsIntoRawText) {
  // Arabic letters, Arabic-Indic digits and a kashida: the folded text differs from the input,
  // the offsets still point into the input.
  const std::string text = "جلسه روز سه\u200cشنبه ٢ آذر ١٣٩٤ ساعت ۱۰ صـبح برگزار شد.";
  const auto ms = DateExtractor().extract(text, CivilDate{2015, 11, 25});
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(cut(text, ms[0]), "روز سه\u200cشنبه ٢ آذر ١٣٩٤ ساعت ۱۰ صـبح");
  EXPECT_EQ(ms[0].kind, DateMention::Kind::Time);
  EXPECT_EQ(ms[0].native, "1394-09-02T10:00");
  EXPECT_EQ(ms[0].value, "2015-11-23T10:00");
  EXPECT_EQ(ms[0].interval_begin, day_start(greg(2015, 11, 23)) + 10 * 3600);
  EXPECT_FALSE(ms[0].relative);
}

TEST(DateExtractor, RelativeNeedsReference) {
  const std::string text = "نتایج فردا اعلام می‌شود.";
  const auto without = DateExtractor().extract(text);
  ASSERT_EQ(without.size(), 1u);
  EXPECT_FALSE(without[0].has_interval);
  EXPECT_TRUE(without[0].relative);
  const auto with = DateExtractor().extract(text, CivilDate{2015, 11, 25});
  ASSERT_EQ(with.size(), 1u);
  EXPECT_EQ(with[0].value, "2015-11-26");
  EXPECT_EQ(with[0].native, "1394-09-05");
}

TEST(DateExtractor, BadInputIsAnError) {
  EXPECT_THROW(DateExtractor().extract("x", CivilDate{2015, 2, 30}), InvalidArgument);
  EXPECT_THROW(DateExtractor().extract(std::string("\xff 1394/09/02")), InvalidUtf8);
  EXPECT_THROW(parse_lang("de"), InvalidArgument);
  const auto en = DateExtractor(Lang::English).extract("It opened on March 22, 2013.", CivilDate{2013, 3, 25});
  ASSERT_EQ(en.size(), 1u);
  EXPECT_EQ(en[0].value, "2013-03-22");
}

TEST(DateExtractor, ManyEqualsOneByOne) {
  std::vector<std::string> texts;
  for (int k = 0; k < 200; ++k)
    texts.push_back("گزارش " + std::to_string(k) + ": سه روز پیش و " + std::to_string(k % 28 + 1) +
                    " مهر ۱۳۹۸ و ساعت ۱۷:۳۰ و هر هفته.");
  std::vector<std::string_view> views(texts.begin(), texts.end());
  std::vector<std::optional<CivilDate>> refs(texts.size(), CivilDate{2019, 10, 7});
  refs[3] = std::nullopt;
  const DateExtractor x;
  const auto many = x.extract_many(views, refs, 2);
  ASSERT_EQ(many.size(), texts.size());
  for (std::size_t k = 0; k < texts.size(); ++k) {
    EXPECT_EQ(many[k], x.extract(texts[k], refs[k])) << k;
    EXPECT_EQ(many[k].size(), 4u) << texts[k];
  }
  EXPECT_THROW(x.extract_many(views, std::span(refs).first(3), 2), InvalidArgument);
}

TEST(DateExtractor, LongTextsReadInPiecesKeepOffsetsAndWhatEarlierParagraphsSaid) {
  // Texts over 1 MiB are read in pieces cut at paragraph breaks. Mentions that need no earlier
  // context are those of each paragraph on its own, shifted to its place; a mention that reads
  // an earlier one («دو سال بعد» after «سال ۱۳۵۷») still reads it from several pieces back.
  std::vector<std::string> paragraphs = {"در سال ۱۳۵۷ انقلاب شد."};
  for (int k = 0; paragraphs.size() < 6000; ++k) {
    // Only relative dates: an absolute one would become the anchor «دو سال بعد» counts from.
    paragraphs.push_back("از " + std::to_string(k % 28 + 1) + " روز پیش و سه روز پیش، ساعت ۱۷:۳۰، " +
                         std::string(200 + k % 97, 'x') + " since " + std::to_string(k % 9 + 2) +
                         " days ago and last week.");
  }
  const std::vector<std::string> breaks = {"\n\n", "\n \n", "\r\n\r\n", "\n\t\n\n"};
  std::string text;
  std::vector<std::size_t> starts;
  for (std::size_t k = 0; k < paragraphs.size(); ++k) {
    if (k) text += breaks[k % breaks.size()];
    starts.push_back(text.size());
    text += paragraphs[k];
  }
  const std::string later = "دو سال بعد جنگ آغاز شد.";
  text += "\n\n" + later;
  ASSERT_GT(text.size(), std::size_t{2} << 20);
  const CivilDate ref{2019, 10, 7};
  for (Lang lang : {Lang::Auto, Lang::Persian, Lang::English}) {
    const DateExtractor x(lang);
    std::vector<DateMention> expected;
    for (std::size_t k = 0; k < paragraphs.size(); ++k) {
      for (DateMention m : x.extract(paragraphs[k], ref)) {
        m.begin += starts[k];
        m.end += starts[k];
        expected.push_back(std::move(m));
      }
    }
    auto got = x.extract(text, ref);
    if (lang != Lang::English) {
      ASSERT_FALSE(got.empty());
      EXPECT_EQ(got.back().native, "1359");  // two years after 1357, read from the first paragraph
      EXPECT_EQ(got.back().begin, text.size() - later.size());
      EXPECT_NE(x.extract(later, ref).front().native, "1359");  // alone it counts from the reference
      got.pop_back();
    }
    ASSERT_EQ(got.size(), expected.size());
    EXPECT_TRUE(got == expected);
    EXPECT_FALSE(got.empty());
  }
}

}  // namespace
}  // namespace sokhan
