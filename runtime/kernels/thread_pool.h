// A small persistent thread pool for the dense primitives (and any kernel family that wants to split a
// loop): `num_threads()` threads in total, the caller being one of them, so nothing oversubscribes the
// cores. Nested or concurrent calls run inline on the calling thread instead of queueing.
#pragma once

#include <cstdint>
#include <type_traits>
#include <utility>

namespace autoclass::kernels {

// Runs fn(ctx, begin, end) over contiguous chunks of [0, n) (a few per thread, claimed dynamically;
// the calling thread works too). Every index is visited exactly once. If fn throws, the remaining
// chunks still run and the first exception is rethrown to the caller.
void parallel_for_raw(std::int64_t n, void (*fn)(void* ctx, std::int64_t begin, std::int64_t end), void* ctx);

// parallel_for(n, [&](int64_t begin, int64_t end) { ... }) — split of [0, n) over the pool.
template <class Fn>
void parallel_for(std::int64_t n, Fn&& fn) {
  using F = std::remove_reference_t<Fn>;
  parallel_for_raw(
      n, [](void* ctx, std::int64_t b, std::int64_t e) { (*static_cast<F*>(ctx))(b, e); },
      const_cast<void*>(static_cast<const void*>(&fn)));
}

namespace detail {
// Called by set_num_threads: resizes the pool (must not race with a running parallel_for).
void resize_pool(int threads);
}  // namespace detail

}  // namespace autoclass::kernels
