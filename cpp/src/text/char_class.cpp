#include "text/char_class.hpp"

#include <algorithm>

#include "sokhan/utf8.hpp"

namespace sokhan::chars {

bool mostly_arabic_script(std::string_view text, std::size_t b, std::size_t e) noexcept {
  // A paragraph does not switch script midway, and news paragraphs are short: reading more than
  // the first 24 letters (within 4 KB) would cost a decode of most of the text for nothing.
  e = std::min(e, b + 4096);
  while (e > b && e < text.size() && utf8::is_continuation(static_cast<unsigned char>(text[e]))) --e;
  std::size_t arabic = 0, latin = 0;
  for (std::size_t i = b; i < e && arabic + latin < 24;) {
    int l;
    const char32_t c = utf8::decode(text, i, l);
    i += static_cast<std::size_t>(l);
    const auto f = info(c).flags;
    if (!(f & kLetter)) continue;
    if (f & kArabic) ++arabic;
    else if (f & kLatin) ++latin;
  }
  return arabic >= latin && arabic > 0;
}

}  // namespace sokhan::chars
