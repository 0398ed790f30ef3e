// Unicode normalization forms (NFC, NFD, NFKC, NFKD) on UTF-8, backed by ICU.
#pragma once

#include <string>
#include <string_view>

#include "sokhan/alignment.hpp"

namespace sokhan {

enum class UnicodeForm { NFC, NFD, NFKC, NFKD };

/// Parses "NFC", "NFD", "NFKC" or "NFKD"; throws InvalidArgument("form") listing them otherwise.
UnicodeForm parse_unicode_form(std::string_view name);

/// The text in the given normalization form. Throws InvalidUtf8 for invalid input.
std::string unicode_normalize(std::string_view utf8, UnicodeForm form);

/// Same, for input already known to be valid UTF-8, recording the alignment when `track`.
AlignedText unicode_normalize_aligned(std::string_view valid_utf8, UnicodeForm form, bool track);

}  // namespace sokhan
