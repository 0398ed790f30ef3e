// The splitter's word lists, parsed once per process from cpp/data/sentences/*.tsv.
#pragma once

#include <bitset>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sokhan::sentences {

struct Rules {
  enum class AbbrevClass { Inner, Final, Numeral };
  std::unordered_map<std::string, AbbrevClass> english_abbreviations;  // lower case, no final dot
  std::unordered_set<std::string> persian_abbreviations;  // ي → ی, ك → ک, no final dot
  std::size_t longest_persian_abbreviation = 0;           // in bytes
  std::unordered_set<std::string_view> english_starters;
  std::vector<std::string> agencies;  // ي → ی, ك → ک folded
  std::unordered_set<std::string_view> persian_continuations, english_continuations;
  std::vector<std::string_view> english_closings;
  std::vector<std::string_view> english_greetings;
  std::bitset<256> greeting_first;  // first bytes of the greetings
  std::vector<std::string_view> emoticons;  // longest first, each starting with ':' or ';'
};

/// The process-wide tables (built on first use; thread-safe).
const Rules& rules();

}  // namespace sokhan::sentences
