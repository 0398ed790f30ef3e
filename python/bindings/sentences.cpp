// Shim for sokhan/sentences.hpp: Span and SentenceSplitter.
#include <pybind11/pybind11.h>

#include "convert.hpp"
#include "span_type.hpp"
#include "sokhan/sentences.hpp"
#include "sokhan/utf8.hpp"

namespace sokhan::py_bind {

namespace {

// Code point offsets (begin, end, begin, end, ...) of byte spans, in one pass; no GIL needed.
std::vector<std::size_t> codepoint_offsets(const Text& t, const std::vector<ByteSpan>& spans) {
  std::vector<std::size_t> offs;
  offs.reserve(spans.size() * 2);
  for (const ByteSpan& s : spans) {
    offs.push_back(s.begin);
    offs.push_back(s.end);
  }
  if (!t.storage.ascii) utf8::bytes_to_codepoints(t.utf8(), offs);  // ASCII: bytes are code points
  return offs;
}

// Span objects for code point offsets of one text (GIL held).
py::list make_spans(const Text& t, const std::vector<std::size_t>& offs) {
  const std::size_t n = offs.size() / 2;
  py::list out(n);
  for (std::size_t k = 0; k < n; ++k) {
    const auto b = static_cast<Py_ssize_t>(offs[2 * k]), e = static_cast<Py_ssize_t>(offs[2 * k + 1]);
    PyObject* span = new_span(t.owner.ptr(), b, e);
    if (span == nullptr) throw py::error_already_set();
    PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(k), span);  // steals the reference
  }
  return out;
}

Lang lang_arg(py::handle lang) {
  if (!PyUnicode_Check(lang.ptr())) {
    raise("SokhanTypeError", std::string("lang must be a str ('auto', 'fa' or 'en'), not ") +
                                 Py_TYPE(lang.ptr())->tp_name);
  }
  return parse_lang(lang.cast<std::string>());
}

}  // namespace

void register_sentences(py::module_& m) {
  if (!init_span_type()) throw py::error_already_set();
  m.add_object("Span", py::reinterpret_borrow<py::object>(reinterpret_cast<PyObject*>(span_type())));

  py::class_<SentenceSplitter>(m, "SentenceSplitter")
      .def(py::init([](py::handle lang) { return SentenceSplitter(lang_arg(lang)); }), py::arg("lang") = "auto")
      .def("split",
           [](const SentenceSplitter& s, py::handle text) {
             Text t = text_arg(text, "text");
             std::vector<ByteSpan> spans;
             {
               py::gil_scoped_release release;
               spans = s.split(t.utf8(), true);
             }
             return make_spans(t, codepoint_offsets(t, spans));
           },
           py::arg("text"))
      .def("split_many",
           [](const SentenceSplitter& s, py::handle texts, long threads) {
             const unsigned n_threads = threads_arg(threads);
             std::vector<Text> in = texts_arg(texts, "texts");
             std::vector<std::vector<std::size_t>> out(in.size());
             run_batch(in.size(), n_threads, [&](std::size_t k) {
               in[k].encode();
               out[k] = codepoint_offsets(in[k], s.split(in[k].utf8(), true));
             });
             py::list result(in.size());
             for (std::size_t k = 0; k < in.size(); ++k) result[k] = make_spans(in[k], out[k]);
             return result;
           },
           py::arg("texts"), py::arg("threads") = 0)
      .def_property_readonly("lang", [](const SentenceSplitter& s) {
        return s.lang() == Lang::Persian ? "fa" : s.lang() == Lang::English ? "en" : "auto";
      });
}

}  // namespace sokhan::py_bind
