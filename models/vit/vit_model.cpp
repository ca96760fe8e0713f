// Follows transformers/models/vit/modeling_vit.py: ViTEmbeddings (Conv2d patch projection with
// kernel = stride = patch_size, CLS token, learned positions), pre-LN ViTLayer (layernorm_before →
// self-attention → residual, layernorm_after → MLP → residual), final layernorm, then
// ViTForImageClassification's classifier on the CLS row or ViTModel's pooler (dense + tanh).
#include <cstring>

#include "models/blocks/activation.h"
#include "models/blocks/dense_head.h"
#include "models/blocks/encoder_attention.h"
#include "models/blocks/feed_forward.h"
#include "models/blocks/layer_norm.h"
#include "models/vit/vit_family.h"
#include "runtime/core/error.h"
#include "runtime/kernels/linear.h"
#include "runtime/model/weight_reader.h"

namespace autoclass::models::vit {
namespace {

struct VitLayer {
  blocks::LayerNorm before, after;
  blocks::EncoderSelfAttention attention;
  blocks::FeedForward mlp;
};

std::int64_t label_count(const ConfigView& config) {
  if (auto id2label = config.find("id2label"); id2label && id2label->is_object() && !id2label->empty())
    return static_cast<std::int64_t>(id2label->size());
  return config.get_int("num_labels", 2);
}

class VitModel : public Model {
 public:
  explicit VitModel(const ModelRequest& request) : architecture_(request.architecture) {
    const ConfigView& c = request.config;
    hidden_ = c.get_int("hidden_size");
    const std::int64_t layers = c.get_int("num_hidden_layers");
    const std::int64_t heads = c.get_int("num_attention_heads");
    const std::int64_t inner = c.get_int("intermediate_size");
    const float eps = static_cast<float>(c.get_float("layer_norm_eps", 1e-12));
    image_size_ = c.get_int("image_size");
    patch_ = c.get_int("patch_size");
    channels_ = c.get_int("num_channels", 3);
    if (patch_ <= 0 || image_size_ % patch_ != 0)
      throw Error(ErrorKind::kInvalidArgument, "vit config: image_size " + std::to_string(image_size_) +
                                                   " is not a multiple of patch_size " + std::to_string(patch_));
    if (!c.get_bool("qkv_bias", true))
      throw Error(ErrorKind::kUnsupported, "vit config: qkv_bias=false is not supported by the vit kernel family");
    const blocks::Activation act = blocks::activation_by_name(c.get_string("hidden_act", "gelu"));
    grid_ = image_size_ / patch_;
    seq_ = grid_ * grid_ + 1;

    const bool head_model = architecture_ == "ViTForImageClassification";
    if (!head_model && architecture_ != "ViTModel")
      throw Error(ErrorKind::kUnsupported, "vit kernel family cannot build " + architecture_ +
                                               " (supported: ViTModel, ViTForImageClassification)");
    WeightReader reader(request, c.get_float("initializer_range", 0.02));
    reader.set_base_model_prefix("vit", head_model);
    const std::string p = head_model ? "vit." : "";

    const std::int64_t patch_dim = channels_ * patch_ * patch_;
    Tensor proj_w = reader.take(p + "embeddings.patch_embeddings.projection.weight", {hidden_, channels_, patch_, patch_},
                                Init::kNormal);
    Tensor proj_b = reader.take(p + "embeddings.patch_embeddings.projection.bias", {hidden_}, Init::kZeros);
    patch_proj_ = kernels::LinearWeight(proj_w.reshaped({hidden_, patch_dim}), proj_b);
    cls_token_ = reader.take(p + "embeddings.cls_token", {1, 1, hidden_}, Init::kNormal);
    positions_ = reader.take(p + "embeddings.position_embeddings", {1, seq_, hidden_}, Init::kNormal);
    for (std::int64_t i = 0; i < layers; ++i) {
      const std::string l = p + "encoder.layer." + std::to_string(i) + ".";
      VitLayer layer;
      layer.before = blocks::LayerNorm::load(reader, l + "layernorm_before", hidden_, eps);
      layer.attention = blocks::EncoderSelfAttention::load(
          reader, {l + "attention.attention.query", l + "attention.attention.key", l + "attention.attention.value",
                   l + "attention.output.dense"},
          hidden_, heads);
      layer.after = blocks::LayerNorm::load(reader, l + "layernorm_after", hidden_, eps);
      layer.mlp = blocks::FeedForward::load(reader, l + "intermediate.dense", l + "output.dense", hidden_, inner, act);
      layers_.push_back(std::move(layer));
    }
    final_norm_ = blocks::LayerNorm::load(reader, p + "layernorm", hidden_, eps);
    if (head_model) {
      classifier_ = blocks::DenseLayer::load(reader, "classifier", hidden_, label_count(c));
      has_classifier_ = true;
    } else {
      pooler_ = blocks::DenseLayer::load(reader, "pooler.dense", hidden_, hidden_, blocks::activation_by_name("tanh"));
      has_pooler_ = true;
    }
    reader.finish();
  }

  std::string class_name() const override { return architecture_; }

  TensorMap forward(const TensorMap& inputs) override {
    for (const auto& [name, t] : inputs)
      if (name != "pixel_values")
        throw Error(ErrorKind::kInvalidArgument, architecture_ + ".forward: unknown input '" + name + "' (expected pixel_values)");
    auto it = inputs.find("pixel_values");
    if (it == inputs.end()) throw Error(ErrorKind::kInvalidArgument, architecture_ + ".forward: pixel_values is required");
    const Tensor pixels = it->second.to(DType::kF32);
    if (pixels.ndim() != 4 || pixels.dim(1) != channels_ || pixels.dim(2) != image_size_ || pixels.dim(3) != image_size_)
      throw Error(ErrorKind::kInvalidArgument,
                  "pixel_values has shape " + shape_string(pixels.shape()) + ", expected [batch, " +
                      std::to_string(channels_) + ", " + std::to_string(image_size_) + ", " + std::to_string(image_size_) +
                      "] (this model's image_size; position interpolation is not supported)");
    const std::int64_t batch = pixels.dim(0), patches = grid_ * grid_, patch_dim = channels_ * patch_ * patch_;

    // Patchify in the Conv2d weight's (channel, row, column) order, so the projection is one GEMM.
    std::vector<float> columns(static_cast<std::size_t>(batch * patches * patch_dim));
    const float* px = pixels.data<float>();
    for (std::int64_t b = 0; b < batch; ++b)
      for (std::int64_t gy = 0; gy < grid_; ++gy)
        for (std::int64_t gx = 0; gx < grid_; ++gx) {
          float* col = columns.data() + ((b * patches) + gy * grid_ + gx) * patch_dim;
          for (std::int64_t c = 0; c < channels_; ++c)
            for (std::int64_t ky = 0; ky < patch_; ++ky)
              std::memcpy(col + (c * patch_ + ky) * patch_,
                          px + ((b * channels_ + c) * image_size_ + gy * patch_ + ky) * image_size_ + gx * patch_,
                          sizeof(float) * patch_);
        }
    std::vector<float> projected(static_cast<std::size_t>(batch * patches * hidden_));
    patch_proj_.forward(columns.data(), batch * patches, projected.data());

    Tensor hidden(DType::kF32, {batch, seq_, hidden_});
    float* h = hidden.data_mut<float>();
    const float* pos = positions_.data<float>();
    for (std::int64_t b = 0; b < batch; ++b) {
      float* rows = h + b * seq_ * hidden_;
      std::memcpy(rows, cls_token_.data<float>(), sizeof(float) * hidden_);
      std::memcpy(rows + hidden_, projected.data() + b * patches * hidden_, sizeof(float) * patches * hidden_);
      for (std::int64_t i = 0; i < seq_ * hidden_; ++i) rows[i] += pos[i];
    }
    TensorMap out;
    out["hidden_states_0"] = hidden.clone();

    const std::int64_t rows = batch * seq_;
    std::vector<float> normed(static_cast<std::size_t>(rows * hidden_)), delta(normed.size());
    for (const VitLayer& layer : layers_) {
      std::memcpy(normed.data(), h, sizeof(float) * normed.size());
      layer.before.apply(normed.data(), rows);
      layer.attention.forward(normed.data(), batch, seq_, blocks::KeyMask{}, delta.data());
      for (std::size_t i = 0; i < delta.size(); ++i) h[i] += delta[i];
      std::memcpy(normed.data(), h, sizeof(float) * normed.size());
      layer.after.apply(normed.data(), rows);
      layer.mlp.forward(normed.data(), rows, delta.data());
      for (std::size_t i = 0; i < delta.size(); ++i) h[i] += delta[i];
    }
    final_norm_.apply(h, rows);
    out["last_hidden_state"] = hidden;
    const Tensor cls = blocks::first_token_rows(h, batch, seq_, hidden_);
    if (has_classifier_) out["logits"] = classifier_.forward(cls.data<float>(), batch);
    if (has_pooler_) out["pooler_output"] = pooler_.forward(cls.data<float>(), batch);
    return out;
  }

 private:
  std::string architecture_;
  std::int64_t hidden_ = 0, image_size_ = 0, patch_ = 0, channels_ = 3, grid_ = 0, seq_ = 0;
  kernels::LinearWeight patch_proj_;
  Tensor cls_token_, positions_;
  std::vector<VitLayer> layers_;
  blocks::LayerNorm final_norm_;
  blocks::DenseLayer classifier_, pooler_;
  bool has_classifier_ = false, has_pooler_ = false;
};

}  // namespace

std::unique_ptr<Model> create(const ModelRequest& request) { return std::make_unique<VitModel>(request); }

}  // namespace autoclass::models::vit
