// Fuzzes sokhan::SentenceSplitter (split, split_many) for each language.
//
// Input: one byte choosing the language (auto, fa, en by value % 3), then the text.
//
// Invariants: invalid UTF-8 is rejected with InvalidUtf8 at the first bad byte (sentences.hpp);
// otherwise sentences come in order, never overlap, are non-empty, start and end on code point
// boundaries and on a non-space character, and together cover every non-space character
// ("space" is Unicode White_Space, read from ICU, as the Python tests define it); a batch call
// gives the same spans.
#include <unicode/uchar.h>

#include "fuzz_check.hpp"
#include "sokhan/error.hpp"
#include "sokhan/sentences.hpp"
#include "sokhan/utf8.hpp"

namespace {

constexpr const char* kNames[] = {"auto", "fa", "en"};

// Valid UTF-8 is assumed (checked before).
bool white_at(std::string_view s, std::size_t pos) {
  int len = 0;
  return u_isUWhiteSpace(static_cast<UChar32>(sokhan::utf8::decode(s, pos, len)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Header h(data, size);
  const unsigned pick = h.byte() % 3;
  const sokhan::Lang lang = sokhan::parse_lang(kNames[pick]);
  const sokhan::SentenceSplitter splitter(lang);
  const std::string_view text = h.rest();
  // Only built when a check fails.
  auto name = [&] { return std::string("lang=") + kNames[pick] + ", text " + fuzz::show(text); };

  const auto bad = fuzz::first_invalid_utf8(text);
  if (bad) {
    try {
      (void)splitter.split(text);
    } catch (const sokhan::InvalidUtf8& e) {
      FUZZ_CHECK(e.byte_offset() == *bad, "InvalidUtf8 at byte " + std::to_string(e.byte_offset()) +
                                              ", the first bad byte is " + std::to_string(*bad));
      return 0;
    }
    fuzz::fail("throws", __FILE__, __LINE__, "invalid UTF-8 accepted, " + name());
  }

  const std::vector<sokhan::ByteSpan> spans = splitter.split(text);
  std::size_t prev_end = 0;
  std::size_t k = 0;  // the next span that may hold a position
  for (const sokhan::ByteSpan& s : spans) {
    auto where = [&] { return "sentence " + fuzz::range_str(s.begin, s.end) + ", " + name(); };
    FUZZ_CHECK(prev_end <= s.begin, "sentences overlap or are out of order: " + where());
    FUZZ_CHECK(s.begin < s.end && s.end <= text.size(), "empty or out of range: " + where());
    FUZZ_CHECK(fuzz::on_boundary(text, s.begin) && fuzz::on_boundary(text, s.end),
               "not on code point boundaries: " + where());
    FUZZ_CHECK(!white_at(text, s.begin), "starts with white space: " + where());
    int len = 0;
    const char32_t last = sokhan::utf8::decode_before(text, s.end, len);
    FUZZ_CHECK(!u_isUWhiteSpace(static_cast<UChar32>(last)), "ends with white space: " + where());
    prev_end = s.end;
  }
  for (std::size_t pos = 0; pos < text.size(); pos = fuzz::next_boundary(text, pos)) {
    while (k < spans.size() && spans[k].end <= pos) ++k;
    const bool covered = k < spans.size() && spans[k].begin <= pos;
    FUZZ_CHECK(covered || white_at(text, pos),
               name() + ": non-space character at byte " + std::to_string(pos) + " is in no sentence");
  }

  FUZZ_CHECK(splitter.split(text, true) == spans, "input_is_valid changes the result, " + name());
  const std::string_view batch[] = {text};
  const auto many = splitter.split_many(batch, 1);
  FUZZ_CHECK(many.size() == 1 && many[0] == spans, "split_many differs from split, " + name());
  return 0;
}
