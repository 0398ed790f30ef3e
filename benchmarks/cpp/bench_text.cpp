// UTF-8 kernels: validation, decoding, counting and the byte -> code point offset conversion
// every call from Python ends with.
#include <cstddef>
#include <vector>

#include "inputs.hpp"
#include "sokhan/sentences.hpp"
#include "sokhan/utf8.hpp"

namespace sokhan_bench {

namespace {

namespace utf8 = sokhan::utf8;

char32_t decode_all(std::string_view text) {
  char32_t sum = 0;  // folded so the loop cannot be dropped
  for (std::size_t i = 0; i < text.size();) {
    int len;
    sum ^= utf8::decode(text, i, len);
    i += static_cast<std::size_t>(len);
  }
  return sum;
}

// Byte offsets of every word start (after a space or newline): the densest offset list a call
// converts (sentence spans are ~100 times sparser).
std::vector<std::size_t> word_offsets(std::string_view text) {
  std::vector<std::size_t> offs;
  for (std::size_t i = 0; i + 1 < text.size(); ++i)
    if (text[i] == ' ' || text[i] == '\n') offs.push_back(i + 1);
  return offs;
}

std::vector<std::size_t> sentence_offsets(std::string_view text) {
  std::vector<std::size_t> offs;
  for (const sokhan::ByteSpan& s : sokhan::SentenceSplitter().split(text)) {
    offs.push_back(s.begin);
    offs.push_back(s.end);
  }
  return offs;
}

// Converts a fresh copy of `offsets` each iteration (the conversion works in place); the copy
// is a memcpy of 8 bytes per offset, small beside the scan of the text.
void convert_offsets(benchmark::State& state, const std::string& lang,
                     std::vector<std::size_t> (*make)(std::string_view)) {
  const Corpus& c = corpus(lang);
  const std::vector<std::size_t> offsets = make(c.text);
  std::vector<std::size_t> work;
  for (auto _ : state) {
    work = offsets;
    utf8::bytes_to_codepoints(c.text, work);
    benchmark::DoNotOptimize(work.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(c.text.size()));
  state.counters["offsets"] = static_cast<double>(offsets.size());
  state.SetLabel(c.source);
}

}  // namespace

void register_text_benchmarks() {
  for (const std::string lang : {"fa", "en"}) {
    register_inputs("utf8_validate", lang,
                    [](std::string_view t) { return utf8::find_invalid(t).has_value(); },
                    {Input::Whole});
    register_inputs("utf8_decode", lang, decode_all, {Input::Whole});
    register_inputs("utf8_count_codepoints", lang, utf8::count_codepoints, {Input::Whole});
    benchmark::RegisterBenchmark(("utf8_offsets_words/" + lang + "/whole").c_str(),
                                 [lang](benchmark::State& s) { convert_offsets(s, lang, word_offsets); })
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("utf8_offsets_sentences/" + lang + "/whole").c_str(),
                                 [lang](benchmark::State& s) { convert_offsets(s, lang, sentence_offsets); })
        ->Unit(benchmark::kMicrosecond);
  }
}

}  // namespace sokhan_bench
