#include <gtest/gtest.h>

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
