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

bool is_arabic_letter(char32_t cp) noexcept {
  const auto f = chars::info(cp).flags;
  return (f & chars::kArabic) && (f & chars::kLetter);
}

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
  return cp == '-' || cp == '_' || (chars::info(cp).flags & (chars::kAlnum | chars::kMark));
}

bool is_space(char32_t cp) noexcept {
  return (chars::info(cp).flags & (chars::kHSpace | chars::kNewline)) != 0;
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
      set_action(cp, mapped);
    }
  }
  if (o.extra_letters) low_[0x0626] = kGlide;
  noop_ = !o.persian_letters && !o.extra_letters && !o.remove_diacritics && !o.kashida && !o.zwnj &&
          o.digits == NormalizerOptions::Digits::Keep && !o.repeated_letters;
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
// through the EditBuilder so the alignment stays exact.
struct CharPassRun {
  const CharPass& pass;
  const NormalizerOptions& o;
  std::string_view in;
  EditBuilder b;
  std::size_t i = 0;          // current input byte
  char32_t last_base = 0;     // last written code point that is not a mark (after mapping)
  std::size_t token_start = 0, chunk_start = 0;       // for the digit context
  std::size_t context_until = 0;                      // digit context valid before this byte
  bool latin_context = false;

  CharPassRun(const CharPass& p, std::string_view text, bool track)
      : pass(p), o(p.options_), in(text), b(text, track) {}

  void flush() {
    if (i > b.position()) b.copy(i - b.position());
  }

  char32_t decode_at(std::size_t pos, int& len) const { return utf8::decode(in, pos, len); }

  // The code point an input code point becomes (first one, if it becomes several; 0 if deleted).
  char32_t mapped(char32_t cp) const noexcept {
    const std::uint16_t a = pass.action(cp);
    if (a == CharPass::kKeep || a == CharPass::kGlide) return cp;
    return pass.first_of_replacement_[a];
  }

  // The next code point from `pos` that will be written and is not a mark, a joiner or a
  // deleted character; 0 at the end of the text.
  char32_t peek_base(std::size_t pos) const noexcept {
    while (pos < in.size()) {
      int len = 0;
      const char32_t cp = utf8::decode(in, pos, len);
      pos += static_cast<std::size_t>(len);
      if (cp == chars::kZwnj || is_joiner_candidate(cp)) continue;
      if (chars::info(cp).flags & chars::kTransparent) continue;
      if (cp == kTatweel && o.kashida) continue;
      const char32_t m = mapped(cp);
      if (m == 0) continue;
      return m;
    }
    return 0;
  }

  void emit(std::size_t n, std::string_view text, char32_t written_first) {
    flush();
    b.replace(n, text);
    i += n;
    if (written_first != 0) note_written(text);
  }

  void note_written(std::string_view text) {
    // Remember the last non-mark code point written.
    for (std::size_t k = 0; k < text.size();) {
      int len = 0;
      const char32_t c = utf8::decode(text, k, len);
      k += static_cast<std::size_t>(len);
      if (!(chars::info(c).flags & chars::kTransparent)) last_base = c;
    }
  }

  void joiner_run(std::size_t len0) {
    // A run of ZWNJs and misused joiners, decided as one.
    std::size_t end = i + len0;
    bool only_zwnj = true, any_zwnj = false;
    {
      int l = 0;
      const char32_t c = decode_at(i, l);
      only_zwnj = c == chars::kZwnj;
      any_zwnj = only_zwnj;
    }
    while (end < in.size()) {
      int l = 0;
      const char32_t c = decode_at(end, l);
      if (c != chars::kZwnj && !is_joiner_candidate(c)) break;
      only_zwnj = only_zwnj && c == chars::kZwnj;
      any_zwnj = any_zwnj || c == chars::kZwnj;
      end += static_cast<std::size_t>(l);
    }
    const char32_t prev = last_base;
    int l = 0;
    const char32_t next = end < in.size() ? mapped(decode_at(end, l)) : 0;
    const char32_t next_base = peek_base(end);
    const bool prev_arabic = prev != 0 && is_arabic_letter(prev);
    const bool next_arabic = next_base != 0 && is_arabic_letter(next_base);
    const std::size_t n = end - i;
    if (!any_zwnj && !(prev_arabic && next_arabic)) {
      i = end;  // ZWJ in emoji, soft hyphen in Latin words: not ours to touch
      return;
    }
    const bool effective = prev_arabic && next_arabic &&
                           (chars::info(prev).flags & chars::kJoinsNext) &&
                           (chars::info(next_base).flags & chars::kJoinsPrev) && next != 0;
    if (effective) {
      if (only_zwnj && n == 3) { i = end; return; }  // already one canonical ZWNJ
      emit(n, "\u200C", 0);
      return;
    }
    // Between two non-Arabic letters (Indic scripts) a ZWNJ does matter; keep it.
    const auto letterish = chars::kLetter | chars::kMark;
    if (!prev_arabic && !next_arabic && prev != 0 && next_base != 0 &&
        (chars::info(prev).flags & letterish) && (chars::info(next_base).flags & letterish)) {
      i = end;
      return;
    }
    emit(n, "", 0);
  }

  // Establishes, for the token and chunk holding byte i, whether digits there are Latin text.
  void digit_context() {
    if (i < context_until) return;
    std::size_t end = i;
    bool latin = false;
    for (std::size_t k = token_start; k < in.size();) {
      int l = 0;
      const char32_t c = decode_at(k, l);
      if (!is_token_char(c)) { end = k; break; }
      if (chars::info(c).flags & chars::kLatin) latin = true;
      k += static_cast<std::size_t>(l);
      end = k;
    }
    std::size_t chunk_end = end;
    while (chunk_end < in.size()) {
      int l = 0;
      if (is_space(decode_at(chunk_end, l))) break;
      chunk_end += static_cast<std::size_t>(l);
    }
    latin_context = latin || is_url_or_email(in.substr(chunk_start, chunk_end - chunk_start));
    context_until = end;
  }

  void number_run() {
    // The maximal run D (S D)* of digits and single separators starting at i.
    struct Piece { std::size_t pos; int len; char32_t cp; };
    std::vector<Piece> run;
    std::size_t k = i;
    while (k < in.size()) {
      int l = 0;
      const char32_t c = decode_at(k, l);
      if (digit_value(c) >= 0) {
        run.push_back({k, l, c});
        k += static_cast<std::size_t>(l);
        continue;
      }
      if (is_number_separator(c) && !run.empty() && digit_value(run.back().cp) >= 0) {
        const std::size_t after = k + static_cast<std::size_t>(l);
        int l2 = 0;
        if (after < in.size() && digit_value(decode_at(after, l2)) >= 0) {
          run.push_back({k, l, c});
          k = after;
          continue;
        }
      }
      break;
    }
    using D = NormalizerOptions::Digits;
    const bool to_latin = o.digits == D::Latin;
    if (!to_latin) digit_context();
    if (!to_latin && latin_context) {
      i = k;  // ATM74, COVID-19, URLs and e-mail addresses keep their digits
      last_base = run.back().cp;
      return;
    }
    // Separators follow the target script only in a well-formed number: at most one decimal
    // point, after any thousands separators, and groups of exactly three digits after each
    // thousands separator (2,500.5 and 1.7 convert; 1.2.3 and 1,2 keep their marks).
    std::vector<std::size_t> groups{0};
    std::vector<bool> sep_is_dot;
    for (const Piece& p : run) {
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
      if (static_cast<std::size_t>(p.len) == out.size()) {
        flush();
        b.substitute_same_length(out.size(), out);
        i += out.size();
      } else {
        emit(static_cast<std::size_t>(p.len), out, to);
      }
    }
    i = k;
    last_base = run.back().cp;
  }

  void repeated_run(char32_t cp, int len, std::uint16_t a) {
    // Three or more identical Arabic letters (after mapping) become one.
    const char32_t m = mapped(cp);
    std::size_t end = i + static_cast<std::size_t>(len);
    int count = 1;
    while (end < in.size()) {
      int l = 0;
      const char32_t c = decode_at(end, l);
      if (mapped(c) != m) break;
      end += static_cast<std::size_t>(l);
      ++count;
    }
    if (count < 3) {
      if (a == CharPass::kKeep) { i += static_cast<std::size_t>(len); last_base = cp; return; }
      emit(static_cast<std::size_t>(len), pass.replacements_[a], m);
      return;
    }
    std::string one;
    utf8::append(one, m);
    emit(end - i, one, m);
  }

  AlignedText run() {
    const bool convert_digits = o.digits != NormalizerOptions::Digits::Keep;
    while (i < in.size()) {
      const auto byte = static_cast<unsigned char>(in[i]);
      if (byte < 0x80) {
        if (convert_digits && byte >= '0' && byte <= '9') { number_run(); continue; }
        const char32_t c = byte;
        if (!is_token_char(c)) token_start = i + 1;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') chunk_start = i + 1;
        last_base = c;
        ++i;
        continue;
      }
      int len = 0;
      const char32_t cp = decode_at(i, len);
      if (!is_token_char(cp)) token_start = i + static_cast<std::size_t>(len);
      if (is_space(cp)) chunk_start = i + static_cast<std::size_t>(len);
      if (o.zwnj && (cp == chars::kZwnj || is_joiner_candidate(cp))) { joiner_run(static_cast<std::size_t>(len)); continue; }
      if (convert_digits && digit_value(cp) >= 0) { number_run(); continue; }
      const std::uint16_t a = pass.action(cp);
      if (o.repeated_letters && a != CharPass::kGlide && is_arabic_letter(mapped(cp))) {
        repeated_run(cp, len, a);
        continue;
      }
      if (a == CharPass::kKeep) {
        if (!(chars::info(cp).flags & chars::kTransparent)) last_base = cp;
        i += static_cast<std::size_t>(len);
        continue;
      }
      if (a == CharPass::kGlide) {
        const bool glide = (last_base == kAlef || last_base == kAlefMadda || last_base == kWaw) &&
                           peek_base(i + static_cast<std::size_t>(len)) == kYeh;
        if (glide) {
          flush();
          b.substitute_same_length(static_cast<std::size_t>(len), "\u06CC");
          i += static_cast<std::size_t>(len);
          last_base = kYeh;
        } else {
          last_base = cp;
          i += static_cast<std::size_t>(len);
        }
        continue;
      }
      const std::string& to = pass.replacements_[a];
      const char32_t first = pass.first_of_replacement_[a];
      if (to.size() == static_cast<std::size_t>(len) && utf8::count_codepoints(to) == 1) {
        flush();
        b.substitute_same_length(to.size(), to);
        i += to.size();
        if (!(chars::info(first).flags & chars::kTransparent)) last_base = first;
      } else {
        emit(static_cast<std::size_t>(len), to, first);
      }
    }
    flush();
    return std::move(b).finish();
  }
};

AlignedText CharPass::run(std::string_view text, bool track) const {
  CharPassRun r(*this, text, track);
  return r.run();
}

}  // namespace sokhan::normalize
