// ICU does the normalization itself: it passes NormalizationTest.txt and its UTF-8 entry point
// reports its edits (icu::Edits), which become our alignment without a UTF-16 round trip.
#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include "sokhan/error.hpp"
#include "sokhan/unicode.hpp"
#include "sokhan/utf8.hpp"

namespace sokhan {

namespace {

const icu::Normalizer2& instance(UnicodeForm form) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = nullptr;
  switch (form) {
    case UnicodeForm::NFC: n = icu::Normalizer2::getNFCInstance(status); break;
    case UnicodeForm::NFD: n = icu::Normalizer2::getNFDInstance(status); break;
    case UnicodeForm::NFKC: n = icu::Normalizer2::getNFKCInstance(status); break;
    case UnicodeForm::NFKD: n = icu::Normalizer2::getNFKDInstance(status); break;
  }
  if (U_FAILURE(status) || n == nullptr) {
    throw Error(std::string("ICU could not load its normalization data: ") + u_errorName(status));
  }
  return *n;
}

void check(UErrorCode status) {
  if (U_FAILURE(status)) throw Error(std::string("ICU normalization failed: ") + u_errorName(status));
}

}  // namespace

UnicodeForm parse_unicode_form(std::string_view name) {
  if (name == "NFC") return UnicodeForm::NFC;
  if (name == "NFD") return UnicodeForm::NFD;
  if (name == "NFKC") return UnicodeForm::NFKC;
  if (name == "NFKD") return UnicodeForm::NFKD;
  throw InvalidArgument("form", "unknown Unicode normalization form '" + std::string(name) +
                                    "'; expected one of 'NFC', 'NFD', 'NFKC', 'NFKD'");
}

AlignedText unicode_normalize_aligned(std::string_view text, UnicodeForm form, bool track) {
  const icu::Normalizer2& norm = instance(form);
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  UErrorCode status = U_ZERO_ERROR;
  // Most real text is already normalized; ICU's check runs much faster than normalizing.
  if (norm.isNormalizedUTF8(piece, status) && U_SUCCESS(status)) {
    EditBuilder b(text, track);
    return std::move(b).finish();
  }
  status = U_ZERO_ERROR;
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  icu::StringByteSink<std::string> sink(&out);
  icu::Edits edits;
  norm.normalizeUTF8(0, piece, sink, track ? &edits : nullptr, status);
  check(status);
  if (!track) return AlignedText{std::move(out), Alignment()};
  std::vector<Segment> segs;
  icu::Edits::Iterator it = edits.getFineIterator();
  while (it.next(status)) {
    const auto ob = static_cast<std::size_t>(it.destinationIndex());
    const auto ib = static_cast<std::size_t>(it.sourceIndex());
    const Segment s{ob, ob + static_cast<std::size_t>(it.newLength()), ib,
                    ib + static_cast<std::size_t>(it.oldLength()), !it.hasChange(),
                    static_cast<bool>(it.hasChange())};
    if (s.copy && !segs.empty() && segs.back().copy) {
      segs.back().out_end = s.out_end;
      segs.back().in_end = s.in_end;
    } else {
      segs.push_back(s);
    }
  }
  check(status);
  return AlignedText{std::move(out), Alignment(std::move(segs))};
}

std::string unicode_normalize(std::string_view text, UnicodeForm form) {
  utf8::validate(text);
  return unicode_normalize_aligned(text, form, false).text;
}

}  // namespace sokhan
