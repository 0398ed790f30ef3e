#include "sokhan/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "sokhan/error.hpp"

namespace sokhan {

unsigned resolve_threads(unsigned requested, std::size_t n) {
  unsigned t = requested == 0 ? std::max(1u, std::thread::hardware_concurrency()) : requested;
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(t, n)));
}

void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& job,
                  const std::function<bool()>& poll) {
  if (n == 0) return;
  // On cache lines of their own: every run's fetch_add would evict `stop` from the other
  // workers' caches.
  alignas(64) std::atomic<std::size_t> next{0};
  alignas(64) std::atomic<bool> stop{false};
  std::exception_ptr first_error;
  std::mutex mu;
  std::condition_variable done_cv;
  unsigned running = resolve_threads(threads, n);
  // Workers take runs of neighbouring items: one shared counter per item, and the results of
  // items k and k+1 sharing cache lines, cost two threads a tenth of their time on 10k short
  // documents. Runs stay short enough (>= 64 per thread) to keep the threads evenly loaded.
  const std::size_t run = std::clamp<std::size_t>(n / (std::size_t{64} * running), 1, 16);

  bool cancelled = false;
  // Asks poll() whether to go on (the calling thread only); false stops the workers.
  auto ask = [&] {
    if (!poll || cancelled) return;
    bool go_on = false;
    try {
      go_on = poll();
    } catch (...) {
      std::lock_guard<std::mutex> lock(mu);
      if (!first_error) first_error = std::current_exception();
    }
    if (!go_on) {
      cancelled = true;
      stop = true;
    }
  };
  using Clock = std::chrono::steady_clock;
  constexpr auto kPollEvery = std::chrono::milliseconds(50);

  auto worker = [&](bool caller) {
    auto next_poll = Clock::now() + kPollEvery;
    for (;;) {
      if (stop.load(std::memory_order_relaxed)) break;
      const std::size_t first = next.fetch_add(run, std::memory_order_relaxed);
      if (first >= n) break;
      try {
        for (std::size_t i = first, last = std::min(n, first + run); i < last; ++i) job(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mu);
        if (!first_error) first_error = std::current_exception();
        stop = true;
      }
      if (caller && poll && Clock::now() >= next_poll) {
        ask();
        next_poll = Clock::now() + kPollEvery;
      }
    }
    std::lock_guard<std::mutex> lock(mu);
    if (--running == 0) done_cv.notify_all();
  };

  // The calling thread is one of the workers: it is already running on a core, so only the
  // others wait to be scheduled, and threads=1 starts no thread at all.
  // The thread count is copied first: a started worker may finish and decrement `running`
  // while later ones are still being started, and counting against it would start too few
  // (the caller then waited forever for workers that never existed).
  const unsigned workers = running;
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (unsigned t = 1; t < workers; ++t) {
    try {
      pool.emplace_back(worker, false);
    } catch (...) {
      // No thread to be had (a thread or memory limit): the threads already started and the
      // caller do the work; the ones never started must not be waited for.
      std::lock_guard<std::mutex> lock(mu);
      running -= workers - t;
      break;
    }
  }
  worker(true);
  {
    std::unique_lock<std::mutex> lock(mu);
    while (running > 0) {
      if (done_cv.wait_for(lock, kPollEvery, [&] { return running == 0; })) break;
      lock.unlock();
      ask();
      lock.lock();
    }
  }
  for (auto& t : pool) t.join();
  if (first_error) std::rethrow_exception(first_error);
  if (cancelled) throw Cancelled();
}

}  // namespace sokhan
