// Runs fn(begin, end) over [0, n) split into contiguous parts on the kernels thread pool
// (runtime/kernels/thread_pool.h; the caller works too). For coarse work such as attention over
// batch×heads; the dense GEMMs parallelise inside runtime/kernels instead.
#pragma once

#include <cstdint>
#include <functional>

namespace autoclass::blocks {

// `min_per_thread`: don't split below this many items per thread (small inputs stay on one thread).
void split_across_threads(std::int64_t n, const std::function<void(std::int64_t, std::int64_t)>& fn,
                          std::int64_t min_per_thread = 1);

}  // namespace autoclass::blocks
