// Follows transformers/models/wav2vec2/modeling_wav2vec2.py:
//   Wav2Vec2FeatureEncoder — conv layers with LayerNorm over channels in each ("layer") or GroupNorm
//     (one group per channel) in the first only ("group"), then feat_extract_activation;
//   Wav2Vec2FeatureProjection — LayerNorm (→ extract_features) then Linear to hidden_size;
//   Wav2Vec2PositionalConvEmbedding — grouped Conv1d with weight_norm(dim=2) (weight_g / weight_v),
//     padding kernel/2, last frame dropped for even kernels (Wav2Vec2SamePadLayer), activation;
//   Wav2Vec2Encoder (post-LN, LayerNorm after adding positions) or Wav2Vec2EncoderStableLayerNorm
//     (pre-LN layers, final LayerNorm), padded frames zeroed before the positional conv and masked as keys;
//   Wav2Vec2ForCTC — lm_head on the encoder output.
#include <cmath>
#include <cstring>

#include "models/blocks/activation.h"
#include "models/blocks/dense_head.h"
#include "models/blocks/encoder_attention.h"
#include "models/blocks/feed_forward.h"
#include "models/blocks/layer_norm.h"
#include "models/blocks/wav2vec2_conv1d.h"
#include "models/wav2vec2/wav2vec2_family.h"
#include "runtime/core/error.h"
#include "runtime/model/weight_reader.h"

namespace autoclass::models::wav2vec2 {
namespace {

std::vector<std::int64_t> int_list(const ConfigView& c, const char* name) {
  const auto v = c.find(name);
  if (!v || !v->is_array() || v->empty())
    throw Error(ErrorKind::kInvalidArgument, c.model_type() + " config: " + name + " must be a non-empty list of integers");
  std::vector<std::int64_t> out;
  for (const auto& x : *v) {
    if (!x.is_number_integer() || x.get<std::int64_t>() <= 0)
      throw Error(ErrorKind::kInvalidArgument, c.model_type() + " config: " + name + " must hold positive integers");
    out.push_back(x.get<std::int64_t>());
  }
  return out;
}

std::int64_t frames_after_convs(const std::vector<std::int64_t>& kernel, const std::vector<std::int64_t>& stride,
                                std::int64_t samples) {
  std::int64_t len = samples;
  for (std::size_t i = 0; i < kernel.size() && i < stride.size(); ++i) {
    if (len < kernel[i]) return 0;
    len = (len - kernel[i]) / stride[i] + 1;
  }
  return len;
}

struct ConvLayer {
  blocks::Conv1d conv;
  blocks::LayerNorm layer_norm;  // "layer" variant
  Tensor group_weight, group_bias;  // "group" variant, first layer only
  bool has_layer_norm = false, has_group_norm = false;
};

struct EncoderLayer {
  blocks::LayerNorm layer_norm, final_layer_norm;
  blocks::EncoderSelfAttention attention;
  blocks::FeedForward feed_forward;
};

// GroupNorm(num_groups = channels): each channel normalised over time, on [time, channels] rows.
void group_norm_per_channel(float* x, std::int64_t t, std::int64_t channels, const Tensor& w, const Tensor& b, float eps) {
  for (std::int64_t c = 0; c < channels; ++c) {
    double mean = 0, var = 0;
    for (std::int64_t i = 0; i < t; ++i) mean += x[i * channels + c];
    mean /= static_cast<double>(t);
    for (std::int64_t i = 0; i < t; ++i) var += (x[i * channels + c] - mean) * (x[i * channels + c] - mean);
    var /= static_cast<double>(t);
    const float inv = static_cast<float>(1.0 / std::sqrt(var + eps));
    for (std::int64_t i = 0; i < t; ++i)
      x[i * channels + c] = (x[i * channels + c] - static_cast<float>(mean)) * inv * w.data<float>()[c] + b.data<float>()[c];
  }
}

class Wav2Vec2 : public Model {
 public:
  explicit Wav2Vec2(const ModelRequest& request) : architecture_(request.architecture) {
    const ConfigView& c = request.config;
    const bool ctc = architecture_ == "Wav2Vec2ForCTC";
    if (!ctc && architecture_ != "Wav2Vec2Model")
      throw Error(ErrorKind::kUnsupported, "wav2vec2 kernel family cannot build " + architecture_ +
                                               " (supported: Wav2Vec2Model, Wav2Vec2ForCTC)");
    if (c.get_bool("add_adapter", false))
      throw Error(ErrorKind::kUnsupported, "wav2vec2 config: add_adapter=true is not supported by the wav2vec2 kernel family");
    hidden_ = c.get_int("hidden_size");
    const std::int64_t heads = c.get_int("num_attention_heads");
    const std::int64_t inner = c.get_int("intermediate_size");
    const std::int64_t layers = c.get_int("num_hidden_layers");
    const float eps = static_cast<float>(c.get_float("layer_norm_eps", 1e-5));
    stable_ = c.get_bool("do_stable_layer_norm", false);
    const std::string norm = c.get_string("feat_extract_norm", "group");
    if (norm != "group" && norm != "layer")
      throw Error(ErrorKind::kInvalidArgument, "wav2vec2 config: feat_extract_norm must be \"group\" or \"layer\", not \"" + norm + "\"");
    feat_act_ = blocks::activation_by_name(c.get_string("feat_extract_activation", "gelu"));
    const blocks::Activation act = blocks::activation_by_name(c.get_string("hidden_act", "gelu"));
    const auto conv_dim = int_list(c, "conv_dim"), kernel = int_list(c, "conv_kernel"), stride = int_list(c, "conv_stride");
    if (conv_dim.size() != kernel.size() || kernel.size() != stride.size())
      throw Error(ErrorKind::kInvalidArgument, "wav2vec2 config: conv_dim, conv_kernel and conv_stride differ in length");
    const bool conv_bias = c.get_bool("conv_bias", false);
    conv_kernel_ = kernel;
    conv_stride_ = stride;

    WeightReader reader(request, c.get_float("initializer_range", 0.02));
    reader.set_base_model_prefix("wav2vec2", ctc);
    const std::string p = ctc ? "wav2vec2." : "";
    std::int64_t in_ch = 1;
    for (std::size_t i = 0; i < conv_dim.size(); ++i) {
      const std::string l = p + "feature_extractor.conv_layers." + std::to_string(i) + ".";
      ConvLayer layer;
      Tensor w = reader.take(l + "conv.weight", {conv_dim[i], in_ch, kernel[i]}, Init::kNormal);
      Tensor b = conv_bias ? reader.take(l + "conv.bias", {conv_dim[i]}, Init::kZeros) : Tensor();
      layer.conv = blocks::Conv1d(w, b, stride[i], 1);
      if (norm == "layer") {
        layer.layer_norm = blocks::LayerNorm::load(reader, l + "layer_norm", conv_dim[i], eps);
        layer.has_layer_norm = true;
      } else if (i == 0) {
        layer.group_weight = reader.take(l + "layer_norm.weight", {conv_dim[i]}, Init::kOnes);
        layer.group_bias = reader.take(l + "layer_norm.bias", {conv_dim[i]}, Init::kZeros);
        layer.has_group_norm = true;
      }
      conv_layers_.push_back(std::move(layer));
      in_ch = conv_dim[i];
    }
    conv_out_ = in_ch;
    group_norm_eps_ = 1e-5f;  // nn.GroupNorm default; HF does not pass layer_norm_eps there
    projection_norm_ = blocks::LayerNorm::load(reader, p + "feature_projection.layer_norm", conv_out_, eps);
    projection_ = blocks::DenseLayer::load(reader, p + "feature_projection.projection", conv_out_, hidden_);
    reader.take_optional(p + "masked_spec_embed", {hidden_});  // training-only (SpecAugment)

    // Positional conv with weight norm over every dim but the kernel axis (torch weight_norm dim=2).
    const std::int64_t pos_k = c.get_int("num_conv_pos_embeddings", 128);
    const std::int64_t pos_groups = c.get_int("num_conv_pos_embedding_groups", 16);
    if (pos_groups <= 0 || hidden_ % pos_groups != 0)
      throw Error(ErrorKind::kInvalidArgument, "wav2vec2 config: hidden_size is not a multiple of num_conv_pos_embedding_groups");
    const std::string pc = p + "encoder.pos_conv_embed.conv.";
    const std::int64_t per_group = hidden_ / pos_groups;
    Tensor pos_w;
    const std::string g_name = reader.has(pc + "weight_g") ? pc + "weight_g" : pc + "parametrizations.weight.original0";
    const std::string v_name = reader.has(pc + "weight_v") ? pc + "weight_v" : pc + "parametrizations.weight.original1";
    if (reader.has(pc + "weight") && !reader.has(g_name)) {
      pos_w = reader.take(pc + "weight", {hidden_, per_group, pos_k}, Init::kNormal);
    } else {
      const Tensor g = reader.take(g_name, {1, 1, pos_k}, Init::kOnes);
      const Tensor v = reader.take(v_name, {hidden_, per_group, pos_k}, Init::kNormal);
      pos_w = Tensor(DType::kF32, {hidden_, per_group, pos_k});
      for (std::int64_t k = 0; k < pos_k; ++k) {
        double sq = 0;
        for (std::int64_t r = 0; r < hidden_ * per_group; ++r) sq += double(v.data<float>()[r * pos_k + k]) * v.data<float>()[r * pos_k + k];
        const double scale = g.data<float>()[k] / std::sqrt(sq);
        for (std::int64_t r = 0; r < hidden_ * per_group; ++r)
          pos_w.data_mut<float>()[r * pos_k + k] = static_cast<float>(v.data<float>()[r * pos_k + k] * scale);
      }
    }
    pos_conv_ = blocks::Conv1d(pos_w, reader.take(pc + "bias", {hidden_}, Init::kZeros), 1, pos_groups);
    pos_pad_ = pos_k / 2;
    pos_drop_last_ = pos_k % 2 == 0;

    encoder_norm_ = blocks::LayerNorm::load(reader, p + "encoder.layer_norm", hidden_, eps);
    for (std::int64_t i = 0; i < layers; ++i) {
      const std::string l = p + "encoder.layers." + std::to_string(i) + ".";
      EncoderLayer layer;
      layer.attention = blocks::EncoderSelfAttention::load(
          reader, {l + "attention.q_proj", l + "attention.k_proj", l + "attention.v_proj", l + "attention.out_proj"}, hidden_, heads);
      layer.layer_norm = blocks::LayerNorm::load(reader, l + "layer_norm", hidden_, eps);
      layer.feed_forward = blocks::FeedForward::load(reader, l + "feed_forward.intermediate_dense",
                                                     l + "feed_forward.output_dense", hidden_, inner, act);
      layer.final_layer_norm = blocks::LayerNorm::load(reader, l + "final_layer_norm", hidden_, eps);
      layers_.push_back(std::move(layer));
    }
    if (ctc) {
      const std::int64_t vocab = c.get_int("vocab_size");
      lm_head_ = blocks::DenseLayer::load(reader, "lm_head", c.get_int("output_hidden_size", hidden_), vocab);
      has_lm_head_ = true;
    }
    reader.finish();
  }

  std::string class_name() const override { return architecture_; }

  TensorMap forward(const TensorMap& inputs) override {
    for (const auto& [name, t] : inputs)
      if (name != "input_values" && name != "attention_mask")
        throw Error(ErrorKind::kInvalidArgument, architecture_ + ".forward: unknown input '" + name +
                                                     "' (expected input_values, attention_mask)");
    auto it = inputs.find("input_values");
    if (it == inputs.end()) throw Error(ErrorKind::kInvalidArgument, architecture_ + ".forward: input_values is required");
    const Tensor values = it->second.to(DType::kF32);
    if (values.ndim() != 2 || values.dim(1) <= 0)
      throw Error(ErrorKind::kInvalidArgument, "input_values has shape " + shape_string(values.shape()) + ", expected [batch, samples]");
    const std::int64_t batch = values.dim(0), samples = values.dim(1);
    const std::int64_t frames = frames_after_convs(conv_kernel_, conv_stride_, samples);
    if (frames <= 0)
      throw Error(ErrorKind::kInvalidArgument, "input_values: " + std::to_string(samples) + " samples are too few for the conv feature encoder");

    // Valid frames per row, from attention_mask (HF: _get_feature_vector_attention_mask).
    std::vector<std::uint8_t> frame_mask;
    if (auto m = inputs.find("attention_mask"); m != inputs.end()) {
      const Tensor mask = m->second.to(DType::kI64);
      if (mask.shape() != values.shape())
        throw Error(ErrorKind::kInvalidArgument, "attention_mask has shape " + shape_string(mask.shape()) +
                                                     ", expected the shape of input_values " + shape_string(values.shape()));
      frame_mask.assign(static_cast<std::size_t>(batch * frames), 0);
      for (std::int64_t b = 0; b < batch; ++b) {
        std::int64_t len = 0;
        for (std::int64_t i = 0; i < samples; ++i) len += mask.data<std::int64_t>()[b * samples + i] != 0;
        const std::int64_t valid = len > 0 ? std::max<std::int64_t>(frames_after_convs(conv_kernel_, conv_stride_, len), 0) : 0;
        for (std::int64_t f = 0; f < std::min(valid, frames); ++f) frame_mask[b * frames + f] = 1;
      }
    }

    Tensor extract(DType::kF32, {batch, frames, conv_out_});
    for (std::int64_t b = 0; b < batch; ++b) {
      std::vector<float> x(values.data<float>() + b * samples, values.data<float>() + (b + 1) * samples), y;
      std::int64_t t = samples;
      for (const ConvLayer& layer : conv_layers_) {
        const std::int64_t t_out = layer.conv.output_length(t), ch = layer.conv.out_channels();
        y.assign(static_cast<std::size_t>(t_out * ch), 0.0f);
        layer.conv.forward(x.data(), t, y.data());
        if (layer.has_layer_norm) layer.layer_norm.apply(y.data(), t_out);
        if (layer.has_group_norm) group_norm_per_channel(y.data(), t_out, ch, layer.group_weight, layer.group_bias, group_norm_eps_);
        feat_act_.apply(y.data(), t_out * ch);
        x.swap(y);
        t = t_out;
      }
      std::memcpy(extract.data_mut<float>() + b * frames * conv_out_, x.data(), sizeof(float) * frames * conv_out_);
    }
    const std::int64_t rows = batch * frames;
    projection_norm_.apply(extract.data_mut<float>(), rows);
    Tensor hidden = projection_.forward(extract.data<float>(), rows).reshaped({batch, frames, hidden_});
    float* h = hidden.data_mut<float>();

    if (!frame_mask.empty())
      for (std::int64_t r = 0; r < rows; ++r)
        if (!frame_mask[r]) std::fill(h + r * hidden_, h + (r + 1) * hidden_, 0.0f);
    add_positions(h, batch, frames);
    if (!stable_) encoder_norm_.apply(h, rows);

    TensorMap out;
    out["extract_features"] = extract;
    out["hidden_states_0"] = hidden.clone();
    const blocks::KeyMask key_mask{frame_mask.empty() ? nullptr : frame_mask.data(), false};
    std::vector<float> normed(static_cast<std::size_t>(rows * hidden_)), delta(normed.size());
    for (const EncoderLayer& layer : layers_) {
      if (stable_) {  // h += attn(LN(h)); h += FF(final_LN(h))
        std::memcpy(normed.data(), h, sizeof(float) * normed.size());
        layer.layer_norm.apply(normed.data(), rows);
        layer.attention.forward(normed.data(), batch, frames, key_mask, delta.data());
        for (std::size_t i = 0; i < delta.size(); ++i) h[i] += delta[i];
        std::memcpy(normed.data(), h, sizeof(float) * normed.size());
        layer.final_layer_norm.apply(normed.data(), rows);
        layer.feed_forward.forward(normed.data(), rows, delta.data());
        for (std::size_t i = 0; i < delta.size(); ++i) h[i] += delta[i];
      } else {  // h = LN(h + attn(h)); h = final_LN(h + FF(h))
        layer.attention.forward(h, batch, frames, key_mask, delta.data());
        layer.layer_norm.apply_residual(h, delta.data(), rows);
        layer.feed_forward.forward(h, rows, delta.data());
        layer.final_layer_norm.apply_residual(h, delta.data(), rows);
      }
    }
    if (stable_) encoder_norm_.apply(h, rows);
    out["last_hidden_state"] = hidden;
    if (has_lm_head_) out["logits"] = lm_head_.forward(h, rows).reshaped({batch, frames, lm_head_.out_features()});
    return out;
  }

 private:
  // h += act(pos_conv(h)) per row, with zero padding pos_pad_ each side.
  void add_positions(float* h, std::int64_t batch, std::int64_t frames) const {
    const std::int64_t padded_len = frames + 2 * pos_pad_;
    std::vector<float> padded(static_cast<std::size_t>(padded_len * hidden_));
    std::vector<float> pos;
    for (std::int64_t b = 0; b < batch; ++b) {
      float* rows = h + b * frames * hidden_;
      std::fill(padded.begin(), padded.end(), 0.0f);
      std::memcpy(padded.data() + pos_pad_ * hidden_, rows, sizeof(float) * frames * hidden_);
      const std::int64_t t_out = pos_conv_.output_length(padded_len);
      pos.assign(static_cast<std::size_t>(t_out * hidden_), 0.0f);
      pos_conv_.forward(padded.data(), padded_len, pos.data());
      const std::int64_t keep = pos_drop_last_ ? t_out - 1 : t_out;  // == frames
      feat_act_.apply(pos.data(), keep * hidden_);
      for (std::int64_t i = 0; i < std::min(keep, frames) * hidden_; ++i) rows[i] += pos[i];
    }
  }

  std::string architecture_;
  std::vector<std::int64_t> conv_kernel_, conv_stride_;
  std::int64_t hidden_ = 0, conv_out_ = 0, pos_pad_ = 0;
  bool stable_ = false, pos_drop_last_ = false, has_lm_head_ = false;
  float group_norm_eps_ = 1e-5f;
  blocks::Activation feat_act_;
  std::vector<ConvLayer> conv_layers_;
  blocks::LayerNorm projection_norm_, encoder_norm_;
  blocks::DenseLayer projection_, lm_head_;
  blocks::Conv1d pos_conv_;
  std::vector<EncoderLayer> layers_;
};

}  // namespace

std::int64_t feature_frames(const ConfigView& config, std::int64_t samples) {
  return frames_after_convs(int_list(config, "conv_kernel"), int_list(config, "conv_stride"), samples);
}

std::unique_ptr<Model> create(const ModelRequest& request) { return std::make_unique<Wav2Vec2>(request); }

}  // namespace autoclass::models::wav2vec2
