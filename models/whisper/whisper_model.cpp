// Follows transformers/models/whisper/modeling_whisper.py:
//   WhisperEncoder — conv1 (k3, pad 1) + GELU, conv2 (k3, stride 2, pad 1) + GELU, + embed_positions
//     (sinusoidal; computed as HF's sinusoids() when the checkpoint lacks them), pre-LN layers, layer_norm;
//     input_features must have 2·max_source_positions frames, as HF requires;
//   WhisperDecoder — embed_tokens (· sqrt(d_model) when scale_embedding) + learned embed_positions,
//     pre-LN layers (causal self-attention, cross-attention on the encoder output, MLP), layer_norm;
//   WhisperForConditionalGeneration — proj_out tied to embed_tokens (unless the checkpoint has its own
//     and tie_word_embeddings is false).
#include <cmath>
#include <cstring>

#include "models/blocks/activation.h"
#include "models/blocks/embedding.h"
#include "models/blocks/feed_forward.h"
#include "models/blocks/layer_norm.h"
#include "models/blocks/wav2vec2_conv1d.h"
#include "models/whisper/whisper_attention.h"
#include "models/whisper/whisper_family.h"
#include "runtime/core/error.h"
#include "runtime/kernels/linear.h"
#include "runtime/model/weight_reader.h"

namespace autoclass::models::whisper {
namespace {

struct EncoderLayer {
  blocks::LayerNorm self_attn_layer_norm, final_layer_norm;
  WhisperAttention self_attn;
  blocks::FeedForward mlp;
};

struct DecoderLayer {
  blocks::LayerNorm self_attn_layer_norm, encoder_attn_layer_norm, final_layer_norm;
  WhisperAttention self_attn, encoder_attn;
  blocks::FeedForward mlp;
};

// HF's sinusoids(length, channels): [sin(t·inv) | cos(t·inv)], inv_i = exp(-i·ln(10000)/(channels/2 - 1)).
Tensor sinusoids(std::int64_t length, std::int64_t channels) {
  Tensor t(DType::kF32, {length, channels});
  const std::int64_t half = channels / 2;
  const double increment = std::log(10000.0) / static_cast<double>(half - 1);
  for (std::int64_t p = 0; p < length; ++p)
    for (std::int64_t i = 0; i < half; ++i) {
      const float inv = static_cast<float>(std::exp(-increment * static_cast<double>(i)));
      const float angle = static_cast<float>(p) * inv;
      t.data_mut<float>()[p * channels + i] = std::sin(angle);
      t.data_mut<float>()[p * channels + half + i] = std::cos(angle);
    }
  return t;
}

void add_into(float* h, const float* delta, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) h[i] += delta[i];
}

class Whisper : public Model {
 public:
  explicit Whisper(const ModelRequest& request) : architecture_(request.architecture) {
    const ConfigView& c = request.config;
    const bool head_model = architecture_ == "WhisperForConditionalGeneration";
    if (!head_model && architecture_ != "WhisperModel")
      throw Error(ErrorKind::kUnsupported, "whisper kernel family cannot build " + architecture_ +
                                               " (supported: WhisperModel, WhisperForConditionalGeneration)");
    d_ = c.get_int("d_model");
    mels_ = c.get_int("num_mel_bins", 80);
    source_positions_ = c.get_int("max_source_positions", 1500);
    target_positions_ = c.get_int("max_target_positions", 448);
    vocab_ = c.get_int("vocab_size");
    embed_scale_ = c.get_bool("scale_embedding", false) ? static_cast<float>(std::sqrt(static_cast<double>(d_))) : 1.0f;
    const blocks::Activation act = blocks::activation_by_name(c.get_string("activation_function", "gelu"));
    constexpr float eps = 1e-5f;  // nn.LayerNorm default; Whisper does not configure it

    WeightReader reader(request, c.get_float("init_std", 0.02));
    reader.set_base_model_prefix("model", head_model);
    const std::string p = head_model ? "model." : "";
    const std::string e = p + "encoder.", dd = p + "decoder.";
    conv1_ = blocks::Conv1d(reader.take(e + "conv1.weight", {d_, mels_, 3}, Init::kNormal),
                            reader.take(e + "conv1.bias", {d_}, Init::kZeros), 1, 1);
    conv2_ = blocks::Conv1d(reader.take(e + "conv2.weight", {d_, d_, 3}, Init::kNormal),
                            reader.take(e + "conv2.bias", {d_}, Init::kZeros), 2, 1);
    auto stored = reader.take_optional(e + "embed_positions.weight", {source_positions_, d_});
    encoder_positions_ = stored ? *stored : sinusoids(source_positions_, d_);
    const std::int64_t enc_heads = c.get_int("encoder_attention_heads"), dec_heads = c.get_int("decoder_attention_heads");
    for (std::int64_t i = 0, n = c.get_int("encoder_layers"); i < n; ++i) {
      const std::string l = e + "layers." + std::to_string(i) + ".";
      EncoderLayer layer;
      layer.self_attn_layer_norm = blocks::LayerNorm::load(reader, l + "self_attn_layer_norm", d_, eps);
      layer.self_attn = WhisperAttention::load(reader, l + "self_attn.", d_, enc_heads);
      layer.final_layer_norm = blocks::LayerNorm::load(reader, l + "final_layer_norm", d_, eps);
      layer.mlp = blocks::FeedForward::load(reader, l + "fc1", l + "fc2", d_, c.get_int("encoder_ffn_dim"), act);
      encoder_layers_.push_back(std::move(layer));
    }
    encoder_norm_ = blocks::LayerNorm::load(reader, e + "layer_norm", d_, eps);

    const std::string tokens_name = dd + "embed_tokens.weight";
    embed_tokens_ = blocks::Embedding(reader.take(tokens_name, {vocab_, d_}, Init::kNormal), tokens_name);
    decoder_positions_ = reader.take(dd + "embed_positions.weight", {target_positions_, d_}, Init::kNormal);
    for (std::int64_t i = 0, n = c.get_int("decoder_layers"); i < n; ++i) {
      const std::string l = dd + "layers." + std::to_string(i) + ".";
      DecoderLayer layer;
      layer.self_attn_layer_norm = blocks::LayerNorm::load(reader, l + "self_attn_layer_norm", d_, eps);
      layer.self_attn = WhisperAttention::load(reader, l + "self_attn.", d_, dec_heads);
      layer.encoder_attn_layer_norm = blocks::LayerNorm::load(reader, l + "encoder_attn_layer_norm", d_, eps);
      layer.encoder_attn = WhisperAttention::load(reader, l + "encoder_attn.", d_, dec_heads);
      layer.final_layer_norm = blocks::LayerNorm::load(reader, l + "final_layer_norm", d_, eps);
      layer.mlp = blocks::FeedForward::load(reader, l + "fc1", l + "fc2", d_, c.get_int("decoder_ffn_dim"), act);
      decoder_layers_.push_back(std::move(layer));
    }
    decoder_norm_ = blocks::LayerNorm::load(reader, dd + "layer_norm", d_, eps);
    if (head_model) {
      const bool tied = c.get_bool("tie_word_embeddings", true);
      if (!tied && reader.has("proj_out.weight"))
        proj_out_ = kernels::LinearWeight(reader.take("proj_out.weight", {vocab_, d_}, Init::kNormal), Tensor());
      else
        proj_out_ = kernels::LinearWeight(embed_tokens_.table(), Tensor());
      has_proj_out_ = true;
    }
    reader.finish({"proj_out.weight"});
  }

  std::string class_name() const override { return architecture_; }

  TensorMap forward(const TensorMap& inputs) override {
    for (const auto& [name, t] : inputs)
      if (name != "input_features" && name != "decoder_input_ids" && name != "encoder_outputs")
        throw Error(ErrorKind::kInvalidArgument, architecture_ + ".forward: unknown input '" + name +
                                                     "' (expected input_features, decoder_input_ids, encoder_outputs)");
    TensorMap out;
    Tensor encoded;
    if (auto it = inputs.find("encoder_outputs"); it != inputs.end()) {
      encoded = it->second.to(DType::kF32);
      if (encoded.ndim() != 3 || encoded.dim(2) != d_)
        throw Error(ErrorKind::kInvalidArgument, "encoder_outputs has shape " + shape_string(encoded.shape()) +
                                                     ", expected [batch, frames, " + std::to_string(d_) + "]");
    } else if (auto f = inputs.find("input_features"); f != inputs.end()) {
      encoded = encode(f->second.to(DType::kF32));
    } else {
      throw Error(ErrorKind::kInvalidArgument, architecture_ + ".forward: input_features (or encoder_outputs) is required");
    }
    out["encoder_last_hidden_state"] = encoded;
    auto ids = inputs.find("decoder_input_ids");
    if (ids == inputs.end()) return out;  // encoder only
    const Tensor dec = decode(ids->second.to(DType::kI64), encoded);
    out["decoder_last_hidden_state"] = dec;
    if (!has_proj_out_) out["last_hidden_state"] = dec;
    if (has_proj_out_) {
      const std::int64_t rows = dec.dim(0) * dec.dim(1);
      out["logits"] = proj_out_.forward(dec.reshaped({rows, d_})).reshaped({dec.dim(0), dec.dim(1), vocab_});
    }
    return out;
  }

 private:
  Tensor encode(const Tensor& features) const {
    const std::int64_t expected_frames = source_positions_ * 2;  // conv1 stride 1 · conv2 stride 2
    if (features.ndim() != 3 || features.dim(1) != mels_ || features.dim(2) != expected_frames)
      throw Error(ErrorKind::kInvalidArgument,
                  "input_features has shape " + shape_string(features.shape()) + "; Whisper expects [batch, " +
                      std::to_string(mels_) + ", " + std::to_string(expected_frames) +
                      "] (pad the log-mel features to " + std::to_string(expected_frames) + " frames)");
    const std::int64_t batch = features.dim(0), frames = features.dim(2);
    Tensor hidden(DType::kF32, {batch, source_positions_, d_});
    std::vector<float> padded(static_cast<std::size_t>((frames + 2) * std::max(mels_, d_))), mid;
    const blocks::Activation gelu = blocks::activation_by_name("gelu");
    for (std::int64_t b = 0; b < batch; ++b) {
      // Channels-first mel → time-major rows with one zero frame each side (padding=1).
      std::fill(padded.begin(), padded.end(), 0.0f);
      const float* src = features.data<float>() + b * mels_ * frames;
      for (std::int64_t m = 0; m < mels_; ++m)
        for (std::int64_t t = 0; t < frames; ++t) padded[(t + 1) * mels_ + m] = src[m * frames + t];
      mid.assign(static_cast<std::size_t>((frames + 2) * d_), 0.0f);
      conv1_.forward(padded.data(), frames + 2, mid.data() + d_);  // rows 1..frames; rows 0 and frames+1 stay zero
      gelu.apply(mid.data() + d_, frames * d_);
      float* h = hidden.data_mut<float>() + b * source_positions_ * d_;
      conv2_.forward(mid.data(), frames + 2, h);
      gelu.apply(h, source_positions_ * d_);
      add_into(h, encoder_positions_.data<float>(), static_cast<std::size_t>(source_positions_ * d_));
    }
    const std::int64_t rows = batch * source_positions_;
    float* h = hidden.data_mut<float>();
    std::vector<float> normed(static_cast<std::size_t>(rows * d_)), delta(normed.size());
    for (const EncoderLayer& layer : encoder_layers_) {
      std::memcpy(normed.data(), h, sizeof(float) * normed.size());
      layer.self_attn_layer_norm.apply(normed.data(), rows);
      layer.self_attn.forward(normed.data(), batch, source_positions_, normed.data(), source_positions_, false, delta.data());
      add_into(h, delta.data(), delta.size());
      std::memcpy(normed.data(), h, sizeof(float) * normed.size());
      layer.final_layer_norm.apply(normed.data(), rows);
      layer.mlp.forward(normed.data(), rows, delta.data());
      add_into(h, delta.data(), delta.size());
    }
    encoder_norm_.apply(h, rows);
    return hidden;
  }

  Tensor decode(const Tensor& ids, const Tensor& encoded) const {
    if (ids.ndim() != 2 || ids.dim(1) <= 0)
      throw Error(ErrorKind::kInvalidArgument, "decoder_input_ids has shape " + shape_string(ids.shape()) + ", expected [batch, length]");
    const std::int64_t batch = ids.dim(0), len = ids.dim(1), src = encoded.dim(1);
    if (encoded.dim(0) != batch)
      throw Error(ErrorKind::kInvalidArgument, "decoder_input_ids has batch " + std::to_string(batch) +
                                                   " but the encoder output has batch " + std::to_string(encoded.dim(0)));
    if (len > target_positions_)
      throw Error(ErrorKind::kInvalidArgument, "decoder_input_ids has " + std::to_string(len) +
                                                   " tokens; this model's max_target_positions is " + std::to_string(target_positions_));
    const std::int64_t rows = batch * len;
    Tensor hidden(DType::kF32, {batch, len, d_});
    float* h = hidden.data_mut<float>();
    embed_tokens_.lookup(ids.data<std::int64_t>(), rows, h, false, "decoder_input_ids");
    for (std::int64_t r = 0; r < rows; ++r) {
      const float* pos = decoder_positions_.data<float>() + (r % len) * d_;
      for (std::int64_t i = 0; i < d_; ++i) h[r * d_ + i] = h[r * d_ + i] * embed_scale_ + pos[i];
    }
    std::vector<float> normed(static_cast<std::size_t>(rows * d_)), delta(normed.size());
    for (const DecoderLayer& layer : decoder_layers_) {
      std::memcpy(normed.data(), h, sizeof(float) * normed.size());
      layer.self_attn_layer_norm.apply(normed.data(), rows);
      layer.self_attn.forward(normed.data(), batch, len, normed.data(), len, true, delta.data());
      add_into(h, delta.data(), delta.size());
      std::memcpy(normed.data(), h, sizeof(float) * normed.size());
      layer.encoder_attn_layer_norm.apply(normed.data(), rows);
      layer.encoder_attn.forward(normed.data(), batch, len, encoded.data<float>(), src, false, delta.data());
      add_into(h, delta.data(), delta.size());
      std::memcpy(normed.data(), h, sizeof(float) * normed.size());
      layer.final_layer_norm.apply(normed.data(), rows);
      layer.mlp.forward(normed.data(), rows, delta.data());
      add_into(h, delta.data(), delta.size());
    }
    decoder_norm_.apply(h, rows);
    return hidden;
  }

  std::string architecture_;
  std::int64_t d_ = 0, mels_ = 80, source_positions_ = 1500, target_positions_ = 448, vocab_ = 0;
  float embed_scale_ = 1.0f;
  blocks::Conv1d conv1_, conv2_;
  Tensor encoder_positions_, decoder_positions_;
  std::vector<EncoderLayer> encoder_layers_;
  std::vector<DecoderLayer> decoder_layers_;
  blocks::LayerNorm encoder_norm_, decoder_norm_;
  blocks::Embedding embed_tokens_;
  kernels::LinearWeight proj_out_;
  bool has_proj_out_ = false;
};

}  // namespace

std::unique_ptr<Model> create(const ModelRequest& request) { return std::make_unique<Whisper>(request); }

std::vector<std::int64_t> greedy_decode(Model& model, const Tensor& input_features, const std::vector<std::int64_t>& prefix,
                                        std::int64_t max_new_tokens, std::int64_t eos_token_id) {
  if (input_features.ndim() != 3 || input_features.dim(0) != 1)
    throw Error(ErrorKind::kInvalidArgument, "greedy_decode: input_features must be one clip [1, mels, frames], got " +
                                                 shape_string(input_features.shape()));
  if (prefix.empty()) throw Error(ErrorKind::kInvalidArgument, "greedy_decode: the decoder prefix is empty");
  std::vector<std::int64_t> ids = prefix;
  Tensor encoded;
  for (std::int64_t step = 0; step < max_new_tokens; ++step) {
    TensorMap in{{"decoder_input_ids", Tensor::from_vector<std::int64_t>({1, static_cast<std::int64_t>(ids.size())}, ids)}};
    if (encoded.empty()) in["input_features"] = input_features;
    else in["encoder_outputs"] = encoded;
    TensorMap out = model.forward(in);
    if (encoded.empty()) encoded = out.at("encoder_last_hidden_state");
    auto logits = out.find("logits");
    if (logits == out.end()) throw Error(ErrorKind::kInvalidArgument, "greedy_decode: " + model.class_name() + " has no LM head (logits)");
    const std::int64_t vocab = logits->second.dim(2);
    const float* last = logits->second.data<float>() + (static_cast<std::int64_t>(ids.size()) - 1) * vocab;
    const std::int64_t next = std::max_element(last, last + vocab) - last;
    ids.push_back(next);
    if (next == eos_token_id) break;
  }
  return ids;
}

}  // namespace autoclass::models::whisper
