// Shim for sokhan/sentences.hpp: Span and SentenceSplitter.
#include <pybind11/pybind11.h>

#include "convert.hpp"
#include "span_type.hpp"
#include "sokhan/sentences.hpp"
#include "sokhan/utf8.hpp"

namespace sokhan::py_bind {

namespace {

// The Spans of byte spans of one text, with code point offsets found in one pass; no GIL
// needed (the Span objects are finished by SpanBatch::to_list).
SpanBatch spans_of(const Text& t, const std::vector<ByteSpan>& spans) {
  std::vector<std::size_t> offs;
  offs.reserve(spans.size() * 2);
  for (const ByteSpan& s : spans) {
    offs.push_back(s.begin);
    offs.push_back(s.end);
  }
  if (!t.storage.ascii) utf8::bytes_to_codepoints(t.utf8(), offs);  // ASCII: bytes are code points
  SpanBatch batch(spans.size());
  for (std::size_t k = 0; k < spans.size(); ++k)
    batch.add(t.owner.ptr(), static_cast<Py_ssize_t>(offs[2 * k]), static_cast<Py_ssize_t>(offs[2 * k + 1]));
  return batch;
}

py::list to_list(const Text& t, SpanBatch& batch) {
  PyObject* list = batch.to_list(t.owner.ptr());
  if (list == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::list>(list);
}

Lang lang_arg(py::handle lang) { return parse_lang(option_str(lang, "lang", "'auto', 'fa' or 'en'")); }

}  // namespace

void register_sentences(py::module_& m) {
  if (!init_span_type()) throw py::error_already_set();
  m.add_object("Span", py::reinterpret_borrow<py::object>(reinterpret_cast<PyObject*>(span_type())));

  py::class_<SentenceSplitter>(m, "SentenceSplitter")
      .def(py::init([](py::handle lang) { return SentenceSplitter(lang_arg(lang)); }), py::arg("lang") = "auto")
      .def("split",
           [](const SentenceSplitter& s, py::handle text) {
             Text t = text_arg(text, "text");
             SpanBatch spans;
             {
               py::gil_scoped_release release;
               spans = spans_of(t, s.split(t.utf8(), true));
             }
             return to_list(t, spans);
           },
           py::arg("text"))
      .def("split_many",
           [](const SentenceSplitter& s, py::handle texts, long threads) {
             const unsigned n_threads = threads_arg(threads);
             std::vector<Text> in = texts_arg(texts, "texts");
             std::vector<SpanBatch> out(in.size());
             // Everything but the last stores into Python objects happens in the workers, so
             // that the part holding the GIL stays small (split_many's speed-up on 2 cores).
             run_batch(in.size(), n_threads, [&](std::size_t k) {
               in[k].encode();
               out[k] = spans_of(in[k], s.split(in[k].utf8(), true));
               in[k].buffer = Utf8Buffer();  // freed here, not one by one after the pool
             });
             py::list result(in.size());
             for (std::size_t k = 0; k < in.size(); ++k) {
               if (k + 4 < in.size()) {  // cache misses of their own: ask a few texts ahead
                 prefetch(in[k + 4].owner.ptr());
                 out[k + 4].prefetch();
               }
               PyList_SET_ITEM(result.ptr(), static_cast<Py_ssize_t>(k), to_list(in[k], out[k]).release().ptr());
             }
             return result;
           },
           py::arg("texts"), py::arg("threads") = 0)
      .def_property_readonly("lang", [](const SentenceSplitter& s) {
        return s.lang() == Lang::Persian ? "fa" : s.lang() == Lang::English ? "en" : "auto";
      });
}

}  // namespace sokhan::py_bind
