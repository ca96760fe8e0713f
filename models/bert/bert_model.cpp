// Follows transformers/models/bert/modeling_bert.py BertModel.forward (extended attention mask,
// default token_type_ids / position_ids, pooler on the first token) and the *For* wrappers of
// roberta/modeling_roberta.py, distilbert/modeling_distilbert.py and electra/modeling_electra.py.
#include "models/bert/bert_model.h"

#include <cstring>
#include <set>
#include <vector>

#include "runtime/core/error.h"

namespace autoclass::models::bert {
namespace {

bool is_integer(DType d) {
  return d == DType::kI64 || d == DType::kI32 || d == DType::kI16 || d == DType::kI8 || d == DType::kU8 ||
         d == DType::kBool;
}

Tensor integer_input(const Tensor& t, const std::string& name) {
  if (!is_integer(t.dtype()))
    throw Error(ErrorKind::kInvalidArgument, "input '" + name + "' must hold integers, got " +
                                                 std::string(dtype_name(t.dtype())));
  return t.to(DType::kI64);
}

[[noreturn]] void bad_shape(const std::string& name, const Tensor& t, const std::string& expected) {
  throw Error(ErrorKind::kInvalidArgument,
              "input '" + name + "' has shape " + shape_string(t.shape()) + ", expected " + expected);
}

}  // namespace

BertFamilyModel::BertFamilyModel(const ModelRequest& request)
    : class_name_(request.architecture), opt_(BertOptions::from_request(request)), task_(task_of(request.architecture)) {
  WeightReader reader(request, opt_.initializer_range);
  const bool head_model = task_ != Task::kBase;
  reader.set_base_model_prefix(opt_.prefix, head_model);
  // Checkpoints from TF-converted BERTs name LayerNorm parameters gamma / beta.
  reader.add_rename("LayerNorm.gamma", "LayerNorm.weight");
  reader.add_rename("LayerNorm.beta", "LayerNorm.bias");
  const std::string base = head_model ? opt_.prefix + "." : "";

  embeddings_ = std::make_unique<BertEmbeddings>(reader, opt_, base);
  encoder_ = std::make_unique<BertEncoder>(reader, opt_, base);
  if (task_uses_pooler(task_, opt_))
    pooler_ = blocks::DenseLayer::load(reader, base + "pooler.dense", opt_.hidden, opt_.hidden, blocks::Activation("tanh"));
  head_ = std::make_unique<BertHead>(reader, opt_, task_, request.config, embeddings_->word_embeddings());

  // Not reported as unused, as HF: non-persistent buffers of old checkpoints, and the pooler of a
  // model built without one (_keys_to_ignore_on_load_unexpected = [r"pooler"]).
  std::vector<std::string> ignore = {"embeddings.position_ids", "embeddings.token_type_ids"};
  if (!pooler_) ignore.push_back("pooler.");
  reader.finish(ignore);
}

TensorMap BertFamilyModel::forward(const TensorMap& inputs) {
  const bool distil = opt_.layout == Layout::kDistilBert;
  std::set<std::string> allowed = {"input_ids", "attention_mask"};
  if (!distil) allowed.insert({"token_type_ids", "position_ids"});
  for (const auto& [name, t] : inputs)
    if (!allowed.count(name)) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      throw Error(ErrorKind::kInvalidArgument, class_name_ + ".forward: unknown input '" + name + "' (accepts " + list + ")");
    }
  auto it = inputs.find("input_ids");
  if (it == inputs.end()) throw Error(ErrorKind::kInvalidArgument, class_name_ + ".forward: input 'input_ids' is required");
  const Tensor ids = integer_input(it->second, "input_ids");

  // Multiple choice flattens [batch, choices, seq] to [batch·choices, seq], as HF does.
  const bool mc = task_ == Task::kMultipleChoice;
  if (ids.ndim() != (mc ? 3 : 2)) bad_shape("input_ids", ids, mc ? "[batch, choices, seq]" : "[batch, seq]");
  const std::int64_t choices = mc ? ids.dim(1) : 0;
  const std::int64_t batch = mc ? ids.dim(0) * ids.dim(1) : ids.dim(0), seq = ids.dim(-1);
  if (batch == 0 || seq == 0) bad_shape("input_ids", ids, "non-empty [batch, seq]");
  if (seq > opt_.max_positions && !opt_.positions_from_padding_idx)
    throw Error(ErrorKind::kInvalidArgument, class_name_ + ": sequence length " + std::to_string(seq) +
                                                 " exceeds max_position_embeddings " + std::to_string(opt_.max_positions));
  const std::int64_t rows = batch * seq;
  auto same_as_ids = [&](const std::string& name, const Tensor& t) {
    if (t.numel() != rows || t.dim(-1) != seq || t.ndim() != ids.ndim())
      bad_shape(name, t, shape_string(ids.shape()));
  };

  std::vector<std::uint8_t> mask_flags;
  blocks::KeyMask mask;
  if (auto m = inputs.find("attention_mask"); m != inputs.end()) {
    const Tensor& t = m->second;
    const bool per_query = !mc && t.ndim() == 3;
    if (per_query) {
      if (t.dim(0) != batch || t.dim(1) != seq || t.dim(2) != seq)
        bad_shape("attention_mask", t, "[" + std::to_string(batch) + ", " + std::to_string(seq) + "] or [batch, seq, seq]");
    } else {
      same_as_ids("attention_mask", t);
    }
    mask_flags.resize(static_cast<std::size_t>(t.numel()));
    if (t.dtype() == DType::kF32 || t.dtype() == DType::kF64 || t.dtype() == DType::kF16 || t.dtype() == DType::kBF16) {
      const Tensor f = t.to(DType::kF32);
      for (std::size_t i = 0; i < mask_flags.size(); ++i) mask_flags[i] = f.data<float>()[i] != 0.0f;
    } else {
      const Tensor v = integer_input(t, "attention_mask");
      for (std::size_t i = 0; i < mask_flags.size(); ++i) mask_flags[i] = v.data<std::int64_t>()[i] != 0;
    }
    mask = {mask_flags.data(), per_query};
  }

  Tensor token_types;
  if (auto t = inputs.find("token_type_ids"); t != inputs.end()) {
    token_types = integer_input(t->second, "token_type_ids");
    same_as_ids("token_type_ids", token_types);
  }
  Tensor positions;
  if (auto p = inputs.find("position_ids"); p != inputs.end()) {
    Tensor given = integer_input(p->second, "position_ids");
    if (given.dim(-1) != seq || (given.numel() != rows && given.numel() != seq))
      bad_shape("position_ids", given, "[batch, seq] or [1, seq]");
    if (given.numel() == rows) {
      positions = given;
    } else {  // broadcast one row over the batch
      positions = Tensor(DType::kI64, {batch, seq});
      for (std::int64_t b = 0; b < batch; ++b)
        std::memcpy(positions.data_mut<std::int64_t>() + b * seq, given.data<std::int64_t>(), sizeof(std::int64_t) * seq);
    }
  }

  TensorMap out;
  Tensor x = embeddings_->forward(ids.data<std::int64_t>(), token_types.empty() ? nullptr : token_types.data<std::int64_t>(),
                                  positions.empty() ? nullptr : positions.data<std::int64_t>(), batch, seq);
  const std::int64_t H = opt_.hidden;
  out["hidden_states_0"] = x.clone().reshaped({batch, seq, H});
  encoder_->forward(x, batch, seq, mask, scratch_);
  out["last_hidden_state"] = x.reshaped({batch, seq, H});
  Tensor pooled;
  if (pooler_) {
    const Tensor first = blocks::first_token_rows(x.data<float>(), batch, seq, H);
    pooled = pooler_->forward(first.data<float>(), batch);
    out["pooler_output"] = pooled;
  }
  head_->forward(x, pooled, batch, seq, choices, out);
  return out;
}

}  // namespace autoclass::models::bert
