// The token stream the date grammar reads: words (letters and marks; a ZWNJ ends a word),
// numbers (digits of any script, with their value) and single punctuation characters.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace sokhan::dates {

enum class TokKind : std::uint8_t { Word, Number, Punct };

struct Token {
  std::uint32_t b = 0, e = 0;  // bytes of the (folded) text
  TokKind kind = TokKind::Word;
  bool space_before = false;    // horizontal white space between this token and the one before
  bool zwnj_before = false;     // a ZWNJ (and nothing else) between them
  bool newline_before = false;  // a line break between them
  bool blank_line_before = false;  // two or more line breaks: a new paragraph
  std::uint8_t digits = 0;      // Number: how many digits
  std::uint64_t number = 0;     // Number: its value (saturates far beyond any date)
  char32_t punct = 0;           // Punct: the character
  bool glued() const { return !space_before && !zwnj_before && !newline_before; }
};

/// One pass over valid UTF-8.
std::vector<Token> tokenize(std::string_view text);

}  // namespace sokhan::dates
