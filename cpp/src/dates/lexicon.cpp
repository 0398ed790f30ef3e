#include "dates/lexicon.hpp"

#include <algorithm>
#include <charconv>

#include "data/embedded.hpp"
#include "dates/tokens.hpp"
#include "sokhan/error.hpp"

namespace sokhan::dates {

NormalizerOptions folding_options() {
  NormalizerOptions o;
  o.unicode_form = NormalizerOptions::Form::NFC;
  o.persian_letters = true;
  o.extra_letters = false;
  o.digits = NormalizerOptions::Digits::Keep;  // the tokenizer reads digits of every script
  o.remove_diacritics = true;
  o.kashida = true;
  o.zwnj = false;
  o.repair_compounds = false;
  o.spacing = false;
  o.punctuation = NormalizerOptions::Punctuation::Keep;
  return o;
}

const Normalizer& folding_normalizer() {
  static const Normalizer fold(folding_options());
  return fold;
}

namespace {

[[noreturn]] void bad_line(std::string_view path, std::size_t line, const std::string& what) {
  throw Error("cpp/data/dates/" + std::string(path) + ":" + std::to_string(line) + ": " + what);
}

int parse_int(std::string_view s, std::string_view path, std::size_t line) {
  int v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) bad_line(path, line, "not a number: '" + std::string(s) + "'");
  return v;
}

Calendar parse_calendar(std::string_view s, std::string_view path, std::size_t line) {
  if (s == "persian") return Calendar::Persian;
  if (s == "gregorian") return Calendar::Gregorian;
  if (s == "islamic") return Calendar::Islamic;
  bad_line(path, line, "unknown calendar '" + std::string(s) + "'");
}

class Builder {
 public:
  Builder() : fold_(folding_normalizer()) {}

  // The folded tokens of a phrase as the tokenizer would cut them from text.
  std::vector<std::string> tokens_of(std::string_view phrase) const {
    const std::string folded = fold_.normalize(phrase);
    std::vector<std::string> out;
    for (const Token& t : tokenize(folded)) out.emplace_back(folded.substr(t.b, t.e - t.b));
    return out;
  }

  void add(std::string_view phrase, Entry e, std::string_view path, std::size_t line) {
    auto toks = tokens_of(phrase);
    if (toks.empty()) bad_line(path, line, "empty phrase");
    lex_.phrases.push_back(Phrase{std::move(toks), e});
  }

  void add_context(WordSet& set, std::string_view word) {
    auto toks = tokens_of(word);
    if (!toks.empty()) set.insert(toks.front());
  }

  Lexicon finish(Lang lang = Lang::Persian) {
    for (std::uint32_t k = 0; k < lex_.phrases.size(); ++k) {
      FirstToken& f = lex_.by_first[lex_.phrases[k].tokens.front()];
      f.ids.push_back(k);
      const Phrase& ph = lex_.phrases[k];
      f.cats |= 1ULL << static_cast<int>(ph.entry.cat);
      if (ph.tokens.size() == 1) f.single_cats |= 1ULL << static_cast<int>(ph.entry.cat);
      else if (std::find(f.seconds.begin(), f.seconds.end(), ph.tokens[1]) == f.seconds.end())
        f.seconds.push_back(ph.tokens[1]);
      f.starts = f.starts || can_start(lex_.phrases[k].entry.cat, lang);
    }
    for (auto& [first, f] : lex_.by_first) {
      lex_.first_filter.add(first);
      std::stable_sort(f.ids.begin(), f.ids.end(), [&](std::uint32_t a, std::uint32_t b) {
        return lex_.phrases[a].tokens.size() > lex_.phrases[b].tokens.size();
      });
    }
    return std::move(lex_);
  }

  Lexicon& lex() { return lex_; }

 private:
  const Normalizer& fold_;
  Lexicon lex_;
};

struct WordCat {
  std::string_view name;
  Cat cat;
};
constexpr WordCat kWordCats[] = {
    {"reld", Cat::RelDay},     {"night", Cat::Night},       {"rely", Cat::RelYear},
    {"unit", Cat::Unit},       {"unitpl", Cat::UnitPlural}, {"dir", Cat::Dir},
    {"this", Cat::This},       {"mod", Cat::Mod},           {"season", Cat::Season},
    {"seasonword", Cat::SeasonWord}, {"pod", Cat::Pod},     {"midnight", Cat::Midnight},
    {"marker", Cat::Marker},   {"every", Cat::Every},       {"setword", Cat::SetWord},
    {"once", Cat::Once},       {"vague", Cat::Vague},       {"prep", Cat::Prep},
    {"conn", Cat::Conn},       {"future", Cat::Future},     {"during", Cat::During},
    {"part", Cat::Part},       {"ago", Cat::Ago},           {"approx", Cat::Approx},
    {"clockword", Cat::ClockWord}, {"ampm", Cat::AmPm},     {"oclock", Cat::OClock},
    {"zone", Cat::Zone},       {"ref", Cat::Ref},           {"recent", Cat::Recent},
    {"article", Cat::Article}, {"fiscal", Cat::Fiscal},     {"half", Cat::Half},
    {"decade", Cat::Decade},   {"yearago", Cat::YearAgo},   {"after", Cat::After},   {"month", Cat::Month},       {"weekday", Cat::Weekday},
    {"cardinal", Cat::Cardinal}, {"ordinal", Cat::Ordinal}, {"holiday", Cat::Holiday},
};

int unit_value(std::string_view s, std::string_view path, std::size_t line) {
  static constexpr std::pair<std::string_view, Unit> kUnits[] = {
      {"year", Unit::Year}, {"month", Unit::Month}, {"week", Unit::Week}, {"day", Unit::Day},
      {"hour", Unit::Hour}, {"minute", Unit::Minute}, {"second", Unit::Second},
      {"decade", Unit::Decade}, {"century", Unit::Century}, {"weekend", Unit::Weekend},
      {"quarter", Unit::Quarter}};
  for (const auto& [name, u] : kUnits)
    if (s == name) return static_cast<int>(u);
  bad_line(path, line, "unknown unit '" + std::string(s) + "'");
}

int word_value(Cat cat, std::string_view s, std::string_view path, std::size_t line) {
  switch (cat) {
    case Cat::Unit: case Cat::UnitPlural: case Cat::SetWord: return unit_value(s, path, line);
    case Cat::Mod: case Cat::Approx:
      for (int k = 1; k <= static_cast<int>(DateMention::Mod::EqualOrMore); ++k)
        if (s == to_string(static_cast<DateMention::Mod>(k))) return k;
      bad_line(path, line, "unknown mod '" + std::string(s) + "'");
    case Cat::Holiday: {  // "12-25" or "11-22>4": month and day (and weekday), packed
      const auto dash = s.find('-');
      if (dash == std::string_view::npos) bad_line(path, line, "holiday date must be M-D or M-D>W");
      const auto gt = s.find('>');
      const int md = parse_int(s.substr(0, dash), path, line) * 100 +
                     parse_int(s.substr(dash + 1, gt == std::string_view::npos ? gt : gt - dash - 1), path, line);
      return gt == std::string_view::npos ? md : parse_int(s.substr(gt + 1), path, line) * 10000 + md;
    }
    case Cat::Pod: {
      static constexpr std::pair<std::string_view, Pod> kPods[] = {
          {"MO", Pod::Morning}, {"EM", Pod::EarlyMorning}, {"MI", Pod::Noon},
          {"AF", Pod::Afternoon}, {"NI", Pod::Night}, {"EV", Pod::Evening}};
      for (const auto& [name, p] : kPods)
        if (s == name) return static_cast<int>(p);
      bad_line(path, line, "unknown part of day '" + std::string(s) + "'");
    }
    case Cat::Marker: return static_cast<int>(parse_calendar(s, path, line));
    default: return parse_int(s, path, line);
  }
}

Lexicon build() {
  Builder b;
  data::for_each_row("dates/months_fa.tsv", 4, [&](const auto& f, std::size_t line) {
    Entry e{Cat::Month};
    e.calendar = parse_calendar(f[0], "months_fa.tsv", line);
    e.value = parse_int(f[1], "months_fa.tsv", line);
    if (e.value < 1 || e.value > 12) bad_line("months_fa.tsv", line, "month out of range");
    e.alone = f[3] == "yes";
    b.add(f[2], e, "months_fa.tsv", line);
    if (e.calendar == Calendar::Persian) {  // شهریورماه: «ماه» written joined
      e.with_mah = true;
      b.add(std::string(f[2]) + "ماه", e, "months_fa.tsv", line);
    }
  });
  data::for_each_row("dates/weekdays_fa.tsv", 2, [&](const auto& f, std::size_t line) {
    Entry e{Cat::Weekday};
    e.value = parse_int(f[0], "weekdays_fa.tsv", line);
    b.add(f[1], e, "weekdays_fa.tsv", line);
  });
  data::for_each_row("dates/numbers_fa.tsv", 3, [&](const auto& f, std::size_t line) {
    Entry e{f[2] == "ordinal" ? Cat::Ordinal : Cat::Cardinal};
    if (f[2] != "ordinal" && f[2] != "cardinal") bad_line("numbers_fa.tsv", line, "kind must be cardinal or ordinal");
    e.value = parse_int(f[1], "numbers_fa.tsv", line);
    b.add(f[0], e, "numbers_fa.tsv", line);
  });
  data::for_each_row("dates/words_fa.tsv", 3, [&](const auto& f, std::size_t line) {
    const auto* wc = std::find_if(std::begin(kWordCats), std::end(kWordCats),
                                  [&](const WordCat& w) { return w.name == f[1]; });
    if (wc == std::end(kWordCats)) bad_line("words_fa.tsv", line, "unknown category '" + std::string(f[1]) + "'");
    Entry e{wc->cat};
    e.value = word_value(wc->cat, f[2], "words_fa.tsv", line);
    if (wc->cat == Cat::Marker) e.calendar = static_cast<Calendar>(e.value);
    b.add(f[0], e, "words_fa.tsv", line);
  });
  data::for_each_row("dates/holidays_fa.tsv", 4, [&](const auto& f, std::size_t line) {
    Entry e{Cat::Holiday};
    e.calendar = parse_calendar(f[1], "holidays_fa.tsv", line);
    e.month = parse_int(f[2], "holidays_fa.tsv", line);
    e.day = parse_int(f[3], "holidays_fa.tsv", line);
    b.add(f[0], e, "holidays_fa.tsv", line);
  });
  Context& c = b.lex().context;
  data::for_each_row("dates/context_fa.tsv", 3, [&](const auto& f, std::size_t line) {
    const std::string key = std::string(f[0]) + "/" + std::string(f[1]);
    WordSet* set =
        key == "place/before" ? &c.place_before
        : key == "dushanbe/before" ? &c.dushanbe_before
        : key == "dushanbe/after" ? &c.dushanbe_after
        : key == "dushanbe/sentence" ? &c.dushanbe_sentence
        : key == "friday/before" ? &c.friday_before
        : key == "counter/after" ? &c.counter_after
        : key == "label/before" ? &c.label_before
        : key == "notunit/after" ? &c.not_unit_after
        : key == "dushanbe/travel_prep" ? &c.dushanbe_travel_prep
        : key == "dushanbe/travel" ? &c.dushanbe_travel
        : nullptr;
    if (set == nullptr) bad_line("context_fa.tsv", line, "unknown scope/relation '" + key + "'");
    b.add_context(*set, f[2]);
  });
  return b.finish();
}

// English: one file, every category in it; months and holidays are Gregorian.
Lexicon build_english() {
  Builder b;
  data::for_each_row("dates/words_en.tsv", 3, [&](const auto& f, std::size_t line) {
    const auto* wc = std::find_if(std::begin(kWordCats), std::end(kWordCats),
                                  [&](const WordCat& w) { return w.name == f[1]; });
    if (wc == std::end(kWordCats)) bad_line("words_en.tsv", line, "unknown category '" + std::string(f[1]) + "'");
    Entry e{wc->cat};
    e.value = word_value(wc->cat, f[2], "words_en.tsv", line);
    e.calendar = Calendar::Gregorian;
    if (wc->cat == Cat::Holiday) {
      e.weekday = e.value / 10000;
      e.month = e.value / 100 % 100;
      e.day = e.value % 100;
    }
    b.add(f[0], e, "words_en.tsv", line);
  });
  return b.finish(Lang::English);
}

}  // namespace

bool can_start(Cat c, Lang lang) {
  // English: «next year», «earlier this month» start with a direction word.
  if (lang == Lang::English && (c == Cat::Dir || c == Cat::Ago)) return true;
  switch (c) {
    case Cat::Dir: case Cat::Marker: case Cat::Once: case Cat::Prep: case Cat::Conn:
    case Cat::Future: case Cat::During: case Cat::Ago: case Cat::AmPm: case Cat::OClock:
    case Cat::Zone: case Cat::After:
      return false;  // they only continue or frame a mention
    default: return true;
  }
}

const Lexicon& lexicon(Lang lang) {
  if (lang == Lang::English) {
    static const Lexicon english = build_english();
    return english;
  }
  static const Lexicon persian = build();
  return persian;
}

}  // namespace sokhan::dates
