#include "sokhan/alignment.hpp"

#include <algorithm>

namespace sokhan {

Alignment Alignment::identity(std::size_t size) {
  if (size == 0) return Alignment();
  return Alignment({Segment{0, size, 0, size, true, false}});
}

namespace {

// The segment holding byte `pos` of one side: the first non-empty one whose end is past `pos`.
// Empty segments (pure insertions or deletions) never hold a byte.
template <class Field>
const Segment* holding(const std::vector<Segment>& segs, std::size_t pos, Field end_of) {
  auto it = std::upper_bound(segs.begin(), segs.end(), pos,
                             [&](std::size_t p, const Segment& s) { return p < end_of(s); });
  return it == segs.end() ? nullptr : &*it;
}

}  // namespace

std::pair<std::size_t, std::size_t> Alignment::to_input(std::size_t begin, std::size_t end) const {
  const std::size_t out_size = output_size();
  begin = std::min(begin, out_size);
  end = std::clamp(end, begin, out_size);
  auto out_end = [](const Segment& s) { return s.out_end; };
  std::size_t in_begin = input_size();
  if (const Segment* s = holding(segments_, begin, out_end)) {
    in_begin = s->copy ? s->in_begin + (begin - s->out_begin) : s->in_begin;
  }
  if (end == begin) return {in_begin, in_begin};
  const Segment* t = holding(segments_, end - 1, out_end);
  const std::size_t in_end = t->copy ? t->in_begin + (end - t->out_begin) : t->in_end;
  return {in_begin, in_end};
}

std::pair<std::size_t, std::size_t> Alignment::to_output(std::size_t begin, std::size_t end) const {
  const std::size_t in_size = input_size();
  begin = std::min(begin, in_size);
  end = std::clamp(end, begin, in_size);
  auto in_end = [](const Segment& s) { return s.in_end; };
  std::size_t out_begin = output_size();
  if (const Segment* s = holding(segments_, begin, in_end)) {
    out_begin = s->copy ? s->out_begin + (begin - s->in_begin) : s->out_begin;
  }
  if (end == begin) return {out_begin, out_begin};
  const Segment* t = holding(segments_, end - 1, in_end);
  const std::size_t out_end = t->copy ? t->out_begin + (end - t->in_begin) : t->out_end;
  return {out_begin, out_end};
}

namespace {

// Appends a piece to a segment list, keeping the list gap-free and monotonic on the input side:
// a piece whose input overlaps the previous one is merged into it (both then map as a whole);
// input skipped between pieces becomes a deletion.
void push_piece(std::vector<Segment>& out, Segment p) {
  if (p.out_begin == p.out_end && p.in_begin == p.in_end) return;
  const std::size_t cur = out.empty() ? 0 : out.back().in_end;
  if (!out.empty() && p.in_begin < cur) {
    Segment& last = out.back();
    last.out_end = p.out_end;
    last.in_end = std::max(last.in_end, p.in_end);
    last.copy = false;
    last.changed = true;
    return;
  }
  if (p.in_begin > cur) {
    const std::size_t o = p.out_begin;
    out.push_back(Segment{o, o, cur, p.in_begin, false, true});
  }
  if (!out.empty() && p.copy && out.back().copy && out.back().changed == p.changed &&
      out.back().out_end == p.out_begin && out.back().in_end == p.in_begin) {
    out.back().out_end = p.out_end;
    out.back().in_end = p.in_end;
    return;
  }
  out.push_back(p);
}

}  // namespace

Alignment Alignment::after(const Alignment& earlier) const {
  const auto& inner = earlier.segments_;
  std::vector<Segment> result;
  result.reserve(segments_.size() + inner.size());
  std::size_t j = 0;  // first inner segment that may overlap the current middle range
  for (const Segment& a : segments_) {
    if (!a.copy || a.in_begin == a.in_end) {
      auto [ib, ie] = earlier.to_input(a.in_begin, a.in_end);
      push_piece(result, Segment{a.out_begin, a.out_end, ib, ie, false, true});
      continue;
    }
    while (j < inner.size() && inner[j].out_end <= a.in_begin) ++j;
    for (std::size_t k = j; k < inner.size() && inner[k].out_begin < a.in_end; ++k) {
      const Segment& b = inner[k];
      if (b.out_begin == b.out_end) continue;  // deletions are restored as gaps by push_piece
      const std::size_t lo = std::max(a.in_begin, b.out_begin);
      const std::size_t hi = std::min(a.in_end, b.out_end);
      const std::size_t ob = a.out_begin + (lo - a.in_begin);
      const std::size_t oe = ob + (hi - lo);
      if (b.copy) {
        const std::size_t ib = b.in_begin + (lo - b.out_begin);
        push_piece(result, Segment{ob, oe, ib, ib + (hi - lo), true, a.changed || b.changed});
      } else {
        push_piece(result, Segment{ob, oe, b.in_begin, b.in_end, false, true});
      }
    }
  }
  const std::size_t in_total = earlier.input_size();
  const std::size_t cur = result.empty() ? 0 : result.back().in_end;
  if (cur < in_total) {
    const std::size_t o = output_size();
    push_piece(result, Segment{o, o, cur, in_total, false, true});
  }
  return Alignment(std::move(result));
}

EditBuilder::EditBuilder(std::string_view input, bool track) : input_(input), track_(track) {
  out_.reserve(input.size() + input.size() / 16 + 16);
}

void EditBuilder::add_segment(std::size_t out_len, std::size_t in_len, bool copy, bool changed) {
  if (!track_ || (out_len == 0 && in_len == 0)) return;
  const std::size_t ob = out_.size() - out_len;
  const std::size_t ib = pos_ - in_len;
  if (in_len == 0 && !segments_.empty()) {
    // Pure insertion (a space after punctuation): it is attributed to the code point written
    // just before it, so every output range maps to a non-empty input range and back.
    Segment& last = segments_.back();
    if (!last.copy || last.out_end == last.out_begin) {
      last.out_end += out_len;
      last.changed = true;
      return;
    }
    std::size_t k = 1;
    while (k < last.out_end - last.out_begin &&
           (static_cast<unsigned char>(out_[last.out_end - k]) & 0xC0) == 0x80) ++k;
    if (last.out_end - last.out_begin == k) {
      last.copy = false;
      last.changed = true;
      last.out_end += out_len;
      return;
    }
    last.out_end -= k;
    last.in_end -= k;
    segments_.push_back(Segment{last.out_end, last.out_end + k + out_len, last.in_end,
                                last.in_end + k, false, true});
    return;
  }
  if (copy && !segments_.empty() && segments_.back().copy && segments_.back().changed == changed) {
    segments_.back().out_end += out_len;
    segments_.back().in_end += in_len;
    return;
  }
  segments_.push_back(Segment{ob, ob + out_len, ib, ib + in_len, copy, changed});
}

void EditBuilder::copy(std::size_t n) {
  out_.append(input_.data() + pos_, n);
  pos_ += n;
  add_segment(n, n, true, false);
}

void EditBuilder::replace(std::size_t n, std::string_view text) {
  out_.append(text);
  pos_ += n;
  add_segment(text.size(), n, false, true);
}

void EditBuilder::substitute_same_length(std::size_t n, std::string_view text) {
  out_.append(text);
  pos_ += n;
  add_segment(n, n, true, true);
}

AlignedText EditBuilder::finish() && {
  if (pos_ < input_.size()) copy_rest();
  return AlignedText{std::move(out_), Alignment(std::move(segments_))};
}

}  // namespace sokhan
