#include "normalize/word_pass.hpp"

#include <vector>

#include "normalize/rules.hpp"
#include "sokhan/utf8.hpp"
#include "text/char_class.hpp"

namespace sokhan::normalize {

namespace {

// An Arabic-script word: letters, marks and the ZWNJs between them.
bool is_word_char(char32_t cp) noexcept {
  if (cp == chars::kZwnj) return true;
  const auto f = chars::info(cp).flags;
  return (f & chars::kArabic) && (f & (chars::kLetter | chars::kMark));
}

struct Word {
  std::size_t begin, end;  // bytes in the input
  bool has_zwnj;
};

// Word characters of the Arabic block (U+0600-06FF), where nearly all Persian text lives, so
// the scan decodes two bytes and reads one table entry per letter.
struct ArabicBlock {
  bool word[0x100];
  ArabicBlock() {
    for (char32_t cp = 0x600; cp < 0x700; ++cp) word[cp - 0x600] = is_word_char(cp);
  }
};

// The next word starting at or after `from`, or an empty one at the end of the text.
Word next_word(std::string_view text, std::size_t from) {
  static const ArabicBlock block;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  bool zwnj = false;
  // Arabic-block letters decode from two bytes and one table entry; ZWNJ (E2 80 8C) is noted.
  auto word_char_at = [&](std::size_t i, int& len) {
    const unsigned char lead = s[i];
    if (lead >= 0xD8 && lead <= 0xDB && i + 1 < n) {
      len = 2;
      return block.word[((lead & 0x03) << 6) | (s[i + 1] & 0x3F)];
    }
    if (lead < 0x80) { len = 1; return false; }
    if (lead == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0x8C) {
      len = 3;
      zwnj = true;
      return true;
    }
    return is_word_char(utf8::decode(text, i, len));
  };
  std::size_t i = from;
  while (i < n) {
    int len = 1;
    if (!word_char_at(i, len) || zwnj) {  // a word never starts with ZWNJ
      zwnj = false;
      i += static_cast<std::size_t>(len);
      continue;
    }
    const std::size_t begin = i;
    i += static_cast<std::size_t>(len);
    while (i < n && word_char_at(i, len)) i += static_cast<std::size_t>(len);
    return {begin, i, zwnj};
  }
  return {n, n, false};
}

bool only_horizontal_space(std::string_view gap) noexcept {
  if (gap.empty()) return false;
  for (std::size_t i = 0; i < gap.size();) {
    int len = 0;
    const char32_t cp = utf8::decode(gap, i, len);
    if (!(chars::info(cp).flags & chars::kHSpace)) return false;
    i += static_cast<std::size_t>(len);
  }
  return true;
}

std::size_t letters(std::string_view word) noexcept { return utf8::count_codepoints(word); }

bool condition_holds(AffixCondition c, std::string_view neighbour, const Rules& r) {
  switch (c) {
    case AffixCondition::Verb: return r.verbs_after_mi.contains(neighbour);
    case AffixCondition::Word: return true;
    case AffixCondition::Adjective: return r.adjectives.contains(neighbour);
    case AffixCondition::EndsWithHeh:
      // Two-letter function words (که، چه، نه، به) end in ه too; «که ای کاش» must stay apart.
      return letters(neighbour) >= 3 && neighbour.size() >= 2 &&
             neighbour.substr(neighbour.size() - 2) == "\u0647";
  }
  return false;
}

const Affix* find_affix(const std::vector<Affix>& list, std::string_view word, std::uint64_t lengths) {
  // Affixes are short and few: most words are ruled out by their length, then their first letter.
  if (word.size() >= 64 || !((lengths >> word.size()) & 1)) return nullptr;
  for (const Affix& a : list) {
    if (a.text[1] != word[1] || a.text[0] != word[0]) continue;
    if (a.text == word) return &a;
  }
  return nullptr;
}

bool joins_forward(std::string_view word) {
  int len = 0;
  const char32_t last = utf8::decode_before(word, word.size(), len);
  return (chars::info(last).flags & chars::kJoinsNext) != 0;
}

}  // namespace

AlignedText word_pass(std::string_view text, const NormalizerOptions& o, bool track) {
  const Rules& r = rules();
  EditBuilder b(text, track);
  // The previous word as it reads in the output (after repair or joining), for the conditions.
  std::string_view prev;
  std::string prev_buf, joined_buf;
  std::size_t prev_end = 0;
  bool have_prev = false;
  // Whether the previous word is itself an affix, remembered from when it was the current one.
  const Affix* prev_prefix = nullptr;
  bool prev_is_affix = false;
  for (Word w = next_word(text, 0); w.begin < w.end; w = next_word(text, w.end)) {
    const std::string_view word = text.substr(w.begin, w.end - w.begin);
    std::string_view current = word;
    if (o.repair_compounds && !w.has_zwnj) {
      if (const std::string_view* fixed = r.compounds.find(word)) current = *fixed;
    }
    const Affix* cur_prefix = find_affix(r.prefixes, current, r.prefix_lengths);
    const Affix* cur_suffix = find_affix(r.suffixes, current, r.suffix_lengths);
    bool join = false;
    if (o.zwnj && have_prev && only_horizontal_space(text.substr(prev_end, w.begin - prev_end))) {
      if (prev_prefix) join = condition_holds(prev_prefix->condition, current, r);
      // A suffix never attaches to another affix: «ها ها ها» is laughter, not a plural.
      if (!join && cur_suffix && !prev_is_affix) join = condition_holds(cur_suffix->condition, prev, r);
    }
    const bool zwnj = join && joins_forward(prev);
    if (join) {
      // The gap becomes a ZWNJ after a letter that joins forward, and nothing otherwise.
      b.copy(prev_end - b.position());
      b.replace(w.begin - prev_end, zwnj ? "\u200C" : "");
    } else {
      b.copy(w.begin - b.position());
    }
    if (current.data() != word.data()) b.replace(word.size(), current);
    else b.copy(word.size());
    if (join) {
      joined_buf.assign(prev);
      if (zwnj) joined_buf += "\u200C";
      joined_buf += current;
      prev_buf.swap(joined_buf);
      prev = prev_buf;
      prev_prefix = nullptr;  // a joined word is no longer a bare affix
      prev_is_affix = false;
    } else {
      prev = current;
      prev_prefix = cur_prefix;
      prev_is_affix = cur_prefix || cur_suffix;
    }
    have_prev = true;
    prev_end = w.end;
  }
  return std::move(b).finish();
}

}  // namespace sokhan::normalize
