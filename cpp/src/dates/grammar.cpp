// The Persian rule set.
#include "dates/grammar.hpp"
#include "dates/rule_base.hpp"

namespace sokhan::dates {

namespace {

using namespace rules;
class Grammar : RuleBase {
 public:
  Grammar(const Lexicon& lex, std::string_view text, std::span<const Token> tokens,
          std::optional<std::int64_t> reference, Discourse& discourse)
      : RuleBase(lex, text, tokens, reference, discourse) {}

  std::vector<Found> run() {
    std::vector<Found> out;
    for (std::size_t i = 0; i < t_.size();) {
      if (!trigger(i)) { ++i; continue; }
      std::vector<Found> got = at(i);
      if (got.empty()) { ++i; continue; }
      if (got.front().floating && !out.empty()) on_previous_day(got.front(), out.back(), /*prepositions_only=*/true);
      for (Found& f : got) {
        remember(f);
        out.push_back(std::move(f));
      }
      i = out.back().te;
      if (auto next = continue_range(out.back())) {
        remember(*next);
        out.push_back(std::move(*next));
        i = out.back().te;
      }
    }
    return out;
  }

 private:
  // ---- years after a month, season or holiday ----------------------------------------------------
  struct YearPart {
    enum Type { Absolute, Relative, Direction } type;
    int year = 0;    // Absolute
    int offset = 0;  // Relative: years from the reference's; Direction: -1 latest past, +1 next
    std::optional<Calendar> marker;
    std::size_t next = 0;
  };
  std::optional<Calendar> marker_at(std::size_t j, std::size_t& next) const {
    if (Hit m = hit(j, Cat::Marker)) {
      next = m.next;
      return m.e->calendar;
    }
    return std::nullopt;
  }
  std::optional<YearPart> year_part(std::size_t i, bool two_digit) const {
    std::size_t j = i;
    const bool sal = is_word(j, "سال");
    if (sal) ++j;
    YearPart y{YearPart::Absolute, 0, 0, std::nullopt, 0};
    if (lone_number(j) && !followed_by_counter(j + 1)) {
      const auto& t = t_[j];
      if (t.digits == 4 || (t.digits <= 2 && two_digit) || (t.digits == 3 && sal)) {
        y.year = static_cast<int>(t.digits <= 2 ? 1300 + t.number : t.number);
        y.next = j + 1;
        y.marker = marker_at(y.next, y.next);
        if (t.digits == 3 && !y.marker) return std::nullopt;
        return y;
      }
      return std::nullopt;
    }
    if (!sal) {
      if (Hit r = hit(j, Cat::RelYear)) {
        y.type = YearPart::Relative;
        y.offset = r.e->value;
        y.next = r.next;
        y.marker = marker_at(y.next, y.next);
        return y;
      }
      return std::nullopt;
    }
    if (Hit d = hit(j, Cat::Dir); d && d.e->value >= -1) {
      y.type = YearPart::Relative;
      y.offset = d.e->value;
      y.next = d.next;
      y.marker = marker_at(y.next, y.next);
      return y;
    }
    return std::nullopt;
  }
  // The year a YearPart names in calendar c; nullopt when it needs the missing reference.
  std::optional<int> year_of(const YearPart& y, Calendar c) const {
    if (y.type == YearPart::Absolute) return y.year;
    if (!has_ref()) return std::nullopt;
    return ref_in(c).year + y.offset;
  }

  // ---- months ---------------------------------------------------------------------------------
  struct MonthHit {
    Calendar calendar;
    int month;
    std::size_t next;
    bool alone;    // may stand alone after a preposition
    bool had_mah;  // «ماه» before or after it
  };
  std::optional<MonthHit> month_at(std::size_t i) const {
    std::size_t j = i;
    bool mah = false;
    if (is_word(j, "ماه")) {  // «ماه رمضان», «ماه مبارک رمضان»
      std::size_t k = j + 1;
      if (is_word(k, "مبارک")) ++k;
      if (Hit h = hit(k, Cat::Month); h && h.e->calendar == Calendar::Islamic) { j = k; mah = true; }
      else return std::nullopt;
    }
    const Hit h = hit(j, Cat::Month);
    if (!h) return std::nullopt;
    MonthHit m{h.e->calendar, h.e->value, h.next, h.e->alone, mah || h.e->with_mah};
    if (!m.had_mah && is_word(m.next, "ماه") && !t_[m.next].newline_before &&
        m.calendar == Calendar::Persian) {
      m.next = skip_ezafe(m.next + 1);
      m.had_mah = true;
    }
    return m;
  }

  // ---- rules ----------------------------------------------------------------------------------
  // Everything that can start at token i; the longest wins (ties: the earlier rule).
  std::vector<Found> at(std::size_t i) {
    std::optional<Found> best;
    auto consider = [&](std::optional<Found> f) {
      if (f && (!best || f->te > best->te)) best = std::move(f);
    };
    consider(date_with_time(i));
    consider(time_phrase(i));
    consider(duration(i));
    consider(set_phrase(i));
    if (auto r = range_start(i); !r.empty() && (!best || r.back().te >= best->te)) return r;
    if (!best) return {};
    return {std::move(*best)};
  }

  // A date phrase, then a clock time or part of day on its day: «دوشنبه 26 مهر ساعت 8».
  std::optional<Found> date_with_time(std::size_t i) const {
    auto d = date_phrase(i);
    if (!d || d->value.shape != Shape::Day) return d;
    std::size_t j = d->te;
    if (auto c = clock(j)) return on_day(*c, *d, i);
    if (j + 1 < n() && t_[j].kind == TokKind::Punct &&
        (is_range_dash(t_[j].punct) || t_[j].punct == 0x060C || t_[j].punct == ',') && is_num(j + 1)) {
      if (auto c = clock(j + 1); c && c->value.minute >= 0 && is_punct(j + 2, ':')) return on_day(*c, *d, i);
    }
    if (Hit p = hit(j, Cat::Pod)) {
      Found f{i, p.next, part_of_day(static_cast<Pod>(p.e->value))};
      return on_day(f, *d, i);
    }
    return d;
  }

  std::optional<Found> date_phrase(std::size_t i) const {
    std::optional<Found> best;
    auto consider = [&](std::optional<Found> f) {
      if (f && (!best || f->te > best->te)) best = std::move(f);
    };
    consider(holiday(i));
    consider(relative_day(i));
    consider(explicit_date(i));
    consider(numeric_date(i));
    consider(month_phrase(i, false));
    consider(year_phrase(i));
    consider(weekday_phrase(i));
    consider(unit_relative(i));
    consider(season_phrase(i, false));
    consider(decade_or_century(i));
    consider(part_of_year(i));
    consider(modified(i));
    return best;
  }

  // «امروز», «دیروز»; «امروز چهارشنبه ۲۲ فروردین ۱۳۷۵»; «امروز شنبه».
  std::optional<Found> relative_day(std::size_t i) const {
    const Hit r = hit(i, Cat::RelDay);
    if (!r) return std::nullopt;
    if (auto d = explicit_date(r.next); d && d->value.shape == Shape::Day) return Found{i, d->te, d->value};
    std::size_t next = r.next;
    if (Hit w = hit(next, Cat::Weekday)) next = w.next;
    if (!has_ref()) return Found{i, next, unknown(Shape::Day, Grain::Day)};
    return Found{i, next, day_of_jdn(R() + r.e->value, true)};
  }

  // [روز] [weekday [،]] day month [ماه] [year]: «دوشنبه ۲ آذر ۱۳۹۴», «۱۵ شهریورماه ۱۳۹۲».
  std::optional<Found> explicit_date(std::size_t i) const {
    std::size_t j = i;
    bool marked = false;  // «روز» or a weekday says this is a date, not a name
    if (is_word(j, "روز")) { ++j; marked = true; }
    if (Hit w = hit(j, Cat::Weekday)) {
      j = w.next;
      marked = true;
      if ((is_punct(j, 0x060C) || is_punct(j, ',')) && day_number(j + 1)) ++j;
    }
    const auto d = day_number(j);
    if (!d) return std::nullopt;
    const auto m = month_at(d->next);
    if (!m) return std::nullopt;
    const Calendar c = m->calendar;
    const auto y = year_part(m->next, c == Calendar::Persian);
    const int day = static_cast<int>(d->value);
    if (y && y->type != YearPart::Direction) {
      const std::size_t te = y->next;
      const auto year = year_of(*y, c);
      if (!year) {
        Value v = unknown(Shape::Day, Grain::Day, c);
        v.month = m->month;
        v.day = day;
        v.year_known = false;
        return Found{i, te, v};
      }
      if (!valid_date(c, *year, m->month, day)) return std::nullopt;
      return Found{i, te, day_value(c, *year, m->month, day, y->type != YearPart::Absolute)};
    }
    if (!marked && (place_before(i) || labelled(i))) return std::nullopt;  // خیابان ۱۵ خرداد
    if (!has_ref()) {
      Value v = unknown(Shape::Day, Grain::Day, c);
      v.month = m->month;
      v.day = day;
      v.year_known = false;
      return Found{i, m->next, v};
    }
    const int year = nearest_year(c, m->month, day);
    if (!valid_date(c, year, m->month, day)) return std::nullopt;
    return Found{i, m->next, day_value(c, year, m->month, day, true)};
  }

  // 1394/09/02, ۱۳۹۴/۹/۲, 94/9/2, 1394-09-02, 2015-11-23, 23/11/2015.
  std::optional<Found> numeric_date(std::size_t i) const {
    if (!is_num(i) || labelled(i)) return std::nullopt;
    if (i >= 2 && t_[i].glued() && t_[i - 1].kind == TokKind::Punct && is_number_separator(t_[i - 1].punct) && is_num(i - 2))
      return std::nullopt;
    if (i + 4 >= n()) return std::nullopt;
    const Token &s1 = t_[i + 1], &s2 = t_[i + 3];
    if (s1.kind != TokKind::Punct || s2.kind != TokKind::Punct || s1.punct != s2.punct) return std::nullopt;
    if (s1.punct != '/' && s1.punct != '-' && s1.punct != '.') return std::nullopt;
    if (!s1.glued() || !s2.glued() || !is_num(i + 2) || !is_num(i + 4) || !t_[i + 2].glued() || !t_[i + 4].glued())
      return std::nullopt;
    // A longer chain (an IP address, a phone number) is not a date.
    if (i + 6 < n() && t_[i + 5].glued() && t_[i + 5].kind == TokKind::Punct && is_number_separator(t_[i + 5].punct) &&
        is_num(i + 6) && t_[i + 6].glued())
      return std::nullopt;
    if (i + 5 < n() && t_[i + 5].glued() && t_[i + 5].kind == TokKind::Word) return std::nullopt;
    const Token &a = t_[i], &b = t_[i + 2], &c = t_[i + 4];
    int y, m, d;
    Calendar cal;
    if (a.digits == 4 && b.digits <= 2 && c.digits <= 2) {
      y = static_cast<int>(a.number), m = static_cast<int>(b.number), d = static_cast<int>(c.number);
    } else if (a.digits == 2 && b.digits <= 2 && c.digits <= 2 && s1.punct == '/') {  // ۹۴/۹/۲: Solar Hijri
      y = 1300 + static_cast<int>(a.number), m = static_cast<int>(b.number), d = static_cast<int>(c.number);
    } else if (c.digits == 4 && a.digits <= 2 && b.digits <= 2) {  // 23/11/2015
      y = static_cast<int>(c.number), m = static_cast<int>(b.number), d = static_cast<int>(a.number);
    } else {
      return std::nullopt;
    }
    if (!plausible_year(y)) return std::nullopt;
    cal = year_calendar(y);
    std::size_t te = i + 5;
    if (auto mk = marker_at(te, te)) cal = *mk;
    if (!valid_date(cal, y, m, d)) return std::nullopt;
    return Found{i, te, day_value(cal, y, m, d, false)};
  }

  // [ماه] month [ماه] [year | امسال | سال گذشته | گذشته]; a month alone only after a temporal
  // preposition or a modifier: «در آبان», «اوایل خرداد».
  std::optional<Found> month_phrase(std::size_t i, bool after_modifier) const {
    const auto m = month_at(i);
    if (!m) return std::nullopt;
    const Calendar c = m->calendar;
    if (auto y = year_part(m->next, c == Calendar::Persian)) {
      Calendar cal = c;
      const auto year = year_of(*y, cal);
      if (!year) {
        Value v = unknown(Shape::Month, Grain::Month, cal);
        v.month = m->month;
        v.year_known = y->type == YearPart::Absolute;
        return Found{i, y->next, v};
      }
      return Found{i, y->next, month_value(cal, *year, m->month, y->type != YearPart::Absolute)};
    }
    if (Hit d = hit(m->next, Cat::Dir); d && (d.e->value == -1 || d.e->value == 1)) {  // «دی ماه گذشته»
      if (!has_ref()) return Found{i, d.next, unknown(Shape::Month, Grain::Month, c)};
      const CivilDate r = ref_in(c);
      int year = r.year;
      if (d.e->value < 0 && m->month >= r.month) --year;
      if (d.e->value > 0 && m->month <= r.month) ++year;
      return Found{i, d.next, month_value(c, year, m->month, true)};
    }
    if (!m->alone && !m->had_mah) return std::nullopt;
    if (!after_modifier && !m->had_mah && !prep_before(i)) return std::nullopt;
    if (!after_modifier && place_before(i)) return std::nullopt;
    if (!has_ref()) {
      Value v = unknown(Shape::Month, Grain::Month, c);
      v.month = m->month;
      v.year_known = false;
      return Found{i, m->next, v};
    }
    return Found{i, m->next, month_value(c, nearest_year(c, m->month, 0), m->month, true)};
  }

  // «سال ۱۳۹۲», «سال‌های 90», «سال 2014 میلادی», «۱۹۹۰ میلادی», «امسال», «پارسال»,
  // «در ۱۳۹۲» (a bare year after a temporal preposition, when no count noun follows).
  std::optional<Found> year_phrase(std::size_t i) const {
    std::size_t j = i;
    bool head = false;
    if (is_word(j, "سال")) { ++j; head = true; }
    else if (Hit p = hit(j, Cat::UnitPlural); p && p.e->value == static_cast<int>(Unit::Year)) { j = p.next; head = true; }
    if (head) {
      if (!lone_number(j) || followed_by_counter(j + 1)) return std::nullopt;
      const Token& t = t_[j];
      std::size_t te = j + 1;
      const auto mk = marker_at(te, te);
      int y;
      if (t.digits == 4) y = static_cast<int>(t.number);
      else if (t.digits <= 2 && (!mk || *mk == Calendar::Persian)) y = 1300 + static_cast<int>(t.number);
      else if (t.digits <= 3 && mk) y = static_cast<int>(t.number);
      else return std::nullopt;
      const Calendar c = mk ? *mk : year_calendar(y);
      if (y < 1) return std::nullopt;
      return Found{i, te, year_value(c, y, false)};
    }
    if (Hit r = hit(i, Cat::RelYear)) {
      std::size_t te = r.next;
      const Calendar c = marker_at(te, te).value_or(Calendar::Persian);
      if (!has_ref()) return Found{i, te, unknown(Shape::Year, Grain::Year, c)};
      return Found{i, te, year_value(c, ref_in(c).year + r.e->value, true)};
    }
    if (!lone_or_range(i) || t_[i].digits > 4 || labelled(i)) return std::nullopt;
    const int y = static_cast<int>(t_[i].number);
    std::size_t te = i + 1;
    if (auto mk = marker_at(te, te); mk && y >= 1) return Found{i, te, year_value(*mk, y, false)};
    if (t_[i].digits != 4) return std::nullopt;
    if (!plausible_year(y) || followed_by_counter(i + 1) || hit(i + 1, Cat::Unit) || hit(i + 1, Cat::UnitPlural))
      return std::nullopt;
    if (!prep_before(i) && !year_range_partner(i)) return std::nullopt;
    return Found{i, te, year_value(year_calendar(y), y, false)};
  }
  // «۱۳۹۰-۱۳۹۲», «2010 تا 2015»: a plausible year paired with another of the same kind.
  bool year_range_partner(std::size_t i) const {
    auto pair_ok = [&](std::size_t a, std::size_t b) {
      return lone_or_range(a) && lone_or_range(b) && t_[a].digits == 4 && t_[b].digits == 4 &&
             plausible_year(static_cast<int>(t_[a].number)) && plausible_year(static_cast<int>(t_[b].number)) &&
             year_calendar(t_[a].number) == year_calendar(t_[b].number) && t_[a].number < t_[b].number &&
             !followed_by_counter(b + 1);
    };
    auto conn = [&](std::size_t k) {
      return k < n() && ((t_[k].kind == TokKind::Punct && is_range_dash(t_[k].punct)) || hit(k, Cat::Conn));
    };
    if (conn(i + 1) && is_num(i + 2) && pair_ok(i, i + 2)) return true;
    if (i >= 2 && conn(i - 1) && is_num(i - 2) && pair_ok(i - 2, i)) return true;
    return false;
  }
  // A number alone or one end of a dash range (which lone_number rejects as 021-88).
  bool lone_or_range(std::size_t i) const {
    if (lone_number(i)) return true;
    if (!is_num(i)) return false;
    const bool dash_after = i + 1 < n() && t_[i + 1].kind == TokKind::Punct && is_range_dash(t_[i + 1].punct);
    const bool dash_before = i >= 1 && t_[i - 1].kind == TokKind::Punct && is_range_dash(t_[i - 1].punct);
    if (!dash_after && !dash_before) return false;
    if (i + 3 < n() && dash_after && t_[i + 3].glued() && t_[i + 3].kind == TokKind::Punct &&
        is_range_dash(t_[i + 3].punct))
      return false;  // 1390-12-05 is a date, not a range
    return true;
  }

  // Weekdays: «روز دوشنبه», «دوشنبه گذشته», «این دوشنبه», «سه‌شنبه هفته آینده», «جمعه».
  std::optional<Found> weekday_phrase(std::size_t i) const {
    std::size_t j = i;
    bool marked = false, this_one = false;
    if (is_word(j, "روز")) { ++j; marked = true; }
    else if (Hit t = hit(j, Cat::This)) { j = t.next; this_one = true; }
    const Hit w = hit(j, Cat::Weekday);
    if (!w) return std::nullopt;
    const int wd = w.e->value;
    std::size_t te = w.next;
    enum { Bare, Past, Future, This, InWeek } how = this_one ? This : Bare;
    int week_offset = 0;
    if (!this_one) {
      if (is_word(te, "هفته") || (hit(te, Cat::Unit) && word(te) == "هفته")) {
        if (Hit d = hit(skip_ezafe(te + 1), Cat::Dir); d && d.e->value >= -1) {
          how = InWeek;
          week_offset = d.e->value;
          te = d.next;
        }
      }
      if (how == Bare) {
        if (Hit d = hit(te, Cat::Dir); d && d.e->value >= -1) {
          how = d.e->value < 0 ? Past : d.e->value > 0 ? Future : This;
          te = d.next;
        }
      }
    }
    if (how == Bare && !marked && !bare_weekday_ok(i, te, wd)) return std::nullopt;
    if (!has_ref()) return Found{i, te, unknown(Shape::Day, Grain::Day)};
    const int today = iso_weekday(R());
    std::int64_t day;
    if (how == Bare) how = (i > 0 && word(i - 1) == "برای") || future_clause(te) ? Future : Past;
    switch (how) {
      case Past: { int k = (today - wd + 7) % 7; day = R() - (k == 0 ? 7 : k); break; }
      case Future: { int k = (wd - today + 7) % 7; day = R() + (k == 0 ? 7 : k); break; }
      case This: day = R() + (wd - today + 7) % 7; break;
      default: day = saturday_of(R()) + 7 * week_offset + (wd + 1) % 7; break;
    }
    return Found{i, te, day_of_jdn(day, true)};
  }
  // A weekday with nothing around it: not the city Dushanbe, not «نماز جمعه», not a place name.
  bool bare_weekday_ok(std::size_t i, std::size_t next, int weekday) const {
    const Context& cx = lex_.context;
    if (place_before(i)) return false;
    if (weekday == 5 && i > 0 && cx.friday_before.count(word(i - 1))) return false;
    if (weekday != 1) return true;
    if (i > 0 && cx.dushanbe_before.count(word(i - 1))) return false;
    if (i > 0 && cx.dushanbe_travel_prep.count(word(i - 1)) && sentence_has(i, cx.dushanbe_travel)) return false;
    std::size_t k = next;
    if (is_punct(k, 0x060C) || is_punct(k, ',')) ++k;
    if (k < n() && cx.dushanbe_after.count(word(k))) return false;
    if (next < n() && t_[next].zwnj_before) return false;  // دوشنبه‌بازار
    return !sentence_has(i, cx.dushanbe_sentence);
  }

  // «هفته گذشته», «این ماه», «۳ روز پیش», «دو سال بعد», «چند روز پیش», «روزهای آینده».
  std::optional<Found> unit_relative(std::size_t i) const {
    std::size_t j = i;
    bool this_one = false, vague = false;
    std::optional<Num> count;
    if (Hit t = hit(j, Cat::This)) { this_one = true; j = t.next; }
    else if (Hit v = hit(j, Cat::Vague)) { vague = true; j = v.next; }
    else if ((count = cardinal(j))) j = count->next;
    if (Hit p = hit(j, Cat::UnitPlural); p && !this_one && !count) {  // «روزهای آینده», «سال‌های اخیر»
      const Hit d = hit(p.next, Cat::Dir);
      if (!d) return std::nullopt;
      return vague_date(i, d.next, static_cast<Unit>(p.e->value), d.e->value);
    }
    const Hit u = hit(j, Cat::Unit);
    if (!u) return std::nullopt;
    const auto unit = static_cast<Unit>(u.e->value);
    if (unit == Unit::Decade || unit == Unit::Century) return std::nullopt;
    std::size_t te = u.next;
    int dir = 0;
    std::int64_t k = 1;
    bool anchored = false;
    if (!this_one) {
      const Hit d = hit(te, Cat::Dir);
      if (!d || (i > 0 && hit(i - 1, Cat::During))) return std::nullopt;  // «برای یک سال دیگر»
      dir = d.e->value;
      te = d.next;
      if (vague || dir == -9) {
        if (!vague) return std::nullopt;  // «سال اخیر» without a count: not a mention
        return vague_date(i, te, unit, dir);
      }
      if (count) {
        if (dir == 0 || count->value < 1 || count->value > 10000) return std::nullopt;
        if (!counts_from_now(d, te)) return std::nullopt;  // a duration, see duration()
        k = count->value;
        anchored = word(te - 1) == "بعد" && disc_.anchor.has_value();
      }
    } else if (unit != Unit::Week && unit != Unit::Month) {
      return std::nullopt;  // «این سال» usually means "that year" of the story, not this one
    }
    const Calendar c = marker_at(te, te).value_or(Calendar::Persian);
    if (is_time_unit(unit)) {  // «دو ساعت پیش»: needs the time of the reference, which is a date
      Value v = unknown(Shape::Clock, unit_grain(unit), c);
      v.kind = Kind::Time;
      return Found{i, te, v};
    }
    const std::int64_t off = dir * k;
    if (anchored) return Found{i, te, shifted(*disc_.anchor, unit, off)};
    if (!has_ref()) {
      const Shape shape = unit == Unit::Week ? Shape::Week : unit == Unit::Month ? Shape::Month
                          : unit == Unit::Year ? Shape::Year : Shape::Day;
      return Found{i, te, unknown(shape, unit_grain(unit), c)};
    }
    switch (unit) {
      case Unit::Day: return Found{i, te, day_of_jdn(R() + off, true)};
      case Unit::Week: {
        Value v = unknown(Shape::Week, Grain::Week);
        v.known = true;
        v.jdn = saturday_of(R()) + 7 * off;
        return Found{i, te, v};
      }
      case Unit::Month: {
        const CivilDate r = ref_in(c);
        return Found{i, te, month_at_index(c, r.year * 12LL + (r.month - 1) + off, true)};
      }
      default: return Found{i, te, year_value(c, ref_in(c).year + static_cast<int>(off), true)};
    }
  }
  // Whether «N unit <direction>» is a date counted from now («سه روز پیش», «۱۰ روز دیگر») rather
  // than a duration: «در ۲۴ ساعت گذشته» (the past 24 hours) and «دو سال بعد از جنگ» (counted
  // from an event) are durations, as in TimeML.
  bool counts_from_now(const Hit& d, std::size_t next) const {
    const std::string_view w = word(d.next - 1);
    if (w == "گذشته" || w == "آینده" || w == "اخیر" || w == "آتی") return false;
    return !is_word(next, "از");
  }
  // A unit counted from an earlier absolute date of the text: «سال ۱۳۷۶ … دو سال بعد».
  Value shifted(const Value& a, Unit unit, std::int64_t off) const {
    const Calendar c = a.calendar;
    switch (unit) {
      case Unit::Year: return year_value(c, a.year + static_cast<int>(off), false);
      case Unit::Month:
        if (a.shape == Shape::Year) return year_value(c, a.year, false);
        return month_at_index(c, a.year * 12LL + (a.month - 1) + off, false);
      default: {
        if (a.shape != Shape::Day) return year_value(c, a.year, false);
        const std::int64_t j = day_range(a).first + (unit == Unit::Week ? 7 : 1) * off;
        return day_of_jdn(j, false, c);
      }
    }
  }
  std::optional<Found> vague_date(std::size_t i, std::size_t te, Unit unit, int dir) const {
    Value v = unknown(Shape::Vague, unit_grain(unit));
    v.amount = dir > 0 ? "FUTURE_REF" : "PAST_REF";
    if (has_ref()) {
      const std::int64_t span = unit == Unit::Year ? 3653 : unit == Unit::Month ? 365 : unit == Unit::Week ? 70 : 10;
      v.known = true;
      v.vague_begin = dir > 0 ? R() + 1 : R() - span;
      v.vague_end = dir > 0 ? R() + 1 + span : R();
    }
    return Found{i, te, v};
  }

  // «بهار امسال», «تابستان گذشته», «پاییز سال ۱۳۹۲», «زمستان 1398»; alone after a preposition.
  std::optional<Found> season_phrase(std::size_t i, bool after_modifier) const {
    std::size_t j = i;
    bool head = false;
    if (Hit f = hit(j, Cat::SeasonWord)) { j = f.next; head = true; }
    const Hit s = hit(j, Cat::Season);
    if (!s) return std::nullopt;
    const int season = s.e->value;
    Value v = unknown(Shape::Season, Grain::Season);
    v.month = season;
    std::size_t te = s.next;
    std::optional<int> year;
    if (auto y = year_part(te, true)) {
      te = y->next;
      v.relative = y->type != YearPart::Absolute;
      year = year_of(*y, Calendar::Persian);
    } else if (Hit d = hit(te, Cat::Dir); d && d.e->value >= -1) {
      te = d.next;
      if (has_ref()) {
        const CivilDate r = ref_in(Calendar::Persian);
        const int current = (r.month - 1) / 3 + 1;
        year = r.year;
        if (d.e->value < 0 && season >= current) --*year;
        if (d.e->value > 0 && season <= current) ++*year;
      }
    } else {
      if (!head && !after_modifier && !prep_before(i)) return std::nullopt;
      if (has_ref()) {  // the occurrence nearest the reference
        const CivilDate r = ref_in(Calendar::Persian);
        const int current = (r.month - 1) / 3 + 1;
        year = r.year + (season - current > 2 ? -1 : current - season > 2 ? 1 : 0);
      }
    }
    if (year) {
      v.year = *year;
      v.known = true;
    } else {
      v.year_known = false;
    }
    return Found{i, te, v};
  }

  // «دهه ۶۰», «دهه ۱۳۷۰», «دهه ۹۰ میلادی», «دهه هفتاد»; «قرن چهاردهم», «قرن ۲۱ میلادی».
  std::optional<Found> decade_or_century(std::size_t i) const {
    const Hit u = hit(i, Cat::Unit);
    if (!u) return std::nullopt;
    const auto unit = static_cast<Unit>(u.e->value);
    if (unit != Unit::Decade && unit != Unit::Century) return std::nullopt;
    std::size_t j = u.next;
    Value v;
    v.grain = Grain::Year;
    v.known = true;
    if (unit == Unit::Decade) {
      const auto num = cardinal(j);
      if (!num) return std::nullopt;
      std::size_t te = num->next;
      const auto mk = marker_at(te, te);
      std::int64_t y = num->value;
      if (y >= 10 && y < 100 && y % 10 == 0) y += (mk && *mk == Calendar::Gregorian) ? 1900 : 1300;
      else if (!(y >= 1000 && y < 2100 && y % 10 == 0)) return std::nullopt;
      v.shape = Shape::Decade;
      v.calendar = mk ? *mk : year_calendar(y);
      v.year = static_cast<int>(y);
      return Found{i, te, v};
    }
    auto num = ordinal(j);
    if (!num) num = cardinal(j);
    if (!num || num->value < 1 || num->value > 25) return std::nullopt;
    std::size_t te = num->next;
    const auto mk = marker_at(te, te);
    v.shape = Shape::Century;
    v.calendar = mk ? *mk : num->value >= 17 ? Calendar::Gregorian : Calendar::Persian;
    v.year = static_cast<int>(num->value);
    return Found{i, te, v};
  }

  // Quarters and halves: «سه‌ماهه نخست سال ۲۰۲۳», «سه ماهه دوم امسال», «نیمه نخست سال جاری».
  std::optional<Found> part_of_year(std::size_t i) const {
    const Hit p = hit(i, Cat::Part);
    if (!p) return std::nullopt;
    const auto nth = ordinal(p.next);
    const int len = p.e->value, parts = 12 / len;
    std::int64_t k = nth ? nth->value : 0;
    std::size_t j = nth ? nth->next : p.next;
    if (!nth && (is_word(j, "پایانی") || is_word(j, "آخر"))) { k = parts; ++j; }
    if (k < 1 || k > parts) return std::nullopt;
    auto y = year_part(j, true);
    if (!y) {  // «سال جاری», «سال گذشته» come as a unit with a direction
      if (auto u = unit_relative(j); u && u->value.shape == Shape::Year) {
        Value v = u->value;
        v.shape = len == 3 ? Shape::Quarter : Shape::Half;
        v.grain = Grain::Quarter;
        v.month = static_cast<int>(k);
        return Found{i, u->te, v};
      }
      return std::nullopt;
    }
    const Calendar c = y->marker.value_or(y->type == YearPart::Absolute ? year_calendar(y->year) : Calendar::Persian);
    const auto year = year_of(*y, c);
    Value v = unknown(len == 3 ? Shape::Quarter : Shape::Half, Grain::Quarter, c);
    v.month = static_cast<int>(k);
    v.relative = y->type != YearPart::Absolute;
    if (year) {
      v.year = *year;
      v.known = true;
    } else {
      v.year_known = false;
    }
    return Found{i, y->next, v};
  }

  // Holidays: «نوروز ۱۳۹۸», «شب یلدا», «عید سعید فطر 1438», «کریسمس».
  std::optional<Found> holiday(std::size_t i) const {
    const Hit h = hit(i, Cat::Holiday);
    if (!h) return std::nullopt;
    const Calendar c = h.e->calendar;
    std::size_t te = h.next;
    if (auto y = year_part(te, c == Calendar::Persian)) {
      if (y->type != YearPart::Direction) {
        te = y->next;
        if (const auto year = year_of(*y, c); year && valid_date(c, *year, h.e->month, h.e->day))
          return Found{i, te, day_value(c, *year, h.e->month, h.e->day, y->type != YearPart::Absolute)};
      }
    }
    if (!has_ref()) {
      Value v = unknown(Shape::Day, Grain::Day, c);
      v.month = h.e->month;
      v.day = h.e->day;
      v.year_known = false;
      return Found{i, te, v};
    }
    const int year = nearest_year(c, h.e->month, h.e->day);
    return Found{i, te, day_value(c, year, h.e->month, h.e->day, true)};
  }

  // «اوایل بهمن پارسال», «اواخر سال گذشته», «نیمه آذر», «ابتدای سال 2023 میلادی».
  std::optional<Found> modified(std::size_t i) const {
    const Hit m = hit(i, Cat::Mod);
    if (!m) return std::nullopt;
    std::size_t j = m.next;
    std::optional<Found> best;
    auto consider = [&](std::optional<Found> f) {
      if (f && (!best || f->te > best->te)) best = std::move(f);
    };
    consider(month_phrase(j, true));
    consider(year_phrase(j));
    consider(unit_relative(j));
    consider(season_phrase(j, true));
    consider(decade_or_century(j));
    if (!best) return std::nullopt;
    const Shape s = best->value.shape;
    if (s == Shape::Day || s == Shape::Vague || s == Shape::Clock) return std::nullopt;
    best->tb = i;
    best->value.mod = static_cast<Mod>(m.e->value);
    return best;
  }

  // ---- times ----------------------------------------------------------------------------------
  // «ساعت ۱۷», «ساعت ۸ صبح», «ساعت ۱۷:۳۰», «ساعت ۱۰ و ۳۰ دقیقه», «ساعت هشت و نیم»,
  // «۲۰:۴۵», «۶ صبح». The value's jdn is a day carry (1 for 24:00 or «۱۲ شب»).
  std::optional<Found> clock(std::size_t i, bool bare_hour_ok = false) const {
    std::size_t j = i;
    const bool saat = is_word(j, "ساعت") && hit(j, Cat::Unit);
    if (saat) ++j;
    int h = -1, mi = -1, s = -1;
    bool colon = false;
    if (is_num(j) && t_[j].digits <= 2 && j + 2 < n() && is_punct(j + 1, ':') && t_[j + 1].glued() &&
        is_num(j + 2) && t_[j + 2].glued() && t_[j + 2].digits == 2) {
      h = static_cast<int>(t_[j].number);
      mi = static_cast<int>(t_[j + 2].number);
      j += 3;
      if (is_punct(j, ':') && t_[j].glued() && is_num(j + 1) && t_[j + 1].glued() && t_[j + 1].digits == 2) {
        s = static_cast<int>(t_[j + 1].number);
        j += 2;
      }
      if (is_punct(j, ':') && t_[j].glued()) return std::nullopt;
      colon = true;
    } else if (is_word(j, "صفر") && saat) {
      h = 0;
      ++j;
    } else if (auto num = hour_number(j)) {
      h = static_cast<int>(num->value);
      j = num->next;
      if (word(j) == "و") {
        if (is_word(j + 1, "نیم")) { mi = 30; j += 2; }
        else if (is_word(j + 1, "ربع")) { mi = 15; j += 2; }
        else if (auto m2 = cardinal(j + 1); m2 && is_word(m2->next, "دقیقه")) {
          mi = static_cast<int>(m2->value);
          j = m2->next + 1;
          if (word(j) == "و") {
            if (auto s2 = cardinal(j + 1); s2 && is_word(s2->next, "ثانیه")) {
              s = static_cast<int>(s2->value);
              j = s2->next + 1;
            }
          }
        }
      }
    } else {
      return std::nullopt;
    }
    if (h < 0 || h > 24 || mi > 59 || s > 59 || (h == 24 && mi > 0)) return std::nullopt;
    const Hit p = hit(j, Cat::Pod);
    if (!saat && !colon && !p && !bare_hour_ok) return std::nullopt;
    if (!saat && !colon && p && static_cast<Pod>(p.e->value) == Pod::Night) return std::nullopt;  // «۳ شب»: nights
    if (!saat && !colon && h > 12 && !bare_hour_ok) return std::nullopt;
    Value v;
    v.shape = Shape::Clock;
    v.kind = Kind::Time;
    v.grain = s >= 0 ? Grain::Second : mi >= 0 ? Grain::Minute : Grain::Hour;
    v.jdn = 0;
    if (p) {
      j = p.next;
      if (static_cast<Pod>(p.e->value) == Pod::Night) {
        if (Hit d = hit(j, Cat::Dir); d && d.e->value == -1) {  // «ساعت ۸ شب گذشته»: last night
          v.jdn = -1;
          j = d.next;
        }
      }
      switch (static_cast<Pod>(p.e->value)) {
        case Pod::Afternoon: case Pod::Evening: if (h < 12) h += 12; break;
        case Pod::Night:
          if (h == 12) { h = 0; v.jdn += 1; }
          else if (h < 12 && h >= 5) h += 12;
          break;
        case Pod::Noon: if (h < 6) h += 12; break;
        case Pod::EarlyMorning: if (h == 12) h = 0; break;
        case Pod::Morning: break;
      }
    }
    if (h == 24) { h = 0; v.jdn = 1; }
    v.hour = h;
    v.minute = mi;
    v.second = s;
    return Found{i, j, v};
  }

  // A time phrase, with the day it is on: «ساعت ۱۰ صبح روز ۳ مهر ۱۳۹۸», «صبح امروز»,
  // «امشب ساعت ۲۱», «نیمه‌شب گذشته»; a clock time alone is on the reference day.
  std::optional<Found> time_phrase(std::size_t i) const {
    if (auto c = clock(i)) {
      if (auto d = day_after(c->te)) return on_day(*c, *d, i);
      return on_reference(*c);
    }
    if (Hit p = hit(i, Cat::Pod)) {
      if (auto d = day_after(p.next)) {
        Found f{i, p.next, part_of_day(static_cast<Pod>(p.e->value))};
        return on_day(f, *d, i);
      }
      return std::nullopt;
    }
    if (Hit nt = hit(i, Cat::Night)) {  // «امشب», «دیشب», «امشب ساعت ۲۱»
      Found day{i, nt.next, has_ref() ? day_of_jdn(R() + nt.e->value, true) : unknown(Shape::Day, Grain::Day)};
      if (auto c = clock(nt.next)) {
        Value& v = c->value;
        if (v.hour >= 5 && v.hour < 12 && v.minute < 0) v.hour += 12;
        return on_day(*c, day, i);
      }
      return on_day(Found{i, nt.next, part_of_day(Pod::Night)}, day, i);
    }
    if (Hit mid = hit(i, Cat::Midnight)) {  // 00:00 that starts or ends the reference day
      Value v;
      v.shape = Shape::Clock;
      v.kind = Kind::Time;
      v.grain = Grain::Hour;
      v.hour = 0;
      std::size_t te = mid.next;
      bool next_day;
      if (Hit d = hit(te, Cat::Dir); d && d.e->value == -1) { next_day = false; te = d.next; }
      else if (Hit nt = hit(te, Cat::Night); nt && nt.e->value == 0) { next_day = true; te = nt.next; }
      else next_day = future_clause(te);
      v.jdn = next_day ? 1 : 0;
      return on_reference(Found{i, te, v});
    }
    return std::nullopt;
  }
  // The day a time is on when written right after it: a day phrase, optionally after «روز».
  std::optional<Found> day_after(std::size_t j) const {
    std::optional<Found> best;
    auto consider = [&](std::optional<Found> f) {
      if (f && f->value.shape == Shape::Day && (!best || f->te > best->te)) best = std::move(f);
    };
    consider(relative_day(j));
    consider(explicit_date(j));
    consider(numeric_date(j));
    consider(weekday_phrase(j));
    consider(holiday(j));
    consider(unit_relative(j));
    return best;
  }

  // ---- durations and sets ---------------------------------------------------------------------
  // «۳ سال», «دو ساعت و ۱۵ دقیقه», «یک سال و نیم», «نیم ساعت», «چند ماه», «ساعت‌ها».
  std::optional<Found> duration(std::size_t i) const {
    if (Hit v = hit(i, Cat::Vague)) {
      const Hit u = hit(v.next, Cat::Unit);
      if (!u || hit(u.next, Cat::Dir)) return std::nullopt;
      const auto unit = static_cast<Unit>(u.e->value);
      return Found{i, u.next, amount(Kind::Duration, unit_grain(unit), vague_amount(unit))};
    }
    if (Hit p = hit(i, Cat::UnitPlural)) {  // «ساعت‌ها» (plural without the ezafe «های»)
      const std::string_view last = word(p.next - 1);
      if (last.size() >= 2 && last.substr(last.size() - 2) == "ی") return std::nullopt;
      if (hit(p.next, Cat::Dir) || is_num(p.next)) return std::nullopt;
      const auto unit = static_cast<Unit>(p.e->value);
      return Found{i, p.next, amount(Kind::Duration, unit_grain(unit), vague_amount(unit))};
    }
    std::vector<Part> parts;
    std::size_t j = i;
    for (;;) {
      std::int64_t count;
      bool half = false;
      std::size_t k;
      if (is_word(j, "نیم")) { count = 0; half = true; k = j + 1; }
      else if (auto c = cardinal(j)) {
        if (c->digits && labelled(j)) return std::nullopt;
        count = c->value;
        k = c->next;
      } else break;
      const Hit u = hit(k, Cat::Unit);
      if (!u || count > 100000 || (count == 0 && !half)) break;
      parts.push_back({static_cast<Unit>(u.e->value), count, half});
      j = u.next;
      if (word(j) == "و" && is_word(j + 1, "نیم")) {
        parts.back().half = true;
        j += 2;
      }
      if (word(j) == "و" && (cardinal(j + 1) || is_word(j + 1, "نیم"))) { ++j; continue; }
      break;
    }
    if (parts.empty()) return std::nullopt;
    if (Hit d = hit(j, Cat::Dir)) {  // «۳ روز پیش» is a date; «برای یک سال دیگر» a duration
      const bool during = i > 0 && hit(i - 1, Cat::During);
      if (!counts_from_now(d, d.next)) {
        if (!is_word(d.next, "از") && !during) j = d.next;  // «۲۴ ساعت گذشته»: the direction is in the span
      } else if (!(d.e->value == 1 && during)) {
        return std::nullopt;
      }
    }
    if (parts.size() == 1 && is_num(i) && t_[i].digits == 4 && parts[0].unit == Unit::Year)
      return std::nullopt;  // «۱۳۹۲ سال» is rare; «۲۰۰۰ سال» keeps its count below
    return Found{i, j, amount(Kind::Duration, unit_grain(parts.back().unit), duration_value(parts))};
  }
  // «هر سال», «هر دوشنبه», «هر سه ماه یک بار», «سالانه», «هفتگی».
  std::optional<Found> set_phrase(std::size_t i) const {
    if (Hit s = hit(i, Cat::SetWord)) {
      const auto unit = static_cast<Unit>(s.e->value);
      return Found{i, s.next, amount(Kind::Set, unit_grain(unit), std::string(is_time_unit(unit) ? "PT1" : "P1") + unit_letter(unit))};
    }
    const Hit e = hit(i, Cat::Every);
    if (!e) return std::nullopt;
    std::size_t j = e.next;
    if (Hit w = hit(j, Cat::Weekday)) {
      return Found{i, w.next, amount(Kind::Set, Grain::Day, "XXXX-WXX-" + std::to_string(w.e->value))};
    }
    std::int64_t count = 1;
    if (auto c = cardinal(j)) {
      count = c->value;
      j = c->next;
    }
    const Hit u = hit(j, Cat::Unit);
    if (!u || count < 1 || count > 10000) return std::nullopt;
    const auto unit = static_cast<Unit>(u.e->value);
    std::size_t te = u.next;
    if (Hit o = hit(te, Cat::Once)) te = o.next;
    const std::string n = std::to_string(count * unit_multiplier(unit));
    return Found{i, te, amount(Kind::Set, unit_grain(unit), (is_time_unit(unit) ? "PT" : "P") + n + unit_letter(unit))};
  }

  // ---- ranges ---------------------------------------------------------------------------------
  // A bare first endpoint that borrows from the second: «۲۶ و ۲۷ آذر», «از دهم تا پانزدهم خرداد»,
  // «از فروردین تا شهریور 1402», «۱۳۹۰-۱۳۹۲».
  std::vector<Found> range_start(std::size_t i) const {
    auto conn_at = [&](std::size_t k) {
      return k < n() && ((t_[k].kind == TokKind::Punct && is_range_dash(t_[k].punct)) || hit(k, Cat::Conn));
    };
    if (auto d = day_number(i); d && conn_at(d->next) && !hit(d->next, Cat::Unit)) {
      if (auto second = explicit_date(d->next + 1); second && second->value.shape == Shape::Day) {
        Value v = second->value;
        v.day = static_cast<int>(d->value);
        if (v.known && !valid_date(v.calendar, v.year, v.month, v.day)) return {};
        return {Found{i, d->next, v}};
      }
    }
    if (auto m = month_at(i); m && conn_at(m->next)) {
      if (auto second = month_phrase(m->next + 1, false);
          second && second->value.shape == Shape::Month && second->value.calendar == m->calendar &&
          (second->value.known || second->value.year_known) && !second->value.relative) {
        Value v = second->value;
        v.month = m->month;
        return {Found{i, m->next, v}};
      }
    }
    return {};
  }
  // A bare second endpoint after a mention: «سال‌های 90 تا 92», «از ساعت 8 صبح تا 14»,
  // «از ساعت ۲۰ تا ۶ صبح» (the next morning).
  std::optional<Found> continue_range(const Found& first) const {
    const std::size_t c = first.te;
    if (c + 1 >= n()) return std::nullopt;
    const bool conn = (t_[c].kind == TokKind::Punct && is_range_dash(t_[c].punct)) || hit(c, Cat::Conn);
    if (!conn || t_[c + 1].newline_before) return std::nullopt;
    const std::size_t j = c + 1;
    const Value& a = first.value;
    if (a.shape == Shape::Year && a.known && lone_or_range(j) && !followed_by_counter(j + 1) &&
        !hit(j + 1, Cat::Unit) && !hit(j + 1, Cat::Month)) {
      const Token& t = t_[j];
      int y = -1;
      if (t.digits == 4 && year_calendar(t.number) == year_calendar(a.year)) y = static_cast<int>(t.number);
      else if (t.digits == 2 && a.calendar == Calendar::Persian && a.year >= 1300 && a.year < 1400) y = 1300 + static_cast<int>(t.number);
      if (y > a.year) {
        std::size_t te = j + 1;
        const Calendar cal = marker_at(te, te).value_or(a.calendar);
        return Found{j, te, year_value(cal, y, a.relative)};
      }
    }
    if (a.shape == Shape::Clock && is_num(j)) {
      if (auto cl = clock(j, true)) {
        Value v = cl->value;
        v.calendar = a.calendar;
        v.relative = a.relative;
        v.known = a.known;
        v.jdn += a.jdn;
        if (a.known && v.jdn == a.jdn && (v.hour < a.hour || (v.hour == a.hour && v.minute <= a.minute))) ++v.jdn;
        return Found{j, cl->te, v};
      }
    }
    return std::nullopt;
  }



};

}  // namespace

std::vector<Found> find_dates(const Lexicon& lexicon, std::string_view text, std::span<const Token> tokens,
                              std::optional<std::int64_t> reference, Discourse& discourse) {
  return Grammar(lexicon, text, tokens, reference, discourse).run();
}

}  // namespace sokhan::dates
