// One-pass UTF-8 validation and decoding into str storage (see decode_checked.cpp).
#pragma once

#include <Python.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sokhan::py_bind {

/// What decode_checked found: all of it decoded, an invalid sequence (find its position with
/// utf8::find_invalid), or a code point above U+FFFF where the units are UCS-2.
enum class Decoded { ok, invalid, wide };

/// Validates and decodes UTF-8 in one pass (no GIL needed): `out` gets one unit per code point,
/// `count` their number and `bits` the OR of all of them (below 0x80: ASCII, below 0x100: a
/// str of kind 1). UCS-2 `out` needs room for utf8.size() + 8 units (whole 16-byte stores);
/// UCS-4 `out` for utf8.size(). The UCS-2 decoder takes runs of one- and two-byte sequences
/// (Persian, Arabic, Latin) eight bytes at a time with SSSE3.
Decoded decode_checked(std::string_view utf8, Py_UCS2* out, std::size_t& count, std::uint32_t& bits) noexcept;
Decoded decode_checked(std::string_view utf8, Py_UCS4* out, std::size_t& count, std::uint32_t& bits) noexcept;

}  // namespace sokhan::py_bind
