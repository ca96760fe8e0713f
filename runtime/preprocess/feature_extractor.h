// Audio feature extractors (HF feature_extraction_wav2vec2.py / feature_extraction_whisper.py) and
// AutoFeatureExtractor. A batch of mono float32 clips in, HF-named tensors out.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "runtime/model/model.h"
#include "runtime/preprocess/mel.h"
#include "runtime/preprocess/preprocessor_config.h"

namespace autoclass {

class FeatureExtractor {
 public:
  virtual ~FeatureExtractor() = default;
  virtual std::string class_name() const = 0;
  virtual int sampling_rate() const = 0;
  // The clips at sampling_rate(); returns e.g. {"input_values", "attention_mask"} or {"input_features"}.
  virtual TensorMap operator()(const std::vector<std::vector<float>>& clips) const = 0;
  // Reads the audio files (rate checked against sampling_rate()) and runs operator().
  TensorMap from_files(const std::vector<std::filesystem::path>& paths) const;
};

// Wav2Vec2FeatureExtractor(padding=True): right pad with padding_value to the longest clip;
// attention_mask when return_attention_mask; do_normalize = zero mean / unit variance (population
// variance, eps 1e-7) over each clip's real samples (the whole padded row when no mask is returned,
// as HF), padding reset to padding_value.
class Wav2Vec2FeatureExtractor : public FeatureExtractor {
 public:
  explicit Wav2Vec2FeatureExtractor(const PreprocessorConfig& config);
  std::string class_name() const override { return "Wav2Vec2FeatureExtractor"; }
  int sampling_rate() const override { return sampling_rate_; }
  TensorMap operator()(const std::vector<std::vector<float>>& clips) const override;

 private:
  int sampling_rate_ = 16000;
  bool do_normalize_ = true;
  bool return_attention_mask_ = false;
  float padding_value_ = 0.0f;
  bool pad_left_ = false;
};

// WhisperFeatureExtractor: pad/truncate to n_samples, log-mel [N, feature_size, nb_max_frames].
class WhisperFeatureExtractor : public FeatureExtractor {
 public:
  explicit WhisperFeatureExtractor(const PreprocessorConfig& config);
  std::string class_name() const override { return "WhisperFeatureExtractor"; }
  int sampling_rate() const override { return sampling_rate_; }
  TensorMap operator()(const std::vector<std::vector<float>>& clips) const override;
  // [n_fft / 2 + 1][feature_size] float64, as HF's self.mel_filters.
  const std::vector<double>& mel_filters() const { return mel_filters_; }
  int n_samples() const { return n_samples_; }

 private:
  int sampling_rate_ = 16000;
  int n_samples_ = 480000;
  float padding_value_ = 0.0f;
  LogMelOptions mel_;
  std::vector<double> mel_filters_;
};

class AutoFeatureExtractor {
 public:
  // feature_extractor_type from preprocessor_config.json, else config.json's model_type.
  static std::unique_ptr<FeatureExtractor> from_pretrained(const std::filesystem::path& dir);
  static std::unique_ptr<FeatureExtractor> from_config(const PreprocessorConfig& config);
  static std::string resolve_class(const PreprocessorConfig& config);  // "" when none applies
};

}  // namespace autoclass
