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
};

std::vector<Word> find_words(std::string_view text) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) { ++i; continue; }
    int len = 0;
    char32_t cp = utf8::decode(text, i, len);
    if (!is_word_char(cp) || cp == chars::kZwnj) { i += static_cast<std::size_t>(len); continue; }
    const std::size_t begin = i;
    while (i < text.size()) {
      cp = utf8::decode(text, i, len);
      if (!is_word_char(cp)) break;
      i += static_cast<std::size_t>(len);
    }
    words.push_back({begin, i});
  }
  return words;
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

bool has_zwnj(std::string_view word) noexcept { return word.find("\u200C") != std::string_view::npos; }

std::size_t letters(std::string_view word) noexcept { return utf8::count_codepoints(word); }

bool condition_holds(AffixCondition c, std::string_view neighbour, const Rules& r) {
  switch (c) {
    case AffixCondition::Verb: return r.verbs_after_mi.count(neighbour) > 0;
    case AffixCondition::Word: return true;
    case AffixCondition::Adjective: return r.adjectives.count(neighbour) > 0;
    case AffixCondition::EndsWithHeh:
      // Two-letter function words (که، چه، نه، به) end in ه too; «که ای کاش» must stay apart.
      return letters(neighbour) >= 3 && neighbour.size() >= 2 &&
             neighbour.substr(neighbour.size() - 2) == "\u0647";
  }
  return false;
}

const Affix* find_affix(const std::vector<Affix>& list, std::string_view word) {
  for (const Affix& a : list) {
    if (a.text == word) return &a;
  }
  return nullptr;
}

}  // namespace

AlignedText word_pass(std::string_view text, const NormalizerOptions& o, bool track) {
  const Rules& r = rules();
  const std::vector<Word> words = find_words(text);
  EditBuilder b(text, track);
  // The word written last, as it reads in the output (after repair or joining), for conditions.
  std::string prev_out;
  bool have_prev = false;
  std::size_t prev_end = 0;
  std::string current;
  for (std::size_t w = 0; w < words.size(); ++w) {
    const std::string_view word = text.substr(words[w].begin, words[w].end - words[w].begin);
    current.assign(word);
    if (o.repair_compounds && !has_zwnj(word) && word.size() <= r.longest_compound_key) {
      auto it = r.compounds.find(word);
      if (it != r.compounds.end()) current.assign(it->second);
    }
    bool join = false;
    if (o.zwnj && have_prev &&
        only_horizontal_space(text.substr(prev_end, words[w].begin - prev_end))) {
      if (const Affix* p = find_affix(r.prefixes, prev_out)) {
        join = condition_holds(p->condition, current, r);
      }
      if (!join) {
        if (const Affix* s = find_affix(r.suffixes, current)) join = condition_holds(s->condition, prev_out, r);
      }
    }
    if (join) {
      // The gap becomes a ZWNJ after a letter that joins forward, and nothing otherwise.
      int len = 0;
      const char32_t last = utf8::decode_before(prev_out, prev_out.size(), len);
      const bool zwnj = (chars::info(last).flags & chars::kJoinsNext) != 0;
      b.copy(prev_end - b.position());
      b.replace(words[w].begin - prev_end, zwnj ? "\u200C" : "");
    } else {
      b.copy(words[w].begin - b.position());
    }
    if (current != word) b.replace(word.size(), current);
    else b.copy(word.size());
    if (join) {
      int len = 0;
      const char32_t last = utf8::decode_before(prev_out, prev_out.size(), len);
      if (chars::info(last).flags & chars::kJoinsNext) prev_out += "\u200C";
      prev_out += current;
    } else {
      prev_out = current;
    }
    have_prev = true;
    prev_end = words[w].end;
  }
  return std::move(b).finish();
}

}  // namespace sokhan::normalize
