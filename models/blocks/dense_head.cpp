// nn.Linear + activation, as used by transformers/models/bert/modeling_bert.py BertPooler,
// BertPredictionHeadTransform and the classifier heads of BERT / RoBERTa / DistilBERT / ELECTRA.
#include "models/blocks/dense_head.h"

#include <cstring>

namespace autoclass::blocks {

DenseLayer DenseLayer::load(WeightReader& reader, const std::string& name, std::int64_t in, std::int64_t out,
                            Activation activation, bool with_bias) {
  Tensor w = reader.take(name + ".weight", {out, in}, Init::kNormal);
  Tensor b = with_bias ? reader.take(name + ".bias", {out}, Init::kZeros) : Tensor();
  return DenseLayer(w, b, std::move(activation));
}

DenseLayer::DenseLayer(const Tensor& weight, const Tensor& bias, Activation activation)
    : linear_(weight, bias), activation_(std::move(activation)) {}

void DenseLayer::forward(const float* x, std::int64_t rows, float* y, std::int64_t ldx) const {
  linear_.forward(x, rows, y, ldx);
  activation_.apply(y, rows * linear_.out_features());
}

Tensor DenseLayer::forward(const float* x, std::int64_t rows, std::int64_t ldx) const {
  Tensor y(DType::kF32, {rows, linear_.out_features()});
  forward(x, rows, y.data_mut<float>(), ldx);
  return y;
}

Tensor first_token_rows(const float* hidden, std::int64_t batch, std::int64_t seq, std::int64_t dim) {
  Tensor out(DType::kF32, {batch, dim});
  for (std::int64_t b = 0; b < batch; ++b)
    std::memcpy(out.data_mut<float>() + b * dim, hidden + b * seq * dim, sizeof(float) * dim);
  return out;
}

}  // namespace autoclass::blocks
