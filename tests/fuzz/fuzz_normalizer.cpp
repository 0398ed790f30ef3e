// Fuzzes sokhan::Normalizer (normalize, normalize_aligned, normalize_many) with options chosen
// by the input.
//
// Input: two option bytes, then the text.
//   byte 0: bits 0-1 unicode_form (0 NFC, 1 NFKC, 2 none, 3 NFC), bit 2 persian_letters,
//           bit 3 extra_letters, bits 4-5 digits (keep, latin, persian, arabic),
//           bit 6 diacritics=remove, bit 7 kashida
//   byte 1: bit 0 zwnj, bit 1 repair_compounds, bit 2 spacing, bit 3 punctuation=persian,
//           bit 4 ellipsis, bit 5 repeated_letters; bits 6-7: 0-1 use the bits above,
//           2 the default options, 3 every option off
//
// Invariants: invalid UTF-8 is rejected with InvalidUtf8 at the first bad byte (normalizer.hpp);
// otherwise the output is valid UTF-8, normalize is idempotent for every combination of options
// (promised by tests/python/test_properties.py::test_idempotent_and_aligned_for_any_options),
// normalize_aligned gives the same text with a valid alignment (fuzz_check.hpp), batch and
// single calls agree, and with every option off the text comes back unchanged with no edit.
#include <map>
#include <memory>

#include "fuzz_check.hpp"
#include "sokhan/error.hpp"
#include "sokhan/normalizer.hpp"

namespace {

using Options = sokhan::NormalizerOptions;

Options decode(std::uint8_t a, std::uint8_t b) {
  Options o;
  const unsigned mode = b >> 6;
  if (mode == 2) return o;
  if (mode == 3) {
    return Options{Options::Form::None, false, false, Options::Digits::Keep, false, false,
                   false, false, false, Options::Punctuation::Keep, false, false};
  }
  constexpr Options::Form forms[] = {Options::Form::NFC, Options::Form::NFKC, Options::Form::None,
                                     Options::Form::NFC};
  o.unicode_form = forms[a & 3];
  o.persian_letters = a & 4;
  o.extra_letters = a & 8;
  o.digits = static_cast<Options::Digits>((a >> 4) & 3);
  o.remove_diacritics = a & 64;
  o.kashida = a & 128;
  o.zwnj = b & 1;
  o.repair_compounds = b & 2;
  o.spacing = b & 4;
  o.punctuation = (b & 8) ? Options::Punctuation::Persian : Options::Punctuation::Keep;
  o.ellipsis = b & 16;
  o.repeated_letters = b & 32;
  return o;
}

std::string describe(std::uint8_t a, std::uint8_t b) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "option bytes 0x%02x 0x%02x", a, b);
  return buf;
}

// Building a Normalizer costs milliseconds under the sanitizers (its character tables), more
// than a run; keep the ones built, dropping them all now and then to bound memory.
const sokhan::Normalizer& normalizer_for(std::uint8_t a, std::uint8_t b) {
  static std::map<unsigned, std::unique_ptr<const sokhan::Normalizer>> cache;
  const unsigned key = (b >> 6) >= 2 ? (b & 0xC0) << 8 : a | b << 8;
  auto it = cache.find(key);
  if (it != cache.end()) return *it->second;
  if (cache.size() >= 256) cache.clear();
  return *cache.emplace(key, std::make_unique<const sokhan::Normalizer>(decode(a, b))).first->second;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Header h(data, size);
  const std::uint8_t a = h.byte(), b = h.byte();
  const bool all_off = (b >> 6) == 3;
  const sokhan::Normalizer& n = normalizer_for(a, b);
  const std::string_view text = h.rest();
  // Only built when a check fails.
  auto ctx = [&] { return describe(a, b) + "\n    text " + fuzz::show(text); };

  const auto bad = fuzz::first_invalid_utf8(text);
  if (bad) {
    for (int call = 0; call < 2; ++call) {
      try {
        if (call == 0) (void)n.normalize(text);
        else (void)n.normalize_aligned(text);
      } catch (const sokhan::InvalidUtf8& e) {
        FUZZ_CHECK(e.byte_offset() == *bad, "InvalidUtf8 at byte " + std::to_string(e.byte_offset()) +
                                                ", the first bad byte is " + std::to_string(*bad));
        continue;
      }
      fuzz::fail("throws", __FILE__, __LINE__, "invalid UTF-8 accepted, " + ctx());
    }
    return 0;
  }

  const std::string out = n.normalize(text);
  FUZZ_CHECK(fuzz::is_valid_utf8(out), "output is not valid UTF-8, " + ctx());
  FUZZ_CHECK(n.normalize(text, true) == out, "input_is_valid changes the result, " + ctx());

  const sokhan::AlignedText aligned = n.normalize_aligned(text);
  FUZZ_CHECK(aligned.text == out, "normalize_aligned text differs from normalize, " + ctx());
  fuzz::check_alignment(aligned, text);

  const std::string again = n.normalize(out);
  const std::string_view batch[] = {text, out};
  const std::vector<std::string> many = n.normalize_many(batch, 1);
  FUZZ_CHECK(many.size() == 2 && many[0] == out && many[1] == again, "normalize_many differs, " + ctx());

  if (all_off) {
    FUZZ_CHECK(out == text, "every option off changed the text, " + ctx());
    for (const sokhan::Segment& g : aligned.alignment.segments())
      FUZZ_CHECK(!g.changed, "every option off recorded an edit, " + ctx());
  }
  // Last, so that an input that is not normalized in one pass still has every check above.
  FUZZ_CHECK(again == out, "normalize is not idempotent, " + ctx() + "\n    once vs twice: " +
                               fuzz::show_difference(out, again));
  return 0;
}
