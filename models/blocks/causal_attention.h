// Causal self-attention over a KvCache, as HF's eager attention in transformers/models/llama/modeling_llama.py
// (repeat_kv for grouped-query heads, softmax in float32) with Mistral's sliding window
// (modeling_mistral.py: key j is visible from query slot i when i - window < j <= i).
#pragma once

#include <cstdint>

#include "models/blocks/kv_cache.h"

namespace autoclass::blocks {

struct CausalAttentionShape {
  std::int64_t heads = 0;
  std::int64_t kv_heads = 0;       // heads % kv_heads == 0; query head h reads kv head h / (heads / kv_heads)
  std::int64_t head_dim = 0;
  float scale = 1.0f;              // multiplies q·k (1/sqrt(head_dim) usually)
  std::int64_t sliding_window = 0; // 0: unlimited
};

// Attends the last `n_new` slots of `cache` (already holding this step's keys/values for `layer`) to
// every visible earlier slot. q: token (row b, step t) at q + (b*n_new + t)*ldq, head h at h*head_dim.
// out: same layout with stride ldo. A query that sees no valid key (a padding slot) yields zeros.
void causal_attention(const CausalAttentionShape& shape, const KvCache& cache, std::int64_t layer, std::int64_t n_new,
                      const float* q, std::int64_t ldq, float* out, std::int64_t ldo);

}  // namespace autoclass::blocks
