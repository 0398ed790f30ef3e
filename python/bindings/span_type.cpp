#include "span_type.hpp"

namespace sokhan::py_bind {

namespace {

struct SpanObject {
  PyObject_HEAD
  Py_ssize_t start, end;
  Py_ssize_t base;    // offset of source[0] in the caller's text (0 for spans from split())
  PyObject* source;   // a str holding the text at [start - base, end - base)
};

PyTypeObject span_type_object = {PyVarObject_HEAD_INIT(nullptr, 0)};

SpanObject* as_span(PyObject* o) { return reinterpret_cast<SpanObject*>(o); }

PyObject* span_text(PyObject* self, void* = nullptr) {
  SpanObject* s = as_span(self);
  return PyUnicode_Substring(s->source, s->start - s->base, s->end - s->base);
}

PyObject* span_start(PyObject* self, void*) { return PyLong_FromSsize_t(as_span(self)->start); }
PyObject* span_end(PyObject* self, void*) { return PyLong_FromSsize_t(as_span(self)->end); }

void span_dealloc(PyObject* self) {
  Py_XDECREF(as_span(self)->source);
  Py_TYPE(self)->tp_free(self);
}

PyObject* span_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  static const char* names[] = {"start", "end", "text", nullptr};
  Py_ssize_t start = 0, end = 0;
  PyObject* text = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "nnU:Span", const_cast<char**>(names), &start, &end, &text))
    return nullptr;
  if (start < 0 || end - start != PyUnicode_GET_LENGTH(text)) {
    PyErr_SetString(PyExc_ValueError, "Span: text must have end - start characters and start >= 0");
    return nullptr;
  }
  SpanObject* s = as_span(type->tp_alloc(type, 0));
  if (s == nullptr) return nullptr;
  s->start = start;
  s->end = end;
  s->base = start;
  Py_INCREF(text);
  s->source = text;
  return reinterpret_cast<PyObject*>(s);
}

PyObject* span_repr(PyObject* self) {
  PyObject* text = span_text(self);
  if (text == nullptr) return nullptr;
  PyObject* r = PyUnicode_FromFormat("Span(%zd, %zd, %R)", as_span(self)->start, as_span(self)->end, text);
  Py_DECREF(text);
  return r;
}

PyObject* span_richcompare(PyObject* a, PyObject* b, int op) {
  if ((op != Py_EQ && op != Py_NE) || !PyObject_TypeCheck(b, &span_type_object)) Py_RETURN_NOTIMPLEMENTED;
  SpanObject* x = as_span(a);
  SpanObject* y = as_span(b);
  bool equal = x->start == y->start && x->end == y->end;
  if (equal && !(x->source == y->source && x->base == y->base)) {
    PyObject* tx = span_text(a);
    PyObject* ty = span_text(b);
    if (tx == nullptr || ty == nullptr) {
      Py_XDECREF(tx);
      Py_XDECREF(ty);
      return nullptr;
    }
    const int c = PyUnicode_Compare(tx, ty);
    Py_DECREF(tx);
    Py_DECREF(ty);
    if (c == -1 && PyErr_Occurred()) return nullptr;
    equal = c == 0;
  }
  if (op == Py_NE) equal = !equal;
  return PyBool_FromLong(equal);
}

Py_hash_t span_hash(PyObject* self) {
  PyObject* t = Py_BuildValue("(nnN)", as_span(self)->start, as_span(self)->end, span_text(self));
  if (t == nullptr) return -1;
  const Py_hash_t h = PyObject_Hash(t);
  Py_DECREF(t);
  return h;
}

PyObject* span_reduce(PyObject* self, PyObject*) {
  return Py_BuildValue("(O(nnN))", Py_TYPE(self), as_span(self)->start, as_span(self)->end, span_text(self));
}

PyObject* span_to_dict(PyObject* self, PyObject*) {
  return Py_BuildValue("{s:n,s:n,s:N}", "start", as_span(self)->start, "end", as_span(self)->end,
                       "text", span_text(self));
}

PyGetSetDef span_getset[] = {
    {"start", span_start, nullptr, "code point offset of the first character in the caller's str", nullptr},
    {"end", span_end, nullptr, "code point offset just past the last character", nullptr},
    {"text", span_text, nullptr, "the span's text, text[start:end] of the caller's str", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyMethodDef span_methods[] = {
    {"to_dict", span_to_dict, METH_NOARGS, "{'start': ..., 'end': ..., 'text': ...}"},
    {"__reduce__", span_reduce, METH_NOARGS, "pickles as Span(start, end, text)"},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

PyTypeObject* span_type() { return &span_type_object; }

bool init_span_type() {
  PyTypeObject& t = span_type_object;
  t.tp_name = "sokhan.Span";
  t.tp_basicsize = sizeof(SpanObject);
  t.tp_flags = Py_TPFLAGS_DEFAULT;
  t.tp_doc = "Span(start, end, text): a piece of the caller's text, offsets in code points.";
  t.tp_new = span_new;
  t.tp_dealloc = span_dealloc;
  t.tp_repr = span_repr;
  t.tp_richcompare = span_richcompare;
  t.tp_hash = span_hash;
  t.tp_getset = span_getset;
  t.tp_methods = span_methods;
  return PyType_Ready(&t) == 0;
}

PyObject* new_span(PyObject* source, Py_ssize_t start, Py_ssize_t end) {
  SpanObject* s = PyObject_New(SpanObject, &span_type_object);
  if (s == nullptr) return nullptr;
  s->start = start;
  s->end = end;
  s->base = 0;
  Py_INCREF(source);
  s->source = source;
  return reinterpret_cast<PyObject*>(s);
}

}  // namespace sokhan::py_bind
