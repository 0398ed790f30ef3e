// ICU does the normalization itself: it passes NormalizationTest.txt and its UTF-8 entry point
// reports its edits (icu::Edits), which become our alignment without a UTF-16 round trip.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include "sokhan/error.hpp"
#include "sokhan/unicode.hpp"
#include "sokhan/utf8.hpp"
#include "text/byte_filter.hpp"
#include "text/char_class.hpp"

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

namespace {

// ICU puts combining marks in canonical order by insertion: a run of n marks out of order costs
// n² steps (200,000 marks took 16 s). Real text has a few marks a letter; scraped or hostile text
// can have millions. Runs of kLongRun or more marks that have no decomposition of their own are
// put in order here first, stably by combining class: that is the canonical ordering of UAX #15, so
// the sorted text is canonically equivalent and ICU makes the same result from it, in one pass.
// Returns false (and leaves `sorted` alone) when the text has no such run out of order.
bool sort_long_mark_runs(const icu::Normalizer2& norm, std::string_view text, std::string& sorted) {
  constexpr std::size_t kLongRun = 32;
  struct Mark {
    std::size_t begin;
    std::uint8_t length, ccc;
  };
  std::vector<Mark> run;
  std::size_t copied = 0;
  bool changed = false;
  auto close_run = [&](std::size_t end) {
    const auto by_class = [](const Mark& a, const Mark& b) { return a.ccc < b.ccc; };
    if (run.size() >= kLongRun && !std::is_sorted(run.begin(), run.end(), by_class)) {
      if (!changed) sorted.clear();
      changed = true;
      sorted.append(text.substr(copied, run.front().begin - copied));
      // A counting sort on the combining class (one byte): stable, and linear however long the run.
      std::size_t at[257] = {};
      for (const Mark& m : run) at[m.ccc + 1] += m.length;
      for (int c = 1; c <= 256; ++c) at[c] += at[c - 1];
      const std::size_t base = sorted.size();
      sorted.resize(base + at[256]);
      for (const Mark& m : run) {
        std::copy_n(text.data() + m.begin, m.length, sorted.data() + base + at[m.ccc]);
        at[m.ccc] += m.length;
      }
      copied = end;
    }
    run.clear();
  };
  icu::UnicodeString decomposition;
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // ASCII: never a mark
      if (!run.empty()) close_run(i);
      ++i;
      continue;
    }
    int len = 0;
    const char32_t cp = utf8::decode(text, i, len);
    const std::uint8_t ccc = chars::info(cp).ccc;
    if (ccc != 0 && !norm.getDecomposition(static_cast<UChar32>(cp), decomposition)) {
      run.push_back(Mark{i, static_cast<std::uint8_t>(len), ccc});
    } else if (!run.empty()) {
      close_run(i);
    }
    i += static_cast<std::size_t>(len);
  }
  close_run(text.size());
  if (changed) sorted.append(text.substr(copied));
  return changed;
}

// Normalizes `region` with ICU and writes the result into the builder, edit by edit.
void normalize_region(const icu::Normalizer2& norm, std::string_view region, EditBuilder& b) {
  UErrorCode status = U_ZERO_ERROR;
  // Before ICU's own check, which on such runs is as slow as normalizing them: a run out of
  // canonical order is not normalized anyway.
  if (std::string sorted; sort_long_mark_runs(norm, region, sorted)) {
    // Pathological input: the region is one replacement (its edits would map the sorted text).
    std::string out;
    icu::StringByteSink<std::string> sink(&out);
    norm.normalizeUTF8(0, icu::StringPiece(sorted.data(), static_cast<int32_t>(sorted.size())), sink,
                       nullptr, status);
    check(status);
    if (out == region) b.copy(region.size());
    else b.replace(region.size(), out);
    return;
  }
  const icu::StringPiece piece(region.data(), static_cast<int32_t>(region.size()));
  if (norm.isNormalizedUTF8(piece, status) && U_SUCCESS(status)) {
    b.copy(region.size());
    return;
  }
  status = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  icu::Edits edits;
  norm.normalizeUTF8(0, piece, sink, &edits, status);
  check(status);
  icu::Edits::Iterator it = edits.getFineIterator();
  while (it.next(status)) {
    const auto old_len = static_cast<std::size_t>(it.oldLength());
    if (!it.hasChange()) {
      b.copy(old_len);
    } else {
      b.replace(old_len, std::string_view(out).substr(static_cast<std::size_t>(it.destinationIndex()),
                                                      static_cast<std::size_t>(it.newLength())));
    }
  }
  check(status);
}

// NFC/NFKC: most text is already normalized. A byte filter finds the few code points that may
// need work (quick check not Yes, or a combining mark, per UAX #15); only the stretch between
// the normalization boundaries around each goes to ICU.
AlignedText compose(std::string_view text, UnicodeForm form, bool track) {
  const bool nfc = form == UnicodeForm::NFC;
  const icu::Normalizer2& norm = instance(form);
  const std::uint16_t unsafe = nfc ? (chars::kNfcNo | chars::kNfcMaybe) : (chars::kNfkcNo | chars::kNfkcMaybe);
  const std::uint16_t boundary = nfc ? chars::kNfcBoundary : chars::kNfkcBoundary;
  static const ByteFilter nfc_filter(
      [](char32_t cp) {
        const chars::CharInfo ci = chars::info(cp);
        return ci.ccc != 0 || (ci.flags & (chars::kNfcNo | chars::kNfcMaybe));
      },
      true);
  static const ByteFilter nfkc_filter(
      [](char32_t cp) {
        const chars::CharInfo ci = chars::info(cp);
        return ci.ccc != 0 || (ci.flags & (chars::kNfkcNo | chars::kNfkcMaybe));
      },
      true);
  const ByteFilter& filter = nfc ? nfc_filter : nfkc_filter;
  EditBuilder b(text, track);
  const std::size_t n = text.size();
  std::size_t i = 0;
  while ((i = filter.skip(text, i)) < n) {
    int len = 0;
    const chars::CharInfo ci = chars::info(utf8::decode(text, i, len));
    if (!(ci.flags & unsafe) && ci.ccc == 0) {  // a false alarm of the byte filter
      i += static_cast<std::size_t>(len);
      continue;
    }
    // The region runs from the boundary at or before i (not before what is already written)
    // to the next boundary after it.
    std::size_t start = i;
    while (start > b.position() && !(ci.flags & boundary)) {
      int l = 0;
      const char32_t prev = utf8::decode_before(text, start, l);
      start -= static_cast<std::size_t>(l);
      if (chars::info(prev).flags & boundary) break;
    }
    std::size_t q = i + static_cast<std::size_t>(len);
    while (q < n) {
      int l = 0;
      if (chars::info(utf8::decode(text, q, l)).flags & boundary) break;
      q += static_cast<std::size_t>(l);
    }
    if (start > b.position()) b.copy(start - b.position());
    normalize_region(norm, text.substr(start, q - start), b);
    i = q;
  }
  return std::move(b).finish();
}

}  // namespace

AlignedText unicode_normalize_aligned(std::string_view text, UnicodeForm form, bool track) {
  if (form == UnicodeForm::NFC || form == UnicodeForm::NFKC) return compose(text, form, track);
  EditBuilder b(text, track);
  normalize_region(instance(form), text, b);
  return std::move(b).finish();
}

std::string unicode_normalize(std::string_view text, UnicodeForm form) {
  utf8::validate(text);
  return unicode_normalize_aligned(text, form, false).text;
}

}  // namespace sokhan
