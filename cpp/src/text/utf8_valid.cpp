// utf8::is_valid: the check of UTF-8 that comes from outside without a guarantee (Arrow string
// buffers), on the path of every batch over them. find_invalid goes one code point at a time,
// about 200 MB/s on Persian. Persian and Arabic text is mostly two-byte letters and ASCII, so
// this checks 16 bytes at a time: a block of only those bytes is valid exactly when every
// continuation byte follows a two-byte lead and every such lead is followed by one. A block with
// anything else (a three- or four-byte sequence, a byte no sequence starts with) is checked by
// the rules of the Unicode Standard's Table 3-7 (no overlong forms, surrogates or values past
// U+10FFFF), the ones find_invalid applies.
#include "sokhan/utf8.hpp"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sokhan::utf8 {

namespace {

// Length of the valid sequence whose lead byte s[i] is not ASCII, or 0 when it is not valid.
inline std::size_t sequence_at(const unsigned char* s, std::size_t i, std::size_t n) noexcept {
  const unsigned char b = s[i];
  auto continuation = [&](std::size_t k) { return i + k < n && (s[i + k] & 0xC0) == 0x80; };
  if (b >= 0xC2 && b <= 0xDF) return continuation(1) ? 2 : 0;
  if (b < 0xE0 || b > 0xF4 || i + 1 >= n) return 0;
  // The second byte's range excludes overlong forms (E0, F0), surrogates (ED) and values past
  // U+10FFFF (F4).
  const unsigned char second = s[i + 1];
  if (b <= 0xEF) {
    const unsigned char lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
    return second >= lo && second <= hi && continuation(2) ? 3 : 0;
  }
  const unsigned char lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
  return second >= lo && second <= hi && continuation(2) && continuation(3) ? 4 : 0;
}

}  // namespace

bool is_valid(std::string_view text) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;  // always at the start of a code point
  while (i < n) {
#if defined(__SSE2__)
    // Bytes as signed chars: continuation 0x80-0xBF is -128..-65, a two-byte lead 0xC2-0xDF is
    // -62..-33, ASCII is >= 0.
    const __m128i cont_below = _mm_set1_epi8(-64), lead_above = _mm_set1_epi8(-63),
                  lead_below = _mm_set1_epi8(-32);
    while (i + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      const unsigned high = static_cast<unsigned>(_mm_movemask_epi8(v));
      if (high == 0) {
        i += 16;
        continue;
      }
      const unsigned cont = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(v, cont_below)));
      const unsigned lead = static_cast<unsigned>(_mm_movemask_epi8(
          _mm_and_si128(_mm_cmpgt_epi8(v, lead_above), _mm_cmplt_epi8(v, lead_below))));
      if ((high & ~(cont | lead)) != 0) break;  // a longer sequence or a bad byte: below
      if (cont != ((lead << 1) & 0xFFFF)) return false;
      if (lead & 0x8000) {  // the block ends with a lead: its continuation is the next byte
        if (i + 16 >= n || (s[i + 16] & 0xC0) != 0x80) return false;
        i += 17;
      } else {
        i += 16;
      }
    }
#endif
    // One block's worth (or the tail) a code point at a time, ending on a code point's start.
    for (const std::size_t stop = std::min(n, i + 16); i < stop;) {
      if (s[i] < 0x80) {
        ++i;
        continue;
      }
      const std::size_t len = sequence_at(s, i, n);
      if (len == 0) return false;
      i += len;
    }
  }
  return true;
}

}  // namespace sokhan::utf8
