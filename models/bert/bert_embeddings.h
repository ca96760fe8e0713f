// The embedding stage of the bert family: word + token type + position embeddings, LayerNorm, and
// ELECTRA's optional projection to the hidden size. Its output is HF's hidden_states[0].
#pragma once

#include <cstdint>
#include <optional>

#include "models/blocks/dense_head.h"
#include "models/blocks/embedding.h"
#include "models/blocks/layer_norm.h"
#include "models/bert/bert_options.h"

namespace autoclass::models::bert {

class BertEmbeddings {
 public:
  // `base` is the parameter-name prefix of the base model ("bert." in a head model, "" in BertModel).
  BertEmbeddings(WeightReader& reader, const BertOptions& opt, const std::string& base);

  const blocks::Embedding& word_embeddings() const { return word_; }

  // ids / token_types / positions: [rows] (token_types / positions may be null = HF defaults, per
  // row of length `seq`). Returns [rows, hidden].
  Tensor forward(const std::int64_t* ids, const std::int64_t* token_types, const std::int64_t* positions,
                 std::int64_t batch, std::int64_t seq) const;

 private:
  const BertOptions& opt_;
  blocks::Embedding word_, position_, token_type_;
  blocks::LayerNorm norm_;
  std::optional<blocks::DenseLayer> project_;  // ELECTRA embeddings_project
};

}  // namespace autoclass::models::bert
