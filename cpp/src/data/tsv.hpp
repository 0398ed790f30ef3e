// The row format of every file under cpp/data/, shared by the library (which reads the embedded
// copies) and the build-time generators under cpp/tools/ (which read the files themselves), so
// both see the same rows and report a bad one the same way.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace sokhan::data {

/// Calls row(fields, line_number) for each non-empty, non-comment (#) line of `content`, fields
/// split on TAB (a trailing CR is dropped). Throws sokhan::Error naming cpp/data/`path` and the
/// line when a row has fewer than `min_fields` fields.
void for_each_row_in(std::string_view content, std::string_view path, std::size_t min_fields,
                     const std::function<void(const std::vector<std::string_view>&, std::size_t)>& row);

}  // namespace sokhan::data
