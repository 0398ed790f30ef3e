// The Persian temporal lexicon (cpp/data/dates/*.tsv) as lookup tables: every phrase indexed by
// its first token, so the grammar asks "which phrases start at this token?" in one hash lookup.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sokhan/dates.hpp"
#include "sokhan/normalizer.hpp"

namespace sokhan::dates {

/// What a phrase is.
enum class Cat : std::uint8_t {
  Month, Weekday, Cardinal, Ordinal, RelDay, Night, RelYear, Unit, UnitPlural, Dir, This, Mod,
  Season, SeasonWord, Pod, Midnight, Marker, Every, SetWord, Once, Vague, Prep, Conn, Future,
  During, Holiday,
};

enum class Unit : std::uint8_t { Year, Month, Week, Day, Hour, Minute, Second, Decade, Century };

/// Parts of the day, with the hours the dev-set conventions give them.
enum class Pod : std::uint8_t { Morning, EarlyMorning, Noon, Afternoon, Night };

struct Entry {
  Cat cat;
  int value = 0;        // month, weekday (ISO), number, offset, season, Unit, Pod, DateMention::Mod
  int month = 0;        // holidays: month
  int day = 0;          // holidays: day
  Calendar calendar = Calendar::Persian;  // months, markers, holidays
  bool alone = true;    // months: may stand alone after a temporal preposition
  bool with_mah = false;  // months written with «ماه» joined (شهریورماه)
};

/// Hash that lets maps keyed by std::string be searched with a std::string_view.
struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using WordSet = std::unordered_set<std::string, ViewHash, std::equal_to<>>;

struct Phrase {
  std::vector<std::string> tokens;  // folded token texts
  Entry entry;
};

/// Context words of cpp/data/dates/context_fa.tsv (first token of each, folded).
struct Context {
  WordSet place_before, dushanbe_before, dushanbe_after, dushanbe_sentence, friday_before,
      counter_after, label_before, not_unit_after, dushanbe_travel_prep, dushanbe_travel;
};

struct Lexicon {
  std::vector<Phrase> phrases;
  /// First token → phrase indices, longest phrase first.
  std::unordered_map<std::string, std::vector<std::uint32_t>, ViewHash, std::equal_to<>> by_first;
  Context context;
};

/// The folding applied to text and lexicon alike before matching: Unicode NFC, Persian letters
/// (ي → ی, ك → ک, presentation forms), diacritics and kashida removed; spacing untouched.
NormalizerOptions folding_options();

/// Built once per process on first use; throws sokhan::Error naming a bad data line.
const Lexicon& lexicon();

}  // namespace sokhan::dates
