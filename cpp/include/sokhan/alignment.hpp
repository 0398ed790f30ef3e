// Alignment between an edited text and the text it came from, and the one primitive
// (EditBuilder) through which every edit is made, so no rule can forget to record it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sokhan {

/// One piece of an alignment: output bytes [out_begin, out_end) came from input bytes
/// [in_begin, in_end). A `copy` segment maps byte for byte (equal lengths, same code point
/// boundaries); any other segment maps as a whole (an insertion has an empty input range, a
/// deletion an empty output range). `changed` tells whether the text differs: a same-length
/// letter substitution (ي → ی) maps byte for byte (copy) and is still an edit (changed).
struct Segment {
  std::size_t out_begin, out_end, in_begin, in_end;
  bool copy;
  bool changed = !copy;
  bool operator==(const Segment&) const = default;
};

/// Ordered, gap-free segments covering the whole output and the whole input, both monotonic.
class Alignment {
 public:
  Alignment() = default;
  explicit Alignment(std::vector<Segment> segments) : segments_(std::move(segments)) {}
  /// The alignment of a text with itself.
  static Alignment identity(std::size_t size);

  /// Smallest input range that produced output bytes [begin, end). An empty output range maps
  /// to an empty input range at the corresponding position.
  std::pair<std::size_t, std::size_t> to_input(std::size_t begin, std::size_t end) const;
  /// Smallest output range produced from input bytes [begin, end).
  std::pair<std::size_t, std::size_t> to_output(std::size_t begin, std::size_t end) const;

  /// Alignment of this edit applied after `earlier`: this maps output→middle, `earlier` maps
  /// middle→input; the result maps output→input.
  Alignment after(const Alignment& earlier) const;

  const std::vector<Segment>& segments() const noexcept { return segments_; }
  std::size_t output_size() const noexcept { return segments_.empty() ? 0 : segments_.back().out_end; }
  std::size_t input_size() const noexcept { return segments_.empty() ? 0 : segments_.back().in_end; }
  bool operator==(const Alignment&) const = default;

 private:
  std::vector<Segment> segments_;
};

/// A text together with its alignment to the original it was made from.
struct AlignedText {
  std::string text;
  Alignment alignment;  // output = text, input = the original
};

/// Builds an output text from an input text left to right. Callers either copy input bytes
/// unchanged or replace an input range by new text; the builder records the alignment.
/// With tracking off (plain normalize()) it only builds the text.
class EditBuilder {
 public:
  EditBuilder(std::string_view input, bool track);

  /// Copies the next `n` input bytes unchanged.
  void copy(std::size_t n) {
    pending_copy_ += n;
    pos_ += n;
    if (!track_) return;
    if (!segments_.empty() && segments_.back().copy && !segments_.back().changed) {
      segments_.back().out_end += n;  // extends the copy segment before it (the common case)
      segments_.back().in_end += n;
      return;
    }
    add_segment(n, n, true, false);
  }
  /// Copies the rest of the input.
  void copy_rest() { copy(input_.size() - pos_); }
  /// Replaces the next `n` input bytes by `text` (n == 0 inserts, empty text deletes).
  void replace(std::size_t n, std::string_view text);
  /// Replaces one code point of `n` bytes by one code point of the same byte length; this keeps
  /// byte-for-byte correspondence, so it is recorded as a copy (ي → ی, ك → ک).
  void substitute_same_length(std::size_t n, std::string_view text);

  std::size_t position() const noexcept { return pos_; }
  std::string_view input() const noexcept { return input_; }
  /// The text written so far.
  const std::string& output() {
    flush_copies();
    return out_;
  }
  /// The finished text and its alignment to this builder's input.
  AlignedText finish() &&;

 private:
  void add_segment(std::size_t out_len, std::size_t in_len, bool copy, bool changed);
  // Copies are recorded at once but written in one block before the next edit, so a pass that
  // copies word by word costs one memcpy per edit rather than one per word.
  void flush_copies() {
    if (pending_copy_ > 0) {
      out_.append(input_.data() + pos_ - pending_copy_, pending_copy_);
      pending_copy_ = 0;
    }
  }
  std::size_t pending_copy_ = 0;

  std::string_view input_;
  std::size_t pos_ = 0;
  bool track_;
  std::string out_;
  std::vector<Segment> segments_;
};

}  // namespace sokhan
