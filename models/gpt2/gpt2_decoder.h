// The GPT-2 decoder stack (GPT2Model in transformers/models/gpt2/modeling_gpt2.py): wte + wpe → blocks of
// (ln_1 → attn (c_attn, c_proj) → residual, ln_2 → mlp (c_fc, act, c_proj) → residual) → ln_f.
// Conv1D weights are stored [in, out] and transposed once at load.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/blocks/activation.h"
#include "models/blocks/causal_attention.h"
#include "models/blocks/decoder_heads.h"
#include "models/blocks/embedding.h"
#include "models/blocks/layer_norm.h"
#include "runtime/config/config_view.h"
#include "runtime/kernels/linear.h"
#include "runtime/model/weight_reader.h"

namespace autoclass::models::gpt2 {

// GPT2Config by its own attribute names (n_embd …), falling back to the generic aliases (hidden_size …).
struct Gpt2Settings {
  std::int64_t vocab_size = 0, hidden = 0, layers = 0, heads = 0, positions = 0, inner = 0;
  double layer_norm_epsilon = 1e-5;
  std::string activation = "gelu_new";
  bool scale_attn_weights = true;
  bool scale_attn_by_inverse_layer_idx = false;
  bool tie_word_embeddings = true;
  double initializer_range = 0.02;
};
Gpt2Settings read_settings(const ConfigView& config);

struct Gpt2Block {
  blocks::LayerNorm ln_1, ln_2;
  kernels::LinearWeight c_attn, attn_proj, c_fc, mlp_proj;
  blocks::CausalAttentionShape attention;
};

// Per-step buffers, allocated once per step and shared by the blocks.
struct Gpt2Workspace {
  std::vector<float> h, qkv, attn, inner;
};

class Gpt2Decoder : public blocks::DecoderStack {
 public:
  // `prefix`: "transformer." for head models, "" for GPT2Model.
  Gpt2Decoder(const Gpt2Settings& settings, WeightReader& reader, const std::string& prefix, kernels::WeightPrecision precision);

  const Gpt2Settings& settings() const { return s_; }
  const blocks::Embedding& wte() const { return wte_; }
  std::int64_t hidden_size() const override { return s_.hidden; }
  std::unique_ptr<blocks::KvCache> new_cache(std::int64_t batch, std::int64_t capacity) const override;
  std::vector<float> run(blocks::KvCache& cache, const DecodeStep& step, std::vector<float>* embeddings_out) const override;

 private:
  void block_forward(const Gpt2Block& block, std::int64_t index, blocks::KvCache& cache, std::int64_t start,
                     std::int64_t batch, std::int64_t n, float* x, Gpt2Workspace& ws) const;

  Gpt2Settings s_;
  blocks::Embedding wte_, wpe_;
  std::vector<Gpt2Block> blocks_;
  blocks::LayerNorm ln_f_;
  blocks::Activation act_;
  kernels::Activation fused_act_ = kernels::Activation::kNone;
};

}  // namespace autoclass::models::gpt2
