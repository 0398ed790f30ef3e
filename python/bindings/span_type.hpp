// sokhan.Span, a small C type: start and end are stored as C integers and the text is cut from
// the caller's str only when asked for. Making one costs one allocation, which matters when
// a split returns tens of thousands of them (a pybind11 instance costs most of a microsecond).
#pragma once

#include <Python.h>

#include <cstddef>

namespace sokhan::py_bind {

/// The Span type (ready after init_span_type()).
PyTypeObject* span_type();

/// Readies the type; call once at module initialisation. Returns false with an error set.
bool init_span_type();

struct SpanBlock;

/// The Spans of one text, made in two steps so that batch calls build them in their workers:
/// add() fills each Span without the GIL (all the Spans of a text share one block of raw
/// memory, PyMem_RawMalloc, which is thread-safe; it is freed with the last of them), holding
/// the str without owning a reference yet, and to_list() hands them to a list with the GIL
/// held, touching only the list and the str: tens of thousands of Spans written by other
/// threads are not in this core's cache, and reading each once would cost more than making
/// it. Memory not handed out is freed on destruction.
class SpanBatch {
 public:
  SpanBatch() = default;
  /// Room for `n` Spans (no GIL needed; throws std::bad_alloc).
  explicit SpanBatch(std::size_t n);
  SpanBatch(SpanBatch&& o) noexcept : block_(o.block_), size_(o.size_), capacity_(o.capacity_) {
    o.block_ = nullptr;
    o.size_ = o.capacity_ = 0;
  }
  SpanBatch& operator=(SpanBatch&& o) noexcept;
  SpanBatch(const SpanBatch&) = delete;
  SpanBatch& operator=(const SpanBatch&) = delete;
  ~SpanBatch();

  /// Adds the Span source[start:end], one of the `n` it has room for (no GIL needed;
  /// `source`, a str, must stay alive until to_list(source)).
  void add(PyObject* source, Py_ssize_t start, Py_ssize_t end) noexcept;
  /// A list of the Spans (GIL held), all of `source`; leaves the batch empty. New reference,
  /// or nullptr with an error set.
  PyObject* to_list(PyObject* source);
  /// Asks the CPU for the Spans' memory ahead of to_list().
  void prefetch() const noexcept;

 private:
  SpanBlock* block_ = nullptr;
  std::size_t size_ = 0, capacity_ = 0;
};

}  // namespace sokhan::py_bind
