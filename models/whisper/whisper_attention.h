// WhisperAttention (transformers/models/whisper/modeling_whisper.py): q/v/out projections with bias,
// k_proj without; used as encoder self-attention, causal decoder self-attention and cross-attention.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/kernels/linear.h"
#include "runtime/model/weight_reader.h"

namespace autoclass::models::whisper {

class WhisperAttention {
 public:
  WhisperAttention() = default;
  static WhisperAttention load(WeightReader& reader, const std::string& prefix, std::int64_t dim, std::int64_t heads);

  // q_in: [batch·tq, dim]; kv_in: [batch·tk, dim] (the same buffer for self-attention).
  // causal: query i sees keys j <= i + (tk - tq). out: [batch·tq, dim] after out_proj.
  void forward(const float* q_in, std::int64_t batch, std::int64_t tq, const float* kv_in, std::int64_t tk, bool causal,
               float* out) const;

 private:
  std::int64_t dim_ = 0, heads_ = 0, head_dim_ = 0;
  kernels::LinearWeight q_, k_, v_, out_;
};

}  // namespace autoclass::models::whisper
