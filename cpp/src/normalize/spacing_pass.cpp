#include "normalize/spacing_pass.hpp"

#include <algorithm>
#include <vector>

#include "normalize/protect.hpp"
#include "normalize/rules.hpp"
#include "sokhan/utf8.hpp"
#include "text/char_class.hpp"

namespace sokhan::normalize {

namespace {

using chars::is_digit;
using chars::is_hspace;
using chars::is_newline;
using chars::is_white;

// Arabic-script letters and digits, and Persian punctuation, make their neighbourhood Persian.
bool is_persian_side(char32_t cp) noexcept {
  const auto f = chars::info(cp).flags;
  if ((f & chars::kArabic) && (f & (chars::kLetter | chars::kDigit))) return true;
  return cp == 0x060C || cp == 0x061B || cp == 0x061F || cp == 0x00AB || cp == 0x00BB;
}

struct Range {
  std::size_t begin, end;
};

// URLs and e-mail addresses, found from the few characters that can start one ("://", "@",
// "www."), so the main loop never has to look at chunks that cannot be one.
std::vector<Range> protected_ranges(std::string_view in) {
  std::vector<std::size_t> hits;
  for (std::size_t p = in.find("://"); p != std::string_view::npos; p = in.find("://", p + 3)) hits.push_back(p);
  for (std::size_t p = in.find('@'); p != std::string_view::npos; p = in.find('@', p + 1)) hits.push_back(p);
  for (std::string_view www : {"www.", "WWW.", "Www."}) {
    for (std::size_t p = in.find(www); p != std::string_view::npos; p = in.find(www, p + 4)) hits.push_back(p);
  }
  std::sort(hits.begin(), hits.end());
  std::vector<Range> out;
  for (std::size_t h : hits) {
    if (!out.empty() && h < out.back().end) continue;
    std::size_t b = h, e = h;
    while (b > 0) {
      int len = 0;
      if (is_white(utf8::decode_before(in, b, len))) break;
      b -= static_cast<std::size_t>(len);
    }
    if (!out.empty() && b < out.back().end) continue;
    while (e < in.size()) {
      int len = 0;
      if (is_white(utf8::decode(in, e, len))) break;
      e += static_cast<std::size_t>(len);
    }
    const std::string_view chunk = in.substr(b, e - b);
    const std::size_t start = url_start(chunk);
    const std::size_t end = without_trailing_punctuation(chunk);
    if (start != std::string_view::npos && start < end) out.push_back({b + start, b + end});
  }
  return out;
}

struct SpacingRun {
  const NormalizerOptions& o;
  const Rules& r;
  std::string_view in;
  EditBuilder b;
  std::size_t i = 0;
  std::vector<Range> prot;
  std::size_t next_prot = 0;

  SpacingRun(const NormalizerOptions& opt, std::string_view text, bool track)
      : o(opt), r(rules()), in(text), b(text, track), prot(protected_ranges(text)) {}

  char32_t at(std::size_t pos) const {
    if (pos >= in.size()) return 0;
    int len;
    return utf8::decode(in, pos, len);
  }
  void flush() { if (i > b.position()) b.copy(i - b.position()); }

  // The last code point written so far (0 at the start).
  char32_t last_out() {
    flush();
    const std::string& out = b.output();
    if (out.empty()) return 0;
    int len;
    return utf8::decode_before(out, out.size(), len);
  }

  void space_run() {
    std::size_t j = i;
    while (j < in.size()) {
      int len;
      if (!is_hspace(utf8::decode(in, j, len))) break;
      j += static_cast<std::size_t>(len);
    }
    const std::size_t n = j - i;
    if (!o.spacing) { i = j; return; }
    const char32_t prev = last_out();
    const char32_t next = at(j);
    bool drop = prev == 0 || is_newline(prev) || next == 0 || is_newline(next);
    if (!drop && (r.punct_flags(next) & kNoSpaceBefore) && emoticon_length(in, j) == 0) {
      // ".5" after a space starts a number; it closes nothing.
      drop = !(next == '.' && is_digit(at(j + 1)));
    }
    if (!drop && (r.punct_flags(prev) & kNoSpaceAfter) && !emoticon_ends_at(in, i)) drop = true;
    if (drop) {
      b.replace(n, "");
    } else if (n != 1 || in[i] != ' ') {
      b.replace(n, " ");
    } else {
      b.copy(1);
    }
    i = j;
  }

  // The nearest letter, digit or Persian mark before `pos`, looking past spaces and other
  // punctuation ("چرا??", "ب. ..."), however far: a window of fixed size made the result depend
  // on spaces this very pass deletes, so a second pass saw a nearer letter and changed the text
  // again. The main loop asks at increasing positions; what the last scan crossed is not crossed
  // again, so long runs stay linear.
  char32_t context_before(std::size_t pos) const {
    if (pos < before_from_) {  // behind the last scan (not the main loop's order): start afresh
      before_from_ = 0;
      before_found_ = 0;
    }
    const std::size_t start = pos;
    char32_t found = before_found_;
    while (pos > before_from_) {
      int len;
      const char32_t c = utf8::decode_before(in, pos, len);
      pos -= static_cast<std::size_t>(len);
      if (is_persian_side(c) || (chars::info(c).flags & (chars::kLetter | chars::kDigit))) {
        found = c;
        break;
      }
    }
    before_from_ = start;
    before_found_ = found;
    return found;
  }
  mutable std::size_t before_from_ = 0;  // the last scan started here (and looked back to 0)
  mutable char32_t before_found_ = 0;    // and found this

  // The same looking forward from `pos`: every start between the last scan's start and what it
  // found finds the same.
  char32_t context_after(std::size_t pos) const {
    if (pos >= after_from_ && pos <= after_at_) return after_found_;
    const std::size_t start = pos;
    char32_t found = 0;
    std::size_t at = in.size();
    while (pos < in.size()) {
      int len;
      const char32_t c = utf8::decode(in, pos, len);
      if (is_persian_side(c) || (chars::info(c).flags & (chars::kLetter | chars::kDigit))) {
        found = c;
        at = pos;
        break;
      }
      pos += static_cast<std::size_t>(len);
    }
    after_from_ = start;
    after_at_ = at;
    after_found_ = found;
    return found;
  }
  mutable std::size_t after_from_ = 1, after_at_ = 0;  // the last scan (none yet)
  mutable char32_t after_found_ = 0;

  // A comma, semicolon or question mark belongs to the text before it: it is Persian when that
  // text is, Latin when a Latin letter precedes it ("Is it true? بله" keeps its "?"), and
  // decided by what follows only when nothing telling precedes it.
  bool persian_context(std::size_t mark, std::size_t after) const {
    const char32_t before = context_before(mark);
    if (is_persian_side(before)) return true;
    if (chars::info(before).flags & chars::kLetter) return false;
    return is_persian_side(context_after(after));
  }

  // Writes one space after sentence punctuation that a letter follows directly.
  void space_after(char32_t mark, char32_t before_mark) {
    if (!o.spacing || !(r.punct_flags(mark) & kSpaceAfter)) return;
    const char32_t next = at(i);
    if (next == 0 || !(chars::info(next).flags & chars::kLetter)) return;
    if (mark < 0x80 && !(is_persian_side(before_mark) || is_persian_side(next))) return;
    flush();
    b.replace(0, " ");
  }

  // The character before the horizontal white space that ends at `pos` (0 at the start).
  char32_t before_spaces(std::size_t pos) const {
    while (pos > 0) {
      int len;
      const char32_t c = utf8::decode_before(in, pos, len);
      if (!is_hspace(c)) return c;
      pos -= static_cast<std::size_t>(len);
    }
    return 0;
  }

  // Drops the white space written since the last edit right before `pos` (== i).
  void drop_spaces_before(std::size_t pos) {
    std::size_t k = pos;
    while (k > b.position()) {
      int len;
      if (!is_hspace(utf8::decode_before(in, k, len))) break;
      k -= static_cast<std::size_t>(len);
    }
    if (k == pos) return;
    b.copy(k - b.position());
    b.replace(pos - k, "");
  }

  // Drops the white space starting at `pos` (== i) and moves past it.
  void drop_spaces_after(std::size_t pos) {
    std::size_t j = pos;
    while (j < in.size()) {
      int len;
      if (!is_hspace(utf8::decode(in, j, len))) break;
      j += static_cast<std::size_t>(len);
    }
    if (j == pos) return;
    flush();
    b.replace(j - pos, "");
    i = j;
  }

  void special(char32_t cp, std::size_t n) {
    if (is_hspace(cp)) { space_run(); return; }
    if (is_newline(cp)) {
      // Lines keep no white space at their ends.
      if (o.spacing) drop_spaces_before(i);
      i += n;
      if (o.spacing) drop_spaces_after(i);
      return;
    }
    if (const std::size_t e = emoticon_length(in, i)) { i += e; return; }  // faces stay as typed
    const std::uint8_t flags = r.punct_flags(cp);
    // No space before a closing mark (".5" after a space starts a number and closes nothing).
    // Nor between two numbers: «2 ,2» would become the one number «2,2» (and digits already
    // converted on one side would then be converted on the other by the next pass).
    if (o.spacing && (flags & kNoSpaceBefore) && !(cp == '.' && is_digit(at(i + n))) &&
        !(is_digit(at(i + n)) && is_digit(before_spaces(i)))) {
      drop_spaces_before(i);
    }
    const std::size_t mark = i;
    const char32_t before = context_before(mark);
    int plen = 0;
    const char32_t prev_char = mark > 0 ? utf8::decode_before(in, mark, plen) : 0;
    if (o.punctuation == NormalizerOptions::Punctuation::Persian &&
        (r.punct_flags(cp) & kPersianizable) && !(is_digit(prev_char) && is_digit(at(i + n))) &&
        persian_context(mark, i + n)) {
      const char32_t to = r.persian_punctuation.at(cp);
      std::string s;
      utf8::append(s, to);
      flush();
      b.replace(n, s);
      i += n;
      space_after(to, before);
      return;
    }
    if (cp == '.') {
      // Dots separated only by spaces that spacing drops anyway (". ..") are one run too, so
      // the ellipsis decision is the same before and after those spaces go.
      std::size_t j = i, run_end = i;
      int dots = 0;
      while (j < in.size()) {
        if (in[j] == '.') {
          ++dots;
          run_end = ++j;
          continue;
        }
        int l = 0;
        if (!o.spacing || !is_hspace(utf8::decode(in, j, l))) break;
        j += static_cast<std::size_t>(l);
      }
      if (dots >= 3 && o.ellipsis) {
        flush();
        b.replace(run_end - i, "\u2026");
        i = run_end;
        space_after(0x2026, before);
        return;
      }
      j = i;
      while (j < in.size() && in[j] == '.') ++j;
      if (j - i >= 2) {  // "..", "...": one mark; decide spacing after its last dot
        i = j;
        space_after('.', before);
        return;
      }
    }
    i += n;
    if (o.spacing && (flags & kNoSpaceAfter) && !emoticon_ends_at(in, i)) {
      drop_spaces_after(i);  // no space after an opening mark
      return;
    }
    if (is_digit(prev_char) && is_digit(at(i))) return;  // 1.7, 2,500, 12:30 stay whole
    space_after(cp, before);
  }

  AlignedText run() {
    const std::size_t size = in.size();
    const ByteFilter& filter = r.spacing_filter;
    if (size > 0 && in[0] == ' ') space_run();  // the filter passes over a lone leading space
    while (i < size) {
      // Plain text is skipped by the byte filter; `i` then stops on a special character.
      const std::size_t from = i;
      i = filter.skip(in, i);
      if (next_prot < prot.size() && i >= prot[next_prot].begin) {
        i = std::max(from, prot[next_prot].begin);
        if (i < prot[next_prot].end) i = prot[next_prot].end;
        ++next_prot;
        continue;
      }
      if (i >= size) break;
      int len = 1;
      const char32_t cp = utf8::decode(in, i, len);
      if (!(r.punct_flags(cp) & kSpacingSpecial)) {  // a false alarm of the byte filter
        i += static_cast<std::size_t>(len);
        continue;
      }
      special(cp, static_cast<std::size_t>(len));
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
