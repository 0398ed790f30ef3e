// Sentence segmentation of Persian and English running text.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "sokhan/normalizer.hpp"

namespace sokhan {

/// Language of a text, or Auto to decide per paragraph from its script.
enum class Lang { Auto, Persian, English };

/// Parses "auto", "fa" or "en"; throws InvalidArgument("lang") listing them otherwise.
Lang parse_lang(std::string_view name);

/// A sentence as byte offsets into the text, white space excluded.
struct ByteSpan {
  std::size_t begin, end;
  bool operator==(const ByteSpan&) const = default;
};

/// Splits text into sentences. Immutable after construction and safe to share between threads.
class SentenceSplitter {
 public:
  explicit SentenceSplitter(Lang lang = Lang::Auto);

  /// Sentences in order, never overlapping, covering every non-space character.
  /// Throws InvalidUtf8 on invalid input unless `input_is_valid`.
  std::vector<ByteSpan> split(std::string_view text, bool input_is_valid = false) const;

  /// split() over many texts on `threads` threads (0 = all cores).
  std::vector<std::vector<ByteSpan>> split_many(std::span<const std::string_view> texts,
                                                unsigned threads = 0, const CancelPoll& poll = {},
                                                bool inputs_are_valid = false) const;

  Lang lang() const noexcept { return lang_; }

 private:
  Lang lang_;
};

}  // namespace sokhan
