// Per-code-point properties the rules need, looked up in O(1). They come from ICU's Unicode data
// (general category, script, Arabic joining type, normalization quick checks); the table for the
// Basic Multilingual Plane is computed at build time by cpp/tools/gen_char_table.cpp with the
// same ICU the library links against, so a process starts with it instead of asking ICU 65,536
// times (about 5 ms).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sokhan::chars {

enum Flag : std::uint16_t {
  kLetter = 1 << 0,       // general category L*
  kArabic = 1 << 1,       // Arabic script (letters and marks)
  kLatin = 1 << 2,        // Latin script letter
  kDigit = 1 << 3,        // decimal digit of any script (value in CharInfo::digit)
  kHSpace = 1 << 4,       // horizontal white space (space, tab, NBSP, other Zs)
  kNewline = 1 << 5,      // line or paragraph separator (\n \r \v \f U+0085 U+2028 U+2029)
  kJoinsNext = 1 << 6,    // Arabic joining type D, L or C: a ZWNJ after it changes rendering
  kJoinsPrev = 1 << 7,    // Arabic joining type D, R or C: a ZWNJ before it changes rendering
  kTransparent = 1 << 8,  // joining type T (marks): skipped when deciding joins
  kMark = 1 << 9,         // general category M*
  kNfcNo = 1 << 10,       // NFC_Quick_Check = No
  kNfcMaybe = 1 << 11,    // NFC_Quick_Check = Maybe
  kNfkcNo = 1 << 12,      // NFKC_Quick_Check = No
  kNfkcMaybe = 1 << 13,   // NFKC_Quick_Check = Maybe
  kNfcBoundary = 1 << 14,   // NFC normalization never looks across the start of this character
  kNfkcBoundary = 1 << 15,  // the same for NFKC
  kAlnum = kLetter | kDigit,
};

struct CharInfo {
  std::uint16_t flags;
  std::int8_t digit;  // decimal value, -1 if not a digit
  std::uint8_t ccc;   // canonical combining class
};

namespace detail {
/// compute() for every code point below U+10000 (generated at build time: char_table.cpp).
extern const CharInfo kBmpTable[0x10000];
/// The properties of one code point, asked of ICU (char_props.cpp).
CharInfo compute(char32_t cp) noexcept;
}  // namespace detail

/// Properties of one code point (inline: it sits in every hot loop).
inline CharInfo info(char32_t cp) noexcept {
  if (cp < 0x10000) return detail::kBmpTable[cp];
  return detail::compute(cp);
}

inline bool has(char32_t cp, std::uint16_t flag) noexcept { return (info(cp).flags & flag) != 0; }

// The tests the passes ask most, named once.
inline bool is_hspace(char32_t cp) noexcept { return has(cp, kHSpace); }
inline bool is_newline(char32_t cp) noexcept { return has(cp, kNewline); }
inline bool is_white(char32_t cp) noexcept { return has(cp, kHSpace | kNewline); }
inline bool is_digit(char32_t cp) noexcept { return has(cp, kDigit); }
inline bool is_arabic_letter(char32_t cp) noexcept {
  const auto f = info(cp).flags;
  return (f & kArabic) && (f & kLetter);
}

constexpr char32_t kZwnj = 0x200C;

/// Whether the letters of text[b, e) are mostly Arabic script (Persian) rather than Latin: the
/// first 24 letters decide. Used to pick a paragraph's language under Lang::Auto, the same way
/// for sentences and dates.
bool mostly_arabic_script(std::string_view text, std::size_t b, std::size_t e) noexcept;

}  // namespace sokhan::chars
