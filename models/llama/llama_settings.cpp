#include "models/llama/llama_settings.h"

#include <set>

#include "runtime/core/error.h"

namespace autoclass::models::llama {
namespace {

struct Options {
  bool qkv_bias = false;
  bool qk_norm = false;
  std::string sliding_window = "none";
};

Options read_options(const ModelRequest& request) {
  Options o;
  const Json& j = request.kernel_options;
  if (j.is_null()) return o;
  const std::string where = request.config.model_type() + " kernel.options";
  if (!j.is_object()) throw Error(ErrorKind::kInvalidArgument, where + ": expected an object");
  for (const auto& [key, value] : j.items()) {
    if (key == "qkv_bias" || key == "qk_norm") {
      if (!value.is_boolean()) throw Error(ErrorKind::kInvalidArgument, where + "." + key + ": expected true or false");
      (key == "qkv_bias" ? o.qkv_bias : o.qk_norm) = value.get<bool>();
    } else if (key == "sliding_window") {
      static const std::set<std::string> kModes{"none", "all_layers", "qwen2", "layer_types"};
      if (!value.is_string() || !kModes.count(value.get<std::string>()))
        throw Error(ErrorKind::kInvalidArgument, where + ".sliding_window: expected one of none, all_layers, qwen2, layer_types");
      o.sliding_window = value.get<std::string>();
    } else {
      throw Error(ErrorKind::kInvalidArgument, where + ": unknown option '" + key + "' for kernel family llama");
    }
  }
  return o;
}

std::vector<std::int64_t> sliding_windows(const ConfigView& c, const std::string& mode, std::int64_t layers) {
  std::vector<std::int64_t> out(static_cast<std::size_t>(layers), 0);
  if (mode == "none") return out;
  const std::int64_t window = c.get_int("sliding_window", 0);
  if (window < 0) throw Error(ErrorKind::kInvalidArgument, c.model_type() + " config: sliding_window must be ≥ 0");
  if (mode == "all_layers") {
    out.assign(out.size(), window);
    return out;
  }
  if (auto types = c.find("layer_types"); types && !types->is_null()) {
    if (!types->is_array() || static_cast<std::int64_t>(types->size()) != layers)
      throw Error(ErrorKind::kInvalidArgument, c.model_type() + " config: layer_types must list one entry per layer (" +
                                                   std::to_string(layers) + ")");
    for (std::int64_t i = 0; i < layers; ++i) {
      const Json& t = (*types)[i];
      if (!t.is_string() || (t != "sliding_attention" && t != "full_attention"))
        throw Error(ErrorKind::kInvalidArgument, c.model_type() + " config: layer_types[" + std::to_string(i) +
                                                     "] must be \"sliding_attention\" or \"full_attention\"");
      out[i] = t == "sliding_attention" ? window : 0;
    }
    return out;
  }
  if (mode == "layer_types") {
    out.assign(out.size(), window);
  } else if (c.get_bool("use_sliding_window", false)) {  // qwen2 rule
    const std::int64_t first = c.get_int("max_window_layers", layers);
    for (std::int64_t i = first; i < layers; ++i) out[i] = window;
  }
  return out;
}

}  // namespace

LlamaSettings read_settings(const ModelRequest& request) {
  const ConfigView& c = request.config;
  const Options o = read_options(request);
  LlamaSettings s;
  s.vocab_size = c.get_int("vocab_size");
  s.hidden = c.get_int("hidden_size");
  s.layers = c.get_int("num_hidden_layers");
  s.heads = c.get_int("num_attention_heads");
  s.kv_heads = c.get_int("num_key_value_heads", s.heads);
  s.intermediate = c.get_int("intermediate_size");
  const std::string mt = c.model_type();
  if (s.vocab_size <= 0 || s.hidden <= 0 || s.layers <= 0 || s.heads <= 0 || s.kv_heads <= 0 || s.intermediate <= 0)
    throw Error(ErrorKind::kInvalidArgument, mt + " config: vocab_size, hidden_size, num_hidden_layers, num_attention_heads, "
                                                  "num_key_value_heads and intermediate_size must be positive");
  if (s.heads % s.kv_heads != 0)
    throw Error(ErrorKind::kInvalidArgument, mt + " config: num_attention_heads (" + std::to_string(s.heads) +
                                                  ") must be a multiple of num_key_value_heads (" + std::to_string(s.kv_heads) + ")");
  s.head_dim = c.get_int("head_dim", 0);
  if (s.head_dim == 0) {
    if (s.hidden % s.heads != 0)
      throw Error(ErrorKind::kInvalidArgument, mt + " config: hidden_size must be divisible by num_attention_heads");
    s.head_dim = s.hidden / s.heads;
  }
  s.rms_norm_eps = c.get_float("rms_norm_eps", 1e-6);
  s.hidden_act = c.get_string("hidden_act", "silu");
  s.attention_bias = c.get_bool("attention_bias", false);
  s.mlp_bias = c.get_bool("mlp_bias", false);
  s.qkv_bias = o.qkv_bias;
  s.qk_norm = o.qk_norm;
  s.tie_word_embeddings = c.get_bool("tie_word_embeddings", false);
  s.initializer_range = c.get_float("initializer_range", 0.02);
  s.sliding_window = sliding_windows(c, o.sliding_window, s.layers);
  return s;
}

}  // namespace autoclass::models::llama
