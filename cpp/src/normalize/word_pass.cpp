#include "normalize/word_pass.hpp"

#include <bit>
#include <optional>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "normalize/rules.hpp"
#include "sokhan/utf8.hpp"
#include "text/char_class.hpp"
#include "text/load_le.hpp"

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
// text lives), one byte per pair of bytes, indexed by the pair as a little-endian 16-bit load
// (first byte low), so a word's letters are tested straight from a 64-bit load of the text.
// 64 KiB, but text touches few of its lines (Persian letters: the 64 lines of their second
// bytes), so it stays in cache.
struct TwoByteWordChars {
  std::vector<std::uint8_t> is_word = std::vector<std::uint8_t>(65536, 0);
  TwoByteWordChars() {
    for (char32_t cp = 0x80; cp < 0x800; ++cp) {
      if (is_word_char(cp)) is_word[(0xC0 | (cp >> 6)) | ((0x80 | (cp & 0x3F)) << 8)] = 1;
    }
  }
};

const std::uint8_t* two_byte_word_chars() {
  static const TwoByteWordChars table;
  return table.is_word.data();
}

// Finds words: maximal runs of word characters, not starting with a ZWNJ.
class WordScanner {
 public:
  explicit WordScanner(std::string_view text)
      : is_word_(two_byte_word_chars()),
        text_(text),
        s_(reinterpret_cast<const unsigned char*>(text.data())),
        n_(text.size()) {}

  // The next word starting at or after `from`, or an empty one at the end of the text.
  //
  // Scanning a word letter by letter makes every word wait for the end of the one before (a
  // chain of loads, table loads and a branch that mispredicts once per word). Instead, 16
  // bytes at a time, the run of non-ASCII bytes is found from their top bits: in Persian text
  // that run is the word, and checking that it holds two-byte word characters only (and ends
  // in the window) is a branch that is nearly always true. Before the run there are only
  // ASCII bytes, which no word holds. Any other run (a ZWNJ, a digit or a ، next to the word,
  // a long word, a run that reaches the end of the window) is read exactly from its first
  // character: a word starts there, or that one character is passed over and the 16-byte scan
  // goes on (so Latin text with a few curly quotes is not read a byte at a time).
  //
  // The common cases are handled here; everything else goes to next_any, kept out of line so
  // that this stays small enough to inline into the word loop.
  Word next(std::size_t from) const {
    while (from + 32 <= n_) {
      const Window v = window(from);
      if (v.word) return {v.run, v.run + v.length, false};
      if (v.run < from + 16) return next_any(v.run);
      from = v.run;  // 16 ASCII bytes: Latin text, digits, spaces
    }
    return next_any(from);
  }

 private:
  // What the 16 bytes from `from` hold (32 bytes must be left).
  struct Window {
    std::size_t run;     // the first non-ASCII byte; from + 16 if there is none
    bool word;           // the run is a word: two-byte word characters only, ending in the window
    std::size_t length;  // the run's length in bytes (when it is a word)
  };
  Window window(std::size_t from) const noexcept {
    const unsigned high = non_ascii_bits(s_ + from);
    if (high == 0) return {from + 16, false, 0};
    const int start = std::countr_zero(high);
    const int len = std::countr_one(high >> start);
    const std::size_t run = from + static_cast<std::size_t>(start);
    const bool word = start + len < 16 && 2 * pairs_in_run(run) == len;
    return {run, word, static_cast<std::size_t>(len)};
  }

  // next() for any text: next() hands over at a run it could not settle, and near the end.
#if defined(__GNUC__) || defined(__clang__)
  __attribute__((noinline))
#endif
  Word next_any(std::size_t from) const {
    while (from + 32 <= n_) {
      const Window v = window(from);
      if (v.word) return {v.run, v.run + v.length, false};
      if (v.run == from + 16) {
        from = v.run;
        continue;
      }
      if (is_word_start(v.run)) return word_from(v.run);
      from = v.run + static_cast<std::size_t>(utf8::sequence_length(s_[v.run]));
    }
    for (std::size_t i = from; i < n_; i += static_cast<std::size_t>(utf8::sequence_length(s_[i]))) {
      if (is_word_start(i)) return word_from(i);
    }
    return {n_, n_, false};
  }

  // Bit k: byte p[k] is not ASCII (k < 16).
  static unsigned non_ascii_bits(const unsigned char* p) noexcept {
#if defined(__SSE2__)
    return static_cast<unsigned>(
        _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))));
#else
    // The top bit of each byte, gathered into the top byte by one multiply.
    auto gather = [](std::uint64_t w) {
      return static_cast<unsigned>(((w & 0x8080808080808080ULL) * 0x0002040810204081ULL) >> 56);
    };
    return gather(load64_le(p)) | gather(load64_le(p + 8)) << 8;
#endif
  }

  // How many two-byte word characters follow each other from `i` (at most 8; needs 16 bytes).
  // Past a character that is not one the pairs are out of step, but only the leading run of
  // hits counts, and each of those is a real character.
  int pairs_in_run(std::size_t i) const noexcept {
    const std::uint64_t a = load64_le(s_ + i), b = load64_le(s_ + i + 8);
    const unsigned hits = is_word_[a & 0xFFFF] | is_word_[(a >> 16) & 0xFFFF] << 1 |
                          is_word_[(a >> 32) & 0xFFFF] << 2 | is_word_[a >> 48] << 3 |
                          is_word_[b & 0xFFFF] << 4 | is_word_[(b >> 16) & 0xFFFF] << 5 |
                          is_word_[(b >> 32) & 0xFFFF] << 6 | is_word_[b >> 48] << 7;
    return std::countr_one(hits);
  }

  // Whether a word starts at character `i`: a word character, not a ZWNJ.
  bool is_word_start(std::size_t i) const noexcept {
    if (s_[i] < 0x80) return false;
    if (i + 1 < n_ && two_byte(s_ + i)) return true;  // the common one: an Arabic-block letter
    bool zwnj = false;
    return other_word_char(i, zwnj) != 0 && !zwnj;
  }

  // The word that starts at `begin`, one character at a time: exact for any text.
  Word word_from(std::size_t begin) const {
    std::size_t i = begin;
    bool has_zwnj = false;
    for (;;) {
      i = two_byte_run(i);
      if (i >= n_) break;
      const std::size_t l = other_word_char(i, has_zwnj);
      if (l == 0) break;
      i += l;
    }
    return {begin, i, has_zwnj};
  }

  // The end of the run of two-byte word characters starting at `i`, eight at a time.
  std::size_t two_byte_run(std::size_t i) const noexcept {
    while (i + 16 <= n_) {
      const int run = pairs_in_run(i);
      i += 2 * static_cast<std::size_t>(run);
      if (run < 8) return i;
    }
    while (i + 1 < n_ && two_byte(s_ + i)) i += 2;
    return i;
  }

  // Length of the word character at i (0 if none) when it is not a two-byte one (the caller
  // tested those with two_byte); ZWNJ counts and is reported.
  std::size_t other_word_char(std::size_t i, bool& zwnj) const noexcept {
    const unsigned char lead = s_[i];
    if (lead < 0xE0) return 0;  // ASCII, or two bytes that two_byte said no to
    if (lead == 0xE2 && i + 2 < n_ && s_[i + 1] == 0x80 && s_[i + 2] == 0x8C) {
      zwnj = true;
      return 3;
    }
    int len = 0;
    return is_word_char(utf8::decode(text_, i, len)) ? static_cast<std::size_t>(len) : 0;
  }

  bool two_byte(const unsigned char* p) const noexcept { return is_word_[p[0] | (unsigned(p[1]) << 8)]; }

  const std::uint8_t* is_word_;  // TwoByteWordChars
  std::string_view text_;
  const unsigned char* s_;
  std::size_t n_;
};

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
  const WordScanner scanner(text);
  for (Word w = scanner.next(0); w.begin < w.end; w = scanner.next(w.end)) {
    const std::string_view word = text.substr(w.begin, w.end - w.begin);
    std::string_view current = word;
    const Affix* cur_prefix = nullptr;
    const Affix* cur_suffix = nullptr;
    // A one-letter word («و») is no compound and no affix: no need to hash it.
    const std::optional<std::string_view> found =
        word.size() <= 3 ? std::nullopt : r.words.find(word, WordSet::hash(word));
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
    // Unchanged text is copied only up to the next edit (and by finish() after the last), in
    // one call, not word by word: most words are left as they are.
    if (join) {
      // The gap becomes a ZWNJ after a letter that joins forward, and nothing otherwise.
      b.copy(prev_end - b.position());
      b.replace(w.begin - prev_end, zwnj ? "\u200C" : "");
    }
    if (current.data() != word.data()) {
      b.copy(w.begin - b.position());
      b.replace(word.size(), current);
    }
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
