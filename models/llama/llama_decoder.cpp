#include "models/llama/llama_decoder.h"

#include <cmath>
#include <cstring>

#include "runtime/core/error.h"

namespace autoclass::models::llama {
namespace {

Tensor stack_rows(const std::vector<Tensor>& parts, std::int64_t cols) {
  std::int64_t rows = 0;
  for (const auto& p : parts) rows += p.numel() / cols;
  Tensor out(DType::kF32, cols == 1 ? Shape{rows} : Shape{rows, cols});
  float* dst = out.data_mut<float>();
  for (const auto& p : parts) {
    const Tensor f = p.to(DType::kF32);
    std::memcpy(dst, f.data<float>(), f.nbytes());
    dst += f.numel();
  }
  return out;
}

}  // namespace

LlamaDecoder::LlamaDecoder(const LlamaSettings& s, const ConfigView& config, WeightReader& reader, const std::string& prefix,
                           kernels::WeightPrecision precision)
    : s_(s) {
  embed_ = blocks::Embedding(reader.take(prefix + "embed_tokens.weight", {s.vocab_size, s.hidden}, Init::kNormal),
                             prefix + "embed_tokens.weight");
  rope_ = blocks::RotaryEmbedding::from_config(config, s.head_dim);
  const blocks::Activation act(s.hidden_act);
  const float eps = static_cast<float>(s.rms_norm_eps);
  const std::int64_t q_out = s.heads * s.head_dim, kv_out = s.kv_heads * s.head_dim;
  for (std::int64_t i = 0; i < s.layers; ++i) {
    const std::string p = prefix + "layers." + std::to_string(i) + ".";
    LlamaLayer l;
    l.input_norm = blocks::RmsNorm(reader.take(p + "input_layernorm.weight", {s.hidden}, Init::kOnes), eps);
    l.post_attention_norm = blocks::RmsNorm(reader.take(p + "post_attention_layernorm.weight", {s.hidden}, Init::kOnes), eps);
    const Tensor wq = reader.take(p + "self_attn.q_proj.weight", {q_out, s.hidden}, Init::kNormal);
    const Tensor wk = reader.take(p + "self_attn.k_proj.weight", {kv_out, s.hidden}, Init::kNormal);
    const Tensor wv = reader.take(p + "self_attn.v_proj.weight", {kv_out, s.hidden}, Init::kNormal);
    Tensor qkv_bias;
    if (s.attention_bias || s.qkv_bias)
      qkv_bias = stack_rows({reader.take(p + "self_attn.q_proj.bias", {q_out}, Init::kZeros),
                             reader.take(p + "self_attn.k_proj.bias", {kv_out}, Init::kZeros),
                             reader.take(p + "self_attn.v_proj.bias", {kv_out}, Init::kZeros)},
                            1);
    l.qkv = kernels::LinearWeight(stack_rows({wq, wk, wv}, s.hidden), qkv_bias, precision);
    Tensor o_bias;
    if (s.attention_bias) o_bias = reader.take(p + "self_attn.o_proj.bias", {s.hidden}, Init::kZeros);
    l.o_proj = kernels::LinearWeight(reader.take(p + "self_attn.o_proj.weight", {s.hidden, q_out}, Init::kNormal), o_bias, precision);
    if (s.qk_norm) {
      l.q_norm = blocks::RmsNorm(reader.take(p + "self_attn.q_norm.weight", {s.head_dim}, Init::kOnes), eps);
      l.k_norm = blocks::RmsNorm(reader.take(p + "self_attn.k_norm.weight", {s.head_dim}, Init::kOnes), eps);
    }
    l.mlp = blocks::GatedMlp::load(reader, p + "mlp", s.hidden, s.intermediate, act, s.mlp_bias, precision);
    l.attention = {s.heads, s.kv_heads, s.head_dim, static_cast<float>(1.0 / std::sqrt(static_cast<double>(s.head_dim))),
                   s.sliding_window[static_cast<std::size_t>(i)]};
    layers_.push_back(std::move(l));
  }
  norm_ = blocks::RmsNorm(reader.take(prefix + "norm.weight", {s.hidden}, Init::kOnes), eps);
}

std::unique_ptr<blocks::KvCache> LlamaDecoder::new_cache(std::int64_t batch, std::int64_t capacity) const {
  return std::make_unique<blocks::KvCache>(s_.layers, batch, s_.kv_heads, s_.head_dim, capacity);
}

std::vector<float> LlamaDecoder::run(blocks::KvCache& cache, const DecodeStep& step, std::vector<float>* embeddings_out) const {
  const std::int64_t batch = cache.batch(), n = step.n, rows = batch * n;
  std::vector<float> x(static_cast<std::size_t>(rows * s_.hidden));
  embed_.lookup(step.input_ids, rows, x.data(), false, "input_ids");
  if (embeddings_out) *embeddings_out = x;
  const blocks::RopeTable rope = rope_.table(step.position_ids, rows);
  const std::int64_t start = cache.begin_step(n, step.valid);
  LlamaWorkspace ws;
  const std::int64_t q_width = s_.heads * s_.head_dim, qkv_width = q_width + 2 * s_.kv_heads * s_.head_dim;
  ws.h.resize(static_cast<std::size_t>(rows * s_.hidden));
  ws.qkv.resize(static_cast<std::size_t>(rows * qkv_width));
  ws.attn.resize(static_cast<std::size_t>(rows * q_width));
  ws.mlp_out.resize(static_cast<std::size_t>(rows * s_.hidden));
  for (std::int64_t i = 0; i < s_.layers; ++i) layer_forward(layers_[i], i, cache, start, batch, n, rope, x.data(), ws);
  norm_.apply(x.data(), x.data(), rows);
  return x;
}

void LlamaDecoder::layer_forward(const LlamaLayer& l, std::int64_t index, blocks::KvCache& cache, std::int64_t start,
                                 std::int64_t batch, std::int64_t n, const blocks::RopeTable& rope, float* x,
                                 LlamaWorkspace& ws) const {
  const std::int64_t rows = batch * n, H = s_.hidden, D = s_.head_dim;
  const std::int64_t q_width = s_.heads * D, kv_width = s_.kv_heads * D, qkv_width = q_width + 2 * kv_width;
  std::vector<float>& h = ws.h;
  std::vector<float>& qkv = ws.qkv;
  std::vector<float>& attn = ws.attn;

  l.input_norm.apply(x, h.data(), rows);
  l.qkv.forward(h.data(), rows, qkv.data());
  for (std::int64_t r = 0; r < rows; ++r) {
    float* q = qkv.data() + r * qkv_width;
    float* k = q + q_width;
    const float* v = k + kv_width;
    if (s_.qk_norm) {
      l.q_norm.apply(q, q, s_.heads);
      l.k_norm.apply(k, k, s_.kv_heads);
    }
    blocks::RotaryEmbedding::apply(rope, r, q, s_.heads, D);
    blocks::RotaryEmbedding::apply(rope, r, k, s_.kv_heads, D);
    const std::int64_t b = r / n, slot = start + r % n;
    for (std::int64_t g = 0; g < s_.kv_heads; ++g) {
      std::memcpy(cache.keys(index, b, g) + slot * D, k + g * D, sizeof(float) * D);
      std::memcpy(cache.values(index, b, g) + slot * D, v + g * D, sizeof(float) * D);
    }
  }
  blocks::causal_attention(l.attention, cache, index, n, qkv.data(), qkv_width, attn.data(), q_width);
  l.o_proj.forward(attn.data(), rows, h.data());
  for (std::int64_t i = 0; i < rows * H; ++i) x[i] += h[i];

  l.post_attention_norm.apply(x, h.data(), rows);
  l.mlp.forward(h.data(), rows, ws.mlp_out.data(), ws.mlp_scratch);
  for (std::int64_t i = 0; i < rows * H; ++i) x[i] += ws.mlp_out[i];
}

}  // namespace autoclass::models::llama
