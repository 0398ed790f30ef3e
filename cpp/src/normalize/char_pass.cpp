#include "normalize/char_pass.hpp"

#include <utf8proc.h>

#include <cstdlib>

#include "normalize/protect.hpp"
#include "normalize/rules.hpp"
#include "sokhan/utf8.hpp"
#include "text/char_class.hpp"

namespace sokhan::normalize {

namespace {

constexpr char32_t kYeh = 0x06CC, kAlef = 0x0627, kAlefMadda = 0x0622, kWaw = 0x0648;
constexpr char32_t kTatweel = 0x0640;

bool is_joiner_candidate(char32_t cp) noexcept {
  return cp == 0x200D || cp == 0x00AD || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
}

using chars::is_arabic_letter;
using chars::is_white;

// Digits the normalizer converts between; other scripts' digits are left alone.
int digit_value(char32_t cp) noexcept {
  if (cp >= '0' && cp <= '9') return static_cast<int>(cp - '0');
  if (cp >= 0x06F0 && cp <= 0x06F9) return static_cast<int>(cp - 0x06F0);
  if (cp >= 0x0660 && cp <= 0x0669) return static_cast<int>(cp - 0x0660);
  return -1;
}

constexpr char32_t kArabicDecimal = 0x066B, kArabicThousands = 0x066C;

bool is_number_separator(char32_t cp) noexcept {
  return cp == '.' || cp == ',' || cp == kArabicDecimal || cp == kArabicThousands;
}

// Characters that belong to one "token" for deciding whether digits sit in Latin text
// (ATM74, COVID-19, mp3, x86_64).
bool is_token_char(char32_t cp) noexcept {
  return cp == '-' || cp == '_' || cp == chars::kZwnj ||
         (chars::info(cp).flags & (chars::kAlnum | chars::kMark));
}

}  // namespace

CharPass::CharPass(const NormalizerOptions& o) : options_(o), low_(kLowEnd, kKeep), pres_(kPresEnd - kPresBegin, kKeep) {
  replacements_.emplace_back();
  first_of_replacement_.push_back(0);
  const Rules& r = rules();
  auto enabled = [&](CharRule::Group g) {
    switch (g) {
      case CharRule::Group::PersianLetters: return o.persian_letters;
      case CharRule::Group::ExtraLetters: return o.extra_letters;
      case CharRule::Group::ExtraLettersGlide: return false;  // contextual, see run()
      case CharRule::Group::Diacritics: return o.remove_diacritics;
      case CharRule::Group::Kashida: return o.kashida;
      case CharRule::Group::Joiner: return false;  // contextual, see run()
    }
    return false;
  };
  // Maps one code point through the simple rules; a letter rule's result is final.
  auto map_one = [&](char32_t cp) -> std::u32string {
    auto it = r.chars.find(cp);
    if (it == r.chars.end() || !enabled(it->second.group)) return std::u32string(1, cp);
    return it->second.to;
  };
  for (const auto& [cp, rule] : r.chars) {
    if (enabled(rule.group) && (cp < kLowEnd || (cp >= kPresBegin && cp < kPresEnd))) set_action(cp, rule.to);
  }
  if (o.persian_letters) {
    // Presentation forms → their compatibility decomposition (NFKC of the single character),
    // without the carrier space of the isolated harakat forms, then through the rules above.
    for (char32_t cp = kPresBegin; cp < kPresEnd; ++cp) {
      if (!(chars::info(cp).flags & chars::kArabic)) continue;
      std::string one;
      utf8::append(one, cp);
      // NFKC of the single character (utf8proc allocates the result with malloc).
      utf8proc_uint8_t* nfkc = utf8proc_NFKC(reinterpret_cast<const utf8proc_uint8_t*>(one.c_str()));
      if (nfkc == nullptr) continue;
      const std::string decomposed(reinterpret_cast<const char*>(nfkc));
      std::free(nfkc);
      if (decomposed == one) continue;
      std::u32string composed;
      for (std::size_t k = 0; k < decomposed.size();) {
        int len = 0;
        const char32_t c = utf8::decode(decomposed, k, len);
        k += static_cast<std::size_t>(len);
        if (c != ' ') composed.push_back(c);
      }
      std::u32string mapped;
      for (char32_t c : composed) mapped += map_one(c);
      // A presentation form of ئ is a glide candidate like ئ itself (extra_letters).
      if (o.extra_letters && mapped == U"\u0626") {
        pres_[cp - kPresBegin] = kGlide;
        continue;
      }
      set_action(cp, mapped);
    }
  }
  if (o.extra_letters) {
    low_[0x0626] = kGlide;
    // A combining hamza on alef or waw would recompose to أ إ ؤ under NFC, which
    // extra_letters writes without hamza; so it goes too.
    low_[0x0654] = kHamzaMark;
    low_[0x0655] = kHamzaMark;
  }
  if (o.digits != NormalizerOptions::Digits::Keep) {
    for (char32_t zero : {U'0', char32_t(0x0660), char32_t(0x06F0)}) {
      for (char32_t d = zero; d < zero + 10; ++d) low_[d] = kDigit;
    }
  }
  if (o.zwnj) {
    zwnj_action_ = kJoiner;
    low_[0x00AD] = kJoiner;
    pres_[0xFEFF - kPresBegin] = kJoiner;
  }
  noop_ = !o.persian_letters && !o.extra_letters && !o.remove_diacritics && !o.kashida && !o.zwnj &&
          o.digits == NormalizerOptions::Digits::Keep;
  filter_ = ByteFilter([this](char32_t cp) { return action(cp) != kKeep; }, false);
}

}  // namespace sokhan::normalize

namespace sokhan::normalize {

void CharPass::set_action(char32_t cp, std::u32string_view replacement) {
  std::string utf8;
  for (char32_t c : replacement) utf8::append(utf8, c);
  replacements_.push_back(std::move(utf8));
  first_of_replacement_.push_back(replacement.empty() ? 0 : replacement.front());
  const auto index = static_cast<std::uint16_t>(replacements_.size() - 1);
  if (cp < kLowEnd) low_[cp] = index;
  else pres_[cp - kPresBegin] = index;
}

// One run of the pass over one text. Unchanged stretches are copied in bulk; every change goes
// through the EditBuilder so the alignment stays exact. Context (the previous letter, the token
// around a digit) is looked up lazily, only where a contextual rule needs it.
struct CharPassRun {
  const CharPass& pass;
  const NormalizerOptions& o;
  std::string_view in;
  EditBuilder b;
  std::size_t i = 0;              // current input byte
  std::size_t context_until = 0;  // the digit context below holds for bytes before this
  bool latin_context = false;
  bool token_latin = false;  // the token around the last digit_context() has a Latin letter
  std::size_t chunk_until = 0;    // the URL/e-mail answer holds for bytes before this
  std::size_t chunk_url_from = std::string_view::npos;  // where that chunk's URL starts

  CharPassRun(const CharPass& p, std::string_view text, bool track)
      : pass(p), o(p.options_), in(text), b(text, track) {}

  void flush() {
    if (i > b.position()) b.copy(i - b.position());
  }

  char32_t decode_at(std::size_t pos, int& len) const { return utf8::decode(in, pos, len); }

  // The code point an input code point becomes (first one, if it becomes several; 0 if deleted).
  char32_t mapped(char32_t cp) const noexcept {
    const std::uint16_t a = pass.action(cp);
    if (a == CharPass::kKeep || a >= CharPass::kFirstSpecial) return cp;
    return pass.first_of_replacement_[a];
  }

  // The last code point written that is not a mark (0 at the start).
  char32_t last_base() {
    flush();
    const std::string& out = b.output();
    // The output only grows: what lies before the last scan's end was scanned then, so a run of
    // marks and joiners is crossed once, not once per joiner in it (text made of nothing but
    // ZWNJs and marks was quadratic).
    std::size_t end = out.size();
    char32_t found = last_base_before_;
    while (end > last_base_at_) {
      int len = 0;
      const char32_t c = utf8::decode_before(out, end, len);
      if (!(chars::info(c).flags & chars::kTransparent)) {
        found = c;
        break;
      }
      end -= static_cast<std::size_t>(len);
    }
    last_base_at_ = out.size();
    last_base_before_ = found;
    return found;
  }
  std::size_t last_base_at_ = 0;  // output size at the last scan,
  char32_t last_base_before_ = 0;  // and the base before that point

  // The next code point from `pos` that will be written and is not a mark, a joiner or a
  // deleted character; 0 at the end of the text.
  char32_t peek_base(std::size_t pos) noexcept {
    // Every start between the last scan's start and the base it found skips to that same base:
    // remembered, so a long run of marks and joiners is crossed once.
    if (pos >= peek_from_ && pos <= peek_at_) return peek_found_;
    const std::size_t from = pos;
    char32_t found = 0;
    std::size_t at = in.size();
    while (pos < in.size()) {
      int len = 0;
      const char32_t cp = utf8::decode(in, pos, len);
      const std::size_t here = pos;
      pos += static_cast<std::size_t>(len);
      if (cp == chars::kZwnj || is_joiner_candidate(cp)) continue;
      if (chars::info(cp).flags & chars::kTransparent) continue;
      if (cp == kTatweel && o.kashida) continue;
      const char32_t m = mapped(cp);
      if (m == 0) continue;
      found = m;
      at = here;
      break;
    }
    peek_from_ = from;
    peek_at_ = at;
    peek_found_ = found;
    return found;
  }
  std::size_t peek_from_ = 1, peek_at_ = 0;  // the last scan (none yet: an empty range)
  char32_t peek_found_ = 0;

  bool may_compose = false;

  static bool composes(char32_t cp) noexcept {
    const chars::CharInfo ci = chars::info(cp);
    return ci.ccc != 0 || (ci.flags & (chars::kNfcMaybe | chars::kNfcNo | chars::kNfkcMaybe | chars::kNfkcNo));
  }

  // After an edit, composition may have to run again if a combining mark follows it or the
  // written text holds one.
  void check_composition(std::string_view written) {
    if (may_compose) return;
    if (i < in.size()) {
      int l = 0;
      if (composes(decode_at(i, l))) { may_compose = true; return; }
    }
    may_compose = any_composes(written);
  }

  // Out of line: inlined into callers that pass short string literals, GCC's array-bounds
  // analysis warns about the 4-byte branch of decode() that those literals never reach.
  [[gnu::noinline]] static bool any_composes(std::string_view written) noexcept {
    for (std::size_t k = 0; k < written.size();) {
      int l = 0;
      if (composes(utf8::decode(written, k, l))) return true;
      k += static_cast<std::size_t>(l);
    }
    return false;
  }

  void emit(std::size_t n, std::string_view text) {
    flush();
    b.replace(n, text);
    i += n;
    check_composition(text);
  }

  void substitute(std::size_t n, std::string_view text) {
    flush();
    b.substitute_same_length(n, text);
    i += n;
    check_composition(text);
  }

  // Characters this pass maps to nothing (diacritics or kashida when removed).
  bool deleted_here(char32_t c) const noexcept {
    const std::uint16_t a = pass.action(c);
    return a != CharPass::kKeep && a < CharPass::kFirstSpecial && pass.replacements_[a].empty();
  }

  // Leaves a joiner run [i, end) as it is, except for what this pass deletes anyway.
  void keep_joiner_run(std::size_t end) {
    while (i < end) {
      int l = 0;
      const char32_t c = decode_at(i, l);
      if (deleted_here(c)) {
        emit(static_cast<std::size_t>(l), "");
      } else {
        i += static_cast<std::size_t>(l);
      }
    }
  }

  void joiner_run() {
    // A run of ZWNJs and misused joiners, decided as one. What this pass deletes between them
    // is part of the run: «\u00AD\u064C\uFEFF» must be decided as the «\u200C\uFEFF» it
    // becomes would be on the next pass.
    std::size_t end = i, joiners_end = i;
    bool only_zwnj = true, any_zwnj = false;
    while (end < in.size()) {
      int l = 0;
      const char32_t c = decode_at(end, l);
      if (c != chars::kZwnj && !is_joiner_candidate(c)) {
        if (!deleted_here(c)) break;
        end += static_cast<std::size_t>(l);
        continue;
      }
      only_zwnj = only_zwnj && c == chars::kZwnj;
      any_zwnj = any_zwnj || c == chars::kZwnj;
      end += static_cast<std::size_t>(l);
      joiners_end = end;
    }
    end = joiners_end;  // deleted characters after the last joiner are left to the main loop
    const char32_t prev = last_base();
    const char32_t next_base = peek_base(end);
    const bool prev_arabic = prev != 0 && is_arabic_letter(prev);
    const bool next_arabic = next_base != 0 && is_arabic_letter(next_base);
    const std::size_t n = end - i;
    if (!any_zwnj && !(prev_arabic && next_arabic)) {
      keep_joiner_run(end);  // ZWJ in emoji, soft hyphen in Latin words: not ours to touch
      return;
    }
    const bool effective = prev_arabic && next_arabic &&
                           (chars::info(prev).flags & chars::kJoinsNext) &&
                           (chars::info(next_base).flags & chars::kJoinsPrev);
    if (effective) {
      if (only_zwnj && n == 3) { i = end; return; }  // already one canonical ZWNJ (nothing deleted)
      emit(n, "\u200C");
      return;
    }
    // Between two non-Arabic letters (Indic scripts) a ZWNJ does matter; keep it.
    const auto letterish = chars::kLetter | chars::kMark;
    if (!prev_arabic && !next_arabic && prev != 0 && next_base != 0 &&
        (chars::info(prev).flags & letterish) && (chars::info(next_base).flags & letterish)) {
      keep_joiner_run(end);
      return;
    }
    emit(n, "");
  }

  // Decides, for the token holding byte i, whether its digits are Latin text: the token (letters,
  // digits, marks, - and _) has a Latin letter, or its white-space chunk is a URL or e-mail.
  // Tokens never overlap, so scanning back stops at the previous token: linear overall.
  void digit_context() {
    if (i >= context_until) find_digit_context();
    // Only digits from where the URL starts are the URL's ("0؟https://..." keeps "0" Persian).
    latin_context = token_latin || (chunk_url_from != std::string_view::npos && i >= chunk_url_from);
  }
  void find_digit_context() {
    std::size_t start = i;
    bool latin = false;
    while (start > context_until) {
      int l = 0;
      const char32_t c = utf8::decode_before(in, start, l);
      if (!is_token_char(c)) break;
      if (chars::info(c).flags & chars::kLatin) latin = true;
      start -= static_cast<std::size_t>(l);
    }
    std::size_t end = i;
    while (end < in.size()) {
      int l = 0;
      const char32_t c = decode_at(end, l);
      if (!is_token_char(c)) break;
      if (chars::info(c).flags & chars::kLatin) latin = true;
      end += static_cast<std::size_t>(l);
    }
    if (!latin && i >= chunk_until) {
      // Chunks never overlap either, so this scan is linear overall too.
      std::size_t cs = start, ce = end;
      while (cs > chunk_until) {
        int l = 0;
        if (is_white(utf8::decode_before(in, cs, l))) break;
        cs -= static_cast<std::size_t>(l);
      }
      while (ce < in.size()) {
        int l = 0;
        if (is_white(decode_at(ce, l))) break;
        ce += static_cast<std::size_t>(l);
      }
      const std::size_t start = url_start(in.substr(cs, ce - cs));
      chunk_url_from = start == std::string_view::npos ? std::string_view::npos : cs + start;
      chunk_until = ce;
    }
    token_latin = latin;
    context_until = std::max(end, i + 1);
  }
  // Characters this pass deletes wherever they stand between digits: a ZWNJ (useless there)
  // and anything mapped to nothing (kashida, diacritics).
  bool dropped_in_number(char32_t c) const noexcept {
    if (c == chars::kZwnj) return o.zwnj;
    return deleted_here(c);
  }

  void number_run() {
    // The maximal run D (S D)* of digits and single separators starting at i. Characters the
    // pass deletes anyway are part of the run (and deleted here), so "2,500.<ZWNJ>12" reads the
    // same before and after the ZWNJ is gone.
    struct Piece { std::size_t pos; int len; char32_t cp; bool drop; };
    std::vector<Piece> run;
    std::size_t k = i, good_end = i, good_size = 0;
    bool after_digit = false;
    while (k < in.size()) {
      int l = 0;
      const char32_t c = decode_at(k, l);
      if (digit_value(c) >= 0) {
        run.push_back({k, l, c, false});
        k += static_cast<std::size_t>(l);
        good_end = k;
        good_size = run.size();
        after_digit = true;
        continue;
      }
      if (dropped_in_number(c)) {
        run.push_back({k, l, c, true});
        k += static_cast<std::size_t>(l);
        continue;
      }
      if (is_number_separator(c) && after_digit) {
        run.push_back({k, l, c, false});
        k += static_cast<std::size_t>(l);
        after_digit = false;
        continue;
      }
      break;
    }
    run.resize(good_size);
    k = good_end;
    using D = NormalizerOptions::Digits;
    const bool to_latin = o.digits == D::Latin;
    if (!to_latin) digit_context();
    if (!to_latin && !latin_context && chunk_url_from != std::string_view::npos && chunk_url_from > i &&
        chunk_url_from < k) {
      // The number runs into an address («3,1@x.com»): its digits from there on are the
      // address's. Converting them would hide the address from the next pass, which would then
      // convert the rest of it.
      while (!run.empty() && (run.back().pos >= chunk_url_from || run.back().drop ||
                              digit_value(run.back().cp) < 0))
        run.pop_back();
      k = run.empty() ? i : run.back().pos + static_cast<std::size_t>(run.back().len);
    }
    if (!to_latin && latin_context) {
      // ATM74, COVID-19, URLs and e-mail addresses keep their digits.
      for (const Piece& p : run) {
        if (!p.drop) continue;
        i = p.pos;
        emit(static_cast<std::size_t>(p.len), "");
      }
      i = k;
      return;
    }
    // Separators follow the target script only in a well-formed number: at most one decimal
    // point, after any thousands separators, and groups of exactly three digits after each
    // thousands separator (2,500.5 and 1.7 convert; 1.2.3 and 1,2 keep their marks).
    std::vector<std::size_t> groups{0};
    std::vector<bool> sep_is_dot;
    for (const Piece& p : run) {
      if (p.drop) continue;
      if (digit_value(p.cp) >= 0) { ++groups.back(); continue; }
      sep_is_dot.push_back(p.cp == '.' || p.cp == kArabicDecimal);
      groups.push_back(0);
    }
    bool well_formed = true;
    bool seen_dot = false;
    for (std::size_t s = 0; s < sep_is_dot.size(); ++s) {
      if (seen_dot) { well_formed = false; break; }
      if (sep_is_dot[s]) { seen_dot = true; continue; }
      if (groups[s + 1] != 3 || (s == 0 && groups[0] > 3)) { well_formed = false; break; }
    }
    const char32_t zero = o.digits == D::Latin ? U'0' : o.digits == D::Persian ? 0x06F0 : 0x0660;
    std::string out;
    for (const Piece& p : run) {
      if (p.drop) {
        i = p.pos;
        emit(static_cast<std::size_t>(p.len), "");
        continue;
      }
      char32_t to = p.cp;
      const int v = digit_value(p.cp);
      if (v >= 0) {
        to = zero + static_cast<char32_t>(v);
      } else if (to_latin) {
        if (p.cp == kArabicDecimal) to = '.';
        else if (p.cp == kArabicThousands) to = ',';
      } else if (well_formed) {
        if (p.cp == '.') to = kArabicDecimal;
        else if (p.cp == ',') to = kArabicThousands;
      }
      if (to == p.cp) {
        i = p.pos + static_cast<std::size_t>(p.len);
        continue;
      }
      out.clear();
      utf8::append(out, to);
      i = p.pos;
      if (static_cast<std::size_t>(p.len) == out.size()) substitute(out.size(), out);
      else emit(static_cast<std::size_t>(p.len), out);
    }
    i = k;
  }

  // Applies a plain (non-contextual) action to the code point at i.
  void apply(std::uint16_t a, int len) {
    const auto n = static_cast<std::size_t>(len);
    if (a == CharPass::kKeep) { i += n; return; }
    const std::string& to = pass.replacements_[a];
    if (to.size() == n && utf8::sequence_length(static_cast<unsigned char>(to[0])) == len) {
      substitute(n, to);
    } else {
      emit(n, to);
    }
  }

  // ئ (or a presentation form of it): ی where it only writes the glide after a long vowel.
  void glide(char32_t cp, int len) {
    const auto n = static_cast<std::size_t>(len);
    const char32_t prev = last_base();
    const bool is_glide = (prev == kAlef || prev == kAlefMadda || prev == kWaw) && peek_base(i + n) == kYeh;
    const std::string_view to = is_glide ? "\u06CC" : "\u0626";
    if (!is_glide && cp == 0x0626) { i += n; return; }
    if (to.size() == n) substitute(n, to);
    else emit(n, to);
  }

  void hamza_mark(int len) {
    const auto n = static_cast<std::size_t>(len);
    const char32_t prev = last_base();
    if (prev == kAlef || prev == kWaw) emit(n, "");
    else i += n;
  }

  AlignedText run() {
    const std::size_t size = in.size();
    while (i < size) {
      i = pass.filter_.skip(in, i);
      if (i >= size) break;
      const auto byte = static_cast<unsigned char>(in[i]);
      int len = 1;
      char32_t cp = byte;
      if (byte >= 0x80) cp = decode_at(i, len);
      const std::uint16_t a = pass.action(cp);
      if (a == CharPass::kKeep) {
        i += static_cast<std::size_t>(len);
        continue;
      }
      switch (a) {
        case CharPass::kJoiner: joiner_run(); continue;
        case CharPass::kDigit: number_run(); continue;
        case CharPass::kGlide: glide(cp, len); continue;
        case CharPass::kHamzaMark: hamza_mark(len); continue;
        default: break;
      }
      apply(a, len);
    }
    flush();
    return std::move(b).finish();
  }
};

AlignedText collapse_repeated_letters(std::string_view text, bool track) {
  // Runs on the char pass's output, where letters are already mapped and kashida/diacritics
  // gone, so what reads as a run is a run («سلاـاام», «ﷲهه»). A maximal run of three or more
  // identical Arabic letters becomes one; digits and Latin text are never touched.
  EditBuilder b(text, track);
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) { ++i; continue; }
    int len = 0;
    const char32_t cp = utf8::decode(text, i, len);
    std::size_t end = i + static_cast<std::size_t>(len);
    if (!is_arabic_letter(cp)) { i = end; continue; }
    int count = 1;
    while (end < text.size()) {
      int l = 0;
      if (utf8::decode(text, end, l) != cp) break;
      end += static_cast<std::size_t>(l);
      ++count;
    }
    if (count >= 3) {
      b.copy(i - b.position());
      b.replace(end - i, text.substr(i, static_cast<std::size_t>(len)));
    }
    i = end;
  }
  return std::move(b).finish();
}

AlignedText CharPass::run(std::string_view text, bool track, bool* may_compose) const {
  CharPassRun r(*this, text, track);
  AlignedText out = r.run();
  if (may_compose) *may_compose = r.may_compose;
  return out;
}

}  // namespace sokhan::normalize
