// The model classes every decoder-only family exposes, over a family's decoder stack:
// *ForCausalLM / *LMHeadModel (stack + lm_head; a CausalLM for generate()), the base *Model
// (last_hidden_state) and *ForSequenceClassification (score on each row's last non-pad token), as in
// transformers/models/llama/modeling_llama.py and gpt2/modeling_gpt2.py. All also emit hidden_states_0.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/blocks/kv_cache.h"
#include "runtime/generation/causal_lm.h"
#include "runtime/kernels/linear.h"

namespace autoclass::blocks {

// A family's embeddings + layers + final norm.
class DecoderStack {
 public:
  virtual ~DecoderStack() = default;
  virtual std::int64_t hidden_size() const = 0;
  virtual std::unique_ptr<KvCache> new_cache(std::int64_t batch, std::int64_t capacity) const = 0;
  // One step over `cache`: the final hidden states [batch·n, hidden] (row b·n + t); `embeddings_out`
  // (optional) receives the input of the first layer (HF hidden_states[0]).
  virtual std::vector<float> run(KvCache& cache, const DecodeStep& step, std::vector<float>* embeddings_out) const = 0;
};

std::unique_ptr<CausalLM> make_causal_lm(std::string class_name, std::unique_ptr<DecoderStack> stack,
                                         kernels::LinearWeight lm_head);
std::unique_ptr<Model> make_base_model(std::string class_name, std::unique_ptr<DecoderStack> stack);
std::unique_ptr<Model> make_sequence_classifier(std::string class_name, std::unique_ptr<DecoderStack> stack,
                                                kernels::LinearWeight score, std::optional<std::int64_t> pad_token_id);

}  // namespace autoclass::blocks
