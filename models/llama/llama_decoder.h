// The LLaMA decoder stack (LlamaModel in transformers/models/llama/modeling_llama.py; MistralModel,
// Qwen2Model, Qwen3Model differ only as LlamaSettings says): embed_tokens → layers of
// (input_layernorm → self_attn → residual, post_attention_layernorm → mlp → residual) → norm.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/blocks/activation.h"
#include "models/blocks/causal_attention.h"
#include "models/blocks/decoder_heads.h"
#include "models/blocks/embedding.h"
#include "models/blocks/gated_mlp.h"
#include "models/blocks/kv_cache.h"
#include "models/blocks/rms_norm.h"
#include "models/blocks/rotary_embedding.h"
#include "models/llama/llama_settings.h"
#include "runtime/generation/causal_lm.h"
#include "runtime/kernels/linear.h"
#include "runtime/model/weight_reader.h"

namespace autoclass::models::llama {

struct LlamaLayer {
  blocks::RmsNorm input_norm, post_attention_norm;
  kernels::LinearWeight qkv;  // q_proj, k_proj, v_proj stacked: [(heads + 2·kv_heads)·head_dim, hidden]
  kernels::LinearWeight o_proj;
  blocks::RmsNorm q_norm, k_norm;  // qk_norm only
  blocks::GatedMlp mlp;
  blocks::CausalAttentionShape attention;
};

// Per-step buffers, allocated once per step and shared by the layers.
struct LlamaWorkspace {
  std::vector<float> h, qkv, attn, mlp_out, mlp_scratch;
};

class LlamaDecoder : public blocks::DecoderStack {
 public:
  // `prefix`: "model." when the class is a head model, "" for the base model.
  LlamaDecoder(const LlamaSettings& settings, const ConfigView& config, WeightReader& reader, const std::string& prefix,
               kernels::WeightPrecision precision);

  const LlamaSettings& settings() const { return s_; }
  const blocks::Embedding& embed_tokens() const { return embed_; }
  std::int64_t hidden_size() const override { return s_.hidden; }
  std::unique_ptr<blocks::KvCache> new_cache(std::int64_t batch, std::int64_t capacity) const override;
  std::vector<float> run(blocks::KvCache& cache, const DecodeStep& step, std::vector<float>* embeddings_out) const override;

 private:
  void layer_forward(const LlamaLayer& layer, std::int64_t index, blocks::KvCache& cache, std::int64_t start,
                     std::int64_t batch, std::int64_t n, const blocks::RopeTable& rope, float* x,
                     LlamaWorkspace& ws) const;

  LlamaSettings s_;
  blocks::Embedding embed_;
  std::vector<LlamaLayer> layers_;
  blocks::RmsNorm norm_;
  blocks::RotaryEmbedding rope_;
};

}  // namespace autoclass::models::llama
