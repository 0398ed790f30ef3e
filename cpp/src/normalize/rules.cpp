#include "normalize/rules.hpp"

#include "data/embedded.hpp"
#include "sokhan/error.hpp"
#include "sokhan/utf8.hpp"

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
    if (f[0] == "persian") {
      if (f.size() < 3) bad_row(kPunctuation, line, "persian needs a Latin and a Persian mark");
      r.persian_punctuation[single(f[1], kPunctuation, line)] = single(f[2], kPunctuation, line);
    } else if (f[0] == "no_space_before") {
      r.no_space_before.insert(single(f[1], kPunctuation, line));
    } else if (f[0] == "no_space_after") {
      r.no_space_after.insert(single(f[1], kPunctuation, line));
    } else if (f[0] == "space_after") {
      r.space_after.insert(single(f[1], kPunctuation, line));
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
    if (f[0] == "prefix") r.prefixes.push_back({f[1], c->second});
    else if (f[0] == "suffix") r.suffixes.push_back({f[1], c->second});
    else bad_row(kAffixes, line, "unknown kind '" + std::string(f[0]) + "'");
  });
}

void load_lexicons(Rules& r) {
  data::for_each_row("normalize/compounds.tsv", 2, [&](const auto& f, std::size_t) {
    r.compounds.emplace(f[0], f[1]);
    r.longest_compound_key = std::max(r.longest_compound_key, f[0].size());
  });
  data::for_each_row("normalize/verb_after_mi.tsv", 1,
                     [&](const auto& f, std::size_t) { r.verbs_after_mi.insert(f[0]); });
  data::for_each_row("normalize/adjectives.tsv", 1,
                     [&](const auto& f, std::size_t) { r.adjectives.insert(f[0]); });
}

Rules build() {
  Rules r;
  load_characters(r);
  load_punctuation(r);
  load_affixes(r);
  load_lexicons(r);
  return r;
}

}  // namespace

const Rules& rules() {
  static const Rules r = build();
  return r;
}

}  // namespace sokhan::normalize
