// Normalization (default options, with and without the alignment), Unicode NFC, the batch call
// on 1 and 2 threads, and the passes one at a time (through option sets of the public API, so
// the split stays valid whatever the passes look like inside).
#include <string>
#include <utility>
#include <vector>

#include "inputs.hpp"
#include "sokhan/normalizer.hpp"
#include "sokhan/unicode.hpp"

namespace sokhan_bench {

namespace {

using sokhan::Normalizer;
using sokhan::NormalizerOptions;

NormalizerOptions all_off() {
  NormalizerOptions o;
  o.unicode_form = NormalizerOptions::Form::None;
  o.persian_letters = o.remove_diacritics = o.kashida = o.zwnj = o.repair_compounds = false;
  o.spacing = false;
  o.punctuation = NormalizerOptions::Punctuation::Keep;
  return o;
}

// Each default pass alone, beside all_off (only the copy every call makes): roughly where the
// default normalization spends its time.
std::vector<std::pair<std::string, NormalizerOptions>> pass_options() {
  NormalizerOptions nfc = all_off(), chars = all_off(), words = all_off(), spacing = all_off();
  nfc.unicode_form = NormalizerOptions::Form::NFC;
  chars.persian_letters = chars.remove_diacritics = chars.kashida = true;
  words.zwnj = words.repair_compounds = true;
  spacing.spacing = true;
  spacing.punctuation = NormalizerOptions::Punctuation::Persian;
  return {{"all_off", all_off()}, {"nfc", nfc}, {"chars", chars}, {"words", words},
          {"spacing", spacing}};
}

void many(benchmark::State& state, const std::string& lang, unsigned threads) {
  const Corpus& c = corpus(lang);
  const Normalizer n;
  std::size_t bytes = 0;
  for (std::string_view d : c.docs) bytes += d.size();
  for (auto _ : state) benchmark::DoNotOptimize(n.normalize_many(c.docs, threads, {}, kValid));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(bytes));
  state.SetLabel(c.source);
}

}  // namespace

void register_normalize_benchmarks() {
  static const Normalizer normalizer;  // built before any timing, shared like Python's
  for (const std::string lang : {"fa", "en"}) {
    register_inputs("normalize", lang,
                    [](std::string_view t) { return normalizer.normalize(t, kValid); });
    register_inputs("normalize_aligned", lang,
                    [](std::string_view t) { return normalizer.normalize_aligned(t, kValid); },
                    {Input::Whole, Input::Doc10k});
    register_inputs("unicode_nfc", lang,
                    [](std::string_view t) {
                      return sokhan::unicode_normalize_aligned(t, sokhan::UnicodeForm::NFC, false);
                    },
                    {Input::Whole, Input::Doc10k});
    for (unsigned threads : {1u, 2u}) {
      benchmark::RegisterBenchmark(
          ("normalize_many/" + lang + "/threads:" + std::to_string(threads)).c_str(),
          [lang, threads](benchmark::State& s) { many(s, lang, threads); })
          ->Unit(benchmark::kMicrosecond)
          ->UseRealTime();
    }
  }
  static const auto passes = [] {
    std::vector<std::pair<std::string, Normalizer>> v;
    for (auto& [name, options] : pass_options()) v.emplace_back(name, Normalizer(options));
    return v;
  }();
  for (const auto& [name, n] : passes) {
    register_inputs("normalize_pass_" + name, "fa",
                    [&n = n](std::string_view t) { return n.normalize(t, kValid); }, {Input::Whole});
  }
}

}  // namespace sokhan_bench
