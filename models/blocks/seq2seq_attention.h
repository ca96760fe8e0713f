// Multi-head attention of encoder–decoder transformers (T5Attention in transformers/models/t5/modeling_t5.py,
// BartAttention in transformers/models/bart/modeling_bart.py): separate q/k/v/o projections (bias
// optional), queries scaled after projection, an optional additive per-head bias (T5's relative
// positions), key padding, causal visibility, softmax in float32. Used for encoder self-attention,
// decoder self-attention over a growing cache and cross-attention over the encoder output.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/kernels/linear.h"
#include "runtime/model/weight_reader.h"

namespace autoclass::blocks {

// Where attention scores get an additive term: bias[h * head_stride + i * query_stride + j] for query i, key j.
struct AttentionBias {
  const float* data = nullptr;  // null: none
  std::int64_t head_stride = 0, query_stride = 0;
};

class Seq2SeqAttention {
 public:
  // Parameter names of the four nn.Linear layers ("<name>.weight", plus ".bias" when `with_bias`).
  struct Names {
    std::string q, k, v, o;
  };
  Seq2SeqAttention() = default;
  static Seq2SeqAttention load(WeightReader& reader, const Names& names, std::int64_t d_model, std::int64_t heads,
                               std::int64_t head_dim, bool with_bias, float query_scale);

  std::int64_t heads() const { return heads_; }
  std::int64_t head_dim() const { return head_dim_; }
  std::int64_t inner() const { return heads_ * head_dim_; }

  // [rows, d_model] → [rows, inner]: scaled queries; keys and values.
  void project_q(const float* x, std::int64_t rows, float* q) const;
  void project_kv(const float* x, std::int64_t rows, float* k, float* v) const;
  // [rows, inner] → [rows, d_model].
  void project_out(const float* context, std::int64_t rows, float* out) const;

  // One sequence: q [tq, inner], k / v [tk, inner] → context [tq, inner] (before project_out).
  // key_valid [tk] (null = all); query i sees key j only when j <= i + causal_offset (causal_offset < 0: no
  // causal limit, pass kNotCausal). A query that sees no key gets zeros.
  static constexpr std::int64_t kNotCausal = -1;
  void attend(const float* q, std::int64_t tq, const float* k, const float* v, std::int64_t tk, const AttentionBias& bias,
              const std::uint8_t* key_valid, std::int64_t causal_offset, float* context) const;

 private:
  std::int64_t heads_ = 0, head_dim_ = 0;
  float scale_ = 1.0f;
  kernels::LinearWeight q_, k_, v_, o_;
};

}  // namespace autoclass::blocks
