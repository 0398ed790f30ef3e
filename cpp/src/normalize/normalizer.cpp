#include "sokhan/normalizer.hpp"

#include <memory>
#include <vector>

#include "normalize/char_pass.hpp"
#include "normalize/rules.hpp"
#include "normalize/spacing_pass.hpp"
#include "normalize/word_pass.hpp"
#include "sokhan/error.hpp"
#include "sokhan/parallel.hpp"
#include "sokhan/unicode.hpp"
#include "sokhan/utf8.hpp"

namespace sokhan {

namespace {

[[noreturn]] void unknown(const char* option, std::string_view value, const char* valid) {
  throw InvalidArgument(option, "unknown value '" + std::string(value) + "' for option " + option +
                                    "; expected one of " + valid);
}

}  // namespace

NormalizerOptions::Form parse_form_option(std::string_view v) {
  if (v == "NFC") return NormalizerOptions::Form::NFC;
  if (v == "NFKC") return NormalizerOptions::Form::NFKC;
  if (v == "none" || v == "None") return NormalizerOptions::Form::None;
  unknown("unicode_form", v, "'NFC', 'NFKC', None");
}

NormalizerOptions::Digits parse_digits_option(std::string_view v) {
  if (v == "keep") return NormalizerOptions::Digits::Keep;
  if (v == "latin") return NormalizerOptions::Digits::Latin;
  if (v == "persian") return NormalizerOptions::Digits::Persian;
  if (v == "arabic") return NormalizerOptions::Digits::Arabic;
  unknown("digits", v, "'keep', 'latin', 'persian', 'arabic'");
}

NormalizerOptions::Punctuation parse_punctuation_option(std::string_view v) {
  if (v == "keep") return NormalizerOptions::Punctuation::Keep;
  if (v == "persian") return NormalizerOptions::Punctuation::Persian;
  unknown("punctuation", v, "'keep', 'persian'");
}

bool parse_diacritics_option(std::string_view v) {
  if (v == "remove") return true;
  if (v == "keep") return false;
  unknown("diacritics", v, "'keep', 'remove'");
}

// The passes a Normalizer runs, built once at construction from its options.
struct NormalizerPasses {
  normalize::CharPass chars;
  explicit NormalizerPasses(const NormalizerOptions& o) : chars(o) {}
};

Normalizer::Normalizer(NormalizerOptions options) : options_(options) {
  normalize::rules();  // build the process-wide tables now, not inside the first call
  passes_ = std::make_shared<const NormalizerPasses>(options_);
}

namespace {

// Texts longer than two of these are normalized a piece of whole lines at a time. Every pass
// decides a line on its own (nothing looks across a line break), so the result is the same;
// what changes is that each pass's intermediate text is a piece, not the whole text: peak
// memory stays near input + output, and the working set stays in cache.
constexpr std::size_t kPieceBytes = std::size_t{1} << 20;

// The end of the piece starting at `begin`: just after the first line feed at least
// kPieceBytes on, or the end of the text.
std::size_t piece_end(std::string_view text, std::size_t begin) {
  if (text.size() - begin <= 2 * kPieceBytes) return text.size();
  const std::size_t nl = text.find('\n', begin + kPieceBytes);
  return nl == std::string_view::npos ? text.size() : nl + 1;
}

}  // namespace

AlignedText Normalizer::run(std::string_view text, bool track) const {
  std::size_t end = piece_end(text, 0);
  if (end == text.size()) return run_piece(text, track);
  AlignedText out;
  out.text.reserve(text.size() + text.size() / 16);
  std::vector<Segment> segments;
  for (std::size_t begin = 0; begin < text.size(); begin = end, end = piece_end(text, begin)) {
    AlignedText piece = run_piece(text.substr(begin, end - begin), track);
    if (track) {
      const std::size_t out_at = out.text.size();
      for (Segment s : piece.alignment.segments()) {
        s.out_begin += out_at;
        s.out_end += out_at;
        s.in_begin += begin;
        s.in_end += begin;
        segments.push_back(s);
      }
    }
    out.text += piece.text;
  }
  if (track) out.alignment = Alignment(std::move(segments));
  return out;
}

AlignedText Normalizer::run_piece(std::string_view text, bool track) const {
  // Each pass reads the previous pass's text; alignments compose back to the caller's text.
  AlignedText cur;
  bool have = false;
  auto step = [&](AlignedText next) {
    if (!have) {
      cur = std::move(next);
      have = true;
      return;
    }
    if (track) next.alignment = next.alignment.after(cur.alignment);
    cur = std::move(next);
  };
  auto input = [&]() -> std::string_view { return have ? std::string_view(cur.text) : text; };

  const bool compose = options_.unicode_form != NormalizerOptions::Form::None;
  const UnicodeForm form =
      options_.unicode_form == NormalizerOptions::Form::NFKC ? UnicodeForm::NFKC : UnicodeForm::NFC;
  if (compose) step(unicode_normalize_aligned(input(), form, track));
  if (!passes_->chars.is_noop()) {
    bool may_compose = false;
    AlignedText chars = passes_->chars.run(input(), track, &may_compose);
    step(std::move(chars));
    // Mapping presentation forms or deleting kashida/ZWNJ can bring a letter and a combining
    // mark together (ﺎ + ٔ, اـٔ): compose again so the output stays in the requested form.
    if (may_compose && compose) step(unicode_normalize_aligned(input(), form, track));
  }
  if (options_.repeated_letters) step(normalize::collapse_repeated_letters(input(), track));
  if (options_.zwnj || options_.repair_compounds) step(normalize::word_pass(input(), options_, track));
  if (options_.spacing || options_.punctuation != NormalizerOptions::Punctuation::Keep ||
      options_.ellipsis) {
    step(normalize::spacing_pass(input(), options_, track));
  }
  if (!have) {
    EditBuilder b(text, track);
    return std::move(b).finish();
  }
  return cur;
}

std::string Normalizer::normalize(std::string_view text, bool input_is_valid) const {
  if (!input_is_valid) utf8::validate(text);
  return run(text, false).text;
}

AlignedText Normalizer::normalize_aligned(std::string_view text, bool input_is_valid) const {
  if (!input_is_valid) utf8::validate(text);
  return run(text, true);
}

std::vector<std::string> Normalizer::normalize_many(std::span<const std::string_view> texts,
                                                    unsigned threads, const CancelPoll& poll,
                                                    bool inputs_are_valid) const {
  std::vector<std::string> out(texts.size());
  parallel_for(
      texts.size(), threads,
      [&](std::size_t k) { out[k] = normalize(texts[k], inputs_are_valid); }, poll);
  return out;
}

}  // namespace sokhan
