// The Normalizer's rule tables, parsed once per process from cpp/data/normalize/*.tsv.
#pragma once

#include <cstdint>

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

/// A set of strings with a Bloom-style bit filter in front, so the common case (a word that is
/// not in the set) costs one hash and one cache-resident bit test instead of a hash-table probe.
class WordSet {
 public:
  void insert(std::string_view key, std::string_view value = {});
  /// Room for `n` keys without growing (one allocation for a list whose size is known).
  void reserve(std::size_t n);
  /// The value stored for `key`, or nullptr; `h` is hash(key), computed once per word by
  /// callers that look the same word up in several sets.
  const std::string_view* find(std::string_view key, std::uint64_t h) const noexcept;
  const std::string_view* find(std::string_view key) const noexcept { return find(key, hash(key)); }
  bool contains(std::string_view key) const noexcept { return find(key) != nullptr; }
  std::size_t size() const noexcept { return count_; }
  static std::uint64_t hash(std::string_view s) noexcept;

 private:
  // Open addressing with linear probing in one flat array (at most half full): building it is
  // one pass without a node allocation per word (the compound list has ~60k), and a probe
  // compares the stored hash before the key.
  struct Slot {
    std::uint64_t hash = 0;
    std::string_view key, value;  // key.data() == nullptr: empty
  };
  void rehash(std::size_t slots);
  static constexpr std::size_t kBits = 1u << 20;  // 128 KiB
  std::vector<std::uint64_t> filter_ = std::vector<std::uint64_t>(kBits / 64, 0);
  std::vector<Slot> slots_;
  std::size_t count_ = 0;
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
  static constexpr std::string_view kAffixMarker = "\x01" "affix";
  WordSet verbs_after_mi, adjectives;

  std::uint8_t punct_flags(char32_t cp) const noexcept { return cp < 0x10000 ? punct[cp] : 0; }
};

/// The process-wide rule tables (built on first use; thread-safe).
const Rules& rules();

}  // namespace sokhan::normalize
