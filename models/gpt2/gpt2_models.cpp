// The classes of the gpt2 family (transformers/models/gpt2/modeling_gpt2.py): GPT2LMHeadModel (tied
// lm_head), GPT2Model, GPT2ForSequenceClassification (score on the last non-pad token).
#include "models/blocks/decoder_heads.h"
#include "models/blocks/weight_precision.h"
#include "models/gpt2/gpt2_decoder.h"
#include "models/gpt2/gpt2_family.h"
#include "runtime/core/error.h"

namespace autoclass::models::gpt2 {

std::unique_ptr<Model> create(const ModelRequest& request) {
  const Gpt2Settings s = read_settings(request.config);
  const kernels::WeightPrecision precision = blocks::choose_weight_precision(request.config, request.weights);
  WeightReader reader(request, s.initializer_range);
  const std::string& arch = request.architecture;
  // Causal-mask buffers of older checkpoints (HF's _keys_to_ignore_on_load_unexpected).
  std::vector<std::string> ignored{".attn.bias", ".attn.masked_bias"};
  std::unique_ptr<Model> model;
  if (arch == "GPT2LMHeadModel") {
    reader.set_base_model_prefix("transformer", true);
    auto decoder = std::make_unique<Gpt2Decoder>(s, reader, "transformer.", precision);
    Tensor head = s.tie_word_embeddings ? decoder->wte().table()
                                        : reader.take("lm_head.weight", {s.vocab_size, s.hidden}, Init::kNormal);
    if (s.tie_word_embeddings) ignored.push_back("lm_head.weight");
    model = blocks::make_causal_lm(arch, std::move(decoder), kernels::LinearWeight(head, Tensor(), precision));
  } else if (arch == "GPT2ForSequenceClassification") {
    reader.set_base_model_prefix("transformer", true);
    auto decoder = std::make_unique<Gpt2Decoder>(s, reader, "transformer.", precision);
    std::int64_t labels = request.config.get_int("num_labels", 2);
    if (auto id2label = request.config.find("id2label"); id2label && id2label->is_object() && !id2label->empty())
      labels = static_cast<std::int64_t>(id2label->size());
    const Tensor score = reader.take("score.weight", {labels, s.hidden}, Init::kNormal);
    std::optional<std::int64_t> pad;
    if (request.config.has("pad_token_id")) pad = request.config.get_int("pad_token_id");
    model = blocks::make_sequence_classifier(arch, std::move(decoder), kernels::LinearWeight(score, Tensor(), precision), pad);
  } else if (arch == "GPT2Model") {
    reader.set_base_model_prefix("transformer", false);
    model = blocks::make_base_model(arch, std::make_unique<Gpt2Decoder>(s, reader, "", precision));
  } else {
    throw Error(ErrorKind::kUnsupported, "kernel family gpt2 cannot build '" + arch +
                                             "' (it builds GPT2LMHeadModel, GPT2Model and GPT2ForSequenceClassification)");
  }
  reader.finish(ignored);
  return model;
}

}  // namespace autoclass::models::gpt2
