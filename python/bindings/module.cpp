// sokhan._core: the compiled half of sokhan. Each capability registers its own shims.
#include <pybind11/pybind11.h>

#include "convert.hpp"

namespace py = pybind11;

namespace sokhan::py_bind {
void register_unicode(py::module_& m);
void register_normalize(py::module_& m);
void register_sentences(py::module_& m);
void register_dates(py::module_& m);
void register_columns(py::module_& m);
}  // namespace sokhan::py_bind

PYBIND11_MODULE(_core, m, py::mod_gil_not_used()) {
  m.doc() = "sokhan's C++ core (private: use the sokhan package)";
  m.attr("__version__") = SOKHAN_VERSION_STRING;
  sokhan::py_bind::register_error_translator();
  sokhan::py_bind::register_unicode(m);
  sokhan::py_bind::register_normalize(m);
  sokhan::py_bind::register_sentences(m);
  sokhan::py_bind::register_dates(m);
  sokhan::py_bind::register_columns(m);
}
