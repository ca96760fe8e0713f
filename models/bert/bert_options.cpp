// Hyper-parameters as transformers/models/bert/configuration_bert.py (BertConfig),
// roberta/configuration_roberta.py, distilbert/configuration_distilbert.py (dim / n_heads / n_layers /
// hidden_dim / activation) and electra/configuration_electra.py (embedding_size) define them.
#include "models/bert/bert_options.h"

#include "runtime/core/error.h"

namespace autoclass::models::bert {
namespace {

[[noreturn]] void bad_option(const std::string& name, const std::string& what) {
  throw Error(ErrorKind::kInvalidArgument, "bert kernel option '" + name + "' " + what);
}

std::string string_option(const Json& o, const std::string& name, std::string fallback) {
  if (!o.is_object() || !o.contains(name) || o[name].is_null()) return fallback;
  if (!o[name].is_string()) bad_option(name, "should be a string, got " + o[name].dump());
  return o[name].get<std::string>();
}

bool bool_option(const Json& o, const std::string& name, bool fallback) {
  if (!o.is_object() || !o.contains(name) || o[name].is_null()) return fallback;
  if (!o[name].is_boolean()) bad_option(name, "should be true or false, got " + o[name].dump());
  return o[name].get<bool>();
}

std::int64_t num_labels_of(const ConfigView& c) {
  // HF: num_labels is len(id2label); id2label defaults to two labels.
  if (auto id2label = c.find("id2label"); id2label && id2label->is_object() && !id2label->empty())
    return static_cast<std::int64_t>(id2label->size());
  return c.get_int("num_labels", 2);
}

void require_positive(const ConfigView& c, const char* name, std::int64_t v) {
  if (v <= 0)
    throw Error(ErrorKind::kInvalidArgument, "config of model type '" + c.model_type() + "': attribute '" + name +
                                                 "' must be positive, got " + std::to_string(v));
}

}  // namespace

BertOptions BertOptions::from_request(const ModelRequest& request) {
  const Json& o = request.kernel_options;
  if (!o.is_null() && !o.is_object()) bad_option("(options)", "must be an object, got " + o.dump());
  static const char* kKnown[] = {"prefix", "layout", "head_style", "positions_from_padding_idx", "embedding_projection",
                                 "pooler"};
  if (o.is_object())
    for (const auto& [k, v] : o.items()) {
      bool known = false;
      for (const char* n : kKnown) known = known || k == n;
      if (!known) bad_option(k, "is not an option of the bert family");
    }

  BertOptions opt;
  opt.prefix = string_option(o, "prefix", "bert");
  const std::string layout = string_option(o, "layout", "bert");
  if (layout == "bert") opt.layout = Layout::kBert;
  else if (layout == "distilbert") opt.layout = Layout::kDistilBert;
  else bad_option("layout", "must be \"bert\" or \"distilbert\", got \"" + layout + "\"");
  const std::string head = string_option(o, "head_style", layout == "distilbert" ? "distilbert" : "bert");
  if (head == "bert") opt.head_style = HeadStyle::kBert;
  else if (head == "roberta") opt.head_style = HeadStyle::kRoberta;
  else if (head == "distilbert") opt.head_style = HeadStyle::kDistilBert;
  else if (head == "electra") opt.head_style = HeadStyle::kElectra;
  else bad_option("head_style", "must be one of bert, roberta, distilbert, electra; got \"" + head + "\"");
  opt.positions_from_padding_idx = bool_option(o, "positions_from_padding_idx", false);
  opt.embedding_projection = bool_option(o, "embedding_projection", false);
  opt.pooler = bool_option(o, "pooler", layout != "distilbert");

  const ConfigView& c = request.config;
  opt.vocab_size = c.get_int("vocab_size");
  opt.max_positions = c.get_int("max_position_embeddings");
  opt.initializer_range = c.get_float("initializer_range", 0.02);
  opt.tie_word_embeddings = c.get_bool("tie_word_embeddings", true);
  opt.has_pad_token = c.has("pad_token_id");
  opt.pad_token_id = c.get_int("pad_token_id", 0);
  opt.num_labels = num_labels_of(c);
  if (opt.layout == Layout::kDistilBert) {
    opt.hidden = c.get_int("dim");
    opt.layers = c.get_int("n_layers");
    opt.heads = c.get_int("n_heads");
    opt.intermediate = c.get_int("hidden_dim");
    opt.hidden_act = c.get_string("activation", "gelu");
    opt.layer_norm_eps = 1e-12;  // DistilBERT hard-codes nn.LayerNorm(eps=1e-12)
    opt.type_vocab_size = 0;
    opt.sinusoidal_positions = c.get_bool("sinusoidal_pos_embds", false);
  } else {
    opt.hidden = c.get_int("hidden_size");
    opt.layers = c.get_int("num_hidden_layers");
    opt.heads = c.get_int("num_attention_heads");
    opt.intermediate = c.get_int("intermediate_size");
    opt.hidden_act = c.get_string("hidden_act", "gelu");
    opt.layer_norm_eps = c.get_float("layer_norm_eps", 1e-12);
    opt.type_vocab_size = c.get_int("type_vocab_size", 2);
    const std::string pos_type = c.get_string("position_embedding_type", "absolute");
    if (pos_type != "absolute")
      throw Error(ErrorKind::kUnsupported, "config of model type '" + c.model_type() +
                                               "': position_embedding_type '" + pos_type +
                                               "' is not supported by the bert kernels (only \"absolute\")");
    if (c.get_bool("is_decoder", false))
      throw Error(ErrorKind::kUnsupported, "config of model type '" + c.model_type() +
                                               "': is_decoder=true (causal BERT) is not supported by the bert kernels");
  }
  opt.embedding_size = opt.embedding_projection ? c.get_int("embedding_size", opt.hidden) : opt.hidden;
  require_positive(c, "hidden_size", opt.hidden);
  require_positive(c, "num_hidden_layers", opt.layers);
  require_positive(c, "num_attention_heads", opt.heads);
  require_positive(c, "intermediate_size", opt.intermediate);
  require_positive(c, "vocab_size", opt.vocab_size);
  require_positive(c, "max_position_embeddings", opt.max_positions);
  require_positive(c, "embedding_size", opt.embedding_size);
  if (opt.hidden % opt.heads != 0)
    throw Error(ErrorKind::kInvalidArgument, "config of model type '" + c.model_type() + "': hidden size " +
                                                 std::to_string(opt.hidden) + " is not a multiple of the number of attention heads " +
                                                 std::to_string(opt.heads));
  return opt;
}

}  // namespace autoclass::models::bert
