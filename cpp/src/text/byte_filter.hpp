// Skipping text that no rule cares about, without decoding it: a table over the first two
// bytes of every UTF-8 sequence says whether a code point starting with them may interest a
// rule. The scan reads bytes at a fixed stride with a branch that is almost never taken, so
// clean text costs about a cycle per byte; continuation bytes never match.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace sokhan {

class ByteFilter {
 public:
  ByteFilter() = default;
  /// Marks the leading byte pairs of every code point for which `interesting` holds (code points
  /// above U+FFFF are all marked when `supplementary` is set).
  ByteFilter(const std::function<bool(char32_t)>& interesting, bool supplementary);

  /// Marks one leading byte pair by hand (for rules about a character followed by another).
  void mark(unsigned char b0, unsigned char b1) noexcept {
    const unsigned key = (unsigned(b0) << 8) | b1;
    bits_[key >> 6] |= std::uint64_t{1} << (key & 63);
  }

  /// The first position at or after `i` where an interesting code point may start (text.size()
  /// if none).
  std::size_t skip(std::string_view text, std::size_t i) const noexcept {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    while (i + 1 < n && !test(s[i], s[i + 1])) ++i;
    if (i + 1 == n && !test(s[i], 0)) ++i;
    return i;
  }

 private:
  bool test(unsigned char b0, unsigned char b1) const noexcept {
    const unsigned key = (unsigned(b0) << 8) | b1;
    return (bits_[key >> 6] >> (key & 63)) & 1;
  }
  std::vector<std::uint64_t> bits_ = std::vector<std::uint64_t>(65536 / 64, 0);
};

}  // namespace sokhan
