// str → UTF-8 at the Python edge. Encoding reads the str's internal 1/2/4-byte storage
// directly (no GIL needed once the str is known ready, and no UTF-8 copy cached in the str).
#pragma once

#include <Python.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace sokhan::py_bind {

/// The storage of a ready str: kind 1, 2 or 4 bytes per code point.
struct StrData {
  int kind = 1;
  const void* data = nullptr;
  Py_ssize_t length = 0;
  bool ascii = false;
};

/// Reads a str's storage (GIL held).
StrData str_data(PyObject* s);

/// A growable byte buffer that, unlike std::string::resize, never zero-fills what it is about
/// to overwrite.
class Utf8Buffer {
 public:
  std::string_view view() const noexcept { return {data_.get(), size_}; }
  char* prepare(std::size_t capacity);  // room for `capacity` bytes at the start
  void set_size(std::size_t n) noexcept { size_ = n; }

 private:
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0, capacity_ = 0;
};

/// Writes the UTF-8 encoding of `s` into `out`. Returns the index of the first lone surrogate,
/// or -1 when the text is valid. Needs no GIL.
Py_ssize_t encode_utf8(const StrData& s, Utf8Buffer& out);

}  // namespace sokhan::py_bind
