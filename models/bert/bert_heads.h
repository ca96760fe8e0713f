// The task heads of the bert family, as chains of dense stages applied either to every token
// (masked LM, token classification, QA, ELECTRA discriminator) or to one vector per sequence
// (the pooler output or the first token: sequence classification, multiple choice).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/blocks/dense_head.h"
#include "models/blocks/embedding.h"
#include "models/blocks/layer_norm.h"
#include "models/bert/bert_options.h"

namespace autoclass::models::bert {

enum class Task { kBase, kMaskedLM, kSequenceClassification, kTokenClassification, kQuestionAnswering,
                  kMultipleChoice, kPreTraining };

// "BertForMaskedLM" -> kMaskedLM, "XLMRobertaModel" -> kBase ...; throws kUnsupported for others.
Task task_of(const std::string& architecture);
// Whether HF builds this class's base model with add_pooling_layer=True.
bool task_uses_pooler(Task task, const BertOptions& opt);

class BertHead {
 public:
  // `word_embeddings` is the table an MLM decoder ties to.
  BertHead(WeightReader& reader, const BertOptions& opt, Task task, const ConfigView& config,
           const blocks::Embedding& word_embeddings);

  // hidden: [batch·seq, hidden]; pooled: [batch, hidden] or empty. `choices` > 0 for multiple choice
  // (batch = examples·choices). Adds "logits" or "start_logits"/"end_logits" to `out`.
  void forward(const Tensor& hidden, const Tensor& pooled, std::int64_t batch, std::int64_t seq, std::int64_t choices,
               TensorMap& out) const;

 private:
  struct Stage {
    blocks::DenseLayer dense;
    std::optional<blocks::LayerNorm> norm;
  };
  Tensor run_stages(const float* x, std::int64_t rows) const;

  Task task_;
  bool per_token_ = true;  // false: one vector per sequence
  bool from_pooler_ = false;
  std::vector<Stage> stages_;
};

}  // namespace autoclass::models::bert
