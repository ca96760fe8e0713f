// One bert-family model: embeddings → post-LN encoder → optional pooler → task head.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "models/bert/bert_embeddings.h"
#include "models/bert/bert_encoder.h"
#include "models/bert/bert_heads.h"
#include "models/bert/bert_options.h"

namespace autoclass::models::bert {

class BertFamilyModel : public Model {
 public:
  explicit BertFamilyModel(const ModelRequest& request);
  std::string class_name() const override { return class_name_; }
  // Inputs: input_ids [batch, seq] ([batch, choices, seq] for multiple choice); optional
  // attention_mask ([batch, seq] or [batch, seq, seq]), token_type_ids, position_ids ([batch|1, seq]).
  // Outputs: hidden_states_0, last_hidden_state, pooler_output (when pooled), the head's logits.
  TensorMap forward(const TensorMap& inputs) override;

 private:
  std::string class_name_;
  BertOptions opt_;
  Task task_;
  std::unique_ptr<BertEmbeddings> embeddings_;
  std::unique_ptr<BertEncoder> encoder_;
  std::optional<blocks::DenseLayer> pooler_;
  std::unique_ptr<BertHead> head_;
  BertEncoder::Scratch scratch_;  // so forward() is not reentrant on one model object (as HF's modules)
};

}  // namespace autoclass::models::bert
