#include "pystr.hpp"

#include <cstring>

namespace sokhan::py_bind {

StrData str_data(PyObject* s) {
#if PY_VERSION_HEX < 0x030C0000
  if (PyUnicode_READY(s) != 0) return {};
#endif
  return StrData{static_cast<int>(PyUnicode_KIND(s)), PyUnicode_DATA(s), PyUnicode_GET_LENGTH(s),
                 PyUnicode_IS_ASCII(s) != 0};
}

namespace {

template <class Unit>
Py_ssize_t encode_units(const Unit* u, Py_ssize_t n, Utf8Buffer& out) {
  auto* const begin = reinterpret_cast<unsigned char*>(
      out.prepare(static_cast<std::size_t>(n) * (sizeof(Unit) == 1 ? 2 : sizeof(Unit) == 2 ? 3 : 4)));
  auto* p = begin;
  for (Py_ssize_t i = 0; i < n; ++i) {
    const std::uint32_t c = u[i];
    if (c < 0x800) {
      // One or two bytes without a branch: Persian text alternates the two at every space, a
      // pattern branch predictors miss. The buffer always has room for the second byte.
      const bool two = c >= 0x80;
      p[0] = static_cast<unsigned char>(two ? (0xC0 | (c >> 6)) : c);
      p[1] = static_cast<unsigned char>(0x80 | (c & 0x3F));
      p += 1 + two;
    } else if (c < 0x10000) {
      if (c >= 0xD800 && c <= 0xDFFF) {
        out.set_size(0);
        return i;
      }
      *p++ = static_cast<unsigned char>(0xE0 | (c >> 12));
      *p++ = static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F));
      *p++ = static_cast<unsigned char>(0x80 | (c & 0x3F));
    } else {
      *p++ = static_cast<unsigned char>(0xF0 | (c >> 18));
      *p++ = static_cast<unsigned char>(0x80 | ((c >> 12) & 0x3F));
      *p++ = static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F));
      *p++ = static_cast<unsigned char>(0x80 | (c & 0x3F));
    }
  }
  out.set_size(static_cast<std::size_t>(p - begin));
  return -1;
}

}  // namespace

char* Utf8Buffer::prepare(std::size_t capacity) {
  if (capacity > capacity_) {
    data_.reset(new char[capacity]);
    capacity_ = capacity;
  }
  size_ = 0;
  return data_.get();
}

Py_ssize_t encode_utf8(const StrData& s, Utf8Buffer& out) {
  if (s.ascii) {
    std::memcpy(out.prepare(static_cast<std::size_t>(s.length)), s.data, static_cast<std::size_t>(s.length));
    out.set_size(static_cast<std::size_t>(s.length));
    return -1;
  }
  switch (s.kind) {
    case 1: return encode_units(static_cast<const Py_UCS1*>(s.data), s.length, out);
    case 2: return encode_units(static_cast<const Py_UCS2*>(s.data), s.length, out);
    default: return encode_units(static_cast<const Py_UCS4*>(s.data), s.length, out);
  }
}

}  // namespace sokhan::py_bind
