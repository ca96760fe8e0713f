// The transformer MLP: out = W₂ · act(W₁ · x + b₁) + b₂ (BERT's intermediate + output dense,
// DistilBERT's ffn.lin1 / lin2). Residual and LayerNorm are the caller's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/blocks/activation.h"
#include "runtime/kernels/linear.h"
#include "runtime/model/weight_reader.h"

namespace autoclass::blocks {

class FeedForward {
 public:
  FeedForward() = default;
  // `up` / `down` are parameter names of the two nn.Linear layers ([inner, hidden] and [hidden, inner]).
  static FeedForward load(WeightReader& reader, const std::string& up, const std::string& down, std::int64_t hidden,
                          std::int64_t inner, Activation activation);

  // x: [rows, hidden] → out: [rows, hidden]. `scratch` is grown as needed and reused across calls.
  void forward(const float* x, std::int64_t rows, float* out, std::vector<float>& scratch) const;
  void forward(const float* x, std::int64_t rows, float* out) const;

 private:
  kernels::LinearWeight up_, down_;
  Activation activation_;
  kernels::Activation fused_ = kernels::Activation::kNone;  // activation_ when the GEMM can fuse it
};

}  // namespace autoclass::blocks
