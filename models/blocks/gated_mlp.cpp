#include "models/blocks/gated_mlp.h"

#include <cstring>

namespace autoclass::blocks {
namespace {

Tensor stack_rows(const Tensor& a, const Tensor& b) {
  Tensor out(DType::kF32, {a.dim(0) + b.dim(0), a.numel() / a.dim(0)});
  std::memcpy(out.data_mut<float>(), a.data<float>(), a.nbytes());
  std::memcpy(out.data_mut<float>() + a.numel(), b.data<float>(), b.nbytes());
  return out;
}

}  // namespace

GatedMlp GatedMlp::load(WeightReader& reader, const std::string& prefix, std::int64_t hidden, std::int64_t inner,
                        Activation activation, bool bias, kernels::WeightPrecision precision) {
  GatedMlp m;
  m.hidden_ = hidden;
  m.inner_ = inner;
  m.activation_ = std::move(activation);
  const Tensor gate = reader.take(prefix + ".gate_proj.weight", {inner, hidden}, Init::kNormal);
  const Tensor up = reader.take(prefix + ".up_proj.weight", {inner, hidden}, Init::kNormal);
  Tensor gate_up_bias;
  Tensor down_bias;
  if (bias) {
    gate_up_bias = stack_rows(reader.take(prefix + ".gate_proj.bias", {inner}, Init::kZeros).reshaped({inner, 1}),
                              reader.take(prefix + ".up_proj.bias", {inner}, Init::kZeros).reshaped({inner, 1}))
                       .reshaped({2 * inner});
    down_bias = reader.take(prefix + ".down_proj.bias", {hidden}, Init::kZeros);
  }
  m.gate_up_ = kernels::LinearWeight(stack_rows(gate, up), gate_up_bias, precision);
  m.down_ = kernels::LinearWeight(reader.take(prefix + ".down_proj.weight", {hidden, inner}, Init::kNormal), down_bias, precision);
  return m;
}

void GatedMlp::forward(const float* x, std::int64_t rows, float* out, std::vector<float>& scratch) const {
  if (scratch.size() < static_cast<std::size_t>(rows * 2 * inner_)) scratch.resize(static_cast<std::size_t>(rows * 2 * inner_));
  gate_up_.forward(x, rows, scratch.data());
  for (std::int64_t r = 0; r < rows; ++r) {
    float* gate = scratch.data() + r * 2 * inner_;
    const float* up = gate + inner_;
    activation_.apply(gate, inner_);
    for (std::int64_t i = 0; i < inner_; ++i) gate[i] *= up[i];
  }
  down_.forward(scratch.data(), rows, out, 2 * inner_, 0);
}

}  // namespace autoclass::blocks
