// Persian-first text normalization with an alignment back to the original text.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sokhan/alignment.hpp"

namespace sokhan {

struct NormalizerPasses;

/// What the Normalizer does. Defaults match the Python API (see DESIGN.md and README).
struct NormalizerOptions {
  enum class Form { None, NFC, NFKC };
  enum class Digits { Keep, Latin, Persian, Arabic };
  enum class Punctuation { Keep, Persian };

  Form unicode_form = Form::NFC;       ///< Unicode form applied first.
  bool persian_letters = true;         ///< ي ى → ی, ك → ک, presentation forms → letters.
  bool extra_letters = false;          ///< ة → ه, أ إ ٱ → ا, ؤ → و, glide ئ → ی.
  Digits digits = Digits::Keep;        ///< Target digit script; Latin tokens and URLs keep theirs.
  bool remove_diacritics = true;       ///< Harakat, tanvin, shadda, sukun, superscript alef.
  bool kashida = true;                 ///< Remove tatweel (U+0640).
  bool zwnj = true;                    ///< Canonical ZWNJ, drop useless ones, join affixes.
  bool repair_compounds = true;        ///< Restore lost ZWNJs from the compound lexicon.
  bool spacing = true;                 ///< Spaces around punctuation, collapse runs.
  Punctuation punctuation = Punctuation::Persian;  ///< , ; ? → ، ؛ ؟ in Persian context.
  bool ellipsis = false;               ///< "..." → "…".
  bool repeated_letters = false;       ///< خیلییییی → خیلی (three or more identical letters).

  bool operator==(const NormalizerOptions&) const = default;
};

NormalizerOptions::Form parse_form_option(std::string_view value);        ///< "NFC" | "NFKC" | "none"
NormalizerOptions::Digits parse_digits_option(std::string_view value);    ///< keep|latin|persian|arabic
NormalizerOptions::Punctuation parse_punctuation_option(std::string_view value);  ///< keep|persian
bool parse_diacritics_option(std::string_view value);                     ///< keep|remove → remove?

/// Called from the thread that started a batch, about every 50 ms; returning false cancels it.
using CancelPoll = std::function<bool()>;

/// Immutable after construction and safe to share between threads. Rule tables are built once
/// per process on first use.
class Normalizer {
 public:
  explicit Normalizer(NormalizerOptions options = {});

  /// Normalized text. Throws InvalidUtf8 on invalid input unless `input_is_valid`.
  std::string normalize(std::string_view text, bool input_is_valid = false) const;
  /// Normalized text with its alignment to `text`.
  AlignedText normalize_aligned(std::string_view text, bool input_is_valid = false) const;
  /// normalize() over many texts on `threads` threads (0 = all cores). The first exception
  /// thrown by any text is rethrown; `poll` may cancel (then sokhan::Cancelled is thrown).
  std::vector<std::string> normalize_many(std::span<const std::string_view> texts,
                                          unsigned threads = 0, const CancelPoll& poll = {},
                                          bool inputs_are_valid = false) const;

  const NormalizerOptions& options() const noexcept { return options_; }

 private:
  AlignedText run(std::string_view text, bool track) const;
  AlignedText run_piece(std::string_view text, bool track) const;
  NormalizerOptions options_;
  std::shared_ptr<const NormalizerPasses> passes_;
};

}  // namespace sokhan
