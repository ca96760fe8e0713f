// The classes of the llama family (transformers/models/llama/modeling_llama.py, and the mistral / qwen2 /
// qwen3 copies): *ForCausalLM (decoder + lm_head), *Model (the decoder alone),
// *ForSequenceClassification (decoder + score on the last non-pad token).
#include "models/blocks/decoder_heads.h"
#include "models/blocks/weight_precision.h"
#include "models/llama/llama_decoder.h"
#include "models/llama/llama_family.h"
#include "runtime/core/error.h"

namespace autoclass::models::llama {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::int64_t num_labels_of(const ConfigView& c) {
  if (auto id2label = c.find("id2label"); id2label && id2label->is_object() && !id2label->empty())
    return static_cast<std::int64_t>(id2label->size());
  return c.get_int("num_labels", 2);
}

}  // namespace

std::unique_ptr<Model> create(const ModelRequest& request) {
  const LlamaSettings s = read_settings(request);
  const kernels::WeightPrecision precision = blocks::choose_weight_precision(request.config, request.weights);
  WeightReader reader(request, s.initializer_range);
  const std::string& arch = request.architecture;
  // Old checkpoints carry the RoPE frequency buffer; HF ignores it on load (and a tied lm_head copy).
  std::vector<std::string> ignored{"rotary_emb.inv_freq"};
  std::unique_ptr<Model> model;
  if (ends_with(arch, "ForCausalLM")) {
    reader.set_base_model_prefix("model", true);
    auto decoder = std::make_unique<LlamaDecoder>(s, request.config, reader, "model.", precision);
    Tensor head = s.tie_word_embeddings ? decoder->embed_tokens().table()
                                        : reader.take("lm_head.weight", {s.vocab_size, s.hidden}, Init::kNormal);
    if (s.tie_word_embeddings) ignored.push_back("lm_head.weight");
    model = blocks::make_causal_lm(arch, std::move(decoder), kernels::LinearWeight(head, Tensor(), precision));
  } else if (ends_with(arch, "ForSequenceClassification")) {
    reader.set_base_model_prefix("model", true);
    auto decoder = std::make_unique<LlamaDecoder>(s, request.config, reader, "model.", precision);
    const Tensor score = reader.take("score.weight", {num_labels_of(request.config), s.hidden}, Init::kNormal);
    std::optional<std::int64_t> pad;
    if (request.config.has("pad_token_id")) pad = request.config.get_int("pad_token_id");
    model = blocks::make_sequence_classifier(arch, std::move(decoder), kernels::LinearWeight(score, Tensor(), precision), pad);
  } else if (ends_with(arch, "Model")) {
    reader.set_base_model_prefix("model", false);
    model = blocks::make_base_model(arch, std::make_unique<LlamaDecoder>(s, request.config, reader, "", precision));
  } else {
    throw Error(ErrorKind::kUnsupported, "kernel family llama cannot build '" + arch +
                                             "' (it builds *ForCausalLM, *Model and *ForSequenceClassification)");
  }
  reader.finish(ignored);
  return model;
}

}  // namespace autoclass::models::llama
