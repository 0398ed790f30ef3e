#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sokhan/error.hpp"
#include "sokhan/normalizer.hpp"
#include "sokhan/utf8.hpp"

using namespace sokhan;

namespace {

std::string norm(const std::string& s, NormalizerOptions o = {}) { return Normalizer(o).normalize(s); }

}  // namespace

TEST(Normalizer, PersianLettersAndPresentationForms) {
  EXPECT_EQ(norm("علي كتاب"), "علی کتاب");
  EXPECT_EQ(norm("\uFEFB"), "\u0644\u0627");            // lam-alef ligature → two letters
  EXPECT_EQ(norm("\uFEE3\uFECC\uFEE0\uFEE2"), "معلم");  // presentation forms → letters
  NormalizerOptions off;
  off.persian_letters = false;
  EXPECT_EQ(norm("علي", off), "علي");
}

TEST(Normalizer, DiacriticsKeepHamzaAbove) {
  EXPECT_EQ(norm("کِتابٌ"), "کتاب");
  EXPECT_EQ(norm("خانهٔ"), "خانهٔ");
}

TEST(Normalizer, ZwnjCanonicalAndUseless) {
  EXPECT_EQ(norm("می\u200Dروم"), "می\u200Cروم");        // ZWJ between letters → ZWNJ
  EXPECT_EQ(norm("می\u200C\u200Cروم"), "می\u200Cروم");  // doubled
  EXPECT_EQ(norm("کتاب\u200C خوب"), "کتاب خوب");        // beside a space
  EXPECT_EQ(norm("آرزو\u200Cها"), "آرزوها");            // after a non-joining letter
}

TEST(Normalizer, AffixesAndCompounds) {
  EXPECT_EQ(norm("می شود"), "می\u200Cشود");
  EXPECT_EQ(norm("کتاب ها"), "کتاب\u200Cها");
  EXPECT_EQ(norm("رئیسجمهور"), "رئیس\u200Cجمهور");
  EXPECT_EQ(norm("همچنین"), "همچنین");
}

TEST(Normalizer, Spacing) {
  EXPECT_EQ(norm("سلام  ،  دنیا"), "سلام، دنیا");
  EXPECT_EQ(norm("( سلام )"), "(سلام)");
  EXPECT_EQ(norm("عدد 1.7 و 2,500"), "عدد 1.7 و 2,500");
}

TEST(Normalizer, AlignmentMapsEveryOutputRangeInsideOriginal) {
  const std::string in = "علي  كتاب‌ ها را می خواند ، خيلي خوب.";
  Normalizer n;
  AlignedText t = n.normalize_aligned(in);
  EXPECT_EQ(t.text, n.normalize(in));
  EXPECT_EQ(t.alignment.output_size(), t.text.size());
  EXPECT_EQ(t.alignment.input_size(), in.size());
  auto [b, e] = t.alignment.to_input(0, t.text.size());
  EXPECT_EQ(b, 0u);
  EXPECT_EQ(e, in.size());
}

TEST(Normalizer, RejectsInvalidUtf8AndBadOptions) {
  EXPECT_THROW(Normalizer().normalize("ab\xFF"), InvalidUtf8);
  EXPECT_THROW(parse_digits_option("roman"), InvalidArgument);
  EXPECT_EQ(parse_digits_option("persian"), NormalizerOptions::Digits::Persian);
}

TEST(Normalizer, ManyEqualsOneByOne) {
  std::vector<std::string> texts = {"علي", "می شود", "", "كتاب ها"};
  std::vector<std::string_view> views(texts.begin(), texts.end());
  Normalizer n;
  auto many = n.normalize_many(views, 2);
  for (std::size_t k = 0; k < texts.size(); ++k) EXPECT_EQ(many[k], n.normalize(texts[k]));
}
