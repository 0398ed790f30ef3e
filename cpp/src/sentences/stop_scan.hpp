// The characters find_ends stops at, and the scan that finds the next one. The scan is the
// splitter's hot loop (every byte of the text passes through it), so on x86-64 it tests 16
// bytes at a time with SSE2, which every x86-64 CPU has; elsewhere, and for the last bytes, it
// uses a ByteFilter, which is also the reference the tests compare the fast scan with.
#pragma once

#include <cstddef>
#include <string_view>

#include "text/byte_filter.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sokhan::sentences {

constexpr bool is_terminator(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x061F || c == 0x2026;
}
// Characters that, repeated three or more times on their own, draw a separator line.
constexpr bool is_rule_char(char32_t c) { return c == '=' || c == '_' || c == '*' || c == '~' || c == '#'; }
// Line breaks, terminators, separator lines, colons and semicolons (emoticons, datelines,
// e-mail time stamps, URLs) and '@' (e-mail addresses).
constexpr bool is_stop(char32_t c) {
  return c == '\n' || c == ':' || c == ';' || c == '@' || is_terminator(c) || is_rule_char(c);
}

/// The reference scan: the first position at or after `i` where a stop may start (a superset:
/// every code point whose first two bytes a stop's share).
inline std::size_t next_stop_reference(std::string_view text, std::size_t i) {
  static const ByteFilter stops(is_stop, false);
  return stops.skip(text, i);
}

/// The first position at or after `i` where a stop character starts (text.size() if none);
/// it may also stop at code points that share a stop's first two bytes, like the reference.
inline std::size_t next_stop(std::string_view text, std::size_t i) {
#if defined(__SSE2__)
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  auto eq = [](__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
  // Reads s[i .. i+17]: the second and third bytes of a stop starting at i+15.
  while (i + 18 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 1));
    const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 2));
    __m128i m = _mm_or_si128(_mm_or_si128(eq(v, '\n'), eq(v, ':')), _mm_or_si128(eq(v, ';'), eq(v, '@')));
    m = _mm_or_si128(m, _mm_or_si128(_mm_or_si128(eq(v, '.'), eq(v, '!')), eq(v, '?')));
    m = _mm_or_si128(m, _mm_or_si128(_mm_or_si128(eq(v, '='), eq(v, '_')), eq(v, '*')));
    m = _mm_or_si128(m, _mm_or_si128(eq(v, '~'), eq(v, '#')));
    // U+061F (D8 9F) and U+2026 (E2 80 A6).
    m = _mm_or_si128(m, _mm_and_si128(eq(v, '\xD8'), eq(v1, '\x9F')));
    m = _mm_or_si128(m, _mm_and_si128(_mm_and_si128(eq(v, '\xE2'), eq(v1, '\x80')), eq(v2, '\xA6')));
    if (const int mask = _mm_movemask_epi8(m); mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    i += 16;
  }
#endif
  return next_stop_reference(text, i);
}

}  // namespace sokhan::sentences
