// Follows transformers/models/bert/modeling_bert.py BertSelfAttention (eager, absolute positions)
// + BertSelfOutput.dense, and DistilBERT's MultiHeadSelfAttention (same math; q scaled first).
// HF adds (1 - mask)·finfo.min to the scores; for any real score that sum *is* finfo.min, so masked
// scores are set to it here, which reproduces HF exactly, including the uniform softmax of a
// fully masked row.
#include "models/blocks/encoder_attention.h"

#include <Eigen/Core>
#include <cmath>
#include <limits>

#include "models/blocks/thread_split.h"
#include "runtime/core/error.h"

namespace autoclass::blocks {
namespace {

Tensor concat_rows(const Tensor& a, const Tensor& b, const Tensor& c) {
  const std::int64_t cols = a.ndim() == 2 ? a.dim(1) : 1;
  Shape shape = a.ndim() == 2 ? Shape{a.dim(0) + b.dim(0) + c.dim(0), cols} : Shape{a.dim(0) + b.dim(0) + c.dim(0)};
  Tensor out(DType::kF32, shape);
  float* dst = out.data_mut<float>();
  for (const Tensor* t : {&a, &b, &c}) {
    const Tensor f = t->to(DType::kF32);
    std::copy(f.data<float>(), f.data<float>() + f.numel(), dst);
    dst += f.numel();
  }
  return out;
}

}  // namespace

EncoderSelfAttention EncoderSelfAttention::load(WeightReader& reader, const Names& names, std::int64_t hidden,
                                                std::int64_t heads) {
  if (heads <= 0 || hidden % heads != 0)
    throw Error(ErrorKind::kInvalidArgument, "hidden size " + std::to_string(hidden) +
                                                 " is not a multiple of the number of attention heads (" +
                                                 std::to_string(heads) + ")");
  EncoderSelfAttention a;
  a.hidden_ = hidden;
  a.heads_ = heads;
  a.head_dim_ = hidden / heads;
  auto w = [&](const std::string& n) { return reader.take(n + ".weight", {hidden, hidden}, Init::kNormal); };
  auto b = [&](const std::string& n) { return reader.take(n + ".bias", {hidden}, Init::kZeros); };
  Tensor wq = w(names.query), bq = b(names.query);
  Tensor wk = w(names.key), bk = b(names.key);
  Tensor wv = w(names.value), bv = b(names.value);
  a.qkv_ = kernels::LinearWeight(concat_rows(wq, wk, wv), concat_rows(bq, bk, bv));
  Tensor wo = w(names.output), bo = b(names.output);
  a.output_ = kernels::LinearWeight(wo, bo);
  return a;
}

void EncoderSelfAttention::forward(const float* x, std::int64_t batch, std::int64_t seq, const KeyMask& mask,
                                   float* out) const {
  std::vector<float> scratch;
  forward(x, batch, seq, mask, out, scratch);
}

void EncoderSelfAttention::forward(const float* x, std::int64_t batch, std::int64_t seq, const KeyMask& mask,
                                   float* out, std::vector<float>& scratch) const {
  const std::int64_t rows = batch * seq, h3 = 3 * hidden_;
  const auto needed = static_cast<std::size_t>(rows * (h3 + hidden_));
  if (scratch.size() < needed) scratch.resize(needed);
  float* qkv = scratch.data();             // [rows, 3·hidden]
  float* context = qkv + rows * h3;        // [rows, hidden]
  qkv_.forward(x, rows, qkv);
  const float scale = 1.0f / std::sqrt(static_cast<float>(head_dim_));
  const float masked = std::numeric_limits<float>::lowest();

  using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using Strided = Eigen::Map<const RowMat, 0, Eigen::OuterStride<>>;
  using StridedOut = Eigen::Map<RowMat, 0, Eigen::OuterStride<>>;

  // One task per (batch row, head): small GEMMs that don't parallelise well inside themselves.
  split_across_threads(batch * heads_, [&](std::int64_t begin, std::int64_t end) {
    RowMat scores(seq, seq);
    for (std::int64_t task = begin; task < end; ++task) {
      const std::int64_t b = task / heads_, h = task % heads_;
      const float* base = qkv + b * seq * h3 + h * head_dim_;
      Strided q(base, seq, head_dim_, Eigen::OuterStride<>(h3));
      Strided k(base + hidden_, seq, head_dim_, Eigen::OuterStride<>(h3));
      Strided v(base + 2 * hidden_, seq, head_dim_, Eigen::OuterStride<>(h3));
      scores.noalias() = q * k.transpose();
      for (std::int64_t i = 0; i < seq; ++i) {
        float* row = scores.data() + i * seq;
        const std::uint8_t* keep =
            mask.data ? mask.data + (mask.per_query ? (b * seq + i) * seq : b * seq) : nullptr;
        float mx = masked;
        for (std::int64_t j = 0; j < seq; ++j) {
          row[j] = (keep && !keep[j]) ? masked : row[j] * scale;
          mx = std::max(mx, row[j]);
        }
        Eigen::Map<Eigen::ArrayXf> r(row, seq);
        if (mx == masked) {  // every key masked: HF's softmax over equal scores is uniform
          r.setConstant(1.0f / static_cast<float>(seq));
          continue;
        }
        r = (r - mx).exp();
        r /= r.sum();
      }
      StridedOut ctx(context + b * seq * hidden_ + h * head_dim_, seq, head_dim_, Eigen::OuterStride<>(hidden_));
      ctx.noalias() = scores * v;
    }
  });
  output_.forward(context, rows, out);
}

}  // namespace autoclass::blocks
