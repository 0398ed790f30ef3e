// Sentence splitting, Persian and English, and the batch call on 1 and 2 threads.
#include <string>

#include "inputs.hpp"
#include "sokhan/sentences.hpp"

namespace sokhan_bench {

namespace {

using sokhan::Lang;
using sokhan::SentenceSplitter;

void many(benchmark::State& state, const std::string& lang, const SentenceSplitter& s,
          unsigned threads) {
  const Corpus& c = corpus(lang);
  std::size_t bytes = 0;
  for (std::string_view d : c.docs) bytes += d.size();
  for (auto _ : state) benchmark::DoNotOptimize(s.split_many(c.docs, threads, {}, kValid));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(bytes));
  state.SetLabel(c.source);
}

}  // namespace

void register_sentence_benchmarks() {
  static const SentenceSplitter fa(Lang::Persian), en(Lang::English), automatic(Lang::Auto);
  for (const auto& [lang, splitter] :
       {std::pair<std::string, const SentenceSplitter*>{"fa", &fa}, {"en", &en}}) {
    register_inputs("split", lang, [s = splitter](std::string_view t) { return s->split(t, kValid); });
    register_inputs("split_auto", lang,
                    [](std::string_view t) { return automatic.split(t, kValid); }, {Input::Whole});
    for (unsigned threads : {1u, 2u}) {
      benchmark::RegisterBenchmark(
          ("split_many/" + lang + "/threads:" + std::to_string(threads)).c_str(),
          [lang = lang, s = splitter, threads](benchmark::State& st) { many(st, lang, *s, threads); })
          ->Unit(benchmark::kMicrosecond)
          ->UseRealTime();
    }
  }
}

}  // namespace sokhan_bench
