#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sokhan/error.hpp"
#include "sokhan/utf8.hpp"

using namespace sokhan;

TEST(Utf8, FindsFirstInvalidSequence) {
  EXPECT_FALSE(utf8::find_invalid("سلام world").has_value());
  EXPECT_EQ(utf8::find_invalid("ab\xC3").value(), 2u);            // truncated
  EXPECT_EQ(utf8::find_invalid("a\xC0\x80").value(), 1u);         // overlong NUL
  EXPECT_EQ(utf8::find_invalid("xy\xED\xA0\x80z").value(), 2u);   // surrogate D800
  EXPECT_EQ(utf8::find_invalid("\xF4\x90\x80\x80").value(), 0u);  // above U+10FFFF
  EXPECT_EQ(utf8::find_invalid("abcdefghij\x80").value(), 10u);   // after the ASCII fast path
  EXPECT_FALSE(utf8::find_invalid("\xF0\x9F\x98\x80").has_value());  // emoji
}

TEST(Utf8, IsValidOnBlockEdges) {
  const std::string fa = "سلام دنیا، این یک متن فارسی است";  // two-byte letters and ASCII
  EXPECT_TRUE(utf8::is_valid(fa));
  EXPECT_TRUE(utf8::is_valid(""));
  // A two-byte letter across the end of each 16-byte block, then cut or broken there.
  for (std::size_t pad = 0; pad < 40; ++pad) {
    const std::string text = std::string(pad, 'a') + "Ø³" + "b";
    EXPECT_TRUE(utf8::is_valid(text)) << pad;
    EXPECT_FALSE(utf8::is_valid(text.substr(0, pad + 1))) << pad;          // lead at the end
    EXPECT_FALSE(utf8::is_valid(std::string(text).erase(pad, 1))) << pad;  // stray continuation
    EXPECT_FALSE(utf8::is_valid(std::string(text).replace(pad + 1, 1, "c"))) << pad;
  }
  // The rules find_invalid applies, inside long Persian runs (the 16-byte path) and alone.
  for (const char* bad : {"\xC0\x80", "\xC1\xBF", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xF0\x8F\xBF\xBF",
                          "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\xE2\x80", "\x80"}) {
    EXPECT_FALSE(utf8::is_valid(bad));
    EXPECT_FALSE(utf8::is_valid(fa + bad + fa));
  }
  for (const char* good : {"\xE2\x80\x8C", "\xED\x9F\xBF", "\xEE\x80\x80", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF"})
    EXPECT_TRUE(utf8::is_valid(fa + good + fa + good));
}

TEST(Utf8, IsValidAgreesWithFindInvalid) {
  // Slices of Persian, English and emoji text cut anywhere (so often mid-sequence), and strings of
  // the bytes each rule turns on, each with a few bytes changed, dropped or added.
  const std::string text = "رئیس‌جمهور گفت ۱۲ آذر ۱۳۹۴ — café naïve 😀👍🏽 𝒜 price: 5€. ";
  const unsigned char bytes[] = {0x00, 0x41, 0x7F, 0x80, 0x8C, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1,
                                 0xC2, 0xD8, 0xDF, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
  std::uint64_t state = 12345;
  auto next = [&] {  // splitmix64: the same cases on every platform
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  std::size_t valid = 0;
  for (int round = 0; round < 200000; ++round) {
    const std::size_t len = next() % 70;
    std::string t;
    if (next() % 3) {
      const std::string big = text + text + text;
      t = big.substr(next() % (big.size() - len), len);
    } else {
      for (std::size_t k = 0; k < len; ++k) t.push_back(static_cast<char>(bytes[next() % sizeof bytes]));
    }
    for (std::uint64_t m = next() % 3; m > 0 && !t.empty(); --m) {
      const std::size_t at = next() % t.size();
      const char b = static_cast<char>(bytes[next() % sizeof bytes]);
      if (next() % 3 == 0) t.erase(at, 1);
      else if (next() % 2) t.insert(at, 1, b);
      else t[at] = b;
    }
    const bool expected = !utf8::find_invalid(t).has_value();
    valid += expected;
    ASSERT_EQ(utf8::is_valid(t), expected) << "round " << round;
  }
  EXPECT_GT(valid, 10000u);  // both answers are well represented
}

TEST(Utf8, ValidateThrowsWithByteOffset) {
  try {
    utf8::validate("ok\xFFno");
    FAIL() << "expected InvalidUtf8";
  } catch (const InvalidUtf8& e) {
    EXPECT_EQ(e.byte_offset(), 2u);
    EXPECT_NE(std::string(e.what()).find("byte offset 2"), std::string::npos);
  }
}

TEST(Utf8, AppendAndDecodeRoundTrip) {
  for (char32_t cp : {U'a', U'\u06CC', U'\u200C', U'\U0001F600', U'\u0800', U'\u07FF'}) {
    std::string s;
    utf8::append(s, cp);
    int len = 0;
    EXPECT_EQ(utf8::decode(s, 0, len), cp);
    EXPECT_EQ(static_cast<std::size_t>(len), s.size());
    EXPECT_EQ(utf8::decode_before(s, s.size(), len), cp);
  }
}

TEST(Utf8, ConvertsByteOffsetsToCodepoints) {
  const std::string text = "aب😀c";  // 1 + 2 + 4 + 1 bytes
  std::vector<std::size_t> offs{0, 1, 3, 7, 8};
  utf8::bytes_to_codepoints(text, offs);
  EXPECT_EQ(offs, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(utf8::count_codepoints(text), 4u);
}
