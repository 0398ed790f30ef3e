#include "normalize/rules.hpp"

#include <algorithm>
#include <cstring>

#include "data/embedded.hpp"
#include "sokhan/error.hpp"
#include "sokhan/utf8.hpp"
#include "text/char_class.hpp"

namespace sokhan::normalize {

namespace {

constexpr std::string_view kCharacters = "normalize/characters.tsv";
constexpr std::string_view kPunctuation = "normalize/punctuation.tsv";
constexpr std::string_view kAffixes = "normalize/affixes.tsv";

[[noreturn]] void bad_row(std::string_view path, std::size_t line, const std::string& why) {
  throw Error("cpp/data/" + std::string(path) + ":" + std::to_string(line) + ": " + why);
}

// The single code point of a field, or an error naming the row.
char32_t single(std::string_view field, std::string_view path, std::size_t line) {
  int len = 0;
  if (field.empty() || utf8::find_invalid(field)) bad_row(path, line, "expected one character");
  const char32_t cp = utf8::decode(field, 0, len);
  if (static_cast<std::size_t>(len) != field.size()) bad_row(path, line, "expected one character");
  return cp;
}

void load_characters(Rules& r) {
  data::for_each_row(kCharacters, 3, [&](const auto& f, std::size_t line) {
    static const std::unordered_map<std::string_view, CharRule::Group> groups = {
        {"persian_letters", CharRule::Group::PersianLetters},
        {"extra_letters", CharRule::Group::ExtraLetters},
        {"extra_letters_glide", CharRule::Group::ExtraLettersGlide},
        {"diacritics", CharRule::Group::Diacritics},
        {"kashida", CharRule::Group::Kashida},
        {"zwnj_joiner", CharRule::Group::Joiner}};
    auto g = groups.find(f[0]);
    if (g == groups.end()) bad_row(kCharacters, line, "unknown option '" + std::string(f[0]) + "'");
    std::u32string to;
    if (f[2] != "-") {
      std::size_t start = 0;
      while (start < f[2].size()) {
        std::size_t sp = f[2].find(' ', start);
        if (sp == std::string_view::npos) sp = f[2].size();
        to.push_back(data::parse_codepoint(f[2].substr(start, sp - start), kCharacters, line));
        start = sp + 1;
      }
    }
    const std::string_view from = f[1];
    const std::size_t dots = from.find("..");
    const char32_t first = data::parse_codepoint(from.substr(0, dots), kCharacters, line);
    const char32_t last = dots == std::string_view::npos
                              ? first
                              : data::parse_codepoint(from.substr(dots + 2), kCharacters, line);
    for (char32_t cp = first; cp <= last; ++cp) r.chars[cp] = CharRule{g->second, to};
  });
}

void load_punctuation(Rules& r) {
  data::for_each_row(kPunctuation, 2, [&](const auto& f, std::size_t line) {
    const char32_t cp = single(f[1], kPunctuation, line);
    if (cp >= 0x10000) bad_row(kPunctuation, line, "punctuation must be in the BMP");
    if (f[0] == "persian") {
      if (f.size() < 3) bad_row(kPunctuation, line, "persian needs a Latin and a Persian mark");
      r.persian_punctuation[cp] = single(f[2], kPunctuation, line);
      r.punct[cp] |= kPersianizable;
    } else if (f[0] == "no_space_before") {
      r.punct[cp] |= kNoSpaceBefore;
    } else if (f[0] == "no_space_after") {
      r.punct[cp] |= kNoSpaceAfter;
    } else if (f[0] == "space_after") {
      r.punct[cp] |= kSpaceAfter;
    } else {
      bad_row(kPunctuation, line, "unknown rule '" + std::string(f[0]) + "'");
    }
  });
}

void load_affixes(Rules& r) {
  data::for_each_row(kAffixes, 3, [&](const auto& f, std::size_t line) {
    static const std::unordered_map<std::string_view, AffixCondition> conditions = {
        {"verb", AffixCondition::Verb},
        {"word", AffixCondition::Word},
        {"adjective", AffixCondition::Adjective},
        {"ends_with_heh", AffixCondition::EndsWithHeh}};
    auto c = conditions.find(f[2]);
    if (c == conditions.end()) bad_row(kAffixes, line, "unknown condition '" + std::string(f[2]) + "'");
    if (f[1].size() < 2 || f[1].size() >= 64) bad_row(kAffixes, line, "affix length out of range");
    r.words.insert(f[1], Rules::kAffixMarker);
    if (f[0] == "prefix") {
      r.prefixes.push_back({f[1], c->second});
      r.prefix_lengths |= std::uint64_t{1} << f[1].size();
    } else if (f[0] == "suffix") {
      r.suffixes.push_back({f[1], c->second});
      r.suffix_lengths |= std::uint64_t{1} << f[1].size();
    } else {
      bad_row(kAffixes, line, "unknown kind '" + std::string(f[0]) + "'");
    }
  });
}

// Data rows in a file at most: its line count (comments and blank lines included).
std::size_t max_rows(std::string_view path) {
  const std::string_view content = data::file(path);
  return static_cast<std::size_t>(std::count(content.begin(), content.end(), '\n')) + 1;
}

void load_lexicons(Rules& r) {
  r.words.reserve(r.words.size() + max_rows("normalize/compounds.tsv"));
  r.verbs_after_mi.reserve(max_rows("normalize/verb_after_mi.tsv"));
  r.adjectives.reserve(max_rows("normalize/adjectives.tsv"));
  data::for_each_row("normalize/compounds.tsv", 2,
                     [&](const auto& f, std::size_t) { r.words.insert(f[0], f[1]); });
  data::for_each_row("normalize/verb_after_mi.tsv", 1,
                     [&](const auto& f, std::size_t) { r.verbs_after_mi.insert(f[0]); });
  data::for_each_row("normalize/adjectives.tsv", 1,
                     [&](const auto& f, std::size_t) { r.adjectives.insert(f[0]); });
}

Rules build() {
  Rules r;
  load_characters(r);
  load_punctuation(r);
  // The spacing pass stops only at these; everything else is copied in bulk.
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    const auto f = chars::info(cp).flags;
    if (r.punct[cp] || (f & (chars::kHSpace | chars::kNewline)) || cp == ':' || cp == ';' ||
        cp == '=' || cp == '.')
      r.punct[cp] |= kSpacingSpecial;
  }
  // A plain space is special only before another space or a line end (or at the end of the
  // text); a space next to punctuation is handled from the punctuation's side. Lead bytes of
  // non-ASCII spaces and line separators (C2, E2, E3) are marked too.
  r.spacing_filter = ByteFilter(
      [&r](char32_t cp) { return cp != ' ' && cp < 0x10000 && (r.punct[cp] & kSpacingSpecial); }, false);
  for (unsigned char next : {0x00, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xC2, 0xE2, 0xE3})
    r.spacing_filter.mark(' ', next);
  load_affixes(r);
  load_lexicons(r);
  return r;
}

}  // namespace

std::uint64_t WordSet::hash(std::string_view s) noexcept {
  // Whole 8-byte loads (the tail overlaps the last chunk) and one multiply per load: words are
  // short, and a byte-at-a-time hash chained a multiply per byte.
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  auto load64 = [](const unsigned char* q) { std::uint64_t v; std::memcpy(&v, q, 8); return v; };
  auto load32 = [](const unsigned char* q) { std::uint32_t v; std::memcpy(&v, q, 4); return std::uint64_t{v}; };
  auto mix = [](std::uint64_t h, std::uint64_t w) {
    h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 31);
  };
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
  if (n >= 8) {
    std::size_t i = 0;
    for (; i + 8 < n; i += 8) h = mix(h, load64(p + i));
    h = mix(h, load64(p + n - 8));
  } else if (n >= 4) {
    h = mix(h, (load32(p) << 32) | load32(p + n - 4));
  } else if (n > 0) {
    h = mix(h, (std::uint64_t{p[0]} << 16) | (std::uint64_t{p[n / 2]} << 8) | p[n - 1]);
  }
  return h * 0x94D049BB133111EBULL ^ (h >> 32);
}

// A blocked Bloom filter: both bits of a key lie in one 64-bit word, so a probe is one load.
namespace {
struct Probe {
  std::size_t word;
  std::uint64_t mask;
};
Probe probe(std::uint64_t h, std::size_t words) noexcept {
  // `words` is a power of two, so the index is a mask, not a division.
  return {static_cast<std::size_t>(h & (words - 1)), (std::uint64_t{1} << ((h >> 40) & 63)) |
                                                         (std::uint64_t{1} << ((h >> 52) & 63))};
}
}  // namespace

void WordSet::rehash(std::size_t slots) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(slots, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.key.data() == nullptr) continue;
    std::size_t k = s.hash & mask;
    while (slots_[k].key.data() != nullptr) k = (k + 1) & mask;
    slots_[k] = s;
  }
}

void WordSet::reserve(std::size_t n) {
  std::size_t slots = 1024;
  while (slots < 2 * n) slots *= 2;
  if (slots > slots_.size()) rehash(slots);
}

void WordSet::insert(std::string_view key, std::string_view value) {
  const std::uint64_t h = hash(key);
  if (find(key, h)) return;  // the first row of a key wins
  if ((count_ + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 1024 : slots_.size() * 2);
  const Probe p = probe(h, filter_.size());
  filter_[p.word] |= p.mask;
  const std::size_t mask = slots_.size() - 1;
  std::size_t k = h & mask;
  while (slots_[k].key.data() != nullptr) k = (k + 1) & mask;
  // A key of zero bytes still needs a non-null pointer to mark its slot as taken.
  slots_[k] = Slot{h, key.data() ? key : std::string_view("", 0), value};
  ++count_;
}

const std::string_view* WordSet::find(std::string_view key, std::uint64_t h) const noexcept {
  const Probe p = probe(h, filter_.size());
  if ((filter_[p.word] & p.mask) != p.mask || slots_.empty()) return nullptr;
  const std::size_t mask = slots_.size() - 1;
  // The filter used the hash's top bits; the slot index uses its low bits.
  for (std::size_t k = h & mask; slots_[k].key.data() != nullptr; k = (k + 1) & mask) {
    if (slots_[k].hash == h && slots_[k].key == key) return &slots_[k].value;
  }
  return nullptr;
}

const Rules& rules() {
  static const Rules r = build();
  return r;
}

}  // namespace sokhan::normalize
