// Word-level rules: affixes separated by a space are joined with a ZWNJ (zwnj option), and words
// that lost their ZWNJ are restored from the compound lexicon (repair_compounds option).
#pragma once

#include <string_view>

#include "sokhan/alignment.hpp"
#include "sokhan/normalizer.hpp"

namespace sokhan::normalize {

AlignedText word_pass(std::string_view text, const NormalizerOptions& options, bool track);

}  // namespace sokhan::normalize
