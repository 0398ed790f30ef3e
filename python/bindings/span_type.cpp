#include "span_type.hpp"

#include <atomic>
#include <cstring>
#include <new>

namespace sokhan::py_bind {

namespace {

}  // namespace

// The memory of all the Spans of one text, made by a batch (see SpanBatch), freed with the
// last of them.
struct SpanBlock {
  std::atomic<Py_ssize_t> live;
};

namespace {

struct SpanObject {
  PyObject_HEAD
  Py_ssize_t start, end;
  Py_ssize_t base;    // offset of source[0] in the caller's text (0 for spans from split())
  PyObject* source;   // a str holding the text at [start - base, end - base)
  SpanBlock* block;   // the memory it lives in, or nullptr when allocated alone
};

// Where the k-th Span of a block starts.
constexpr std::size_t kFirstSpan = (sizeof(SpanBlock) + alignof(SpanObject) - 1) / alignof(SpanObject) * alignof(SpanObject);
SpanObject* span_in(SpanBlock* block, std::size_t k) {
  return reinterpret_cast<SpanObject*>(reinterpret_cast<char*>(block) + kFirstSpan + k * sizeof(SpanObject));
}

PyTypeObject span_type_object = {PyVarObject_HEAD_INIT(nullptr, 0)};

SpanObject* as_span(PyObject* o) { return reinterpret_cast<SpanObject*>(o); }

PyObject* span_text(PyObject* self, void* = nullptr) {
  SpanObject* s = as_span(self);
  return PyUnicode_Substring(s->source, s->start - s->base, s->end - s->base);
}

// Spans live in raw memory (PyMem_RawMalloc) so that batch calls can allocate them in their
// workers, without the GIL, all the Spans of a text in one block; Python frees them through
// tp_free.
PyObject* span_alloc(PyTypeObject* type, Py_ssize_t) {
  void* mem = PyMem_RawCalloc(1, sizeof(SpanObject));
  if (mem == nullptr) return PyErr_NoMemory();
  return PyObject_Init(static_cast<PyObject*>(mem), type);
}

void span_free(void* self) {
  SpanBlock* block = static_cast<SpanObject*>(self)->block;
  if (block == nullptr) PyMem_RawFree(self);
  else if (block->live.fetch_sub(1, std::memory_order_acq_rel) == 1) PyMem_RawFree(block);
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
  t.tp_alloc = span_alloc;
  t.tp_free = span_free;
  t.tp_dealloc = span_dealloc;
  t.tp_repr = span_repr;
  t.tp_richcompare = span_richcompare;
  t.tp_hash = span_hash;
  t.tp_getset = span_getset;
  t.tp_methods = span_methods;
  return PyType_Ready(&t) == 0;
}

SpanBatch::SpanBatch(std::size_t n) : capacity_(n) {
  if (n == 0) return;
  void* mem = PyMem_RawMalloc(kFirstSpan + n * sizeof(SpanObject));
  if (mem == nullptr) throw std::bad_alloc();
  block_ = new (mem) SpanBlock{};
}

SpanBatch& SpanBatch::operator=(SpanBatch&& o) noexcept {
  if (this != &o) {
    PyMem_RawFree(block_);
    block_ = o.block_;
    size_ = o.size_;
    capacity_ = o.capacity_;
    o.block_ = nullptr;
    o.size_ = o.capacity_ = 0;
  }
  return *this;
}

void SpanBatch::prefetch() const noexcept {
#if defined(__GNUC__)
  __builtin_prefetch(block_);
#endif
}

SpanBatch::~SpanBatch() { PyMem_RawFree(block_); }  // the Spans were never handed out

// Where the object header is plain stores (a GIL build without reference tracing), the
// workers write it; otherwise to_list() sets it up with PyObject_Init.
#if defined(Py_GIL_DISABLED) || defined(Py_TRACE_REFS) || defined(Py_REF_DEBUG)
constexpr bool kHeaderInWorker = false;
#else
constexpr bool kHeaderInWorker = true;
#endif

void SpanBatch::add(PyObject* source, Py_ssize_t start, Py_ssize_t end) noexcept {
  SpanObject* s = span_in(block_, size_++);
  std::memset(static_cast<void*>(s), 0, sizeof(SpanObject));
  PyObject* o = reinterpret_cast<PyObject*>(s);
  if constexpr (kHeaderInWorker) {
    Py_SET_REFCNT(o, 1);
    Py_SET_TYPE(o, &span_type_object);  // a static type: no reference to take
  }
  s->start = start;
  s->end = end;
  s->base = 0;
  s->source = source;
  s->block = block_;
}

PyObject* SpanBatch::to_list(PyObject* source) {
  PyObject* list = PyList_New(static_cast<Py_ssize_t>(size_));
  if (list == nullptr) return nullptr;
  if (size_ == 0) return list;
  block_->live.store(static_cast<Py_ssize_t>(size_), std::memory_order_relaxed);
  for (std::size_t k = 0; k < size_; ++k) {
    PyObject* o = reinterpret_cast<PyObject*>(span_in(block_, k));
    if constexpr (!kHeaderInWorker) PyObject_Init(o, &span_type_object);
    Py_INCREF(source);  // the reference each Span's `source` holds
    PyList_SET_ITEM(list, static_cast<Py_ssize_t>(k), o);  // steals the reference
  }
  // The block belongs to its Spans now (an unused tail, if any, goes with it).
  block_ = nullptr;
  size_ = capacity_ = 0;
  return list;
}

}  // namespace sokhan::py_bind
