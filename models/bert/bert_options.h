// Everything the bert family needs to know about one model: hyper-parameters read by HF attribute
// name from the config, and the model-type quirks from the schema's kernel.options
// (schemas/_families/bert.json declares them).
#pragma once

#include <cstdint>
#include <string>

#include "runtime/model/model.h"

namespace autoclass::models::bert {

enum class Layout { kBert, kDistilBert };  // parameter naming + which config attributes exist
enum class HeadStyle { kBert, kRoberta, kDistilBert, kElectra };  // MLM / classification head forms

struct BertOptions {
  // kernel.options
  std::string prefix = "bert";            // base_model_prefix: "bert", "roberta", "distilbert", "electra"
  Layout layout = Layout::kBert;
  HeadStyle head_style = HeadStyle::kBert;
  bool positions_from_padding_idx = false;  // RoBERTa: position = cumsum(id != pad)·(id != pad) + pad
  bool embedding_projection = false;        // ELECTRA: embeddings_project when embedding_size != hidden
  bool pooler = true;                       // whether the base model has BertPooler

  // config
  std::int64_t vocab_size = 0, hidden = 0, layers = 0, heads = 0, intermediate = 0;
  std::int64_t max_positions = 0, type_vocab_size = 0;
  std::int64_t embedding_size = 0;  // == hidden unless embedding_projection
  std::int64_t pad_token_id = 0;
  bool has_pad_token = false;
  std::string hidden_act = "gelu";
  double layer_norm_eps = 1e-12;
  double initializer_range = 0.02;
  bool tie_word_embeddings = true;
  bool sinusoidal_positions = false;  // DistilBERT sinusoidal_pos_embds (affects initialisation only)
  std::int64_t num_labels = 2;

  // Reads and validates both; errors name the model type and the attribute / option.
  static BertOptions from_request(const ModelRequest& request);
};

}  // namespace autoclass::models::bert
