// The texts the micro-benchmarks run on: the corpus files benchmarks/run.py writes (the UD and
// TBAQ development text, so C++ and Python time the same bytes), or a small built-in text when
// no corpus directory is given.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sokhan_bench {

/// One benchmark input: the whole text, its documents (split at blank lines) and a ~10 KB
/// document for the Python crossing-cost comparison.
struct Corpus {
  std::string text;
  std::vector<std::string_view> docs;  // views into `text`
  std::string doc_10k;
  std::string source;  // where it came from, shown as the benchmark label
};

/// Sets the directory holding fa.txt, en.txt, en_news.txt and their *_10k.txt documents.
/// Empty: $SOKHAN_BENCH_CORPUS if set, else the built-in text.
void set_corpus_dir(std::string dir);

/// The corpus called `name` ("fa", "en", "en_news"), read once on first use.
const Corpus& corpus(std::string_view name);

}  // namespace sokhan_bench
