#include "runtime/preprocess/preprocessor_config.h"

#include "runtime/core/error.h"

namespace autoclass {
namespace fs = std::filesystem;

std::string read_model_type(const fs::path& dir) {
  const fs::path config = dir / "config.json";
  std::error_code ec;
  if (!fs::is_regular_file(config, ec)) return "";
  const Json json = parse_json_file(config);
  if (json.is_object() && json.contains("model_type") && json["model_type"].is_string())
    return json["model_type"].get<std::string>();
  return "";
}

PreprocessorConfig PreprocessorConfig::load(const fs::path& dir) {
  const fs::path file = dir / "preprocessor_config.json";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error(ErrorKind::kNotFound, dir.string() + ": no such model directory");
  if (!fs::exists(file, ec))
    throw Error(ErrorKind::kNotFound, file.string() + ": no such file (an image processor or feature extractor needs it)");
  Json json = parse_json_file(file);
  if (!json.is_object()) throw Error(ErrorKind::kParse, file.string() + ": expected a JSON object");
  return PreprocessorConfig(std::move(json), file, read_model_type(dir));
}

PreprocessorConfig::PreprocessorConfig(Json json, fs::path file, std::string model_type)
    : json_(std::move(json)), file_(std::move(file)), model_type_(std::move(model_type)) {}

std::string PreprocessorConfig::where(const std::string& key) const {
  return file_.string() + ": " + json_path_join("", key);
}

const Json* PreprocessorConfig::find(const std::string& key) const {
  auto it = json_.find(key);
  if (it == json_.end() || it->is_null()) return nullptr;
  return &*it;
}

bool PreprocessorConfig::has(const std::string& key) const { return find(key) != nullptr; }

bool PreprocessorConfig::get_bool(const std::string& key, bool fallback) const {
  const Json* v = find(key);
  if (v == nullptr) return fallback;
  if (!v->is_boolean()) throw Error(ErrorKind::kParse, where(key) + ": expected true or false");
  return v->get<bool>();
}

long long PreprocessorConfig::get_int(const std::string& key, long long fallback) const {
  const Json* v = find(key);
  if (v == nullptr) return fallback;
  if (!v->is_number_integer()) throw Error(ErrorKind::kParse, where(key) + ": expected an integer");
  return v->get<long long>();
}

double PreprocessorConfig::get_float(const std::string& key, double fallback) const {
  const Json* v = find(key);
  if (v == nullptr) return fallback;
  if (!v->is_number()) throw Error(ErrorKind::kParse, where(key) + ": expected a number");
  return v->get<double>();
}

std::string PreprocessorConfig::get_string(const std::string& key, std::string fallback) const {
  const Json* v = find(key);
  if (v == nullptr) return fallback;
  if (!v->is_string()) throw Error(ErrorKind::kParse, where(key) + ": expected a string");
  return v->get<std::string>();
}

std::optional<std::vector<double>> PreprocessorConfig::get_float_list(const std::string& key) const {
  const Json* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_number()) return std::vector<double>{v->get<double>()};
  if (!v->is_array()) throw Error(ErrorKind::kParse, where(key) + ": expected a number or a list of numbers");
  std::vector<double> out;
  for (std::size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_number()) throw Error(ErrorKind::kParse, where(key) + "/" + std::to_string(i) + ": expected a number");
    out.push_back((*v)[i].get<double>());
  }
  return out;
}

const Json& PreprocessorConfig::get_object(const std::string& key) const {
  const Json* v = find(key);
  if (v == nullptr || !v->is_object()) throw Error(ErrorKind::kParse, where(key) + ": expected an object");
  return *v;
}

}  // namespace autoclass
