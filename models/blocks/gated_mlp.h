// The gated MLP of LLaMA-style decoders (LlamaMLP in transformers/models/llama/modeling_llama.py):
// down_proj(act(gate_proj(x)) ⊙ up_proj(x)); SwiGLU when act is silu.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/blocks/activation.h"
#include "runtime/kernels/linear.h"
#include "runtime/model/weight_reader.h"

namespace autoclass::blocks {

class GatedMlp {
 public:
  GatedMlp() = default;
  // Reads "<prefix>.gate_proj", "<prefix>.up_proj" ([inner, hidden]) and "<prefix>.down_proj" ([hidden, inner]),
  // with biases when `bias`.
  static GatedMlp load(WeightReader& reader, const std::string& prefix, std::int64_t hidden, std::int64_t inner,
                       Activation activation, bool bias, kernels::WeightPrecision precision);

  std::int64_t inner() const { return inner_; }
  // x: [rows, hidden] → out: [rows, hidden]; `scratch` is resized as needed and reused across calls.
  void forward(const float* x, std::int64_t rows, float* out, std::vector<float>& scratch) const;

 private:
  std::int64_t hidden_ = 0, inner_ = 0;
  kernels::LinearWeight gate_up_;  // gate and up stacked: [2·inner, hidden], one pass over x
  kernels::LinearWeight down_;
  Activation activation_;
};

}  // namespace autoclass::blocks
