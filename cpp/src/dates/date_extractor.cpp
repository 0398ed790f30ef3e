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

struct DateExtractor::Discourses {
  dates::Discourse persian, english;
};

namespace {

// Long texts are read in pieces of at least kPiece bytes that end at a paragraph break (a line
// of nothing but spaces between two newlines), so the folded copy, its alignment and the token
// arrays stay bounded (they are ~9 bytes a byte of text) whatever the input's size. A mention
// never spans a paragraph break, so where the cuts fall does not change the result.
constexpr std::size_t kPiece = std::size_t{1} << 20;

std::size_t piece_end(std::string_view text, std::size_t from) {
  if (text.size() - from <= kPiece) return text.size();
  std::size_t i = from + kPiece;
  while ((i = text.find('\n', i)) != std::string_view::npos) {
    std::size_t j = i + 1;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
    if (j < text.size() && text[j] == '\n') return j;  // the next piece starts at the second newline
    i = j;
  }
  return text.size();
}

}  // namespace

void DateExtractor::extract_piece(std::string_view text, std::size_t offset, std::optional<std::int64_t> ref,
                                  Discourses& discourse, std::vector<DateMention>& out) const {
  const AlignedText folded = folding_.normalize_aligned(text, true);
  const auto tokens = dates::tokenize(folded.text);
  const std::span<const dates::Token> all(tokens);
  // Paragraph by paragraph (a blank line ends one), each in its language, with what the
  // earlier paragraphs of that language said.
  for (std::size_t b = 0; b < tokens.size();) {
    std::size_t e = b + 1;
    while (e < tokens.size() && !tokens[e].blank_line_before) ++e;
    const auto para = all.subspan(b, e - b);
    const bool persian = lang_ == Lang::Persian ||
                         (lang_ == Lang::Auto && chars::mostly_arabic_script(folded.text, para.front().b, para.back().e));
    const auto found =
        persian ? dates::find_dates(dates::lexicon(Lang::Persian), folded.text, para, ref, discourse.persian)
                : dates::find_dates_en(dates::lexicon(Lang::English), folded.text, para, ref, discourse.english);
    for (const dates::Found& f : found) {
      DateMention m = dates::to_mention(f.value);
      const auto [mb, me] = folded.alignment.to_input(tokens[b + f.tb].b, tokens[b + f.te - 1].e);
      m.begin = offset + mb;
      m.end = offset + me;
      out.push_back(std::move(m));
    }
    b = e;
  }
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
  std::vector<DateMention> out;
  Discourses discourse;
  for (std::size_t b = 0; b < text.size();) {
    const std::size_t e = piece_end(text, b);
    extract_piece(text.substr(b, e - b), b, ref, discourse, out);
    b = e;
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
