// Access to the rule tables under cpp/data/, compiled into the library (cmake/SokhanEmbed.cmake).
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sokhan::data {

struct EmbeddedFile {
  std::string_view path;     // relative to cpp/data/, e.g. "normalize/compounds.tsv"
  std::string_view content;
};

/// Every embedded data file.
std::span<const EmbeddedFile> all_files() noexcept;

/// The content of one data file; throws sokhan::Error if it was not embedded.
std::string_view file(std::string_view path);

/// Calls row(fields, line_number) for each non-empty, non-comment (#) line, fields split on TAB.
/// Throws sokhan::Error naming the file and line when a row has fewer than `min_fields` fields.
void for_each_row(std::string_view path, std::size_t min_fields,
                  const std::function<void(const std::vector<std::string_view>&, std::size_t)>& row);

/// Parses a hex code point ("06CC") or throws sokhan::Error naming the file and line.
char32_t parse_codepoint(std::string_view hex, std::string_view path, std::size_t line);

}  // namespace sokhan::data
