#include "convert.hpp"

#include <pybind11/functional.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <thread>

#include "pystr.hpp"
#include "sokhan/error.hpp"
#include "sokhan/parallel.hpp"
#include "sokhan/utf8.hpp"

namespace sokhan::py_bind {

void raise(const char* error_class, const std::string& message) {
  py::object cls = py::module_::import("sokhan.errors").attr(error_class);
  PyErr_SetObject(cls.ptr(), py::str(message).ptr());
  throw py::error_already_set();
}

namespace {

// "texts[3]" for a batch's item, "text" otherwise.
std::string arg_name(const char* argument, Py_ssize_t index) {
  std::string name(argument);
  if (index >= 0) name += "[" + std::to_string(index) + "]";
  return name;
}

}  // namespace

void Text::encode() {
  if (!pending) return;
  pending = false;
  const Py_ssize_t bad = encode_utf8(storage, buffer);
  if (bad >= 0) {
    throw LoneSurrogate(arg_name(name, index) + " contains a lone surrogate at index " + std::to_string(bad) +
                        "; text must be valid Unicode");
  }
}

namespace {

Text read_text(py::handle obj, const char* argument, Py_ssize_t index);

}  // namespace

Text text_arg(py::handle obj, const char* argument) { return read_text(obj, argument, -1); }

namespace {

// A batch's items (index >= 0) are left pending, for the workers to encode; `argument` must
// outlive the Text (batch calls pass a literal).
Text read_text(py::handle obj, const char* argument, Py_ssize_t index) {
  if (PyUnicode_Check(obj.ptr())) {
    Text t;
    t.owner = py::reinterpret_borrow<py::object>(obj);
    const StrData d = str_data(obj.ptr());
    t.storage = d;
    if (d.ascii) {
      t.borrowed = std::string_view(static_cast<const char*>(d.data), static_cast<std::size_t>(d.length));
      return t;
    }
    t.owned = true;
    t.pending = true;
    t.name = argument;
    t.index = index;
    if (index < 0) t.encode();  // a lone surrogate throws LoneSurrogate → InvalidTextError
    return t;
  }
  if (PyBytes_Check(obj.ptr())) {
    const std::string_view bytes(PyBytes_AS_STRING(obj.ptr()),
                                 static_cast<std::size_t>(PyBytes_GET_SIZE(obj.ptr())));
    if (auto bad = utf8::find_invalid(bytes)) {
      static const char* hex = "0123456789abcdef";
      const auto b = static_cast<unsigned char>(bytes[*bad]);
      raise("InvalidTextError", arg_name(argument, index) + " is not valid UTF-8: invalid byte 0x" +
                                    std::string{hex[b >> 4], hex[b & 15]} + " at byte offset " +
                                    std::to_string(*bad));
    }
    // Results refer to the decoded str, so offsets are code points as everywhere else.
    Text t;
    t.owner = to_str(bytes);
    t.storage = str_data(t.owner.ptr());
    t.owned = true;
    std::memcpy(t.buffer.prepare(bytes.size()), bytes.data(), bytes.size());
    t.buffer.set_size(bytes.size());
    return t;
  }
  raise("SokhanTypeError", arg_name(argument, index) + " must be str (or UTF-8 bytes), not " +
                               std::string(Py_TYPE(obj.ptr())->tp_name));
}

}  // namespace

std::vector<Text> texts_arg(py::handle obj, const char* argument) {
  if (PyUnicode_Check(obj.ptr()) || PyBytes_Check(obj.ptr())) {
    raise("SokhanTypeError", std::string(argument) +
                                 " must be a sequence of texts, not a single str or bytes");
  }
  std::vector<Text> out;
  // Lists and tuples are read in place: this part holds the GIL, so it bounds how well a batch
  // call scales with threads.
  const bool list = PyList_Check(obj.ptr());
  if (list || PyTuple_Check(obj.ptr())) {
    const Py_ssize_t n = list ? PyList_GET_SIZE(obj.ptr()) : PyTuple_GET_SIZE(obj.ptr());
    out.reserve(static_cast<std::size_t>(n));
    PyObject* const* items = PySequence_Fast_ITEMS(obj.ptr());
    for (Py_ssize_t k = 0; k < n; ++k) {
      // Each str's header is a cache miss of its own: ask for a few ahead.
      if (k + 8 < n) prefetch(items[k + 8]);
      PyObject* item = items[k];
      out.push_back(read_text(item, argument, k));
    }
    return out;
  }
  py::iterator it;
  try {
    it = py::iter(obj);
  } catch (py::error_already_set&) {
    raise("SokhanTypeError", std::string(argument) + " must be an iterable of str, not " +
                                 std::string(Py_TYPE(obj.ptr())->tp_name));
  }
  Py_ssize_t k = 0;
  for (; it != py::iterator::sentinel(); ++it, ++k) out.push_back(read_text(*it, argument, k));
  return out;
}

namespace {

template <class Unit>
void decode_piece(std::string_view utf8, Unit* out) {
  for (std::size_t i = 0; i < utf8.size();) {
    int len = 0;
    *out++ = static_cast<Unit>(utf8::decode(utf8, i, len));
    i += static_cast<std::size_t>(len);
  }
}

template <class Unit>
void fill(const Text& input, const AlignedText& result, const Alignment& cps, void* data) {
  auto* out = static_cast<Unit*>(data);
  const auto* in = static_cast<const Unit*>(input.storage.data);
  const auto& bytes = result.alignment.segments();
  const auto& cp = cps.segments();
  for (std::size_t k = 0; k < cp.size(); ++k) {
    const Segment& c = cp[k];
    if (c.out_end == c.out_begin) continue;
    if (c.copy && !c.changed) {
      std::memcpy(out + c.out_begin, in + c.in_begin, (c.out_end - c.out_begin) * sizeof(Unit));
    } else {
      decode_piece(std::string_view(result.text).substr(bytes[k].out_begin, bytes[k].out_end - bytes[k].out_begin),
                   out + c.out_begin);
    }
  }
}

}  // namespace

StrPlan plan_str(const Text& input, const AlignedText& result) {
  // The output's widest code point decides its storage kind (CPython needs the narrowest);
  // only when it matches the input's can unchanged stretches be copied as they are.
  StrPlan plan;
  unsigned char widest = 0;
  for (char ch : result.text) widest = std::max(widest, static_cast<unsigned char>(ch));
  plan.kind = widest < 0x80 ? 0 : widest < 0xC4 ? 1 : widest < 0xF0 ? 2 : 4;
  const int in_kind = input.storage.ascii ? 0 : input.storage.kind;
  plan.copy_from_input = plan.kind == in_kind && plan.kind != 0 && !result.alignment.segments().empty();
  if (plan.copy_from_input) plan.cps = to_codepoint_alignment(result.alignment, result.text, input.utf8());
  return plan;
}

void write_str(const Text& input, const AlignedText& result, const StrPlan& plan, void* data) {
  if (plan.kind == 1) fill<Py_UCS1>(input, result, plan.cps, data);
  else if (plan.kind == 2) fill<Py_UCS2>(input, result, plan.cps, data);
  else fill<Py_UCS4>(input, result, plan.cps, data);
}

py::str make_str(const Text& input, const AlignedText& result, const StrPlan& plan) {
  if (!plan.copy_from_input) return to_str(result.text);
  const int kind = plan.kind;
  PyObject* s = PyUnicode_New(static_cast<Py_ssize_t>(plan.cps.output_size()), max_char(kind, false));
  if (s == nullptr) throw py::error_already_set();
  write_str(input, result, plan, PyUnicode_DATA(s));
  return py::reinterpret_steal<py::str>(s);
}

std::string option_str(py::handle value, const char* argument, const char* expected) {
  if (!PyUnicode_Check(value.ptr())) {
    raise("SokhanTypeError", std::string(argument) + " must be a str (" + expected + "), not " +
                                 Py_TYPE(value.ptr())->tp_name);
  }
  Py_ssize_t size = 0;
  const char* utf8 = PyUnicode_AsUTF8AndSize(value.ptr(), &size);
  if (utf8 == nullptr) {
    PyErr_Clear();
    raise("InvalidOptionError", "unknown " + std::string(argument) + " " +
                                    py::repr(value).cast<std::string>() + "; expected " + expected);
  }
  return std::string(utf8, static_cast<std::size_t>(size));
}

py::str to_str(std::string_view utf8) {
  // CPython's decoder: on Persian text it beats a scalar loop of ours (417 vs 339 MB/s).
  PyObject* s = PyUnicode_DecodeUTF8(utf8.data(), static_cast<Py_ssize_t>(utf8.size()), "strict");
  if (s == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(s);
}

unsigned threads_arg(long threads) {
  if (threads < 0) {
    raise("InvalidOptionError",
          "threads must be 0 (all cores) or a positive number, not " + std::to_string(threads));
  }
  return static_cast<unsigned>(threads);
}

void run_batch(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& job) {
  bool interrupted = false;
  {
    py::gil_scoped_release release;
    try {
      parallel_for(n, threads, job, [&] {
        py::gil_scoped_acquire acquire;
        if (PyErr_CheckSignals() != 0) {
          interrupted = true;
          return false;
        }
        return true;
      });
    } catch (const Cancelled&) {
      if (!interrupted) throw;
    }
  }
  if (interrupted) throw py::error_already_set();
}

void run_batch_delivering(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& job,
                          const std::function<void(std::size_t)>& deliver) {
  std::unique_ptr<std::atomic<bool>[]> done(new std::atomic<bool>[n]);
  for (std::size_t i = 0; i < n; ++i) done[i].store(false, std::memory_order_relaxed);
  std::size_t delivered = 0;  // touched by the calling thread only
  const std::thread::id caller = std::this_thread::get_id();
  // Taking the GIL costs a few microseconds: only for a run of finished items.
  constexpr std::size_t kRun = 32;
  run_batch(n, threads, [&](std::size_t i) {
    job(i);
    done[i].store(true, std::memory_order_release);
    if (std::this_thread::get_id() != caller) return;
    const std::size_t last = std::min(n, delivered + kRun);
    for (std::size_t k = delivered; k < last; ++k)
      if (!done[k].load(std::memory_order_acquire)) return;
    py::gil_scoped_acquire gil;
    while (delivered < n && done[delivered].load(std::memory_order_acquire)) deliver(delivered++);
  });
  while (delivered < n) deliver(delivered++);  // what the other threads finished last
}

Alignment to_codepoint_alignment(const Alignment& bytes, std::string_view output,
                                 std::string_view input) {
  std::vector<Segment> segs = bytes.segments();
  std::vector<std::size_t> outs, ins;
  outs.reserve(segs.size() * 2);
  ins.reserve(segs.size() * 2);
  for (const Segment& s : segs) {
    outs.push_back(s.out_begin);
    outs.push_back(s.out_end);
    ins.push_back(s.in_begin);
    ins.push_back(s.in_end);
  }
  utf8::bytes_to_codepoints(output, outs);
  utf8::bytes_to_codepoints(input, ins);
  for (std::size_t k = 0; k < segs.size(); ++k) {
    segs[k].out_begin = outs[2 * k];
    segs[k].out_end = outs[2 * k + 1];
    segs[k].in_begin = ins[2 * k];
    segs[k].in_end = ins[2 * k + 1];
  }
  return Alignment(std::move(segs));
}

void register_error_translator() {
  py::register_exception_translator([](std::exception_ptr p) {
    if (!p) return;
    try {
      std::rethrow_exception(p);
    } catch (const InvalidUtf8& e) {
      raise("InvalidTextError", e.what());
    } catch (const LoneSurrogate& e) {
      raise("InvalidTextError", e.what());
    } catch (const InvalidArgument& e) {
      raise("InvalidOptionError", e.what());
    } catch (const Error& e) {
      raise("SokhanError", e.what());
    }
  });
}

}  // namespace sokhan::py_bind
