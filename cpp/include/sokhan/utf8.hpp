// UTF-8 primitives. The core works on UTF-8 bytes; callers outside see code point offsets,
// converted once per call with bytes_to_codepoints (O(n)).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sokhan::utf8 {

/// Byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates and values above
/// U+10FFFF count as invalid), or nullopt when the whole text is valid.
std::optional<std::size_t> find_invalid(std::string_view text) noexcept;

/// Whether the whole text is valid UTF-8 (the rules of find_invalid), several times faster than
/// find_invalid on text of two-byte letters and ASCII; find_invalid then says where it is not.
bool is_valid(std::string_view text) noexcept;

/// Throws sokhan::InvalidUtf8 naming the byte offset of the first invalid sequence.
void validate(std::string_view text);

/// Number of bytes of the sequence starting with lead byte `b` (valid input assumed).
constexpr int sequence_length(unsigned char b) noexcept {
  return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/// True for bytes that do not start a code point.
constexpr bool is_continuation(unsigned char b) noexcept { return (b & 0xC0) == 0x80; }

/// Decodes the code point at `text[pos]` of valid UTF-8 and stores its byte length in `len`.
inline char32_t decode(std::string_view text, std::size_t pos, int& len) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  const unsigned char b = p[0];
  if (b < 0x80) { len = 1; return b; }
  if (b < 0xE0) { len = 2; return (char32_t(b & 0x1F) << 6) | (p[1] & 0x3F); }
  if (b < 0xF0) {
    len = 3;
    return (char32_t(b & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  }
  len = 4;
  return (char32_t(b & 0x07) << 18) | (char32_t(p[1] & 0x3F) << 12) |
         (char32_t(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/// Decodes the code point that ends just before `end` (valid UTF-8, end > 0).
char32_t decode_before(std::string_view text, std::size_t end, int& len) noexcept;

/// Appends the UTF-8 encoding of `cp` to `out`.
void append(std::string& out, char32_t cp);

/// Number of code points in valid UTF-8.
std::size_t count_codepoints(std::string_view text) noexcept;

/// Converts ascending byte offsets (each on a code point boundary) into code point offsets in
/// place, in one pass over the text. Offsets need not be distinct.
void bytes_to_codepoints(std::string_view text, std::span<std::size_t> ascending) noexcept;

}  // namespace sokhan::utf8
