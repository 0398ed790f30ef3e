// Shared pieces of the libFuzzer harnesses: a check macro that stops the run with a readable
// message, an independent UTF-8 validator (the oracle for sokhan::utf8), and the alignment
// invariants every normalizer output must satisfy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "sokhan/alignment.hpp"

namespace fuzz {

[[noreturn]] inline void fail(const char* condition, const char* file, int line, const std::string& what) {
  std::fprintf(stderr, "\n*** sokhan fuzz invariant violated: %s\n    check: %s\n    at %s:%d\n",
               what.c_str(), condition, file, line);
  std::fflush(stderr);
  __builtin_trap();  // libFuzzer reports it as a crash and saves the input
}

}  // namespace fuzz

/// Stops the fuzzer with `what` (a std::string expression) when `cond` is false.
#define FUZZ_CHECK(cond, what)                                        \
  do {                                                                \
    if (!(cond)) ::fuzz::fail(#cond, __FILE__, __LINE__, (what));    \
  } while (0)

namespace fuzz {

/// Reads the option bytes at the front of a fuzz input; missing bytes read as zero, so every
/// input, however short, is a valid test case.
class Header {
 public:
  Header(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  std::uint16_t u16() {
    const std::uint16_t hi = byte();
    return static_cast<std::uint16_t>(hi << 8 | byte());
  }
  /// The bytes after the header: the text under test.
  std::string_view rest() const {
    return {reinterpret_cast<const char*>(data_) + pos_, size_ - pos_};
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

/// Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629: no
/// overlong forms, no surrogates, nothing above U+10FFFF), written from the table in the
/// Unicode standard (Table 3-7) rather than from sokhan's code.
inline std::optional<std::size_t> first_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  auto in = [](unsigned char c, unsigned lo, unsigned hi) { return c >= lo && c <= hi; };
  for (std::size_t i = 0; i < n;) {
    const unsigned char b = p[i];
    std::size_t len = 0;
    unsigned lo2 = 0x80, hi2 = 0xBF;  // the allowed range of the second byte
    if (b <= 0x7F) len = 1;
    else if (in(b, 0xC2, 0xDF)) len = 2;
    else if (b == 0xE0) { len = 3; lo2 = 0xA0; }
    else if (in(b, 0xE1, 0xEC) || in(b, 0xEE, 0xEF)) len = 3;
    else if (b == 0xED) { len = 3; hi2 = 0x9F; }
    else if (b == 0xF0) { len = 4; lo2 = 0x90; }
    else if (in(b, 0xF1, 0xF3)) len = 4;
    else if (b == 0xF4) { len = 4; hi2 = 0x8F; }
    else return i;
    if (i + len > n) return i;
    if (len >= 2 && !in(p[i + 1], lo2, hi2)) return i;
    for (std::size_t k = 2; k < len; ++k)
      if (!in(p[i + k], 0x80, 0xBF)) return i;
    i += len;
  }
  return std::nullopt;
}

inline bool is_valid_utf8(std::string_view s) { return !first_invalid_utf8(s).has_value(); }

/// Whether byte offset `pos` of valid UTF-8 `s` is a code point boundary (the end counts).
inline bool on_boundary(std::string_view s, std::size_t pos) {
  if (pos > s.size()) return false;
  return pos == s.size() || (static_cast<unsigned char>(s[pos]) & 0xC0) != 0x80;
}

/// Byte offset of the code point after the one starting at `pos` in valid UTF-8.
inline std::size_t next_boundary(std::string_view s, std::size_t pos) {
  do ++pos;
  while (pos < s.size() && !on_boundary(s, pos));
  return pos;
}

/// The text quoted, with every code point outside printable ASCII written as \u{hex} (invalid
/// bytes as \x..), cut after `limit` bytes: readable in a crash report whatever the script.
inline std::string show(std::string_view s, std::size_t limit = 240) {
  std::string out = "\"";
  char buf[16];
  for (std::size_t i = 0; i < s.size() && i < limit;) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\') {
      out += static_cast<char>(b);
      ++i;
      continue;
    }
    if (b < 0x80 || i + len > s.size() || first_invalid_utf8(s.substr(i, len))) {
      std::snprintf(buf, sizeof buf, "\\x%02x", b);
      out += buf;
      ++i;
      continue;
    }
    std::uint32_t cp = b & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    std::snprintf(buf, sizeof buf, "\\u{%X}", cp);
    out += buf;
    i += len;
  }
  if (s.size() > limit) out += "...";
  return out + "\"";
}

/// Both texts around their first difference (`before` bytes of common text, then up to 160 bytes
/// of each), on code point boundaries.
inline std::string show_difference(std::string_view a, std::string_view b, std::size_t before = 60) {
  std::size_t d = 0;
  while (d < a.size() && d < b.size() && a[d] == b[d]) ++d;
  std::size_t from = d > before ? d - before : 0;
  while (from > 0 && (static_cast<unsigned char>(a[from]) & 0xC0) == 0x80) --from;
  return "first difference at byte " + std::to_string(d) + ", from byte " + std::to_string(from) + ":\n      " +
         show(a.substr(from), 160 + (d - from)) + "\n      " + show(b.substr(from), 160 + (d - from));
}

inline std::string range_str(std::size_t b, std::size_t e) {
  return "[" + std::to_string(b) + ", " + std::to_string(e) + ")";
}

/// The alignment contract (sokhan/alignment.hpp, tests/cpp/test_alignment.cpp and the Python
/// check_spans/check_edits fixtures, which see the same alignment in code points):
/// - segments are ordered, gap-free and cover the whole output and the whole input;
/// - every segment boundary is a code point boundary on both sides (the Python layer converts
///   boundaries to code point offsets, so a boundary inside a code point would be lost);
/// - a copy segment has equal lengths and the same code point boundaries; an unchanged one has
///   identical bytes, so the original plus the edits rebuild the output;
/// - each edit maps back onto exactly its own source range;
/// - every non-empty output range (one code point, or from a code point to the end) maps to an
///   input range on code point boundaries, and that range maps back onto a range containing it;
/// - input ranges map to output ranges on code point boundaries, the whole input to the whole
///   output.
inline void check_alignment(const sokhan::AlignedText& result, std::string_view input) {
  const std::string_view out = result.text;
  const sokhan::Alignment& al = result.alignment;
  const auto& segs = al.segments();
  // Only evaluated when a check fails.
  auto texts = [&] { return "\n    input  " + show(input) + "\n    output " + show(out); };
  if (segs.empty()) {
    FUZZ_CHECK(out.empty() && input.empty(), "an empty alignment for non-empty texts" + texts());
    return;
  }
  std::size_t ob = 0, ib = 0;
  for (std::size_t k = 0; k < segs.size(); ++k) {
    const sokhan::Segment& g = segs[k];
    auto where = [&] {
      return "segment " + std::to_string(k) + " out " + range_str(g.out_begin, g.out_end) + " in " +
             range_str(g.in_begin, g.in_end);
    };
    FUZZ_CHECK(g.out_begin == ob && g.in_begin == ib, "gap or overlap before " + where() + texts());
    FUZZ_CHECK(g.out_begin <= g.out_end && g.in_begin <= g.in_end, "reversed " + where() + texts());
    FUZZ_CHECK(g.out_end <= out.size() && g.in_end <= input.size(), "out of range " + where() + texts());
    FUZZ_CHECK(on_boundary(out, g.out_begin) && on_boundary(out, g.out_end),
               "output side not on code point boundaries: " + where() + texts());
    FUZZ_CHECK(on_boundary(input, g.in_begin) && on_boundary(input, g.in_end),
               "input side not on code point boundaries: " + where() + texts());
    FUZZ_CHECK(g.copy || g.changed, "a non-copy segment marked unchanged: " + where() + texts());
    if (g.copy) {
      FUZZ_CHECK(g.out_end - g.out_begin == g.in_end - g.in_begin, "copy of unequal length: " + where() + texts());
      for (std::size_t i = 0; i < g.out_end - g.out_begin; ++i) {
        FUZZ_CHECK(on_boundary(out, g.out_begin + i) == on_boundary(input, g.in_begin + i),
                   "copy with different code point boundaries: " + where() + texts());
      }
      if (!g.changed) {
        FUZZ_CHECK(out.substr(g.out_begin, g.out_end - g.out_begin) ==
                       input.substr(g.in_begin, g.in_end - g.in_begin),
                   "unchanged copy with different bytes: " + where() + texts());
      }
    }
    if (g.out_begin < g.out_end) {
      const auto back = al.to_input(g.out_begin, g.out_end);
      FUZZ_CHECK(back.first == g.in_begin && back.second == g.in_end,
                 where() + " maps back to " + range_str(back.first, back.second) + texts());
    }
    ob = g.out_end;
    ib = g.in_end;
  }
  FUZZ_CHECK(ob == out.size() && ib == input.size(),
             "segments end at out " + std::to_string(ob) + " in " + std::to_string(ib) + " of sizes " +
                 std::to_string(out.size()) + ", " + std::to_string(input.size()) + texts());
  FUZZ_CHECK(al.output_size() == out.size() && al.input_size() == input.size(), "sizes disagree" + texts());

  auto check_span = [&](std::size_t b, std::size_t e) {
    const auto back = al.to_input(b, e);
    const std::size_t ib2 = back.first, ie2 = back.second;
    auto what = [&] { return "output " + range_str(b, e) + " -> input " + range_str(ib2, ie2); };
    FUZZ_CHECK(ib2 <= ie2 && ie2 <= input.size(), what() + " out of range" + texts());
    FUZZ_CHECK(on_boundary(input, ib2) && on_boundary(input, ie2), what() + " not on code point boundaries" + texts());
    const auto again = al.to_output(ib2, ie2);
    const std::size_t nb = again.first, ne = again.second;
    FUZZ_CHECK(nb <= b && e <= ne, what() + " -> output " + range_str(nb, ne) + " does not contain it" + texts());
  };
  for (std::size_t b = 0; b < out.size(); b = next_boundary(out, b)) {
    check_span(b, next_boundary(out, b));
    check_span(b, out.size());
  }
  for (std::size_t b = 0; b < input.size(); b = next_boundary(input, b)) {
    const auto mapped = al.to_output(b, next_boundary(input, b));
    const std::size_t nb = mapped.first, ne = mapped.second;
    auto what = [&] { return "input " + range_str(b, next_boundary(input, b)) + " -> output " + range_str(nb, ne); };
    FUZZ_CHECK(nb <= ne && ne <= out.size(), what() + " out of range" + texts());
    FUZZ_CHECK(on_boundary(out, nb) && on_boundary(out, ne), what() + " not on code point boundaries" + texts());
  }
  const auto whole = al.to_output(0, input.size());
  FUZZ_CHECK(whole.first == 0 && whole.second == out.size(),
             "the whole input maps to output " + range_str(whole.first, whole.second) + " of " +
                 std::to_string(out.size()) + texts());
}

}  // namespace fuzz
