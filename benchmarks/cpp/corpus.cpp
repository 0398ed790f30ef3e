#include "corpus.hpp"

#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace sokhan_bench {

namespace {

std::string g_dir;

// Fallback documents: a short news-like paragraph per language, with the things each kernel
// works on (letter variants, split affixes, abbreviations, numbers, dates, times).
constexpr std::string_view kPersianDoc =
    "تهران - ایرنا: جلسه هيئت دولت روز دوشنبه ۲ آذر ۱۳۹۴ به رياست رئيس جمهور برگزار شد. "
    "در اين جلسه گزارش بودجه سال آينده بررسي شد و وزير اقتصاد گفت كه نرخ تورم در شش ماه "
    "گذشته به ۱۵٫۶ درصد رسيده است . او افزود: «كتاب ها و گزارش هاي اين وزارتخانه تا پايان "
    "اسفند منتشر مي شود.» نشست بعدی سه‌شنبه هفته آینده ساعت ۱۰ صبح در ساختمان شماره ۲ "
    "برگزار می‌شود؛ آیا تصمیم تازه‌ای گرفته خواهد شد؟ به گفته سخنگو، اوایل بهمن پارسال نیز "
    "چنین نشستی برگزار شده بود (ایسنا).";

constexpr std::string_view kEnglishDoc =
    "WASHINGTON (AP) - The Federal Reserve left interest rates unchanged on Wednesday, "
    "March 4, 2015, and said it expects growth to pick up in the second quarter. Officials "
    "will meet again next month. Dr. Smith, an economist at the U.S. Treasury, said prices "
    "rose 2.5% over the last 12 months! \"We are not there yet,\" she told reporters at 3:30 "
    "p.m. on Tuesday. Sales in the 1990s grew every year, according to the report.";

constexpr std::size_t kFallbackBytes = 1'000'000;
constexpr std::size_t kDocBytes = 10'000;

std::string builtin_text(std::string_view name) {
  const std::string_view doc = name == "fa" ? kPersianDoc : kEnglishDoc;
  std::string text;
  while (text.size() < kFallbackBytes) {
    if (!text.empty()) text += "\n\n";
    text += doc;
  }
  return text;
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = std::move(s).str();
  return true;
}

// The text's prefix of at most `max` bytes, cut at its last space (run.py cuts the same way
// when it writes *_10k.txt, so this only matters for the built-in text).
std::string prefix_at_space(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  const std::size_t cut = text.rfind(' ', max);
  return text.substr(0, cut == std::string::npos ? max : cut);
}

std::vector<std::string_view> split_docs(std::string_view text) {
  std::vector<std::string_view> docs;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) docs.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return docs;
}

Corpus load(std::string_view name) {
  Corpus c;
  std::string dir = g_dir;
  if (dir.empty()) {
    if (const char* env = std::getenv("SOKHAN_BENCH_CORPUS")) dir = env;
  }
  const std::string base = dir + "/" + std::string(name);
  if (!dir.empty() && read_file(base + ".txt", c.text)) {
    if (!read_file(base + "_10k.txt", c.doc_10k)) c.doc_10k = prefix_at_space(c.text, kDocBytes);
    c.source = base + ".txt";
  } else {
    c.text = builtin_text(name == "fa" ? "fa" : "en");
    c.doc_10k = prefix_at_space(c.text, kDocBytes);
    c.source = dir.empty() ? "built-in text" : "built-in text (" + base + ".txt not found)";
  }
  return c;
}

}  // namespace

void set_corpus_dir(std::string dir) { g_dir = std::move(dir); }

const Corpus& corpus(std::string_view name) {
  static std::mutex mu;
  static std::map<std::string, Corpus, std::less<>> loaded;
  std::lock_guard lock(mu);
  auto it = loaded.find(name);
  if (it == loaded.end()) {
    it = loaded.emplace(std::string(name), load(name)).first;
    it->second.docs = split_docs(it->second.text);  // views into the text where it now lives
  }
  return it->second;
}

}  // namespace sokhan_bench
