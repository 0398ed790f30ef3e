#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
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

TEST(Parallel, RunsEveryItemOnceWhateverTheRuns) {
  // Workers take runs of up to 16 items: sizes around and between the run lengths.
  for (std::size_t n : {1u, 15u, 16u, 17u, 64u, 1023u, 2049u, 10007u}) {
    for (unsigned threads : {1u, 2u, 3u}) {
      std::vector<std::atomic<int>> hits(n);
      parallel_for(n, threads, [&](std::size_t i) { hits[i]++; });
      for (auto& h : hits) ASSERT_EQ(h.load(), 1) << n << " items, " << threads << " threads";
    }
  }
}

TEST(Parallel, StartsEveryWorkerWhenTheFirstOnesFinishAtOnce) {
  // Workers that finish before the others are started once made the caller wait forever (it
  // counted the threads to start against the number still running). Trivial jobs and many
  // threads make that ordering common; a hang fails the test instead of blocking ctest.
  auto rounds = std::async(std::launch::async, [] {
    for (int r = 0; r < 3000; ++r) {
      std::atomic<int> count{0};
      parallel_for(64, 8, [&](std::size_t) { count++; });
      if (count != 64) return false;
    }
    return true;
  });
  if (rounds.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
    std::fprintf(stderr, "parallel_for did not return: a worker was never started\n");
    std::abort();
  }
  EXPECT_TRUE(rounds.get());
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
