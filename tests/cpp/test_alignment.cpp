#include <gtest/gtest.h>

#include "sokhan/alignment.hpp"

using namespace sokhan;
using Range = std::pair<std::size_t, std::size_t>;

TEST(Alignment, BuilderRecordsCopiesAndEdits) {
  // "aXXb" → "a-b": XX (bytes 1..3) replaced by "-".
  EditBuilder b("aXXb", true);
  b.copy(1);
  b.replace(2, "-");
  AlignedText t = std::move(b).finish();
  EXPECT_EQ(t.text, "a-b");
  ASSERT_EQ(t.alignment.segments().size(), 3u);
  EXPECT_EQ(t.alignment.to_input(1, 2), (Range{1, 3}));
  EXPECT_EQ(t.alignment.to_input(0, 3), (Range{0, 4}));
  EXPECT_EQ(t.alignment.to_input(2, 3), (Range{3, 4}));
  EXPECT_EQ(t.alignment.to_output(1, 2), (Range{1, 2}));  // half of XX maps to all of "-"
  EXPECT_EQ(t.alignment.to_output(3, 4), (Range{2, 3}));
}

TEST(Alignment, DeletionsAndInsertions) {
  // "ab_c" → "a b c"?  delete "_" and insert " " before it, and insert " " between a and b.
  EditBuilder b("ab_c", true);
  b.copy(1);
  b.replace(0, " ");
  b.copy(1);
  b.replace(1, "");
  b.replace(0, " ");
  AlignedText t = std::move(b).finish();
  EXPECT_EQ(t.text, "a b c");
  EXPECT_EQ(t.alignment.to_input(0, 5), (Range{0, 4}));
  EXPECT_EQ(t.alignment.to_input(2, 3), (Range{1, 2}));  // "b"
  EXPECT_EQ(t.alignment.to_input(4, 5), (Range{3, 4}));  // "c"
  // An inserted space is attributed to the character written before it.
  EXPECT_EQ(t.alignment.to_input(1, 2), (Range{0, 1}));
  EXPECT_EQ(t.alignment.to_output(0, 1), (Range{0, 2}));
  EXPECT_EQ(t.alignment.to_output(2, 3), (Range{3, 4}));  // "_" was replaced by " "
  EXPECT_EQ(t.alignment.to_output(0, 4), (Range{0, 5}));
}

TEST(Alignment, SameLengthSubstitutionStaysByteExact) {
  EditBuilder b("xyz", true);
  b.copy(1);
  b.substitute_same_length(1, "Y");
  AlignedText t = std::move(b).finish();
  EXPECT_EQ(t.text, "xYz");
  // Three byte-exact segments; only the middle one is an edit.
  ASSERT_EQ(t.alignment.segments().size(), 3u);
  for (const Segment& s : t.alignment.segments()) EXPECT_TRUE(s.copy);
  EXPECT_FALSE(t.alignment.segments()[0].changed);
  EXPECT_TRUE(t.alignment.segments()[1].changed);
  EXPECT_EQ(t.alignment.to_input(1, 2), (Range{1, 2}));
  EXPECT_EQ(t.alignment.to_input(0, 3), (Range{0, 3}));
}

TEST(Alignment, ComposesTwoEdits) {
  // first: "abc" → "aXc" (b→X, 1:1 bytes but a real edit: "b"→"XY"), second: "aXYc" → "aZc".
  EditBuilder first("abc", true);
  first.copy(1);
  first.replace(1, "XY");
  AlignedText one = std::move(first).finish();
  ASSERT_EQ(one.text, "aXYc");
  EditBuilder second(one.text, true);
  second.copy(2);  // "aX"
  second.replace(1, "Z");  // "Y" → "Z"
  AlignedText two = std::move(second).finish();
  ASSERT_EQ(two.text, "aXZc");
  Alignment all = two.alignment.after(one.alignment);
  EXPECT_EQ(all.output_size(), 4u);
  EXPECT_EQ(all.input_size(), 3u);
  EXPECT_EQ(all.to_input(0, 1), (Range{0, 1}));
  EXPECT_EQ(all.to_input(1, 2), (Range{1, 2}));  // X came from b
  EXPECT_EQ(all.to_input(2, 3), (Range{1, 2}));  // Z came from b too
  EXPECT_EQ(all.to_input(3, 4), (Range{2, 3}));
  EXPECT_EQ(all.to_output(1, 2), (Range{1, 3}));
}

TEST(Alignment, ComposeKeepsDeletedInputCovered) {
  EditBuilder first("a--b", true);
  first.copy(1);
  first.replace(2, "");
  AlignedText one = std::move(first).finish();
  EditBuilder second(one.text, true);
  second.copy(1);
  second.replace(0, "+");
  AlignedText two = std::move(second).finish();
  ASSERT_EQ(two.text, "a+b");
  Alignment all = two.alignment.after(one.alignment);
  EXPECT_EQ(all.input_size(), 4u);
  EXPECT_EQ(all.to_input(2, 3), (Range{3, 4}));
  EXPECT_EQ(all.to_input(0, 3), (Range{0, 4}));
  // Segments stay gap-free and monotonic.
  std::size_t out = 0, in = 0;
  for (const Segment& s : all.segments()) {
    EXPECT_EQ(s.out_begin, out);
    EXPECT_EQ(s.in_begin, in);
    out = s.out_end;
    in = s.in_end;
  }
}

TEST(Alignment, IdentityAndEmpty) {
  Alignment id = Alignment::identity(5);
  EXPECT_EQ(id.to_input(2, 4), (Range{2, 4}));
  Alignment empty;
  EXPECT_EQ(empty.to_input(0, 0), (Range{0, 0}));
  EXPECT_EQ(empty.to_output(0, 0), (Range{0, 0}));
}
