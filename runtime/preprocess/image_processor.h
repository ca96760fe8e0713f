// Image processors (HF image_processing_*.py): resize with Pillow, optional center crop, rescale,
// normalize, channels first → pixel_values [N, 3, H, W] float32. One configurable class serves the
// processors that follow this recipe; AutoImageProcessor picks it from preprocessor_config.json.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "runtime/model/model.h"
#include "runtime/preprocess/image.h"
#include "runtime/preprocess/pillow_resample.h"
#include "runtime/preprocess/preprocessor_config.h"

namespace autoclass {

struct ImageProcessorSettings {
  std::string class_name = "ViTImageProcessor";
  bool do_resize = true;
  // size: {"height", "width"} (exact), or {"shortest_edge"} (aspect kept, as CLIP).
  std::optional<int> height, width, shortest_edge;
  PilResample resample = PilResample::kBilinear;
  bool do_center_crop = false;
  int crop_height = 0, crop_width = 0;
  bool do_rescale = true;
  double rescale_factor = 1.0 / 255.0;
  bool do_normalize = true;
  std::vector<double> image_mean{0.5, 0.5, 0.5}, image_std{0.5, 0.5, 0.5};
};

class ImageProcessor {
 public:
  // Defaults are the class's own (as HF's __init__), overridden by the config's keys.
  static ImageProcessor from_config(const PreprocessorConfig& config, const std::string& class_name);
  explicit ImageProcessor(ImageProcessorSettings settings);

  const std::string& class_name() const { return settings_.class_name; }
  const ImageProcessorSettings& settings() const { return settings_; }

  // The uint8 steps: Pillow resize then center crop (what HF hands to rescale).
  RgbImage resize_and_crop(const RgbImage& image) const;
  // {"pixel_values": F32 [N, 3, H, W]}; all images must come out the same size.
  TensorMap operator()(const std::vector<RgbImage>& images) const;
  TensorMap from_files(const std::vector<std::filesystem::path>& paths) const;

 private:
  ImageProcessorSettings settings_;
};

class AutoImageProcessor {
 public:
  // Resolves the class from image_processor_type, then feature_extractor_type (…FeatureExtractor →
  // …ImageProcessor), then config.json's model_type, like HF. Unknown classes: Error(kUnsupported).
  static ImageProcessor from_pretrained(const std::filesystem::path& dir);
  // The class name that resolution picks for this config ("" when none applies).
  static std::string resolve_class(const PreprocessorConfig& config);
};

}  // namespace autoclass
