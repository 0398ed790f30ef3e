// Calendar arithmetic. Gregorian dates use the exact arithmetic rule; Solar Hijri and
// Umm al-Qura dates come from ICU's "persian" and "islamic-umalqura" calendars. Asking ICU
// costs microseconds, so the start of every month from 1200 to 1600 is read from ICU once per
// process into a table (about 30 ms per calendar, on first use); dates outside it go to ICU
// directly.
#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <vector>

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include "sokhan/dates.hpp"
#include "sokhan/error.hpp"

namespace sokhan {

namespace {

// Fliegel and Van Flandern's conversion (proleptic Gregorian calendar).
std::int64_t gregorian_to_jdn(std::int64_t y, std::int64_t m, std::int64_t d) {
  const std::int64_t a = (14 - m) / 12;
  const std::int64_t yy = y + 4800 - a;
  const std::int64_t mm = m + 12 * a - 3;
  return d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045;
}

CivilDate jdn_to_gregorian(std::int64_t jdn) {
  const std::int64_t a = jdn + 32044;
  const std::int64_t b = (4 * a + 3) / 146097;
  const std::int64_t c = a - 146097 * b / 4;
  const std::int64_t d = (4 * c + 3) / 1461;
  const std::int64_t e = c - 1461 * d / 4;
  const std::int64_t m = (5 * e + 2) / 153;
  return CivilDate{static_cast<int>(100 * b + d - 4800 + m / 10),
                   static_cast<int>(m + 3 - 12 * (m / 10)),
                   static_cast<int>(e - (153 * m + 2) / 5 + 1)};
}

bool gregorian_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

const char* icu_locale(Calendar c) {
  return c == Calendar::Persian ? "@calendar=persian" : "@calendar=islamic-umalqura";
}

std::unique_ptr<icu::Calendar> make_icu(Calendar c) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale(icu_locale(c)), status));
  if (U_FAILURE(status)) throw Error(std::string("ICU cannot create the calendar ") + icu_locale(c));
  return cal;
}

std::int64_t icu_month_start(icu::Calendar& cal, int year, int month) {
  UErrorCode status = U_ZERO_ERROR;
  cal.clear();
  cal.set(UCAL_EXTENDED_YEAR, year);
  cal.set(UCAL_MONTH, month - 1);
  cal.set(UCAL_DATE, 1);
  const std::int32_t jdn = cal.get(UCAL_JULIAN_DAY, status);
  if (U_FAILURE(status)) throw Error("ICU calendar arithmetic failed");
  return jdn;
}

CivilDate icu_from_jdn(icu::Calendar& cal, std::int64_t jdn) {
  UErrorCode status = U_ZERO_ERROR;
  cal.clear();
  cal.set(UCAL_JULIAN_DAY, static_cast<std::int32_t>(jdn));
  CivilDate d{cal.get(UCAL_EXTENDED_YEAR, status), cal.get(UCAL_MONTH, status) + 1, cal.get(UCAL_DATE, status)};
  if (U_FAILURE(status)) throw Error("ICU calendar arithmetic failed");
  return d;
}

// Month starts of one calendar for years [kFirst, kLast], plus the start of kLast + 1.
class MonthTable {
 public:
  static constexpr int kFirst = 1200, kLast = 1600;
  explicit MonthTable(Calendar c) : calendar_(c) {
    auto cal = make_icu(c);
    starts_.reserve((kLast - kFirst + 1) * 12 + 1);
    for (int y = kFirst; y <= kLast; ++y)
      for (int m = 1; m <= 12; ++m) starts_.push_back(icu_month_start(*cal, y, m));
    starts_.push_back(icu_month_start(*cal, kLast + 1, 1));
  }
  bool covers_year(int y) const { return y >= kFirst && y <= kLast; }
  bool covers_jdn(std::int64_t jdn) const { return jdn >= starts_.front() && jdn < starts_.back(); }
  std::int64_t start(int y, int m) const { return starts_[static_cast<std::size_t>((y - kFirst) * 12 + m - 1)]; }
  std::int64_t next_start(int y, int m) const { return starts_[static_cast<std::size_t>((y - kFirst) * 12 + m)]; }
  CivilDate date(std::int64_t jdn) const {
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), jdn) - 1;
    const auto k = static_cast<int>(it - starts_.begin());
    return CivilDate{kFirst + k / 12, k % 12 + 1, static_cast<int>(jdn - *it) + 1};
  }

 private:
  Calendar calendar_;
  std::vector<std::int64_t> starts_;
};

const MonthTable& persian_table() {
  static const MonthTable t(Calendar::Persian);
  return t;
}
const MonthTable& islamic_table() {
  static const MonthTable t(Calendar::Islamic);
  return t;
}
const MonthTable& table(Calendar c) { return c == Calendar::Persian ? persian_table() : islamic_table(); }

// Outside the tables (rare): one ICU calendar per calendar, used under a lock.
template <typename F>
auto with_icu(Calendar c, F&& f) {
  static std::mutex lock;
  static std::unique_ptr<icu::Calendar> persian, islamic;
  std::lock_guard<std::mutex> guard(lock);
  auto& cal = c == Calendar::Persian ? persian : islamic;
  if (!cal) cal = make_icu(c);
  return f(*cal);
}

[[noreturn]] void bad_date(Calendar c, int y, int m, int d) {
  throw InvalidArgument("date", std::string("no such ") + to_string(c) + " date: " + std::to_string(y) +
                                    "-" + std::to_string(m) + "-" + std::to_string(d));
}

constexpr int kMaxYear = 100000;  // far beyond any text; keeps the arithmetic in range

}  // namespace

int month_length(Calendar c, int y, int m) {
  if (m < 1 || m > 12 || y < -kMaxYear || y > kMaxYear) bad_date(c, y, m, 1);
  if (c == Calendar::Gregorian) {
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && gregorian_leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
  }
  const MonthTable& t = table(c);
  if (t.covers_year(y)) return static_cast<int>(t.next_start(y, m) - t.start(y, m));
  return with_icu(c, [&](icu::Calendar& cal) {
    const int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
    return static_cast<int>(icu_month_start(cal, ny, nm) - icu_month_start(cal, y, m));
  });
}

std::int64_t to_jdn(Calendar c, const CivilDate& d) {
  if (d.day < 1 || d.day > month_length(c, d.year, d.month)) bad_date(c, d.year, d.month, d.day);
  if (c == Calendar::Gregorian) return gregorian_to_jdn(d.year, d.month, d.day);
  const MonthTable& t = table(c);
  if (t.covers_year(d.year)) return t.start(d.year, d.month) + d.day - 1;
  return with_icu(c, [&](icu::Calendar& cal) { return icu_month_start(cal, d.year, d.month) + d.day - 1; });
}

CivilDate from_jdn(Calendar c, std::int64_t jdn) {
  if (c == Calendar::Gregorian) return jdn_to_gregorian(jdn);
  const MonthTable& t = table(c);
  if (t.covers_jdn(jdn)) return t.date(jdn);
  if (jdn < -10000000 || jdn > 40000000) throw InvalidArgument("date", "day number out of range");
  return with_icu(c, [&](icu::Calendar& cal) { return icu_from_jdn(cal, jdn); });
}

const char* to_string(Calendar c) noexcept {
  switch (c) {
    case Calendar::Persian: return "persian";
    case Calendar::Gregorian: return "gregorian";
    case Calendar::Islamic: return "islamic";
  }
  return "";
}

}  // namespace sokhan
