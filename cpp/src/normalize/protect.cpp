#include "normalize/protect.hpp"

#include <algorithm>
#include <cctype>

namespace sokhan::normalize {

namespace {

bool starts_with_nocase(std::string_view s, std::string_view prefix) noexcept {
  if (s.size() < prefix.size()) return false;
  return std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
}

bool is_ascii_alnum(char c) noexcept { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::size_t url_start(std::string_view chunk) noexcept {
  std::size_t best = std::string_view::npos;
  // scheme://: the URL starts at the scheme, which begins with a letter and goes on with
  // letters, digits, + - . (RFC 3986). «1://1» has none: with a digit taken for a scheme, the
  // digit would be protected once and converted the next time («۱://1»), never settling.
  for (std::size_t scheme = chunk.find("://"); scheme != std::string_view::npos;
       scheme = chunk.find("://", scheme + 1)) {
    std::size_t b = scheme;
    while (b > 0 && (is_ascii_alnum(chunk[b - 1]) || std::string_view("+-.").find(chunk[b - 1]) != std::string_view::npos))
      --b;
    while (b < scheme && !std::isalpha(static_cast<unsigned char>(chunk[b]))) ++b;
    if (b < scheme) {
      best = b;
      break;
    }
  }
  // www. at the start or after a character that cannot end a host name's letters (a digit
  // counts as such: "1111www.x.ir" is a number glued to a URL), with a host name after it.
  for (std::size_t p = 0; p + 5 <= chunk.size(); ++p) {
    if ((p == 0 || !std::isalpha(static_cast<unsigned char>(chunk[p - 1]))) &&
        starts_with_nocase(chunk.substr(p), "www.") && is_ascii_alnum(chunk[p + 4])) {
      best = std::min(best, p);
      break;
    }
  }
  // name@host.tld: from the first character of the local part; the first @ that qualifies. The
  // host is ASCII labels (letters, digits, hyphens) joined by single dots, at least two of them:
  // «1@\x12.l» or «١@!.2» are no address, and protecting them once made a second pass, which
  // saw them differently, change the text again. Each host scan stops at the next @: linear.
  for (std::size_t at = chunk.find('@'); at != std::string_view::npos; at = chunk.find('@', at + 1)) {
    if (at == 0 || !is_ascii_alnum(chunk[at - 1])) continue;
    bool dotted = false;
    std::size_t label = 0;
    for (std::size_t h = at + 1; h < chunk.size(); ++h) {
      const char c = chunk[h];
      if (is_ascii_alnum(c) || c == '-') {
        ++label;
      } else if (c == '.' && label > 0 && h + 1 < chunk.size() && is_ascii_alnum(chunk[h + 1])) {
        dotted = true;
        label = 0;
      } else {
        break;
      }
    }
    if (!dotted) continue;
    std::size_t b = at;
    while (b > 0 && (is_ascii_alnum(chunk[b - 1]) ||
                     std::string_view("._%+-").find(chunk[b - 1]) != std::string_view::npos))
      --b;
    best = std::min(best, b);
    break;
  }
  return best;
}

std::size_t without_trailing_punctuation(std::string_view chunk) noexcept {
  std::size_t end = chunk.size();
  for (;;) {
    if (end == 0) return 0;
    const unsigned char c = static_cast<unsigned char>(chunk[end - 1]);
    if (c < 0x80) {
      if (std::string_view(".,;:!?)]}\"'").find(static_cast<char>(c)) == std::string_view::npos) return end;
      --end;
      continue;
    }
    // Multi-byte closers: » ، ؛ ؟ …, and invisible format characters (ZWSP, ZWNJ, ZWJ, LRM,
    // RLM, word joiner) that trail a URL but are not part of it.
    static constexpr std::string_view closers[] = {
        "\xC2\xBB", "\xD8\x8C", "\xD8\x9B", "\xD8\x9F", "\xE2\x80\xA6", "\xE2\x80\x8B",
        "\xE2\x80\x8C", "\xE2\x80\x8D", "\xE2\x80\x8E", "\xE2\x80\x8F", "\xE2\x81\xA0"};
    bool trimmed = false;
    for (std::string_view m : closers) {
      if (end >= m.size() && chunk.substr(end - m.size(), m.size()) == m) {
        end -= m.size();
        trimmed = true;
        break;
      }
    }
    if (!trimmed) return end;
  }
}

std::size_t emoticon_length(std::string_view text, std::size_t pos) noexcept {
  if (pos >= text.size()) return 0;
  const char eyes = text[pos];
  if (eyes != ':' && eyes != ';' && eyes != '=') return 0;
  std::size_t i = pos + 1;
  if (i < text.size() && (text[i] == '-' || text[i] == '\'')) ++i;
  if (i >= text.size()) return 0;
  const char mouth = text[i];
  if (std::string_view(")(DPpOo|/\\*]").find(mouth) == std::string_view::npos) return 0;
  // ":D" or ":P" followed by more letters is a word ("note:Done"), not a face.
  if ((mouth == 'D' || mouth == 'P' || mouth == 'p' || mouth == 'O' || mouth == 'o') &&
      i + 1 < text.size() && is_ascii_alnum(text[i + 1]))
    return 0;
  // "12:)" style: a mouth right after digits is still a face; "/" after ":" is a URL scheme.
  if (mouth == '/' && i + 1 < text.size() && text[i + 1] == '/') return 0;
  return i + 1 - pos;
}

bool emoticon_ends_at(std::string_view text, std::size_t pos) noexcept {
  for (std::size_t k = 2; k <= 3; ++k) {
    if (pos >= k && emoticon_length(text, pos - k) == k) return true;
  }
  return false;
}

}  // namespace sokhan::normalize
