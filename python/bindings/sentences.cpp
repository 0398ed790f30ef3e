// Shim for sokhan/sentences.hpp: Span and SentenceSplitter.
#include <pybind11/pybind11.h>

#include "convert.hpp"
#include "sokhan/sentences.hpp"
#include "sokhan/utf8.hpp"

namespace sokhan::py_bind {

namespace {

// A sentence: code point offsets into the caller's str and the text they hold.
struct Span {
  Py_ssize_t start, end;
  py::str text;
};

// Spans for byte spans of one text, offsets converted in one pass.
py::list make_spans(const Text& t, const std::vector<ByteSpan>& spans) {
  std::vector<std::size_t> offs;
  offs.reserve(spans.size() * 2);
  for (const ByteSpan& s : spans) {
    offs.push_back(s.begin);
    offs.push_back(s.end);
  }
  utf8::bytes_to_codepoints(t.utf8(), offs);
  py::list out(spans.size());
  for (std::size_t k = 0; k < spans.size(); ++k) {
    const auto b = static_cast<Py_ssize_t>(offs[2 * k]), e = static_cast<Py_ssize_t>(offs[2 * k + 1]);
    PyObject* sub = PyUnicode_Substring(t.owner.ptr(), b, e);
    if (sub == nullptr) throw py::error_already_set();
    out[k] = py::cast(Span{b, e, py::reinterpret_steal<py::str>(sub)});
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
  py::class_<Span>(m, "Span")
      .def(py::init([](Py_ssize_t start, Py_ssize_t end, py::str text) { return Span{start, end, std::move(text)}; }),
           py::arg("start"), py::arg("end"), py::arg("text"))
      .def_readonly("start", &Span::start)
      .def_readonly("end", &Span::end)
      .def_readonly("text", &Span::text)
      .def("to_dict",
           [](const Span& s) {
             py::dict d;
             d["start"] = s.start;
             d["end"] = s.end;
             d["text"] = s.text;
             return d;
           })
      .def("__repr__",
           [](const Span& s) {
             return "Span(" + std::to_string(s.start) + ", " + std::to_string(s.end) + ", " +
                    py::repr(s.text).cast<std::string>() + ")";
           })
      .def("__eq__",
           [](const Span& a, py::handle other) -> py::object {
             if (!py::isinstance<Span>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
             const auto& b = other.cast<const Span&>();
             return py::bool_(a.start == b.start && a.end == b.end && a.text.equal(b.text));
           })
      .def("__hash__", [](const Span& s) { return py::hash(py::make_tuple(s.start, s.end, s.text)); })
      .def(py::pickle([](const Span& s) { return py::make_tuple(s.start, s.end, s.text); },
                      [](const py::tuple& t) {
                        return Span{t[0].cast<Py_ssize_t>(), t[1].cast<Py_ssize_t>(), t[2].cast<py::str>()};
                      }));

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
             return make_spans(t, spans);
           },
           py::arg("text"))
      .def("split_many",
           [](const SentenceSplitter& s, py::handle texts, long threads) {
             const unsigned n_threads = threads_arg(threads);
             std::vector<Text> in = texts_arg(texts, "texts");
             std::vector<std::vector<ByteSpan>> out(in.size());
             run_batch(in.size(), n_threads, [&](std::size_t k) {
               in[k].encode();
               out[k] = s.split(in[k].utf8(), true);
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
