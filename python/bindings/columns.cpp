// Whole-column batch calls for sokhan.pandas: the rows come as a list of str or as the buffers
// of Arrow string arrays (read in place: no str is made per row), and the results go back as
// flat numpy arrays (UTF-8 data and int64 offsets, the layout of an Arrow large_string array)
// that the accessor wraps without touching each row. Everything per row runs in the workers
// with the GIL released; what holds the GIL is O(rows) integer work and, for sentences, the
// str objects the caller asked for.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "columns.hpp"
#include "convert.hpp"
#include "decode_checked.hpp"
#include "sokhan/dates.hpp"
#include "sokhan/error.hpp"
#include "sokhan/normalizer.hpp"
#include "sokhan/sentences.hpp"
#include "sokhan/utf8.hpp"
#include "worker_arenas.hpp"

namespace sokhan::py_bind {

namespace {

using Int64s = py::array_t<std::int64_t>;
using Bytes = py::array_t<std::uint8_t>;

// One Arrow chunk's offsets, as int32 (string) or int64 (large_string).
struct ChunkOffsets {
  const void* data = nullptr;
  std::size_t itemsize = 8;
  std::int64_t at(std::size_t k) const {
    return itemsize == 4 ? static_cast<const std::int32_t*>(data)[k] : static_cast<const std::int64_t*>(data)[k];
  }
};

// A one-dimensional contiguous buffer of `itemsize`-byte items (a numpy array or memoryview).
py::buffer_info flat_buffer(py::handle obj, const char* what, std::initializer_list<std::size_t> itemsizes) {
  py::buffer_info info;
  try {
    info = py::reinterpret_borrow<py::buffer>(obj).request();
  } catch (py::error_already_set&) {
    raise("SokhanTypeError", std::string(what) + " must support the buffer protocol, not " +
                                 Py_TYPE(obj.ptr())->tp_name);
  }
  bool size_ok = false;
  for (std::size_t s : itemsizes) size_ok |= static_cast<std::size_t>(info.itemsize) == s;
  if (info.ndim != 1 || !size_ok || (info.shape[0] > 1 && info.strides[0] != info.itemsize)) {
    raise("InvalidOptionError", std::string(what) + " must be a contiguous 1-D array of " +
                                    (itemsizes.size() == 1 ? "bytes" : "int32 or int64"));
  }
  return info;
}

}  // namespace

Docs::Docs(py::handle docs) {
  if (PyList_Check(docs.ptr())) {
    texts_ = texts_arg(docs, "texts");
    return;
  }
  if (!PyTuple_Check(docs.ptr()) || PyTuple_GET_SIZE(docs.ptr()) != 2) {
    raise("SokhanTypeError", "docs must be a list of str or a tuple (arrow chunks, missing)");
  }
  arrow_ = true;
  const py::handle chunks = PyTuple_GET_ITEM(docs.ptr(), 0), missing = PyTuple_GET_ITEM(docs.ptr(), 1);
  const std::uint8_t* skip = nullptr;
  std::size_t rows = 0, skip_size = 0;
  if (!missing.is_none()) {
    held_.push_back(flat_buffer(missing, "missing", {1}));
    skip = static_cast<const std::uint8_t*>(held_.back().ptr);
    skip_size = static_cast<std::size_t>(held_.back().size);
  }
  for (py::handle chunk : chunks) {
    const auto pair = py::reinterpret_borrow<py::tuple>(chunk);
    if (pair.size() != 2) raise("SokhanTypeError", "an arrow chunk must be (offsets, data)");
    held_.push_back(flat_buffer(pair[0], "offsets", {4, 8}));
    const py::buffer_info& off = held_.back();
    const ChunkOffsets offsets{off.ptr, static_cast<std::size_t>(off.itemsize)};
    held_.push_back(flat_buffer(pair[1], "data", {1}));
    const auto* base = static_cast<const char*>(held_.back().ptr);
    const auto size = static_cast<std::int64_t>(held_.back().size);
    const std::size_t n = off.size > 0 ? static_cast<std::size_t>(off.size) - 1 : 0;
    for (std::size_t k = 0; k < n; ++k, ++rows) {
      if (skip != nullptr && rows < skip_size && skip[rows]) continue;
      const std::int64_t b = offsets.at(k), e = offsets.at(k + 1);
      // Offsets from a malformed array would read outside the data: refuse them here.
      if (b < 0 || e < b || e > size) {
        raise("InvalidTextError", "texts[" + std::to_string(views_.size()) +
                                      "]: its Arrow offsets lie outside the data buffer");
      }
      views_.emplace_back(base + b, static_cast<std::size_t>(e - b));
    }
  }
  if (skip != nullptr && skip_size != rows) {
    raise("InvalidOptionError", "missing has " + std::to_string(skip_size) + " entries for " +
                                    std::to_string(rows) + " rows");
  }
}

std::string_view Docs::prepare(std::size_t k) {
  if (!arrow_) {
    texts_[k].encode();
    return texts_[k].utf8();
  }
  // Arrow promises valid UTF-8 but cannot enforce it (pa.Array.from_buffers does not look), and
  // the core reads past a truncated sequence: check it here, in the worker.
  const std::string_view v = views_[k];
  if (!utf8::is_valid(v)) {
    const std::size_t bad = utf8::find_invalid(v).value_or(0);
    static const char* hex = "0123456789abcdef";
    const auto b = static_cast<unsigned char>(v[bad]);
    throw InvalidUtf8(bad, "texts[" + std::to_string(k) + "] is not valid UTF-8: invalid byte 0x" +
                               std::string{hex[b >> 4], hex[b & 15]} + " at byte offset " +
                               std::to_string(bad));
  }
  return v;
}

namespace {

// Byte offsets of a document's spans → code point offsets, in place, in one pass.
void to_codepoints(std::string_view text, bool ascii, std::vector<std::size_t>& offsets) {
  if (!ascii) utf8::bytes_to_codepoints(text, offsets);
}

// Int64 numpy array of n items (GIL held).
Int64s int64_array(std::size_t n) { return Int64s(static_cast<py::ssize_t>(n)); }

// The string columns of extract_column, in the order of kStringColumns.
enum StringColumn { kText, kKind, kCalendar, kGrain, kNative, kValue, kMod, kStringColumns };
constexpr std::array<const char*, kStringColumns> kStringColumnNames = {
    "text", "kind", "calendar", "grain", "native", "value", "mod"};

// The mentions of one document, with what the columns need worked out in the worker.
struct DocMentions {
  std::vector<DateMention> mentions;
  std::vector<std::size_t> cps;                      // start, end of each mention (code points)
  std::array<std::size_t, kStringColumns> bytes{};  // UTF-8 bytes of each string column
};

// A mention's value in string column `c` (empty for a missing one, see string_present).
std::string_view column_string(const DateMention& m, std::string_view text, int c) {
  switch (c) {
    case kText: return text.substr(m.begin, m.end - m.begin);
    case kKind: return to_string(m.kind);
    case kCalendar: return to_string(m.calendar);
    case kGrain: return to_string(m.grain);
    case kNative: return m.native;
    case kValue: return m.value;
    default: return to_string(m.mod);
  }
}

// Whether string column `c` has a value for the mention (the facade's None otherwise).
bool string_present(const DateMention& m, int c) {
  if (c == kNative) return !m.native.empty();
  if (c == kValue) return !m.value.empty();
  if (c == kMod) return m.mod != DateMention::Mod::None;
  return true;
}

constexpr std::int64_t kNaT = std::numeric_limits<std::int64_t>::min();

// JDN of 1970-01-01, numpy's datetime64 epoch.
std::int64_t epoch_jdn() {
  static const std::int64_t jdn = to_jdn(Calendar::Gregorian, CivilDate{1970, 1, 1});
  return jdn;
}

// Microseconds since 1970 of a local time, or nullopt outside the years 1-9999 (the range of
// datetime.datetime, where the mention objects say interval=None).
std::optional<std::int64_t> micros_of(LocalTime t) {
  const std::int64_t jdn = t >= 0 ? t / kSecondsPerDay : -((-t + kSecondsPerDay - 1) / kSecondsPerDay);
  const CivilDate d = from_jdn(Calendar::Gregorian, jdn);
  if (d.year < 1 || d.year > 9999) return std::nullopt;
  return (t - epoch_jdn() * kSecondsPerDay) * 1'000'000;
}

// References as days since 1970-01-01 (datetime64[D] as int64, NaT: none), one per document.
std::vector<std::optional<CivilDate>> references_arg(py::handle days, std::size_t n) {
  std::vector<std::optional<CivilDate>> refs;
  if (days.is_none()) return refs;
  const py::buffer_info info = flat_buffer(days, "references", {8});
  if (static_cast<std::size_t>(info.size) != n) {
    throw InvalidArgument("references", "references has " + std::to_string(info.size) +
                                            " entries for " + std::to_string(n) + " texts");
  }
  const auto* d = static_cast<const std::int64_t*>(info.ptr);
  refs.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    if (d[k] != kNaT) refs[k] = from_jdn(Calendar::Gregorian, epoch_jdn() + d[k]);
  }
  return refs;
}

// One sentence's str, worked out in a worker: its storage at `data` in the str's own kind, so
// that the GIL is held for an allocation and a memcpy. `data` null: the whole of the caller's
// str, which is returned itself.
struct Piece {
  const void* data = nullptr;
  StrShape shape;
};

// The sentences of one document (in a WorkerArenas block).
struct Sentences {
  const Piece* pieces = nullptr;
  std::size_t size = 0;
};

// The sentences at code point offsets `cps` (start, end pairs) of `src`, a document's units
// (`ascii`: all below 0x80). CPython keeps a str in the narrowest kind its widest code point
// allows, so a sentence of narrower text than its document (an ASCII line in Persian text) is
// narrowed here. `whole`: the document is the caller's str, and a sentence that is all of it
// is that str.
template <class Unit>
Sentences cut_sentences(const Unit* src, bool ascii, std::size_t length, const std::vector<std::size_t>& cps,
                        bool whole, WorkerArenas& arenas, std::size_t doc) {
  const std::size_t n = cps.size() / 2;
  auto* pieces = static_cast<Piece*>(arenas.allocate(n * sizeof(Piece), doc));
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t b = cps[2 * i], e = cps[2 * i + 1];
    Piece& p = *::new (static_cast<void*>(pieces + i)) Piece{};
    if (whole && b == 0 && e == length) continue;
    Unit bits = 0;  // in the source's units: the loop vectorizes without widening
    if (!ascii)
      for (std::size_t k = b; k < e; ++k) bits |= src[k];
    p.shape.length = static_cast<Py_ssize_t>(e - b);
    p.shape.ascii = bits < 0x80;
    p.shape.kind = bits < 0x100 ? 1 : bits < 0x10000 ? 2 : 4;
    if (static_cast<std::size_t>(p.shape.kind) == sizeof(Unit)) {
      p.data = src + b;
      continue;
    }
    void* out = arenas.allocate(p.shape.bytes(), doc);
    copy_code_points(src + b, sizeof(Unit), out, p.shape.kind, static_cast<Py_ssize_t>(e - b));
    p.data = out;
  }
  return Sentences{pieces, n};
}

// Start, end of each span as code point offsets of `text` (ASCII: the byte offsets).
std::vector<std::size_t> codepoint_spans(std::string_view text, bool ascii, const std::vector<ByteSpan>& spans) {
  std::vector<std::size_t> offsets;
  offsets.reserve(spans.size() * 2);
  for (const ByteSpan& sp : spans) {
    offsets.push_back(sp.begin);
    offsets.push_back(sp.end);
  }
  to_codepoints(text, ascii, offsets);
  return offsets;
}

bool is_ascii(std::string_view text) noexcept {
  std::uint64_t any = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    any |= w;
  }
  for (; i < text.size(); ++i) any |= static_cast<unsigned char>(text[i]);
  return (any & 0x8080808080808080ULL) == 0;
}

// A document of an Arrow column: validated and decoded in one pass into the workers' memory,
// split, and cut into sentences of that decoded text. An ASCII document is its own storage.
Sentences split_arrow_doc(const SentenceSplitter& s, Docs& in, std::size_t k, WorkerArenas& arenas) {
  const std::string_view text = in.utf8(k);
  if (is_ascii(text)) {
    const std::vector<std::size_t> cps = codepoint_spans(text, true, s.split(text, true));
    return cut_sentences(reinterpret_cast<const Py_UCS1*>(text.data()), true, text.size(), cps, false, arenas, k);
  }
  std::size_t count = 0;
  std::uint32_t bits = 0;
  const std::size_t room2 = (text.size() + 8) * sizeof(Py_UCS2);
  auto* ucs2 = static_cast<Py_UCS2*>(arenas.allocate(room2, k));
  Decoded status = decode_checked(text, ucs2, count, bits);
  if (status == Decoded::ok) {
    arenas.shrink(ucs2, room2, count * sizeof(Py_UCS2));
    const std::vector<std::size_t> cps = codepoint_spans(text, false, s.split(text, true));
    return cut_sentences(ucs2, false, count, cps, false, arenas, k);
  }
  arenas.shrink(ucs2, room2, 0);
  Py_UCS4* ucs4 = nullptr;
  if (status == Decoded::wide) {  // a code point above U+FFFF: the document in UCS-4
    const std::size_t room4 = text.size() * sizeof(Py_UCS4);
    ucs4 = static_cast<Py_UCS4*>(arenas.allocate(room4, k));
    status = decode_checked(text, ucs4, count, bits);
    arenas.shrink(ucs4, room4, count * sizeof(Py_UCS4));
  }
  if (status != Decoded::ok) {
    in.prepare(k);  // raises the error that names the invalid byte
    throw std::logic_error("texts[" + std::to_string(k) + "]: UTF-8 checks disagree");
  }
  const std::vector<std::size_t> cps = codepoint_spans(text, false, s.split(text, true));
  return cut_sentences(ucs4, false, count, cps, false, arenas, k);
}

// A document given as a str: the sentences are cut from the str's own storage. A sentence that
// is the whole str is that str, as str slicing gives it (not for a subclass of str, whose
// slices are plain str).
Sentences split_str_doc(const SentenceSplitter& s, Docs& in, std::size_t k, WorkerArenas& arenas) {
  const std::string_view text = in.prepare(k);
  const Text& doc = *in.text(k);
  const StrData& str = doc.storage;
  const std::vector<std::size_t> cps = codepoint_spans(text, str.ascii, s.split(text, true));
  const auto length = static_cast<std::size_t>(str.length);
  const bool whole = PyUnicode_CheckExact(doc.owner.ptr());  // reads the type only: no GIL needed
  Sentences out;
  switch (str.kind) {
    case 1: out = cut_sentences(static_cast<const Py_UCS1*>(str.data), str.ascii, length, cps, whole, arenas, k); break;
    case 2: out = cut_sentences(static_cast<const Py_UCS2*>(str.data), false, length, cps, whole, arenas, k); break;
    default: out = cut_sentences(static_cast<const Py_UCS4*>(str.data), false, length, cps, whole, arenas, k);
  }
  in.release(k);
  return out;
}

// The list of a document's sentences (GIL held); nullptr with an error set on failure.
PyObject* sentence_list(const Text* str, const Sentences& found) {
  PyObject* list = PyList_New(static_cast<Py_ssize_t>(found.size));
  if (list == nullptr) return nullptr;
  for (std::size_t i = 0; i < found.size; ++i) {
    const Piece& p = found.pieces[i];
    PyObject* s;
    if (p.data == nullptr) {
      s = str->owner.ptr();
      Py_INCREF(s);
    } else {
      s = new_str(p.shape, p.data);
    }
    if (s == nullptr) {
      Py_DECREF(list);
      return nullptr;
    }
    PyList_SET_ITEM(list, static_cast<Py_ssize_t>(i), s);
  }
  return list;
}

}  // namespace

void register_columns(py::module_& m) {
  m.def(
      "normalize_column",
      [](const Normalizer& n, py::handle docs, long threads) {
        const unsigned t = threads_arg(threads);
        Docs in(docs);
        const std::size_t count = in.size();
        std::vector<std::string> out(count);
        // The plain normalize (no alignment kept): only the text goes back.
        run_batch(count, t, [&](std::size_t k) {
          out[k] = n.normalize(in.prepare(k), true);
          in.release(k);
        });
        Int64s offsets = int64_array(count + 1);
        std::int64_t* o = offsets.mutable_data();
        o[0] = 0;
        for (std::size_t k = 0; k < count; ++k) o[k + 1] = o[k] + static_cast<std::int64_t>(out[k].size());
        Bytes data(static_cast<py::ssize_t>(o[count]));
        char* dst = reinterpret_cast<char*>(data.mutable_data());
        run_batch(count, t, [&](std::size_t k) {
          if (!out[k].empty()) std::memcpy(dst + o[k], out[k].data(), out[k].size());
          std::string().swap(out[k]);  // freed by the workers, not one by one afterwards
        });
        return py::make_tuple(std::move(offsets), std::move(data));
      },
      py::arg("normalizer"), py::arg("docs"), py::arg("threads") = 0);

  m.def(
      "split_column",
      [](const SentenceSplitter& s, py::handle docs, long threads) {
        const unsigned t = threads_arg(threads);
        Docs in(docs);
        const std::size_t count = in.size();
        std::vector<Sentences> found(count);
        WorkerArenas arenas;
        py::list result(count);
        run_batch_delivering(
            count, t,
            [&](std::size_t k) {
              found[k] = in.text(k) == nullptr ? split_arrow_doc(s, in, k, arenas) : split_str_doc(s, in, k, arenas);
            },
            [&](std::size_t k) {  // GIL held: the strs of one document
              PyObject* list = sentence_list(in.text(k), found[k]);
              if (list == nullptr) throw py::error_already_set();
              PyList_SET_ITEM(result.ptr(), static_cast<Py_ssize_t>(k), list);
              arenas.delivered(k + 1);
            });
        return result;
      },
      py::arg("splitter"), py::arg("docs"), py::arg("threads") = 0);

  m.def(
      "extract_column",
      [](const DateExtractor& x, py::handle docs, py::handle references, long threads) {
        const unsigned t = threads_arg(threads);
        Docs in(docs);
        const std::size_t count = in.size();
        const std::vector<std::optional<CivilDate>> refs = references_arg(references, count);
        std::vector<DocMentions> found(count);
        run_batch(count, t, [&](std::size_t k) {
          const std::string_view text = in.prepare(k);
          DocMentions& d = found[k];
          d.mentions = x.extract(text, refs.empty() ? std::nullopt : refs[k], true);
          d.cps.reserve(d.mentions.size() * 2);
          for (const DateMention& mention : d.mentions) {
            d.cps.push_back(mention.begin);
            d.cps.push_back(mention.end);
            for (int c = 0; c < kStringColumns; ++c) d.bytes[c] += column_string(mention, text, c).size();
          }
          const Text* str = in.text(k);
          to_codepoints(text, str != nullptr && str->storage.ascii, d.cps);
        });
        // Where each document's rows and bytes start in the columns: O(documents).
        std::vector<std::size_t> first_row(count + 1, 0);
        std::vector<std::array<std::size_t, kStringColumns>> first_byte(count + 1);
        first_byte[0].fill(0);
        for (std::size_t k = 0; k < count; ++k) {
          first_row[k + 1] = first_row[k] + found[k].mentions.size();
          for (int c = 0; c < kStringColumns; ++c) first_byte[k + 1][c] = first_byte[k][c] + found[k].bytes[c];
        }
        const std::size_t total = first_row[count];
        Int64s doc = int64_array(total), start = int64_array(total), end = int64_array(total),
                begin = int64_array(total), until = int64_array(total);
        py::array_t<bool> relative(static_cast<py::ssize_t>(total));
        std::array<Int64s, kStringColumns> str_offsets;
        std::array<Bytes, kStringColumns> str_data;
        std::array<std::optional<py::array_t<bool>>, kStringColumns> str_valid;
        for (int c = 0; c < kStringColumns; ++c) {
          str_offsets[c] = int64_array(total + 1);
          str_offsets[c].mutable_data()[0] = 0;
          str_data[c] = Bytes(static_cast<py::ssize_t>(first_byte[count][c]));
          if (c == kNative || c == kValue || c == kMod) str_valid[c] = py::array_t<bool>(static_cast<py::ssize_t>(total));
        }
        // Raw pointers for the workers (numpy's accessors are not for use without the GIL).
        std::int64_t *p_doc = doc.mutable_data(), *p_start = start.mutable_data(), *p_end = end.mutable_data(),
                     *p_begin = begin.mutable_data(), *p_until = until.mutable_data();
        bool* p_relative = relative.mutable_data();
        std::array<std::int64_t*, kStringColumns> p_offsets;
        std::array<char*, kStringColumns> p_data;
        std::array<bool*, kStringColumns> p_valid{};
        for (int c = 0; c < kStringColumns; ++c) {
          p_offsets[c] = str_offsets[c].mutable_data();
          p_data[c] = reinterpret_cast<char*>(str_data[c].mutable_data());
          if (str_valid[c]) p_valid[c] = str_valid[c]->mutable_data();
        }
        run_batch(count, t, [&](std::size_t k) {
          DocMentions& d = found[k];
          const std::string_view text = in.utf8(k);
          std::size_t row = first_row[k];
          std::array<std::size_t, kStringColumns> at = first_byte[k];
          for (std::size_t i = 0; i < d.mentions.size(); ++i, ++row) {
            const DateMention& mention = d.mentions[i];
            p_doc[row] = static_cast<std::int64_t>(k);
            p_start[row] = static_cast<std::int64_t>(d.cps[2 * i]);
            p_end[row] = static_cast<std::int64_t>(d.cps[2 * i + 1]);
            std::optional<std::int64_t> b, e;
            if (mention.has_interval) {
              b = micros_of(mention.interval_begin);
              e = micros_of(mention.interval_end);
            }
            const bool interval = b && e;  // both ends or neither, as DateMention.interval
            p_begin[row] = interval ? *b : kNaT;
            p_until[row] = interval ? *e : kNaT;
            p_relative[row] = mention.relative;
            for (int c = 0; c < kStringColumns; ++c) {
              const bool present = string_present(mention, c);
              if (p_valid[c] != nullptr) p_valid[c][row] = present;
              if (present) {
                const std::string_view v = column_string(mention, text, c);
                std::memcpy(p_data[c] + at[c], v.data(), v.size());
                at[c] += v.size();
              }
              p_offsets[c][row + 1] = static_cast<std::int64_t>(at[c]);
            }
          }
          // Freed by the workers, not one by one after the pool.
          std::vector<DateMention>().swap(d.mentions);
          std::vector<std::size_t>().swap(d.cps);
          in.release(k);
        });
        py::dict out;
        out["doc"] = doc;
        out["start"] = start;
        out["end"] = end;
        out["begin"] = begin;
        out["until"] = until;
        out["relative"] = relative;
        for (int c = 0; c < kStringColumns; ++c) {
          out[kStringColumnNames[c]] = py::make_tuple(
              str_offsets[c], str_data[c], str_valid[c] ? py::object(*str_valid[c]) : py::object(py::none()));
        }
        return out;
      },
      py::arg("extractor"), py::arg("docs"), py::arg("references") = py::none(), py::arg("threads") = 0);
}

}  // namespace sokhan::py_bind
