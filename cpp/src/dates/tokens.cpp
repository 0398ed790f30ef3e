#include "dates/tokens.hpp"

#include "sokhan/utf8.hpp"
#include "text/char_class.hpp"

namespace sokhan::dates {

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  out.reserve(text.size() / 6 + 4);
  bool space = false, zwnj = false, newline = false;
  int newlines = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    int len;
    const char32_t c = utf8::decode(text, i, len);
    const auto info = chars::info(c);
    if (info.flags & chars::kNewline) {
      // \r\n is one line break; U+2029 separates paragraphs by itself.
      const bool crlf = c == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
      if (!crlf) newlines += c == 0x2029 ? 2 : 1;
      newline = true;
      i += len;
      continue;
    }
    if (info.flags & chars::kHSpace) { space = true; i += len; continue; }
    if (c == chars::kZwnj || c == 0x200D || c == 0xFEFF || c == 0x200F || c == 0x200E) {
      zwnj = true;
      i += len;
      continue;
    }
    Token t;
    t.b = static_cast<std::uint32_t>(i);
    t.space_before = space;
    t.zwnj_before = zwnj && !space;
    t.newline_before = newline;
    t.blank_line_before = newlines >= 2;
    space = zwnj = newline = false;
    newlines = 0;
    if (info.flags & chars::kDigit) {
      t.kind = TokKind::Number;
      std::size_t j = i;
      while (j < text.size()) {
        int l;
        const char32_t d = utf8::decode(text, j, l);
        const auto di = chars::info(d);
        if (!(di.flags & chars::kDigit) || di.digit < 0) break;
        if (t.number < 1000000000000ULL) t.number = t.number * 10 + static_cast<unsigned>(di.digit);
        if (t.digits < 255) ++t.digits;
        j += l;
      }
      t.e = static_cast<std::uint32_t>(j);
    } else if (info.flags & (chars::kLetter | chars::kMark)) {
      t.kind = TokKind::Word;
      std::size_t j = i + len;
      while (j < text.size()) {
        int l;
        const char32_t d = utf8::decode(text, j, l);
        const auto di = chars::info(d);
        if (!(di.flags & (chars::kLetter | chars::kMark)) || (di.flags & chars::kDigit)) break;
        j += l;
      }
      t.e = static_cast<std::uint32_t>(j);
    } else {
      t.kind = TokKind::Punct;
      t.punct = c;
      t.e = static_cast<std::uint32_t>(i + len);
    }
    i = t.e;
    out.push_back(t);
  }
  return out;
}

}  // namespace sokhan::dates
