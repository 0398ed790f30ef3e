// Shim for sokhan/dates.hpp: DateExtractor and the calendar conversions. Mentions are built
// here as instances of the facade's DateMention named tuple (registered by sokhan/dates.py), one
// allocation each, with the text cut from the caller's str.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <datetime.h>

#include "convert.hpp"
#include "sokhan/dates.hpp"
#include "sokhan/error.hpp"
#include "sokhan/utf8.hpp"

namespace sokhan::py_bind {

namespace {

using Reference = std::optional<CivilDate>;

// (year, month, day) or None from the facade, which has already checked the type.
Reference reference_arg(py::handle ref) {
  if (ref.is_none()) return std::nullopt;
  const auto t = ref.cast<std::tuple<int, int, int>>();
  return CivilDate{std::get<0>(t), std::get<1>(t), std::get<2>(t)};
}

// A batch's references, one per text: plain dates and datetimes are read here, in C, since
// this loop holds the GIL before the batch starts; anything else (ISO strings, subclasses such
// as pandas' Timestamp and its NaT, wrong types) goes to the facade's convert(item, index),
// which checks it and names it in its errors. Without convert, items are (y, m, d) tuples.
std::vector<Reference> references_arg(py::handle references, py::handle convert) {
  std::vector<Reference> refs;
  py::sequence items = py::reinterpret_borrow<py::sequence>(references);
  refs.reserve(static_cast<std::size_t>(py::len(items)));
  Py_ssize_t k = 0;
  for (py::handle r : items) {
    if (r.is_none()) {
      refs.emplace_back(std::nullopt);
    } else if (PyDate_CheckExact(r.ptr()) || PyDateTime_CheckExact(r.ptr())) {
      refs.emplace_back(CivilDate{PyDateTime_GET_YEAR(r.ptr()), PyDateTime_GET_MONTH(r.ptr()),
                                  PyDateTime_GET_DAY(r.ptr())});
    } else if (!convert.is_none()) {
      refs.push_back(reference_arg(convert(r, k)));
    } else {
      refs.push_back(reference_arg(r));
    }
    ++k;
  }
  return refs;
}

py::object datetime_of(LocalTime t) {
  const std::int64_t jdn = t >= 0 ? t / kSecondsPerDay : -((-t + kSecondsPerDay - 1) / kSecondsPerDay);
  const auto secs = static_cast<int>(t - jdn * kSecondsPerDay);
  const CivilDate d = from_jdn(Calendar::Gregorian, jdn);
  if (d.year < 1 || d.year > 9999) return py::none();  // outside datetime's range
  PyObject* o = PyDateTime_FromDateAndTime(d.year, d.month, d.day, secs / 3600, secs / 60 % 60, secs % 60, 0);
  if (o == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(o);
}

// The field strings, made once: mentions share them.
struct Names {
  py::str kinds[4], calendars[3], grains[10], mods[13];
  Names() {
    for (int k = 0; k < 4; ++k) kinds[k] = to_string(static_cast<DateMention::Kind>(k));
    for (int k = 0; k < 3; ++k) calendars[k] = to_string(static_cast<Calendar>(k));
    for (int k = 0; k < 10; ++k) grains[k] = to_string(static_cast<DateMention::Grain>(k));
    for (int k = 0; k < 13; ++k) mods[k] = to_string(static_cast<DateMention::Mod>(k));
  }
};
const Names& names() {
  static const Names* n = new Names();  // never destroyed: Python objects outlive static teardown
  return *n;
}

PyTypeObject* mention_type = nullptr;  // sokhan.dates.DateMention, a tuple subclass

py::object str_or_none(const std::string& s) { return s.empty() ? py::object(py::none()) : py::object(to_str(s)); }

// Turns the mentions' byte offsets into code point offsets of the caller's str, in one pass
// (no GIL needed: batch workers do it for their own texts).
void to_codepoint_offsets(const Text& t, std::vector<DateMention>& ms) {
  if (t.storage.ascii || ms.empty()) return;
  std::vector<std::size_t> offs;
  offs.reserve(ms.size() * 2);
  for (const DateMention& m : ms) {
    offs.push_back(m.begin);
    offs.push_back(m.end);
  }
  utf8::bytes_to_codepoints(t.utf8(), offs);
  for (std::size_t k = 0; k < ms.size(); ++k) {
    ms[k].begin = offs[2 * k];
    ms[k].end = offs[2 * k + 1];
  }
}

// One tuple per mention (GIL held); offsets already in code points (to_codepoint_offsets).
py::list make_mentions(const Text& t, const std::vector<DateMention>& ms) {
  if (mention_type == nullptr) raise("SokhanError", "sokhan.dates did not register DateMention");
  const Names& nm = names();
  py::list out(ms.size());
  for (std::size_t k = 0; k < ms.size(); ++k) {
    const DateMention& m = ms[k];
    py::object interval = py::none();
    if (m.has_interval) {
      py::object b = datetime_of(m.interval_begin), e = datetime_of(m.interval_end);
      if (!b.is_none() && !e.is_none()) interval = py::make_tuple(b, e);
    }
    const py::object mod = m.mod == DateMention::Mod::None
                               ? py::object(py::none())
                               : py::object(nm.mods[static_cast<int>(m.mod)]);
    const auto b = static_cast<Py_ssize_t>(m.begin), e = static_cast<Py_ssize_t>(m.end);
    PyObject* text = PyUnicode_Substring(t.owner.ptr(), b, e);
    if (text == nullptr) throw py::error_already_set();
    py::object fields[] = {py::int_(b), py::int_(e), py::reinterpret_steal<py::object>(text),
                           nm.kinds[static_cast<int>(m.kind)], nm.calendars[static_cast<int>(m.calendar)],
                           nm.grains[static_cast<int>(m.grain)], str_or_none(m.native), str_or_none(m.value),
                           interval, mod, py::bool_(m.relative)};
    PyObject* row = mention_type->tp_alloc(mention_type, 11);  // a tuple of the subclass
    if (row == nullptr) throw py::error_already_set();
    for (Py_ssize_t f = 0; f < 11; ++f) PyTuple_SET_ITEM(row, f, fields[f].release().ptr());
    out[k] = py::reinterpret_steal<py::object>(row);
  }
  return out;
}

Lang lang_of(py::handle lang) { return parse_lang(option_str(lang, "lang", "'auto', 'fa' or 'en'")); }

Calendar calendar_of(const std::string& name) {
  if (name == "persian") return Calendar::Persian;
  if (name == "gregorian") return Calendar::Gregorian;
  if (name == "islamic") return Calendar::Islamic;
  throw InvalidArgument("calendar", "unknown calendar '" + name + "'; expected 'persian', 'gregorian' or 'islamic'");
}

}  // namespace

void register_dates(py::module_& m) {
  PyDateTime_IMPORT;
  if (PyDateTimeAPI == nullptr) throw py::error_already_set();

  py::class_<DateExtractor>(m, "DateExtractor")
      .def(py::init([](py::handle lang) { return DateExtractor(lang_of(lang)); }), py::arg("lang") = "auto")
      .def("extract",
           [](const DateExtractor& x, py::handle text, py::handle reference) {
             Text t = text_arg(text, "text");
             const Reference ref = reference_arg(reference);
             std::vector<DateMention> ms;
             {
               py::gil_scoped_release release;
               ms = x.extract(t.utf8(), ref, true);
               to_codepoint_offsets(t, ms);
             }
             return make_mentions(t, ms);
           },
           py::arg("text"), py::arg("reference") = py::none())
      .def("extract_many",
           [](const DateExtractor& x, py::handle texts, py::handle references, long threads,
              py::handle convert) {
             const unsigned n_threads = threads_arg(threads);
             std::vector<Text> in = texts_arg(texts, "texts");
             std::vector<Reference> refs;
             if (!references.is_none()) {
               refs = references_arg(references, convert);
               if (refs.size() != in.size()) {
                 throw InvalidArgument("references", "references has " + std::to_string(refs.size()) +
                                                         " entries for " + std::to_string(in.size()) + " texts");
               }
             }
             std::vector<std::vector<DateMention>> out(in.size());
             run_batch(in.size(), n_threads, [&](std::size_t k) {
               in[k].encode();
               out[k] = x.extract(in[k].utf8(), refs.empty() ? std::nullopt : refs[k], true);
               to_codepoint_offsets(in[k], out[k]);
             });
             py::list result(in.size());
             for (std::size_t k = 0; k < in.size(); ++k) result[k] = make_mentions(in[k], out[k]);
             return result;
           },
           py::arg("texts"), py::arg("references") = py::none(), py::arg("threads") = 0,
           py::arg("convert") = py::none())
      .def_property_readonly("lang", [](const DateExtractor& x) {
        return x.lang() == Lang::Persian ? "fa" : x.lang() == Lang::English ? "en" : "auto";
      });

  m.def("set_mention_type", [](py::handle type) {
    if (!PyType_Check(type.ptr()) || !PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(type.ptr()), &PyTuple_Type))
      throw py::type_error("DateMention must be a tuple subclass");
    Py_INCREF(type.ptr());  // kept for the life of the process
    mention_type = reinterpret_cast<PyTypeObject*>(type.ptr());
  });
  m.def("calendar_to_gregorian", [](const std::string& calendar, int y, int mo, int d) {
    const std::int64_t jdn = to_jdn(calendar_of(calendar), CivilDate{y, mo, d});
    const CivilDate g = from_jdn(Calendar::Gregorian, jdn);
    return py::make_tuple(g.year, g.month, g.day);
  });
  m.def("gregorian_to_calendar", [](const std::string& calendar, int y, int mo, int d) {
    const std::int64_t jdn = to_jdn(Calendar::Gregorian, CivilDate{y, mo, d});
    const CivilDate c = from_jdn(calendar_of(calendar), jdn);
    return py::make_tuple(c.year, c.month, c.day);
  });
}

}  // namespace sokhan::py_bind
