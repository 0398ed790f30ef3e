// Shared by the benchmark files: how a kernel is run on a corpus and how it is registered.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "corpus.hpp"

namespace sokhan_bench {

/// Kernels are timed on input known to be valid UTF-8, as the Python binding calls them (a
/// Python str is valid by construction); validation has its own row, utf8_validate.
inline constexpr bool kValid = true;

/// What one iteration processes: the whole corpus in one call, every document in one call
/// each, or the single ~10 KB document (the crossing-cost comparison with Python).
enum class Input { Whole, Docs, Doc10k };

inline const char* input_name(Input in) {
  return in == Input::Whole ? "whole" : in == Input::Docs ? "docs" : "10k";
}

/// Runs `kernel(text)` over the input each iteration and reports MB/s of UTF-8 input.
template <class Kernel>
void run_kernel(benchmark::State& state, const Corpus& c, Input in, const Kernel& kernel) {
  std::size_t bytes = 0;
  if (in == Input::Whole) bytes = c.text.size();
  if (in == Input::Doc10k) bytes = c.doc_10k.size();
  if (in == Input::Docs)
    for (std::string_view d : c.docs) bytes += d.size();
  for (auto _ : state) {
    if (in == Input::Docs) {
      for (std::string_view d : c.docs) benchmark::DoNotOptimize(kernel(d));
    } else {
      benchmark::DoNotOptimize(kernel(in == Input::Whole ? std::string_view(c.text)
                                                         : std::string_view(c.doc_10k)));
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(bytes));
  state.SetLabel(c.source);
}

/// Registers "<kernel>/<lang>/<input>" for each input, running `kernel` on corpus `lang`.
template <class Kernel>
void register_inputs(const std::string& kernel_name, const std::string& lang, Kernel kernel,
                     std::initializer_list<Input> inputs = {Input::Whole, Input::Docs,
                                                            Input::Doc10k}) {
  for (Input in : inputs) {
    benchmark::RegisterBenchmark(
        (kernel_name + "/" + lang + "/" + input_name(in)).c_str(),
        [lang, in, kernel](benchmark::State& state) {
          run_kernel(state, corpus(lang), in, kernel);
        })
        ->Unit(benchmark::kMicrosecond);
  }
}

void register_text_benchmarks();
void register_normalize_benchmarks();
void register_sentence_benchmarks();
void register_date_benchmarks();

}  // namespace sokhan_bench
