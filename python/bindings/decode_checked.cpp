// UTF-8 validated and decoded in one pass, for the columns of the pandas accessor: a row is
// read once, not checked by one loop and decoded by another.
#include "decode_checked.hpp"

#include <cstdint>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace sokhan::py_bind {

namespace {

// One code point at s (n bytes left), checked as utf8::find_invalid checks it: its length, or
// 0 for an invalid sequence.
inline int decode_one_checked(const unsigned char* s, std::size_t n, std::uint32_t& cp) noexcept {
  const unsigned b = s[0];
  if (b < 0x80) {
    cp = b;
    return 1;
  }
  int len;
  std::uint32_t min;
  if (b >= 0xC2 && b <= 0xDF) {
    len = 2;
    min = 0x80;
  } else if (b >= 0xE0 && b <= 0xEF) {
    len = 3;
    min = 0x800;
  } else if (b >= 0xF0 && b <= 0xF4) {
    len = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (n < static_cast<std::size_t>(len)) return 0;
  cp = b & (0xFFu >> (len + 1));
  for (int k = 1; k < len; ++k) {
    if ((s[k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[k] & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Decodes code points from s[i] until i passes `until` (or the end); false stops the caller.
template <class Unit>
inline bool decode_scalar(const unsigned char* s, std::size_t n, std::size_t& i, std::size_t until, Unit* out,
                          std::size_t& count, std::uint32_t& bits, Decoded& status) noexcept {
  while (i < n && i <= until) {
    std::uint32_t cp;
    const int len = decode_one_checked(s + i, n - i, cp);
    if (len == 0) {
      status = Decoded::invalid;
      return false;
    }
    if (sizeof(Unit) == 2 && cp > 0xFFFF) {
      status = Decoded::wide;
      return false;
    }
    out[count++] = static_cast<Unit>(cp);
    bits |= cp;
    i += static_cast<std::size_t>(len);
  }
  return true;
}

#if defined(__x86_64__) && defined(__GNUC__)
// For each mask of eight 16-bit lanes to keep: the shuffle that packs them to the front.
struct LanePacking {
  unsigned char shuffle[256][16];
  unsigned char lanes[256];  // lanes kept (a popcount, without needing the POPCNT instruction)
};

constexpr LanePacking make_lane_packing() {
  LanePacking t{};
  for (unsigned mask = 0; mask < 256; ++mask) {
    unsigned n = 0;
    for (unsigned k = 0; k < 8; ++k) {
      if (!(mask & (1u << k))) continue;
      t.shuffle[mask][n++] = static_cast<unsigned char>(2 * k);
      t.shuffle[mask][n++] = static_cast<unsigned char>(2 * k + 1);
    }
    t.lanes[mask] = static_cast<unsigned char>(n / 2);
    for (; n < 16; ++n) t.shuffle[mask][n] = 0x80;
  }
  return t;
}
alignas(16) constexpr LanePacking kLanePacking = make_lane_packing();

bool have_ssse3_decoder() {
  static const bool yes = __builtin_cpu_supports("ssse3");
  return yes;
}

// Sixteen bytes a step of one- and two-byte sequences: every byte becomes a 16-bit lane (a lead
// byte joined with the byte after it), continuation lanes are dropped by a shuffle, and
// validity is a comparison of bit masks (the byte after a lead byte C2-DF is a continuation,
// the byte after any other is not). Steps start 16 bytes apart whatever the bytes are, so the
// next load does not wait for this step's masks; a lead byte ending a step was joined with the
// continuation that begins the next, which drops it. Any other byte (E0 and above: ZWNJ,
// three- and four-byte sequences; C0, C1) ends a step early and is decoded on its own.
__attribute__((target("ssse3"))) bool decode_ucs2_ssse3(const unsigned char* s, std::size_t n, std::size_t& at,
                                                        Py_UCS2* out, std::size_t& units, std::uint32_t& bits,
                                                        Decoded& status) noexcept {
  // Locals, not the references: the 16-byte stores may alias anything, and the compiler would
  // reload the counts from memory after each.
  std::size_t i = at, count = units;
  std::uint32_t scalar_bits = bits;
  unsigned carry = 0;  // whether byte i is the continuation of the step before
  const __m128i zero = _mm_setzero_si128();
  const __m128i top2 = _mm_set1_epi8(static_cast<char>(0xC0));
  const __m128i cont_bits = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i e0 = _mm_set1_epi8(static_cast<char>(0xE0));
  const __m128i fe = _mm_set1_epi8(static_cast<char>(0xFE));
  const __m128i lead16_min = _mm_set1_epi16(0xBF);
  const __m128i low5 = _mm_set1_epi16(0x1F), low6 = _mm_set1_epi16(0x3F);
  __m128i seen = zero;
  bool go_on = true;
  // The units of eight lanes: lead bytes joined with the next byte, others as they are.
  auto join = [&](__m128i b, __m128i next) {
    const __m128i two = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(b, low5), 6), _mm_and_si128(next, low6));
    const __m128i is_lead = _mm_cmpgt_epi16(b, lead16_min);
    return _mm_or_si128(_mm_and_si128(is_lead, two), _mm_andnot_si128(is_lead, b));
  };
  while (i + 17 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 1));  // the byte after each
    const __m128i special = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, e0), v),
                                         _mm_cmpeq_epi8(_mm_and_si128(v, fe), top2));
    const unsigned odd = static_cast<unsigned>(_mm_movemask_epi8(special));
    unsigned take = 16;  // the bytes this step decodes
    if (odd != 0) {
      take = static_cast<unsigned>(__builtin_ctz(odd));
      if (take == 0) {  // byte i is odd (and not a continuation): one code point on its own
        if (!decode_scalar(s, n, i, i, out, count, scalar_bits, status)) {
          go_on = false;
          break;
        }
        continue;
      }
    }
    const unsigned mask = (1u << take) - 1;
    const unsigned lead = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, top2), top2)));
    const unsigned cont = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, top2), cont_bits)));
    const unsigned next_cont =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(w, top2), cont_bits)));
    if (((next_cont ^ lead) & mask) != 0 || (cont & 1) != carry) {
      status = Decoded::invalid;
      go_on = false;
      break;
    }
    const unsigned keep = ~cont & mask;
    const __m128i low = _mm_shuffle_epi8(join(_mm_unpacklo_epi8(v, zero), _mm_unpacklo_epi8(w, zero)),
                                         _mm_load_si128(reinterpret_cast<const __m128i*>(kLanePacking.shuffle[keep & 0xFF])));
    const __m128i high = _mm_shuffle_epi8(join(_mm_unpackhi_epi8(v, zero), _mm_unpackhi_epi8(w, zero)),
                                          _mm_load_si128(reinterpret_cast<const __m128i*>(kLanePacking.shuffle[keep >> 8])));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + count), low);  // lanes past the kept ones are 0
    count += kLanePacking.lanes[keep & 0xFF];
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + count), high);
    count += kLanePacking.lanes[keep >> 8];
    seen = _mm_or_si128(seen, _mm_or_si128(low, high));
    carry = (lead >> (take - 1)) & 1;  // only when take is 16: an odd byte is no continuation
    i += take;
  }
  i += carry;  // checked and decoded already
  alignas(16) std::uint16_t seen_lanes[8];
  _mm_store_si128(reinterpret_cast<__m128i*>(seen_lanes), seen);
  bits = scalar_bits;
  for (const std::uint16_t u : seen_lanes) bits |= u;
  at = i;
  units = count;
  return go_on;
}
#endif

template <class Unit>
Decoded decode_units_checked(std::string_view utf8, Unit* out, std::size_t& count, std::uint32_t& bits) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
  const std::size_t n = utf8.size();
  std::size_t i = 0;
  count = 0;
  bits = 0;
  Decoded status = Decoded::ok;
#if defined(__x86_64__) && defined(__GNUC__)
  if constexpr (sizeof(Unit) == 2) {
    if (have_ssse3_decoder() && !decode_ucs2_ssse3(s, n, i, out, count, bits, status)) return status;
  }
#endif
  decode_scalar(s, n, i, n, out, count, bits, status);
  return status;
}

}  // namespace

Decoded decode_checked(std::string_view utf8, Py_UCS2* out, std::size_t& count, std::uint32_t& bits) noexcept {
  return decode_units_checked(utf8, out, count, bits);
}

Decoded decode_checked(std::string_view utf8, Py_UCS4* out, std::size_t& count, std::uint32_t& bits) noexcept {
  return decode_units_checked(utf8, out, count, bits);
}

}  // namespace sokhan::py_bind
