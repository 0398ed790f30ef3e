#include "data/embedded.hpp"

#include <charconv>

#include "data/tsv.hpp"
#include "sokhan/error.hpp"

namespace sokhan::data {

std::string_view file(std::string_view path) {
  for (const EmbeddedFile& f : all_files()) {
    if (f.path == path) return f.content;
  }
  throw Error("sokhan was built without its data file cpp/data/" + std::string(path));
}

void for_each_row(std::string_view path, std::size_t min_fields,
                  const std::function<void(const std::vector<std::string_view>&, std::size_t)>& row) {
  for_each_row_in(file(path), path, min_fields, row);
}

char32_t parse_codepoint(std::string_view hex, std::string_view path, std::size_t line) {
  if (hex.size() >= 2 && (hex.substr(0, 2) == "U+" || hex.substr(0, 2) == "u+")) hex.remove_prefix(2);
  unsigned value = 0;
  auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), value, 16);
  if (ec != std::errc() || end != hex.data() + hex.size() || value > 0x10FFFF) {
    throw Error("cpp/data/" + std::string(path) + ":" + std::to_string(line) +
                ": bad code point '" + std::string(hex) + "'");
  }
  return static_cast<char32_t>(value);
}

}  // namespace sokhan::data
