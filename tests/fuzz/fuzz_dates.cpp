// Fuzzes sokhan::DateExtractor (extract, extract_many) with a fuzzed reference date, and the
// calendar conversions the reference goes through.
//
// Input: six header bytes, then the text.
//   byte 0: language (auto, fa, en by value % 3)
//   byte 1: reference calendar (value % 4: 0 no reference, 1 Gregorian, 2 Solar Hijri, 3 Umm al-Qura)
//   bytes 2-3: year, 1 + (big-endian value % 9999)
//   byte 4: month, 1 + value % 12
//   byte 5: day, 1 + value % 31. A Gregorian day past the month's end is passed on as it is (the
//           extractor must reject it); in the other calendars it is clamped, the date converted
//           to Gregorian, and the extractor must accept it exactly when its year is 1..9999.
//
// Invariants: invalid UTF-8 is rejected with InvalidUtf8 at the first bad byte and an impossible
// reference with InvalidArgument("reference") (dates.hpp); otherwise mentions come in order,
// never overlap, have begin < end inside the text on code point boundaries; an interval has
// begin < end; durations and sets have none, nor do relative mentions without a reference
// (DESIGN.md); native and value are valid UTF-8; batch and single calls agree. The calendar
// round trip from_jdn(to_jdn(d)) == d holds for every reference.
#include "fuzz_check.hpp"
#include "sokhan/dates.hpp"
#include "sokhan/error.hpp"

namespace {

using sokhan::Calendar;
using sokhan::CivilDate;
using sokhan::DateMention;

constexpr const char* kLangs[] = {"auto", "fa", "en"};

std::string date_str(Calendar c, const CivilDate& d) {
  return std::string(sokhan::to_string(c)) + " " + std::to_string(d.year) + "-" + std::to_string(d.month) +
         "-" + std::to_string(d.day);
}

struct Reference {
  std::optional<CivilDate> gregorian;  // what extract() gets
  bool valid = true;                   // whether extract() must accept it
  std::string shown;
};

Reference decode_reference(fuzz::Header& h) {
  const unsigned cal = h.byte() % 4;
  const int year = 1 + h.u16() % 9999;
  const int month = 1 + h.byte() % 12;
  const int day = 1 + h.byte() % 31;
  Reference r;
  if (cal == 0) {
    r.shown = "no reference";
    return r;
  }
  if (cal == 1) {
    const CivilDate d{year, month, day};
    r.gregorian = d;
    r.valid = day <= sokhan::month_length(Calendar::Gregorian, year, month);
    r.shown = date_str(Calendar::Gregorian, d);
    if (r.valid) {
      const auto jdn = sokhan::to_jdn(Calendar::Gregorian, d);
      FUZZ_CHECK(sokhan::from_jdn(Calendar::Gregorian, jdn) == d, "calendar round trip fails for " + r.shown);
    }
    return r;
  }
  const Calendar c = cal == 2 ? Calendar::Persian : Calendar::Islamic;
  const int length = sokhan::month_length(c, year, month);
  FUZZ_CHECK(length >= 28 && length <= 31, "month length " + std::to_string(length) + " for " +
                                               date_str(c, CivilDate{year, month, 1}));
  const CivilDate native{year, month, std::min(day, length)};
  const std::int64_t jdn = sokhan::to_jdn(c, native);
  FUZZ_CHECK(sokhan::from_jdn(c, jdn) == native, "calendar round trip fails for " + date_str(c, native));
  const CivilDate g = sokhan::from_jdn(Calendar::Gregorian, jdn);
  FUZZ_CHECK(sokhan::to_jdn(Calendar::Gregorian, g) == jdn, "Gregorian round trip fails for " + date_str(c, native));
  r.gregorian = g;
  r.valid = g.year >= 1 && g.year <= 9999;
  r.shown = date_str(c, native) + " = " + date_str(Calendar::Gregorian, g);
  return r;
}

template <typename Name>
void check_mentions(std::string_view text, const std::vector<DateMention>& ms, const Reference& ref,
                    const Name& name) {
  std::size_t prev_end = 0;
  for (const DateMention& m : ms) {
    auto where = [&] {
      return "mention " + fuzz::range_str(m.begin, m.end) + " value '" + m.value + "', " + name();
    };
    FUZZ_CHECK(prev_end <= m.begin, "mentions overlap or are out of order: " + where());
    FUZZ_CHECK(m.begin < m.end && m.end <= text.size(), "empty or out of range: " + where());
    FUZZ_CHECK(fuzz::on_boundary(text, m.begin) && fuzz::on_boundary(text, m.end),
               "not on code point boundaries: " + where());
    FUZZ_CHECK(fuzz::is_valid_utf8(m.native) && fuzz::is_valid_utf8(m.value), "invalid UTF-8 in " + where());
    FUZZ_CHECK(static_cast<unsigned>(m.kind) <= static_cast<unsigned>(DateMention::Kind::Set) &&
                   static_cast<unsigned>(m.grain) <= static_cast<unsigned>(DateMention::Grain::Second) &&
                   static_cast<unsigned>(m.mod) <= static_cast<unsigned>(DateMention::Mod::EqualOrMore) &&
                   static_cast<unsigned>(m.calendar) <= static_cast<unsigned>(Calendar::Islamic),
               "enum out of range: " + where());
    if (m.has_interval) {
      FUZZ_CHECK(m.interval_begin < m.interval_end,
                 "interval [" + std::to_string(m.interval_begin) + ", " + std::to_string(m.interval_end) +
                     ") is empty: " + where());
      FUZZ_CHECK(m.kind != DateMention::Kind::Duration && m.kind != DateMention::Kind::Set,
                 std::string("a ") + sokhan::to_string(m.kind) + " has an interval: " + where());
      FUZZ_CHECK(!m.relative || ref.gregorian, "a relative mention without a reference has an interval: " + where());
    }
    prev_end = m.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Header h(data, size);
  const unsigned pick = h.byte() % 3;
  const Reference ref = decode_reference(h);
  const std::string_view text = h.rest();
  // Only built when a check fails.
  auto name = [&] { return std::string("lang=") + kLangs[pick] + ", " + ref.shown + ", text " + fuzz::show(text); };
  static const sokhan::DateExtractor extractors[] = {sokhan::DateExtractor(sokhan::Lang::Auto),
                                                     sokhan::DateExtractor(sokhan::Lang::Persian),
                                                     sokhan::DateExtractor(sokhan::Lang::English)};
  const sokhan::DateExtractor& x = extractors[pick];
  FUZZ_CHECK(x.lang() == sokhan::parse_lang(kLangs[pick]), "wrong extractor language");

  const auto bad = fuzz::first_invalid_utf8(text);
  if (bad || !ref.valid) {
    try {
      (void)x.extract(text, ref.gregorian);
    } catch (const sokhan::InvalidUtf8& e) {
      FUZZ_CHECK(bad, "valid UTF-8 rejected, " + name());
      FUZZ_CHECK(e.byte_offset() == *bad, "InvalidUtf8 at byte " + std::to_string(e.byte_offset()) +
                                              ", the first bad byte is " + std::to_string(*bad));
      return 0;
    } catch (const sokhan::InvalidArgument& e) {
      FUZZ_CHECK(!bad, "invalid UTF-8 not reported first, " + name());
      FUZZ_CHECK(!ref.valid && e.argument() == "reference",
                 "InvalidArgument(" + e.argument() + ") for " + name() + ": " + e.what());
      return 0;
    }
    fuzz::fail("throws", __FILE__, __LINE__, "bad input accepted: " + name());
  }

  const std::vector<DateMention> ms = x.extract(text, ref.gregorian);
  check_mentions(text, ms, ref, name);
  FUZZ_CHECK(x.extract(text, ref.gregorian, true) == ms, "input_is_valid changes the result, " + name());
  const std::string_view texts[] = {text};
  const std::optional<CivilDate> refs[] = {ref.gregorian};
  const auto many = x.extract_many(texts, refs, 1);
  FUZZ_CHECK(many.size() == 1 && many[0] == ms, "extract_many differs from extract, " + name());
  return 0;
}
