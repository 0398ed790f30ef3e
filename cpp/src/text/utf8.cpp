#include "sokhan/utf8.hpp"

#include <algorithm>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sokhan/error.hpp"

namespace sokhan::utf8 {

std::optional<std::size_t> find_invalid(std::string_view text) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // Skip ASCII eight bytes at a time: most text is mostly ASCII or mostly 2-byte letters.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::copy_n(s + i, 8, reinterpret_cast<unsigned char*>(&w));
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char b = s[i];
    if (b < 0x80) { ++i; continue; }
    std::size_t len;
    char32_t min;
    if (b >= 0xC2 && b <= 0xDF) { len = 2; min = 0x80; }
    else if (b >= 0xE0 && b <= 0xEF) { len = 3; min = 0x800; }
    else if (b >= 0xF0 && b <= 0xF4) { len = 4; min = 0x10000; }
    else return i;
    if (i + len > n) return i;
    char32_t cp = b & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) {
      if (!is_continuation(s[i + k])) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::nullopt;
}

void validate(std::string_view text) {
  if (auto bad = find_invalid(text)) {
    throw InvalidUtf8(*bad, "invalid UTF-8 at byte offset " + std::to_string(*bad));
  }
}

char32_t decode_before(std::string_view text, std::size_t end, int& len) noexcept {
  std::size_t start = end - 1;
  while (start > 0 && is_continuation(static_cast<unsigned char>(text[start]))) --start;
  return decode(text, start, len);
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::size_t count_codepoints(std::string_view text) noexcept {
  // The bytes that are no continuation (10xxxxxx), sixteen at a time with SSE2 (a sum of
  // bytes, no POPCNT needed): offsets of sentences and mentions are converted with this, and
  // the stretches between them are long.
  const char* p = text.data();
  const std::size_t n = text.size();
  std::size_t count = 0, i = 0;
#if defined(__SSE2__)
  const __m128i last_continuation = _mm_set1_epi8(static_cast<char>(0xBF));  // as signed: -65
  const __m128i one = _mm_set1_epi8(1), zero = _mm_setzero_si128();
  __m128i sums = zero;
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i starts = _mm_and_si128(_mm_cmpgt_epi8(v, last_continuation), one);
    sums = _mm_add_epi64(sums, _mm_sad_epu8(starts, zero));
  }
  alignas(16) std::uint64_t lanes[2];
  _mm_store_si128(reinterpret_cast<__m128i*>(lanes), sums);
  count = static_cast<std::size_t>(lanes[0] + lanes[1]);
#endif
  for (; i < n; ++i) count += !is_continuation(static_cast<unsigned char>(p[i]));
  return count;
}

void bytes_to_codepoints(std::string_view text, std::span<std::size_t> ascending) noexcept {
  std::size_t byte = 0, cp = 0;
  for (std::size_t& off : ascending) {
    const std::size_t target = std::min(off, text.size());
    if (target > byte) {
      cp += count_codepoints(text.substr(byte, target - byte));
      byte = target;
    }
    off = cp;
  }
}

}  // namespace sokhan::utf8
