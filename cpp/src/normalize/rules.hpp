// The Normalizer's rule tables: the small ones parsed once per process from
// cpp/data/normalize/*.tsv, the word lists generated at build time (word_set.hpp).
#pragma once

#include <cstdint>

#include "normalize/word_set.hpp"
#include "text/byte_filter.hpp"
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sokhan::normalize {

/// A character rule from characters.tsv: which option enables it and what replaces the
/// character (empty = delete).
struct CharRule {
  enum class Group { PersianLetters, ExtraLetters, ExtraLettersGlide, Diacritics, Kashida, Joiner };
  Group group;
  std::u32string to;
};

enum class AffixCondition { Verb, Word, Adjective, EndsWithHeh };

struct Affix {
  std::string_view text;
  AffixCondition condition;
};

/// Bits of Rules::punct, one byte per BMP code point.
enum PunctFlag : std::uint8_t {
  kNoSpaceBefore = 1,
  kNoSpaceAfter = 2,
  kSpaceAfter = 4,
  kPersianizable = 8,  // has a Persian form in persian_punctuation
  kSpacingSpecial = 16,  // needs the slow path of the spacing pass (punctuation, spaces, : ; =)
};

struct Rules {
  std::unordered_map<char32_t, CharRule> chars;
  std::unordered_map<char32_t, char32_t> persian_punctuation;  // , → ، ...
  std::vector<std::uint8_t> punct = std::vector<std::uint8_t>(0x10000, 0);  // PunctFlag bits
  ByteFilter spacing_filter;  // where a kSpacingSpecial code point may start
  std::vector<Affix> prefixes, suffixes;
  std::uint64_t prefix_lengths = 0, suffix_lengths = 0;  // bit k: some affix has k bytes
  // One set for every word the word pass acts on, so most words cost a single probe: compound
  // keys map to their ZWNJ form, affixes (prefixes and suffixes) to kAffixMarker.
  WordSet words;
  static constexpr std::string_view kAffixMarker = normalize::kAffixMarker;
  WordSet verbs_after_mi, adjectives;

  std::uint8_t punct_flags(char32_t cp) const noexcept { return cp < 0x10000 ? punct[cp] : 0; }
};

/// The process-wide rule tables (built on first use; thread-safe).
const Rules& rules();

}  // namespace sokhan::normalize
