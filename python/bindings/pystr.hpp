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

/// The storage of the str that a piece of valid UTF-8 decodes to: CPython keeps every str in
/// the narrowest kind its widest code point allows (and marks pure ASCII).
struct StrShape {
  int kind = 1;             // 1, 2 or 4 bytes per code point
  bool ascii = true;
  Py_ssize_t length = 0;    // code points
  std::size_t bytes() const noexcept { return static_cast<std::size_t>(length) * static_cast<std::size_t>(kind); }
};

/// The shape of valid UTF-8 (one pass; no GIL needed).
StrShape str_shape(std::string_view utf8) noexcept;

/// Decodes valid UTF-8 into `out`, shape.bytes() bytes of the shape's storage (no GIL needed), so
/// that making the str under the GIL is an allocation and a memcpy.
void decode_utf8(std::string_view utf8, const StrShape& shape, void* out) noexcept;

/// The maxchar PyUnicode_New takes for a str of storage `kind` (ASCII or not).
inline Py_UCS4 max_char(int kind, bool ascii) noexcept {
  return ascii ? 0x7F : kind == 1 ? 0xFF : kind == 2 ? 0xFFFF : 0x10FFFF;
}

/// Copies n code points between str storages of possibly different kinds (1, 2 or 4 bytes per
/// code point); narrowing is for code points that fit (no GIL needed).
void copy_code_points(const void* from, int from_kind, void* to, int to_kind, Py_ssize_t n) noexcept;

/// A new str of `shape` holding `storage` (GIL held); nullptr with an error set on failure.
PyObject* new_str(const StrShape& shape, const void* storage);

}  // namespace sokhan::py_bind
