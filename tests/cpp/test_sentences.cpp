#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sokhan/error.hpp"
#include "sentences/stop_scan.hpp"
#include "sokhan/sentences.hpp"
#include "sokhan/utf8.hpp"

using namespace sokhan;

namespace {

std::vector<std::string> split(const std::string& text, Lang lang = Lang::Auto) {
  std::vector<std::string> out;
  for (const ByteSpan& s : SentenceSplitter(lang).split(text)) out.push_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST(Sentences, PersianTerminatorsAndClosers) {
  EXPECT_EQ(split("او گفت «بروید.» سپس رفت. آیا آمد؟ بله!"),
            (V{"او گفت «بروید.»", "سپس رفت.", "آیا آمد؟", "بله!"}));
  EXPECT_EQ(split("نخست این؛ سپس آن."), (V{"نخست این؛ سپس آن."}));
}

TEST(Sentences, NumbersUrlsAbbreviationsAreNotEnds) {
  EXPECT_EQ(split("نرخ به ۱٫۷ و 2,500.5 رسید. سایت www.example.ir/a?b=1 است."),
            (V{"نرخ به ۱٫۷ و 2,500.5 رسید.", "سایت www.example.ir/a?b=1 است."}));
  EXPECT_EQ(split("در سال ۱۳۵۷ ه.ش. انقلاب شد."), (V{"در سال ۱۳۵۷ ه.ش. انقلاب شد."}));
  EXPECT_EQ(split("Mr. Smith met Dr. Jones at 5 p.m. today. They talked."),
            (V{"Mr. Smith met Dr. Jones at 5 p.m. today.", "They talked."}));
  EXPECT_EQ(split("J. R. R. Tolkien wrote it."), (V{"J. R. R. Tolkien wrote it."}));
  EXPECT_EQ(split("He moved to the U.S. The move was hard."),
            (V{"He moved to the U.S.", "The move was hard."}));
  EXPECT_EQ(split("The U.S. Navy sailed."), (V{"The U.S. Navy sailed."}));
}

TEST(Sentences, PersianEllipsisMeaningEtc) {
  EXPECT_EQ(split("کیهان و رسالت و… خوانده شد. سپس رفتیم."),
            (V{"کیهان و رسالت و… خوانده شد.", "سپس رفتیم."}));
}

TEST(Sentences, DatelinesAndTrailingSources) {
  EXPECT_EQ(split("تهران - ایرنا: جلسه آغاز شد. نتیجه اعلام شد. (خبرگزاری صدا وسیما)"),
            (V{"تهران - ایرنا:", "جلسه آغاز شد.", "نتیجه اعلام شد. (خبرگزاری صدا وسیما)"}));
  EXPECT_EQ(split("واحد مرکزی خبر: خبر رسید."), (V{"واحد مرکزی خبر:", "خبر رسید."}));
}

TEST(Sentences, LinesAndParagraphs) {
  EXPECT_EQ(split("عنوان خبر\nمتن خبر اینجاست."), (V{"عنوان خبر", "متن خبر اینجاست."}));
  EXPECT_EQ(split("بند اول بدون نقطه\n\nبند دوم."), (V{"بند اول بدون نقطه", "بند دوم."}));
  EXPECT_EQ(split("1. first item\n2. second item"), (V{"1. first item", "2. second item"}));
}

TEST(Sentences, SpansCoverAllNonSpaceText) {
  const std::string text = "  سلام.   خوبی؟\n\n Hello there.  ";
  std::size_t covered = 0;
  std::size_t prev_end = 0;
  for (const ByteSpan& s : SentenceSplitter().split(text)) {
    EXPECT_GE(s.begin, prev_end);
    EXPECT_LT(s.begin, s.end);
    prev_end = s.end;
    for (std::size_t i = s.begin; i < s.end; ++i) covered += text[i] != ' ' && text[i] != '\n';
  }
  std::size_t solid = 0;
  for (char c : text) solid += c != ' ' && c != '\n';
  EXPECT_EQ(covered, solid);
}

TEST(Sentences, BadInput) {
  EXPECT_THROW(parse_lang("de"), InvalidArgument);
  EXPECT_THROW(SentenceSplitter().split("a\xFF"), InvalidUtf8);
}

// The SSE2 scan for the splitter's stop characters against a code point by code point search
// on random text from an alphabet of stops, look-alikes sharing their first bytes (U+0627,
// ZWNJ U+200C, U+2022) and plain letters, at every start position (the fast scan hands the last
// 17 bytes to the reference).
TEST(Sentences, StopScanFindsEveryStop) {
  const std::vector<std::string> pieces = {"a", " ", "\n", ".", "!", "?", ":", ";", "@", "=", "_", "*",
                                           "~", "#", "\u061F", "\u2026", "\u0627", "\u0628", "\u200C",
                                           "\u2022", "\u06CC", "x", "\u00E9", "\U0001F600"};
  std::uint32_t seed = 12345;
  auto rnd = [&] { seed = seed * 1664525u + 1013904223u; return seed >> 8; };
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const std::size_t len = rnd() % 80;
    for (std::size_t k = 0; k < len; ++k) text += pieces[rnd() % (k % 7 == 0 ? pieces.size() : 3)];
    std::vector<std::size_t> starts;  // code point boundaries
    for (std::size_t i = 0; i < text.size(); ++i)
      if (!utf8::is_continuation(static_cast<unsigned char>(text[i]))) starts.push_back(i);
    for (std::size_t i : starts) {
      std::size_t exact = text.size();
      for (std::size_t j : starts) {
        int l;
        if (j >= i && sentences::is_stop(utf8::decode(text, j, l))) { exact = j; break; }
      }
      // Never past a stop; before one only where the reference stops too (a look-alike).
      const std::size_t fast = sentences::next_stop(text, i);
      EXPECT_LE(fast, exact) << "round " << round << " at " << i;
      if (fast < exact) EXPECT_EQ(sentences::next_stop_reference(text, fast), fast) << "round " << round;
      EXPECT_LE(sentences::next_stop_reference(text, i), exact);
    }
  }
}
