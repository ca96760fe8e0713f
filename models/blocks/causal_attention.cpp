#include "models/blocks/causal_attention.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "models/blocks/thread_split.h"
#include "runtime/core/error.h"
#include "runtime/kernels/linear.h"

namespace autoclass::blocks {
namespace {

// One (row, head) pair: scores = q·Kᵀ, masked softmax, · V.
void attend_one(const CausalAttentionShape& s, const KvCache& cache, std::int64_t layer, std::int64_t n_new,
                std::int64_t row, std::int64_t head, const float* q, std::int64_t ldq, float* out, std::int64_t ldo,
                std::vector<float>& scores) {
  const std::int64_t len = cache.length();
  const std::int64_t start = len - n_new;
  const std::int64_t kvh = head / (s.heads / s.kv_heads);
  const float* k = cache.keys(layer, row, kvh);
  const float* v = cache.values(layer, row, kvh);
  const std::uint8_t* valid = cache.valid(row);
  const float* qb = q + row * n_new * ldq + head * s.head_dim;
  float* ob = out + row * n_new * ldo + head * s.head_dim;
  // Grow only: resize() would zero-fill (and a fresh large block page-faults) on every call.
  if (scores.size() < static_cast<std::size_t>(n_new * len)) scores.resize(static_cast<std::size_t>(n_new * len));
  kernels::gemm(qb, k, scores.data(), n_new, len, s.head_dim, /*b_transposed=*/true, s.scale, 0.0f, ldq, s.head_dim, len);
  for (std::int64_t t = 0; t < n_new; ++t) {
    const std::int64_t i = start + t;
    const std::int64_t lo = s.sliding_window > 0 ? std::max<std::int64_t>(0, i - s.sliding_window + 1) : 0;
    float* sr = scores.data() + t * len;
    float mx = -std::numeric_limits<float>::infinity();
    for (std::int64_t j = lo; j <= i; ++j)
      if (valid[j]) mx = std::max(mx, sr[j]);
    if (mx == -std::numeric_limits<float>::infinity()) {
      std::fill(sr, sr + len, 0.0f);
      continue;
    }
    float sum = 0;
    for (std::int64_t j = 0; j < len; ++j) {
      const bool visible = j >= lo && j <= i && valid[j];
      sr[j] = visible ? std::exp(sr[j] - mx) : 0.0f;
      sum += sr[j];
    }
    const float inv = 1.0f / sum;
    for (std::int64_t j = lo; j <= i; ++j) sr[j] *= inv;
  }
  kernels::gemm(scores.data(), v, ob, n_new, s.head_dim, len, /*b_transposed=*/false, 1.0f, 0.0f, len, s.head_dim, ldo);
}

}  // namespace

void causal_attention(const CausalAttentionShape& s, const KvCache& cache, std::int64_t layer, std::int64_t n_new,
                      const float* q, std::int64_t ldq, float* out, std::int64_t ldo) {
  if (s.heads <= 0 || s.kv_heads <= 0 || s.heads % s.kv_heads != 0)
    throw Error(ErrorKind::kInvalidArgument, "attention: num_attention_heads " + std::to_string(s.heads) +
                                                 " is not a multiple of num_key_value_heads " + std::to_string(s.kv_heads));
  const std::int64_t pairs = cache.batch() * s.heads;
  // Threads only pay off when each pair does real work (prompts); a decode step stays on one thread.
  const std::int64_t work_per_pair = n_new * cache.length() * s.head_dim;
  const std::int64_t min_pairs = work_per_pair >= (1 << 14) ? 1 : pairs;
  split_across_threads(pairs, [&](std::int64_t begin, std::int64_t end) {
    thread_local std::vector<float> scores;  // reused across layers and steps
    for (std::int64_t p = begin; p < end; ++p)
      attend_one(s, cache, layer, n_new, p / s.heads, p % s.heads, q, ldq, out, ldo, scores);
  }, min_pairs);
}

}  // namespace autoclass::blocks
