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
#include "sokhan/sentences.hpp"

namespace sokhan::dates {

/// What a phrase is.
enum class Cat : std::uint8_t {
  Month, Weekday, Cardinal, Ordinal, RelDay, Night, RelYear, Unit, UnitPlural, Dir, This, Mod,
  Season, SeasonWord, Pod, Midnight, Marker, Every, SetWord, Once, Vague, Prep, Conn, Future,
  During, Holiday, Part,
  // English
  Ago, Approx, ClockWord, AmPm, OClock, Zone, Ref, Recent, Article, Fiscal, Half, Decade, YearAgo, After,
};

enum class Unit : std::uint8_t { Year, Month, Week, Day, Hour, Minute, Second, Decade, Century, Weekend, Quarter };

/// Parts of the day, with the hours the dev-set conventions give them.
enum class Pod : std::uint8_t { Morning, EarlyMorning, Noon, Afternoon, Night, Evening };

struct Entry {
  Cat cat;
  int value = 0;        // month, weekday (ISO), number, offset, season, Unit, Pod, DateMention::Mod
  int month = 0;        // holidays: month
  int day = 0;          // holidays: day
  int weekday = 0;      // holidays: the first such ISO weekday on or after month-day (0: none)
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

/// The phrases that start with one token.
struct FirstToken {
  std::vector<std::uint32_t> ids;  // longest phrase first
  std::uint64_t cats = 0;          // bit c set when a phrase of category c starts here
  std::uint64_t single_cats = 0;   // the same for one-token phrases only
  std::vector<std::string> seconds;  // the second tokens of its longer phrases
  bool starts = false;  // some phrase can begin a mention (not only a preposition or connector)
};

/// Whether a phrase of this category can be the first token of a mention.
bool can_start(Cat c, Lang lang);

/// A bit per (length, first two bytes, last two bytes) class of the lexicon's first tokens: most
/// words of a text are not in the lexicon, and this answers "no" for them without hashing.
class WordFilter {
 public:
  static std::uint32_t key(std::string_view w) noexcept {
    const auto b = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(w[k])); };
    const std::size_t n = w.size();
    const std::uint32_t edges = n >= 2 ? (b(0) << 24 | b(1) << 16 | b(n - 2) << 8 | b(n - 1)) : b(0);
    return ((edges * 0x9E3779B1u) ^ static_cast<std::uint32_t>(n) * 0x85EBCA77u) >> (32 - kBits);
  }
  void add(std::string_view w) { bits_[key(w) >> 6] |= 1ULL << (key(w) & 63); }
  bool may_contain(std::string_view w) const noexcept {
    return !w.empty() && (bits_[key(w) >> 6] >> (key(w) & 63) & 1);
  }

 private:
  static constexpr int kBits = 16;
  std::vector<std::uint64_t> bits_ = std::vector<std::uint64_t>(1u << (kBits - 6));
};

struct Lexicon {
  std::vector<Phrase> phrases;
  std::unordered_map<std::string, FirstToken, ViewHash, std::equal_to<>> by_first;
  WordFilter first_filter;  // over the keys of by_first
  Context context;
};

/// The folding applied to text and lexicon alike before matching: Unicode NFC, Persian letters
/// (ي → ی, ك → ک, presentation forms), diacritics and kashida removed; spacing untouched.
NormalizerOptions folding_options();

/// A Normalizer with folding_options(), one per process: constructing a Normalizer builds
/// tables of its own, and the lexicons of both languages fold their phrases with this one (a
/// copy shares its tables).
const Normalizer& folding_normalizer();

/// The lexicon of a language (Persian for Lang::Auto), built once per process on first use;
/// throws sokhan::Error naming a bad data line.
const Lexicon& lexicon(Lang lang = Lang::Persian);

}  // namespace sokhan::dates
