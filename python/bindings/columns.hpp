// The rows of a whole-column batch call (sokhan.pandas): a list of str, or Arrow string buffers.
#pragma once

#include <pybind11/pybind11.h>

#include <cstddef>
#include <string_view>
#include <vector>

#include "convert.hpp"

namespace sokhan::py_bind {

/// The documents of a column call, read with the GIL held. `docs` is either a list of str (read
/// in place as texts_arg does, "texts[k]" in errors) or a tuple (chunks, missing): `chunks` a
/// list of (offsets, data) per Arrow chunk — offsets an int32 or int64 array of the chunk's
/// length + 1 (already sliced to the chunk's own rows), data its UTF-8 bytes — and `missing`
/// None or a bool array over all rows of all chunks, whose true rows are skipped. The documents
/// are the rows that are not skipped, in order; their buffers stay held until destruction.
class Docs {
 public:
  explicit Docs(py::handle docs);
  Docs(const Docs&) = delete;
  Docs& operator=(const Docs&) = delete;

  std::size_t size() const noexcept { return arrow_ ? views_.size() : texts_.size(); }
  /// Document k's UTF-8, checked: encodes a str (lone surrogate: LoneSurrogate) or validates an
  /// Arrow slice (InvalidUtf8 naming texts[k]). For the workers: no GIL needed.
  std::string_view prepare(std::size_t k);
  /// Document k's UTF-8 after prepare(k) and before release(k).
  std::string_view utf8(std::size_t k) const noexcept { return arrow_ ? views_[k] : texts_[k].utf8(); }
  /// The str of document k, or nullptr for an Arrow slice.
  const Text* text(std::size_t k) const noexcept { return arrow_ ? nullptr : &texts_[k]; }
  /// Frees what prepare(k) encoded (a str's UTF-8 copy); the str itself stays.
  void release(std::size_t k) {
    if (!arrow_) texts_[k].buffer = Utf8Buffer();
  }

 private:
  bool arrow_ = false;
  std::vector<Text> texts_;
  std::vector<std::string_view> views_;
  std::vector<py::buffer_info> held_;
};

void register_columns(py::module_& m);

}  // namespace sokhan::py_bind
