// generate() for decoder-only models: HF's greedy search and multinomial sampling
// (transformers/generation/utils.py, _sample) with KV cache, left-padded batches, EOS / stop ids,
// pad filling after a row finishes, and a per-token streaming callback.
#pragma once

#include <cstdint>
#include <functional>

#include "runtime/core/tensor.h"
#include "runtime/generation/causal_lm.h"
#include "runtime/generation/generation_config.h"

namespace autoclass {

// Called for every new token of every unfinished row (the finishing EOS included); return false to stop.
using TokenCallback = std::function<bool(std::int64_t row, std::int64_t token_id)>;

struct GenerateOptions {
  // Extra stop ids besides config.eos_token_ids (HF's stop strings resolved to ids by the caller).
  std::vector<std::int64_t> stop_token_ids;
  TokenCallback on_token;
};

// input_ids: [batch, prompt] integers, left-padded when rows differ in length; attention_mask: same
// shape (empty Tensor: all ones, except pad_token_id positions when pad ≠ every EOS id, as HF infers). Returns [batch, prompt + generated] I64: the prompt then the new
// tokens, pad_token_id after a row has finished (as HF). Positions follow HF's generate:
// cumsum(attention_mask) - 1.
Tensor generate(CausalLM& model, const Tensor& input_ids, const Tensor& attention_mask, const GenerationConfig& config,
                const GenerateOptions& options = {});

}  // namespace autoclass
