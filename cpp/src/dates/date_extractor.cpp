// The public DateExtractor: folds the text (letter variants, marks, kashida) with an alignment,
// tokenizes it, runs the grammar and maps every mention back to the caller's bytes.
#include "dates/grammar.hpp"
#include "dates/lexicon.hpp"
#include "dates/tokens.hpp"
#include "dates/value.hpp"
#include "sokhan/dates.hpp"
#include "sokhan/error.hpp"
#include "sokhan/parallel.hpp"
#include "sokhan/utf8.hpp"
#include "text/char_class.hpp"

namespace sokhan {

DateExtractor::DateExtractor(Lang lang) : lang_(lang), folding_(dates::folding_options()) {
  if (lang != Lang::English) dates::lexicon(Lang::Persian);
  if (lang != Lang::Persian) dates::lexicon(Lang::English);
}

std::vector<DateMention> DateExtractor::extract(std::string_view text, std::optional<CivilDate> reference,
                                                bool input_is_valid) const {
  if (!input_is_valid) utf8::validate(text);
  std::optional<std::int64_t> ref;
  if (reference) {
    const CivilDate& r = *reference;
    if (r.year < 1 || r.year > 9999 || r.month < 1 || r.month > 12 || r.day < 1 ||
        r.day > month_length(Calendar::Gregorian, r.year, r.month)) {
      throw InvalidArgument("reference", "reference is not a Gregorian date: " + std::to_string(r.year) + "-" +
                                             std::to_string(r.month) + "-" + std::to_string(r.day));
    }
    ref = to_jdn(Calendar::Gregorian, r);
  }
  const AlignedText folded = folding_.normalize_aligned(text, true);
  const auto tokens = dates::tokenize(folded.text);
  std::vector<dates::Found> found;
  const std::span<const dates::Token> all(tokens);
  // Paragraph by paragraph (a blank line ends one), each in its language.
  for (std::size_t b = 0; b < tokens.size();) {
    std::size_t e = b + 1;
    if (lang_ == Lang::Auto)
      while (e < tokens.size() && !tokens[e].blank_line_before) ++e;
    else
      e = tokens.size();
    const auto para = all.subspan(b, e - b);
    const bool persian = lang_ == Lang::Persian ||
                         (lang_ == Lang::Auto && chars::mostly_arabic_script(folded.text, para.front().b, para.back().e));
    auto got = persian ? dates::find_dates(dates::lexicon(Lang::Persian), folded.text, para, ref)
                       : dates::find_dates_en(dates::lexicon(Lang::English), folded.text, para, ref);
    for (dates::Found& f : got) {
      f.tb += b;
      f.te += b;
      found.push_back(std::move(f));
    }
    b = e;
  }
  std::vector<DateMention> out;
  out.reserve(found.size());
  for (const dates::Found& f : found) {
    DateMention m = dates::to_mention(f.value);
    const auto [b, e] = folded.alignment.to_input(tokens[f.tb].b, tokens[f.te - 1].e);
    m.begin = b;
    m.end = e;
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<std::vector<DateMention>> DateExtractor::extract_many(
    std::span<const std::string_view> texts, std::span<const std::optional<CivilDate>> references,
    unsigned threads, const CancelPoll& poll, bool inputs_are_valid) const {
  if (!references.empty() && references.size() != texts.size()) {
    throw InvalidArgument("references", "references must be empty or have one entry per text (" +
                                            std::to_string(references.size()) + " for " +
                                            std::to_string(texts.size()) + " texts)");
  }
  std::vector<std::vector<DateMention>> out(texts.size());
  parallel_for(
      texts.size(), threads,
      [&](std::size_t k) {
        out[k] = extract(texts[k], references.empty() ? std::nullopt : references[k], inputs_are_valid);
      },
      poll);
  return out;
}

}  // namespace sokhan
