#include "text/byte_filter.hpp"

#include <string>

#include "sokhan/utf8.hpp"

namespace sokhan {

ByteFilter::ByteFilter(const std::function<bool(char32_t)>& interesting, bool supplementary) {
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    if (!interesting(cp)) continue;
    std::string u;
    utf8::append(u, cp);
    const auto b0 = static_cast<unsigned char>(u[0]);
    if (u.size() == 1) {
      for (unsigned b1 = 0; b1 < 256; ++b1) mark(b0, static_cast<unsigned char>(b1));
    } else {
      mark(b0, static_cast<unsigned char>(u[1]));
    }
  }
  if (supplementary) {
    for (unsigned b0 = 0xF0; b0 <= 0xF4; ++b0)
      for (unsigned b1 = 0x80; b1 < 0xC0; ++b1) mark(static_cast<unsigned char>(b0), static_cast<unsigned char>(b1));
  }
}

}  // namespace sokhan
