// The English rule set: TIMEX3 extents and values as the TimeML guidelines and the TempEval-3
// corpora annotate them (determiners and modifiers in the extent, prepositions out; relative
// expressions resolved against the document creation time; ISO weeks; PRESENT_REF etc.).
#include "dates/grammar.hpp"
#include "dates/rule_base.hpp"

#include <cstdlib>

namespace sokhan::dates {

namespace {

using namespace rules;

constexpr Calendar G = Calendar::Gregorian;

class English : RuleBase {
 public:
  English(const Lexicon& lex, std::string_view text, std::span<const Token> tokens,
          std::optional<std::int64_t> reference, Discourse& discourse)
      : RuleBase(lex, text, tokens, reference, discourse, /*fold_case=*/true) {}

  std::vector<Found> run() {
    day_named_.reset();
    std::vector<Found> out;
    for (std::size_t i = 0; i < n();) {
      if (!trigger(i) || bare_article(i)) { ++i; continue; }
      std::optional<Found> f = at(i);
      if (!f) { ++i; continue; }
      if (f->value.shape == Shape::Quarter) disc_.quarters_seen = true;
      if (f->value.shape == Shape::Quarter && f->value.known && word(f->te - 1) == "quarter" &&
          word(f->tb) != "year" && !hit(f->tb, Cat::YearAgo) && !hit(skip_article(f->tb), Cat::YearAgo))
        disc_.last_quarter = f->value;
      if (f->floating && !out.empty()) on_previous_day(*f, out.back(), /*prepositions_only=*/false);
      if (word(f->te) == "or" && word(f->te + 1) == "so") f->te += 2;  // «the next year or so»
      f->value.calendar = G;  // durations and sets too: English text counts in Gregorian units
      RuleBase::remember(*f);
      // English narrative anchors relative dates too: «In March, ... The following month» is April
      if (const Value& v = f->value; v.known && v.relative && v.mod == Mod::None &&
                                     (v.shape == Shape::Month || v.shape == Shape::Day))
        disc_.anchor = v;
      if (f->value.known && f->value.shape == Shape::Day) day_named_ = f->value;
      out.push_back(std::move(*f));
      i = out.back().te;
      if (auto second = conjoined_day(out.back())) {  // «April 24 and 25»: 25 is a date of its own
        out.push_back(std::move(*second));
        i = out.back().te;
      }
    }
    return out;
  }

 private:
  // A bare day of the month after a date and «and», «or»: the same month's day («on April 24
  // and 25.»), when nothing that the number could count follows it.
  std::optional<Found> conjoined_day(const Found& f) const {
    const Value& v = f.value;
    if (v.shape != Shape::Day || !v.known || (word(f.te) != "and" && word(f.te) != "or")) return std::nullopt;
    if (!month_name(f.tb) && !month_name(skip_article(f.tb))) return std::nullopt;  // «April 24», not «Monday»
    const auto d = day_of_month(f.te + 1);
    if (!d || !(d->next >= n() || t_[d->next].kind == TokKind::Punct || hit(d->next, Cat::Prep))) return std::nullopt;
    const CivilDate c = from_jdn(G, day_range(v).first);
    if (!valid_date(G, c.year, c.month, static_cast<int>(d->value))) return std::nullopt;
    return Found{f.te + 1, d->next, day_value(G, c.year, c.month, static_cast<int>(d->value), v.relative)};
  }

  // ---- small readers ------------------------------------------------------------------------
  // «the», «a» before a word that no timex starts with: not worth trying the rules.
  bool bare_article(std::size_t i) const {
    const FirstToken* f = first_[i];
    if (f == nullptr || f->single_cats != (1ULL << static_cast<int>(Cat::Article))) return false;
    if (is_num(i + 1) || (i + 1 < n() && first_[i + 1] != nullptr)) return false;
    const std::string_view next = word(i + 1);  // «the future»: a phrase whose second word has no entry
    return std::find(f->seconds.begin(), f->seconds.end(), next) == f->seconds.end();
  }
  bool capitalized(std::size_t i) const {
    return i < n() && t_[i].kind == TokKind::Word && text_[t_[i].b] >= 'A' && text_[t_[i].b] <= 'Z';
  }
  bool glued_punct(std::size_t i, char32_t c) const { return is_punct(i, c) && t_[i].glued(); }
  std::size_t skip_article(std::size_t i, bool* definite = nullptr) const {
    if (Hit a = hit(i, Cat::Article)) {
      if (definite) *definite = a.e->value == 0;
      return a.next;
    }
    return i;
  }
  // «'s» after a word: «last year's», «Friday's».
  std::size_t skip_possessive(std::size_t j) const {
    if (j + 1 < n() && (is_punct(j, '\'') || is_punct(j, 0x2019)) && t_[j].glued() && word(j + 1) == "s") return j + 2;
    return j;
  }
  // A day of the month with an optional ordinal suffix: 7, 7th, 22nd.
  std::optional<Num> day_of_month(std::size_t i) const {
    if (!is_num(i) || t_[i].digits > 2 || t_[i].number < 1 || t_[i].number > 31) return std::nullopt;
    std::size_t j = i + 1;
    if (j < n() && t_[j].kind == TokKind::Word && t_[j].glued()) {
      const std::string_view w = word(j);
      if (w != "st" && w != "nd" && w != "rd" && w != "th") return std::nullopt;
      ++j;
    } else if (!lone_number(i)) {
      return std::nullopt;
    }
    return Num{static_cast<std::int64_t>(t_[i].number), j, true};
  }
  // A year: 1998, '98.
  std::optional<Num> year_number(std::size_t i) const {
    if ((is_punct(i, '\'') || is_punct(i, 0x2019)) && is_num(i + 1) && t_[i + 1].glued() && t_[i + 1].digits == 2) {
      const int yy = static_cast<int>(t_[i + 1].number);
      return Num{yy < 30 ? 2000 + yy : 1900 + yy, i + 2, true};
    }
    if (is_num(i) && t_[i].digits == 4 && word(i + 1) == "s" && t_[i + 1].glued() && t_[i].number % 10 == 0)
      return Num{static_cast<std::int64_t>(t_[i].number), i + 1, true};  // 1980s (the «s» is read by the caller)
    if (!is_num(i)) {  // nineteen ninety-six
      const Hit c = hit(i, Cat::Cardinal);
      if (c && c.e->value >= 11 && c.e->value <= 20 && !(c.e->value == 20 && hit(c.next, Cat::Cardinal) &&
                                                         hit(c.next, Cat::Cardinal).e->value < 10)) {
        if (auto rest = cardinal(c.next); rest && !rest->digits && rest->value >= 10 && rest->value < 100)
          return Num{c.e->value * 100 + rest->value, rest->next, false};
      }
      return std::nullopt;
    }
    if (!lone_number(i) || t_[i].digits != 4 || t_[i].number < 1000 || t_[i].number > 2099) return std::nullopt;
    return Num{static_cast<std::int64_t>(t_[i].number), i + 1, true};
  }
  // A month name; «May» and «March» only capitalized (else the verb), abbreviations with «.».
  std::optional<Hit> month_name(std::size_t i) const {
    const Hit h = hit(i, Cat::Month);
    if (!h) return std::nullopt;
    const std::string_view w = word(i);
    if ((w == "may" || w == "march") && !capitalized(i)) return std::nullopt;
    if (h.next == i + 1 && w.size() <= 3 && w != "may" && !capitalized(i)) return std::nullopt;  // «jan» lowercase
    return h;
  }

  // Whether token j begins a sentence: a «.» before a glued token («$18.9»), after a single letter
  // («a.m.», «U.S.»), a month abbreviation («Sept.») or a short capitalized word («Mr.», «Gen.»,
  // «Co.») ends none.
  bool sentence_break(std::size_t j) const {
    if (j == 0 || t_[j].newline_before) return true;
    if (t_[j - 1].kind != TokKind::Punct || !is_terminator(t_[j - 1].punct) || t_[j].glued()) return false;  // $18.9
    if (t_[j - 1].punct != '.' || j < 2 || t_[j - 2].kind != TokKind::Word || !t_[j - 1].glued()) return true;
    const std::string_view w = word(j - 2);
    if (w.size() == 1 || (capitalized(j - 2) && w.size() <= 3)) return false;
    if (Hit m = hit(j - 2, Cat::Month); m && m.next == j) return false;
    return true;
  }

  // ---- tense --------------------------------------------------------------------------------
  // A relative month or weekday takes the tense of the verb nearest to it: «bought RJR in
  // February» is the February before the document, «will double its flights by August» the one
  // after it (HeidelTime resolves its relative dates the same way, from the sentence's tense).
  // The cues are the «future» category of words_en.tsv (its header lists their values) and
  // regular past forms («closed», «reported»).
  enum class Tense { None, Past, Present, FutureInPast, Future };
  // «three days later»: «later» counts from an event, not from the document; TimeML leaves it
  // out of the timex (a signal) and the amount alone is a duration.
  static constexpr int kSignal = 2;
  static constexpr int kReporting = -3, kPerfect = -2, kNoCue = 0, kAux = 3, kFutureInPast = 4;
  // «-ed» words of six letters or more, not «-eed» («proceed»); the data lists the few that are
  // no verbs (value 0: «hundred»).
  bool regular_past(std::size_t j) const {
    const std::string_view w = word(j);
    return w.size() >= 6 && w.substr(w.size() - 2) == "ed" && w[w.size() - 3] != 'e' && !capitalized(j);
  }
  // The tense of the verb a mention [b, e) goes with: the nearest cue before it in its sentence
  // or at most three words after it; for a mention that opens its sentence («In January,
  // American Medical brought in...») the first cue after it. `reporting`: whether «said» counts
  // (a weekday goes with it: «said Friday»; a month with the reported verb).
  Tense tense_near(std::size_t b, std::size_t e, bool reporting, bool* opens = nullptr) const {
    std::size_t s = b;
    for (std::size_t k = 0; s > 0 && k < kSentenceWindow && !sentence_break(s); ++k) --s;
    bool fronted = true;  // only prepositions and articles before the mention
    for (std::size_t j = s; j < b && fronted; ++j)
      fronted = hit(j, Cat::Prep) || hit(j, Cat::Article) || word(j) == "on" || word(j) == "at";
    if (opens) *opens = fronted;
    std::optional<Tense> before, after;
    std::size_t future_group = 0, perfect_group = 0;  // verb groups: «will be named», «had been due»
    bool aux_before = false;  // «is expected», «be completed»: the auxiliary has the tense
    for (std::size_t j = s, k = 0, words_after = 0; j < n() && k < 2 * kSentenceWindow; ++j, ++k) {
      if (j >= e && (sentence_break(j) || (after && !fronted))) break;
      if (j >= b && j < e) { aux_before = false; continue; }
      if (t_[j].kind != TokKind::Word) {
        if (j >= e && !fronted && t_[j].kind == TokKind::Punct && !is_punct(j, '\'')) break;  // the clause ends
        continue;
      }
      if (j >= e && !fronted && ++words_after > 3) break;
      std::optional<Tense> t;
      std::size_t next = j + 1;
      if (Hit f = hit(j, Cat::Future)) {
        const int v = f.e->value;
        next = f.next;
        if (v == kNoCue) { aux_before = false; continue; }
        if (v == kAux) { aux_before = true; continue; }
        if (v > 0 && j < perfect_group) t = Tense::Past;
        else if (v == 1) { t = Tense::Future; future_group = next + 3; }
        else if (v == 2) t = Tense::Present;
        else if (v == kFutureInPast) { t = Tense::FutureInPast; future_group = next + 3; }
        else if (v == kPerfect) { t = Tense::Past; perfect_group = next + 4; }
        else if (v == kReporting && !reporting) { aux_before = false; continue; }
        else if (j >= future_group) t = Tense::Past;
        aux_before = true;
      } else if (regular_past(j) && !aux_before && j >= future_group) {
        t = Tense::Past;
      } else {
        aux_before = false;
        continue;
      }
      // «On Friday, the government planned to pay...»: a future seen from the past that follows
      // the date tells of the past
      if (t && j >= e && *t == Tense::FutureInPast) t = Tense::Past;
      if (t) (j < b ? before : after) = j < b ? t : (after ? after : t);
      j = next - 1;  // a cue of several words: «going to»
    }
    if (fronted) return after.value_or(Tense::None);
    return before ? *before : after.value_or(Tense::None);
  }
  static bool is_future(Tense t) { return t == Tense::Future || t == Tense::FutureInPast; }
  CivilDate dct() const { return ref_in(G); }
  // The year of a month (and day) with no year written: in a future sentence the next such month
  // from the document's on («will double its flights by August»), in a sentence that opens with
  // it and goes on in the past the latest up to the document's («In January, the company
  // brought in...»); otherwise the nearest occurrence, a future one counting double — news
  // mostly reports what happened. (A past verb before the date decides nothing: «extended its
  // offer to Nov. 16», «declared a dividend payable Dec. 15».)
  int year_for(std::size_t i, std::size_t te, int month, int day) const {
    const CivilDate r = dct();
    bool fronted = false;
    const Tense t = tense_near(i, te, /*reporting=*/false, &fronted);
    if (t == Tense::Future) return month < r.month || (month == r.month && day > 0 && day < r.day) ? r.year + 1 : r.year;
    if (t == Tense::Past && fronted) return month > r.month || (month == r.month && day > r.day) ? r.year - 1 : r.year;
    return nearest_year(G, month, day, 2.0);
  }

  // ---- the rules ----------------------------------------------------------------------------
  std::optional<Found> at(std::size_t i) const {
    std::optional<Found> best;
    auto consider = [&](std::optional<Found> f) {
      if (f && (!best || f->te > best->te)) best = std::move(f);
    };
    consider(date_and_time(i));
    consider(time_phrase(i));
    consider(duration(i));
    consider(set_phrase(i));
    consider(reference_word(i));
    consider(approximate(i));
    return best;
  }

  // A date phrase, then a part of day on it: «Friday morning». The TimeML corpora type it DATE
  // and give it the day's value more often than the part of day's (1998-08-07 rather than
  // 1998-08-07TMO, measured on TBAQ; «on Friday night» often leaves «night» out altogether).
  std::optional<Found> date_and_time(std::size_t i) const {
    auto d = date_phrase(i);
    if (!d || d->value.shape != Shape::Day) return d;
    if (Hit p = hit(d->te, Cat::Pod)) d->te = p.next;
    return d;
  }

  std::optional<Found> date_phrase(std::size_t i) const {
    std::optional<Found> best;
    auto consider = [&](std::optional<Found> f) {
      if (f && (!best || f->te > best->te)) best = std::move(f);
    };
    consider(relative_day(i));
    consider(calendar_date(i));
    consider(numeric_date(i));
    consider(year_phrase(i));
    consider(weekday_phrase(i));
    consider(relative_unit(i));
    consider(quarter_phrase(i));
    consider(season_phrase(i));
    consider(modified(i));
    consider(holiday(i));
    consider(document_unit(i));
    consider(year_ago(i));
    consider(period_phrase(i));
    consider(year_end(i));
    return best;
  }

  // Report periods, in a report that talks in quarters: «the latest period» (the quarter it
  // reports), «last year's quarter» and «the corresponding period last year» (that quarter a
  // year before).
  std::optional<Found> period_phrase(std::size_t i) const {
    if (!disc_.quarters_seen || !disc_.last_quarter || !has_ref()) return std::nullopt;
    const Value& q = *disc_.last_quarter;
    bool definite = false;
    const std::size_t j = skip_article(i, &definite);
    const auto period = [&](std::size_t k) { return word(k) == "quarter" || word(k) == "period"; };
    if (j == i) {  // «last year's quarter»
      int off = 0;
      std::size_t k = i + 1;
      if (Hit d = hit(i, Cat::Dir)) { off = d.e->value; k = d.next; }
      else if (word(i) != "this") return std::nullopt;
      if (word(k) != "year") return std::nullopt;
      const std::size_t p = skip_possessive(k + 1);
      if (p == k + 1 || !period(p)) return std::nullopt;
      return Found{i, p + 1, quarter_value(dct().year + off, q.month, true)};
    }
    if (!definite) return std::nullopt;
    if ((word(j) == "latest" || word(j) == "current") && word(j + 1) == "period") return Found{i, j + 2, q};
    if ((word(j) == "corresponding" || word(j) == "comparable" || word(j) == "same") && period(j + 1)) {
      std::size_t k = j + 2;
      if (word(k) == "last" && word(k + 1) == "year") k += 2;
      else if (word(k) == "a" && word(k + 1) == "year" && hit(k + 2, Cat::Ago) && hit(k + 2, Cat::Ago).e->value < 0) k = hit(k + 2, Cat::Ago).next;
      else return std::nullopt;
      return Found{i, k, quarter_value(q.year - 1, q.month, true)};
    }
    return std::nullopt;
  }

  // «year-end», «year end», «year's end»: the end of the document's year, of the one before after
  // «since» (TimeML values them as «the end of the year»).
  std::optional<Found> year_end(std::size_t i) const {
    if (word(i) != "year" || !has_ref()) return std::nullopt;
    std::size_t j = glued_punct(i + 1, '-') ? i + 2 : skip_possessive(i + 1);
    if (word(j) != "end") return std::nullopt;
    Value v = year_value(G, dct().year - (i > 0 && word(i - 1) == "since" ? 1 : 0), true);
    v.mod = Mod::End;
    return Found{i, j + 1, v};
  }

  // today, yesterday, tomorrow.
  std::optional<Found> relative_day(std::size_t i) const {
    const Hit r = hit(i, Cat::RelDay);
    if (!r) return std::nullopt;
    const std::size_t te = r.next;
    if (!has_ref()) return Found{i, te, unknown(Shape::Day, Grain::Day, G)};
    return Found{i, te, day_of_jdn(R() + r.e->value, true, G)};
  }

  // month day[, year] | day month [year] | month [of] year | Month (capitalized).
  std::optional<Found> calendar_date(std::size_t i) const {
    std::size_t j = i;
    int dir = 0;
    bool qualified = false;  // «last November», «this September»
    if (Hit d = hit(j, Cat::Dir)) { dir = d.e->value; j = d.next; qualified = true; }
    else if (Hit t = hit(j, Cat::This); t && word(j) == "this") { j = t.next; qualified = true; }
    int month = 0, day = 0;
    std::size_t te = 0;
    if (auto m = month_name(j)) {  // March 22, March 22nd, March eighth
      month = m->e->value;
      te = m->next;
      if (auto d = day_of_month(te)) {
        day = static_cast<int>(d->value);
        te = d->next;
      } else if (auto o = ordinal(te); o && o->value <= 31 && !glued_punct(o->next, '-') && !hit(o->next, Cat::Unit)) {
        day = static_cast<int>(o->value);
        te = o->next;
      }
    } else if (auto d = day_of_month(j)) {  // 22 March, the 22nd of March
      std::size_t k = d->next;
      if (word(k) == "of") ++k;
      auto m = month_name(k);
      if (!m) return std::nullopt;
      day = static_cast<int>(d->value);
      month = m->e->value;
      te = m->next;
    } else {
      return std::nullopt;
    }
    // the year: «, 1998», «1998», «of 1998»
    std::size_t k = te;
    if (is_punct(k, ',')) ++k;
    else if (word(k) == "of" && day == 0) ++k;
    std::optional<int> year;
    if (auto y = year_number(k)) {
      year = static_cast<int>(y->value);
      te = y->next;
    } else if (day == 0 && has_ref() && word(te + 1) == "year" && (hit(te, Cat::Dir) || word(te) == "this")) {
      const int off = word(te) == "this" ? 0 : hit(te, Cat::Dir).e->value;  // June last year
      return Found{i, te + 2, month_value(G, dct().year + off, month, true)};
    }
    if (qualified && (day > 0 || year)) return std::nullopt;  // «next March 5» is rare; leave it
    if (day == 0 && !year && !capitalized(j)) return std::nullopt;  // «Thursday, Jan. 6» is two mentions
    if (qualified && has_ref()) {  // the previous, this or next such month
      const CivilDate r = dct();
      int y = r.year;
      if (dir < 0 && month >= r.month) --y;
      if (dir > 0 && month <= r.month) ++y;
      return Found{i, te, month_value(G, y, month, true)};
    }
    Value v;
    if (year) {
      if (day > 0) {
        if (!valid_date(G, *year, month, day)) return std::nullopt;
        v = day_value(G, *year, month, day, false);
      } else {
        v = month_value(G, *year, month, false);
      }
      return Found{i, te, v};
    }
    if (!has_ref()) {
      v = unknown(day > 0 ? Shape::Day : Shape::Month, day > 0 ? Grain::Day : Grain::Month, G);
      v.month = month;
      v.day = day;
      v.year_known = false;
      return Found{i, te, v};
    }
    const int y = year_for(i, te, month, day);
    if (day > 0) {
      if (!valid_date(G, y, month, day)) return std::nullopt;
      return Found{i, te, day_value(G, y, month, day, true)};
    }
    return Found{i, te, month_value(G, y, month, true)};
  }

  // 10/23/1998, 1998-10-23.
  std::optional<Found> numeric_date(std::size_t i) const {
    if (!is_num(i) || i + 4 >= n()) return std::nullopt;
    const Token &s1 = t_[i + 1], &s2 = t_[i + 3];
    if (s1.kind != TokKind::Punct || s2.kind != TokKind::Punct || s1.punct != s2.punct) return std::nullopt;
    if ((s1.punct != '/' && s1.punct != '-') || !s1.glued() || !s2.glued() || !is_num(i + 2) || !is_num(i + 4) ||
        !t_[i + 2].glued() || !t_[i + 4].glued())
      return std::nullopt;
    const Token &a = t_[i], &b = t_[i + 2], &c = t_[i + 4];
    int y, m, d;
    if (a.digits == 4) y = static_cast<int>(a.number), m = static_cast<int>(b.number), d = static_cast<int>(c.number);
    else if (c.digits == 4 && s1.punct == '/') y = static_cast<int>(c.number), m = static_cast<int>(a.number), d = static_cast<int>(b.number);
    else if (c.digits == 2 && s1.punct == '/') y = 1900 + static_cast<int>(c.number) + (c.number < 30 ? 100 : 0), m = static_cast<int>(a.number), d = static_cast<int>(b.number);
    else return std::nullopt;
    if (!valid_date(G, y, m, d)) return std::nullopt;
    return Found{i, i + 5, day_value(G, y, m, d, false)};
  }

  // 1998, fiscal 1988, the 1990s, 1980s, the '90s, the eighties, the 21st century.
  std::optional<Found> year_phrase(std::size_t i) const {
    bool definite = false;
    std::size_t j = skip_article(i, &definite);
    if (definite && word(j) == "year") {  // «the year two thousand», «the year 2000»
      if (auto y = year_number(j + 1)) return Found{i, y->next, year_value(G, static_cast<int>(y->value), false)};
      if (auto c = cardinal(j + 1); c && !c->digits && c->value >= 1000 && c->value < 2100)
        return Found{i, c->next, year_value(G, static_cast<int>(c->value), false)};
    }
    if (Hit f = hit(j, Cat::Fiscal)) {
      std::size_t k = f.next;
      if (word(k) == "year") ++k;
      if (auto y = year_number(k)) return Found{i, y->next, year_value(G, static_cast<int>(y->value), false)};
      return std::nullopt;
    }
    if (Hit d = hit(j, Cat::Decade)) {
      Value v = unknown(Shape::Decade, Grain::Year, G);
      v.year = d.e->value * 10;
      v.known = true;
      v.relative = false;
      return Found{i, d.next, v};
    }
    if (auto y = year_number(j)) {
      std::size_t te = y->next;
      if (te < n() && word(te) == "s" && t_[te].glued() && y->value % 10 == 0) {  // 1990s, '90s
        Value v = unknown(Shape::Decade, Grain::Year, G);
        v.year = static_cast<int>(y->value);
        v.known = true;
        v.relative = false;
        return Found{i, te + 1, v};
      }
      if (j != i) {  // «the 1988 period», «the 1988 fiscal year»
        if (word(te) == "period" || word(te) == "quarter") {
          if (quarter_context(i))
            return Found{i, te + 1, quarter_value(static_cast<int>(y->value), disc_.last_quarter->month, false)};
          return Found{i, te + 1, year_value(G, static_cast<int>(y->value), false)};
        }
        return std::nullopt;
      }
      if (!bare_year_ok(i, te)) return std::nullopt;
      return Found{i, te, year_value(G, static_cast<int>(y->value), false)};
    }
    // the 21st century, the twentieth century, 11th century
    if (definite || j == i) {
      std::optional<Num> nth;
      if (is_num(j) && j + 1 < n() && t_[j + 1].glued() && t_[j + 1].kind == TokKind::Word) {
        nth = Num{static_cast<std::int64_t>(t_[j].number), j + 2, true};
      } else {
        nth = ordinal(j);
      }
      if (nth && nth->value >= 1 && nth->value <= 21) {
        if (Hit u = hit(nth->next, Cat::Unit); u && static_cast<Unit>(u.e->value) == Unit::Century) {
          Value v = unknown(Shape::Century, Grain::Year, G);
          v.year = static_cast<int>(nth->value);
          v.known = true;
          v.relative = false;
          return Found{i, u.next, v};
        }
      }
    }
    return std::nullopt;
  }
  // A four-digit number is a year unless it counts something or is money.
  bool bare_year_ok(std::size_t i, std::size_t next) const {
    if (i > 1 && t_[i].glued() && is_punct(i - 1, '-') && word(i - 2) == "mid") return true;  // mid-1996
    if (i > 0 && t_[i].glued() && t_[i - 1].kind == TokKind::Punct) return false;  // $1990, #1990
    if (!t_[i].digits) return true;  // written in words: «in nineteen ninety-six»
    if (next < n() && t_[next].kind == TokKind::Word && !t_[next].glued()) {
      if (hit(next, Cat::Unit) || hit(next, Cat::UnitPlural)) return false;  // 1990 years
      const std::string_view w = word(next);
      if (w == "percent" || w == "people" || w == "shares" || w == "points" || w == "tons" || w == "miles")
        return false;
    }
    if (i > 0 && (word(i - 1) == "the" || word(i - 1) == "to" || hit(i - 1, Cat::Prep))) return true;
    return t_[i].number >= 1900 && t_[i].number <= 2030;
  }

  // Friday, last Friday, next Monday, this Monday, the previous Friday.
  std::optional<Found> weekday_phrase(std::size_t i) const {
    bool definite = false;
    std::size_t j = skip_article(i, &definite);
    int dir = 0;
    bool qualified = false;
    if (Hit d = hit(j, Cat::Dir)) { dir = d.e->value; j = d.next; qualified = true; }
    else if (Hit t = hit(j, Cat::This)) { j = t.next; qualified = true; }
    if (j == i + 1 && definite && !qualified) return std::nullopt;
    const Hit w = hit(j, Cat::Weekday);
    if (!w) return std::nullopt;
    const std::size_t te = w.next;
    if (!qualified && !capitalized(j)) return std::nullopt;
    // «Monday, Oct. 23», «Friday Oct. 13», «this coming Sunday, March eighth»: one date (TimeML),
    // when the weekday is that day's
    if (auto d = calendar_date(is_punct(te, ',') ? te + 1 : te); d && d->value.shape == Shape::Day && d->value.known) {
      if (iso_weekday(day_range(d->value).first) == w.e->value) return Found{i, d->te, d->value};
    }
    if (!has_ref()) return Found{i, te, unknown(Shape::Day, Grain::Day, G)};
    // «the previous Friday», «the following Monday»: counted from the day last named
    std::int64_t base = R();
    if (definite && dir != 0 && disc_.anchor && disc_.anchor->shape == Shape::Day && disc_.anchor->calendar == G)
      base = day_range(*disc_.anchor).first;
    const int wd = w.e->value, today = iso_weekday(base);
    std::int64_t day;
    if (qualified && dir < 0) { int k = (today - wd + 7) % 7; day = base - (k == 0 ? 7 : k); }
    else if (qualified && dir > 0) { int k = (wd - today + 7) % 7; day = base + (k == 0 ? 7 : k); }
    else if (qualified) day = R() - (today - 1) + (wd - 1);  // this Monday: in the current week
    else if (skip_possessive(te) == te && is_future(tense_near(i, te, /*reporting=*/true)))
      day = R() + (wd - today + 7) % 7;  // «Wednesday's ruling» names an event: no verb's tense is its
    else day = R() - (today - wd + 7) % 7;
    return Found{i, te, day_of_jdn(day, true, G)};
  }

  // last year, this week, next month, the past year (a duration), two years ago, a year earlier,
  // earlier this year, the year (the document's).
  std::optional<Found> relative_unit(std::size_t i) const {
    bool definite = false;
    std::size_t j = skip_article(i, &definite);
    const bool article = j != i;
    // «earlier this year», «later this month»
    Mod mod = Mod::None;
    if (!article) {
      if (word(j) == "earlier") { mod = Mod::Start; ++j; }
      else if (word(j) == "later") { mod = Mod::End; ++j; }
    }
    int dir = 0;
    bool this_one = false, following = false;
    if (mod != Mod::None && word(j) == "that") {  // «later that year», «earlier that day»
      if (Hit u = hit(j + 1, Cat::Unit)) {
        if (auto v = unit_from_anchor(static_cast<Unit>(u.e->value), 0)) {
          v->mod = mod;
          return Found{i, u.next, *v};
        }
      }
      return std::nullopt;
    }
    bool next_day = false;  // «the next day», «the next morning»: after the day last named
    if (Hit d = hit(j, Cat::Dir)) {
      dir = d.e->value;
      following = definite && word(j) == "following";
      next_day = definite && word(j) == "next";
      j = d.next;
    } else if (Hit t = hit(j, Cat::This)) {
      this_one = true;
      j = t.next;
    }
    if ((following || next_day) && hit(j, Cat::Pod)) {  // «the next morning»: that day (as «Friday morning»)
      if (auto v = unit_from_anchor(Unit::Day, 1)) return Found{i, hit(j, Cat::Pod).next, *v};
    }
    if ((dir != 0 || this_one) && word(j) == "fiscal") ++j;  // «the current fiscal year»
    // «two years ago», «a year earlier»
    if (!this_one && dir == 0 && mod == Mod::None) return counted_back(i, j, article);
    if (article && !definite) return std::nullopt;
    const Hit u = hit(j, Cat::Unit);
    if (!u) return std::nullopt;
    const auto unit = static_cast<Unit>(u.e->value);
    const std::size_t te = u.next;
    if (!has_ref()) {
      Value v = unknown(Shape::Day, unit_grain(unit), G);
      v.mod = mod;
      return Found{i, te, v};
    }
    std::optional<Value> v;
    if (following || (next_day && unit == Unit::Day)) v = unit_from_anchor(unit, 1);  // «the following year»: after the year last named
    if (!v) v = unit_from_reference(unit, this_one ? 0 : dir);
    if (!v) return std::nullopt;
    v->mod = mod;
    return Found{i, te, *v};
  }
  // The unit of the latest date the text named (run() keeps it in disc_.anchor), `off` units on:
  // «the following year», «later that year», «that same day» are anchored to it (TimeML), not
  // to the document date.
  std::optional<Value> unit_from_anchor(Unit unit, int off) const {
    if (!disc_.anchor || disc_.anchor->calendar != G) return std::nullopt;
    const Value& a = *disc_.anchor;
    const bool has_month = a.shape == Shape::Month || a.shape == Shape::Day;
    switch (unit) {
      case Unit::Year: return year_value(G, a.year + off, a.relative);
      case Unit::Month:
        if (!has_month) return std::nullopt;
        return month_at_index(G, a.year * 12LL + (a.month - 1) + off, a.relative);
      case Unit::Day:
        if (a.shape != Shape::Day) return std::nullopt;
        return day_of_jdn(day_range(a).first + off, a.relative, G);
      default: return std::nullopt;
    }
  }
  // The document's own unit: «the year» («the year ended March 31»: a duration), «the quarter»
  // (the one the report named last, else the latest completed one), «the week», «the weekend»
  // (the last one, or the next in a future sentence), «the fiscal year», «the week of March 6»;
  // «that year», «that same day» (the latest date in the text), «that quarter».
  std::optional<Found> document_unit(std::size_t i) const {
    std::size_t j;
    if (word(i) == "the") j = i + 1;
    else if (word(i) == "that" && (disc_.anchor || disc_.last_quarter)) j = i + 1;
    else return std::nullopt;
    if (word(j) == "fiscal" || word(j) == "full" || word(j) == "same" || word(j) == "entire") ++j;
    const Hit u = hit(j, Cat::Unit);
    if (!u || !has_ref()) return std::nullopt;
    const auto unit = static_cast<Unit>(u.e->value);
    const std::size_t te = u.next;
    if (unit == Unit::Week && word(i) == "the" && word(te) == "of") {  // «the week of March 6»
      if (auto d = calendar_date(te + 1); d && d->value.shape == Shape::Day && d->value.known)
        return Found{i, d->te, week_of(day_range(d->value).first, d->value.relative)};
    }
    if (hit(te, Cat::Ago) || word(te) == "of" || word(te) == "before" || word(te) == "after") return std::nullopt;
    if (word(i) == "that") {
      if (unit == Unit::Quarter && disc_.last_quarter) return Found{i, te, *disc_.last_quarter};
      if (auto v = unit_from_anchor(unit, 0); v && unit != Unit::Month) return Found{i, te, *v};
      return std::nullopt;
    }
    if (unit == Unit::Quarter && (hit(te, Cat::Article) || hit(te, Cat::Cardinal)) && quarter_context(i)) {
      if (auto back = counted_back(te, skip_article(te), true); back && back->value.shape == Shape::Quarter)
        return Found{i, back->te, back->value};  // «the quarter a year ago»: that quarter the year before
    }
    switch (unit) {
      case Unit::Year:  // «the year ended March 31»: twelve months up to that day
        if (word(te) == "ended" || word(te) == "ending") return Found{i, te, amount(Kind::Duration, Grain::Year, "P1Y")};
        return Found{i, te, *unit_from_reference(Unit::Year, 0)};
      case Unit::Quarter: {  // the quarter the report named last, or the latest completed one
        if (disc_.last_quarter) return Found{i, te, *disc_.last_quarter};
        const CivilDate r = dct();
        const int cur = (r.month - 1) / 3 + 1;
        return Found{i, te, quarter_value(cur == 1 ? r.year - 1 : r.year, cur == 1 ? 4 : cur - 1, true)};
      }
      case Unit::Week: return Found{i, te, *unit_from_reference(Unit::Week, 0)};
      case Unit::Weekend: {
        const bool future = tense_near(i, te, /*reporting=*/true) == Tense::Future;
        const int wd = iso_weekday(R());
        std::int64_t off = 0;
        if (!future && wd < 6) off = -1;
        if (future && wd == 7) off = 1;
        return Found{i, te, *unit_from_reference(Unit::Weekend, off)};
      }
      default: return std::nullopt;
    }
  }

  // «year-earlier», «the year-ago period», «the comparable year-earlier quarter»: the same period
  // a year before (in a report about quarters, the latest quarter's).
  std::optional<Found> year_ago(std::size_t i) const {
    std::size_t j = skip_article(i);
    if (word(j) == "comparable" || word(j) == "corresponding") ++j;
    const Hit y = hit(j, Cat::YearAgo);
    if (!y || !has_ref()) return std::nullopt;
    std::size_t te = y.next;
    if (auto d = duration(te); d && d->tb == te && d->value.kind == Kind::Duration)
      return Found{i, d->te, d->value};  // «the year-earlier nine months»: that many months
    std::optional<int> q;
    if (auto o = ordinal(te); o && word(o->next) == "quarter") { q = static_cast<int>(o->value); te = o->next + 1; }
    else if (word(te) == "quarter" || word(te) == "period") ++te;
    else if (j != i) return year_ago(j);  // «the year-ago results»: the article goes with the noun
    const CivilDate r = dct();
    if (q) return Found{i, te, quarter_value(r.year - 1, *q, true)};
    if (quarter_context(i)) return Found{i, te, quarter_value(disc_.last_quarter->year - 1, disc_.last_quarter->month, true)};
    const int cur = (r.month - 1) / 3 + 1;
    if (word(te - 1) == "quarter") return Found{i, te, quarter_value(r.year - 1 - (cur == 1), cur == 1 ? 4 : cur - 1, true)};
    return Found{i, te, year_value(G, r.year - 1, true)};
  }

  // Whether «a year earlier», «the year-ago period», «the 1988 period» mean a quarter: in a report
  // about quarters they are the latest quarter a year before, unless their sentence reports a
  // stretch longer than a quarter («For the nine months, ... a year earlier»): then the year.
  bool quarter_context(std::size_t i) const {
    if (!disc_.quarters_seen || !disc_.last_quarter) return false;
    std::size_t s = i;
    for (std::size_t k = 0; s > 0 && k < kSentenceWindow && !sentence_break(s); ++k) --s;
    for (std::size_t j = s, k = 0; j < n() && k < 2 * kSentenceWindow; ++j, ++k) {
      if (j > i && sentence_break(j)) break;
      if (auto c = cardinal(j); c && c->value > 3 && c->value < 12) {
        if (Hit u = hit(c->next, Cat::UnitPlural); u && static_cast<Unit>(u.e->value) == Unit::Month) return false;
      }
    }
    return true;
  }

  // The ISO week holding day `jdn`.
  Value week_of(std::int64_t jdn, bool relative) const {
    Value v = unknown(Shape::Week, Grain::Week, G);
    v.known = true;
    v.relative = relative;
    v.jdn = jdn - (iso_weekday(jdn) - 1);
    return v;
  }
  // The unit `off` units from the one holding the reference.
  std::optional<Value> unit_from_reference(Unit unit, std::int64_t off) const {
    const CivilDate r = dct();
    switch (unit) {
      case Unit::Day: return day_of_jdn(R() + off, true, G);
      case Unit::Week: case Unit::Weekend: {
        Value v = unknown(unit == Unit::Week ? Shape::Week : Shape::Weekend, unit == Unit::Week ? Grain::Week : Grain::Day, G);
        v.known = true;
        v.jdn = R() - (iso_weekday(R()) - 1) + 7 * off;
        return v;
      }
      case Unit::Month: return month_at_index(G, r.year * 12LL + (r.month - 1) + off, true);
      case Unit::Year: return year_value(G, r.year + static_cast<int>(off), true);
      case Unit::Quarter: {
        const std::int64_t q = r.year * 4LL + (r.month - 1) / 3 + off;
        return quarter_value(static_cast<int>(q / 4), static_cast<int>(q % 4) + 1, true);
      }
      case Unit::Decade: {
        Value v = unknown(Shape::Decade, Grain::Year, G);
        v.year = (r.year / 10 + static_cast<int>(off)) * 10;
        v.known = true;
        return v;
      }
      case Unit::Century: {
        Value v = unknown(Shape::Century, Grain::Year, G);
        v.year = (r.year - 1) / 100 + 1 + static_cast<int>(off);
        v.known = true;
        return v;
      }
      default: return std::nullopt;
    }
  }
  static Value quarter_value(int year, int q, bool relative) {
    Value v = unit_value(Shape::Quarter, Grain::Quarter, G, year, q, 0, relative);
    return v;
  }
  // «two years ago», «a year earlier», «three days later», «five months ago».
  std::optional<Found> counted_back(std::size_t i, std::size_t j, bool article) const {
    std::int64_t count = 1;
    if (Hit v = hit(article ? i : j, Cat::Vague)) {  // «a few years ago», «several years ago»
      const Hit u = hit(v.next, Cat::UnitPlural);
      if (!u) return std::nullopt;
      const Hit a = hit(u.next, Cat::Ago);
      if (!a || a.e->value == kSignal) return std::nullopt;
      Value r = unknown(Shape::Ref, unit_grain(static_cast<Unit>(u.e->value)), G);
      r.amount = a.e->value < 0 ? "PAST_REF" : "FUTURE_REF";
      return Found{i, a.next, r};
    }
    if (!article) {
      auto c = cardinal(j);
      if (!c) return std::nullopt;
      count = c->value;
      j = c->next;
    }
    Hit u = hit(j, Cat::Unit);
    if (!u && !article) u = hit(j, Cat::UnitPlural);
    if (!u) return std::nullopt;
    const Hit a = hit(u.next, Cat::Ago);
    if (!a || a.e->value == kSignal || count < 1 || count > 1000) return std::nullopt;
    const auto unit = static_cast<Unit>(u.e->value);
    const std::size_t te = a.next;
    if (is_time_unit(unit)) return std::nullopt;
    if (count * unit_multiplier(unit) > 5000) return std::nullopt;  // «a thousand centuries ago»: no date
    if (!has_ref()) return Found{i, te, unknown(Shape::Day, unit_grain(unit), G)};
    // In a report about quarters, «a year earlier» is the same quarter a year before.
    if (unit == Unit::Year && quarter_context(i)) {
      return Found{i, te, quarter_value(disc_.last_quarter->year + static_cast<int>(count) * a.e->value,
                                        disc_.last_quarter->month, true)};
    }
    auto v = unit_from_reference(unit, a.e->value * count);
    if (!v) return std::nullopt;
    return Found{i, te, *v};
  }

  // the third quarter, third-quarter, the fourth quarter of 1988, this year's third quarter,
  // the latest quarter, the first half.
  std::optional<Found> quarter_phrase(std::size_t i) const {
    std::size_t j = skip_article(i);
    if (word(j) == "fiscal") ++j;
    std::optional<int> year;
    // «this year's», «last year's», «1988's»
    if (auto y = year_number(j); y && skip_possessive(y->next) != y->next) {
      year = static_cast<int>(y->value);
      j = skip_possessive(y->next);
    } else if (Hit d = hit(j, Cat::Dir); d && hit(d.next, Cat::Unit) && word(d.next) == "year" &&
                                          skip_possessive(d.next + 1) != d.next + 1) {
      if (has_ref()) year = dct().year + d.e->value;
      j = skip_possessive(d.next + 1);
    } else if (Hit t = hit(j, Cat::This); t && word(t.next) == "year" && skip_possessive(t.next + 1) != t.next + 1) {
      if (has_ref()) year = dct().year;
      j = skip_possessive(t.next + 1);
    }
    if (!year) {  // «the 1988 third quarter»
      if (auto y = year_number(j); y && (ordinal(y->next) || word(y->next) == "fiscal")) {
        year = static_cast<int>(y->value);
        j = y->next;
        if (word(j) == "fiscal") ++j;
      }
    }
    int q = 0;
    bool half = false;
    bool latest = false;
    if (auto o = ordinal(j)) { q = static_cast<int>(o->value); j = o->next; }
    else if ((word(j) == "last" || word(j) == "latter") && word(j + 1) == "half") { q = 2; ++j; }  // the last half
    else if (word(j) == "latest" || word(j) == "last" || word(j) == "current" || word(j) == "recent") { latest = true; ++j; }
    else return std::nullopt;
    const bool hyphen = glued_punct(j, '-');
    if (hyphen) ++j;
    const std::string_view w = word(j);
    if (w == "half") half = true;
    else if (w != "quarter") return std::nullopt;
    ++j;
    // «a third-quarter loss»: the timex modifies a noun, and the article belongs to the noun
    if (hyphen && skip_article(i) != i && !year) return quarter_phrase(skip_article(i));
    if (word(j) == "of" || is_punct(j, ',')) {
      if (auto y = year_number(j + 1)) { year = static_cast<int>(y->value); j = y->next; }
    } else if (auto y = year_number(j)) {
      year = static_cast<int>(y->value);
      j = y->next;
    }
    if (!latest && (q < 1 || q > (half ? 2 : 4))) return std::nullopt;
    if (!year && !has_ref()) {
      Value v = unknown(half ? Shape::Half : Shape::Quarter, Grain::Quarter, G);
      v.month = q;
      v.year_known = false;
      return Found{i, j, v};
    }
    if (latest) {  // the last completed quarter before the document date
      const CivilDate r = dct();
      const int cur = (r.month - 1) / 3 + 1;
      const int y = cur == 1 ? r.year - 1 : r.year;
      return Found{i, j, quarter_value(year.value_or(y), cur == 1 ? 4 : cur - 1, !year)};
    }
    int y = year.value_or(dct().year);
    if (!year && !half && q > (dct().month - 1) / 3 + 1 && tense_near(i, j, /*reporting=*/false) != Tense::Future) --y;  // reported: last year's
    Value v = unit_value(half ? Shape::Half : Shape::Quarter, Grain::Quarter, G, y, q, 0, !year);
    return Found{i, j, v};
  }

  // this summer, last fall, the spring of 1998, summer 1998.
  std::optional<Found> season_phrase(std::size_t i, bool modified = false) const {
    bool definite = false;
    std::size_t j = skip_article(i, &definite);
    int dir = 0;
    bool qualified = definite || modified;  // «summer» alone is mostly generic; «early summer» is not
    if (Hit d = hit(j, Cat::Dir)) { dir = d.e->value; j = d.next; qualified = true; }
    else if (Hit t = hit(j, Cat::This)) { j = t.next; qualified = true; }
    const Hit s = hit(j, Cat::Season);
    if (!s) return std::nullopt;
    const int season = s.e->value;
    std::size_t te = s.next;
    std::optional<int> year;
    std::size_t k = word(te) == "of" ? te + 1 : te;
    if (auto y = year_number(k)) { year = static_cast<int>(y->value); te = y->next; }
    if (!year && !qualified) return std::nullopt;
    Value v = unknown(Shape::Season, Grain::Season, G);
    v.month = season;
    if (year) {
      v.year = *year;
      v.known = true;
      v.relative = false;
      return Found{i, te, v};
    }
    if (!has_ref()) { v.year_known = false; return Found{i, te, v}; }
    // The season holding the reference: winter is counted in the year of its December, so
    // February 1998 is in 1997-WI and «last fall» then is 1997-FA.
    const CivilDate r = dct();
    const int current = r.month < 3 ? 4 : r.month < 6 ? 1 : r.month < 9 ? 2 : r.month < 12 ? 3 : 4;
    const int current_year = r.month < 3 ? r.year - 1 : r.year;
    int y = r.month < 3 && season != 4 ? r.year : current_year;  // «this summer» in February: the coming one
    if (dir < 0) y = season < current ? current_year : current_year - 1;
    if (dir > 0) y = season > current ? current_year : current_year + 1;
    v.year = y;
    v.known = true;
    return Found{i, te, v};
  }

  // early next year, late November, mid-1990s, the end of the year, the beginning of 1999.
  std::optional<Found> modified(std::size_t i) const {
    if (word(i) == "the" && hit(i + 1, Cat::Mod) && !hit(i, Cat::Mod)) {  // the late 1970s
      if (auto f = modified(i + 1)) {
        f->tb = i;
        return f;
      }
      return std::nullopt;
    }
    const Hit m = hit(i, Cat::Mod);
    if (!m) return std::nullopt;
    std::size_t j = m.next;
    if (glued_punct(j, '-')) ++j;  // mid-1990s
    std::optional<Found> inner;
    auto consider = [&](std::optional<Found> f) {
      if (f && (!inner || f->te > inner->te)) inner = std::move(f);
    };
    consider(calendar_date(j));
    consider(year_phrase(j));
    consider(relative_unit(j));
    consider(season_phrase(j, /*modified=*/true));
    consider(weekday_phrase(j));
    consider(relative_day(j));
    if (!inner) {  // «the end of the year»: the document's year
      const std::size_t k = skip_article(j);
      if (k != j && has_ref()) {
        if (Hit u = hit(k, Cat::Unit)) {
          if (auto v = unit_from_reference(static_cast<Unit>(u.e->value), 0)) inner = Found{j, u.next, *v};
        }
      }
    }
    if (!inner) return std::nullopt;
    inner->tb = i;
    inner->value.mod = static_cast<Mod>(m.e->value);
    return inner;
  }

  // The day of a holiday in a year: fixed, or the first given weekday on or after a date.
  Value holiday_in(const Entry& e, int year, bool relative) const {
    if (e.weekday == 0) return day_value(G, year, e.month, e.day, relative);
    const std::int64_t from = to_jdn(G, CivilDate{year, e.month, e.day});
    return day_of_jdn(from + (e.weekday - iso_weekday(from) + 7) % 7, relative, G);
  }
  std::optional<Found> holiday(std::size_t i) const {
    std::size_t j = i;
    int dir = 0;
    if (Hit d = hit(j, Cat::Dir)) { dir = d.e->value; j = d.next; }  // last Thanksgiving
    const Hit h = hit(j, Cat::Holiday);
    if (!h) return std::nullopt;
    std::size_t te = h.next;
    if (auto y = year_number(te)) return Found{i, y->next, holiday_in(*h.e, static_cast<int>(y->value), false)};
    if (has_ref() && (dir != 0 || h.e->weekday != 0)) {
      const int y0 = dct().year;
      Value v = holiday_in(*h.e, y0, true);
      const std::int64_t d = day_range(v).first;
      if (dir < 0 && d >= R()) v = holiday_in(*h.e, y0 - 1, true);
      else if (dir > 0 && d <= R()) v = holiday_in(*h.e, y0 + 1, true);
      else if (dir == 0 && d - R() > 183) v = holiday_in(*h.e, y0 - 1, true);
      else if (dir == 0 && R() - d > 183) v = holiday_in(*h.e, y0 + 1, true);
      return Found{i, te, v};
    }
    if (!has_ref()) {
      Value v = unknown(Shape::Day, Grain::Day, G);
      v.month = h.e->month;
      v.day = h.e->day;
      v.year_known = false;
      return Found{i, te, v};
    }
    return Found{i, te, day_value(G, nearest_year(G, h.e->month, h.e->day), h.e->month, h.e->day, true)};
  }

  // ---- times --------------------------------------------------------------------------------
  // 5 p.m., 5:30 p.m., 17:30 GMT, noon, midnight, 3 o'clock; tonight, last night, this morning;
  // a clock time before a day: «5 p.m. Friday».
  std::optional<Found> time_phrase(std::size_t i) const {
    if (Hit nt = hit(i, Cat::Night)) {
      Found day{i, nt.next, has_ref() ? day_of_jdn(R() + (nt.e->value < 0 ? -1 : nt.e->value), true, G)
                                      : unknown(Shape::Day, Grain::Day, G)};
      return on_day(Found{i, nt.next, part_of_day(Pod::Night)}, day, i);
    }
    if (Hit t = hit(i, Cat::This)) {  // this morning, this afternoon
      if (Hit p = hit(t.next, Cat::Pod)) {
        Found day{i, p.next, has_ref() ? day_of_jdn(R(), true, G) : unknown(Shape::Day, Grain::Day, G)};
        return on_day(Found{i, p.next, part_of_day(static_cast<Pod>(p.e->value))}, day, i);
      }
    }
    if (Hit m = hit(i, Cat::Mod)) {  // «mid-afternoon», «early morning», «mid-afternoon yesterday»
      const std::size_t j = glued_punct(m.next, '-') ? m.next + 1 : m.next;
      if (Hit p = hit(j, Cat::Pod)) {
        Found t{i, p.next, part_of_day(static_cast<Pod>(p.e->value))};
        t.value.mod = static_cast<Mod>(m.e->value);
        auto d = date_phrase(p.next);
        if (!d || d->value.shape != Shape::Day)
          d = Found{i, p.next, has_ref() ? day_of_jdn(R(), true, G) : unknown(Shape::Day, Grain::Day, G)};
        return on_day(t, *d, i);
      }
    }
    if (word(i) == "later" || word(i) == "earlier") {  // later this afternoon
      if (auto t = time_phrase(i + 1)) {
        t->tb = i;
        t->value.mod = word(i) == "later" ? Mod::End : Mod::Start;
        return t;
      }
    }
    auto c = clock(i);
    if (!c) return std::nullopt;
    std::size_t j = c->te;
    if (auto d = date_phrase(j); d && d->value.shape == Shape::Day) return on_day(*c, *d, i);
    if (is_punct(j, '(')) {  // «10:35 a.m. (0735 GMT) Friday», «4 in the morning (4 a.m. Thursday)»
      std::optional<Found> d;
      std::size_t k = j + 1;
      for (; k < n() && k < j + 8 && !is_punct(k, ')') && !d; ++k)
        if (auto p = date_phrase(k); p && p->value.shape == Shape::Day) d = p;
      while (!d && k < n() && k < j + 8 && !is_punct(k, ')')) ++k;
      if (!d && is_punct(k, ')')) d = date_phrase(k + 1);
      if (d && d->value.shape == Shape::Day) {  // the day the aside names or follows it: the clock's
        Found f = *on_day(*c, *d, i);
        f.te = c->te;
        return f;
      }
    }
    return on_clock_day(*c);
  }
  // A clock time with no day of its own: on the day the paragraph named last when that is within
  // a week of the reference, as news reports name it before the hour («A bomb exploded Friday ...
  // The blast occurred at 10:35 a.m.»); else on the reference day. (Only this paragraph's: a
  // new paragraph's clock time starts afresh, and a long text read in pieces reads the same.)
  Found on_clock_day(Found c) const {
    if (day_named_ && has_ref() && std::abs(day_range(*day_named_).first - R()) <= 7) {
      Found d{c.tb, c.te, *day_named_};
      Found f = *on_day(c, d, c.tb);
      f.floating = true;
      f.carry = static_cast<int>(c.value.jdn);
      return f;
    }
    return on_reference(c);
  }
  std::optional<Found> clock(std::size_t i) const {
    Value v;
    v.shape = Shape::Clock;
    v.kind = Kind::Time;
    v.calendar = G;
    std::size_t j = i;
    if (Hit w = hit(i, Cat::ClockWord)) {
      v.hour = w.e->value;
      v.grain = Grain::Hour;
      j = w.next;
      return Found{i, j, v};
    }
    if (!is_num(i) || t_[i].digits > 2) return std::nullopt;
    int h = static_cast<int>(t_[i].number), m = -1;
    j = i + 1;
    if (glued_punct(j, ':') && is_num(j + 1) && t_[j + 1].glued() && t_[j + 1].digits == 2) {
      m = static_cast<int>(t_[j + 1].number);
      j += 2;
    } else if (!lone_number(i) && !(j < n() && t_[j].kind == TokKind::Word)) {
      return std::nullopt;
    }
    const Hit ap = hit(j, Cat::AmPm);
    if (ap) {
      if (h < 1 || h > 12) return std::nullopt;
      h = h % 12 + ap.e->value;
      j = ap.next;
    } else if (const int pm = pod_after(j); pm >= 0 && h >= 1 && h <= 12) {  // «4 in the morning»
      h = h % 12 + pm;
      j = skip_article(j + 1) + 1;
    } else if (Hit oc = hit(j, Cat::OClock)) {
      j = oc.next;
    } else if (m < 0) {
      return std::nullopt;  // a bare number is not a time
    }
    if (h > 24 || m > 59) return std::nullopt;
    if (Hit z = hit(j, Cat::Zone)) j = z.next;
    v.hour = h % 24;
    v.minute = m;
    v.grain = m >= 0 ? Grain::Minute : Grain::Hour;
    return Found{i, j, v};
  }

  // «in the morning», «in the afternoon», «in the evening», «at night» after an hour: the hours
  // it adds (0 or 12), or -1.
  int pod_after(std::size_t j) const {
    if (word(j) != "in" && word(j) != "at") return -1;
    const std::size_t k = skip_article(j + 1);
    const Hit p = hit(k, Cat::Pod);
    if (!p || (k == j + 1) != (word(j) == "at")) return -1;  // «in the morning», «at night»
    const auto pod = static_cast<Pod>(p.e->value);
    return pod == Pod::Morning || pod == Pod::EarlyMorning ? 0 : 12;
  }

  // ---- durations, sets, references ----------------------------------------------------------
  // three years, 10-year, a year, an hour, half an hour, the past two months, the first nine
  // months, several weeks, weeks.
  std::optional<Found> duration(std::size_t i) const {
    bool definite = false;
    std::size_t j = skip_article(i, &definite);
    if (!definite && j != i && (hit(i, Cat::Vague) || hit(i, Cat::Cardinal))) j = i;  // «a few», «a couple of»
    const bool indefinite = j != i && !definite;
    if (definite) {  // the past two months, the first nine months, the next 14 months
      if (Hit d = hit(j, Cat::Dir)) j = d.next;
      else if (word(j) == "first") ++j;
      if (!cardinal(j) && !hit(j, Cat::Vague)) return std::nullopt;  // «the past year» is a date
    }
    if (word(j) == "half" && hit(j + 1, Cat::Article)) {  // half an hour
      const std::size_t k = hit(j + 1, Cat::Article).next;
      if (Hit u = hit(k, Cat::Unit)) {
        return Found{i, u.next, amount(Kind::Duration, unit_grain(static_cast<Unit>(u.e->value)),
                                       duration_value(std::vector<Part>{{static_cast<Unit>(u.e->value), 0, true}}))};
      }
    }
    std::int64_t count;
    bool vague = false, half_fraction = false;
    if (indefinite) {
      // «a second group», «a second betrayal»: the ordinal before a noun
      if (word(j) == "second" && j + 1 < n() && t_[j + 1].kind == TokKind::Word && !hit(j + 1, Cat::Prep) &&
          !hit(j + 1, Cat::Conn) && !hit(j + 1, Cat::Ago))
        return std::nullopt;
      count = 1;
    } else if (Hit v = hit(j, Cat::Vague)) {
      vague = true;
      count = 0;
      j = v.next;
      if (glued_punct(j, '-') && j + 1 < n() && t_[j + 1].glued()) ++j;  // «a several-year tenure»
    } else if (auto c = cardinal(j)) {
      count = c->value;
      j = c->next;
      if (word(j) == "1" && glued_punct(j + 1, '/') && word(j + 2) == "2" && t_[j + 2].glued()) {
        half_fraction = true;  // 5 1/2 hours
        j += 3;
      }
      if (glued_punct(j, '-')) {  // 10-year, two-hour: an adjective; «the 14-day» keeps «the» out
        if (definite && c->next - 1 == i + 1) return duration(i + 1);
        ++j;
      }
    } else if (Hit u1 = hit(j, Cat::Unit); u1 && j == i && glued_punct(u1.next, '-') && word(u1.next + 1) == "long") {
      const auto unit = static_cast<Unit>(u1.e->value);  // «a day-long meeting»: one unit
      return Found{i, u1.next + 2, amount(Kind::Duration, unit_grain(unit), duration_value(std::vector<Part>{{unit, 1, false}}))};
    } else if (Hit p = hit(j, Cat::UnitPlural); p && j == i) {  // weeks, days: an unknown amount
      if (Hit a = hit(p.next, Cat::Ago); a && a.e->value != kSignal) return std::nullopt;
      if (i > 0 && cardinal(i - 1)) return std::nullopt;  // «37 years old» left out as an age above
      if (i > 0 && glued_punct(i - 1, '-') && t_[i].glued()) return std::nullopt;  // «three-quarters»

      const auto unit = static_cast<Unit>(p.e->value);
      std::size_t te = p.next;
      if (word(te) == "or" && hit(te + 1, Cat::UnitPlural)) te = hit(te + 1, Cat::UnitPlural).next;  // «weeks or months»
      return Found{i, te, amount(Kind::Duration, unit_grain(unit), vague_amount(unit))};
    } else {
      return std::nullopt;
    }
    if (Hit w = hit(j, Cat::After); w && !vague && (hit(w.next, Cat::Unit) || hit(w.next, Cat::UnitPlural)))
      j = w.next;  // «two more weeks», «an additional year», «eight trading days»
    Hit u = hit(j, Cat::Unit);
    if (!u) u = hit(j, Cat::UnitPlural);
    if (!u || count > 100000) return std::nullopt;
    const auto unit = static_cast<Unit>(u.e->value);
    std::size_t te = u.next;
    if (unit == Unit::Quarter && !vague && word(te) == "of" && !year_number(te + 1)) return std::nullopt;  // «three-quarters of its food»
    if (Hit a = hit(te, Cat::Ago); a && a.e->value != kSignal) return std::nullopt;  // «two years ago» is a date
    if (count >= 1000 && count < 2100 && hit(j, Cat::Unit)) return std::nullopt;  // «the 1988 quarter»
    if (word(te) == "old" || (glued_punct(te, '-') && word(te + 1) == "old")) return std::nullopt;  // an age
    bool half = half_fraction;
    if (word(te) == "and" && word(te + 1) == "a" && word(te + 2) == "half") { half = true; te += 3; }
    if (vague) return Found{i, te, amount(Kind::Duration, unit_grain(unit), vague_amount(unit))};
    if (count == 0) return std::nullopt;
    if (unit == Unit::Hour && count % 24 == 0 && definite) {  // «the last 24 hours»: P1D (TE3)
      return Found{i, te, amount(Kind::Duration, Grain::Day, "P" + std::to_string(count / 24) + "D")};
    }
    return Found{i, te, amount(Kind::Duration, unit_grain(unit), duration_value(std::vector<Part>{{unit, count, half}}))};
  }

  // every day, each July, every Monday, daily, annually.
  std::optional<Found> set_phrase(std::size_t i) const {
    if (Hit s = hit(i, Cat::SetWord)) {
      const auto unit = static_cast<Unit>(s.e->value);
      return Found{i, s.next, amount(Kind::Set, unit_grain(unit),
                                     duration_value(std::vector<Part>{{unit, 1, false}}))};
    }
    const Hit e = hit(i, Cat::Every);
    if (!e || word(i) == "per") return std::nullopt;
    std::size_t j = e.next;
    if (Hit w = hit(j, Cat::Weekday)) return Found{i, w.next, amount(Kind::Set, Grain::Day, "XXXX-WXX-" + std::to_string(w.e->value))};
    if (auto m = month_name(j)) {
      std::string v = "XXXX-";
      v += static_cast<char>('0' + m->e->value / 10);
      v += static_cast<char>('0' + m->e->value % 10);
      return Found{i, m->next, amount(Kind::Set, Grain::Month, v)};
    }
    std::int64_t count = 1;
    if (auto c = cardinal(j)) { count = c->value; j = c->next; }
    Hit u = hit(j, Cat::Unit);
    if (!u) u = hit(j, Cat::UnitPlural);
    if (!u || count < 1 || count > 1000) return std::nullopt;
    const auto unit = static_cast<Unit>(u.e->value);
    return Found{i, u.next, amount(Kind::Set, unit_grain(unit), duration_value(std::vector<Part>{{unit, count, false}}))};
  }

  // now, currently, recently, the past, the future, recent years.
  std::optional<Found> reference_word(std::size_t i) const {
    std::size_t te;
    int which;
    if (Hit r = hit(i, Cat::Ref)) {
      te = r.next;
      which = r.e->value;
      if (word(i) == "the" && (cardinal(te) || hit(te, Cat::Unit) || hit(te, Cat::UnitPlural))) return std::nullopt;
      if (word(i) == "the" && word(te) == "of") return std::nullopt;  // «the future of the company»: its fate
    } else if (Hit r2 = hit(i, Cat::Recent)) {
      te = r2.next;
      which = -1;
      const Hit p = hit(te, Cat::UnitPlural);  // recent years, recent weeks and months
      if (!p) return std::nullopt;
      te = p.next;
      if (const auto unit = static_cast<Unit>(p.e->value); unit != Unit::Year && word(te) != "and")
        return Found{i, te, amount(Kind::Duration, unit_grain(unit), vague_amount(unit))};
      if (word(te) == "and" && hit(te + 1, Cat::UnitPlural)) te = hit(te + 1, Cat::UnitPlural).next;
    } else if (word(i) == "coming" && hit(i + 1, Cat::UnitPlural)) {  // «in coming years»: a vague amount
      const Hit p = hit(i + 1, Cat::UnitPlural);
      const auto unit = static_cast<Unit>(p.e->value);
      std::size_t te = p.next;
      if (word(te) == "or" && hit(te + 1, Cat::UnitPlural)) te = hit(te + 1, Cat::UnitPlural).next;  // «weeks or months»
      return Found{i, te, amount(Kind::Duration, unit_grain(unit), vague_amount(unit))};
    } else if (word(i) == "current" && !hit(i + 1, Cat::Unit)) {
      te = i + 1;
      which = 0;
    } else {
      return std::nullopt;
    }
    Value v = unknown(Shape::Ref, Grain::Day, G);
    v.amount = which < 0 ? "PAST_REF" : which > 0 ? "FUTURE_REF" : "PRESENT_REF";
    if (which == 0 && has_ref()) {
      v.known = true;
      v.jdn = R();
    }
    return Found{i, te, v};
  }

  // about three years, more than four hours, nearly two months, at least the past 18 months.
  std::optional<Found> approximate(std::size_t i) const {
    const Hit a = hit(i, Cat::Approx);
    if (!a) return std::nullopt;
    std::optional<Found> inner = duration(a.next);
    if (auto back = relative_unit(a.next); back && hit(back->te - 1, Cat::Ago) && (!inner || back->te > inner->te))
      inner = back;  // «nearly four years ago»
    if (!inner) {  // «around 7:15 p.m.», «about 10:35 a.m. Friday»; «around Wednesday» keeps the preposition out
      if (auto t = time_phrase(a.next); t && t->value.shape == Shape::Clock && t->tb == a.next) inner = t;
    }
    if (!inner) return std::nullopt;
    inner->tb = i;
    inner->value.mod = static_cast<Mod>(a.e->value);
    return inner;
  }


  std::optional<Value> day_named_;  // the latest day this paragraph named (for clock times)
};

}  // namespace

std::vector<Found> find_dates_en(const Lexicon& lexicon, std::string_view text, std::span<const Token> tokens,
                                 std::optional<std::int64_t> reference, Discourse& discourse) {
  return English(lexicon, text, tokens, reference, discourse).run();
}

}  // namespace sokhan::dates
