// Rotary position embedding as HF's LlamaRotaryEmbedding + apply_rotary_pos_emb
// (transformers/models/llama/modeling_llama.py, modeling_rope_utils.py): the "rotate_half" layout, where
// dimension i pairs with i + rotary_dim/2. rope_scaling types: default, linear, dynamic (NTK), llama3, yarn.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/config/config_view.h"

namespace autoclass::blocks {

// cos/sin of every (token, frequency) for one forward step, shared by all layers.
struct RopeTable {
  std::int64_t half = 0;   // rotary_dim / 2
  std::vector<float> cos;  // [tokens, half]
  std::vector<float> sin;  // [tokens, half]
};

class RotaryEmbedding {
 public:
  RotaryEmbedding() = default;
  // Reads rope_theta, rope_scaling (rope_type or legacy type; or transformers 5's rope_parameters),
  // partial_rotary_factor and max_position_embeddings; `head_dim` is the per-head width. Unknown rope types are kUnsupported.
  static RotaryEmbedding from_config(const ConfigView& config, std::int64_t head_dim);

  std::int64_t rotary_dim() const { return rotary_dim_; }
  const std::string& rope_type() const { return type_; }

  // The table for `positions` (one per token). Dynamic NTK scaling depends on the largest position of
  // the call, as HF's _dynamic_frequency_update does.
  RopeTable table(const std::int64_t* positions, std::int64_t count) const;
  // Rotates `heads` vectors (stride `head_stride` floats apart) of one token in place.
  static void apply(const RopeTable& table, std::int64_t token, float* x, std::int64_t heads, std::int64_t head_stride);

  // The inverse frequencies used for a call whose largest position + 1 is `seq_len`.
  std::vector<float> inv_freq(std::int64_t seq_len) const;

 private:
  std::string type_ = "default";
  std::int64_t rotary_dim_ = 0;
  double base_ = 10000.0;
  double factor_ = 1.0;
  std::int64_t max_positions_ = 0;           // max_position_embeddings (dynamic threshold)
  std::vector<float> inv_freq_;              // static frequencies (all types but dynamic)
  float attention_scaling_ = 1.0f;           // yarn's mscale, multiplies cos and sin
};

}  // namespace autoclass::blocks
