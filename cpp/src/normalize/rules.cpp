#include "normalize/rules.hpp"

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
  // The affixes are in `words` too: gen_word_sets puts them there before the compounds.
  r.words = WordSet(generated::kWords);
  r.verbs_after_mi = WordSet(generated::kVerbsAfterMi);
  r.adjectives = WordSet(generated::kAdjectives);
  return r;
}

}  // namespace

std::optional<std::string_view> WordSet::find_slot(std::string_view key, std::uint64_t h) const noexcept {
  const std::size_t mask = table_->slot_count - 1;
  const std::uint32_t tag = word_tag(h);
  for (std::size_t k = h & mask; table_->slots[k] != 0; k = (k + 1) & mask) {
    const WordEntry& e = table_->entries[table_->slots[k] - 1];
    if (e.hash_tag == tag && std::string_view(table_->text + e.offset, e.key_size) == key) {
      if (!table_->has_values) return std::string_view();
      return std::string_view(table_->text + e.offset + e.key_size, e.value_size);
    }
  }
  return std::nullopt;
}

const Rules& rules() {
  static const Rules r = build();
  return r;
}

}  // namespace sokhan::normalize
