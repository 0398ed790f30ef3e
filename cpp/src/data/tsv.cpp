#include "data/tsv.hpp"

#include <string>

#include "sokhan/error.hpp"

namespace sokhan::data {

void for_each_row_in(std::string_view content, std::string_view path, std::size_t min_fields,
                     const std::function<void(const std::vector<std::string_view>&, std::size_t)>& row) {
  std::vector<std::string_view> fields;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < content.size()) {
    std::size_t eol = content.find('\n', pos);
    if (eol == std::string_view::npos) eol = content.size();
    std::string_view line = content.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    fields.clear();
    std::size_t start = 0;
    for (;;) {
      const std::size_t tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab == std::string_view::npos ? line.npos : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (fields.size() < min_fields) {
      throw Error("cpp/data/" + std::string(path) + ":" + std::to_string(line_no) + ": expected " +
                  std::to_string(min_fields) + " tab-separated fields");
    }
    row(fields, line_no);
  }
}

}  // namespace sokhan::data
