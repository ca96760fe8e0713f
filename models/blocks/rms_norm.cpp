#include "models/blocks/rms_norm.h"

#include <cmath>

#include "runtime/core/error.h"

namespace autoclass::blocks {

RmsNorm::RmsNorm(const Tensor& weight, float eps, float weight_offset) : eps_(eps) {
  if (weight.ndim() != 1) throw Error(ErrorKind::kInvalidArgument, "RMSNorm weight must be 1-D, got " + shape_string(weight.shape()));
  const Tensor w = weight.to(DType::kF32);
  weight_.assign(w.data<float>(), w.data<float>() + w.numel());
  for (float& v : weight_) v += weight_offset;
}

void RmsNorm::apply(const float* x, float* y, std::int64_t rows, std::int64_t ldx, std::int64_t ldy) const {
  const std::int64_t n = dim();
  if (ldx == 0) ldx = n;
  if (ldy == 0) ldy = n;
  for (std::int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * ldx;
    float* yr = y + r * ldy;
    // HF accumulates the mean in float32 via torch's reduction; a double sum is within its rounding.
    double sum = 0;
    for (std::int64_t i = 0; i < n; ++i) sum += static_cast<double>(xr[i]) * xr[i];
    const float inv = 1.0f / std::sqrt(static_cast<float>(sum / n) + eps_);
    for (std::int64_t i = 0; i < n; ++i) yr[i] = weight_[i] * (xr[i] * inv);
  }
}

}  // namespace autoclass::blocks
