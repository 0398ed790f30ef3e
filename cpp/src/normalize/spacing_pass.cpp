#include "normalize/spacing_pass.hpp"

#include "normalize/protect.hpp"
#include "normalize/rules.hpp"
#include "sokhan/utf8.hpp"
#include "text/char_class.hpp"

namespace sokhan::normalize {

namespace {

bool is_digit(char32_t cp) noexcept { return (chars::info(cp).flags & chars::kDigit) != 0; }

// Arabic-script letters and digits, and Persian punctuation, make their neighbourhood Persian.
bool is_persian_side(char32_t cp) noexcept {
  const auto f = chars::info(cp).flags;
  if ((f & chars::kArabic) && (f & (chars::kLetter | chars::kDigit))) return true;
  return cp == 0x060C || cp == 0x061B || cp == 0x061F || cp == 0x00AB || cp == 0x00BB;
}

struct SpacingRun {
  const NormalizerOptions& o;
  const Rules& r;
  std::string_view in;
  EditBuilder b;
  std::size_t i = 0;
  std::size_t protected_until = 0;
  char32_t last_out = 0;        // last code point written
  char32_t last_solid_in = 0;   // last input code point that is not white space

  SpacingRun(const NormalizerOptions& opt, std::string_view text, bool track)
      : o(opt), r(rules()), in(text), b(text, track) {}

  char32_t at(std::size_t pos, int& len) const {
    if (pos >= in.size()) { len = 0; return 0; }
    return utf8::decode(in, pos, len);
  }
  char32_t at(std::size_t pos) const { int len; return at(pos, len); }
  void flush() { if (i > b.position()) b.copy(i - b.position()); }

  bool is_space(char32_t cp) const { return (chars::info(cp).flags & chars::kHSpace) != 0; }
  bool is_newline(char32_t cp) const { return (chars::info(cp).flags & chars::kNewline) != 0; }

  // Protects a URL or e-mail chunk that starts at i (chunks start after white space).
  void maybe_protect_chunk() {
    std::size_t end = i;
    while (end < in.size()) {
      int len;
      const char32_t c = at(end, len);
      if (is_space(c) || is_newline(c)) break;
      end += static_cast<std::size_t>(len);
    }
    const std::string_view chunk = in.substr(i, end - i);
    if (is_url_or_email(chunk)) protected_until = i + without_trailing_punctuation(chunk);
    else protected_until = i;  // checked; nothing to protect
  }

  void space_run(std::size_t len0) {
    std::size_t j = i + len0;
    while (j < in.size()) {
      int len;
      if (!is_space(at(j, len))) break;
      j += static_cast<std::size_t>(len);
    }
    const char32_t next = at(j);
    bool drop = !o.spacing ? false
                           : (last_out == 0 || is_newline(last_out) || next == 0 || is_newline(next));
    if (o.spacing && !drop && r.no_space_before.count(next) && emoticon_length(in, j) == 0) {
      // ".5" and "..." after a space are not closing marks of the previous word.
      drop = !(next == '.' && is_digit(at(j + 1)));
    }
    if (o.spacing && !drop && r.no_space_after.count(last_out)) drop = true;
    const std::size_t n = j - i;
    if (!o.spacing) { i = j; last_out = ' '; return; }
    if (drop) {
      flush();
      b.replace(n, "");
      i = j;
      return;
    }
    if (n == 1 && in[i] == ' ') {
      i = j;
    } else {
      flush();
      b.replace(n, " ");
      i = j;
    }
    last_out = ' ';
  }

  bool persian_context(std::size_t after) const {
    if (last_solid_in != 0 && is_persian_side(last_solid_in)) return true;
    std::size_t k = after;
    while (k < in.size()) {
      int len;
      const char32_t c = at(k, len);
      if (!is_space(c)) return is_persian_side(c);
      k += static_cast<std::size_t>(len);
    }
    return false;
  }

  // Writes one space after sentence punctuation that a letter follows directly.
  void space_after(char32_t mark, std::size_t after, char32_t before_mark) {
    if (!o.spacing || !r.space_after.count(mark)) return;
    const char32_t next = at(after);
    if (next == 0 || !(chars::info(next).flags & chars::kLetter)) return;
    const bool ascii = mark < 0x80;
    if (ascii && !(is_persian_side(before_mark) || is_persian_side(next))) return;
    flush();
    b.replace(0, " ");
    last_out = ' ';
  }

  AlignedText run() {
    bool chunk_start = true;
    while (i < in.size()) {
      int len;
      char32_t cp = at(i, len);
      const std::size_t n = static_cast<std::size_t>(len);
      if (chunk_start && !is_space(cp) && !is_newline(cp)) {
        maybe_protect_chunk();
        chunk_start = false;
      }
      if (i < protected_until) {
        last_out = cp;
        last_solid_in = cp;
        i += n;
        continue;
      }
      if (is_space(cp)) { space_run(n); chunk_start = true; continue; }
      if (is_newline(cp)) { last_out = cp; i += n; chunk_start = true; continue; }
      if (const std::size_t e = emoticon_length(in, i)) {
        // A face is written as typed and takes no spacing rule.
        int l2;
        last_out = utf8::decode_before(in, i + e, l2);
        last_solid_in = last_out;
        i += e;
        continue;
      }
      const char32_t before = last_solid_in;
      // Persian punctuation in Persian context, never between digits (2,500; 3;4).
      if (o.punctuation == NormalizerOptions::Punctuation::Persian) {
        auto p = r.persian_punctuation.find(cp);
        if (p != r.persian_punctuation.end() && !(is_digit(before) && is_digit(at(i + n))) &&
            persian_context(i + n)) {
          std::string to;
          utf8::append(to, p->second);
          flush();
          b.replace(n, to);
          i += n;
          cp = p->second;
          last_out = cp;
          last_solid_in = cp;
          space_after(cp, i, before);
          continue;
        }
      }
      if (cp == '.') {
        std::size_t j = i;
        while (j < in.size() && in[j] == '.') ++j;
        if (j - i >= 3 && o.ellipsis) {
          flush();
          b.replace(j - i, "\u2026");
          i = j;
          last_out = last_solid_in = 0x2026;
          space_after(0x2026, i, before);
          continue;
        }
        if (j - i >= 2) {
          // A dot run ("...", "..") is one mark: space decisions are made after its last dot.
          i = j;
          last_out = last_solid_in = '.';
          space_after('.', i, before);
          continue;
        }
      }
      last_out = cp;
      last_solid_in = cp;
      i += n;
      // Numbers keep their separators: 1.7, 2,500, 12:30.
      if (is_digit(before) && is_digit(at(i))) continue;
      space_after(cp, i, before);
    }
    flush();
    return std::move(b).finish();
  }
};

}  // namespace

AlignedText spacing_pass(std::string_view text, const NormalizerOptions& o, bool track) {
  SpacingRun run(o, text, track);
  return run.run();
}

}  // namespace sokhan::normalize
