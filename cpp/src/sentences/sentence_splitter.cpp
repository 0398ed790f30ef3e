// The public SentenceSplitter: validates the text, finds paragraphs (blank lines always end a
// sentence) and their language, and hands each paragraph to the rules in splitter.cpp.
#include <algorithm>

#include "sentences/paragraph.hpp"
#include "sentences/rules.hpp"
#include "sokhan/error.hpp"
#include "sokhan/parallel.hpp"
#include "sokhan/sentences.hpp"
#include "sokhan/utf8.hpp"
#include "text/char_class.hpp"

namespace sokhan {

Lang parse_lang(std::string_view name) {
  if (name == "auto") return Lang::Auto;
  if (name == "fa") return Lang::Persian;
  if (name == "en") return Lang::English;
  throw InvalidArgument("lang", "unknown language '" + std::string(name) +
                                    "'; expected one of 'auto', 'fa', 'en'");
}

SentenceSplitter::SentenceSplitter(Lang lang) : lang_(lang) { sentences::rules(); }

std::vector<ByteSpan> SentenceSplitter::split(std::string_view text, bool input_is_valid) const {
  if (!input_is_valid) utf8::validate(text);
  std::vector<ByteSpan> out;
  sentences::Scratch scratch;
  // Paragraphs end at blank lines; a blank line always ends a sentence.
  std::size_t pb = 0;
  std::size_t i = 0;
  auto flush = [&](std::size_t pe) {
    if (pe <= pb) return;
    const bool persian = lang_ == Lang::Persian ||
                         (lang_ == Lang::Auto && chars::mostly_arabic_script(text, pb, pe));
    sentences::split_paragraph(sentences::Paragraph{text, pb, pe, persian}, out, scratch);
  };
  while (i < text.size()) {
    if (text[i] != '\n') {
      const std::size_t nl = text.find('\n', i);
      if (nl == std::string_view::npos) break;
      i = nl;
    }
    std::size_t j = i + 1;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
    if (j < text.size() && text[j] == '\n') {
      flush(i);
      while (j < text.size() && (text[j] == '\n' || text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
      pb = j;
      i = j;
      continue;
    }
    i = j;
  }
  flush(text.size());
  return out;
}

std::vector<std::vector<ByteSpan>> SentenceSplitter::split_many(
    std::span<const std::string_view> texts, unsigned threads, const CancelPoll& poll,
    bool inputs_are_valid) const {
  std::vector<std::vector<ByteSpan>> out(texts.size());
  parallel_for(texts.size(), threads, [&](std::size_t k) { out[k] = split(texts[k], inputs_are_valid); }, poll);
  return out;
}

}  // namespace sokhan
