#include "dates/value.hpp"

#include <cstdio>

namespace sokhan::dates {

namespace {

using Grain = DateMention::Grain;
using Mod = DateMention::Mod;

std::string pad(int v, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, v);
  return buf;
}
// `sep` then `v` zero-padded, appended (GCC 12 warns falsely on "literal" + std::string).
void add(std::string& s, const char* sep, int v, int width) {
  s += sep;
  s += pad(v, width);
}

std::string iso_day(const CivilDate& d) { return pad(d.year, 4) + "-" + pad(d.month, 2) + "-" + pad(d.day, 2); }
std::string iso_day(std::int64_t jdn) { return iso_day(from_jdn(Calendar::Gregorian, jdn)); }
// TIMEX3 has no form for a Solar Hijri or lunar unit: both its days, first and last, included.
std::string span_value(std::int64_t first, std::int64_t end) { return iso_day(first) + "/" + iso_day(end - 1); }

std::string clock_suffix(const Value& v) {
  std::string s;
  add(s, "T", v.hour, 2);
  add(s, ":", std::max(v.minute, 0), 2);
  if (v.second >= 0) add(s, ":", v.second, 2);
  return s;
}

const char* pod_code(Pod p) {
  switch (p) {
    case Pod::Morning: case Pod::EarlyMorning: return "MO";
    case Pod::Noon: return "MI";
    case Pod::Afternoon: return "AF";
    case Pod::Night: return "NI";
    case Pod::Evening: return "EV";
  }
  return "";
}

// Hours of a part of day (dev-set conventions): [begin, end) in hours.
std::pair<int, int> pod_hours(Pod p) {
  switch (p) {
    case Pod::EarlyMorning: return {0, 6};
    case Pod::Morning: return {6, 12};
    case Pod::Noon: return {12, 14};
    case Pod::Afternoon: return {12, 18};
    case Pod::Night: return {18, 24};
    case Pod::Evening: return {17, 21};
  }
  return {0, 24};
}

const char* season_code(int s) {
  static const char* const kCodes[] = {"SP", "SU", "FA", "WI"};
  return kCodes[(s - 1) & 3];
}

// The native text of a day or month with an unknown year.
std::string native_date(const Value& v, bool with_day) {
  std::string s = v.year_known ? pad(v.year, 4) : std::string("XXXX");
  add(s, "-", v.month, 2);
  if (with_day) add(s, "-", v.day, 2);
  return s;
}

// Narrows [b, e) to the part a modifier names: thirds of a month (days 1–10, 11–20, 21–end),
// quarters of longer units (months 1–3, 4–9, 10–12 of a year).
void narrow(const Value& v, std::int64_t& b, std::int64_t& e) {
  if (v.mod != Mod::Start && v.mod != Mod::Mid && v.mod != Mod::End) return;
  if (v.shape == Shape::Month) {
    if (v.mod == Mod::Start) e = b + 10;
    else if (v.mod == Mod::Mid) { b += 10; e = b + 10; }
    else b += 20;
    return;
  }
  if (v.shape == Shape::Year) {
    const Calendar c = v.calendar;
    const auto month_start = [&](int m) { return to_jdn(c, CivilDate{v.year, m, 1}); };
    if (v.mod == Mod::Start) e = month_start(4);
    else if (v.mod == Mod::Mid) { b = month_start(4); e = month_start(10); }
    else b = month_start(10);
    return;
  }
  if (v.shape == Shape::Week) {  // Saturday–Monday, Tuesday–Wednesday, Thursday–Friday
    if (v.mod == Mod::Start) e = b + 3;
    else if (v.mod == Mod::Mid) { b += 3; e = b + 2; }
    else b += 5;
    return;
  }
  const std::int64_t len = e - b;  // seasons, decades, centuries: thirds
  if (len < 3) return;  // a day («late today») keeps its whole interval
  if (v.mod == Mod::Start) e = b + len / 3;
  else if (v.mod == Mod::Mid) { b += len / 3; e = b + len / 3; }
  else b = e - len / 3;
}

}  // namespace

std::pair<std::int64_t, std::int64_t> day_range(const Value& v) {
  const Calendar c = v.calendar;
  switch (v.shape) {
    case Shape::Day: {
      const std::int64_t j = to_jdn(c, CivilDate{v.year, v.month, v.day});
      return {j, j + 1};
    }
    case Shape::Month: {
      const std::int64_t j = to_jdn(c, CivilDate{v.year, v.month, 1});
      return {j, j + month_length(c, v.year, v.month)};
    }
    case Shape::Year:
      return {to_jdn(c, CivilDate{v.year, 1, 1}), to_jdn(c, CivilDate{v.year + 1, 1, 1})};
    case Shape::Season: {
      if (c == Calendar::Gregorian) {  // astronomical seasons, from the day they usually start
        static constexpr int kStart[5][2] = {{0, 0}, {3, 20}, {6, 21}, {9, 22}, {12, 21}};
        const auto start = [&](int y, int k) { return to_jdn(c, CivilDate{y, kStart[k][0], kStart[k][1]}); };
        return {start(v.year, v.month), v.month == 4 ? start(v.year + 1, 1) : start(v.year, v.month + 1)};
      }
      // Solar Hijri seasons are the quarters of the year
      const std::int64_t b = to_jdn(Calendar::Persian, CivilDate{v.year, 3 * v.month - 2, 1});
      const std::int64_t e = v.month == 4 ? to_jdn(Calendar::Persian, CivilDate{v.year + 1, 1, 1})
                                          : to_jdn(Calendar::Persian, CivilDate{v.year, 3 * v.month + 1, 1});
      return {b, e};
    }
    case Shape::Quarter: case Shape::Half: {  // of a year in its own calendar
      const int len = v.shape == Shape::Quarter ? 3 : 6;
      const int first = (v.month - 1) * len + 1;
      const std::int64_t b = to_jdn(c, CivilDate{v.year, first, 1});
      const std::int64_t e = first + len > 12 ? to_jdn(c, CivilDate{v.year + 1, 1, 1})
                                              : to_jdn(c, CivilDate{v.year, first + len, 1});
      return {b, e};
    }
    case Shape::Week: return {v.jdn, v.jdn + 7};
    case Shape::Weekend: return {v.jdn + 5, v.jdn + 7};  // v.jdn is the week's Monday
    case Shape::Decade:
      return {to_jdn(c, CivilDate{v.year, 1, 1}), to_jdn(c, CivilDate{v.year + 10, 1, 1})};
    case Shape::Century:  // the n-th century: years (n-1)*100+1 … n*100
      return {to_jdn(c, CivilDate{(v.year - 1) * 100 + 1, 1, 1}), to_jdn(c, CivilDate{v.year * 100 + 1, 1, 1})};
    default: return {v.jdn, v.jdn + 1};
  }
}

DateMention to_mention(const Value& v) {
  DateMention m;
  m.kind = v.kind;
  m.calendar = v.calendar;
  m.grain = v.grain;
  m.mod = v.mod;
  m.relative = v.relative;
  const bool greg = v.calendar == Calendar::Gregorian;
  switch (v.shape) {
    case Shape::Amount:
      m.value = v.amount;
      return m;
    case Shape::Ref:
      m.value = v.amount;
      if (v.known) {  // PRESENT_REF: the reference day
        m.has_interval = true;
        m.interval_begin = day_start(v.jdn);
        m.interval_end = day_start(v.jdn + 1);
      }
      return m;
    case Shape::Vague:
      m.value = v.amount;
      m.mod = Mod::Approx;
      if (v.known) {
        m.has_interval = true;
        m.interval_begin = day_start(v.vague_begin);
        m.interval_end = day_start(v.vague_end);
      }
      return m;
    case Shape::Clock: case Shape::PartOfDay: {
      if (v.shape == Shape::Clock && v.hour < 0) return m;  // «۷۲ ساعت بعد»: needs the reference's time
      std::string suffix;
      LocalTime b = 0, e = 0;
      if (v.shape == Shape::Clock) {
        suffix = clock_suffix(v);
        b = day_start(v.jdn) + v.hour * 3600 + std::max(v.minute, 0) * 60 + std::max(v.second, 0);
        e = b + (v.second >= 0 ? 1 : v.minute >= 0 ? 60 : 3600);
      } else {
        suffix = std::string("T") + pod_code(v.pod);
        const auto [hb, he] = pod_hours(v.pod);
        b = day_start(v.jdn) + hb * 3600;
        e = day_start(v.jdn) + he * 3600;
      }
      if (!v.known) {
        m.native = (v.year_known && v.year ? native_date(v, true) : std::string("XXXX-XX-XX")) + suffix;
        if (greg) m.value = m.native;
        return m;
      }
      m.native = iso_day(from_jdn(v.calendar, v.jdn)) + suffix;
      m.value = iso_day(v.jdn) + suffix;
      m.has_interval = true;
      m.interval_begin = b;
      m.interval_end = e;
      return m;
    }
    default: break;
  }
  // Calendar units.
  if (!v.known) {
    if (v.shape == Shape::Day && v.month) m.native = native_date(v, true);
    else if (v.shape == Shape::Month) m.native = native_date(v, false);
    else if (v.shape == Shape::Season && v.year_known) m.native = pad(v.year, 4) + "-" + season_code(v.month);
    if (greg) m.value = m.native;
    return m;
  }
  auto [b, e] = day_range(v);
  switch (v.shape) {
    case Shape::Day:
      m.native = pad(v.year, 4) + "-" + pad(v.month, 2) + "-" + pad(v.day, 2);
      m.value = iso_day(b);
      break;
    case Shape::Month:
      m.native = pad(v.year, 4) + "-" + pad(v.month, 2);
      m.value = greg ? m.native : span_value(b, e);
      break;
    case Shape::Year:
      m.native = pad(v.year, 4);
      m.value = greg ? m.native : span_value(b, e);
      break;
    case Shape::Season:
      m.native = pad(v.year, 4) + "-" + season_code(v.month);
      m.value = pad(from_jdn(Calendar::Gregorian, b).year, 4) + "-" + season_code(v.month);
      break;
    case Shape::Quarter: case Shape::Half: {
      const char* code = v.shape == Shape::Quarter ? "-Q" : "-H";
      m.native = pad(v.year, 4) + code + std::to_string(v.month);
      m.value = greg ? m.native : span_value(b, e);
      break;
    }
    case Shape::Week: case Shape::Weekend:
      if (greg) {  // ISO 8601 week of the Monday: 1998-W32, its weekend 1998-W32-WE
        const std::int64_t thursday = v.jdn + 3;
        const int iso_year = from_jdn(Calendar::Gregorian, thursday).year;
        const std::int64_t week = (thursday - to_jdn(Calendar::Gregorian, CivilDate{iso_year, 1, 1})) / 7 + 1;
        m.value = pad(iso_year, 4);
        add(m.value, "-W", static_cast<int>(week), 2);
        if (v.shape == Shape::Weekend) m.value += "-WE";
        m.native = m.value;
      } else {
        m.value = span_value(b, e);
      }
      break;
    case Shape::Decade:
      m.native = std::to_string(v.year / 10);
      m.value = greg ? m.native : span_value(b, e);
      break;
    case Shape::Century:
      m.native = std::to_string((v.year - 1) * 100 + 1) + "/" + std::to_string(v.year * 100);
      m.value = greg ? std::to_string(v.year - 1) : span_value(b, e);
      break;
    default: break;
  }
  narrow(v, b, e);
  m.has_interval = true;
  m.interval_begin = day_start(b);
  m.interval_end = day_start(e);
  return m;
}

}  // namespace sokhan::dates

namespace sokhan {

using Grain = DateMention::Grain;
using Mod = DateMention::Mod;

const char* to_string(DateMention::Kind k) noexcept {
  switch (k) {
    case DateMention::Kind::Date: return "date";
    case DateMention::Kind::Time: return "time";
    case DateMention::Kind::Duration: return "duration";
    case DateMention::Kind::Set: return "set";
  }
  return "";
}

const char* to_string(DateMention::Grain g) noexcept {
  switch (g) {
    case Grain::Year: return "year";
    case Grain::Season: return "season";
    case Grain::Quarter: return "quarter";
    case Grain::Month: return "month";
    case Grain::Week: return "week";
    case Grain::Day: return "day";
    case Grain::PartOfDay: return "part_of_day";
    case Grain::Hour: return "hour";
    case Grain::Minute: return "minute";
    case Grain::Second: return "second";
  }
  return "";
}

const char* to_string(DateMention::Mod mod) noexcept {
  switch (mod) {
    case Mod::None: return "";
    case Mod::Start: return "START";
    case Mod::Mid: return "MID";
    case Mod::End: return "END";
    case Mod::Approx: return "APPROX";
    case Mod::Before: return "BEFORE";
    case Mod::After: return "AFTER";
    case Mod::OnOrBefore: return "ON_OR_BEFORE";
    case Mod::OnOrAfter: return "ON_OR_AFTER";
    case Mod::LessThan: return "LESS_THAN";
    case Mod::MoreThan: return "MORE_THAN";
    case Mod::EqualOrLess: return "EQUAL_OR_LESS";
    case Mod::EqualOrMore: return "EQUAL_OR_MORE";
  }
  return "";
}

}  // namespace sokhan
