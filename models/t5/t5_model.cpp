// Follows transformers/models/t5/modeling_t5.py (v4.43):
//   T5Stack — shared embedding (no scaling, no absolute positions); pre-norm layers with T5LayerNorm
//     (RMS, no mean, no bias); T5Attention without 1/sqrt(d) scaling and without biases, with relative
//     position buckets owned by block 0 and reused by every layer (bidirectional in the encoder,
//     causal in the decoder), cross-attention without position bias; FFN relu (wi, wo) or gated
//     (act(wi_0 x) * wi_1 x, gated-gelu = gelu_new); final_layer_norm.
//   T5ForConditionalGeneration — lm_head tied to `shared` with the d_model^-0.5 rescale, or untied
//     (tie_word_embeddings false) without it. T5Model / T5EncoderModel — the stacks alone.
#include <cmath>

#include "models/blocks/activation.h"
#include "models/blocks/embedding.h"
#include "models/blocks/rms_norm.h"
#include "models/blocks/seq2seq_attention.h"
#include "models/blocks/seq2seq_model.h"
#include "models/t5/t5_family.h"
#include "models/t5/t5_relative_position.h"
#include "runtime/core/error.h"
#include "runtime/kernels/linear.h"
#include "runtime/model/weight_reader.h"

namespace autoclass::models::t5 {
namespace {

using blocks::Seq2SeqAttention;

// T5DenseActDense / T5DenseGatedActDense.
class T5FeedForward {
 public:
  T5FeedForward() = default;
  T5FeedForward(WeightReader& reader, const std::string& prefix, std::int64_t d_model, std::int64_t d_ff, bool gated,
                blocks::Activation act)
      : gated_(gated), act_(std::move(act)), d_ff_(d_ff) {
    auto linear = [&](const std::string& name, std::int64_t out, std::int64_t in) {
      return kernels::LinearWeight(reader.take(prefix + name + ".weight", {out, in}, Init::kNormal), Tensor());
    };
    if (gated) {
      wi_0_ = linear("wi_0", d_ff, d_model);
      wi_1_ = linear("wi_1", d_ff, d_model);
    } else {
      wi_ = linear("wi", d_ff, d_model);
    }
    wo_ = linear("wo", d_model, d_ff);
  }

  // out = FFN(x), x: [rows, d_model].
  void forward(const float* x, std::int64_t rows, float* out) const {
    std::vector<float> inner(static_cast<std::size_t>(rows * d_ff_));
    if (gated_) {
      std::vector<float> linear(inner.size());
      wi_0_.forward(x, rows, inner.data());
      act_.apply(inner.data(), rows * d_ff_);
      wi_1_.forward(x, rows, linear.data());
      for (std::size_t i = 0; i < inner.size(); ++i) inner[i] *= linear[i];
    } else {
      wi_.forward(x, rows, inner.data());
      act_.apply(inner.data(), rows * d_ff_);
    }
    wo_.forward(inner.data(), rows, out);
  }

 private:
  bool gated_ = false;
  blocks::Activation act_;
  std::int64_t d_ff_ = 0;
  kernels::LinearWeight wi_, wi_0_, wi_1_, wo_;
};

struct EncoderLayer {
  blocks::RmsNorm attn_norm, ffn_norm;
  Seq2SeqAttention attn;
  T5FeedForward ffn;
};

struct DecoderLayer {
  blocks::RmsNorm self_norm, cross_norm, ffn_norm;
  Seq2SeqAttention self_attn, cross_attn;
  T5FeedForward ffn;
};

void add_into(std::vector<float>& h, const std::vector<float>& delta) {
  for (std::size_t i = 0; i < h.size(); ++i) h[i] += delta[i];
}

blocks::Seq2SeqHead head_for(const std::string& architecture) {
  if (architecture == "T5ForConditionalGeneration") return blocks::Seq2SeqHead::kLanguageModel;
  if (architecture == "T5Model") return blocks::Seq2SeqHead::kBase;
  if (architecture == "T5EncoderModel") return blocks::Seq2SeqHead::kEncoderOnly;
  throw Error(ErrorKind::kUnsupported, "t5 kernel family cannot build " + architecture +
                                           " (supported: T5Model, T5ForConditionalGeneration, T5EncoderModel)");
}

class T5 : public blocks::Seq2SeqTransformer {
 public:
  explicit T5(const ModelRequest& request)
      : Seq2SeqTransformer(request.architecture, head_for(request.architecture), request.config.get_int("d_model"),
                           request.config.get_int("vocab_size")) {
    const ConfigView& c = request.config;
    const std::int64_t d_kv = c.get_int("d_kv"), d_ff = c.get_int("d_ff");
    heads_ = c.get_int("num_heads");
    const std::int64_t enc_layers = c.get_int("num_layers");
    const std::int64_t dec_layers = c.get_int("num_decoder_layers", enc_layers);
    num_buckets_ = c.get_int("relative_attention_num_buckets", 32);
    max_distance_ = c.get_int("relative_attention_max_distance", 128);
    const auto eps = static_cast<float>(c.get_float("layer_norm_epsilon", 1e-6));
    tied_ = c.get_bool("tie_word_embeddings", true);
    // T5Config: "gated-gelu" means gelu_new; "relu" / "gated-silu" / ... name the activation after the dash.
    const std::string proj = c.get_string("feed_forward_proj", "relu");
    const auto dash = proj.find('-');
    const bool gated = dash != std::string::npos && proj.substr(0, dash) == "gated";
    if (dash != std::string::npos && (!gated || proj.find('-', dash + 1) != std::string::npos))
      throw Error(ErrorKind::kInvalidArgument, "t5 config: feed_forward_proj '" + proj +
                                                   "' is not '<act>' or 'gated-<act>' (e.g. relu, gated-gelu)");
    const std::string act_name = proj == "gated-gelu" ? "gelu_new" : (dash == std::string::npos ? proj : proj.substr(dash + 1));
    const blocks::Activation act = blocks::activation_by_name(act_name);

    WeightReader reader(request, c.get_float("initializer_factor", 1.0) * std::pow(static_cast<double>(d_model_), -0.5));
    shared_ = blocks::Embedding(reader.take("shared.weight", {vocab_, d_model_}, Init::kNormal), "shared.weight");
    auto norm = [&](const std::string& name) { return blocks::RmsNorm(reader.take(name, {d_model_}, Init::kOnes), eps); };
    auto attention = [&](const std::string& p) {
      return Seq2SeqAttention::load(reader, {p + "q", p + "k", p + "v", p + "o"}, d_model_, heads_, d_kv, false, 1.0f);
    };
    for (std::int64_t i = 0; i < enc_layers; ++i) {
      const std::string p = "encoder.block." + std::to_string(i) + ".layer.";
      EncoderLayer l;
      l.attn = attention(p + "0.SelfAttention.");
      l.attn_norm = norm(p + "0.layer_norm.weight");
      l.ffn = T5FeedForward(reader, p + "1.DenseReluDense.", d_model_, d_ff, gated, act);
      l.ffn_norm = norm(p + "1.layer_norm.weight");
      encoder_.push_back(std::move(l));
    }
    encoder_bias_ = reader.take("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", {num_buckets_, heads_},
                                Init::kNormal);
    encoder_norm_ = norm("encoder.final_layer_norm.weight");
    if (head_ != blocks::Seq2SeqHead::kEncoderOnly) {
      for (std::int64_t i = 0; i < dec_layers; ++i) {
        const std::string p = "decoder.block." + std::to_string(i) + ".layer.";
        DecoderLayer l;
        l.self_attn = attention(p + "0.SelfAttention.");
        l.self_norm = norm(p + "0.layer_norm.weight");
        l.cross_attn = attention(p + "1.EncDecAttention.");
        l.cross_norm = norm(p + "1.layer_norm.weight");
        l.ffn = T5FeedForward(reader, p + "2.DenseReluDense.", d_model_, d_ff, gated, act);
        l.ffn_norm = norm(p + "2.layer_norm.weight");
        decoder_.push_back(std::move(l));
      }
      decoder_bias_ = reader.take("decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                                  {num_buckets_, heads_}, Init::kNormal);
      decoder_norm_ = norm("decoder.final_layer_norm.weight");
    }
    if (head_ == blocks::Seq2SeqHead::kLanguageModel) {
      lm_head_ = tied_ ? kernels::LinearWeight(shared_.table(), Tensor())
                       : kernels::LinearWeight(reader.take("lm_head.weight", {vocab_, d_model_}, Init::kNormal), Tensor());
    }
    // Tied copies of `shared` and HF's own ignore lists (T5EncoderModel ignores the decoder).
    std::vector<std::string> ignore{"encoder.embed_tokens.weight", "decoder.embed_tokens.weight",
                                    "decoder.block.0.layer.1.EncDecAttention.relative_attention_bias.weight"};
    if (head_ == blocks::Seq2SeqHead::kEncoderOnly) ignore.push_back("decoder.");
    if (tied_) ignore.push_back("lm_head.weight");
    reader.finish(ignore);
    inner_ = heads_ * d_kv;
  }

 protected:
  void run_encoder(const std::int64_t* ids, const std::uint8_t* valid, std::int64_t batch, std::int64_t source,
                   float* out) const override {
    const std::int64_t rows = batch * source;
    std::vector<float> h(static_cast<std::size_t>(rows * d_model_)), normed(h.size()), delta(h.size());
    shared_.lookup(ids, rows, h.data(), false, "input_ids");
    const std::vector<float> bias = relative_position_bias(encoder_bias_, 0, source, source, true, max_distance_);
    const blocks::AttentionBias position{bias.data(), source * source, source};
    std::vector<float> q(static_cast<std::size_t>(rows * inner_)), k(q.size()), v(q.size()), ctx(q.size());
    for (const auto& l : encoder_) {
      l.attn_norm.apply(h.data(), normed.data(), rows);
      l.attn.project_q(normed.data(), rows, q.data());
      l.attn.project_kv(normed.data(), rows, k.data(), v.data());
      for (std::int64_t b = 0; b < batch; ++b) {
        const std::int64_t o = b * source * inner_;
        l.attn.attend(q.data() + o, source, k.data() + o, v.data() + o, source, position, valid + b * source,
                      Seq2SeqAttention::kNotCausal, ctx.data() + o);
      }
      l.attn.project_out(ctx.data(), rows, delta.data());
      add_into(h, delta);
      l.ffn_norm.apply(h.data(), normed.data(), rows);
      l.ffn.forward(normed.data(), rows, delta.data());
      add_into(h, delta);
    }
    encoder_norm_.apply(h.data(), out, rows);
  }

  std::int64_t decoder_layers() const override { return static_cast<std::int64_t>(decoder_.size()); }
  std::int64_t cross_inner() const override { return inner_; }

  void fill_cross_cache(blocks::Seq2SeqCache& cache) const override {
    const std::int64_t rows = cache.batch() * cache.source_len();
    for (std::size_t l = 0; l < decoder_.size(); ++l)
      decoder_[l].cross_attn.project_kv(cache.encoder_hidden().data(), rows, cache.cross_k(static_cast<std::int64_t>(l), 0),
                                        cache.cross_v(static_cast<std::int64_t>(l), 0));
  }

  std::vector<float> run_decoder(blocks::Seq2SeqCache& cache, const std::int64_t* ids, std::int64_t n) const override {
    const std::int64_t batch = cache.batch(), source = cache.source_len();
    const std::int64_t total = cache.decoded_length(), past = total - n, rows = batch * n;
    std::vector<float> h(static_cast<std::size_t>(rows * d_model_)), normed(h.size()), delta(h.size());
    shared_.lookup(ids, rows, h.data(), false, "decoder_input_ids");
    const std::vector<float> bias = relative_position_bias(decoder_bias_, past, n, total, false, max_distance_);
    const blocks::AttentionBias position{bias.data(), n * total, total};
    std::vector<float> q(static_cast<std::size_t>(rows * inner_)), k(q.size()), v(q.size()), ctx(q.size());
    for (std::size_t li = 0; li < decoder_.size(); ++li) {
      const auto& l = decoder_[li];
      const auto layer = static_cast<std::int64_t>(li);
      l.self_norm.apply(h.data(), normed.data(), rows);
      l.self_attn.project_q(normed.data(), rows, q.data());
      l.self_attn.project_kv(normed.data(), rows, k.data(), v.data());
      for (std::int64_t b = 0; b < batch; ++b) {
        const std::int64_t o = b * n * inner_;
        auto& ck = cache.self_k(layer, b);
        auto& cv = cache.self_v(layer, b);
        ck.insert(ck.end(), k.begin() + o, k.begin() + o + n * inner_);
        cv.insert(cv.end(), v.begin() + o, v.begin() + o + n * inner_);
        l.self_attn.attend(q.data() + o, n, ck.data(), cv.data(), total, position, cache.target_valid(b), past, ctx.data() + o);
      }
      l.self_attn.project_out(ctx.data(), rows, delta.data());
      add_into(h, delta);

      l.cross_norm.apply(h.data(), normed.data(), rows);
      l.cross_attn.project_q(normed.data(), rows, q.data());
      for (std::int64_t b = 0; b < batch; ++b) {
        const std::int64_t o = b * n * inner_;
        l.cross_attn.attend(q.data() + o, n, cache.cross_k(layer, b), cache.cross_v(layer, b), source, {},
                            cache.source_valid(b), Seq2SeqAttention::kNotCausal, ctx.data() + o);
      }
      l.cross_attn.project_out(ctx.data(), rows, delta.data());
      add_into(h, delta);

      l.ffn_norm.apply(h.data(), normed.data(), rows);
      l.ffn.forward(normed.data(), rows, delta.data());
      add_into(h, delta);
    }
    decoder_norm_.apply(h.data(), h.data(), rows);
    return h;
  }

  void lm_head(const float* hidden, std::int64_t rows, float* logits) const override {
    if (head_ != blocks::Seq2SeqHead::kLanguageModel)
      throw Error(ErrorKind::kUnsupported, class_name_ + " has no language-model head; use T5ForConditionalGeneration");
    if (!tied_) {
      lm_head_.forward(hidden, rows, logits);
      return;
    }
    // Tied head: sequence_output * d_model**-0.5 first (in float32, as torch).
    const auto scale = static_cast<float>(std::pow(static_cast<double>(d_model_), -0.5));
    std::vector<float> scaled(hidden, hidden + rows * d_model_);
    for (float& x : scaled) x *= scale;
    lm_head_.forward(scaled.data(), rows, logits);
  }

 private:
  std::int64_t heads_ = 0, inner_ = 0, num_buckets_ = 32, max_distance_ = 128;
  bool tied_ = true;
  blocks::Embedding shared_;
  std::vector<EncoderLayer> encoder_;
  std::vector<DecoderLayer> decoder_;
  Tensor encoder_bias_, decoder_bias_;
  blocks::RmsNorm encoder_norm_, decoder_norm_;
  kernels::LinearWeight lm_head_;
};

}  // namespace

std::unique_ptr<Model> create(const ModelRequest& request) { return std::make_unique<T5>(request); }

}  // namespace autoclass::models::t5
