// nn.Conv1d as used by transformers/models/wav2vec2/modeling_wav2vec2.py (Wav2Vec2*ConvLayer,
// Wav2Vec2PositionalConvEmbedding) and the conv1/conv2 stem of modeling_whisper.py: the weight
// [out, in/groups, kernel] flattens to (channel, tap) columns, matching the im2col layout below, so
// each group is one GEMM.
#include "models/blocks/wav2vec2_conv1d.h"

#include <cstring>

#include "runtime/core/error.h"

namespace autoclass::blocks {

Conv1d::Conv1d(const Tensor& weight, const Tensor& bias, std::int64_t stride, std::int64_t groups)
    : stride_(stride), groups_(groups) {
  const Tensor w = weight.to(DType::kF32);
  if (w.ndim() != 3 || groups <= 0 || w.dim(0) % groups != 0 || stride <= 0)
    throw Error(ErrorKind::kInvalidArgument, "Conv1d weight " + shape_string(w.shape()) + " does not fit groups " +
                                                 std::to_string(groups));
  out_ = w.dim(0);
  in_ = w.dim(1) * groups;
  kernel_ = w.dim(2);
  const std::int64_t out_g = out_ / groups, cols = w.dim(1) * kernel_;
  const Tensor b = bias.empty() ? Tensor() : bias.to(DType::kF32);
  for (std::int64_t g = 0; g < groups; ++g) {
    Tensor wg(DType::kF32, {out_g, cols});
    std::memcpy(wg.data_mut<float>(), w.data<float>() + g * out_g * cols, sizeof(float) * out_g * cols);
    Tensor bg;
    if (!b.empty()) {
      bg = Tensor(DType::kF32, {out_g});
      std::memcpy(bg.data_mut<float>(), b.data<float>() + g * out_g, sizeof(float) * out_g);
    }
    group_weights_.emplace_back(wg, bg);
  }
}

void Conv1d::forward(const float* x, std::int64_t t_in, float* y) const {
  const std::int64_t t_out = output_length(t_in);
  if (t_out <= 0)
    throw Error(ErrorKind::kInvalidArgument, "Conv1d: input of " + std::to_string(t_in) + " frames is shorter than the kernel (" +
                                                 std::to_string(kernel_) + ")");
  const std::int64_t in_g = in_ / groups_, out_g = out_ / groups_, cols = in_g * kernel_;
  std::vector<float> columns(static_cast<std::size_t>(t_out * cols));
  for (std::int64_t g = 0; g < groups_; ++g) {
    for (std::int64_t t = 0; t < t_out; ++t) {
      float* col = columns.data() + t * cols;
      const float* src = x + t * stride_ * in_ + g * in_g;
      for (std::int64_t c = 0; c < in_g; ++c)
        for (std::int64_t k = 0; k < kernel_; ++k) col[c * kernel_ + k] = src[k * in_ + c];
    }
    group_weights_[g].forward(columns.data(), t_out, y + g * out_g, 0, out_);
  }
}

}  // namespace autoclass::blocks
