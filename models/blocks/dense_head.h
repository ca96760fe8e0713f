// Small output heads built from nn.Linear layers: a dense layer with an optional activation
// (BertPooler = dense + tanh on the first token; RobertaClassificationHead = dense + tanh + out_proj;
// the MLM transform = dense + act + LayerNorm ...). Families compose these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "models/blocks/activation.h"
#include "runtime/core/tensor.h"
#include "runtime/kernels/linear.h"
#include "runtime/model/weight_reader.h"

namespace autoclass::blocks {

// y = act(W·x + b) with W: [out, in].
class DenseLayer {
 public:
  DenseLayer() = default;
  // Reads "<name>.weight" / "<name>.bias" (bias optional when `with_bias` is false).
  static DenseLayer load(WeightReader& reader, const std::string& name, std::int64_t in, std::int64_t out,
                         Activation activation = Activation("linear"), bool with_bias = true);
  // Uses a given weight (e.g. tied word embeddings [vocab, dim]) and bias.
  DenseLayer(const Tensor& weight, const Tensor& bias, Activation activation = Activation("linear"));

  std::int64_t in_features() const { return linear_.in_features(); }
  std::int64_t out_features() const { return linear_.out_features(); }
  // x: [rows, in] (row stride `ldx`, 0 = dense) → y: [rows, out].
  void forward(const float* x, std::int64_t rows, float* y, std::int64_t ldx = 0) const;
  Tensor forward(const float* x, std::int64_t rows, std::int64_t ldx = 0) const;  // [rows, out]

 private:
  kernels::LinearWeight linear_;
  Activation activation_;
};

// Rows [b, 0, :] of a [batch, seq, dim] buffer, as a [batch, dim] tensor (HF's hidden_states[:, 0]).
Tensor first_token_rows(const float* hidden, std::int64_t batch, std::int64_t seq, std::int64_t dim);

}  // namespace autoclass::blocks
