// Eight bytes of text as one little-endian word (byte p[0] in the low bits) on any machine:
// the scans that test several byte pairs per load index their tables by pairs read this way.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace sokhan {

inline std::uint64_t load64_le(const unsigned char* p) noexcept {
  std::uint64_t v = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&v, p, 8);
  } else {
    for (int k = 0; k < 8; ++k) v |= std::uint64_t{p[k]} << (8 * k);
  }
  return v;
}

}  // namespace sokhan
