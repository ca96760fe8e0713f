// Kernel family `llama`: LLaMA-style decoders (RMSNorm, RoPE, grouped-query attention, gated MLP) —
// llama, mistral, qwen2, qwen3 and any type whose differences are schema options (schemas/_families/llama.json).
#pragma once

#include <memory>

#include "runtime/model/model.h"

namespace autoclass::models::llama {

// Builds LlamaForCausalLM / LlamaModel / LlamaForSequenceClassification and the same classes of the
// other model types (MistralForCausalLM, Qwen2Model, Qwen3ForSequenceClassification …).
std::unique_ptr<Model> create(const ModelRequest& request);

}  // namespace autoclass::models::llama
