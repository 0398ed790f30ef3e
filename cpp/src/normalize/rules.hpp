// The Normalizer's rule tables, parsed once per process from cpp/data/normalize/*.tsv.
#pragma once

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

struct Rules {
  std::unordered_map<char32_t, CharRule> chars;
  std::unordered_map<char32_t, char32_t> persian_punctuation;  // , → ، ...
  std::unordered_set<char32_t> no_space_before, no_space_after, space_after;
  std::vector<Affix> prefixes, suffixes;
  std::unordered_map<std::string_view, std::string_view> compounds;  // joined → with ZWNJ
  std::unordered_set<std::string_view> verbs_after_mi, adjectives;
  std::size_t longest_compound_key = 0;
};

/// The process-wide rule tables (built on first use; thread-safe).
const Rules& rules();

}  // namespace sokhan::normalize
