// Everything the llama family reads from a model config and the schema's kernel options, checked once.
// Follows LlamaConfig / MistralConfig / Qwen2Config / Qwen3Config attribute names.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/model/model.h"

namespace autoclass::models::llama {

struct LlamaSettings {
  std::int64_t vocab_size = 0, hidden = 0, layers = 0, heads = 0, kv_heads = 0, head_dim = 0, intermediate = 0;
  double rms_norm_eps = 1e-6;
  std::string hidden_act = "silu";
  bool attention_bias = false;   // q, k, v and o projections (LlamaConfig.attention_bias)
  bool qkv_bias = false;         // q, k, v only (option; Qwen2)
  bool mlp_bias = false;
  bool qk_norm = false;          // per-head RMSNorm on q and k before RoPE (option; Qwen3)
  bool tie_word_embeddings = false;
  std::vector<std::int64_t> sliding_window;  // per layer, 0 = full attention
  double initializer_range = 0.02;
};

// Option "sliding_window": "none" | "all_layers" (Mistral) | "qwen2" (layer_types, else
// use_sliding_window and layer ≥ max_window_layers) | "layer_types" (layer_types, else every layer).
LlamaSettings read_settings(const ModelRequest& request);

}  // namespace autoclass::models::llama
