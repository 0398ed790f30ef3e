// The Persian date grammar: small rules over the token stream, tried only at trigger tokens
// (numbers and lexicon words), each looking a bounded number of tokens ahead, so a text costs
// one pass. Rules compose: a day phrase, a clock time on it, a modifier over a month, a range
// whose first endpoint borrows the month of the second.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "dates/lexicon.hpp"
#include "dates/tokens.hpp"
#include "dates/value.hpp"

namespace sokhan::dates {

/// A mention as tokens [tb, te) and its value.
struct Found {
  std::size_t tb, te;
  Value value;
  bool floating = false;  // a clock time with no day of its own (put on the reference day)
  int carry = 0;          // days past that day (24:00 is the next day's 00:00)
};

/// What earlier mentions of a document tell later ones. The rules run paragraph by paragraph
/// (pieces of long texts, paragraphs of each language); this carries over from one to the next
/// so that «that year» or «the year-ago quarter» read the same as in one long run.
struct Discourse {
  std::optional<Value> anchor;        // the latest absolute date: «دو سال بعد», «that year»
  std::optional<Value> last_quarter;  // English: the latest quarter named by a quarter phrase
  bool quarters_seen = false;         // English: the document talks in quarters
};

/// Mentions of Persian `text` (folded), in order and never overlapping. `reference` is the
/// document date as a Julian day number. `tokens` is a paragraph of the text's tokens;
/// `discourse` comes from the document's earlier paragraphs and is updated.
std::vector<Found> find_dates(const Lexicon& lexicon, std::string_view text, std::span<const Token> tokens,
                              std::optional<std::int64_t> reference, Discourse& discourse);
/// The same for English text (TIMEX3 conventions of TimeML and TempEval-3).
std::vector<Found> find_dates_en(const Lexicon& lexicon, std::string_view text, std::span<const Token> tokens,
                                 std::optional<std::int64_t> reference, Discourse& discourse);

}  // namespace sokhan::dates
