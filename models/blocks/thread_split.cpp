#include "models/blocks/thread_split.h"

#include <algorithm>
#include <exception>
#include <mutex>

#include "runtime/kernels/linear.h"
#include "runtime/kernels/thread_pool.h"

namespace autoclass::blocks {

void split_across_threads(std::int64_t n, const std::function<void(std::int64_t, std::int64_t)>& fn,
                          std::int64_t min_per_thread) {
  if (n <= 0) return;
  const std::int64_t parts = std::min<std::int64_t>(n, std::max<std::int64_t>(1, n / std::max<std::int64_t>(1, min_per_thread)));
  if (parts <= 1 || kernels::num_threads() <= 1) {
    fn(0, n);
    return;
  }
  // The kernels' persistent pool runs the parts; it needs a non-throwing callback, so the first
  // exception is kept and rethrown here on the caller's thread.
  std::exception_ptr error;
  std::mutex error_mutex;
  kernels::parallel_for(parts, [&](std::int64_t p0, std::int64_t p1) {
    try {
      fn(n * p0 / parts, n * p1 / parts);
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
    }
  });
  if (error) std::rethrow_exception(error);
}

}  // namespace autoclass::blocks
