// Spacing and punctuation: collapse space runs, no space before closing marks or after opening
// ones, one space after sentence punctuation, Persian punctuation in Persian context, ellipsis.
// URLs, e-mail addresses, emoticons and numbers are never touched.
#pragma once

#include <string_view>

#include "sokhan/alignment.hpp"
#include "sokhan/normalizer.hpp"

namespace sokhan::normalize {

AlignedText spacing_pass(std::string_view text, const NormalizerOptions& options, bool track);

}  // namespace sokhan::normalize
