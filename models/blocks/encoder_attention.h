// Bidirectional (non-causal) multi-head self-attention with a key padding mask, as BERT-style
// encoders use it: Q, K, V projections (fused into one GEMM), softmax(QKᵀ/√d + mask)·V per head,
// then the output projection. Residual and LayerNorm are the caller's (post-LN vs pre-LN differ).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/kernels/linear.h"
#include "runtime/model/weight_reader.h"

namespace autoclass::blocks {

// Which keys each query may attend to: mask[b, (query,) key] != 0. Empty = every key.
struct KeyMask {
  const std::uint8_t* data = nullptr;  // [batch, seq] or [batch, seq, seq]
  bool per_query = false;              // true for the 3-D [batch, query, key] form
};

class EncoderSelfAttention {
 public:
  // Parameter names of the four nn.Linear layers (".weight" / ".bias" are appended).
  struct Names {
    std::string query, key, value, output;
  };
  EncoderSelfAttention() = default;
  static EncoderSelfAttention load(WeightReader& reader, const Names& names, std::int64_t hidden, std::int64_t heads);

  std::int64_t hidden() const { return hidden_; }
  std::int64_t heads() const { return heads_; }

  // x: [batch·seq, hidden] → out: [batch·seq, hidden] (after the output projection). `scratch`
  // is grown as needed and reused across calls (no per-call allocation or page faults).
  void forward(const float* x, std::int64_t batch, std::int64_t seq, const KeyMask& mask, float* out,
               std::vector<float>& scratch) const;
  void forward(const float* x, std::int64_t batch, std::int64_t seq, const KeyMask& mask, float* out) const;

 private:
  std::int64_t hidden_ = 0, heads_ = 0, head_dim_ = 0;
  kernels::LinearWeight qkv_;     // [3·hidden, hidden]: query rows, then key, then value
  kernels::LinearWeight output_;  // [hidden, hidden]
};

}  // namespace autoclass::blocks
