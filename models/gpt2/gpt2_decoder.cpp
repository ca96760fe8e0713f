#include "models/gpt2/gpt2_decoder.h"

#include <cmath>
#include <cstring>

#include "runtime/core/error.h"

namespace autoclass::models::gpt2 {
namespace {

std::int64_t int_of(const ConfigView& c, const char* name, const char* alias) {
  return c.has(name) || !c.has(alias) ? c.get_int(name) : c.get_int(alias);
}

}  // namespace

Gpt2Settings read_settings(const ConfigView& c) {
  Gpt2Settings s;
  s.vocab_size = c.get_int("vocab_size");
  s.hidden = int_of(c, "n_embd", "hidden_size");
  s.layers = int_of(c, "n_layer", "num_hidden_layers");
  s.heads = int_of(c, "n_head", "num_attention_heads");
  s.positions = int_of(c, "n_positions", "max_position_embeddings");
  s.inner = c.get_int("n_inner", 4 * s.hidden);  // null means 4 · n_embd
  if (s.vocab_size <= 0 || s.hidden <= 0 || s.layers <= 0 || s.heads <= 0 || s.positions <= 0 || s.inner <= 0)
    throw Error(ErrorKind::kInvalidArgument, c.model_type() + " config: vocab_size, n_embd, n_layer, n_head, n_positions and "
                                                              "n_inner must be positive");
  if (s.hidden % s.heads != 0)
    throw Error(ErrorKind::kInvalidArgument, c.model_type() + " config: n_embd (" + std::to_string(s.hidden) +
                                                 ") must be divisible by n_head (" + std::to_string(s.heads) + ")");
  s.layer_norm_epsilon = c.get_float("layer_norm_epsilon", 1e-5);
  s.activation = c.get_string("activation_function", "gelu_new");
  s.scale_attn_weights = c.get_bool("scale_attn_weights", true);
  s.scale_attn_by_inverse_layer_idx = c.get_bool("scale_attn_by_inverse_layer_idx", false);
  s.tie_word_embeddings = c.get_bool("tie_word_embeddings", true);
  s.initializer_range = c.get_float("initializer_range", 0.02);
  return s;
}

Gpt2Decoder::Gpt2Decoder(const Gpt2Settings& s, WeightReader& reader, const std::string& prefix,
                         kernels::WeightPrecision precision)
    : s_(s), act_(s.activation) {
  // The common GELUs / ReLU run fused into the c_fc GEMM epilogue.
  switch (act_.kind()) {
    case blocks::ActivationKind::kGelu: fused_act_ = kernels::Activation::kGelu; break;
    case blocks::ActivationKind::kGeluTanh: fused_act_ = kernels::Activation::kGeluTanh; break;
    case blocks::ActivationKind::kRelu: fused_act_ = kernels::Activation::kRelu; break;
    default: fused_act_ = kernels::Activation::kNone;
  }
  const std::int64_t H = s.hidden;
  wte_ = blocks::Embedding(reader.take(prefix + "wte.weight", {s.vocab_size, H}, Init::kNormal), prefix + "wte.weight");
  wpe_ = blocks::Embedding(reader.take(prefix + "wpe.weight", {s.positions, H}, Init::kNormal), prefix + "wpe.weight");
  const float eps = static_cast<float>(s.layer_norm_epsilon);
  const std::int64_t head_dim = H / s.heads;
  auto conv1d = [&](const std::string& name, std::int64_t in, std::int64_t out) {
    return kernels::LinearWeight::from_transposed(reader.take(name + ".weight", {in, out}, Init::kNormal),
                                                  reader.take(name + ".bias", {out}, Init::kZeros), precision);
  };
  for (std::int64_t i = 0; i < s.layers; ++i) {
    const std::string p = prefix + "h." + std::to_string(i) + ".";
    Gpt2Block b;
    b.ln_1 = blocks::LayerNorm::load(reader, p + "ln_1", H, eps);
    b.c_attn = conv1d(p + "attn.c_attn", H, 3 * H);
    b.attn_proj = conv1d(p + "attn.c_proj", H, H);
    b.ln_2 = blocks::LayerNorm::load(reader, p + "ln_2", H, eps);
    b.c_fc = conv1d(p + "mlp.c_fc", H, s.inner);
    b.mlp_proj = conv1d(p + "mlp.c_proj", s.inner, H);
    double scale = s.scale_attn_weights ? 1.0 / std::sqrt(static_cast<double>(head_dim)) : 1.0;
    if (s.scale_attn_by_inverse_layer_idx) scale /= static_cast<double>(i + 1);
    b.attention = {s.heads, s.heads, head_dim, static_cast<float>(scale), 0};
    blocks_.push_back(std::move(b));
  }
  ln_f_ = blocks::LayerNorm::load(reader, prefix + "ln_f", H, eps);
}

std::unique_ptr<blocks::KvCache> Gpt2Decoder::new_cache(std::int64_t batch, std::int64_t capacity) const {
  return std::make_unique<blocks::KvCache>(s_.layers, batch, s_.heads, s_.hidden / s_.heads, capacity);
}

std::vector<float> Gpt2Decoder::run(blocks::KvCache& cache, const DecodeStep& step, std::vector<float>* embeddings_out) const {
  const std::int64_t batch = cache.batch(), n = step.n, rows = batch * n;
  std::vector<float> x(static_cast<std::size_t>(rows * s_.hidden));
  wte_.lookup(step.input_ids, rows, x.data(), false, "input_ids");
  wpe_.lookup(step.position_ids, rows, x.data(), true, "position_ids");
  if (embeddings_out) *embeddings_out = x;
  const std::int64_t start = cache.begin_step(n, step.valid);
  Gpt2Workspace ws;
  ws.h.resize(static_cast<std::size_t>(rows * s_.hidden));
  ws.qkv.resize(static_cast<std::size_t>(rows * 3 * s_.hidden));
  ws.attn.resize(static_cast<std::size_t>(rows * s_.hidden));
  ws.inner.resize(static_cast<std::size_t>(rows * s_.inner));
  for (std::int64_t i = 0; i < s_.layers; ++i) block_forward(blocks_[i], i, cache, start, batch, n, x.data(), ws);
  ln_f_.apply(x.data(), rows);
  return x;
}

void Gpt2Decoder::block_forward(const Gpt2Block& b, std::int64_t index, blocks::KvCache& cache, std::int64_t start,
                                std::int64_t batch, std::int64_t n, float* x, Gpt2Workspace& ws) const {
  const std::int64_t rows = batch * n, H = s_.hidden, D = H / s_.heads;
  std::vector<float>& h = ws.h;
  std::vector<float>& qkv = ws.qkv;
  std::vector<float>& attn = ws.attn;
  std::vector<float>& inner = ws.inner;
  std::memcpy(h.data(), x, sizeof(float) * rows * H);
  b.ln_1.apply(h.data(), rows);
  b.c_attn.forward(h.data(), rows, qkv.data());
  for (std::int64_t r = 0; r < rows; ++r) {
    const float* k = qkv.data() + r * 3 * H + H;
    const float* v = k + H;
    const std::int64_t row = r / n, slot = start + r % n;
    for (std::int64_t g = 0; g < s_.heads; ++g) {
      std::memcpy(cache.keys(index, row, g) + slot * D, k + g * D, sizeof(float) * D);
      std::memcpy(cache.values(index, row, g) + slot * D, v + g * D, sizeof(float) * D);
    }
  }
  blocks::causal_attention(b.attention, cache, index, n, qkv.data(), 3 * H, attn.data(), H);
  b.attn_proj.forward(attn.data(), rows, h.data());
  for (std::int64_t i = 0; i < rows * H; ++i) x[i] += h[i];

  std::memcpy(h.data(), x, sizeof(float) * rows * H);
  b.ln_2.apply(h.data(), rows);
  if (fused_act_ != kernels::Activation::kNone) {
    b.c_fc.forward(h.data(), rows, inner.data(), fused_act_);
  } else {
    b.c_fc.forward(h.data(), rows, inner.data());
    act_.apply(inner.data(), rows * s_.inner);
  }
  b.mlp_proj.forward(inner.data(), rows, h.data());
  for (std::int64_t i = 0; i < rows * H; ++i) x[i] += h[i];
}

}  // namespace autoclass::models::gpt2
