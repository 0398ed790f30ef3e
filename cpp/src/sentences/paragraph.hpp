// One paragraph's sentences: the rules of the splitter (splitter.cpp), used by the public
// SentenceSplitter (sentence_splitter.cpp), which finds the paragraphs and their language.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "sokhan/sentences.hpp"

namespace sokhan::sentences {

struct Paragraph {
  std::string_view text;  // the whole text
  std::size_t begin, end;
  bool persian;
};

/// Working memory of split_paragraph, reused from one paragraph to the next.
struct Scratch {
  std::vector<std::size_t> ends;    // candidate sentence ends
  std::vector<std::size_t> colons;  // the paragraph's colons (Persian: datelines end in one)
  std::vector<ByteSpan> spans;
};

/// Appends the sentences of paragraph `p` to `out`.
void split_paragraph(const Paragraph& p, std::vector<ByteSpan>& out, Scratch& scratch);

}  // namespace sokhan::sentences
