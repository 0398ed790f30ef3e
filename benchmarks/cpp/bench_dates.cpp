// Date extraction: Persian on the UD Persian text, English on the TBAQ news text, with a fixed
// reference date, and the batch call on 1 and 2 threads.
#include <optional>
#include <string>
#include <vector>

#include "inputs.hpp"
#include "sokhan/dates.hpp"

namespace sokhan_bench {

namespace {

using sokhan::CivilDate;
using sokhan::DateExtractor;
using sokhan::Lang;

constexpr CivilDate kReference{2015, 11, 25};

void many(benchmark::State& state, const std::string& lang, const DateExtractor& x,
          unsigned threads) {
  const Corpus& c = corpus(lang);
  const std::vector<std::optional<CivilDate>> refs(c.docs.size(), kReference);
  std::size_t bytes = 0;
  for (std::string_view d : c.docs) bytes += d.size();
  for (auto _ : state) benchmark::DoNotOptimize(x.extract_many(c.docs, refs, threads, {}, kValid));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(bytes));
  state.SetLabel(c.source);
}

}  // namespace

void register_date_benchmarks() {
  static const DateExtractor fa(Lang::Persian), en(Lang::English);
  // English dates run on news text (TBAQ), as the target says.
  for (const auto& [lang, corpus_name, x] :
       {std::tuple<std::string, std::string, const DateExtractor*>{"fa", "fa", &fa},
        {"en", "en_news", &en}}) {
    register_inputs("dates", corpus_name,
                    [x = x](std::string_view t) { return x->extract(t, kReference, kValid); });
    for (unsigned threads : {1u, 2u}) {
      benchmark::RegisterBenchmark(
          ("dates_many/" + corpus_name + "/threads:" + std::to_string(threads)).c_str(),
          [c = corpus_name, x = x, threads](benchmark::State& st) { many(st, c, *x, threads); })
          ->Unit(benchmark::kMicrosecond)
          ->UseRealTime();
    }
  }
}

}  // namespace sokhan_bench
