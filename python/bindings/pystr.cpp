#include "pystr.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace sokhan::py_bind {

StrData str_data(PyObject* s) {
#if PY_VERSION_HEX < 0x030C0000
  if (PyUnicode_READY(s) != 0) return {};
#endif
  return StrData{static_cast<int>(PyUnicode_KIND(s)), PyUnicode_DATA(s), PyUnicode_GET_LENGTH(s),
                 PyUnicode_IS_ASCII(s) != 0};
}

namespace {

// One code point of a str as UTF-8 at p; false for a lone surrogate.
inline bool encode_one(std::uint32_t c, unsigned char*& p) {
  if (c < 0x800) {
    // One or two bytes without a branch: Persian text alternates the two at every space, a
    // pattern branch predictors miss. The buffer always has room for the second byte.
    const bool two = c >= 0x80;
    p[0] = static_cast<unsigned char>(two ? (0xC0 | (c >> 6)) : c);
    p[1] = static_cast<unsigned char>(0x80 | (c & 0x3F));
    p += 1 + two;
  } else if (c < 0x10000) {
    if (c >= 0xD800 && c <= 0xDFFF) return false;
    *p++ = static_cast<unsigned char>(0xE0 | (c >> 12));
    *p++ = static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F));
    *p++ = static_cast<unsigned char>(0x80 | (c & 0x3F));
  } else {
    *p++ = static_cast<unsigned char>(0xF0 | (c >> 18));
    *p++ = static_cast<unsigned char>(0x80 | ((c >> 12) & 0x3F));
    *p++ = static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F));
    *p++ = static_cast<unsigned char>(0x80 | (c & 0x3F));
  }
  return true;
}

#if defined(__x86_64__) && defined(__GNUC__)
// 2-byte strs (Persian, Arabic: every letter below U+0800) eight code units at a time with
// SSSE3: each unit becomes its two-byte form, or stays one byte when ASCII, and a shuffle picks
// the bytes to keep (the table has one shuffle per pattern of ASCII units). Eight units with
// one at or above U+0800 (ZWNJ, a surrogate) go through encode_one. Returns the index of a lone
// surrogate or -1; `i` and `p` advance past what was written.
struct Compaction {
  unsigned char keep[256][16];  // byte indices to keep (0x80: none) for each ASCII-unit mask
  unsigned char size[256];
};

constexpr Compaction make_compaction() {
  Compaction t{};
  for (unsigned mask = 0; mask < 256; ++mask) {
    unsigned n = 0;
    for (unsigned k = 0; k < 8; ++k) {
      t.keep[mask][n++] = static_cast<unsigned char>(2 * k);
      if (!(mask & (1u << k))) t.keep[mask][n++] = static_cast<unsigned char>(2 * k + 1);
    }
    t.size[mask] = static_cast<unsigned char>(n);
    for (; n < 16; ++n) t.keep[mask][n] = 0x80;
  }
  return t;
}
alignas(16) constexpr Compaction kCompaction = make_compaction();

__attribute__((target("ssse3"))) Py_ssize_t encode_ucs2_ssse3(const Py_UCS2* u, Py_ssize_t n,
                                                              Py_ssize_t& i, unsigned char*& p) {
  const __m128i above_two = _mm_set1_epi16(static_cast<short>(0xF800));
  const __m128i above_one = _mm_set1_epi16(static_cast<short>(0xFF80));
  const __m128i zero = _mm_setzero_si128();
  for (; i + 8 <= n; i += 8) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(u + i));
    if (_mm_movemask_epi8(_mm_cmpeq_epi16(_mm_and_si128(v, above_two), zero)) != 0xFFFF) {
      for (Py_ssize_t k = i; k < i + 8; ++k)
        if (!encode_one(u[k], p)) return k;
      continue;
    }
    const __m128i ascii16 = _mm_cmpeq_epi16(_mm_and_si128(v, above_one), zero);
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_packs_epi16(ascii16, zero))) & 0xFF;
    if (mask == 0xFF) {
      _mm_storel_epi64(reinterpret_cast<__m128i*>(p), _mm_packus_epi16(v, v));
      p += 8;
      continue;
    }
    // [0xC0 | c >> 6, 0x80 | c & 0x3F] in each 16-bit lane (little-endian), or c for ASCII.
    const __m128i lead = _mm_or_si128(_mm_srli_epi16(v, 6), _mm_set1_epi16(0xC0));
    const __m128i trail = _mm_or_si128(_mm_and_si128(v, _mm_set1_epi16(0x3F)), _mm_set1_epi16(0x80));
    const __m128i two = _mm_or_si128(lead, _mm_slli_epi16(trail, 8));
    const __m128i both = _mm_or_si128(_mm_and_si128(ascii16, v), _mm_andnot_si128(ascii16, two));
    const __m128i keep = _mm_load_si128(reinterpret_cast<const __m128i*>(kCompaction.keep[mask]));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), _mm_shuffle_epi8(both, keep));
    p += kCompaction.size[mask];
  }
  return -1;
}

bool have_ssse3() {
  static const bool yes = __builtin_cpu_supports("ssse3");
  return yes;
}
#endif

template <class Unit>
Py_ssize_t encode_units(const Unit* u, Py_ssize_t n, Utf8Buffer& out) {
  // Room for the longest encoding, plus the 16-byte stores of the SSSE3 path (which never
  // write past 3 bytes a unit: at most 16 bytes for the eight units it is given).
  auto* const begin = reinterpret_cast<unsigned char*>(
      out.prepare(static_cast<std::size_t>(n) * (sizeof(Unit) == 1 ? 2 : sizeof(Unit) == 2 ? 3 : 4)));
  auto* p = begin;
  Py_ssize_t i = 0;
#if defined(__x86_64__) && defined(__GNUC__)
  if constexpr (sizeof(Unit) == 2) {
    if (have_ssse3()) {
      if (const Py_ssize_t bad = encode_ucs2_ssse3(u, n, i, p); bad >= 0) {
        out.set_size(0);
        return bad;
      }
    }
  }
#endif
  for (; i < n; ++i) {
    if (!encode_one(u[i], p)) {
      out.set_size(0);
      return i;
    }
  }
  out.set_size(static_cast<std::size_t>(p - begin));
  return -1;
}

}  // namespace

char* Utf8Buffer::prepare(std::size_t capacity) {
  if (capacity > capacity_) {
    data_.reset(new char[capacity]);
    capacity_ = capacity;
  }
  size_ = 0;
  return data_.get();
}

StrShape str_shape(std::string_view utf8) noexcept {
  // The widest lead byte gives the widest code point's range: C2-C3 (U+0080-U+00FF) is kind 1,
  // up to EF kind 2, F0 and above kind 4. Code points are the bytes that are no continuation.
  unsigned char widest = 0;
  Py_ssize_t length = 0;
  for (const char ch : utf8) {
    const auto b = static_cast<unsigned char>(ch);
    widest = std::max(widest, b);
    length += (b & 0xC0) != 0x80;
  }
  StrShape shape;
  shape.length = length;
  shape.ascii = widest < 0x80;
  shape.kind = widest < 0xC4 ? 1 : widest < 0xF0 ? 2 : 4;
  return shape;
}

namespace {

template <class Unit>
void decode_units(std::string_view utf8, Unit* out) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const auto* end = p + utf8.size();
  while (p < end) {
    const unsigned char b = *p;
    if (b < 0x80) {
      *out++ = b;
      ++p;
    } else if (b < 0xE0) {
      *out++ = static_cast<Unit>(((b & 0x1F) << 6) | (p[1] & 0x3F));
      p += 2;
    } else if (b < 0xF0) {
      *out++ = static_cast<Unit>(((b & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
      p += 3;
    } else {
      *out++ = static_cast<Unit>(((b & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) |
                                 (p[3] & 0x3F));
      p += 4;
    }
  }
}

}  // namespace

void decode_utf8(std::string_view utf8, const StrShape& shape, void* out) noexcept {
  if (shape.ascii) {
    std::memcpy(out, utf8.data(), utf8.size());
    return;
  }
  switch (shape.kind) {
    case 1: decode_units(utf8, static_cast<Py_UCS1*>(out)); break;
    case 2: decode_units(utf8, static_cast<Py_UCS2*>(out)); break;
    default: decode_units(utf8, static_cast<Py_UCS4*>(out));
  }
}

namespace {

template <class Src, class Dst>
void copy_units(const void* from, void* to, Py_ssize_t n) noexcept {
  if constexpr (sizeof(Src) == sizeof(Dst)) {
    std::memcpy(to, from, static_cast<std::size_t>(n) * sizeof(Src));
  } else {
    const auto* s = static_cast<const Src*>(from);
    auto* d = static_cast<Dst*>(to);
    for (Py_ssize_t i = 0; i < n; ++i) d[i] = static_cast<Dst>(s[i]);
  }
}

template <class Src>
void copy_from(const void* from, void* to, int to_kind, Py_ssize_t n) noexcept {
  switch (to_kind) {
    case 1: copy_units<Src, Py_UCS1>(from, to, n); break;
    case 2: copy_units<Src, Py_UCS2>(from, to, n); break;
    default: copy_units<Src, Py_UCS4>(from, to, n);
  }
}

}  // namespace

void copy_code_points(const void* from, int from_kind, void* to, int to_kind, Py_ssize_t n) noexcept {
  switch (from_kind) {
    case 1: copy_from<Py_UCS1>(from, to, to_kind, n); break;
    case 2: copy_from<Py_UCS2>(from, to, to_kind, n); break;
    default: copy_from<Py_UCS4>(from, to, to_kind, n);
  }
}

PyObject* new_str(const StrShape& shape, const void* storage) {
  PyObject* s = PyUnicode_New(shape.length, max_char(shape.kind, shape.ascii));
  if (s != nullptr && shape.length > 0) std::memcpy(PyUnicode_DATA(s), storage, shape.bytes());
  return s;
}

Py_ssize_t encode_utf8(const StrData& s, Utf8Buffer& out) {
  if (s.ascii) {
    std::memcpy(out.prepare(static_cast<std::size_t>(s.length)), s.data, static_cast<std::size_t>(s.length));
    out.set_size(static_cast<std::size_t>(s.length));
    return -1;
  }
  switch (s.kind) {
    case 1: return encode_units(static_cast<const Py_UCS1*>(s.data), s.length, out);
    case 2: return encode_units(static_cast<const Py_UCS2*>(s.data), s.length, out);
    default: return encode_units(static_cast<const Py_UCS4*>(s.data), s.length, out);
  }
}

}  // namespace sokhan::py_bind
