// Fuzzes sokhan::unicode_normalize and unicode_normalize_aligned.
//
// Input: one byte choosing the form (NFC, NFD, NFKC, NFKD by value % 4), then the text.
//
// Invariants: invalid UTF-8 is rejected with InvalidUtf8 at the first bad byte (the documented
// contract of unicode.hpp); otherwise the output is valid UTF-8, equals ICU normalizing the
// whole string in one call (sokhan only sends the regions around unsafe code points to ICU, so
// this checks the region finding), is idempotent and stable across the composed/decomposed
// form pair, and the aligned variant gives the same text with a valid alignment.
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include "fuzz_check.hpp"
#include "sokhan/error.hpp"
#include "sokhan/unicode.hpp"

namespace {

using sokhan::UnicodeForm;

constexpr const char* kNames[] = {"NFC", "NFD", "NFKC", "NFKD"};

std::string icu_whole(std::string_view text, UnicodeForm form) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = nullptr;
  switch (form) {
    case UnicodeForm::NFC: n = icu::Normalizer2::getNFCInstance(status); break;
    case UnicodeForm::NFD: n = icu::Normalizer2::getNFDInstance(status); break;
    case UnicodeForm::NFKC: n = icu::Normalizer2::getNFKCInstance(status); break;
    case UnicodeForm::NFKD: n = icu::Normalizer2::getNFKDInstance(status); break;
  }
  FUZZ_CHECK(U_SUCCESS(status) && n != nullptr, "ICU normalizer unavailable");
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  n->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink, nullptr, status);
  FUZZ_CHECK(U_SUCCESS(status), "ICU normalizeUTF8 failed");
  return out;
}

// The composed form of a decomposed form and the other way round (NFC ↔ NFD, NFKC ↔ NFKD).
UnicodeForm partner(UnicodeForm f) {
  switch (f) {
    case UnicodeForm::NFC: return UnicodeForm::NFD;
    case UnicodeForm::NFD: return UnicodeForm::NFC;
    case UnicodeForm::NFKC: return UnicodeForm::NFKD;
    case UnicodeForm::NFKD: return UnicodeForm::NFKC;
  }
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Header h(data, size);
  const unsigned pick = h.byte() % 4;
  const auto form = static_cast<UnicodeForm>(pick);
  FUZZ_CHECK(sokhan::parse_unicode_form(kNames[pick]) == form, "parse_unicode_form disagrees");
  const std::string_view text = h.rest();

  const auto bad = fuzz::first_invalid_utf8(text);
  if (bad) {
    try {
      (void)sokhan::unicode_normalize(text, form);
    } catch (const sokhan::InvalidUtf8& e) {
      FUZZ_CHECK(e.byte_offset() == *bad, "InvalidUtf8 at byte " + std::to_string(e.byte_offset()) +
                                              ", the first bad byte is " + std::to_string(*bad));
      return 0;
    }
    fuzz::fail("throws", __FILE__, __LINE__, "invalid UTF-8 (byte " + std::to_string(*bad) + ") accepted");
  }

  const std::string out = sokhan::unicode_normalize(text, form);
  // Only built when a check fails.
  auto name = [&] { return std::string(kNames[pick]) + " of " + fuzz::show(text); };
  FUZZ_CHECK(fuzz::is_valid_utf8(out), name() + " output is not valid UTF-8");
  const std::string icu = icu_whole(text, form);
  FUZZ_CHECK(out == icu, name() + " differs from ICU on the whole string: " + fuzz::show_difference(out, icu));
  const std::string again = sokhan::unicode_normalize(out, form);
  FUZZ_CHECK(again == out, name() + " is not idempotent: " + fuzz::show_difference(out, again));
  const std::string other = sokhan::unicode_normalize(text, partner(form));
  FUZZ_CHECK(sokhan::unicode_normalize(other, form) == out,
             std::string(kNames[pick]) + "(" + kNames[static_cast<int>(partner(form))] + "(x)) != " + name());

  const sokhan::AlignedText aligned = sokhan::unicode_normalize_aligned(text, form, true);
  FUZZ_CHECK(aligned.text == out, name() + ": the aligned text differs from unicode_normalize");
  fuzz::check_alignment(aligned, text);
  FUZZ_CHECK(sokhan::unicode_normalize_aligned(text, form, false).text == out,
             name() + ": the untracked text differs");
  return 0;
}
