// Shim for sokhan/normalizer.hpp: Normalizer and Aligned. Option checking with friendly
// messages happens in python/sokhan/normalize.py; values are parsed by the core.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "convert.hpp"
#include "normalize_pieces.hpp"
#include "sokhan/normalizer.hpp"

namespace sokhan::py_bind {

namespace {

// A normalized text with code point alignments to the caller's original str.
struct PyAligned {
  py::str text;
  py::str original;
  Alignment alignment;  // code points: output = text, input = original

  static void check_range(long start, long end, std::size_t size, const char* which) {
    if (start < 0 || end < start || static_cast<std::size_t>(end) > size) {
      raise("InvalidOptionError", std::string("range [") + std::to_string(start) + ", " +
                                      std::to_string(end) + ") is outside the " + which +
                                      " text of length " + std::to_string(size));
    }
  }
  py::tuple to_original(long start, long end) const {
    check_range(start, end, alignment.output_size(), "normalized");
    auto [b, e] = alignment.to_input(static_cast<std::size_t>(start), static_cast<std::size_t>(end));
    return py::make_tuple(b, e);
  }
  py::tuple to_normalized(long start, long end) const {
    check_range(start, end, alignment.input_size(), "original");
    auto [b, e] = alignment.to_output(static_cast<std::size_t>(start), static_cast<std::size_t>(end));
    return py::make_tuple(b, e);
  }
  // (original_start, original_end, normalized_start, normalized_end) of every edit.
  py::list edits() const {
    py::list out;
    for (const Segment& s : alignment.segments()) {
      if (s.changed) out.append(py::make_tuple(s.in_begin, s.in_end, s.out_begin, s.out_end));
    }
    return out;
  }
};

PyAligned make_aligned(const Text& original, AlignedText&& result) {
  Alignment cps = to_codepoint_alignment(result.alignment, result.text, original.utf8());
  // For bytes input the owner is the decoded str, so offsets always refer to a str.
  return PyAligned{to_str(result.text), py::reinterpret_borrow<py::str>(original.owner),
                   std::move(cps)};
}

Normalizer make_normalizer(py::handle unicode_form, bool persian_letters, bool extra_letters,
                               const std::string& digits, const std::string& diacritics,
                               bool kashida, bool zwnj, bool repair_compounds, bool spacing,
                               const std::string& punctuation, bool ellipsis, bool repeated_letters) {
  NormalizerOptions o;
  o.unicode_form = unicode_form.is_none() ? NormalizerOptions::Form::None
                                          : parse_form_option(unicode_form.cast<std::string>());
  o.persian_letters = persian_letters;
  o.extra_letters = extra_letters;
  o.digits = parse_digits_option(digits);
  o.remove_diacritics = parse_diacritics_option(diacritics);
  o.kashida = kashida;
  o.zwnj = zwnj;
  o.repair_compounds = repair_compounds;
  o.spacing = spacing;
  o.punctuation = parse_punctuation_option(punctuation);
  o.ellipsis = ellipsis;
  o.repeated_letters = repeated_letters;
  return Normalizer(o);
}

// Above this many bytes (of a bytes argument: a long str goes in pieces), normalize() trades the memcpy-from-the-input way of building its str
// (which needs the whole alignment, tens of bytes per edit) for memory: no alignment, the
// input's UTF-8 freed before the result str is made. Peak: input str + UTF-8 in + UTF-8 out
// while normalizing, input str + UTF-8 out + result str after.
constexpr std::size_t kLargeText = std::size_t{8} << 20;

py::object normalize_large(const Normalizer& n, Text& t) {
  std::string out;
  bool unchanged = false;
  {
    py::gil_scoped_release release;
    out = n.normalize(t.utf8(), true);
    unchanged = out == t.utf8();
    if (t.owned) {
      t.buffer = Utf8Buffer{};
      t.owned = false;
    }
  }
  if (unchanged && PyUnicode_CheckExact(t.owner.ptr())) return t.owner;
  return to_str(out);
}

}  // namespace

void register_normalize(py::module_& m) {
  py::class_<PyAligned>(m, "Aligned")
      .def_readonly("text", &PyAligned::text)
      .def_readonly("original", &PyAligned::original)
      .def("to_original", &PyAligned::to_original, py::arg("start"), py::arg("end"))
      .def("to_normalized", &PyAligned::to_normalized, py::arg("start"), py::arg("end"))
      .def("edits", &PyAligned::edits)
      .def("to_dict",
           [](const PyAligned& a) {
             py::dict d;
             d["text"] = a.text;
             d["original"] = a.original;
             d["edits"] = a.edits();
             return d;
           })
      .def("_segments", [](const PyAligned& a) {
        py::list out;
        for (const Segment& s : a.alignment.segments())
          out.append(py::make_tuple(s.out_begin, s.out_end, s.in_begin, s.in_end, s.copy, s.changed));
        return out;
      })
      .def(py::pickle(
          [](const PyAligned& a) {
            py::list segs;
            for (const Segment& s : a.alignment.segments())
              segs.append(py::make_tuple(s.out_begin, s.out_end, s.in_begin, s.in_end, s.copy, s.changed));
            return py::make_tuple(a.text, a.original, segs);
          },
          [](const py::tuple& state) {
            std::vector<Segment> segs;
            for (py::handle h : state[2].cast<py::list>()) {
              auto t = h.cast<py::tuple>();
              segs.push_back(Segment{t[0].cast<std::size_t>(), t[1].cast<std::size_t>(),
                                     t[2].cast<std::size_t>(), t[3].cast<std::size_t>(),
                                     t[4].cast<bool>(), t[5].cast<bool>()});
            }
            return PyAligned{state[0].cast<py::str>(), state[1].cast<py::str>(),
                             Alignment(std::move(segs))};
          }))
      .def("__eq__", [](const PyAligned& a, py::handle other) -> py::object {
        if (!py::isinstance<PyAligned>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        const auto& b = other.cast<const PyAligned&>();
        return py::bool_(a.text.equal(b.text) && a.original.equal(b.original) &&
                         a.alignment == b.alignment);
      })
      .def("__repr__", [](const PyAligned& a) {
        std::size_t edits = 0;
        for (const Segment& s : a.alignment.segments()) edits += s.changed;
        py::str shown = a.text;
        if (py::len(a.text) > 40) shown = py::str(a.text[py::slice(0, 40, 1)]) + py::str("…");
        return "Aligned(text=" + py::repr(shown).cast<std::string>() + ", edits=" +
               std::to_string(edits) + ")";
      })
      .attr("__hash__") = py::none();

  py::class_<Normalizer>(m, "Normalizer")
      .def(py::init(&make_normalizer), py::arg("unicode_form"), py::arg("persian_letters"),
           py::arg("extra_letters"), py::arg("digits"), py::arg("diacritics"), py::arg("kashida"),
           py::arg("zwnj"), py::arg("repair_compounds"), py::arg("spacing"),
           py::arg("punctuation"), py::arg("ellipsis"), py::arg("repeated_letters"))
      .def("normalize",
           [](const Normalizer& n, py::handle text) -> py::object {
             if (is_long_str(text)) return normalize_in_pieces(n, text);
             Text t = text_arg(text, "text");
             if (t.utf8().size() > kLargeText) return normalize_large(n, t);
             AlignedText out;
             {
               py::gil_scoped_release release;
               out = n.normalize_aligned(t.utf8(), true);
             }
             return edited_str(t, out);
           },
           py::arg("text"))
      .def("normalize_aligned",
           [](const Normalizer& n, py::handle text) {
             Text t = text_arg(text, "text");
             AlignedText out;
             {
               py::gil_scoped_release release;
               out = n.normalize_aligned(t.utf8(), true);
             }
             return make_aligned(t, std::move(out));
           },
           py::arg("text"))
      .def("normalize_many",
           [](const Normalizer& n, py::handle texts, long threads) {
             const unsigned t = threads_arg(threads);
             std::vector<Text> in = texts_arg(texts, "texts");
             std::vector<AlignedText> out(in.size());
             std::vector<StrPlan> plans(in.size());
             // Encoding, normalizing and planning each result run on the workers; only the
             // str objects are made under the GIL (a memcpy each), while the workers go on.
             // (Their buffers are freed at the end, by this thread: freed one by one as they
             // are delivered, they made the workers wait on their malloc arenas' locks, 1.5x.)
             py::list result(out.size());
             run_batch_delivering(
                 in.size(), t,
                 [&](std::size_t k) {
                   in[k].encode();
                   out[k] = n.normalize_aligned(in[k].utf8(), true);
                   plans[k] = plan_str(in[k], out[k]);
                 },
                 [&](std::size_t k) { result[k] = make_str(in[k], out[k], plans[k]); });
             return result;
           },
           py::arg("texts"), py::arg("threads") = 0);
}

}  // namespace sokhan::py_bind
