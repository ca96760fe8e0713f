// preprocessor_config.json (HF's save_pretrained output for image processors and feature extractors),
// with typed getters whose errors name the file and key, and the class-name resolution the Auto
// classes share (image_processor_type / feature_extractor_type / processor_class, else config.json's
// model_type).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "runtime/core/json_io.h"

namespace autoclass {

class PreprocessorConfig {
 public:
  // Reads <dir>/preprocessor_config.json; Error(kNotFound) naming it when absent.
  static PreprocessorConfig load(const std::filesystem::path& dir);
  PreprocessorConfig(Json json, std::filesystem::path file, std::string model_type);

  const Json& json() const { return json_; }
  const std::filesystem::path& file() const { return file_; }
  // model_type from config.json next to it ("" when there is none).
  const std::string& model_type() const { return model_type_; }

  bool has(const std::string& key) const;  // present and not null
  bool get_bool(const std::string& key, bool fallback) const;
  long long get_int(const std::string& key, long long fallback) const;
  double get_float(const std::string& key, double fallback) const;
  std::string get_string(const std::string& key, std::string fallback) const;
  // A number or a list of numbers (image_mean may be either); nullopt when absent or null.
  std::optional<std::vector<double>> get_float_list(const std::string& key) const;
  const Json& get_object(const std::string& key) const;  // throws when absent or not an object

  std::string where(const std::string& key) const;  // "<file>: /key" for messages

 private:
  const Json* find(const std::string& key) const;

  Json json_;
  std::filesystem::path file_;
  std::string model_type_;
};

// Reads <dir>/config.json's model_type, "" when the file or key is missing.
std::string read_model_type(const std::filesystem::path& dir);

}  // namespace autoclass
