// Follows transformers' image_processing_vit.py / _deit.py / _clip.py and image_transforms.py:
// resize through PIL on uint8, center crop on the array, rescale as float32(float64(x) * factor),
// normalize in float32 ((x - mean) / std with float32 mean/std), channels first.
#include "runtime/preprocess/image_processor.h"

#include <map>

#include "runtime/core/error.h"

namespace autoclass {
namespace {

// Per-class defaults (the __init__ defaults of the HF classes this recipe covers).
std::optional<ImageProcessorSettings> class_defaults(const std::string& name) {
  ImageProcessorSettings s;
  s.class_name = name;
  if (name == "ViTImageProcessor") {
    s.height = s.width = 224;
    return s;
  }
  if (name == "DeiTImageProcessor") {
    s.height = s.width = 256;
    s.resample = PilResample::kBicubic;
    s.do_center_crop = true;
    s.crop_height = s.crop_width = 224;
    s.image_mean = {0.485, 0.456, 0.406};
    s.image_std = {0.229, 0.224, 0.225};
    return s;
  }
  if (name == "CLIPImageProcessor") {
    s.shortest_edge = 224;
    s.resample = PilResample::kBicubic;
    s.do_center_crop = true;
    s.crop_height = s.crop_width = 224;
    s.image_mean = {0.48145466, 0.4578275, 0.40821073};
    s.image_std = {0.26862954, 0.26130258, 0.27577711};
    return s;
  }
  return std::nullopt;
}

const std::map<std::string, std::string>& image_processor_for_model_type() {
  static const std::map<std::string, std::string> table = {
      {"vit", "ViTImageProcessor"}, {"deit", "DeiTImageProcessor"}, {"clip", "CLIPImageProcessor"}};
  return table;
}

int positive_int(const PreprocessorConfig& config, const Json& object, const std::string& key, const std::string& path) {
  const Json& v = object.at(key);
  if (!v.is_number_integer() || v.get<long long>() <= 0 || v.get<long long>() > 1 << 16)
    throw Error(ErrorKind::kParse, config.file().string() + ": " + path + "/" + key + ": expected a positive integer");
  return v.get<int>();
}

std::vector<double> three_values(const PreprocessorConfig& config, const std::string& key, std::vector<double> fallback) {
  auto values = config.get_float_list(key);
  if (!values) return fallback;
  if (values->size() == 1) values->resize(3, (*values)[0]);
  if (values->size() != 3) throw Error(ErrorKind::kParse, config.where(key) + ": expected 3 values (R, G, B)");
  return *values;
}

}  // namespace

ImageProcessor::ImageProcessor(ImageProcessorSettings settings) : settings_(std::move(settings)) {
  for (double s : settings_.image_std)
    if (s == 0.0) throw Error(ErrorKind::kInvalidArgument, settings_.class_name + ": image_std has a zero entry");
}

ImageProcessor ImageProcessor::from_config(const PreprocessorConfig& config, const std::string& class_name) {
  auto defaults = class_defaults(class_name);
  if (!defaults)
    throw Error(ErrorKind::kUnsupported, config.file().string() + ": image processor class '" + class_name +
                                             "' is not supported (supported: ViTImageProcessor, DeiTImageProcessor, "
                                             "CLIPImageProcessor)");
  ImageProcessorSettings s = *defaults;
  s.do_resize = config.get_bool("do_resize", s.do_resize);
  if (config.has("size")) {
    const Json& size = config.json().at("size");
    s.height.reset(), s.width.reset(), s.shortest_edge.reset();
    if (size.is_number_integer()) {  // legacy: one int means a square
      s.height = s.width = positive_int(config, config.json(), "size", "");
    } else if (size.is_object() && size.contains("height") && size.contains("width")) {
      s.height = positive_int(config, size, "height", "/size");
      s.width = positive_int(config, size, "width", "/size");
    } else if (size.is_object() && size.contains("shortest_edge")) {
      s.shortest_edge = positive_int(config, size, "shortest_edge", "/size");
    } else {
      throw Error(ErrorKind::kUnsupported,
                  config.where("size") + ": expected {\"height\", \"width\"} or {\"shortest_edge\"}");
    }
  }
  s.resample = pil_resample_from_int(config.get_int("resample", static_cast<int>(s.resample)), config.where("resample"));
  s.do_center_crop = config.get_bool("do_center_crop", s.do_center_crop);
  if (config.has("crop_size")) {
    const Json& crop = config.json().at("crop_size");
    if (crop.is_number_integer()) {
      s.crop_height = s.crop_width = positive_int(config, config.json(), "crop_size", "");
    } else if (crop.is_object() && crop.contains("height") && crop.contains("width")) {
      s.crop_height = positive_int(config, crop, "height", "/crop_size");
      s.crop_width = positive_int(config, crop, "width", "/crop_size");
    } else {
      throw Error(ErrorKind::kUnsupported, config.where("crop_size") + ": expected {\"height\", \"width\"}");
    }
  }
  s.do_rescale = config.get_bool("do_rescale", s.do_rescale);
  s.rescale_factor = config.get_float("rescale_factor", s.rescale_factor);
  s.do_normalize = config.get_bool("do_normalize", s.do_normalize);
  s.image_mean = three_values(config, "image_mean", s.image_mean);
  s.image_std = three_values(config, "image_std", s.image_std);
  return ImageProcessor(std::move(s));
}

RgbImage ImageProcessor::resize_and_crop(const RgbImage& image) const {
  const ImageProcessorSettings& s = settings_;
  RgbImage out = image;
  if (s.do_resize) {
    int w = 0, h = 0;
    if (s.shortest_edge) {  // get_resize_output_image_size(default_to_square=False)
      const bool landscape = image.width >= image.height;
      const int shorter = landscape ? image.height : image.width, longer = landscape ? image.width : image.height;
      const int new_short = *s.shortest_edge;
      const int new_long = static_cast<int>(static_cast<long long>(new_short) * longer / shorter);
      w = landscape ? new_long : new_short;
      h = landscape ? new_short : new_long;
    } else {
      w = *s.width;
      h = *s.height;
    }
    out = pillow_resize(out, w, h, s.resample);
  }
  if (s.do_center_crop) {  // image_transforms.center_crop: top/left = (orig - crop) // 2, zero padding
    auto floordiv2 = [](int v) { return v >= 0 ? v / 2 : -((-v + 1) / 2); };
    out = pillow_crop(out, floordiv2(out.width - s.crop_width), floordiv2(out.height - s.crop_height), s.crop_width,
                      s.crop_height);
  }
  return out;
}

TensorMap ImageProcessor::operator()(const std::vector<RgbImage>& images) const {
  if (images.empty()) throw Error(ErrorKind::kInvalidArgument, class_name() + ": no images given");
  std::vector<RgbImage> prepared;
  prepared.reserve(images.size());
  for (const RgbImage& image : images) {
    prepared.push_back(resize_and_crop(image));
    if (prepared.back().width != prepared.front().width || prepared.back().height != prepared.front().height)
      throw Error(ErrorKind::kInvalidArgument, class_name() + ": images come out in different sizes (" +
                                                   std::to_string(prepared.front().width) + "x" +
                                                   std::to_string(prepared.front().height) + " vs " +
                                                   std::to_string(prepared.back().width) + "x" +
                                                   std::to_string(prepared.back().height) + "); cannot batch them");
  }
  const std::int64_t n = static_cast<std::int64_t>(prepared.size());
  const int h = prepared.front().height, w = prepared.front().width;
  Tensor pixel_values(DType::kF32, {n, 3, h, w});
  float* out = pixel_values.data_mut<float>();
  float mean[3], std_[3];
  for (int c = 0; c < 3; ++c) {
    mean[c] = static_cast<float>(settings_.image_mean[c]);
    std_[c] = static_cast<float>(settings_.image_std[c]);
  }
  for (std::int64_t b = 0; b < n; ++b) {
    const RgbImage& image = prepared[b];
    for (int c = 0; c < 3; ++c) {
      float* plane = out + ((b * 3 + c) * h) * w;
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
          float v = image.at(y, x, c);
          if (settings_.do_rescale) v = static_cast<float>(static_cast<double>(image.at(y, x, c)) * settings_.rescale_factor);
          if (settings_.do_normalize) v = (v - mean[c]) / std_[c];
          plane[y * w + x] = v;
        }
    }
  }
  return {{"pixel_values", pixel_values}};
}

TensorMap ImageProcessor::from_files(const std::vector<std::filesystem::path>& paths) const {
  std::vector<RgbImage> images;
  for (const auto& p : paths) images.push_back(load_image(p));
  return (*this)(images);
}

std::string AutoImageProcessor::resolve_class(const PreprocessorConfig& config) {
  std::string name = config.get_string("image_processor_type", "");
  if (name.empty()) {
    name = config.get_string("feature_extractor_type", "");
    const std::string suffix = "FeatureExtractor";
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      name = name.substr(0, name.size() - suffix.size()) + "ImageProcessor";
    else
      name.clear();
  }
  if (name.empty()) {
    auto it = image_processor_for_model_type().find(config.model_type());
    if (it != image_processor_for_model_type().end()) name = it->second;
  }
  if (name.size() > 4 && name.compare(name.size() - 4, 4, "Fast") == 0) name.resize(name.size() - 4);
  return name;
}

ImageProcessor AutoImageProcessor::from_pretrained(const std::filesystem::path& dir) {
  const PreprocessorConfig config = PreprocessorConfig::load(dir);
  const std::string name = resolve_class(config);
  if (name.empty())
    throw Error(ErrorKind::kUnsupported, config.file().string() +
                                             ": cannot tell the image processor class (no image_processor_type, "
                                             "no feature_extractor_type, and model_type '" + config.model_type() +
                                             "' has no default)");
  return ImageProcessor::from_config(config, name);
}

}  // namespace autoclass
