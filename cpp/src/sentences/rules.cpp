#include "sentences/rules.hpp"

#include <algorithm>

#include "data/embedded.hpp"
#include "sokhan/error.hpp"

namespace sokhan::sentences {

namespace {

Rules build() {
  Rules r;
  data::for_each_row("sentences/abbreviations_en.tsv", 2, [&](const auto& f, std::size_t line) {
    if (f[1] == "inner") r.english_abbreviations[std::string(f[0])] = Rules::AbbrevClass::Inner;
    else if (f[1] == "final") r.english_abbreviations[std::string(f[0])] = Rules::AbbrevClass::Final;
    else if (f[1] == "numeral") r.english_abbreviations[std::string(f[0])] = Rules::AbbrevClass::Numeral;
    else throw Error("cpp/data/sentences/abbreviations_en.tsv:" + std::to_string(line) + ": unknown class");
  });
  data::for_each_row("sentences/abbreviations_fa.tsv", 1,
                     [&](const auto& f, std::size_t) {
                       r.persian_abbreviations.emplace(f[0]);
                       r.longest_persian_abbreviation = std::max(r.longest_persian_abbreviation, f[0].size());
                     });
  data::for_each_row("sentences/sentence_starters_en.tsv", 1,
                     [&](const auto& f, std::size_t) { r.english_starters.insert(f[0]); });
  data::for_each_row("sentences/datelines.tsv", 1,
                     [&](const auto& f, std::size_t) { r.agencies.emplace_back(f[0]); });
  data::for_each_row("sentences/closings_en.tsv", 1,
                     [&](const auto& f, std::size_t) { r.english_closings.push_back(f[0]); });
  data::for_each_row("sentences/greetings_en.tsv", 1,
                     [&](const auto& f, std::size_t) {
                       r.english_greetings.push_back(f[0]);
                       r.greeting_first.set(static_cast<unsigned char>(f[0][0]));
                     });
  data::for_each_row("sentences/emoticons.tsv", 1, [&](const auto& f, std::size_t line) {
    if (f[0].size() < 2 || (f[0][0] != ':' && f[0][0] != ';'))
      throw Error("cpp/data/sentences/emoticons.tsv:" + std::to_string(line) + ": must start with ':' or ';'");
    r.emoticons.push_back(f[0]);
  });
  std::stable_sort(r.emoticons.begin(), r.emoticons.end(),
                   [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
  data::for_each_row("sentences/continuations.tsv", 2, [&](const auto& f, std::size_t line) {
    if (f[0] == "fa") r.persian_continuations.insert(f[1]);
    else if (f[0] == "en") r.english_continuations.insert(f[1]);
    else throw Error("cpp/data/sentences/continuations.tsv:" + std::to_string(line) + ": unknown language");
  });
  return r;
}

}  // namespace

const Rules& rules() {
  static const Rules r = build();
  return r;
}

}  // namespace sokhan::sentences
