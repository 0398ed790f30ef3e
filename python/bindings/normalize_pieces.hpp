// Normalizer.normalize() on a long str, a piece of whole lines at a time.
#pragma once

#include <pybind11/pybind11.h>

#include "sokhan/normalizer.hpp"

namespace sokhan::py_bind {

namespace py = pybind11;

/// Whether `text` is a str long enough to be normalized in pieces, with a line feed to cut it at.
bool is_long_str(py::handle text);

/// The normalized str of a long str (is_long_str): the same text normalize() gives for it
/// whole, with time and memory per MB that do not grow with the length. Raises
/// InvalidTextError for a lone surrogate, with its index in the whole text.
py::object normalize_in_pieces(const Normalizer& n, py::handle text);

}  // namespace sokhan::py_bind
