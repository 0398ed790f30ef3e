// A parsed date or time before it becomes a DateMention: the fields the text gave, resolved
// against the reference where it could be. to_mention() writes native, value and interval.
#pragma once

#include <cstdint>
#include <string>

#include "dates/lexicon.hpp"
#include "sokhan/dates.hpp"

namespace sokhan::dates {

enum class Shape : std::uint8_t {
  Day, Month, Year, Season, Quarter, Half, Week, Weekend, Decade, Century, Clock, PartOfDay, Amount, Vague,
  Ref,  // PRESENT_REF, PAST_REF, FUTURE_REF (amount holds which)
};

struct Value {
  Shape shape = Shape::Day;
  DateMention::Kind kind = DateMention::Kind::Date;
  DateMention::Grain grain = DateMention::Grain::Day;
  DateMention::Mod mod = DateMention::Mod::None;
  Calendar calendar = Calendar::Persian;
  bool relative = false;
  bool known = false;     // the fields below place it in time (else only what the text says)
  int year = 0;           // Day/Month/Year/Season (Solar Hijri year); Decade: first year; Century: number
  int month = 0;          // Day/Month; Season, Quarter: 1..4; Half: 1..2
  int day = 0;            // Day
  bool year_known = true; // a yearless day or month without a reference: native XXXX
  std::int64_t jdn = 0;   // Week: its Saturday; Clock/PartOfDay: the day, when known
  int hour = -1, minute = -1, second = -1;  // Clock
  Pod pod = Pod::Morning;                   // PartOfDay
  std::string amount;     // Amount (duration or set): the TIMEX3 value; Vague: PAST_REF/FUTURE_REF
  std::int64_t vague_begin = 0, vague_end = 0;  // Vague: an indicative interval (days)
};

/// Julian day numbers of the first and one-past-last day the value covers (Day to Century).
std::pair<std::int64_t, std::int64_t> day_range(const Value& v);

/// The mention fields (everything but the offsets).
DateMention to_mention(const Value& v);

/// ISO weekday (1 = Monday … 7 = Sunday) of a Julian day number.
inline int iso_weekday(std::int64_t jdn) { return static_cast<int>(((jdn % 7) + 7) % 7) + 1; }
/// The Saturday that starts the Saturday–Friday week of a day.
inline std::int64_t saturday_of(std::int64_t jdn) { return jdn - (iso_weekday(jdn) + 1) % 7; }

}  // namespace sokhan::dates
