// 1-D convolutions (wav2vec2 feature encoder / positional conv, Whisper conv stem) on time-major activations ([time, channels] rows), as im2col + GEMM.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/kernels/linear.h"

namespace autoclass::blocks {

// nn.Conv1d(in, out, kernel, stride, groups) with weight [out, in / groups, kernel] and optional bias.
class Conv1d {
 public:
  Conv1d() = default;
  Conv1d(const Tensor& weight, const Tensor& bias, std::int64_t stride, std::int64_t groups);

  std::int64_t out_channels() const { return out_; }
  std::int64_t output_length(std::int64_t in_length) const { return (in_length - kernel_) / stride_ + 1; }
  // x: [t_in, in] → y: [output_length(t_in), out].
  void forward(const float* x, std::int64_t t_in, float* y) const;

 private:
  std::int64_t in_ = 0, out_ = 0, kernel_ = 0, stride_ = 1, groups_ = 1;
  std::vector<kernels::LinearWeight> group_weights_;  // per group: [out / groups, (in / groups) · kernel]
};

}  // namespace autoclass::blocks
