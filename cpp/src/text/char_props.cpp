// The one place that asks ICU for a code point's properties. The library calls it for code
// points above U+FFFF; cpp/tools/gen_char_table.cpp calls it for the rest at build time.
#include "text/char_class.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace sokhan::chars {

namespace detail {

CharInfo compute(char32_t cp) noexcept {
  const auto c = static_cast<UChar32>(cp);
  std::uint16_t f = 0;
  const int8_t type = u_charType(c);
  const std::uint32_t mask = U_MASK(type);
  if (mask & U_GC_L_MASK) f |= kLetter;
  if (mask & U_GC_M_MASK) f |= kMark;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  if (U_SUCCESS(status)) {
    if (script == USCRIPT_ARABIC) f |= kArabic;
    if (script == USCRIPT_LATIN && (f & kLetter)) f |= kLatin;
  }
  int8_t digit = -1;
  if (type == U_DECIMAL_DIGIT_NUMBER) {
    f |= kDigit;
    digit = static_cast<int8_t>(u_charDigitValue(c));
  }
  if (cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 ||
      cp == 0x2029) {
    f |= kNewline;
  } else if (cp == '\t' || type == U_SPACE_SEPARATOR) {
    f |= kHSpace;
  }
  switch (u_getIntPropertyValue(c, UCHAR_JOINING_TYPE)) {
    case U_JT_DUAL_JOINING:
    case U_JT_JOIN_CAUSING: f |= kJoinsNext | kJoinsPrev; break;
    case U_JT_LEFT_JOINING: f |= kJoinsNext; break;
    case U_JT_RIGHT_JOINING: f |= kJoinsPrev; break;
    case U_JT_TRANSPARENT: f |= kTransparent; break;
    default: break;
  }
  // Quick-check data for our own NFC/NFKC pre-scan (UAX #15 quick check).
  switch (u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK)) {
    case UNORM_NO: f |= kNfcNo; break;
    case UNORM_MAYBE: f |= kNfcMaybe; break;
    default: break;
  }
  switch (u_getIntPropertyValue(c, UCHAR_NFKC_QUICK_CHECK)) {
    case UNORM_NO: f |= kNfkcNo; break;
    case UNORM_MAYBE: f |= kNfkcMaybe; break;
    default: break;
  }
  UErrorCode st = U_ZERO_ERROR;
  if (const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(st); U_SUCCESS(st) && nfc->hasBoundaryBefore(c))
    f |= kNfcBoundary;
  st = U_ZERO_ERROR;
  if (const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(st); U_SUCCESS(st) && nfkc->hasBoundaryBefore(c))
    f |= kNfkcBoundary;
  return CharInfo{f, digit, static_cast<std::uint8_t>(u_getCombiningClass(c))};
}

}  // namespace detail

}  // namespace sokhan::chars
