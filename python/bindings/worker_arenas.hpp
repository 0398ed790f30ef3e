// Scratch memory for the workers of one batch call, from which the caller builds the results.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>

namespace sokhan::py_bind {

/// Each thread of a call bump-allocates from 1 MB blocks of its own, and reuses its oldest block
/// once the caller has delivered every document in it: the memory held is what the workers are
/// ahead of the delivery, not the whole batch. Why not malloc per document: the caller freed
/// what another worker had allocated, glibc makes such a free take that thread's arena lock,
/// which it holds for its own allocations, and on 2 cores the futex waits cost split_column
/// more than making its str objects.
class WorkerArenas {
 public:
  /// `bytes` (16-byte aligned) for document `doc`, from the calling thread's blocks (no GIL).
  void* allocate(std::size_t bytes, std::size_t doc) {
    bytes = rounded(bytes);
    Arena& a = mine();
    if (a.blocks.empty() || a.blocks.back().size - a.blocks.back().used < bytes) {
      const std::size_t done = delivered_.load(std::memory_order_acquire);
      if (!a.blocks.empty() && a.blocks.front().last_doc < done && a.blocks.front().size >= bytes) {
        a.blocks.push_back(std::move(a.blocks.front()));
        a.blocks.pop_front();
        a.blocks.back().used = 0;
      } else {
        const std::size_t size = std::max(kBlock, bytes);
        a.blocks.push_back(Block{std::unique_ptr<char[]>(new char[size]), size, 0, 0});
      }
    }
    Block& b = a.blocks.back();
    void* p = b.memory.get() + b.used;
    b.used += bytes;
    b.last_doc = doc;
    return p;
  }
  /// The calling thread's last allocation, of `allocated` bytes at `p`, keeps only `used`.
  void shrink(void* p, std::size_t allocated, std::size_t used) {
    Block& b = mine().blocks.back();
    allocated = rounded(allocated);
    if (static_cast<char*>(p) + allocated == b.memory.get() + b.used) b.used -= allocated - rounded(used);
  }
  /// Documents [0, docs) are delivered: the blocks holding only them may be reused.
  void delivered(std::size_t docs) noexcept { delivered_.store(docs, std::memory_order_release); }

 private:
  static constexpr std::size_t kBlock = std::size_t{1} << 20;
  static constexpr std::size_t rounded(std::size_t bytes) { return (bytes + 15) & ~std::size_t{15}; }
  struct Block {
    std::unique_ptr<char[]> memory;
    std::size_t size = 0, used = 0, last_doc = 0;
  };
  struct Arena {
    std::deque<Block> blocks;  // the oldest first; the last is being filled
  };

  Arena& mine() {
    // A thread of this call finds its arena without the lock after the first time; the call's
    // number (not its address, which a later call may reuse) says whether the cached one is ours.
    thread_local std::uint64_t cached_call = 0;
    thread_local Arena* cached = nullptr;
    if (cached_call != id_) {
      std::lock_guard<std::mutex> lock(mu_);
      cached = &arenas_.emplace_back();
      cached_call = id_;
    }
    return *cached;
  }
  static std::uint64_t next_id() {
    static std::atomic<std::uint64_t> last{0};
    return last.fetch_add(1, std::memory_order_relaxed) + 1;
  }

  const std::uint64_t id_ = next_id();
  std::atomic<std::size_t> delivered_{0};
  std::mutex mu_;
  std::deque<Arena> arenas_;
};

}  // namespace sokhan::py_bind
