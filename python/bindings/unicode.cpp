// Shim for sokhan/unicode.hpp.
#include <pybind11/pybind11.h>

#include "convert.hpp"
#include "sokhan/unicode.hpp"

namespace sokhan::py_bind {

void register_unicode(py::module_& m) {
  m.def(
      "unicode_normalize",
      [](py::handle text, py::handle form) {
        const UnicodeForm f = parse_unicode_form(option_str(form, "form", "'NFC', 'NFD', 'NFKC' or 'NFKD'"));
        Text t = text_arg(text, "text");
        AlignedText out;
        {
          py::gil_scoped_release release;
          out = unicode_normalize_aligned(t.utf8(), f, true);
        }
        return edited_str(t, out);
      },
      py::arg("text"), py::arg("form"));
}

}  // namespace sokhan::py_bind
