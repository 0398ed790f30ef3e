// Character-level rules: Persian letters, presentation forms, extra letters, diacritics,
// kashida, joiners and useless ZWNJs, digits, repeated letters.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sokhan/alignment.hpp"
#include "sokhan/normalizer.hpp"
#include "text/byte_filter.hpp"

namespace sokhan::normalize {

class CharPass {
 public:
  explicit CharPass(const NormalizerOptions& options);
  /// True when no rule of this pass is enabled.
  bool is_noop() const noexcept { return noop_; }
  /// Runs the pass. `may_compose` is set when an edit left a letter next to a combining mark
  /// (a deleted kashida, a mapped presentation form), the only case where Unicode composition
  /// must run again.
  AlignedText run(std::string_view text, bool track, bool* may_compose = nullptr) const;

 private:
  static constexpr char32_t kLowEnd = 0x0800;                       // Latin..Arabic blocks
  static constexpr char32_t kPresBegin = 0xFB50, kPresEnd = 0xFF00;  // presentation forms
  // Action codes besides indexes into replacements_: keep, and the contextual rules.
  static constexpr std::uint16_t kKeep = 0, kGlide = 0xFFFF, kDigit = 0xFFFE, kJoiner = 0xFFFD,
                                  kHamzaMark = 0xFFFC;
  static constexpr std::uint16_t kFirstSpecial = 0xFFFC;

  friend struct CharPassRun;
  std::uint16_t action(char32_t cp) const noexcept {
    if (cp < kLowEnd) return low_[cp];
    if (cp >= kPresBegin && cp < kPresEnd) return pres_[cp - kPresBegin];
    if (cp >= 0x200B && (cp <= 0x200D || cp == 0x2060)) return zwnj_action_;
    return kKeep;
  }
  void set_action(char32_t cp, std::u32string_view replacement);

  NormalizerOptions options_;
  bool noop_ = false;
  std::uint16_t zwnj_action_ = kKeep;
  ByteFilter filter_;  // where a code point with an action may start
  std::vector<std::uint16_t> low_, pres_;
  std::vector<std::string> replacements_;      // UTF-8, index = action; [0] unused
  std::vector<char32_t> first_of_replacement_;  // first code point of each replacement, 0 if empty
};

/// Three or more identical Arabic letters in a row become one (the repeated_letters option).
AlignedText collapse_repeated_letters(std::string_view text, bool track);

}  // namespace sokhan::normalize
