// Follows transformers/models/bert/modeling_bert.py BertEmbeddings (absolute positions),
// roberta/modeling_roberta.py RobertaEmbeddings + create_position_ids_from_input_ids,
// distilbert/modeling_distilbert.py Embeddings (+ create_sinusoidal_embeddings) and
// electra/modeling_electra.py ElectraEmbeddings + ElectraModel.embeddings_project.
#include "models/bert/bert_embeddings.h"

#include <cmath>
#include <vector>

#include "runtime/core/error.h"

namespace autoclass::models::bert {
namespace {

// HF _init_weights zeroes an nn.Embedding's padding_idx row when it initialises the table.
Tensor take_embedding(WeightReader& reader, const std::string& name, std::int64_t rows, std::int64_t dim,
                      std::optional<std::int64_t> padding_idx) {
  const bool present = reader.has(name);
  Tensor t = reader.take(name, {rows, dim}, Init::kNormal);
  if (!present && padding_idx && *padding_idx >= 0 && *padding_idx < rows) {
    t = t.clone();
    std::fill_n(t.data_mut<float>() + *padding_idx * dim, dim, 0.0f);
  }
  return t;
}

// DistilBERT with sinusoidal_pos_embds: sin on even columns, cos on odd, pos / 10000^(2·(j/2)/dim).
Tensor sinusoidal_table(std::int64_t rows, std::int64_t dim) {
  Tensor t(DType::kF32, {rows, dim});
  float* p = t.data_mut<float>();
  for (std::int64_t pos = 0; pos < rows; ++pos)
    for (std::int64_t j = 0; j < dim; ++j) {
      const double angle = static_cast<double>(pos) / std::pow(10000.0, 2.0 * static_cast<double>(j / 2) / dim);
      p[pos * dim + j] = static_cast<float>(j % 2 == 0 ? std::sin(angle) : std::cos(angle));
    }
  return t;
}

}  // namespace

BertEmbeddings::BertEmbeddings(WeightReader& reader, const BertOptions& opt, const std::string& base) : opt_(opt) {
  const std::string e = base + "embeddings.";
  const std::int64_t dim = opt.embedding_size;
  std::optional<std::int64_t> pad;
  if (opt.has_pad_token) pad = opt.pad_token_id;
  word_ = blocks::Embedding(take_embedding(reader, e + "word_embeddings.weight", opt.vocab_size, dim, pad),
                            e + "word_embeddings.weight");
  const std::string pos_name = e + "position_embeddings.weight";
  Tensor pos_table;
  if (opt.sinusoidal_positions && !reader.has(pos_name)) {
    reader.take(pos_name, {opt.max_positions, dim}, Init::kZeros);  // reports it as missing
    pos_table = sinusoidal_table(opt.max_positions, dim);
  } else {
    pos_table = take_embedding(reader, pos_name, opt.max_positions, dim,
                               opt.positions_from_padding_idx ? pad : std::nullopt);
  }
  position_ = blocks::Embedding(pos_table, pos_name);
  if (opt.layout == Layout::kBert)
    token_type_ = blocks::Embedding(
        take_embedding(reader, e + "token_type_embeddings.weight", opt.type_vocab_size, dim, std::nullopt),
        e + "token_type_embeddings.weight");
  norm_ = blocks::LayerNorm::load(reader, e + "LayerNorm", dim, static_cast<float>(opt.layer_norm_eps));
  if (opt.embedding_projection && opt.embedding_size != opt.hidden)
    project_ = blocks::DenseLayer::load(reader, base + "embeddings_project", opt.embedding_size, opt.hidden);
}

Tensor BertEmbeddings::forward(const std::int64_t* ids, const std::int64_t* token_types, const std::int64_t* positions,
                               std::int64_t batch, std::int64_t seq) const {
  const std::int64_t rows = batch * seq, dim = opt_.embedding_size;
  Tensor out(DType::kF32, {rows, dim});
  float* x = out.data_mut<float>();
  word_.lookup(ids, rows, x, false, "input_ids");
  if (opt_.layout == Layout::kBert) {
    if (token_types) {
      token_type_.lookup(token_types, rows, x, true, "token_type_ids");
    } else {  // HF's default token_type_ids are zeros
      std::vector<std::int64_t> zeros(static_cast<std::size_t>(rows), 0);
      token_type_.lookup(zeros.data(), rows, x, true, "token_type_ids");
    }
  }
  std::vector<std::int64_t> default_positions;
  if (!positions) {
    default_positions.resize(static_cast<std::size_t>(rows));
    for (std::int64_t b = 0; b < batch; ++b) {
      std::int64_t count = 0;
      for (std::int64_t s = 0; s < seq; ++s) {
        const std::int64_t i = b * seq + s;
        if (opt_.positions_from_padding_idx) {
          // RoBERTa: padding keeps padding_idx, real tokens count up from padding_idx + 1.
          const bool real = ids[i] != opt_.pad_token_id;
          count += real ? 1 : 0;
          default_positions[i] = real ? count + opt_.pad_token_id : opt_.pad_token_id;
        } else {
          default_positions[i] = s;
        }
      }
    }
    positions = default_positions.data();
  }
  position_.lookup(positions, rows, x, true, "position_ids");
  norm_.apply(x, rows);
  if (project_) return project_->forward(x, rows);
  return out;
}

}  // namespace autoclass::models::bert
