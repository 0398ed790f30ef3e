// Rule-based sentence segmentation. One pass over each paragraph finds candidate ends
// (terminators followed by white space, line ends), decides each from its neighbourhood
// (abbreviations, initials, numbers, list items, ellipses, the case of the next word), then
// datelines are split off and trailing sources in parentheses attached.
#include <algorithm>

#include "sentences/paragraph.hpp"
#include "sentences/rules.hpp"
#include "sentences/stop_scan.hpp"
#include "sokhan/utf8.hpp"
#include "text/char_class.hpp"

namespace sokhan::sentences {

namespace {

// Closing quotes and brackets that belong to the sentence a terminator closes (». .» ."  .)).
bool is_closer(char32_t c) {
  return c == 0x00BB || c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D ||
         c == 0x2019 || c == 0x203A || c == 0x00AB;  // « closes a quote in mirrored text
}
bool is_opener(char32_t c) {
  return c == 0x00AB || c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201C || c == 0x2018;
}
using chars::is_hspace;
using chars::is_white;
bool is_latin_upper(char32_t c) { return c < 0x80 ? (c >= 'A' && c <= 'Z') : false; }
bool is_latin_lower(char32_t c) {
  const auto f = chars::info(c).flags;
  return (f & chars::kLatin) && !(c >= 'A' && c <= 'Z') && (c < 0xC0 || c > 0xDE);
}

char32_t fold_persian(char32_t c) {
  if (c == 0x064A || c == 0x0649) return 0x06CC;
  if (c == 0x0643) return 0x06A9;
  return c;
}

class Splitter {
 public:
  Splitter(const Paragraph& p, const Rules& r) : p_(p), r_(r), t_(p.text) {}

  void run(std::vector<ByteSpan>& out, Scratch& scratch) {
    std::vector<std::size_t>& ends = scratch.ends;
    std::vector<std::size_t>& colons = scratch.colons;
    std::vector<ByteSpan>& spans = scratch.spans;
    ends.clear();
    colons.clear();
    spans.clear();
    find_ends(ends, colons);
    ends.push_back(p_.end);
    std::size_t start = p_.begin;
    for (std::size_t e : ends) {
      if (e <= start) continue;
      add_trimmed(spans, start, e);
      start = e;
    }
    attach_trailing_source(spans);
    std::size_t next_colon = 0;
    for (const ByteSpan& s : spans) {
      if (!p_.persian) {
        split_closing(s, out);
        continue;
      }
      // Most sentences have no colon near their start, and then no dateline.
      while (next_colon < colons.size() && colons[next_colon] < s.begin) ++next_colon;
      const std::size_t window = std::min<std::size_t>(s.end - s.begin, 160);
      if (next_colon < colons.size() && colons[next_colon] < s.begin + window) split_dateline(s, out);
      else out.push_back(s);
    }
  }

 private:
  char32_t at(std::size_t i, int& len) const {
    if (i >= p_.end) { len = 0; return 0; }
    return utf8::decode(t_, i, len);
  }
  char32_t at(std::size_t i) const { int l; return at(i, l); }
  char32_t before(std::size_t i, int& len) const {
    if (i <= p_.begin) { len = 0; return 0; }
    return utf8::decode_before(t_, i, len);
  }

  void add_trimmed(std::vector<ByteSpan>& spans, std::size_t b, std::size_t e) const {
    while (b < e) {
      int l;
      const char32_t c = at(b, l);
      if (!is_white(c)) break;
      b += static_cast<std::size_t>(l);
    }
    while (e > b) {
      int l;
      const char32_t c = before(e, l);
      if (!is_white(c)) break;
      e -= static_cast<std::size_t>(l);
    }
    if (b < e) spans.push_back({b, e});
  }

  // Where the word right before byte `pos` (see word_before) starts.
  std::size_t word_start(std::size_t pos) const {
    std::size_t k = pos;
    while (k > p_.begin) {
      int l;
      const char32_t c = before(k, l);
      const auto f = chars::info(c).flags;
      if (!((f & (chars::kLetter | chars::kDigit | chars::kMark)) || c == '.' || c == '-' || c == 0x200C))
        break;
      k -= static_cast<std::size_t>(l);
    }
    while (k < pos && t_[k] == '.') ++k;  // a run like "..word" keeps only the word
    return k;
  }

  // The word right before byte `pos` (letters, digits, inner periods and hyphens), lower-cased
  // for English and with Persian letter variants folded, and where it starts.
  std::string word_before(std::size_t pos, std::size_t& start) const {
    start = word_start(pos);
    std::string w;
    for (std::size_t i = start; i < pos;) {
      int l;
      char32_t c = at(i, l);
      i += static_cast<std::size_t>(l);
      if (c < 0x80) c = static_cast<char32_t>(std::tolower(static_cast<int>(c)));
      utf8::append(w, fold_persian(c));
    }
    return w;
  }

  // The first non-space character at or after `pos` and the word it starts.
  char32_t next_solid(std::size_t pos, std::size_t& at_pos) const {
    while (pos < p_.end) {
      int l;
      const char32_t c = at(pos, l);
      if (!is_white(c)) { at_pos = pos; return c; }
      pos += static_cast<std::size_t>(l);
    }
    at_pos = p_.end;
    return 0;
  }

  std::string_view word_at(std::size_t pos) const {
    std::size_t e = pos;
    while (e < p_.end) {
      int l;
      const char32_t c = at(e, l);
      if (!(chars::info(c).flags & (chars::kLetter | chars::kMark))) break;
      e += static_cast<std::size_t>(l);
    }
    return t_.substr(pos, e - pos);
  }

  bool at_line_start(std::size_t pos) const {
    while (pos > p_.begin) {
      int l;
      const char32_t c = before(pos, l);
      if (c == '\n') return true;
      if (!is_hspace(c)) return false;
      pos -= static_cast<std::size_t>(l);
    }
    return true;
  }

  // Whether «و» stands among the four words before `pos` (a list being enumerated).
  bool list_before(std::size_t pos) const {
    int words = 0;
    std::size_t k = pos;
    while (k > p_.begin && words < 4) {
      std::size_t start;
      const std::string w = word_before(k, start);
      if (w == "\u0648") return true;
      if (start == k) {  // not a word character: step over it
        int l;
        before(k, l);
        k -= static_cast<std::size_t>(l);
        continue;
      }
      ++words;
      k = start;
    }
    return false;
  }

  // Whether only white space separates `pos` from a sentence-ending mark before it.
  bool after_sentence_end(std::size_t pos) const {
    while (pos > p_.begin) {
      int l;
      const char32_t c = before(pos, l);
      if (!is_white(c)) return is_terminator(c) || is_closer(c);
      pos -= static_cast<std::size_t>(l);
    }
    return false;
  }

  static bool short_parts(const std::string& w) {
    std::size_t part = 0;
    for (char c : w) {
      if (c == '.') { part = 0; continue; }
      if (++part > 2) return false;
    }
    return true;
  }

  // Is the terminator run [b, e) followed (after closers, at `after`) by white space a
  // sentence end?
  bool is_end(std::size_t b, std::size_t e, std::size_t after) const {
    std::size_t next_pos;
    const char32_t next = next_solid(after, next_pos);
    if (next == 0) return true;
    bool has_q = false, single_dot = (e - b == 1 && t_[b] == '.');
    bool ellipsis = false;
    int dots = 0;
    for (std::size_t i = b; i < e;) {
      int l;
      const char32_t c = at(i, l);
      i += static_cast<std::size_t>(l);
      if (c == '.') ++dots;
      if (c == 0x2026) ellipsis = true;
      if (c == '?' || c == '!' || c == 0x061F) has_q = true;
    }
    if (dots >= 2) ellipsis = true;
    const bool newline_follows = [&] {
      for (std::size_t i = after; i < next_pos; ++i) if (t_[i] == '\n') return true;
      return false;
    }();
    if (newline_follows) return true;
    const bool lower_next = is_latin_lower(next);
    // A question or exclamation inside quotes that the sentence continues after ("Why?" she
    // asked); otherwise web text often starts sentences in lower case after ? and !.
    if (has_q) return !(after > e && lower_next);
    if (lower_next && ellipsis) return false;  // "... and then"
    const bool ellipsis_then_stop = ellipsis && dots >= 1 && t_[e - 1] == '.' && dots < 2;  // "…."
    if (ellipsis && !has_q && !ellipsis_then_stop) {
      // «جام و شما و…», «دراج و بلبل…»: after a list joined by «و» an ellipsis means "etc."
      // and the sentence goes on; elsewhere it ends one.
      if (p_.persian) return !list_before(b);
      return true;
    }
    if (!single_dot) return true;
    // Most periods follow a word of the text's own script longer than any abbreviation: decide
    // those before copying the word.
    if (const std::size_t ws = word_start(b); b - ws > r_.longest_persian_abbreviation &&
                                               (chars::info(at(ws)).flags & chars::kArabic))
      return true;
    std::size_t wstart;
    const std::string w = word_before(b, wstart);
    if (w.empty()) return true;
    // "1." "2." at the start of a line or of a sentence: a numbered list item's marker.
    if (std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return !(at_line_start(wstart) || after_sentence_end(wstart));
    // The word's own script picks the rules: "Dr." in a Persian paragraph is English.
    if (chars::info(at(wstart)).flags & chars::kArabic) {
      if (r_.persian_abbreviations.count(w)) return false;
      if (utf8::count_codepoints(w) == 1 && (chars::info(at(wstart)).flags & chars::kLetter)) return false;
      return true;
    }
    auto a = r_.english_abbreviations.find(w);
    // A quote or a digit may open the next sentence; a parenthesis after "10 a.m." explains it.
    const bool starter = r_.english_starters.count(word_at(next_pos)) > 0 ||
                         (is_opener(next) && next != '(' && next != '[') ||
                         (chars::info(next).flags & chars::kDigit);
    if (a != r_.english_abbreviations.end()) {
      switch (a->second) {
        case Rules::AbbrevClass::Inner: return false;
        case Rules::AbbrevClass::Final: return starter;
        case Rules::AbbrevClass::Numeral:  // "No. 5" but "I said no."
          if (chars::info(next).flags & chars::kDigit) return false;
          break;
      }
    }
    // Initials (J. R. R. Tolkien) and dotted abbreviations (U.S.A., Ph.D.) not in the list:
    // every dotted part one or two letters. "main.py." is a file name ending a sentence.
    const std::size_t letters = utf8::count_codepoints(w);
    if (letters == 1 && (is_latin_upper(at(wstart)) || lower_next)) return false;
    if (w.find('.') != std::string::npos && short_parts(w)) return starter;
    // A full word and a period: a sentence end even before a lower-case word, as informal
    // text writes them ("call them at 303-832-8160. they haven't ...").
    return true;
  }

  // The time stamp of a forwarded e-mail's header ("08/16/2000 12:05 PM", with seconds or
  // without the AM/PM) around the colon at `colon`: a line of its own in the e-mail, written
  // into running text without punctuation when the line breaks are lost.
  bool email_timestamp(std::size_t colon, std::size_t& begin, std::size_t& end) const {
    auto digits_back = [&](std::size_t pos) {
      std::size_t k = pos;
      while (k > p_.begin && t_[k - 1] >= '0' && t_[k - 1] <= '9') --k;
      return k;
    };
    auto digits_fwd = [&](std::size_t pos) {
      std::size_t k = pos;
      while (k < p_.end && t_[k] >= '0' && t_[k] <= '9') ++k;
      return k;
    };
    const std::size_t hour = digits_back(colon);
    if (colon - hour < 1 || colon - hour > 2 || hour < p_.begin + 9 || t_[hour - 1] != ' ') return false;
    // The date before the hour: digits/digits/digits.
    const std::size_t year = digits_back(hour - 1);
    if (year == hour - 1 || year < p_.begin + 4 || t_[year - 1] != '/') return false;
    const std::size_t day = digits_back(year - 1);
    if (day == year - 1 || day < p_.begin + 2 || t_[day - 1] != '/') return false;
    const std::size_t month = digits_back(day - 1);
    if (month == day - 1) return false;
    std::size_t k = digits_fwd(colon + 1);
    if (k - colon - 1 != 2) return false;
    if (k < p_.end && t_[k] == ':') {
      const std::size_t sec = digits_fwd(k + 1);
      if (sec - k - 1 != 2) return false;
      k = sec;
    }
    if (k + 3 <= p_.end && t_[k] == ' ' && (t_.substr(k + 1, 2) == "AM" || t_.substr(k + 1, 2) == "PM")) k += 3;
    if (k < p_.end && !is_white(at(k))) return false;
    begin = month;
    end = k;
    return true;
  }

  // "a)", "b.", "12)" or "3." at `pos`: a list item's marker.
  bool list_marker_at(std::size_t pos) const {
    std::size_t k = pos;
    int letters = 0, digits = 0;
    while (k < p_.end) {
      int l;
      const char32_t c = at(k, l);
      const auto f = chars::info(c).flags;
      if (f & chars::kDigit) ++digits;
      else if (f & chars::kLetter) ++letters;
      else break;
      k += static_cast<std::size_t>(l);
    }
    const char32_t mark = at(k);
    return (mark == ')' || mark == '.') && ((letters == 1 && digits == 0) || (letters == 0 && digits >= 1 && digits <= 3));
  }

  // In English, a colon followed by white space and a capitalized sentence starter introduces a
  // new sentence ("He announced this in January: As of January 10, ...").
  bool colon_ends(std::size_t colon) const {
    if (colon + 1 >= p_.end || !is_white(at(colon + 1))) return false;
    std::size_t next_pos;
    const char32_t next = next_solid(colon + 1, next_pos);
    if (!is_latin_upper(next)) return false;
    return r_.english_starters.count(word_at(next_pos)) > 0 || colon_line_end(colon);
  }
  bool colon_line_end(std::size_t colon) const {
    for (std::size_t i = colon + 1; i < p_.end && is_white(at(i)); ++i)
      if (t_[i] == '\n') return true;
    return false;
  }

  // A single newline ends a sentence after a headline, byline or list item (a short line
  // without final punctuation), not inside a wrapped sentence.
  bool line_break_ends(std::size_t line_begin, std::size_t nl) const {
    std::size_t b = line_begin, e = nl;
    while (b < e && is_hspace(at(b))) ++b;
    while (e > b) {
      int l;
      if (!is_hspace(before(e, l))) break;
      e -= static_cast<std::size_t>(l);
    }
    if (b == e) return false;
    const std::size_t cps = utf8::count_codepoints(t_.substr(b, e - b));
    std::size_t next_pos;
    const char32_t next = next_solid(nl + 1, next_pos);
    const bool next_list = next == '-' || next == '*' || next == 0x2022 ||
                           (chars::info(next).flags & chars::kDigit);
    const char32_t first = at(b);
    const bool this_list = first == '-' || first == '*' || first == 0x2022;
    int l;
    const char32_t last = before(e, l);
    if (last == ':') return true;
    if (next_list || list_marker_at(next_pos)) return true;
    if (is_latin_lower(next)) return false;  // the sentence goes on on the next line
    std::size_t wstart;
    const std::string w = word_before(e, wstart);
    const bool arabic = chars::info(at(wstart)).flags & chars::kArabic;
    if ((arabic ? r_.persian_continuations : r_.english_continuations).count(w)) return false;
    return cps < 60 || next_list || this_list;
  }

  // The end of an emoticon from the table starting at `pos` that white space or the paragraph's
  // end follows (0 if there is none); a run of them (":) :)") ends at the last.
  std::size_t emoticon_at(std::size_t pos) const {
    std::size_t end = 0;
    for (;;) {
      std::size_t found = 0;
      if (pos < p_.end && (t_[pos] == ':' || t_[pos] == ';')) {
        for (std::string_view e : r_.emoticons) {
          if (t_.substr(pos, e.size()) != e) continue;
          const std::size_t after = pos + e.size();
          if (after >= p_.end || is_white(at(after))) { found = after; break; }
        }
      }
      if (found == 0) return end;
      end = found;
      pos = found;
      while (pos < p_.end && (t_[pos] == ' ' || t_[pos] == '\t')) ++pos;
    }
  }

  // An emoticon after the terminators and closers that end at `after`, on the same line.
  std::size_t emoticon_after(std::size_t after) const {
    std::size_t pos = after;
    while (pos < p_.end && (t_[pos] == ' ' || t_[pos] == '\t')) ++pos;
    return pos == after ? 0 : emoticon_at(pos);
  }

  // Whether the '@' or the "://" at `pos` lies in an e-mail or web address; `end` is where the
  // address (the run of non-space characters holding it) ends.
  bool address_at(std::size_t pos, std::size_t& end) const {
    const bool at_sign = t_[pos] == '@';
    if (!at_sign && t_.substr(pos, 3) != "://") return false;
    auto word_char = [](char32_t c) { return (chars::info(c).flags & (chars::kLetter | chars::kDigit)) != 0; };
    int l;
    if (!word_char(before(pos, l))) return false;
    std::size_t e = pos + (at_sign ? 1 : 3);
    bool dot = false;
    while (e < p_.end) {
      const char32_t c = at(e, l);
      if (is_white(c)) break;
      if (c == '.') dot = true;
      e += static_cast<std::size_t>(l);
    }
    if (at_sign && !dot) return false;
    end = e;
    return true;
  }

  void find_ends(std::vector<std::size_t>& ends, std::vector<std::size_t>& colons) const {
    // Only the stops (stop_scan.hpp) can end a sentence; the rest is skipped unread.
    const std::string_view paragraph = t_.substr(0, p_.end);
    std::size_t i = p_.begin, line_begin = p_.begin;
    while ((i = next_stop(paragraph, i)) < p_.end) {
      int l;
      const char32_t c = at(i, l);
      if (c == '\n') {
        if (line_break_ends(line_begin, i)) ends.push_back(i);
        line_begin = i + 1;
        i += 1;
        continue;
      }
      if (is_rule_char(c)) {
        // A separator line ("=====", "_____", "***") written inside running text stands alone.
        std::size_t e = i;
        while (e < p_.end && t_[e] == t_[i]) ++e;
        if (e - i >= 3 && (i == p_.begin || is_white(before(i, l))) && (e == p_.end || is_white(at(e)))) {
          ends.push_back(i);
          ends.push_back(e);
        }
        i = e;
        continue;
      }
      if (c == ':') colons.push_back(i);
      if (c == ':' || c == ';') {
        // "... and community :-) Posted by": an emoticon written instead of a full stop.
        int lb;
        if (const std::size_t e = emoticon_at(i); e != 0 && !(chars::info(before(i, lb)).flags & chars::kDigit)) {
          ends.push_back(e);
          i = e;
          continue;
        }
      }
      if ((c == '@' || c == ':') && !p_.persian) {
        // Web text drops the period after an address: "Email: x@y.com Site made!".
        std::size_t e;
        if (address_at(i, e)) {
          int lb;
          const bool final_mark = is_terminator(before(e, lb));
          std::size_t next_pos;
          if (!final_mark && is_latin_upper(next_solid(e, next_pos))) ends.push_back(e);
          if (!final_mark) {
            i = e;
            continue;
          }
        }
      }
      if (c == ':' && !p_.persian) {
        std::size_t ts_begin, ts_end;
        if (email_timestamp(i, ts_begin, ts_end)) {
          // "SOblander@carrfut.com on 08/15/2000 06:03:48 PM": after a preposition the time
          // stamp finishes the line it is on.
          std::size_t k = ts_begin, wstart;
          while (k > p_.begin && (t_[k - 1] == ' ' || t_[k - 1] == '\t')) --k;
          if (!r_.english_continuations.count(word_before(k, wstart))) ends.push_back(ts_begin);
          ends.push_back(ts_end);
          i = ts_end;
          continue;
        }
      }
      if (c == ':' && !p_.persian && colon_ends(i)) {
        ends.push_back(i + 1);
        i += 1;
        continue;
      }
      if (!is_terminator(c)) { i += static_cast<std::size_t>(l); continue; }
      const std::size_t b = i;
      std::size_t e = i;
      while (e < p_.end) {
        int l2;
        if (!is_terminator(at(e, l2))) break;
        e += static_cast<std::size_t>(l2);
        // A spaced ellipsis ". . ." is one mark.
        if (t_[e - 1] == '.' && e + 1 < p_.end && t_[e] == ' ' && t_[e + 1] == '.') ++e;
      }
      std::size_t after = e;
      while (after < p_.end) {
        int l2;
        if (!is_closer(at(after, l2))) break;
        after += static_cast<std::size_t>(l2);
      }
      i = after;
      if (after < p_.end && !is_white(at(after))) continue;  // 1.7, U.S.A, www.x.ir/a?b
      // "I love her. :)": the emoticon belongs to the sentence it follows.
      if (const std::size_t emo = emoticon_after(after); emo != 0) {
        ends.push_back(emo);
        i = emo;
        continue;
      }
      if (is_end(b, e, after)) ends.push_back(after);
    }
  }

  // "(خبرگزاری صدا وسیما)" after the last sentence of a paragraph belongs to that sentence.
  void attach_trailing_source(std::vector<ByteSpan>& spans) const {
    if (spans.size() < 2) return;
    const ByteSpan last = spans.back();
    const char32_t first = at(last.begin);
    int l;
    const char32_t final_char = before(last.end, l);
    const bool parens = (first == '(' && final_char == ')') || (first == ')' && final_char == '(');
    if (!parens) return;
    for (std::size_t i = last.begin; i < last.end;) {
      int l2;
      if (is_terminator(at(i, l2))) return;
      i += static_cast<std::size_t>(l2);
    }
    spans.pop_back();
    spans.back().end = last.end;
  }

  // "Hi, Yes storage ..." / "Dear All, My name ...": a greeting of at most four words up to a
  // comma, then a capital, is the letter's first line.
  std::size_t greeting_end(const ByteSpan& s) const {
    const std::string_view span = t_.substr(s.begin, s.end - s.begin);
    if (span.size() < 4 || !r_.greeting_first.test(static_cast<unsigned char>(span[0]))) return 0;
    for (std::string_view g : r_.english_greetings) {
      if (span.size() <= g.size() + 2 || span.substr(0, g.size()) != g) continue;
      if (span[g.size()] != ',' && span[g.size()] != ' ') continue;
      int words = 1;
      for (std::size_t i = g.size(); i < span.size() && words <= 4; ++i) {
        const char c = span[i];
        if (c == ' ') ++words;
        else if (c == ',') {
          std::size_t next_pos;
          const char32_t next = next_solid(s.begin + i + 1, next_pos);
          if (next_pos > s.begin + i + 1 && next_pos < s.end && is_latin_upper(next)) return s.begin + i + 1;
          return 0;
        } else if (is_terminator(static_cast<unsigned char>(c)) || c == '\n' || c == ':' || c == '-') {
          return 0;
        }
      }
      return 0;
    }
    return 0;
  }

  // "Thanks, Sean ..." / "Best regards, Debra ...": an e-mail's closing is its own sentence.
  void split_closing(ByteSpan s, std::vector<ByteSpan>& out) const {
    // "-- Posted by ...": the signature separator of e-mail and blog posts ("-- ", RFC 3676)
    // opening a sentence stands alone; inside a sentence "--" is a dash and never starts one.
    std::size_t dashes = s.begin;
    while (dashes < s.end && t_[dashes] == '-') ++dashes;
    if (dashes - s.begin >= 2 && dashes < s.end && is_white(at(dashes))) [[unlikely]] {
      out.push_back({s.begin, dashes});
      std::size_t next_pos;
      next_solid(dashes, next_pos);
      s.begin = next_pos;
    }
    if (const std::size_t g = greeting_end(s); g != 0) {
      out.push_back({s.begin, g});
      std::size_t next_pos;
      next_solid(g, next_pos);
      s.begin = next_pos;
    }
    const std::string_view span = t_.substr(s.begin, s.end - s.begin);
    // Closings are short: without a comma in the first 20 bytes there is nothing to compare.
    if (span.substr(0, 20).find(',') == std::string_view::npos) {
      out.push_back(s);
      return;
    }
    for (std::string_view c : r_.english_closings) {
      if (span.size() <= c.size() + 2 || span.substr(0, c.size()) != c || span[c.size()] != ',') continue;
      std::size_t next_pos;
      const char32_t next = next_solid(s.begin + c.size() + 1, next_pos);
      if (next_pos >= s.end || !is_latin_upper(next) || next_pos == s.begin + c.size() + 1) continue;
      out.push_back({s.begin, s.begin + c.size() + 1});
      out.push_back({next_pos, s.end});
      return;
    }
    out.push_back(s);
  }

  // Does the opening [b, colon) end with a news agency's name ("واحد مرکزی خبر:")?
  bool names_agency(std::size_t b, std::size_t colon) const {
    std::string folded;
    for (std::size_t i = b; i < colon;) {
      int l;
      utf8::append(folded, fold_persian(at(i, l)));
      i += static_cast<std::size_t>(l);
    }
    std::string_view head = folded;
    while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
    for (std::string_view a : r_.agencies) {
      if (head.size() >= a.size() && head.substr(head.size() - a.size()) == a &&
          (head.size() == a.size() || head[head.size() - a.size() - 1] == ' '))
        return true;
    }
    return false;
  }

  // "تهران - ایرنا: ..." opens with a dateline, its own sentence.
  void split_dateline(const ByteSpan& s, std::vector<ByteSpan>& out) const {
    int words = 1;
    bool dash = false;
    for (std::size_t i = s.begin; i < s.end;) {
      int l;
      const char32_t c = at(i, l);
      if (c == ':' ) {
        const std::size_t after = i + static_cast<std::size_t>(l);
        if ((dash || names_agency(s.begin, i)) && words <= 7 && after < s.end && is_white(at(after))) {
          out.push_back({s.begin, after});
          std::vector<ByteSpan> rest;
          add_trimmed(rest, after, s.end);
          for (const ByteSpan& r : rest) out.push_back(r);
          return;
        }
        break;
      }
      if (is_terminator(c) || c == 0x060C || c == ',' || is_opener(c) || c == '\n') break;
      if (c == '-' || c == 0x2013 || c == 0x2014) {
        int lb;
        if (is_white(before(i, lb)) && is_white(at(i + static_cast<std::size_t>(l)))) dash = true;
      }
      if (is_white(c)) ++words;
      if (words > 8) break;
      i += static_cast<std::size_t>(l);
    }
    out.push_back(s);
  }

  const Paragraph& p_;
  const Rules& r_;
  std::string_view t_;
};

}  // namespace

void split_paragraph(const Paragraph& p, std::vector<ByteSpan>& out, Scratch& scratch) {
  Splitter(p, rules()).run(out, scratch);
}

}  // namespace sokhan::sentences
