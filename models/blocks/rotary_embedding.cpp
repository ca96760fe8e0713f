#include "models/blocks/rotary_embedding.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "runtime/core/error.h"

namespace autoclass::blocks {
namespace {

// HF: 1 / base ** (arange(0, dim, 2) / dim), in float32.
std::vector<float> default_inv_freq(double base, std::int64_t dim) {
  std::vector<float> f(static_cast<std::size_t>(dim / 2));
  for (std::int64_t i = 0; i < dim / 2; ++i) {
    const float exponent = static_cast<float>(2 * i) / static_cast<float>(dim);
    f[i] = static_cast<float>(1.0 / std::pow(base, static_cast<double>(exponent)));
  }
  return f;
}

double scaling_number(const Json& scaling, const char* key, double fallback, const std::string& model_type) {
  if (!scaling.contains(key) || scaling[key].is_null()) return fallback;
  if (!scaling[key].is_number())
    throw Error(ErrorKind::kInvalidArgument, model_type + " config: rope_scaling." + key + " must be a number");
  return scaling[key].get<double>();
}

// yarn helpers (modeling_rope_utils._compute_yarn_parameters).
double yarn_mscale(double scale, double mscale) { return scale <= 1 ? 1.0 : 0.1 * mscale * std::log(scale) + 1.0; }
double yarn_correction_dim(double rotations, std::int64_t dim, double base, double max_pos) {
  return (dim * std::log(max_pos / (rotations * 2 * std::numbers::pi))) / (2 * std::log(base));
}

}  // namespace

RotaryEmbedding RotaryEmbedding::from_config(const ConfigView& config, std::int64_t head_dim) {
  RotaryEmbedding r;
  const std::string mt = config.model_type();
  r.base_ = config.get_float("rope_theta", 10000.0);
  const double partial = config.get_float("partial_rotary_factor", 1.0);
  r.rotary_dim_ = static_cast<std::int64_t>(static_cast<double>(head_dim) * partial);
  if (r.rotary_dim_ <= 0 || r.rotary_dim_ % 2 != 0 || r.rotary_dim_ > head_dim)
    throw Error(ErrorKind::kInvalidArgument, mt + " config: rotary dimension " + std::to_string(r.rotary_dim_) +
                                                 " (head_dim × partial_rotary_factor) must be even and ≤ head_dim");
  r.max_positions_ = config.get_int("max_position_embeddings", 2048);
  r.inv_freq_ = default_inv_freq(r.base_, r.rotary_dim_);

  auto scaling = config.find("rope_scaling");
  if (!scaling || scaling->is_null()) {
    // transformers ≥ 5 writes one "rope_parameters" object holding rope_theta and the scaling keys.
    scaling = config.find("rope_parameters");
    if (scaling && scaling->is_object()) {
      r.base_ = scaling_number(*scaling, "rope_theta", r.base_, mt);
      r.inv_freq_ = default_inv_freq(r.base_, r.rotary_dim_);
    }
  }
  if (!scaling || scaling->is_null()) return r;
  if (!scaling->is_object()) throw Error(ErrorKind::kInvalidArgument, mt + " config: rope_scaling must be an object or null");
  std::string type;
  if (scaling->contains("rope_type") && (*scaling)["rope_type"].is_string()) type = (*scaling)["rope_type"].get<std::string>();
  else if (scaling->contains("type") && (*scaling)["type"].is_string()) type = (*scaling)["type"].get<std::string>();
  else throw Error(ErrorKind::kInvalidArgument, mt + " config: rope_scaling has neither rope_type nor type");
  r.type_ = type;
  if (type == "default") return r;
  r.factor_ = scaling_number(*scaling, "factor", 1.0, mt);
  if (type == "linear") {
    for (float& f : r.inv_freq_) f = static_cast<float>(f / r.factor_);
  } else if (type == "dynamic") {
    // frequencies depend on the sequence length; computed per call by inv_freq()
  } else if (type == "llama3") {
    const double low = scaling_number(*scaling, "low_freq_factor", 1.0, mt);
    const double high = scaling_number(*scaling, "high_freq_factor", 4.0, mt);
    const double old_ctx = scaling_number(*scaling, "original_max_position_embeddings", 8192, mt);
    const double low_wavelen = old_ctx / low, high_wavelen = old_ctx / high;
    for (float& f : r.inv_freq_) {
      const double wavelen = 2 * std::numbers::pi / f;
      if (wavelen > low_wavelen) {
        f = static_cast<float>(f / r.factor_);
      } else if (wavelen >= high_wavelen) {
        const double smooth = (old_ctx / wavelen - low) / (high - low);
        f = static_cast<float>((1 - smooth) * f / r.factor_ + smooth * f);
      }
    }
  } else if (type == "yarn") {
    const double orig = scaling_number(*scaling, "original_max_position_embeddings", static_cast<double>(r.max_positions_), mt);
    double attention_factor = scaling_number(*scaling, "attention_factor", -1.0, mt);
    const double mscale = scaling_number(*scaling, "mscale", 0.0, mt);
    const double mscale_all = scaling_number(*scaling, "mscale_all_dim", 0.0, mt);
    if (attention_factor < 0) {
      attention_factor = (mscale != 0 && mscale_all != 0) ? yarn_mscale(r.factor_, mscale) / yarn_mscale(r.factor_, mscale_all)
                                                          : yarn_mscale(r.factor_, 1.0);
    }
    const double beta_fast = scaling_number(*scaling, "beta_fast", 32.0, mt);
    const double beta_slow = scaling_number(*scaling, "beta_slow", 1.0, mt);
    const std::int64_t dim = r.rotary_dim_;
    double lo = std::floor(yarn_correction_dim(beta_fast, dim, r.base_, orig));
    double hi = std::ceil(yarn_correction_dim(beta_slow, dim, r.base_, orig));
    lo = std::max(lo, 0.0);
    hi = std::min(hi, static_cast<double>(dim - 1));
    if (lo == hi) hi += 0.001;
    for (std::int64_t i = 0; i < dim / 2; ++i) {
      const float extrapolation = r.inv_freq_[i];
      const float interpolation = static_cast<float>(extrapolation / r.factor_);
      const double ramp = std::clamp((static_cast<double>(i) - lo) / (hi - lo), 0.0, 1.0);
      const double extrapolation_factor = 1.0 - ramp;
      r.inv_freq_[i] = static_cast<float>(interpolation * (1 - extrapolation_factor) + extrapolation * extrapolation_factor);
    }
    r.attention_scaling_ = static_cast<float>(attention_factor);
  } else {
    throw Error(ErrorKind::kUnsupported, mt + " config: rope_scaling type '" + type +
                                             "' is not supported (supported: default, linear, dynamic, llama3, yarn)");
  }
  return r;
}

std::vector<float> RotaryEmbedding::inv_freq(std::int64_t seq_len) const {
  if (type_ != "dynamic" || seq_len <= max_positions_) return inv_freq_;
  // NTK-aware base growth once the sequence outgrows the trained length (_compute_dynamic_ntk_parameters).
  const double dim = static_cast<double>(rotary_dim_);
  const double base = base_ * std::pow(factor_ * seq_len / max_positions_ - (factor_ - 1), dim / (dim - 2));
  return default_inv_freq(base, rotary_dim_);
}

RopeTable RotaryEmbedding::table(const std::int64_t* positions, std::int64_t count) const {
  std::int64_t max_pos = 0;
  for (std::int64_t i = 0; i < count; ++i) max_pos = std::max(max_pos, positions[i]);
  const std::vector<float> freq = inv_freq(max_pos + 1);
  RopeTable t;
  t.half = rotary_dim_ / 2;
  t.cos.resize(static_cast<std::size_t>(count * t.half));
  t.sin.resize(t.cos.size());
  for (std::int64_t i = 0; i < count; ++i)
    for (std::int64_t j = 0; j < t.half; ++j) {
      // HF forms the angle as a float32 product, then cos/sin in float32.
      const float angle = freq[j] * static_cast<float>(positions[i]);
      t.cos[i * t.half + j] = static_cast<float>(std::cos(static_cast<double>(angle))) * attention_scaling_;
      t.sin[i * t.half + j] = static_cast<float>(std::sin(static_cast<double>(angle))) * attention_scaling_;
    }
  return t;
}

void RotaryEmbedding::apply(const RopeTable& table, std::int64_t token, float* x, std::int64_t heads, std::int64_t head_stride) {
  const std::int64_t half = table.half;
  const float* c = table.cos.data() + token * half;
  const float* s = table.sin.data() + token * half;
  for (std::int64_t h = 0; h < heads; ++h) {
    float* v = x + h * head_stride;
    for (std::int64_t j = 0; j < half; ++j) {
      const float a = v[j], b = v[j + half];
      v[j] = a * c[j] - b * s[j];
      v[j + half] = b * c[j] + a * s[j];
    }
  }
}

}  // namespace autoclass::blocks
