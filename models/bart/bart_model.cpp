// Follows transformers/models/bart/modeling_bart.py (v4.43):
//   embeddings — shared token table (· sqrt(d_model) when scale_embedding) + BartLearnedPositionalEmbedding
//     (positions past.. + offset 2), then layernorm_embedding;
//   BartEncoderLayer / BartDecoderLayer — post-LayerNorm: x = LN(x + attn(x)) for self-attention,
//     cross-attention (decoder) and the fc1 → activation_function → fc2 MLP; BartAttention has biases
//     everywhere and scales queries by head_dim^-0.5 after q_proj;
//   BartForConditionalGeneration — lm_head tied to model.shared, plus the final_logits_bias buffer.
#include <cmath>

#include "models/bart/bart_family.h"
#include "models/blocks/activation.h"
#include "models/blocks/embedding.h"
#include "models/blocks/feed_forward.h"
#include "models/blocks/layer_norm.h"
#include "models/blocks/seq2seq_attention.h"
#include "models/blocks/seq2seq_model.h"
#include "runtime/core/error.h"
#include "runtime/kernels/linear.h"
#include "runtime/model/weight_reader.h"

namespace autoclass::models::bart {
namespace {

using blocks::Seq2SeqAttention;
constexpr std::int64_t kPositionOffset = 2;  // BartLearnedPositionalEmbedding.offset
constexpr float kLayerNormEps = 1e-5f;       // nn.LayerNorm default; BART does not configure it

struct EncoderLayer {
  Seq2SeqAttention self_attn;
  blocks::LayerNorm self_attn_layer_norm, final_layer_norm;
  blocks::FeedForward mlp;
};

struct DecoderLayer {
  Seq2SeqAttention self_attn, encoder_attn;
  blocks::LayerNorm self_attn_layer_norm, encoder_attn_layer_norm, final_layer_norm;
  blocks::FeedForward mlp;
};

blocks::Seq2SeqHead head_for(const std::string& architecture) {
  if (architecture == "BartForConditionalGeneration") return blocks::Seq2SeqHead::kLanguageModel;
  if (architecture == "BartModel") return blocks::Seq2SeqHead::kBase;
  throw Error(ErrorKind::kUnsupported,
              "bart kernel family cannot build " + architecture + " (supported: BartModel, BartForConditionalGeneration)");
}

class Bart : public blocks::Seq2SeqTransformer {
 public:
  explicit Bart(const ModelRequest& request)
      : Seq2SeqTransformer(request.architecture, head_for(request.architecture), request.config.get_int("d_model"),
                           request.config.get_int("vocab_size")) {
    const ConfigView& c = request.config;
    const std::int64_t enc_layers = c.get_int("encoder_layers"), dec_layers = c.get_int("decoder_layers");
    const std::int64_t enc_heads = c.get_int("encoder_attention_heads"), dec_heads = c.get_int("decoder_attention_heads");
    const std::int64_t enc_ffn = c.get_int("encoder_ffn_dim"), dec_ffn = c.get_int("decoder_ffn_dim");
    max_positions_ = c.get_int("max_position_embeddings");
    pad_token_id_ = c.get_int("pad_token_id", 1);
    decoder_start_ = c.get_int("decoder_start_token_id", 2);
    embed_scale_ = c.get_bool("scale_embedding", false) ? static_cast<float>(std::sqrt(static_cast<double>(d_model_))) : 1.0f;
    const blocks::Activation act = blocks::activation_by_name(c.get_string("activation_function", "gelu"));
    for (auto [heads, what] : {std::pair{enc_heads, "encoder_attention_heads"}, std::pair{dec_heads, "decoder_attention_heads"}})
      if (heads <= 0 || d_model_ % heads != 0)
        throw Error(ErrorKind::kInvalidArgument, "bart config: d_model " + std::to_string(d_model_) +
                                                     " is not divisible by " + what + " " + std::to_string(heads));
    dec_inner_ = d_model_;

    const bool head_model = head_ == blocks::Seq2SeqHead::kLanguageModel;
    WeightReader reader(request, c.get_float("init_std", 0.02));
    reader.set_base_model_prefix("model", head_model);
    const std::string p = head_model ? "model." : "";
    shared_ = blocks::Embedding(reader.take(p + "shared.weight", {vocab_, d_model_}, Init::kNormal), p + "shared.weight");
    auto attention = [&](const std::string& name, std::int64_t heads) {
      return Seq2SeqAttention::load(reader, {name + "q_proj", name + "k_proj", name + "v_proj", name + "out_proj"}, d_model_,
                                    heads, d_model_ / heads, true,
                                    static_cast<float>(std::pow(static_cast<double>(d_model_ / heads), -0.5)));
    };
    auto norm = [&](const std::string& name) { return blocks::LayerNorm::load(reader, name, d_model_, kLayerNormEps); };
    const std::int64_t table_rows = max_positions_ + kPositionOffset;
    encoder_positions_ = reader.take(p + "encoder.embed_positions.weight", {table_rows, d_model_}, Init::kNormal);
    encoder_embed_norm_ = norm(p + "encoder.layernorm_embedding");
    for (std::int64_t i = 0; i < enc_layers; ++i) {
      const std::string l = p + "encoder.layers." + std::to_string(i) + ".";
      EncoderLayer layer;
      layer.self_attn = attention(l + "self_attn.", enc_heads);
      layer.self_attn_layer_norm = norm(l + "self_attn_layer_norm");
      layer.mlp = blocks::FeedForward::load(reader, l + "fc1", l + "fc2", d_model_, enc_ffn, act);
      layer.final_layer_norm = norm(l + "final_layer_norm");
      encoder_.push_back(std::move(layer));
    }
    decoder_positions_ = reader.take(p + "decoder.embed_positions.weight", {table_rows, d_model_}, Init::kNormal);
    decoder_embed_norm_ = norm(p + "decoder.layernorm_embedding");
    for (std::int64_t i = 0; i < dec_layers; ++i) {
      const std::string l = p + "decoder.layers." + std::to_string(i) + ".";
      DecoderLayer layer;
      layer.self_attn = attention(l + "self_attn.", dec_heads);
      layer.self_attn_layer_norm = norm(l + "self_attn_layer_norm");
      layer.encoder_attn = attention(l + "encoder_attn.", dec_heads);
      layer.encoder_attn_layer_norm = norm(l + "encoder_attn_layer_norm");
      layer.mlp = blocks::FeedForward::load(reader, l + "fc1", l + "fc2", d_model_, dec_ffn, act);
      layer.final_layer_norm = norm(l + "final_layer_norm");
      decoder_.push_back(std::move(layer));
    }
    std::vector<std::string> ignore{"encoder.embed_tokens.weight", "decoder.embed_tokens.weight"};
    if (head_model) {
      const bool tied = c.get_bool("tie_word_embeddings", true);
      Tensor bias = reader.take("final_logits_bias", {1, vocab_}, Init::kZeros).reshaped({vocab_});
      lm_head_ = tied ? kernels::LinearWeight(shared_.table(), bias)
                      : kernels::LinearWeight(reader.take("lm_head.weight", {vocab_, d_model_}, Init::kNormal), bias);
      if (tied) ignore.push_back("lm_head.weight");
    }
    reader.finish(ignore);
  }

 protected:
  // Token embeddings · embed_scale + learned positions first.. (offset 2), then layernorm_embedding.
  void embed(const std::int64_t* ids, std::int64_t batch, std::int64_t n, std::int64_t first, const Tensor& positions,
             const blocks::LayerNorm& norm, const char* what, float* out) const {
    if (first + n > max_positions_)
      throw Error(ErrorKind::kInvalidArgument, class_name_ + ": " + what + " reach position " + std::to_string(first + n) +
                                                   ", beyond max_position_embeddings " + std::to_string(max_positions_));
    shared_.lookup(ids, batch * n, out, false, what);
    const float* pos = positions.data<float>();
    for (std::int64_t b = 0; b < batch; ++b)
      for (std::int64_t t = 0; t < n; ++t) {
        float* row = out + (b * n + t) * d_model_;
        const float* p = pos + (first + t + kPositionOffset) * d_model_;
        for (std::int64_t i = 0; i < d_model_; ++i) row[i] = row[i] * embed_scale_ + p[i];
      }
    norm.apply(out, batch * n);
  }

  void run_encoder(const std::int64_t* ids, const std::uint8_t* valid, std::int64_t batch, std::int64_t source,
                   float* out) const override {
    const std::int64_t rows = batch * source;
    std::vector<float> h(static_cast<std::size_t>(rows * d_model_)), delta(h.size());
    embed(ids, batch, source, 0, encoder_positions_, encoder_embed_norm_, "input_ids", h.data());
    std::vector<float> q(h.size()), k(h.size()), v(h.size()), ctx(h.size());
    for (const auto& l : encoder_) {
      l.self_attn.project_q(h.data(), rows, q.data());
      l.self_attn.project_kv(h.data(), rows, k.data(), v.data());
      for (std::int64_t b = 0; b < batch; ++b) {
        const std::int64_t o = b * source * d_model_;
        l.self_attn.attend(q.data() + o, source, k.data() + o, v.data() + o, source, {}, valid + b * source,
                           Seq2SeqAttention::kNotCausal, ctx.data() + o);
      }
      l.self_attn.project_out(ctx.data(), rows, delta.data());
      l.self_attn_layer_norm.apply_residual(h.data(), delta.data(), rows);
      l.mlp.forward(h.data(), rows, delta.data());
      l.final_layer_norm.apply_residual(h.data(), delta.data(), rows);
    }
    std::copy(h.begin(), h.end(), out);
  }

  std::int64_t decoder_layers() const override { return static_cast<std::int64_t>(decoder_.size()); }
  std::int64_t cross_inner() const override { return dec_inner_; }

  void fill_cross_cache(blocks::Seq2SeqCache& cache) const override {
    const std::int64_t rows = cache.batch() * cache.source_len();
    for (std::size_t l = 0; l < decoder_.size(); ++l)
      decoder_[l].encoder_attn.project_kv(cache.encoder_hidden().data(), rows, cache.cross_k(static_cast<std::int64_t>(l), 0),
                                          cache.cross_v(static_cast<std::int64_t>(l), 0));
  }

  std::vector<float> run_decoder(blocks::Seq2SeqCache& cache, const std::int64_t* ids, std::int64_t n) const override {
    const std::int64_t batch = cache.batch(), source = cache.source_len();
    const std::int64_t total = cache.decoded_length(), past = total - n, rows = batch * n;
    std::vector<float> h(static_cast<std::size_t>(rows * d_model_)), delta(h.size());
    embed(ids, batch, n, past, decoder_positions_, decoder_embed_norm_, "decoder_input_ids", h.data());
    std::vector<float> q(h.size()), k(h.size()), v(h.size()), ctx(h.size());
    for (std::size_t li = 0; li < decoder_.size(); ++li) {
      const auto& l = decoder_[li];
      const auto layer = static_cast<std::int64_t>(li);
      l.self_attn.project_q(h.data(), rows, q.data());
      l.self_attn.project_kv(h.data(), rows, k.data(), v.data());
      for (std::int64_t b = 0; b < batch; ++b) {
        const std::int64_t o = b * n * d_model_;
        auto& ck = cache.self_k(layer, b);
        auto& cv = cache.self_v(layer, b);
        ck.insert(ck.end(), k.begin() + o, k.begin() + o + n * d_model_);
        cv.insert(cv.end(), v.begin() + o, v.begin() + o + n * d_model_);
        l.self_attn.attend(q.data() + o, n, ck.data(), cv.data(), total, {}, cache.target_valid(b), past, ctx.data() + o);
      }
      l.self_attn.project_out(ctx.data(), rows, delta.data());
      l.self_attn_layer_norm.apply_residual(h.data(), delta.data(), rows);

      l.encoder_attn.project_q(h.data(), rows, q.data());
      for (std::int64_t b = 0; b < batch; ++b) {
        const std::int64_t o = b * n * d_model_;
        l.encoder_attn.attend(q.data() + o, n, cache.cross_k(layer, b), cache.cross_v(layer, b), source, {},
                              cache.source_valid(b), Seq2SeqAttention::kNotCausal, ctx.data() + o);
      }
      l.encoder_attn.project_out(ctx.data(), rows, delta.data());
      l.encoder_attn_layer_norm.apply_residual(h.data(), delta.data(), rows);

      l.mlp.forward(h.data(), rows, delta.data());
      l.final_layer_norm.apply_residual(h.data(), delta.data(), rows);
    }
    return h;
  }

  void lm_head(const float* hidden, std::int64_t rows, float* logits) const override {
    if (head_ != blocks::Seq2SeqHead::kLanguageModel)
      throw Error(ErrorKind::kUnsupported, class_name_ + " has no language-model head; use BartForConditionalGeneration");
    lm_head_.forward(hidden, rows, logits);
  }

  // HF shift_tokens_right: decoder_start_token_id, then input_ids[:, :-1] (-100 → pad_token_id).
  std::vector<std::int64_t> default_decoder_input_ids(const Tensor& input_ids) const override {
    const auto ids = blocks::int64_values(input_ids, "input_ids", class_name_);
    const std::int64_t batch = input_ids.dim(0), n = input_ids.dim(1);
    std::vector<std::int64_t> out(ids.size());
    for (std::int64_t b = 0; b < batch; ++b) {
      out[static_cast<std::size_t>(b * n)] = decoder_start_;
      for (std::int64_t t = 1; t < n; ++t) {
        const std::int64_t id = ids[static_cast<std::size_t>(b * n + t - 1)];
        out[static_cast<std::size_t>(b * n + t)] = id == -100 ? pad_token_id_ : id;
      }
    }
    return out;
  }

 private:
  std::int64_t max_positions_ = 0, pad_token_id_ = 1, decoder_start_ = 2, dec_inner_ = 0;
  float embed_scale_ = 1.0f;
  blocks::Embedding shared_;
  Tensor encoder_positions_, decoder_positions_;
  blocks::LayerNorm encoder_embed_norm_, decoder_embed_norm_;
  std::vector<EncoderLayer> encoder_;
  std::vector<DecoderLayer> decoder_;
  kernels::LinearWeight lm_head_;
};

}  // namespace

std::unique_ptr<Model> create(const ModelRequest& request) { return std::make_unique<Bart>(request); }

}  // namespace autoclass::models::bart
