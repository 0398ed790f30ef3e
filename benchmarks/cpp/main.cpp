// sokhan_bench: Google Benchmark micro-benchmarks of every kernel of the core.
//
//   sokhan_bench [--corpus=DIR] [Google Benchmark flags]
//
// DIR (or $SOKHAN_BENCH_CORPUS) holds fa.txt, en.txt, en_news.txt and their *_10k.txt
// documents, as written by `benchmarks/run.py --write-corpus DIR`; without it every benchmark
// runs on a small built-in text (its label says which).
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "corpus.hpp"
#include "inputs.hpp"

int main(int argc, char** argv) {
  std::vector<char*> rest;  // our flag out, the rest for Google Benchmark
  for (int i = 0; i < argc; ++i) {
    constexpr const char* kFlag = "--corpus=";
    if (i > 0 && std::strncmp(argv[i], kFlag, std::strlen(kFlag)) == 0) {
      sokhan_bench::set_corpus_dir(argv[i] + std::strlen(kFlag));
    } else {
      rest.push_back(argv[i]);
    }
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_argc, rest.data())) return 1;
  sokhan_bench::register_text_benchmarks();
  sokhan_bench::register_normalize_benchmarks();
  sokhan_bench::register_sentence_benchmarks();
  sokhan_bench::register_date_benchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
