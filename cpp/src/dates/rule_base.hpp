// What the Persian and English rule sets share: the token stream with lexicon lookups, number
// words, the reference date, and builders for values. Each language's rules derive from it.
#pragma once

#include <algorithm>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dates/grammar.hpp"

namespace sokhan::dates::rules {


using Kind = DateMention::Kind;
using Grain = DateMention::Grain;
using Mod = DateMention::Mod;

inline constexpr std::size_t kSentenceWindow = 60;  // tokens scanned for a clause's tense or a cue

inline bool is_terminator(char32_t c) { return c == '.' || c == '!' || c == '?' || c == 0x061F || c == 0x2026; }
inline bool is_number_separator(char32_t c) {
  return c == '.' || c == '/' || c == ':' || c == '-' || c == 0x066B || c == 0x066C || c == ',' ||
         c == 0x060C || c == 0x2013 || c == 0x2212;
}
inline bool is_range_dash(char32_t c) { return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2212; }
inline bool is_percent(char32_t c) { return c == '%' || c == 0x066A; }

inline bool valid_date(Calendar c, int y, int m, int d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= month_length(c, y, m);
}

inline Grain unit_grain(Unit u) {
  switch (u) {
    case Unit::Year: case Unit::Decade: case Unit::Century: return Grain::Year;
    case Unit::Month: return Grain::Month;
    case Unit::Week: return Grain::Week;
    case Unit::Day: return Grain::Day;
    case Unit::Hour: return Grain::Hour;
    case Unit::Minute: return Grain::Minute;
    case Unit::Second: return Grain::Second;
    case Unit::Weekend: return Grain::Day;
    case Unit::Quarter: return Grain::Quarter;
  }
  return Grain::Day;
}

// TIMEX3 duration pieces: "3Y", "2W", "48H".
inline char unit_letter(Unit u) {
  switch (u) {
    case Unit::Year: case Unit::Decade: case Unit::Century: return 'Y';
    case Unit::Month: case Unit::Minute: return 'M';
    case Unit::Week: return 'W';
    case Unit::Day: return 'D';
    case Unit::Hour: return 'H';
    case Unit::Second: return 'S';
    case Unit::Quarter: return 'Q';
    case Unit::Weekend: return 'E';  // written "WE" by duration_value
  }
  return 'D';
}
inline bool is_time_unit(Unit u) { return u == Unit::Hour || u == Unit::Minute || u == Unit::Second; }
inline std::int64_t unit_multiplier(Unit u) { return u == Unit::Decade ? 10 : u == Unit::Century ? 100 : 1; }

/// The shared half of a rule set. Rules are const methods of the derived class.
class RuleBase {
 protected:
  RuleBase(const Lexicon& lex, std::string_view text, std::span<const Token> tokens,
           std::optional<std::int64_t> reference, Discourse& discourse, bool fold_case = false)
      : lex_(lex), text_(text), t_(tokens), ref_(reference), disc_(discourse), first_(tokens.size(), nullptr),
        key_(tokens.size()) {
    if (fold_case && !tokens.empty()) {  // English: one lower-case copy of the tokens' stretch
      base_ = tokens.front().b;
      lower_.assign(text.substr(base_, tokens.back().e - base_));
      for (char& c : lower_)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    for (std::size_t i = 0; i < t_.size(); ++i) {
      key_[i] = key_of(i);
      if (t_[i].kind == TokKind::Number || !lex_.first_filter.may_contain(word(i))) continue;
      const auto it = lex_.by_first.find(word(i));
      if (it != lex_.by_first.end()) first_[i] = &it->second;
    }
  }

  // ---- tokens -------------------------------------------------------------------------------
  std::size_t n() const { return t_.size(); }
  std::string_view word(std::size_t i) const { return i < n() ? key_[i] : std::string_view(); }
  // The text of a token as the lexicon spells it: Latin letters in lower case; the Persian
  // ezafe written as hamza above (دههٔ) or as heh with yeh above (دهۀ) ends a word in plain heh.
  std::string_view key_of(std::size_t i) {
    std::string_view w = text_.substr(t_[i].b, t_[i].e - t_[i].b);
    if (t_[i].kind != TokKind::Word) return w;
    if (!lower_.empty()) return std::string_view(lower_).substr(t_[i].b - base_, w.size());  // March → march
    if (w.size() < 4) return w;
    const std::string_view tail = w.substr(w.size() - 2);
    if (tail == "\u0654") return w.substr(0, w.size() - 2);
    if (tail == "\u06C0") {
      respelled_.push_back(std::string(w.substr(0, w.size() - 2)) + "\u0647");
      return respelled_.back();
    }
    return w;
  }
  bool trigger(std::size_t i) const {
    return t_[i].kind == TokKind::Number || (first_[i] != nullptr && first_[i]->starts);
  }
  bool is_num(std::size_t i) const { return i < n() && t_[i].kind == TokKind::Number; }
  bool is_punct(std::size_t i, char32_t c) const { return i < n() && t_[i].kind == TokKind::Punct && t_[i].punct == c; }
  bool is_word(std::size_t i, std::string_view w) const {
    return i < n() && t_[i].kind == TokKind::Word && word(i) == w && !suffix_at(i + 1);
  }
  // A word glued to the one before by a ZWNJ that no lexicon phrase starts with: a suffix
  // (های، اکسید) that makes the word before it part of a longer word.
  bool suffix_at(std::size_t j) const {
    return j < n() && t_[j].zwnj_before && t_[j].kind == TokKind::Word && first_[j] == nullptr && word(j) != "ی";
  }
  // The ezafe «ی» written after a ZWNJ (هفته‌ی گذشته) belongs to the word before.
  std::size_t skip_ezafe(std::size_t j) const {
    return j < n() && t_[j].zwnj_before && word(j) == "ی" ? j + 1 : j;
  }

  struct Hit {
    const Entry* e = nullptr;
    std::size_t next = 0;
    explicit operator bool() const { return e != nullptr; }
  };

  // The longest phrase of category `c` starting at token i.
  Hit hit(std::size_t i, Cat c, bool whole_word = true) const {
    if (i >= n() || first_[i] == nullptr || !(first_[i]->cats >> static_cast<int>(c) & 1)) return {};
    for (const std::uint32_t id : first_[i]->ids) {
      const Phrase& p = lex_.phrases[id];
      if (p.entry.cat != c) continue;
      std::size_t k = 1;
      for (; k < p.tokens.size(); ++k) {
        const std::size_t j = i + k;
        if (j >= n() || t_[j].newline_before || word(j) != p.tokens[k]) break;
      }
      if (k < p.tokens.size() || (whole_word && suffix_at(i + k))) continue;
      if (c == Cat::Unit && i + k < n() && lex_.context.not_unit_after.count(word(i + k))) continue;  // ساعت مچی
      return Hit{&p.entry, skip_ezafe(i + k)};
    }
    return {};
  }

  // A number written alone: not part of 1.7, 12/5, 12:30, 021-88, 17%.
  bool lone_number(std::size_t i) const {
    if (!is_num(i)) return false;
    if (i + 2 < n() && t_[i + 1].glued() && t_[i + 1].kind == TokKind::Punct &&
        is_number_separator(t_[i + 1].punct) && is_num(i + 2) && t_[i + 2].glued())
      return false;
    if (i >= 2 && t_[i].glued() && t_[i - 1].kind == TokKind::Punct && is_number_separator(t_[i - 1].punct) &&
        is_num(i - 2))
      return false;
    if (i + 1 < n() && t_[i + 1].glued() && t_[i + 1].kind == TokKind::Punct && is_percent(t_[i + 1].punct))
      return false;
    if (i + 1 < n() && t_[i + 1].glued() && t_[i + 1].kind == TokKind::Word) return false;  // 12kg
    return true;
  }
  bool followed_by_counter(std::size_t j) const {
    if (j >= n()) return false;
    if (t_[j].kind == TokKind::Punct) return is_percent(t_[j].punct);
    return t_[j].kind == TokKind::Word && lex_.context.counter_after.count(word(j)) > 0;
  }
  bool labelled(std::size_t i) const {  // شماره ۱۴۰۰، صفحه ۱۳۹
    return i > 0 && t_[i - 1].kind == TokKind::Word && lex_.context.label_before.count(word(i - 1)) > 0;
  }
  // A place name made from a date: the head noun one or two words before.
  bool place_before(std::size_t i) const {
    std::size_t words = 0;
    for (std::size_t j = i; j > 0 && words < 2;) {
      --j;
      if (t_[j].kind != TokKind::Word || t_[j + 1].newline_before) return false;
      if (!t_[j + 1].zwnj_before) ++words;  // بین‌المللی is one word of two tokens
      if (lex_.context.place_before.count(word(j))) return true;
      if (hit(j, Cat::Prep)) return false;  // «بازار از ۲۰ اسفند»: the date follows the preposition
    }
    return false;
  }
  bool prep_before(std::size_t i) const {
    if (i == 0 || t_[i].newline_before) return false;
    if (hit(i - 1, Cat::Prep)) return true;
    return i >= 2 && word(i - 1) == "به" && word(i - 2) == "نسبت";  // «نسبت به فروردین»
  }
  bool sentence_start(std::size_t j) const {
    return j == 0 || t_[j].newline_before || (t_[j - 1].kind == TokKind::Punct && is_terminator(t_[j - 1].punct));
  }
  // Whether the clause from token i on is in the future (or present) tense.
  bool future_clause(std::size_t i) const {
    for (std::size_t j = i, k = 0; j < n() && k < kSentenceWindow; ++j, ++k) {
      if (j > i && sentence_start(j)) break;
      if (t_[j].kind != TokKind::Word) continue;
      if (hit(j, Cat::Future, false)) return true;
      if (word(j) == "است" && j > 0 && t_[j - 1].kind == TokKind::Word) {  // «تعطیل است», not «کرده است»
        const std::string_view w = word(j - 1);
        if (w.size() < 2 || w.substr(w.size() - 2) != "ه") return true;
      }
    }
    return false;
  }
  bool sentence_has(std::size_t i, const WordSet& words) const {
    std::size_t b = i;
    for (std::size_t k = 0; b > 0 && k < kSentenceWindow && !sentence_start(b); ++k) --b;
    for (std::size_t j = b, k = 0; j < n() && k < 2 * kSentenceWindow; ++j, ++k) {
      if (j > i && sentence_start(j)) break;
      if (t_[j].kind == TokKind::Word && words.count(word(j))) return true;
    }
    return false;
  }

  // ---- numbers ------------------------------------------------------------------------------
  struct Num {
    std::int64_t value;
    std::size_t next;
    bool digits;
  };
  // A cardinal in digits or words («بیست و پنج», «هزار و سیصد»).
  std::optional<Num> cardinal(std::size_t i) const {
    if (lone_number(i)) {
      if (t_[i].digits > 9) return std::nullopt;
      return Num{static_cast<std::int64_t>(t_[i].number), i + 1, true};
    }
    std::int64_t total = 0, cur = 0;
    std::size_t j = i;
    bool any = false;
    int last = 0;
    while (Hit h = hit(j, Cat::Cardinal)) {
      const int v = h.e->value;
      // «twenty four», «one hundred»: words follow each other only as tens + units or before a
      // multiplier; «two three» is two numbers
      if (any && !(v == 100 || v == 1000 || (last >= 20 && last < 100 && last % 10 == 0 && v < 10) || last >= 100))
        break;
      any = true;
      if (v == 1000) {
        total += (cur == 0 ? 1 : cur) * 1000;
        cur = 0;
      } else if (v == 100 && cur > 0 && cur < 10) {
        cur *= 100;  // «two hundred»; «صد» alone is a hundred
      } else {
        cur += v;
      }
      last = v;
      j = h.next;
      // joined by «و» / «and» («صد و بیست», «one hundred and five») or a hyphen («twenty-five»)
      if ((word(j) == "و" || word(j) == "and") && hit(j + 1, Cat::Cardinal)) { ++j; last = 1000; continue; }
      if (j < n() && is_punct(j, '-') && t_[j].glued() && j + 1 < n() && t_[j + 1].glued() && hit(j + 1, Cat::Cardinal)) {
        ++j;
        continue;
      }
      if (hit(j, Cat::Cardinal)) continue;
      break;
    }
    if (!any) return std::nullopt;
    return Num{total + cur, j, false};
  }
  // An hour: up to two digits, or one number word («هشت»), or «بیست و N»; a longer chain of
  // words («هفت و چهل و پنج دقیقه») continues with minutes.
  std::optional<Num> hour_number(std::size_t i) const {
    if (is_num(i)) {
      if (!lone_number(i) || t_[i].digits > 2) return std::nullopt;
      return Num{static_cast<std::int64_t>(t_[i].number), i + 1, true};
    }
    const Hit h = hit(i, Cat::Cardinal);
    if (!h || h.e->value > 24) return std::nullopt;
    if (h.e->value == 20 && word(h.next) == "و") {
      if (Hit u = hit(h.next + 1, Cat::Cardinal); u && u.e->value <= 4 && !is_word(u.next, "دقیقه"))
        return Num{20 + u.e->value, u.next, false};
    }
    return Num{h.e->value, h.next, false};
  }
  // An ordinal word: «دهم», «بیست و یکم», «سی‌ام».
  std::optional<Num> ordinal(std::size_t i) const {
    if (Hit h = hit(i, Cat::Ordinal)) return Num{h.e->value, h.next, false};
    if (Hit c = hit(i, Cat::Cardinal); c && c.e->value >= 20 && c.e->value < 100 && c.e->value % 10 == 0 &&
                                       word(c.next) == "و") {
      if (Hit o = hit(c.next + 1, Cat::Ordinal); o && o.e->value < 10) return Num{c.e->value + o.e->value, o.next, false};
    }
    return std::nullopt;
  }
  // A day of the month: 1–31 in digits, an ordinal or a cardinal word.
  std::optional<Num> day_number(std::size_t i) const {
    if (is_num(i)) {
      if (!lone_number(i) || t_[i].digits > 2 || t_[i].number < 1 || t_[i].number > 31) return std::nullopt;
      return Num{static_cast<std::int64_t>(t_[i].number), i + 1, true};
    }
    auto o = ordinal(i);
    if (!o) o = cardinal(i);
    if (!o || o->value < 1 || o->value > 31) return std::nullopt;
    return o;
  }

  // ---- reference ----------------------------------------------------------------------------
  bool has_ref() const { return ref_.has_value(); }
  std::int64_t R() const { return *ref_; }
  CivilDate ref_in(Calendar c) const { return from_jdn(c, *ref_); }

  // The year of a yearless day (or month, day 0) nearest the reference; a distance into the
  // future counts `future_weight` times (English news leans to the past, see grammar_en.cpp).
  int nearest_year(Calendar c, int month, int day, double future_weight = 1.0) const {
    const int y0 = ref_in(c).year;
    int best = y0;
    double best_dist = -1;
    for (const int y : {y0, y0 - 1, y0 + 1}) {
      if (day > 0 && !valid_date(c, y, month, day)) continue;
      const auto [b, e] = day_range(day > 0 ? day_value(c, y, month, day, true) : month_value(c, y, month, true));
      const double dist = R() < b ? static_cast<double>(b - R()) * future_weight
                          : R() >= e ? static_cast<double>(R() - e + 1) : 0.0;
      if (best_dist < 0 || dist < best_dist) { best = y; best_dist = dist; }
    }
    return best;
  }

  // A clock time written without a day of its own, right after a day phrase (with at most two
  // tokens between them, prepositions only when `prepositions_only`), is on that day:
  // «فردا از ساعت ۸ صبح», «yesterday at 5 p.m.».
  void on_previous_day(Found& t, const Found& d, bool prepositions_only) const {
    const Value& dv = d.value;
    if (dv.shape != Shape::Day || !dv.known || d.te > t.tb || t.tb - d.te > 2) return;
    if (prepositions_only) {
      for (std::size_t j = d.te; j < t.tb; ++j)
        if (!hit(j, Cat::Prep) || t_[j].newline_before) return;
    }
    Value& v = t.value;
    v.jdn = day_range(dv).first + t.carry;
    v.known = true;
    v.relative = dv.relative;
    v.calendar = dv.calendar;
    t.floating = false;
  }

  // ---- values -------------------------------------------------------------------------------
  // A calendar unit placed in time: a day, a month or a year.
  static Value unit_value(Shape shape, Grain grain, Calendar c, int y, int m, int d, bool relative) {
    Value v;
    v.shape = shape;
    v.grain = grain;
    v.calendar = c;
    v.year = y;
    v.month = m;
    v.day = d;
    v.relative = relative;
    v.known = true;
    return v;
  }
  static Value day_value(Calendar c, int y, int m, int d, bool relative) {
    return unit_value(Shape::Day, Grain::Day, c, y, m, d, relative);
  }
  Value day_of_jdn(std::int64_t jdn, bool relative, Calendar c = Calendar::Persian) const {
    const CivilDate d = from_jdn(c, jdn);
    return day_value(c, d.year, d.month, d.day, relative);
  }
  static Value month_value(Calendar c, int y, int m, bool relative) {
    return unit_value(Shape::Month, Grain::Month, c, y, m, 0, relative);
  }
  // The month `index` months after January of year 0 (floor division: years before 1 count too).
  static Value month_at_index(Calendar c, std::int64_t index, bool relative) {
    const std::int64_t year = index >= 0 ? index / 12 : -((-index + 11) / 12);
    return month_value(c, static_cast<int>(year), static_cast<int>(index - year * 12) + 1, relative);
  }
  static Value year_value(Calendar c, int y, bool relative) {
    return unit_value(Shape::Year, Grain::Year, c, y, 0, 0, relative);
  }
  static Value unknown(Shape shape, Grain grain, Calendar c = Calendar::Persian) {
    Value v;
    v.shape = shape;
    v.grain = grain;
    v.calendar = c;
    v.relative = true;
    v.known = false;
    return v;
  }
  static Value amount(Kind kind, Grain grain, std::string value) {
    Value v;
    v.shape = Shape::Amount;
    v.kind = kind;
    v.grain = grain;
    v.amount = std::move(value);
    return v;
  }
  // Calendar of a bare four-digit year: Solar Hijri for 1000–1499, Gregorian from 1500.
  static Calendar year_calendar(std::int64_t y) { return y < 1500 ? Calendar::Persian : Calendar::Gregorian; }
  static bool plausible_year(std::int64_t y) { return (y >= 1300 && y <= 1499) || (y >= 1900 && y <= 2099); }

  // ---- times and amounts ---------------------------------------------------------------------
  Value part_of_day(Pod p) const {
    Value v = unknown(Shape::PartOfDay, Grain::PartOfDay);
    v.kind = Kind::Time;
    v.pod = p;
    return v;
  }
  // Puts a time (clock or part of day, no day yet) on the day of date phrase d.
  std::optional<Found> on_day(Found t, const Found& d, std::size_t tb) const {
    Value v = t.value;
    v.calendar = d.value.calendar;
    v.relative = d.value.relative;
    if (d.value.known) {
      v.known = true;
      v.jdn = day_range(d.value).first + v.jdn;  // v.jdn holds a day carry (24:00 → next day)
    } else {
      v.known = false;
      v.year_known = d.value.year_known;
      v.year = d.value.year;
      v.month = d.value.month;
      v.day = d.value.day;
    }
    return Found{tb, std::max(t.te, d.te), v};
  }
  // A time on the reference day.
  Found on_reference(Found t) const {
    Value& v = t.value;
    v.relative = true;
    t.floating = true;
    t.carry = static_cast<int>(v.jdn);
    if (has_ref()) {
      v.known = true;
      v.jdn += R();
    }
    return t;
  }

  struct Part { Unit unit; std::int64_t count; bool half; };
  template <typename Parts>
  static std::string duration_value(const Parts& parts) {
    std::string date, time;
    for (const auto& p : parts) {
      std::int64_t count = p.count * unit_multiplier(p.unit);
      std::string piece;
      if (p.half) {  // half a unit: the next smaller unit where one exists
        switch (p.unit) {
          case Unit::Year: piece = (count ? std::to_string(count) + "Y" : "") + "6M"; break;
          case Unit::Month: piece = count ? std::to_string(count) + "M15D" : "15D"; break;
          case Unit::Day: time += "12H"; piece = count ? std::to_string(count) + "D" : ""; break;
          case Unit::Hour: time += (count ? std::to_string(count) + "H" : "") + "30M"; continue;
          case Unit::Minute: time += (count ? std::to_string(count) + "M" : "") + "30S"; continue;
          default: piece = std::to_string(count) + unit_letter(p.unit); break;
        }
        date += piece;
        continue;
      }
      piece = std::to_string(count) + (p.unit == Unit::Weekend ? std::string("WE") : std::string(1, unit_letter(p.unit)));
      (is_time_unit(p.unit) ? time : date) += piece;
    }
    return "P" + date + (time.empty() ? "" : "T" + time);
  }
  static std::string vague_amount(Unit u) {
    return is_time_unit(u) ? std::string("PTX") + unit_letter(u) : std::string("PX") + unit_letter(u);
  }

  void remember(const Found& f) {
    const Value& v = f.value;
    if (v.known && !v.relative && (v.shape == Shape::Year || v.shape == Shape::Month || v.shape == Shape::Day))
      disc_.anchor = v;
  }

  const Lexicon& lex_;
  std::string_view text_;
  std::span<const Token> t_;
  std::optional<std::int64_t> ref_;
  Discourse& disc_;
  std::vector<const FirstToken*> first_;  // phrases starting at each token
  std::vector<std::string_view> key_;     // each token as the lexicon spells it (word())
  std::deque<std::string> respelled_;     // storage for keys that differ from the text
  std::string lower_;                     // English: the text in lower case, from byte base_
  std::size_t base_ = 0;
};

}  // namespace sokhan::dates::rules
