#include "normalize/spacing_pass.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
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
struct Protection {
  std::vector<Range> ranges;        // left exactly as written
  std::vector<std::size_t> edges;   // where white-space chunks holding "://", "@" or "www." begin and end
                                    // (sorted: one chunk at a time)
};

Protection find_protection(std::string_view in) {
  std::vector<std::size_t> hits;
  for (std::size_t p = in.find("://"); p != std::string_view::npos; p = in.find("://", p + 3)) hits.push_back(p);
  for (std::size_t p = in.find('@'); p != std::string_view::npos; p = in.find('@', p + 1)) hits.push_back(p);
  // "www." and "www…" (this pass makes "www..." into it, and the chunk must stay guarded), as
  // www, WWW or Www: their second and third letters are "ww" or "WW", so two scans of the text
  // find them all (one per spelling and ending took six).
  auto www_at = [in](std::size_t q) {
    const std::string_view rest = in.substr(q);
    for (std::string_view www : {"www", "WWW", "Www"}) {
      if (rest.starts_with(www) && (rest.substr(3).starts_with('.') || rest.substr(3).starts_with("\u2026")))
        return true;
    }
    return false;
  };
  for (std::string_view ww : {"ww", "WW"}) {
    for (std::size_t p = in.find(ww, 1); p != std::string_view::npos; p = in.find(ww, p + 1)) {
      if (www_at(p - 1)) hits.push_back(p - 1);
    }
  }
  std::sort(hits.begin(), hits.end());
  Protection out;
  for (std::size_t h : hits) {
    if (!out.edges.empty() && h < out.edges.back()) continue;  // in the chunk just looked at
    std::size_t b = h, e = h;
    while (b > 0) {
      int len = 0;
      if (is_white(utf8::decode_before(in, b, len))) break;
      b -= static_cast<std::size_t>(len);
    }
    while (e < in.size()) {
      int len = 0;
      if (is_white(utf8::decode(in, e, len))) break;
      e += static_cast<std::size_t>(len);
    }
    out.edges.push_back(b);
    out.edges.push_back(e);
    const std::string_view chunk = in.substr(b, e - b);
    const std::size_t start = url_start(chunk);
    const std::size_t end = without_trailing_punctuation(chunk);
    if (start != std::string_view::npos && start < end) out.ranges.push_back({b + start, b + end});
  }
  return out;
}

struct SpacingRun {
  const NormalizerOptions& o;
  const Rules& r;
  std::string_view in;
  EditBuilder b;
  std::size_t i = 0;
  Protection protection;
  const std::vector<Range>& prot = protection.ranges;
  std::size_t next_prot = 0;

  SpacingRun(const NormalizerOptions& opt, std::string_view text, bool track)
      : o(opt), r(rules()), in(text), b(text, track), protection(find_protection(text)) {}

  // Gluing chunks. A chunk that holds "@", "://" or "www." is "guarded": deleting the white
  // space between it and a neighbour makes the next pass look for addresses in the glued chunk,
  // and what it finds there must be what this pass found apart, or the next pass edits text
  // this one protected (or the other way round). So a guarded chunk is glued only to what can
  // neither start nor extend an address: closing punctuation after it ("www.x.ir ." and
  // "info@x.ir ،"), which address detection trims off, or opening brackets and quotes before it
  // ("( ali@x.ir"). The output chunk being built remembers whether it holds a guarded chunk,
  // so gluing several chunks in a row is judged as a whole.
  // Whether a guarded chunk begins or ends at `pos`. Asked at the ends of white space, where it
  // can only be a chunk ending at the white space's start or beginning at its end.
  bool guarded_edge(std::size_t pos) const {
    return std::binary_search(protection.edges.begin(), protection.edges.end(), pos);
  }

  // Where the chunk starting at `pos` ends.
  std::size_t chunk_end(std::size_t pos) const {
    int len = 0;
    while (pos < in.size() && !is_white(utf8::decode(in, pos, len))) pos += static_cast<std::size_t>(len);
    return pos;
  }

  // Whether the chunk starting at `to` is closing punctuation only.
  bool closers_only(std::size_t to) const {
    return without_trailing_punctuation(in.substr(to, chunk_end(to) - to)) == 0;
  }

  // Whether `pos` lies inside a guarded chunk, where a space written would split it and change
  // what the next pass sees next to it.
  bool inside_guarded(std::size_t pos) const {
    const auto& e = protection.edges;
    const auto idx = static_cast<std::size_t>(std::upper_bound(e.begin(), e.end(), pos) - e.begin());
    return idx % 2 == 1 && e[idx - 1] < pos;
  }

  // Whether the chunk that ends at input position `upto` is opening brackets and quotes only:
  // the input not written yet, then the output (a scan that stops at the first other
  // character: each guarded chunk asks once). Nothing is written here: callers are in the
  // middle of deciding what to write.
  bool openers_only_before(std::size_t upto) {
    // Scans `text` back from `k` to `stop`: true at white space, false at another non-opener,
    // nullopt when it reaches `stop`.
    auto scan = [](std::string_view text, std::size_t k, std::size_t stop) -> std::optional<bool> {
      int len = 0;
      for (; k > stop; k -= static_cast<std::size_t>(len)) {
        const char32_t c = utf8::decode_before(text, k, len);
        if (is_white(c)) return true;
        if (std::u32string_view(U"([{\"'\u00AB").find(c) == std::u32string_view::npos) return false;
      }
      return std::nullopt;
    };
    if (const auto r = scan(in, upto, b.position())) return *r;
    const std::string& out = b.output();
    return scan(out, out.size(), 0).value_or(true);
  }

  // Whether the white space [from, to) may be deleted; `carried`: what is glued on the left
  // holds a guarded chunk although the chunk ending at `from` does not.
  bool may_join(std::size_t from, std::size_t to, bool carried = false) {
    const bool makes_guard = glue_makes_www(from, to);
    const bool left = carried || from == glued_guard_end_ || guarded_edge(from);
    const bool right = guarded_edge(to);
    if (!makes_guard) {
      if (!left && !right) return true;
      if (left && !right && closers_only(to)) return true;
      if (!left && right && openers_only_before(from)) return true;
    }
    // Kept apart, the chunk after stays whole too: a space written inside it («؟Q» → «؟ Q»,
    // «?ې@» → «؟ ې@») would leave the next pass a different chunk to glue.
    no_split_from_ = to;
    no_split_until_ = chunk_end(to);
    return false;
  }
  // Whether deleting the white space [from, to) would write "www." or "www…": gluing would
  // make a guarded chunk out of two that are not («www .ir»), and the next pass would protect
  // what this one edited (under NFKC the ellipsis made here comes back as "..." inside it).
  bool glue_makes_www(std::size_t from, std::size_t to) const {
    if (from < 3) return false;
    const std::string_view www = in.substr(from - 3, 3);
    if (www != "www" && www != "WWW" && www != "Www") return false;
    const std::string_view rest = in.substr(to);
    return rest.starts_with('.') || rest.starts_with("\u2026");
  }
  // Records white space [from, to) deleted: when a guarded chunk is glued to closing
  // punctuation, the glued chunk, which ends where that punctuation does, is guarded too.
  void glued(std::size_t from, std::size_t to) {
    if (from == glued_guard_end_ || guarded_edge(from)) glued_guard_end_ = chunk_end(to);
  }
  std::size_t glued_guard_end_ = std::string_view::npos;
  std::size_t no_split_from_ = 0, no_split_until_ = 0;

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
    // The text's ends are where nothing was written yet or nothing is left (a NUL is a
    // character, not the end: its spacing must not depend on what surrounds it).
    const bool drop = b.output().empty() || is_newline(prev) || j >= in.size() || is_newline(next);
    // ".5" after a space starts a number; it closes nothing. Nor does a mark between two
    // numbers («5\t,0» must not become the number «5,0»; special() says the same for one space).
    const std::size_t after_next = j < in.size() ? mark_end(j) : j;
    const bool join = !drop &&
        (((r.punct_flags(next) & kNoSpaceBefore) && emoticon_length(in, j) == 0 &&
          !(next == '.' && is_digit(at(j + 1))) && !(is_digit(prev) && is_digit(at(after_next)))) ||
         ((r.punct_flags(prev) & kNoSpaceAfter) && !emoticon_ends_at(in, i))) &&
        may_join(i, j);
    if (drop || join) {
      if (join) glued(i, j);
      b.replace(n, "");
    } else {
      if (n != 1 || in[i] != ' ') {
        b.replace(n, " ");
      } else {
        b.copy(1);
      }
    }
    i = j;
  }

  // The nearest letter, digit or Persian mark before `pos` on its line, looking past spaces and
  // other punctuation ("چرا??", "ب. ..."), however far: a window of fixed size made the result
  // depend on spaces this very pass deletes, so a second pass saw a nearer letter and changed
  // the text again. A line break ends the search (0): lines are decided on their own, so long
  // texts can be normalized a piece of lines at a time with the same result. The main loop asks
  // at increasing positions; what the last scan crossed is not crossed again: linear.
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
      if (is_newline(c)) {
        found = 0;
        break;
      }
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

  // The same looking forward from `pos` to the end of its line: every start between the last
  // scan's start and where it stopped finds the same.
  char32_t context_after(std::size_t pos) const {
    if (pos >= after_from_ && pos <= after_at_) return after_found_;
    const std::size_t start = pos;
    char32_t found = 0;
    std::size_t at = in.size();
    while (pos < in.size()) {
      int len;
      const char32_t c = utf8::decode(in, pos, len);
      if (is_newline(c)) {
        at = pos;
        break;
      }
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
    if ((i > no_split_from_ && i < no_split_until_) || inside_guarded(i)) return;  // see may_join
    flush();
    b.replace(0, " ");
  }

  // Where the mark starting at `pos` ends: a run of three or more dots that the ellipsis
  // option makes into "…" is one mark, so that a rule looking past it («5 ...6»: a mark
  // between two numbers) decides the same about the dots as the next pass does about "…".
  std::size_t mark_end(std::size_t pos) const {
    if (o.ellipsis && in[pos] == '.') {
      std::size_t j = pos;
      while (j < in.size() && in[j] == '.') ++j;
      if (j - pos >= 3) return j;
    }
    return pos + utf8::sequence_length(static_cast<unsigned char>(in[pos]));
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

  // Drops the white space written since the last edit right before `pos` (== i); white space
  // between two chunks only when `joining` allows it (may_join).
  void drop_spaces_before(std::size_t pos, bool joining) {
    std::size_t k = pos;
    while (k > b.position()) {
      int len;
      if (!is_hspace(utf8::decode_before(in, k, len))) break;
      k -= static_cast<std::size_t>(len);
    }
    if (k == pos || (joining && !may_join(k, pos))) return;
    if (joining) glued(k, pos);
    b.copy(k - b.position());
    b.replace(pos - k, "");
  }

  // Drops the white space starting at `pos` (== i) and moves past it (see drop_spaces_before).
  void drop_spaces_after(std::size_t pos, bool joining) {
    std::size_t j = pos;
    while (j < in.size()) {
      int len;
      if (!is_hspace(utf8::decode(in, j, len))) break;
      j += static_cast<std::size_t>(len);
    }
    if (j == pos || (joining && !may_join(pos, j))) return;
    if (joining) glued(pos, j);
    flush();
    b.replace(j - pos, "");
    i = j;
  }

  void special(char32_t cp, std::size_t n) {
    if (is_hspace(cp)) { space_run(); return; }
    if (is_newline(cp)) {
      // Lines keep no white space at their ends.
      if (o.spacing) drop_spaces_before(i, false);
      i += n;
      if (o.spacing) drop_spaces_after(i, false);
      return;
    }
    if (const std::size_t e = emoticon_length(in, i)) { i += e; return; }  // faces stay as typed
    const std::uint8_t flags = r.punct_flags(cp);
    // No space before a closing mark (".5" after a space starts a number and closes nothing).
    // Nor between two numbers: «2 ,2» would become the one number «2,2» (and digits already
    // converted on one side would then be converted on the other by the next pass).
    if (o.spacing && (flags & kNoSpaceBefore) && !(cp == '.' && is_digit(at(i + n))) &&
        !(is_digit(at(mark_end(i))) && is_digit(before_spaces(i)))) {
      drop_spaces_before(i, true);
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
      // the ellipsis decision is the same before and after those spaces go. (Only looked for
      // with ellipsis on: without it, every dot of ". . . ." would scan the rest of the run.)
      std::size_t j = i, run_end = i;
      int dots = 0;
      bool carried = false;  // what the run glued so far holds a guarded chunk
      while (o.ellipsis && j < in.size()) {
        if (in[j] == '.') {
          ++dots;
          run_end = ++j;
          continue;
        }
        if (!o.spacing) break;
        std::size_t k = j;
        int l = 0;
        while (k < in.size() && is_hspace(utf8::decode(in, k, l))) k += static_cast<std::size_t>(l);
        // Only a dot that space_run would glue continues the run (not ".5", which starts a
        // number, nor a face): asking may_join about anything else would mark the chunk after
        // as kept apart although nothing was going to be glued, and the next pass, reading
        // "…" where this one read dots, would not.
        if (k == j || k >= in.size() || in[k] != '.' || is_digit(at(k + 1)) || emoticon_length(in, k) != 0 ||
            !may_join(j, k, carried))
          break;
        carried = carried || j == glued_guard_end_ || guarded_edge(j) || guarded_edge(k);
        j = k;
      }
      if (dots >= 3 && o.ellipsis) {
        if (carried) glued_guard_end_ = chunk_end(run_end);
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
      drop_spaces_after(i, true);  // no space after an opening mark
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
