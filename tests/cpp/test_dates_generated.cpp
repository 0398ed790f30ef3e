// Date extraction on generated text: a soup of the words and numbers dates are made of, in both
// languages, with references from year 1 to 9999. Whatever the text, extract() must not throw on
// valid UTF-8 and must return ordered, non-overlapping spans inside the text with non-empty
// intervals. Deterministic (fixed seed); under `make sanitize-test` it also runs with ASan+UBSan.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "sokhan/dates.hpp"

namespace sokhan {
namespace {

const std::vector<std::string>& pieces() {
  static const std::vector<std::string> p = {
      "فروردین", "شهریورماه", "دی", "ماه", "اسفند", "محرم", "ذی‌الحجه", "ژانویه", "مه", "می", "دوشنبه",
      "سه‌شنبه", "جمعه", "روز", "سال", "سال‌های", "هفته", "ساعت", "دقیقه", "دهه", "قرن", "امروز", "دیروز",
      "فردا", "امشب", "نیمه‌شب", "امسال", "پارسال", "گذشته", "آینده", "پیش", "بعد", "دیگر", "جاری", "این",
      "هر", "یک بار", "چند", "اوایل", "اواخر", "نیمه", "سه‌ماهه", "نخست", "بهار", "صبح", "شب", "بامداد",
      "نوروز", "شب یلدا", "میلادی", "ه.ش.", "هجری قمری", "و", "تا", "از", "در", "طی", "بیست", "پنج", "دوم",
      "سی‌ام", "نیم", "هزار", "January", "Jan.", "Sept.", "May", "Friday", "last", "next", "the", "a", "ago",
      "earlier", "later", "year", "years", "quarter", "third-quarter", "half", "fiscal", "1990s", "'98",
      "mid-", "early", "late", "now", "every", "daily", "noon", "midnight", "a.m.", "p.m.", "GMT", "tonight",
      "today", "morning", "about", "more than", "twenty-five", "nineteen", "ninety-six", "hundred",
      "Thanksgiving", "year-earlier", "21st", "century", "decade", "\n\n", "،", ",", "-", "/", ":", "."};
  return p;
}

std::string soup(std::mt19937& rng) {
  static const char kSeparators[] = " /-:\n,";
  std::string t;
  const int len = static_cast<int>(rng() % 40);
  for (int k = 0; k < len; ++k) {
    if (rng() % 2) t += pieces()[rng() % pieces().size()];
    else t += std::to_string(rng() % 3 == 0 ? rng() % 40 : rng() % 3 == 0 ? 1300 + rng() % 800 : rng());
    t += kSeparators[rng() % 6];
  }
  return t;
}

TEST(DatesGenerated, InvariantsHoldOnGeneratedText) {
  std::mt19937 rng(20261125);
  const DateExtractor x;
  std::size_t mentions = 0;
  for (int n = 0; n < 20000; ++n) {
    const std::string t = soup(rng);
    std::optional<CivilDate> ref;
    if (rng() % 5) {
      ref = CivilDate{static_cast<int>(1 + rng() % 9999), static_cast<int>(1 + rng() % 12),
                      static_cast<int>(1 + rng() % 28)};
    }
    std::vector<DateMention> ms;
    ASSERT_NO_THROW(ms = x.extract(t, ref)) << t;
    std::size_t end = 0;
    for (const DateMention& m : ms) {
      ASSERT_LE(end, m.begin) << t;
      ASSERT_LT(m.begin, m.end) << t;
      ASSERT_LE(m.end, t.size()) << t;
      if (m.has_interval) {
        ASSERT_LT(m.interval_begin, m.interval_end) << t;
      }
      end = m.end;
    }
    mentions += ms.size();
  }
  EXPECT_GT(mentions, 10000u);  // the soup does make dates: the check is not vacuous
}

}  // namespace
}  // namespace sokhan
