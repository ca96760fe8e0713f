// torch.nn.LayerNorm over the last dimension: y = (x - mean) / sqrt(var + eps) · weight + bias,
// with the biased variance, as HF's encoders use it (post-LN BERT, pre-LN ViT ...).
#pragma once

#include <cstdint>
#include <string>

#include "runtime/core/tensor.h"
#include "runtime/model/weight_reader.h"

namespace autoclass::blocks {

class LayerNorm {
 public:
  LayerNorm() = default;
  LayerNorm(Tensor weight, Tensor bias, float eps);
  // Reads "<name>.weight" (init ones) and "<name>.bias" (init zeros) of shape [dim].
  static LayerNorm load(WeightReader& reader, const std::string& name, std::int64_t dim, float eps);

  std::int64_t dim() const { return dim_; }
  // In place on `rows` contiguous rows of dim() floats.
  void apply(float* x, std::int64_t rows) const;
  // out = LayerNorm(x + residual), in place on x (the post-LN "add & norm").
  void apply_residual(float* x, const float* residual, std::int64_t rows) const;

 private:
  std::int64_t dim_ = 0;
  Tensor weight_, bias_;
  float eps_ = 1e-12f;
};

}  // namespace autoclass::blocks
