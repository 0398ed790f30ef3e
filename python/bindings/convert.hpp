// Conversions at the Python edge: str/bytes → UTF-8 views (with typed errors naming the
// argument and position), byte offsets → code point offsets, and the GIL-free batch runner.
#pragma once

#include <pybind11/pybind11.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pystr.hpp"
#include "sokhan/alignment.hpp"

namespace sokhan::py_bind {

namespace py = pybind11;

/// Asks the CPU to load the cache line at `p` (a hint; nothing where the compiler has none).
inline void prefetch(const void* p) noexcept {
#if defined(__GNUC__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

/// A text argument as valid UTF-8. `owner` is the str the offsets refer to (the caller's str,
/// or the decoded str of a bytes argument) and keeps borrowed storage alive.
struct Text {
  py::object owner;
  const char* name = "";       // the argument's name, kept for errors raised off the GIL,
  Py_ssize_t index = -1;       // with the item's index in a batch (-1: not a batch)
  bool pending = false;        // storage read, UTF-8 not yet encoded (see encode())
  /// Encodes a deferred str (no GIL needed); throws LoneSurrogate naming the argument.
  void encode();
  Utf8Buffer buffer;           // the UTF-8 when it had to be encoded
  std::string_view borrowed;   // the UTF-8 when the str is ASCII (its storage is UTF-8)
  bool owned = false;
  StrData storage;             // the str's own storage (for building results from it)
  std::string_view utf8() const { return owned ? buffer.view() : borrowed; }
};

/// A lone surrogate found while encoding off the GIL; translated to InvalidTextError.
struct LoneSurrogate : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// How to build the str for `result`, an edit of `input`: worked out without the GIL.
struct StrPlan {
  int kind = 0;        // storage kind of the result, 0 for ASCII
  bool copy_from_input = false;
  Alignment cps;       // code point alignment, when copying from the input
};
StrPlan plan_str(const Text& input, const AlignedText& result);

/// The str for `result` (GIL held): unchanged stretches are copied from the input str's
/// storage (a memcpy), and only edited pieces are decoded from UTF-8.
py::str make_str(const Text& input, const AlignedText& result, const StrPlan& plan);
/// make_str's storage, written to `data` (plan.cps.output_size() units of plan.kind; needs
/// plan.copy_from_input, no GIL).
void write_str(const Text& input, const AlignedText& result, const StrPlan& plan, void* data);
inline py::str edited_str(const Text& input, const AlignedText& result) {
  // Unchanged text (most text is already NFC; a clean text needs no normalizing) comes back as
  // the caller's own str: no new object, no copy. For bytes input the owner is the decoded str.
  if (PyUnicode_CheckExact(input.owner.ptr()) && result.text == input.utf8())
    return py::reinterpret_borrow<py::str>(input.owner);
  return make_str(input, result, plan_str(input, result));
}

/// Reads a str (or bytes holding valid UTF-8) argument named `argument`; raises
/// sokhan.InvalidTextError for lone surrogates / invalid UTF-8 and sokhan.SokhanTypeError for
/// other types.
Text text_arg(py::handle obj, const char* argument);

/// Reads a sequence of texts (list, tuple or any iterable) for batch calls. Non-ASCII str items
/// are left pending: each worker calls Text::encode() for its own, without the GIL.
std::vector<Text> texts_arg(py::handle obj, const char* argument);

/// The value of a str option named `argument` (`expected` lists its values for messages):
/// sokhan.SokhanTypeError for another type, sokhan.InvalidOptionError for a str no option is
/// spelled with (one holding a lone surrogate cannot even be UTF-8).
std::string option_str(py::handle value, const char* argument, const char* expected);

/// A Python str from UTF-8 produced by the core.
py::str to_str(std::string_view utf8);

/// Number of worker threads from the Python `threads` argument (0 = all cores, < 0 rejected).
unsigned threads_arg(long threads);

/// Runs job(i) for i in [0, n) with the GIL released, on `threads` threads, re-raising the
/// first C++ exception and stopping on Ctrl-C (KeyboardInterrupt propagates).
void run_batch(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& job);

/// run_batch, and meanwhile the calling thread hands finished items to deliver(i) with the GIL
/// held: every i once, in increasing order, in runs taken between its own items, while the other
/// threads go on. Making the Python results then overlaps the GIL-free work instead of following
/// it, which is what bounds the speed-up of a batch whose results are many objects.
void run_batch_delivering(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& job,
                          const std::function<void(std::size_t)>& deliver);

/// An alignment with byte offsets turned into code point offsets of both texts.
Alignment to_codepoint_alignment(const Alignment& bytes, std::string_view output,
                                 std::string_view input);

/// Raises a sokhan Python exception class from sokhan.errors by name.
[[noreturn]] void raise(const char* error_class, const std::string& message);

void register_error_translator();

}  // namespace sokhan::py_bind
