// RMSNorm as HF's LlamaRMSNorm (transformers/models/llama/modeling_llama.py): in float32,
// y = w ⊙ x / sqrt(mean(x²) + eps). `weight_offset` 1 gives Gemma's (1 + w) variant.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/core/tensor.h"

namespace autoclass::blocks {

class RmsNorm {
 public:
  RmsNorm() = default;
  RmsNorm(const Tensor& weight, float eps, float weight_offset = 0.0f);

  std::int64_t dim() const { return static_cast<std::int64_t>(weight_.size()); }
  // Normalises `rows` vectors of dim() floats; x and y may alias. ldx/ldy: row strides (0 = dim()).
  void apply(const float* x, float* y, std::int64_t rows, std::int64_t ldx = 0, std::int64_t ldy = 0) const;

 private:
  std::vector<float> weight_;
  float eps_ = 1e-6f;
};

}  // namespace autoclass::blocks
