// Date and time extraction: mentions in running text resolved on the Solar Hijri, Gregorian and
// lunar Hijri (Umm al-Qura) calendars, relative to the document's date.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sokhan/normalizer.hpp"
#include "sokhan/sentences.hpp"

namespace sokhan {

/// The calendars a text can use. Islamic is the Umm al-Qura calendar (ICU "islamic-umalqura"):
/// the official Saudi tabular-astronomical calendar, the closest published rule to the
/// sighting-based months Iran announces (they differ by at most a day).
enum class Calendar : std::uint8_t { Persian, Gregorian, Islamic };

/// A civil date in some calendar (months and days from 1).
struct CivilDate {
  int year, month, day;
  bool operator==(const CivilDate&) const = default;
};

/// Julian Day Number of a date (noon-based count of days; 2457103 is 2015-03-21).
/// Throws InvalidArgument("date") when the month or day does not exist in that calendar.
std::int64_t to_jdn(Calendar calendar, const CivilDate& date);
/// The date of a Julian Day Number in a calendar.
CivilDate from_jdn(Calendar calendar, std::int64_t jdn);
/// Days in a month; throws InvalidArgument("date") for a month outside 1..12.
int month_length(Calendar calendar, int year, int month);

/// A local date-time as seconds since the start of JDN 0's civil day (no time zone: mentions
/// are in the text's local time, as TIMEX3 values are).
using LocalTime = std::int64_t;
constexpr LocalTime kSecondsPerDay = 86400;
inline LocalTime day_start(std::int64_t jdn) { return jdn * kSecondsPerDay; }

/// One date or time mention. Offsets are bytes into the text given to extract().
struct DateMention {
  enum class Kind : std::uint8_t { Date, Time, Duration, Set };
  enum class Grain : std::uint8_t { Year, Season, Quarter, Month, Week, Day, PartOfDay, Hour, Minute, Second };
  enum class Mod : std::uint8_t {
    None, Start, Mid, End, Approx, Before, After, OnOrBefore, OnOrAfter, LessThan, MoreThan,
    EqualOrLess, EqualOrMore,
  };

  std::size_t begin = 0, end = 0;
  Kind kind = Kind::Date;
  Calendar calendar = Calendar::Persian;
  Grain grain = Grain::Day;
  Mod mod = Mod::None;
  bool relative = false;
  bool has_interval = false;
  LocalTime interval_begin = 0, interval_end = 0;  ///< half-open, when has_interval
  std::string native;  ///< value in the text's calendar ("1392-06"); empty when there is none
  std::string value;   ///< TIMEX3 value ("2013-08-23/2013-09-22", "P3Y"); empty when unknown

  bool operator==(const DateMention&) const = default;
};

const char* to_string(DateMention::Kind kind) noexcept;
const char* to_string(DateMention::Grain grain) noexcept;
const char* to_string(DateMention::Mod mod) noexcept;   ///< "" for Mod::None
const char* to_string(Calendar calendar) noexcept;

/// Finds date and time mentions. Immutable after construction and safe to share between
/// threads; the rule tables are built once per process.
class DateExtractor {
 public:
  /// Throws InvalidArgument("lang") for English until English rules exist (issue 6).
  explicit DateExtractor(Lang lang = Lang::Auto);

  /// Mentions in text order, never overlapping. `reference` is the document's Gregorian date;
  /// relative mentions have no interval without it. Throws InvalidUtf8 on invalid input unless
  /// `input_is_valid`, InvalidArgument("reference") for an impossible reference date.
  std::vector<DateMention> extract(std::string_view text,
                                   std::optional<CivilDate> reference = std::nullopt,
                                   bool input_is_valid = false) const;

  /// extract() over many texts on `threads` threads (0 = all cores); `references` is empty or
  /// has one entry per text.
  std::vector<std::vector<DateMention>> extract_many(
      std::span<const std::string_view> texts,
      std::span<const std::optional<CivilDate>> references, unsigned threads = 0,
      const CancelPoll& poll = {}, bool inputs_are_valid = false) const;

  Lang lang() const noexcept { return lang_; }

 private:
  struct Discourses;  // what a document's earlier paragraphs tell later ones, per language
  // extract() on one piece of a text that starts at byte `offset` of it; appends to `out`.
  void extract_piece(std::string_view text, std::size_t offset, std::optional<std::int64_t> reference,
                     Discourses& discourse, std::vector<DateMention>& out) const;
  Lang lang_;
  Normalizer folding_;  // letter variants, marks and kashida folded before matching
};

}  // namespace sokhan
