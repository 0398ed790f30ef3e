// A per-call worker pool for batch APIs: no threads outlive the call, so fork() is always safe.
#pragma once

#include <cstddef>
#include <functional>

namespace sokhan {

/// Number of threads a batch of `n` items gets for a requested count (0 = all cores).
unsigned resolve_threads(unsigned requested, std::size_t n);

/// Runs job(i) for i in [0, n) on `threads` threads, the calling thread being one of them. The
/// calling thread calls `poll` about every 50 ms (between runs of items, then while it waits
/// for the others); if poll returns false, remaining items are skipped and sokhan::Cancelled is
/// thrown. The first exception thrown by a job is rethrown after all workers stop.
void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& job,
                  const std::function<bool()>& poll = {});

}  // namespace sokhan
