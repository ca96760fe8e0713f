#include "models/blocks/seq2seq_attention.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace autoclass::blocks {

Seq2SeqAttention Seq2SeqAttention::load(WeightReader& reader, const Names& names, std::int64_t d_model, std::int64_t heads,
                                        std::int64_t head_dim, bool with_bias, float query_scale) {
  Seq2SeqAttention a;
  a.heads_ = heads;
  a.head_dim_ = head_dim;
  a.scale_ = query_scale;
  const std::int64_t inner = heads * head_dim;
  auto linear = [&](const std::string& name, std::int64_t out, std::int64_t in) {
    Tensor w = reader.take(name + ".weight", {out, in}, Init::kNormal);
    Tensor b = with_bias ? reader.take(name + ".bias", {out}, Init::kZeros) : Tensor();
    return kernels::LinearWeight(w, b);
  };
  a.q_ = linear(names.q, inner, d_model);
  a.k_ = linear(names.k, inner, d_model);
  a.v_ = linear(names.v, inner, d_model);
  a.o_ = linear(names.o, d_model, inner);
  return a;
}

void Seq2SeqAttention::project_q(const float* x, std::int64_t rows, float* q) const {
  q_.forward(x, rows, q);
  if (scale_ != 1.0f)
    for (std::int64_t i = 0; i < rows * inner(); ++i) q[i] *= scale_;
}

void Seq2SeqAttention::project_kv(const float* x, std::int64_t rows, float* k, float* v) const {
  k_.forward(x, rows, k);
  v_.forward(x, rows, v);
}

void Seq2SeqAttention::project_out(const float* context, std::int64_t rows, float* out) const { o_.forward(context, rows, out); }

void Seq2SeqAttention::attend(const float* q, std::int64_t tq, const float* k, const float* v, std::int64_t tk,
                              const AttentionBias& bias, const std::uint8_t* key_valid, std::int64_t causal_offset,
                              float* context) const {
  const std::int64_t ld = inner();
  std::vector<float> scores(static_cast<std::size_t>(tq * tk));
  for (std::int64_t h = 0; h < heads_; ++h) {
    const std::int64_t off = h * head_dim_;
    kernels::gemm(q + off, k + off, scores.data(), tq, tk, head_dim_, /*b_transposed=*/true, 1.0f, 0.0f, ld, ld, tk);
    for (std::int64_t i = 0; i < tq; ++i) {
      float* row = scores.data() + i * tk;
      const float* b = bias.data ? bias.data + h * bias.head_stride + i * bias.query_stride : nullptr;
      float max = -std::numeric_limits<float>::infinity();
      for (std::int64_t j = 0; j < tk; ++j) {
        const bool visible = (!key_valid || key_valid[j]) && (causal_offset < 0 || j <= i + causal_offset);
        row[j] = visible ? (b ? row[j] + b[j] : row[j]) : -std::numeric_limits<float>::infinity();
        max = std::max(max, row[j]);
      }
      if (max == -std::numeric_limits<float>::infinity()) {
        std::fill(row, row + tk, 0.0f);
        continue;
      }
      double sum = 0;
      for (std::int64_t j = 0; j < tk; ++j) {
        row[j] = std::exp(row[j] - max);
        sum += row[j];
      }
      const float inv = static_cast<float>(1.0 / sum);
      for (std::int64_t j = 0; j < tk; ++j) row[j] *= inv;
    }
    kernels::gemm(scores.data(), v + off, context + off, tq, head_dim_, tk, /*b_transposed=*/false, 1.0f, 0.0f, tk, ld, ld);
  }
}

}  // namespace autoclass::blocks
