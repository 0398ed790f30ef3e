// Skipping text that no rule cares about, without decoding it: a table over the first two
// bytes of every UTF-8 sequence says whether a code point starting with them may interest a
// rule. The scan tests 16 positions per step with one branch that is almost never taken (the
// tests are independent table loads, so they overlap), then finds the exact position a byte at
// a time; continuation bytes never match.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "text/load_le.hpp"

namespace sokhan {

class ByteFilter {
 public:
  ByteFilter() = default;
  /// Marks the leading byte pairs of every code point for which `interesting` holds (code points
  /// above U+FFFF are all marked when `supplementary` is set).
  ByteFilter(const std::function<bool(char32_t)>& interesting, bool supplementary);

  /// Marks one leading byte pair by hand (for rules about a character followed by another).
  void mark(unsigned char b0, unsigned char b1) noexcept { marks_[key(b0, b1)] = 1; }

  /// The first position at or after `i` where an interesting code point may start (text.size()
  /// if none).
  std::size_t skip(std::string_view text, std::size_t i) const noexcept {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    const std::uint8_t* marks = marks_.data();
    while (i + 17 <= n) {
      // Bytes i..i+15 as two little-endian words: the pair at i+k is 16 bits of them.
      const std::uint64_t a = load64_le(s + i), b = load64_le(s + i + 8);
      unsigned any = marks[(a >> 56) | ((b & 0xFF) << 8)] | marks[(b >> 56) | (unsigned(s[i + 16]) << 8)];
      for (int k = 0; k < 7; ++k) any |= marks[(a >> (8 * k)) & 0xFFFF] | marks[(b >> (8 * k)) & 0xFFFF];
      if (any) break;
      i += 16;
    }
    while (i + 1 < n && !test(s[i], s[i + 1])) ++i;
    if (i + 1 == n && !test(s[i], 0)) ++i;
    return i;
  }

 private:
  // The table is indexed by the pair as a little-endian 16-bit number (first byte low), so the
  // pairs are read straight out of 64-bit loads. 64 KiB, but text touches few of its lines.
  static unsigned key(unsigned char b0, unsigned char b1) noexcept { return b0 | (unsigned(b1) << 8); }
  bool test(unsigned char b0, unsigned char b1) const noexcept { return marks_[key(b0, b1)]; }
  std::vector<std::uint8_t> marks_ = std::vector<std::uint8_t>(65536, 0);
};

}  // namespace sokhan
