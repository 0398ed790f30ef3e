// Build-time generator of the Normalizer's word sets (normalize/word_set.hpp): reads the word
// lists under cpp/data/normalize/ and writes a C++ file with each set's hash table, filter and
// key bytes as constants, laid out exactly as the library probes them.
//
// Usage: gen_word_sets DATA_DIR OUTPUT.cpp
#include <algorithm>
#include <cstdio>
#include <functional>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "data/tsv.hpp"
#include "normalize/word_set.hpp"
#include "sokhan/error.hpp"
#include "sokhan/utf8.hpp"

namespace {

using sokhan::Error;
using namespace sokhan::normalize;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("gen_word_sets: cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// One set being built: rows are added in file order and the first row of a key wins, as the
// word pass has always read the lists.
class SetBuilder {
 public:
  explicit SetBuilder(std::string name) : name_(std::move(name)) {}

  void add(std::string_view key, std::string_view value, std::string_view path, std::size_t line) {
    const auto where = [&] { return "cpp/data/" + std::string(path) + ":" + std::to_string(line) + ": "; };
    if (sokhan::utf8::find_invalid(key) || sokhan::utf8::find_invalid(value))
      throw Error(where() + "not valid UTF-8");
    if (key.size() > 0xFFFF || value.size() > 0xFFFF) throw Error(where() + "word too long");
    if (!seen_.emplace(key).second) return;
    if (text_.size() + key.size() + value.size() > 0xFFFFFFFFu) throw Error(where() + "word lists too large");
    hashes_.push_back(word_hash(key));
    entries_.push_back(WordEntry{word_tag(hashes_.back()), static_cast<std::uint32_t>(text_.size()),
                                 static_cast<std::uint16_t>(key.size()), static_cast<std::uint16_t>(value.size())});
    text_.append(key);
    text_.append(value);
    has_values_ = has_values_ || !value.empty();
  }

  void write(std::ostream& out) const {
    // The same insertion as a run-time build would do: linear probing from the hash's low bits.
    const std::size_t slot_count = this->slot_count();
    std::vector<std::uint32_t> slots(slot_count, 0);
    std::vector<std::uint64_t> filter(kWordFilterWords, 0);
    for (std::size_t k = 0; k < entries_.size(); ++k) {
      const std::uint64_t h = hashes_[k];
      const WordFilterProbe p = word_filter_probe(h);
      filter[p.word] |= p.mask;
      std::size_t s = h & (slot_count - 1);
      while (slots[s] != 0) s = (s + 1) & (slot_count - 1);
      slots[s] = static_cast<std::uint32_t>(k + 1);
    }

    // One entry (its key, then its value) per line.
    out << "constexpr char " << name_ << "_text[] =";
    for (const WordEntry& e : entries_) {
      out << "\n\"";
      for (const char ch : std::string_view(text_).substr(e.offset, e.key_size + e.value_size)) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
          out << '\\' << ch;
        } else if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\%03o", c);  // octal: never runs into the next byte
          out << buf;
        } else {
          out << ch;  // UTF-8 as it is (checked in add())
        }
      }
      out << '"';
    }
    out << (entries_.empty() ? " \"\";\n\n" : ";\n\n");

    out << "alignas(64) constexpr std::uint64_t " << name_ << "_filter[" << filter.size() << "] = {";
    for (std::size_t k = 0; k < filter.size(); ++k) {
      out << (k % 8 == 0 ? "\n" : "") << "0x" << std::hex << filter[k] << std::dec << "u,";
    }
    out << "\n};\n\n";

    out << "alignas(64) constexpr std::uint32_t " << name_ << "_slots[" << slots.size() << "] = {";
    for (std::size_t k = 0; k < slots.size(); ++k) out << (k % 16 == 0 ? "\n" : "") << slots[k] << ",";
    out << "\n};\n\n";

    out << "alignas(64) constexpr WordEntry " << name_ << "_entries[" << std::max<std::size_t>(entries_.size(), 1)
        << "] = {";
    for (std::size_t k = 0; k < entries_.size(); ++k) {
      const WordEntry& e = entries_[k];
      out << (k % 4 == 0 ? "\n" : "") << "{0x" << std::hex << e.hash_tag << std::dec << "u," << e.offset << ","
          << e.key_size << "," << e.value_size << "},";
    }
    out << "\n};\n\n";
  }

  void write_table(std::ostream& out, const char* symbol) const {
    // Declared extern in word_set.hpp, so these have external linkage.
    out << "constinit const WordSetTable " << symbol << "{" << name_ << "_text, " << name_ << "_filter, "
        << name_ << "_slots, " << name_ << "_entries, " << slot_count() << "u, " << entries_.size() << "u, "
        << (has_values_ ? "true" : "false") << "};\n";
  }

 private:
  // At most half full, so probe runs stay short.
  std::size_t slot_count() const {
    std::size_t n = 1024;
    while (n < 2 * entries_.size()) n *= 2;
    return n;
  }

  std::string name_;
  std::string text_;
  std::vector<WordEntry> entries_;
  std::vector<std::uint64_t> hashes_;  // of each entry's key
  std::unordered_set<std::string> seen_;
  bool has_values_ = false;
};

void read_rows(const std::string& dir, std::string_view path, std::size_t min_fields,
               const std::function<void(const std::vector<std::string_view>&, std::size_t)>& row) {
  const std::string content = read_file(dir + "/" + std::string(path));
  sokhan::data::for_each_row_in(content, path, min_fields, row);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: gen_word_sets DATA_DIR OUTPUT.cpp\n";
    return 2;
  }
  const std::string dir = argv[1];
  try {
    // The word pass probes one set for compounds and affixes together; an affix keeps its
    // marker even when the compound list has the same key.
    SetBuilder words("words"), verbs("verbs_after_mi"), adjectives("adjectives");
    read_rows(dir, "normalize/affixes.tsv", 3, [&](const auto& f, std::size_t line) {
      words.add(f[1], kAffixMarker, "normalize/affixes.tsv", line);
    });
    read_rows(dir, "normalize/compounds.tsv", 2, [&](const auto& f, std::size_t line) {
      words.add(f[0], f[1], "normalize/compounds.tsv", line);
    });
    read_rows(dir, "normalize/verb_after_mi.tsv", 1, [&](const auto& f, std::size_t line) {
      verbs.add(f[0], {}, "normalize/verb_after_mi.tsv", line);
    });
    read_rows(dir, "normalize/adjectives.tsv", 1, [&](const auto& f, std::size_t line) {
      adjectives.add(f[0], {}, "normalize/adjectives.tsv", line);
    });

    std::ostringstream out;
    out << "// Generated by cpp/tools/gen_word_sets.cpp from cpp/data/normalize/. Do not edit.\n"
           "#include \"normalize/word_set.hpp\"\n\n"
           "// Each set's text is one literal of megabytes; GCC and clang take it.\n"
           "#pragma GCC diagnostic ignored \"-Woverlength-strings\"\n\n"
           "namespace sokhan::normalize::generated {\n\nnamespace {\n\n";
    for (const SetBuilder* b : {&words, &verbs, &adjectives}) b->write(out);
    out << "}  // namespace\n\n";
    words.write_table(out, "kWords");
    verbs.write_table(out, "kVerbsAfterMi");
    adjectives.write_table(out, "kAdjectives");
    out << "\n}  // namespace sokhan::normalize::generated\n";

    std::ofstream file(argv[2], std::ios::binary);
    file << out.str();
    if (!file.flush()) throw Error(std::string("gen_word_sets: cannot write ") + argv[2]);
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
