// Pieces of text that normalization must leave exactly as written.
#pragma once

#include <cstddef>
#include <string_view>

namespace sokhan::normalize {

/// Where a URL (scheme://, www.) or e-mail address starts inside a whitespace-delimited chunk
/// (punctuation glued before it, "?!www.x.ir", is not part of it), or npos.
std::size_t url_start(std::string_view chunk) noexcept;


/// Length of the chunk without trailing sentence punctuation and closing brackets or quotes,
/// which belong to the sentence around a URL rather than to the URL.
std::size_t without_trailing_punctuation(std::string_view chunk) noexcept;

/// Byte length of an ASCII emoticon (":)", ":-(", ";)", ":D", "=)") starting at `pos`, or 0.
std::size_t emoticon_length(std::string_view text, std::size_t pos) noexcept;

/// True when an emoticon ends exactly at byte `pos`.
bool emoticon_ends_at(std::string_view text, std::size_t pos) noexcept;

}  // namespace sokhan::normalize
