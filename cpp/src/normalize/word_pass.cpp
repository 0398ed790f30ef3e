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

// Word characters encoded in two bytes (U+0080-07FF: the Arabic block, where nearly all Persian
// text lives), as a bit per leading byte pair, so the scan reads one bit per letter.
struct TwoByteWordChars {
  std::vector<std::uint64_t> bits = std::vector<std::uint64_t>(65536 / 64, 0);
  TwoByteWordChars() {
    for (char32_t cp = 0x80; cp < 0x800; ++cp) {
      if (!is_word_char(cp)) continue;
      const unsigned key = ((0xC0 | (cp >> 6)) << 8) | (0x80 | (cp & 0x3F));
      bits[key >> 6] |= std::uint64_t{1} << (key & 63);
    }
  }
  bool test(const unsigned char* p) const noexcept {
    const unsigned key = (unsigned(p[0]) << 8) | p[1];
    return (bits[key >> 6] >> (key & 63)) & 1;
  }
};

// The next word starting at or after `from`, or an empty one at the end of the text.
Word next_word(std::string_view text, std::size_t from) {
  static const TwoByteWordChars two;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  // Length of the word character at i (0 if none); ZWNJ counts and is reported.
  auto word_char = [&](std::size_t i, bool& zwnj) -> std::size_t {
    const unsigned char lead = s[i];
    if (lead < 0x80) return 0;
    if (lead < 0xE0) return i + 1 < n && two.test(s + i) ? 2 : 0;
    if (lead == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0x8C) {
      zwnj = true;
      return 3;
    }
    int len = 0;
    return is_word_char(utf8::decode(text, i, len)) ? static_cast<std::size_t>(len) : 0;
  };
  std::size_t i = from;
  while (i < n) {
    bool zwnj = false;
    const std::size_t len = word_char(i, zwnj);
    if (len == 0 || zwnj) {  // a word never starts with ZWNJ
      i += len ? len : static_cast<std::size_t>(utf8::sequence_length(s[i]));
      continue;
    }
    const std::size_t begin = i;
    i += len;
    for (;;) {
      while (i + 1 < n && two.test(s + i)) i += 2;  // the common case: Arabic-block letters
      if (i >= n) break;
      const std::size_t l = word_char(i, zwnj);
      if (l == 0) break;
      i += l;
    }
    return {begin, i, zwnj};
  }
  return {n, n, false};
}

bool only_horizontal_space(std::string_view gap) noexcept {
  if (gap.size() == 1) return gap[0] == ' ' || gap[0] == '\t';
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
    const Affix* cur_prefix = nullptr;
    const Affix* cur_suffix = nullptr;
    // A one-letter word («و») is no compound and no affix: no need to hash it.
    const std::string_view* found = word.size() <= 3 ? nullptr : r.words.find(word, WordSet::hash(word));
    if (found) {
      if (*found == Rules::kAffixMarker) {
        cur_prefix = find_affix(r.prefixes, current, r.prefix_lengths);
        cur_suffix = find_affix(r.suffixes, current, r.suffix_lengths);
      } else if (o.repair_compounds && !w.has_zwnj) {
        current = *found;  // a repaired compound (it has a ZWNJ) is never an affix
      }
    }
    bool join = false;
    if (o.zwnj && have_prev && (prev_prefix || cur_suffix) &&
        only_horizontal_space(text.substr(prev_end, w.begin - prev_end))) {
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
