#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sokhan/error.hpp"
#include "sokhan/unicode.hpp"
#include "sokhan/utf8.hpp"

using namespace sokhan;

namespace {

std::string from_hex_list(const std::string& field) {
  std::istringstream in(field);
  std::string hex, out;
  while (in >> hex) utf8::append(out, static_cast<char32_t>(std::stoul(hex, nullptr, 16)));
  return out;
}

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : line) {
    if (c == sep) { parts.push_back(cur); cur.clear(); }
    else cur += c;
  }
  parts.push_back(cur);
  return parts;
}

}  // namespace

// Unicode's conformance test, every line, with the invariants of its header; then every code
// point not listed in Part 1 must be unchanged by all four forms.
TEST(UnicodeNormalize, PassesNormalizationTestTxt) {
  const std::string path = std::string(SOKHAN_UNICODE_DATA_DIR) + "/NormalizationTest.txt.bz2";
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    std::fclose(f);
  } else {
    FAIL() << path << " is missing; install Debian's unicode-data package";
  }
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(("bzcat " + path).c_str(), "r"), pclose);
  ASSERT_TRUE(pipe) << "cannot run bzcat (Debian package bzip2)";
  std::string content;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe.get())) > 0) content.append(buf, n);

  auto nfc = [](const std::string& s) { return unicode_normalize(s, UnicodeForm::NFC); };
  auto nfd = [](const std::string& s) { return unicode_normalize(s, UnicodeForm::NFD); };
  auto nfkc = [](const std::string& s) { return unicode_normalize(s, UnicodeForm::NFKC); };
  auto nfkd = [](const std::string& s) { return unicode_normalize(s, UnicodeForm::NFKD); };

  std::istringstream lines(content);
  std::string line, part;
  std::set<char32_t> part1;
  std::size_t checked = 0, failures = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '@') { part = line.substr(0, line.find(' ')); continue; }
    auto fields = split(line.substr(0, line.find('#')), ';');
    ASSERT_GE(fields.size(), 5u) << line;
    std::string c[5];
    for (int k = 0; k < 5; ++k) c[k] = from_hex_list(fields[k]);
    if (part == "@Part1") part1.insert(static_cast<char32_t>(std::stoul(fields[0], nullptr, 16)));
    bool ok = true;
    for (int k = 0; k < 3; ++k) ok &= nfc(c[k]) == c[1] && nfd(c[k]) == c[2];
    for (int k = 3; k < 5; ++k) ok &= nfc(c[k]) == c[3] && nfd(c[k]) == c[4];
    for (int k = 0; k < 5; ++k) ok &= nfkc(c[k]) == c[3] && nfkd(c[k]) == c[4];
    if (!ok && ++failures < 10) ADD_FAILURE() << "NormalizationTest line fails: " << line;
    ++checked;
  }
  EXPECT_GT(checked, 18000u);
  EXPECT_EQ(failures, 0u);
  ASSERT_GT(part1.size(), 10000u);

  std::size_t invariant_checked = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || part1.count(cp)) continue;
    std::string s;
    utf8::append(s, cp);
    if (nfc(s) != s || nfd(s) != s || nfkc(s) != s || nfkd(s) != s) {
      if (++failures < 10) ADD_FAILURE() << "code point not invariant: U+" << std::hex << static_cast<unsigned>(cp);
    }
    ++invariant_checked;
  }
  EXPECT_EQ(failures, 0u);
  EXPECT_GT(invariant_checked, 1000000u);
}

TEST(UnicodeNormalize, RejectsUnknownFormAndBadUtf8) {
  EXPECT_EQ(parse_unicode_form("NFKD"), UnicodeForm::NFKD);
  try {
    parse_unicode_form("nfc");
    FAIL();
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(e.argument(), "form");
    EXPECT_NE(std::string(e.what()).find("'NFC'"), std::string::npos);
  }
  EXPECT_THROW(unicode_normalize("a\xFF", UnicodeForm::NFC), InvalidUtf8);
}

TEST(UnicodeNormalize, AlignedEditsMapBack) {
  // "e" + COMBINING ACUTE → "é": two code points become one; the ASCII around maps 1:1.
  const std::string in = "xe\xCC\x81y";
  AlignedText out = unicode_normalize_aligned(in, UnicodeForm::NFC, true);
  EXPECT_EQ(out.text, "x\xC3\xA9y");
  EXPECT_EQ(out.alignment.to_input(0, 1), (std::pair<std::size_t, std::size_t>{0, 1}));
  EXPECT_EQ(out.alignment.to_input(1, 3), (std::pair<std::size_t, std::size_t>{1, 4}));
  EXPECT_EQ(out.alignment.to_input(3, 4), (std::pair<std::size_t, std::size_t>{4, 5}));
  EXPECT_EQ(out.alignment.to_output(1, 2), (std::pair<std::size_t, std::size_t>{1, 3}));
}
