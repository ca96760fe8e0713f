#include "runtime/preprocess/feature_extractor.h"

#include <cmath>
#include <map>

#include "runtime/core/error.h"
#include "runtime/preprocess/audio.h"

namespace autoclass {
namespace {

int positive(const PreprocessorConfig& config, const std::string& key, long long fallback) {
  const long long v = config.get_int(key, fallback);
  if (v <= 0 || v > (1ll << 30)) throw Error(ErrorKind::kParse, config.where(key) + ": expected a positive integer");
  return static_cast<int>(v);
}

void check_clips(const std::vector<std::vector<float>>& clips, const std::string& who) {
  if (clips.empty()) throw Error(ErrorKind::kInvalidArgument, who + ": no audio given");
  for (std::size_t i = 0; i < clips.size(); ++i)
    if (clips[i].empty()) throw Error(ErrorKind::kInvalidArgument, who + ": clip " + std::to_string(i) + " is empty");
}

}  // namespace

TensorMap FeatureExtractor::from_files(const std::vector<std::filesystem::path>& paths) const {
  std::vector<std::vector<float>> clips;
  for (const auto& p : paths) clips.push_back(load_audio(p, sampling_rate()));
  return (*this)(clips);
}

Wav2Vec2FeatureExtractor::Wav2Vec2FeatureExtractor(const PreprocessorConfig& config) {
  sampling_rate_ = positive(config, "sampling_rate", 16000);
  do_normalize_ = config.get_bool("do_normalize", true);
  return_attention_mask_ = config.get_bool("return_attention_mask", false);
  padding_value_ = static_cast<float>(config.get_float("padding_value", 0.0));
  const std::string side = config.get_string("padding_side", "right");
  if (side != "right" && side != "left") throw Error(ErrorKind::kParse, config.where("padding_side") + ": expected \"right\" or \"left\"");
  pad_left_ = side == "left";
  if (config.get_int("feature_size", 1) != 1)
    throw Error(ErrorKind::kUnsupported, config.where("feature_size") + ": only raw waveforms (feature_size 1) are supported");
}

TensorMap Wav2Vec2FeatureExtractor::operator()(const std::vector<std::vector<float>>& clips) const {
  check_clips(clips, class_name());
  std::size_t longest = 0;
  for (const auto& c : clips) longest = std::max(longest, c.size());
  const std::int64_t batch = static_cast<std::int64_t>(clips.size()), len = static_cast<std::int64_t>(longest);
  Tensor values(DType::kF32, {batch, len});
  Tensor mask(DType::kI64, {batch, len});
  float* v = values.data_mut<float>();
  std::int64_t* m = mask.data_mut<std::int64_t>();
  for (std::int64_t b = 0; b < batch; ++b) {
    const auto& clip = clips[b];
    const std::int64_t n = static_cast<std::int64_t>(clip.size());
    const std::int64_t offset = pad_left_ ? len - n : 0;
    float* row = v + b * len;
    for (std::int64_t i = 0; i < len; ++i) {
      const bool real = i >= offset && i < offset + n;
      row[i] = real ? clip[i - offset] : padding_value_;
      m[b * len + i] = real ? 1 : 0;
    }
    if (!do_normalize_) continue;
    // With a mask, statistics over the real samples; without one HF normalises the whole padded row.
    const std::int64_t lo = return_attention_mask_ ? offset : 0, hi = return_attention_mask_ ? offset + n : len;
    double sum = 0;
    for (std::int64_t i = lo; i < hi; ++i) sum += row[i];
    const double mean = sum / static_cast<double>(hi - lo);
    double sq = 0;
    for (std::int64_t i = lo; i < hi; ++i) sq += (row[i] - mean) * (row[i] - mean);
    const double denom = std::sqrt(sq / static_cast<double>(hi - lo) + 1e-7);
    for (std::int64_t i = 0; i < len; ++i) {
      const bool inside = i >= lo && i < hi;
      row[i] = inside ? static_cast<float>((row[i] - mean) / denom)
                      : (return_attention_mask_ ? padding_value_ : static_cast<float>((row[i] - mean) / denom));
    }
  }
  TensorMap out{{"input_values", values}};
  if (return_attention_mask_) out["attention_mask"] = mask;
  return out;
}

WhisperFeatureExtractor::WhisperFeatureExtractor(const PreprocessorConfig& config) {
  sampling_rate_ = positive(config, "sampling_rate", 16000);
  mel_.n_fft = positive(config, "n_fft", 400);
  mel_.hop_length = positive(config, "hop_length", 160);
  mel_.num_mel_filters = positive(config, "feature_size", 80);
  const int chunk_length = positive(config, "chunk_length", 30);
  n_samples_ = chunk_length * sampling_rate_;  // HF recomputes these from chunk_length
  mel_.frames = n_samples_ / mel_.hop_length;
  if (config.has("n_samples") && config.get_int("n_samples", n_samples_) != n_samples_)
    throw Error(ErrorKind::kParse, config.where("n_samples") + ": disagrees with chunk_length * sampling_rate");
  padding_value_ = static_cast<float>(config.get_float("padding_value", 0.0));
  if (config.get_bool("do_normalize", false))
    throw Error(ErrorKind::kUnsupported, config.where("do_normalize") + ": Whisper waveform normalisation is not supported");
  mel_filters_ = mel_filter_bank(1 + mel_.n_fft / 2, mel_.num_mel_filters, 0.0, 8000.0, sampling_rate_, true,
                                 MelScale::kSlaney);
}

TensorMap WhisperFeatureExtractor::operator()(const std::vector<std::vector<float>>& clips) const {
  check_clips(clips, class_name());
  const std::int64_t batch = static_cast<std::int64_t>(clips.size());
  Tensor features(DType::kF32, {batch, mel_.num_mel_filters, mel_.frames});
  float* out = features.data_mut<float>();
  std::vector<float> padded(static_cast<std::size_t>(n_samples_));
  for (std::int64_t b = 0; b < batch; ++b) {
    const auto& clip = clips[b];
    for (int i = 0; i < n_samples_; ++i) padded[i] = i < static_cast<int>(clip.size()) ? clip[i] : padding_value_;
    const std::vector<float> mel = whisper_log_mel(padded, mel_filters_, mel_);
    std::copy(mel.begin(), mel.end(), out + b * static_cast<std::int64_t>(mel.size()));
  }
  return {{"input_features", features}};
}

std::string AutoFeatureExtractor::resolve_class(const PreprocessorConfig& config) {
  std::string name = config.get_string("feature_extractor_type", "");
  if (!name.empty()) return name;
  static const std::map<std::string, std::string> by_model_type = {
      {"wav2vec2", "Wav2Vec2FeatureExtractor"}, {"whisper", "WhisperFeatureExtractor"}};
  auto it = by_model_type.find(config.model_type());
  return it == by_model_type.end() ? "" : it->second;
}

std::unique_ptr<FeatureExtractor> AutoFeatureExtractor::from_config(const PreprocessorConfig& config) {
  const std::string name = resolve_class(config);
  if (name == "Wav2Vec2FeatureExtractor") return std::make_unique<Wav2Vec2FeatureExtractor>(config);
  if (name == "WhisperFeatureExtractor") return std::make_unique<WhisperFeatureExtractor>(config);
  if (name.empty())
    throw Error(ErrorKind::kUnsupported, config.file().string() +
                                             ": cannot tell the feature extractor class (no feature_extractor_type, "
                                             "and model_type '" + config.model_type() + "' has no default)");
  throw Error(ErrorKind::kUnsupported, config.file().string() + ": feature extractor class '" + name +
                                           "' is not supported (supported: Wav2Vec2FeatureExtractor, "
                                           "WhisperFeatureExtractor)");
}

std::unique_ptr<FeatureExtractor> AutoFeatureExtractor::from_pretrained(const std::filesystem::path& dir) {
  return from_config(PreprocessorConfig::load(dir));
}

}  // namespace autoclass
