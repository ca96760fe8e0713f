// torch.nn.LayerNorm (used by transformers/models/bert/modeling_bert.py BertSelfOutput / BertOutput /
// BertEmbeddings and their RoBERTa / DistilBERT / ELECTRA copies). Two-pass mean / variance in float
// with 16 fixed partial sums: vectorisable, accurate (~1e-7 relative), and, unlike Eigen's reductions,
// independent of the buffer's alignment, so equal inputs give bit-equal outputs wherever they live.
#include "models/blocks/layer_norm.h"

#include <Eigen/Core>
#include <cmath>

#include "runtime/core/error.h"

namespace autoclass::blocks {
namespace {

constexpr int kLanes = 16;

template <class F>
float lane_sum(const float* x, std::int64_t n, F term) {
  float acc[kLanes] = {};
  std::int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int l = 0; l < kLanes; ++l) acc[l] += term(x[i + l]);
  for (int l = 0; i < n; ++i, ++l) acc[l] += term(x[i]);
  float total = 0;
  for (int l = 0; l < kLanes; ++l) total += acc[l];
  return total;
}

}  // namespace

LayerNorm::LayerNorm(Tensor weight, Tensor bias, float eps)
    : dim_(weight.numel()), weight_(weight.to(DType::kF32)), bias_(bias.to(DType::kF32)), eps_(eps) {
  if (bias_.numel() != dim_)
    throw Error(ErrorKind::kInvalidArgument, "LayerNorm weight has " + std::to_string(dim_) + " values but bias has " +
                                                 std::to_string(bias_.numel()));
}

LayerNorm LayerNorm::load(WeightReader& reader, const std::string& name, std::int64_t dim, float eps) {
  Tensor w = reader.take(name + ".weight", {dim}, Init::kOnes);
  Tensor b = reader.take(name + ".bias", {dim}, Init::kZeros);
  return LayerNorm(std::move(w), std::move(b), eps);
}

void LayerNorm::apply(float* x, std::int64_t rows) const {
  using Vec = Eigen::Map<Eigen::ArrayXf>;
  using CVec = Eigen::Map<const Eigen::ArrayXf>;
  const CVec w(weight_.data<float>(), dim_), b(bias_.data<float>(), dim_);
  const float n = static_cast<float>(dim_);
  for (std::int64_t r = 0; r < rows; ++r) {
    float* row = x + r * dim_;
    const float mean = lane_sum(row, dim_, [](float a) { return a; }) / n;
    const float var = lane_sum(row, dim_, [mean](float a) { return (a - mean) * (a - mean); }) / n;
    Vec v(row, dim_);
    v -= mean;
    v = v * (1.0f / std::sqrt(var + eps_)) * w + b;
  }
}

void LayerNorm::apply_residual(float* x, const float* residual, std::int64_t rows) const {
  Eigen::Map<Eigen::ArrayXf>(x, rows * dim_) += Eigen::Map<const Eigen::ArrayXf>(residual, rows * dim_);
  apply(x, rows);
}

}  // namespace autoclass::blocks
