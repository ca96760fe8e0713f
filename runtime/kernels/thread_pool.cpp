// Persistent workers that spin briefly (consecutive layers follow each other within microseconds) and
// then sleep on an atomic wait, so an idle process does not burn a core.
#include "runtime/kernels/thread_pool.h"

#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "runtime/kernels/linear.h"

namespace autoclass::kernels {
namespace {

constexpr auto kSpin = std::chrono::microseconds(200);

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// Spins on `a` until it differs from `old` (or for kSpin), then blocks in atomic::wait.
template <class T>
T wait_change(const std::atomic<T>& a, T old) {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0;; ++i) {
    T v = a.load(std::memory_order_acquire);
    if (v != old) return v;
    cpu_relax();
    if ((i & 255) == 255 && std::chrono::steady_clock::now() - start > kSpin) break;
  }
  for (;;) {
    a.wait(old, std::memory_order_acquire);
    T v = a.load(std::memory_order_acquire);
    if (v != old) return v;
  }
}

thread_local bool t_inside_job = false;

// Work is handed out as chunks claimed from an atomic counter, and the caller claims too: if a worker is
// descheduled (another process on the core) the caller simply does its chunks, and never waits for a
// worker that has not started. A worker only touches the job while `active_` counts it and `open_` is
// set, so the caller can reuse the job slot once it has seen active_ == 0.
class Pool {
 public:
  explicit Pool(int threads) : threads_(threads) {
    for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { worker(); });
  }
  ~Pool() {
    stop_.store(true);
    generation_.fetch_add(1);
    generation_.notify_all();
    for (auto& w : workers_) w.join();
  }
  int threads() const { return threads_; }

  // Returns false when the pool is busy (another caller), so the caller runs inline.
  bool run(std::int64_t n, void (*fn)(void*, std::int64_t, std::int64_t), void* ctx) {
    std::unique_lock<std::mutex> lock(busy_, std::try_to_lock);
    if (!lock.owns_lock()) return false;
    while (active_.load() != 0) cpu_relax();  // a late worker of the previous job is leaving
    // A few chunks per thread balance uneven progress; contiguous chunks keep weight streams sequential.
    const std::int64_t chunks = n < 4 * threads_ ? n : 4 * threads_;
    n_ = n;
    chunks_ = chunks;
    fn_ = fn;
    ctx_ = ctx;
    next_.store(0);
    done_.store(0);
    open_.store(true);
    generation_.fetch_add(1);
    generation_.notify_all();
    claim_chunks();
    open_.store(false);
    for (std::int64_t d = done_.load(); d != chunks;) d = wait_change(done_, d);
    if (error_) {  // every chunk has finished; hand the first failure to the caller
      std::exception_ptr e = std::exchange(error_, nullptr);
      std::rethrow_exception(e);
    }
    return true;
  }

 private:
  void claim_chunks() {
    t_inside_job = true;
    for (std::int64_t c = next_.fetch_add(1); c < chunks_; c = next_.fetch_add(1)) {
      try {
        fn_(ctx_, n_ * c / chunks_, n_ * (c + 1) / chunks_);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex_);
        if (!error_) error_ = std::current_exception();
      }
      if (done_.fetch_add(1) + 1 == chunks_) done_.notify_all();
    }
    t_inside_job = false;
  }
  void worker() {
    std::uint64_t seen = 0;
    for (;;) {
      seen = wait_change(generation_, seen);
      if (stop_.load()) return;
      active_.fetch_add(1);
      if (open_.load()) claim_chunks();
      active_.fetch_sub(1);
    }
  }

  const int threads_;
  std::vector<std::thread> workers_;
  std::mutex busy_;
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<std::int64_t> next_{0}, done_{0};
  std::atomic<int> active_{0};
  std::atomic<bool> open_{false}, stop_{false};
  std::mutex error_mutex_;
  std::exception_ptr error_;
  std::int64_t n_ = 0, chunks_ = 0;
  void (*fn_)(void*, std::int64_t, std::int64_t) = nullptr;
  void* ctx_ = nullptr;
};

std::mutex g_pool_mutex;
std::shared_ptr<Pool> g_pool;

std::shared_ptr<Pool> current_pool() {
  num_threads();  // applies AUTOCLASS_NUM_THREADS on first use
  std::lock_guard<std::mutex> lock(g_pool_mutex);
  return g_pool;
}

}  // namespace

namespace detail {
void resize_pool(int threads) {
  std::lock_guard<std::mutex> lock(g_pool_mutex);
  if (g_pool && g_pool->threads() == threads) return;
  g_pool.reset();  // joins the old workers
  if (threads > 1) g_pool = std::make_shared<Pool>(threads);
}
}  // namespace detail

void parallel_for_raw(std::int64_t n, void (*fn)(void*, std::int64_t, std::int64_t), void* ctx) {
  if (n <= 0) return;
  if (n == 1 || t_inside_job) return fn(ctx, 0, n);
  std::shared_ptr<Pool> pool = current_pool();
  if (!pool || !pool->run(n, fn, ctx)) fn(ctx, 0, n);
}

}  // namespace autoclass::kernels
