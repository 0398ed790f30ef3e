#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "sokhan/error.hpp"
#include "sokhan/parallel.hpp"

using namespace sokhan;

TEST(Parallel, RunsEveryItemOnce) {
  std::vector<std::atomic<int>> hits(1000);
  parallel_for(hits.size(), 4, [&](std::size_t i) { hits[i]++; });
  for (auto& h : hits) EXPECT_EQ(h.load(), 1);
}

TEST(Parallel, RethrowsFirstError) {
  EXPECT_THROW(parallel_for(100, 2,
                            [](std::size_t i) {
                              if (i == 37) throw std::runtime_error("item 37");
                            }),
               std::runtime_error);
}

TEST(Parallel, PollCanCancel) {
  std::atomic<int> done{0};
  EXPECT_THROW(parallel_for(
                   100000, 2,
                   [&](std::size_t) {
                     std::this_thread::sleep_for(std::chrono::milliseconds(1));
                     done++;
                   },
                   [] { return false; }),
               Cancelled);
  EXPECT_LT(done.load(), 100000);
}

TEST(Parallel, ResolvesThreadCounts) {
  EXPECT_EQ(resolve_threads(8, 3), 3u);
  EXPECT_EQ(resolve_threads(1, 100), 1u);
  EXPECT_GE(resolve_threads(0, 100), 1u);
}
