// The Normalizer's word lists (compounds, affixes, verbs after «می», adjectives) as hash sets that
// are laid out at build time by cpp/tools/gen_word_sets.cpp: the slots, the filter and the key
// bytes sit in read-only memory, so a process neither parses ~60k rows nor fills a 5 MB table
// before its first Normalizer (that was ~15 ms), and processes share the pages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace sokhan::normalize {

/// The value that marks an affix in the word set (a key that is also a compound stays an affix).
inline constexpr std::string_view kAffixMarker = "\x01" "affix";

/// The hash of a word, the same at build time and at run time.
inline std::uint64_t word_hash(std::string_view s) noexcept {
  // Whole 8-byte loads (the tail overlaps the last chunk) and one multiply per load: words are
  // short, and a byte-at-a-time hash chained a multiply per byte.
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  auto load64 = [](const unsigned char* q) { std::uint64_t v; std::memcpy(&v, q, 8); return v; };
  auto load32 = [](const unsigned char* q) { std::uint32_t v; std::memcpy(&v, q, 4); return std::uint64_t{v}; };
  auto mix = [](std::uint64_t h, std::uint64_t w) {
    h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 31);
  };
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
  if (n >= 8) {
    std::size_t i = 0;
    for (; i + 8 < n; i += 8) h = mix(h, load64(p + i));
    h = mix(h, load64(p + n - 8));
  } else if (n >= 4) {
    h = mix(h, (load32(p) << 32) | load32(p + n - 4));
  } else if (n > 0) {
    h = mix(h, (std::uint64_t{p[0]} << 16) | (std::uint64_t{p[n / 2]} << 8) | p[n - 1]);
  }
  return h * 0x94D049BB133111EBULL ^ (h >> 32);
}

/// A blocked Bloom filter in front of each set: both bits of a key lie in one 64-bit word, so
/// the common case (a word that is not in the set) costs one load.
inline constexpr std::size_t kWordFilterWords = (std::size_t{1} << 20) / 64;  // 128 KiB

struct WordFilterProbe {
  std::size_t word;
  std::uint64_t mask;
};

inline WordFilterProbe word_filter_probe(std::uint64_t h) noexcept {
  // The filter uses the hash's top bits for the mask; slots use its low bits.
  return {static_cast<std::size_t>(h & (kWordFilterWords - 1)),
          (std::uint64_t{1} << ((h >> 40) & 63)) | (std::uint64_t{1} << ((h >> 52) & 63))};
}

/// One key of a generated set; its bytes and then its value's are at WordSetTable::text + offset.
struct WordEntry {
  std::uint32_t hash_tag;  // word_tag(hash): compared before the key bytes
  std::uint32_t offset;
  std::uint16_t key_size, value_size;
};

/// The part of a hash an entry keeps: the top half (the slot index comes from the low bits).
inline std::uint32_t word_tag(std::uint64_t h) noexcept { return static_cast<std::uint32_t>(h >> 32); }

/// A set as the generator writes it. Open addressing with linear probing, at most half full;
/// a slot holds 0 (empty) or k + 1 for entries[k]. Only offsets, no pointers, so the loader has
/// nothing to relocate.
struct WordSetTable {
  const char* text;
  const std::uint64_t* filter;  // kWordFilterWords words
  const std::uint32_t* slots;   // slot_count, a power of two
  const WordEntry* entries;     // entry_count, in the order of the data files (first row wins)
  std::uint32_t slot_count, entry_count;
  bool has_values;  // some entry has a value (the others are sets of keys only)
};

/// The generated sets (generated/word_sets.cpp).
namespace generated {
extern const WordSetTable kWords;         // affixes.tsv (value kAffixMarker), then compounds.tsv
extern const WordSetTable kVerbsAfterMi;  // verb_after_mi.tsv
extern const WordSetTable kAdjectives;    // adjectives.tsv
}  // namespace generated

/// A read-only set of words, each with a value, over a generated table.
class WordSet {
 public:
  WordSet() = default;
  explicit WordSet(const WordSetTable& table) noexcept : table_(&table) {}

  /// The value stored for `key` (empty in a set without values), or nothing; `h` is hash(key),
  /// computed once per word by callers that look the same word up in several sets. The value
  /// is returned as a view into the table, so no per-entry views need to be built up front.
  std::optional<std::string_view> find(std::string_view key, std::uint64_t h) const noexcept {
    if (table_ == nullptr) return std::nullopt;
    const WordFilterProbe p = word_filter_probe(h);
    if ((table_->filter[p.word] & p.mask) != p.mask) return std::nullopt;
    return find_slot(key, h);
  }
  std::optional<std::string_view> find(std::string_view key) const noexcept { return find(key, hash(key)); }
  bool contains(std::string_view key) const noexcept { return find(key).has_value(); }
  std::size_t size() const noexcept { return table_ ? table_->entry_count : 0; }
  static std::uint64_t hash(std::string_view s) noexcept { return word_hash(s); }

 private:
  std::optional<std::string_view> find_slot(std::string_view key, std::uint64_t h) const noexcept;

  const WordSetTable* table_ = nullptr;
};

}  // namespace sokhan::normalize
