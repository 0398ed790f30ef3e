#include "sokhan/alignment.hpp"

#include <algorithm>

namespace sokhan {

Alignment Alignment::identity(std::size_t size) {
  if (size == 0) return Alignment();
  return Alignment({Segment{0, size, 0, size, true, false}});
}

namespace {

// One side of a segment list seen as "from" and the other as "to", so the two directions of
// mapping share one implementation.
struct Side {
  std::size_t Segment::*from_begin;
  std::size_t Segment::*from_end;
  std::size_t Segment::*to_begin;
  std::size_t Segment::*to_end;
};

constexpr Side kOutToIn{&Segment::out_begin, &Segment::out_end, &Segment::in_begin, &Segment::in_end};
constexpr Side kInToOut{&Segment::in_begin, &Segment::in_end, &Segment::out_begin, &Segment::out_end};

// Maps [begin, end) on the "from" side to the smallest range on the "to" side. The segment
// holding a position is the first non-empty one whose end is past it; empty segments (pure
// insertions or deletions) never hold one.
std::pair<std::size_t, std::size_t> map_range(const std::vector<Segment>& segs, const Side& s,
                                              std::size_t begin, std::size_t end) {
  const std::size_t from_size = segs.empty() ? 0 : segs.back().*s.from_end;
  const std::size_t to_size = segs.empty() ? 0 : segs.back().*s.to_end;
  begin = std::min(begin, from_size);
  end = std::clamp(end, begin, from_size);
  auto holding = [&](std::size_t pos) -> const Segment* {
    auto it = std::upper_bound(segs.begin(), segs.end(), pos,
                               [&](std::size_t p, const Segment& g) { return p < g.*s.from_end; });
    return it == segs.end() ? nullptr : &*it;
  };
  std::size_t to_begin = to_size;
  if (const Segment* g = holding(begin)) {
    to_begin = g->copy ? g->*s.to_begin + (begin - g->*s.from_begin) : g->*s.to_begin;
  }
  if (end == begin) return {to_begin, to_begin};
  const Segment* g = holding(end - 1);
  const std::size_t to_end = g->copy ? g->*s.to_begin + (end - g->*s.from_begin) : g->*s.to_end;
  return {to_begin, to_end};
}

}  // namespace

std::pair<std::size_t, std::size_t> Alignment::to_input(std::size_t begin, std::size_t end) const {
  return map_range(segments_, kOutToIn, begin, end);
}

std::pair<std::size_t, std::size_t> Alignment::to_output(std::size_t begin, std::size_t end) const {
  return map_range(segments_, kInToOut, begin, end);
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
  const std::size_t ob = out_.size() + pending_copy_ - out_len;
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

void EditBuilder::replace(std::size_t n, std::string_view text) {
  flush_copies();
  out_.append(text);
  pos_ += n;
  add_segment(text.size(), n, false, true);
}

void EditBuilder::substitute_same_length(std::size_t n, std::string_view text) {
  flush_copies();
  out_.append(text);
  pos_ += n;
  add_segment(n, n, true, true);
}

AlignedText EditBuilder::finish() && {
  if (pos_ < input_.size()) copy_rest();
  flush_copies();
  return AlignedText{std::move(out_), Alignment(std::move(segments_))};
}

}  // namespace sokhan
