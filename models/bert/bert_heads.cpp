// Follows the head classes of transformers/models/bert/modeling_bert.py (BertOnlyMLMHead /
// BertPredictionHeadTransform, BertForSequenceClassification, ...ForTokenClassification,
// ...ForQuestionAnswering, ...ForMultipleChoice), roberta/modeling_roberta.py (RobertaLMHead,
// RobertaClassificationHead), distilbert/modeling_distilbert.py (vocab_transform / vocab_layer_norm /
// vocab_projector, pre_classifier + ReLU) and electra/modeling_electra.py (ElectraGeneratorPredictions +
// generator_lm_head, ElectraClassificationHead, ElectraDiscriminatorPredictions, SequenceSummary).
#include "models/bert/bert_heads.h"

#include <cstring>

#include "runtime/core/error.h"

namespace autoclass::models::bert {

Task task_of(const std::string& arch) {
  const auto ends_with = [&](const std::string& s) {
    return arch.size() >= s.size() && arch.compare(arch.size() - s.size(), s.size(), s) == 0;
  };
  if (ends_with("ForMaskedLM")) return Task::kMaskedLM;
  if (ends_with("ForSequenceClassification")) return Task::kSequenceClassification;
  if (ends_with("ForTokenClassification")) return Task::kTokenClassification;
  if (ends_with("ForQuestionAnswering")) return Task::kQuestionAnswering;
  if (ends_with("ForMultipleChoice")) return Task::kMultipleChoice;
  if (ends_with("ForPreTraining") && arch.rfind("Electra", 0) == 0) return Task::kPreTraining;
  // "BertModel", not "BertLMHeadModel" (causal BERT, not built by this family).
  if (ends_with("Model") && !ends_with("HeadModel") && arch.find("For") == std::string::npos) return Task::kBase;
  throw Error(ErrorKind::kUnsupported, "the bert kernel family cannot build '" + arch + "'");
}

bool task_uses_pooler(Task task, const BertOptions& opt) {
  if (!opt.pooler) return false;
  switch (task) {
    case Task::kBase: return true;
    case Task::kSequenceClassification: return opt.head_style == HeadStyle::kBert;
    case Task::kMultipleChoice: return opt.head_style == HeadStyle::kBert || opt.head_style == HeadStyle::kRoberta;
    default: return false;
  }
}

BertHead::BertHead(WeightReader& reader, const BertOptions& opt, Task task, const ConfigView& config,
                   const blocks::Embedding& word_embeddings)
    : task_(task) {
  using blocks::Activation;
  using blocks::DenseLayer;
  const std::int64_t H = opt.hidden, L = opt.num_labels;
  const float eps = static_cast<float>(opt.layer_norm_eps);
  auto dense = [&](const std::string& name, std::int64_t in, std::int64_t out, const std::string& act = "linear") {
    stages_.push_back({DenseLayer::load(reader, name, in, out, Activation(act)), std::nullopt});
  };
  // The MLM decoder: tied to the word embeddings unless tie_word_embeddings is false.
  auto decoder = [&](const std::string& weight_name, const std::string& bias_name, std::int64_t dim) {
    Tensor bias = reader.take(bias_name, {opt.vocab_size}, Init::kZeros);
    Tensor weight;
    if (opt.tie_word_embeddings) {
      weight = word_embeddings.table();
      // Older checkpoints store the tied copy too; HF loads it into the shared tensor, then re-ties.
      reader.take_optional(weight_name, {opt.vocab_size, dim});
    } else {
      weight = reader.take(weight_name, {opt.vocab_size, dim}, Init::kNormal);
    }
    stages_.push_back({DenseLayer(weight, bias), std::nullopt});
  };
  auto transform = [&](const std::string& dense_name, std::int64_t out, const std::string& act,
                       const std::string& norm_name) {
    dense(dense_name, H, out, act);
    stages_.back().norm = blocks::LayerNorm::load(reader, norm_name, out, eps);
  };

  switch (task) {
    case Task::kBase: return;
    case Task::kMaskedLM:
      switch (opt.head_style) {
        case HeadStyle::kBert:
          transform("cls.predictions.transform.dense", H, opt.hidden_act, "cls.predictions.transform.LayerNorm");
          decoder("cls.predictions.decoder.weight", "cls.predictions.bias", H);
          reader.take_optional("cls.predictions.decoder.bias", {opt.vocab_size});  // tied to cls.predictions.bias
          break;
        case HeadStyle::kRoberta:
          transform("lm_head.dense", H, "gelu", "lm_head.layer_norm");
          decoder("lm_head.decoder.weight", "lm_head.bias", H);
          reader.take_optional("lm_head.decoder.bias", {opt.vocab_size});
          break;
        case HeadStyle::kDistilBert:
          dense("vocab_transform", H, H, opt.hidden_act);
          stages_.back().norm = blocks::LayerNorm::load(reader, "vocab_layer_norm", H, 1e-12f);
          decoder("vocab_projector.weight", "vocab_projector.bias", H);
          break;
        case HeadStyle::kElectra:
          transform("generator_predictions.dense", opt.embedding_size, "gelu", "generator_predictions.LayerNorm");
          decoder("generator_lm_head.weight", "generator_lm_head.bias", opt.embedding_size);
          break;
      }
      return;
    case Task::kTokenClassification: dense("classifier", H, L); return;
    case Task::kQuestionAnswering: dense("qa_outputs", H, 2); return;
    case Task::kPreTraining:
      dense("discriminator_predictions.dense", H, H, opt.hidden_act);
      dense("discriminator_predictions.dense_prediction", H, 1);
      return;
    case Task::kSequenceClassification:
    case Task::kMultipleChoice: break;
  }

  // Sequence-level heads.
  per_token_ = false;
  const std::int64_t out = task == Task::kMultipleChoice ? 1 : L;
  from_pooler_ = task_uses_pooler(task, opt);
  if (from_pooler_) {
    dense("classifier", H, out);
    return;
  }
  switch (opt.head_style) {
    case HeadStyle::kBert:  // pooler disabled by option: classify the first token directly
      dense("classifier", H, out);
      break;
    case HeadStyle::kRoberta:
      dense("classifier.dense", H, H, "tanh");
      dense("classifier.out_proj", H, out);
      break;
    case HeadStyle::kDistilBert:
      dense("pre_classifier", H, H, "relu");
      dense("classifier", H, out);
      break;
    case HeadStyle::kElectra:
      if (task == Task::kSequenceClassification) {
        dense("classifier.dense", H, H, "gelu");
        dense("classifier.out_proj", H, out);
      } else {  // ElectraForMultipleChoice: SequenceSummary("first") + classifier
        const std::string type = config.get_string("summary_type", "first");
        if (type != "first")
          throw Error(ErrorKind::kUnsupported, "ElectraForMultipleChoice: summary_type '" + type +
                                                   "' is not supported by the bert kernels (only \"first\")");
        const std::string act = config.get_string("summary_activation", "linear");
        if (config.get_bool("summary_use_proj", true)) {
          const bool to_labels = config.get_bool("summary_proj_to_labels", false) && L > 0;
          dense("sequence_summary.summary", H, to_labels ? L : H, act);
          dense("classifier", to_labels ? L : H, 1);
        } else {
          dense("classifier", H, 1);
          // An activation without projection applies to the summary itself.
          if (act != "linear")
            throw Error(ErrorKind::kUnsupported, "ElectraForMultipleChoice with summary_use_proj=false and an activation");
        }
      }
      break;
  }
}

Tensor BertHead::run_stages(const float* x, std::int64_t rows) const {
  Tensor cur;
  for (const Stage& s : stages_) {
    Tensor next = s.dense.forward(cur.empty() ? x : cur.data<float>(), rows);
    if (s.norm) s.norm->apply(next.data_mut<float>(), rows);
    cur = std::move(next);
  }
  return cur;
}

void BertHead::forward(const Tensor& hidden, const Tensor& pooled, std::int64_t batch, std::int64_t seq,
                       std::int64_t choices, TensorMap& out) const {
  if (task_ == Task::kBase) return;
  const std::int64_t H = hidden.dim(-1);
  if (per_token_) {
    Tensor y = run_stages(hidden.data<float>(), batch * seq);
    const std::int64_t width = y.dim(1);
    if (task_ == Task::kQuestionAnswering) {
      Tensor start(DType::kF32, {batch, seq}), end(DType::kF32, {batch, seq});
      for (std::int64_t i = 0; i < batch * seq; ++i) {
        start.data_mut<float>()[i] = y.data<float>()[2 * i];
        end.data_mut<float>()[i] = y.data<float>()[2 * i + 1];
      }
      out["start_logits"] = start;
      out["end_logits"] = end;
    } else if (task_ == Task::kPreTraining) {
      out["logits"] = y.reshaped({batch, seq});
    } else {
      out["logits"] = y.reshaped({batch, seq, width});
    }
    return;
  }
  const Tensor source = from_pooler_ ? pooled : blocks::first_token_rows(hidden.data<float>(), batch, seq, H);
  Tensor y = run_stages(source.data<float>(), batch);
  if (task_ == Task::kMultipleChoice)
    out["logits"] = y.reshaped({batch / choices, choices});
  else
    out["logits"] = y;
}

}  // namespace autoclass::models::bert
