// A long str is normalized a piece of whole lines at a time, and each piece goes the whole way
// from str storage to str storage on its own: encoded to UTF-8, normalized with its alignment,
// and written back by copying its unchanged stretches from the input (only edits are decoded).
// Done on the whole text instead, the str → UTF-8 → str conversions ran over buffers far larger
// than the caches, and the alignment of a whole 100 MB text would not fit in memory, so long
// texts used to skip it and decode all of their output: time per MB grew with the length
// (8.9 ms/MB at 1 MB, 11.3 at 100 MB). Every pass of the Normalizer decides a line on its own
// (nothing looks across a line feed), so the pieces give the text the whole call gives.
#include "normalize_pieces.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "convert.hpp"
#include "pystr.hpp"

namespace sokhan::py_bind {

namespace {

// A piece ends at the first line feed at least this many code points on (about 1 MB of Persian
// UTF-8: its intermediate texts stay in the cache).
constexpr Py_ssize_t kPieceCodePoints = Py_ssize_t{1} << 19;

// A single line longer than this is normalized without its alignment (tens of bytes per edit)
// and decoded, to keep the memory bounded; such lines are rare (no line feeds in megabytes).
constexpr std::size_t kAlignedPieceBytes = std::size_t{8} << 20;

Py_ssize_t piece_end(const StrData& s, Py_ssize_t begin) {
  if (s.length - begin <= 2 * kPieceCodePoints) return s.length;
  if (s.kind == 1) {  // memchr: a text with no line feed is scanned to its end here
    const auto* units = static_cast<const char*>(s.data);
    const void* lf = std::memchr(units + begin + kPieceCodePoints, '\n',
                                 static_cast<std::size_t>(s.length - begin - kPieceCodePoints));
    return lf == nullptr ? s.length : static_cast<const char*>(lf) - units + 1;
  }
  auto find_lf = [&](const auto* units) {
    for (Py_ssize_t i = begin + kPieceCodePoints; i < s.length; ++i) {
      if (units[i] == '\n') return i + 1;
    }
    return s.length;
  };
  return s.kind == 2 ? find_lf(static_cast<const Py_UCS2*>(s.data)) : find_lf(static_cast<const Py_UCS4*>(s.data));
}

// The result str, written in place piece by piece without the GIL (nobody else holds it yet).
// It starts with the input's storage kind and a little more room than the input's length;
// the rare piece that needs a wider kind, or more room, takes the GIL to widen or grow it.
class Output {
 public:
  Output(const StrData& input, Py_ssize_t capacity)
      : kind_(input.kind), ascii_(input.ascii), capacity_(capacity) {
    str_ = py::reinterpret_steal<py::object>(PyUnicode_New(capacity_, max_char(kind_, ascii_)));
    if (!str_) throw py::error_already_set();
  }
  int kind() const noexcept { return kind_; }
  // Room for n more code points of `shape`, in place: the kind is widened if needed.
  void* reserve(const StrShape& shape) {
    const bool wider = shape.kind > kind_ || (ascii_ && !shape.ascii);
    if (wider || length_ + shape.length > capacity_) {
      py::gil_scoped_acquire gil;
      const Py_ssize_t capacity = std::max(capacity_, length_ + shape.length + capacity_ / 8);
      if (wider) replace(std::max(kind_, shape.kind), false, capacity);
      else resize(capacity);
      capacity_ = capacity;
    }
    return at(length_);
  }
  void advance(Py_ssize_t n) noexcept { length_ += n; }
  void* at(Py_ssize_t i) const noexcept { return static_cast<char*>(PyUnicode_DATA(str_.ptr())) + i * kind_; }
  // The str (GIL held), in the narrowest kind its code points allow, as CPython requires.
  py::object finish(const StrShape& narrowest) {
    if (narrowest.kind < kind_ || (narrowest.ascii && !ascii_)) {
      replace(narrowest.kind, narrowest.ascii, length_);
    } else {
      resize(length_);
    }
    return std::move(str_);
  }

 private:
  void resize(Py_ssize_t capacity) {
    PyObject* s = str_.release().ptr();
    const int failed = PyUnicode_Resize(&s, capacity);  // in place when it can (realloc)
    str_ = py::reinterpret_steal<py::object>(s);
    if (failed) throw py::error_already_set();
  }
  void replace(int kind, bool ascii, Py_ssize_t capacity) {
    PyObject* s = PyUnicode_New(capacity, max_char(kind, ascii));
    if (s == nullptr) throw py::error_already_set();
    copy_code_points(at(0), kind_, PyUnicode_DATA(s), kind, length_);
    str_ = py::reinterpret_steal<py::object>(s);
    kind_ = kind;
    ascii_ = ascii;
  }

  py::object str_;
  int kind_;
  bool ascii_;
  Py_ssize_t capacity_, length_ = 0;
};

// One piece of the input, normalized.
struct NormalizedPiece {
  Text input;          // the piece's storage and UTF-8
  AlignedText result;  // no alignment when the piece was too long to keep one
  StrShape shape;      // of result.text
  bool aligned = false;
  bool unchanged() const { return result.text == input.utf8(); }
};

NormalizedPiece normalize_piece(const Normalizer& n, const StrData& whole, Py_ssize_t begin, Py_ssize_t end) {
  NormalizedPiece p;
  Text& t = p.input;
  t.storage = whole;
  t.storage.data = static_cast<const char*>(whole.data) + begin * whole.kind;
  t.storage.length = end - begin;
  if (whole.ascii) {
    t.borrowed = std::string_view(static_cast<const char*>(t.storage.data), static_cast<std::size_t>(end - begin));
  } else {
    t.owned = true;
    if (const Py_ssize_t bad = encode_utf8(t.storage, t.buffer); bad >= 0) {
      throw LoneSurrogate("text contains a lone surrogate at index " + std::to_string(begin + bad) +
                          "; text must be valid Unicode");
    }
  }
  const std::string_view in = t.utf8();
  p.aligned = in.size() <= kAlignedPieceBytes;
  p.result = p.aligned ? n.normalize_aligned(in, true) : AlignedText{n.normalize(in, true), {}};
  p.shape = str_shape(p.result.text);
  return p;
}

void write_piece(const NormalizedPiece& p, const StrData& whole, Output& out) {
  void* dst = out.reserve(p.shape);
  if (p.aligned && out.kind() == whole.kind && !p.result.alignment.segments().empty()) {
    // Unchanged stretches are copied from the input's storage, only edits are decoded.
    StrPlan plan;
    plan.kind = whole.kind;
    plan.copy_from_input = true;
    plan.cps = to_codepoint_alignment(p.result.alignment, p.result.text, p.input.utf8());
    write_str(p.input, p.result, plan, dst);
  } else {
    StrShape as_stored = p.shape;
    as_stored.kind = out.kind();
    as_stored.ascii = false;
    decode_utf8(p.result.text, as_stored, dst);
  }
  out.advance(p.shape.length);
}

// Appends the input's code points [begin, end), whose narrowest shape is `shape`.
void write_input(const StrData& whole, Py_ssize_t begin, Py_ssize_t end, StrShape shape, Output& out) {
  shape.length = end - begin;
  void* dst = out.reserve(shape);
  copy_code_points(static_cast<const char*>(whole.data) + begin * whole.kind, whole.kind, dst, out.kind(),
                   end - begin);
  out.advance(end - begin);
}

}  // namespace

bool is_long_str(py::handle text) {
  if (!PyUnicode_Check(text.ptr()) || PyUnicode_GET_LENGTH(text.ptr()) <= 2 * kPieceCodePoints) return false;
  // One line: one piece, so the pieces would only add their own cost to the whole-text path.
  const StrData whole = str_data(text.ptr());
  return piece_end(whole, 0) < whole.length;
}

py::object normalize_in_pieces(const Normalizer& n, py::handle text) {
  const StrData whole = str_data(text.ptr());
  Output out(whole, whole.length + whole.length / 16);
  StrShape narrowest;  // of the whole result so far
  bool changed = false;
  {
    py::gil_scoped_release release;
    for (Py_ssize_t begin = 0; begin < whole.length;) {
      const Py_ssize_t end = piece_end(whole, begin);
      const NormalizedPiece piece = normalize_piece(n, whole, begin, end);
      if (!piece.unchanged()) {
        // Unchanged pieces are only copied once something has changed: a clean text is the
        // caller's own str, never copied.
        if (!changed && begin > 0) write_input(whole, 0, begin, narrowest, out);
        changed = true;
        write_piece(piece, whole, out);
      } else if (changed) {
        write_input(whole, begin, end, piece.shape, out);
      }
      narrowest.kind = std::max(narrowest.kind, piece.shape.kind);
      narrowest.ascii = narrowest.ascii && piece.shape.ascii;
      narrowest.length += piece.shape.length;
      begin = end;
    }
  }
  if (!changed && PyUnicode_CheckExact(text.ptr())) return py::reinterpret_borrow<py::object>(text);
  if (!changed) {  // a str subclass: a plain str of the same text
    PyObject* s = PyUnicode_Substring(text.ptr(), 0, whole.length);
    if (s == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(s);
  }
  return out.finish(narrowest);
}

}  // namespace sokhan::py_bind
