// sokhan.Span, a small C type: start and end are stored as C integers and the text is cut from
// the caller's str only when asked for. Making one costs one allocation, which matters when
// a split returns tens of thousands of them (a pybind11 instance costs most of a microsecond).
#pragma once

#include <Python.h>

namespace sokhan::py_bind {

/// The Span type (ready after init_span_type()).
PyTypeObject* span_type();

/// Readies the type; call once at module initialisation. Returns false with an error set.
bool init_span_type();

/// A new Span for source[start:end] (code points); source must be a str. New reference.
PyObject* new_span(PyObject* source, Py_ssize_t start, Py_ssize_t end);

}  // namespace sokhan::py_bind
