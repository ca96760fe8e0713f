// Follows transformers/models/bert/modeling_bert.py BertIntermediate + BertOutput.dense (and
// DistilBERT's FFN): two nn.Linear layers with the config's activation between them.
#include "models/blocks/feed_forward.h"

#include <vector>

#include "models/blocks/thread_split.h"

namespace autoclass::blocks {

FeedForward FeedForward::load(WeightReader& reader, const std::string& up, const std::string& down, std::int64_t hidden,
                              std::int64_t inner, Activation activation) {
  FeedForward f;
  Tensor wu = reader.take(up + ".weight", {inner, hidden}, Init::kNormal);
  Tensor bu = reader.take(up + ".bias", {inner}, Init::kZeros);
  f.up_ = kernels::LinearWeight(wu, bu);
  Tensor wd = reader.take(down + ".weight", {hidden, inner}, Init::kNormal);
  Tensor bd = reader.take(down + ".bias", {hidden}, Init::kZeros);
  f.down_ = kernels::LinearWeight(wd, bd);
  switch (activation.kind()) {
    case ActivationKind::kGelu: f.fused_ = kernels::Activation::kGelu; break;
    case ActivationKind::kGeluTanh: f.fused_ = kernels::Activation::kGeluTanh; break;
    case ActivationKind::kRelu: f.fused_ = kernels::Activation::kRelu; break;
    case ActivationKind::kLinear: break;
    default: f.fused_ = kernels::Activation::kNone; break;
  }
  f.activation_ = std::move(activation);
  return f;
}

void FeedForward::forward(const float* x, std::int64_t rows, float* out) const {
  std::vector<float> scratch;
  forward(x, rows, out, scratch);
}

void FeedForward::forward(const float* x, std::int64_t rows, float* out, std::vector<float>& mid) const {
  const std::int64_t inner = up_.out_features();
  if (mid.size() < static_cast<std::size_t>(rows * inner)) mid.resize(static_cast<std::size_t>(rows * inner));
  if (fused_ != kernels::Activation::kNone) {
    up_.forward(x, rows, mid.data(), fused_);  // activation in the GEMM epilogue
  } else {
    up_.forward(x, rows, mid.data());
    // Activations the kernels don't fuse are still a visible share of a layer; split them by rows.
    split_across_threads(
        rows, [&](std::int64_t r0, std::int64_t r1) { activation_.apply(mid.data() + r0 * inner, (r1 - r0) * inner); },
        16);
  }
  down_.forward(mid.data(), rows, out);
}

}  // namespace autoclass::blocks
