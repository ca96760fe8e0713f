#include "runtime/config/auto_config.h"

#include <algorithm>
#include <mutex>
#include <vector>

#include "runtime/config/field_type.h"
#include "runtime/config/registry.h"
#include "runtime/core/error.h"
#include "runtime/core/strings.h"
#include "runtime/hub/hub.h"

namespace autoclass {
namespace fs = std::filesystem;

namespace {

struct UserConfig {
  std::string model_type;
  ConfigMaker maker;
};

// Registrations made by the program at run time (never at static-initialisation time).
std::vector<UserConfig>& user_configs() {
  static std::vector<UserConfig> configs;
  return configs;
}
std::mutex& user_configs_mutex() {
  static std::mutex m;
  return m;
}

std::unique_ptr<PretrainedConfig> make_config(std::string_view model_type) {
  {
    std::lock_guard<std::mutex> lock(user_configs_mutex());
    for (const auto& u : user_configs())
      if (u.model_type == model_type) return u.maker();
  }
  if (const ModelTypeRow* row = find_model_type(model_type); row && row->compiled_in()) return row->make_config();
  return nullptr;
}

// HF's fallback when config.json has no model_type: the longest known type contained in the name.
std::string model_type_from_name(const std::string& name) {
  std::vector<std::string> types = known_model_types();
  std::sort(types.begin(), types.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (const auto& t : types)
    if (!name.empty() && name.find(t) != std::string::npos) return t;
  return {};
}

}  // namespace

void AutoConfig::throw_unavailable(std::string_view model_type, const std::string& origin) {
  const std::string type(model_type);
  if (find_model_type(type)) {
    std::vector<std::string> selection = compiled_model_types();
    selection.push_back(type);
    throw Error(ErrorKind::kNotCompiledIn,
                origin + ": model type '" + type + "' is known but not compiled into this binary; rebuild with -DAUTOCLASS_MODELS=\"" +
                    join(selection, ";") + "\" (or -DAUTOCLASS_MODELS=all)");
  }
  const auto near = nearest_names(type, known_model_types(), 3);
  std::string msg = origin + ": model type '" + type +
                    "' is not known to autoclass: no schemas/" + type + ".json. ";
  if (!near.empty()) msg += "Did you mean " + join(near, ", ") + "? ";
  msg += "`autoclass list` shows the " + std::to_string(known_model_types().size()) +
         " known types; a new one is added by writing its schema.";
  throw Error(ErrorKind::kUnknownModelType, msg);
}

std::unique_ptr<PretrainedConfig> AutoConfig::from_json(const Json& config, const std::string& origin,
                                                        const std::string& name_hint) {
  if (!config.is_object())
    throw Error(ErrorKind::kInvalidArgument, origin + ": a config must be a JSON object, got " + describe_json_value(config));
  std::string model_type;
  if (auto it = config.find("model_type"); it != config.end()) {
    if (!it->is_string())
      throw Error(ErrorKind::kInvalidArgument, origin + ": /model_type: expected string, got " + describe_json_value(*it));
    model_type = it->get<std::string>();
  } else {
    model_type = model_type_from_name(name_hint);
    if (model_type.empty()) {
      const auto near = nearest_names(name_hint, known_model_types(), 3);
      throw Error(ErrorKind::kInvalidArgument,
                  origin + ": no \"model_type\" key, and the name '" + name_hint +
                      "' contains no known model type. Add \"model_type\" to config.json" +
                      (near.empty() ? std::string(".") : " (closest known types to that name: " + join(near, ", ") + ")."));
    }
  }
  auto cfg = make_config(model_type);
  if (!cfg) {
    if (config.contains("auto_map") && !find_model_type(model_type))
      throw Error(ErrorKind::kUnsupported,
                  origin + ": model type '" + model_type + "' needs custom code (\"auto_map\": " +
                      describe_json_value(config["auto_map"]) +
                      "); autoclass never runs code from a checkpoint. Write schemas/" + model_type +
                      ".json (and a kernel family if needed), or register C++ classes at run time: "
                      "AutoConfig::register_config(\"" + model_type + "\", ...) and AutoModelFor<Task>::register_model(\"" +
                      model_type + "\", ...).");
    throw_unavailable(model_type, origin);
  }
  cfg->update_from_json(config, origin);
  return cfg;
}

std::unique_ptr<PretrainedConfig> AutoConfig::from_pretrained(const fs::path& path_or_repo_id, const Json& overrides,
                                                              Json* unused) {
  std::error_code ec;
  fs::path path = path_or_repo_id;
  // Not a local folder or file but shaped like "org/name": fetch config.json from the Hub (or its cache).
  if (!fs::exists(path, ec) && is_repo_id(path.string())) path = resolve_model_folder(path.string(), {"config.json"});
  fs::path file = path;
  if (fs::is_directory(path, ec)) file = path / "config.json";
  if (!fs::exists(file, ec)) {
    if (fs::is_directory(path, ec))
      throw Error(ErrorKind::kNotFound, path.string() + " does not contain a config.json");
    throw Error(ErrorKind::kNotFound, path.string() + ": no such folder or file");
  }
  const std::string hint = fs::is_directory(path, ec) ? fs::absolute(path).lexically_normal().string() : path.string();
  auto cfg = from_json(parse_json_file(file), file.string(), hint);
  if (!overrides.is_null()) {
    if (!overrides.is_object()) throw Error(ErrorKind::kInvalidArgument, "config overrides must be a JSON object");
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
      if (cfg->set(it.key(), it.value())) continue;
      if (unused) (*unused)[it.key()] = it.value();
      else cfg->update_from_json(Json{{it.key(), it.value()}}, "override");
    }
  }
  return cfg;
}

std::unique_ptr<PretrainedConfig> AutoConfig::for_model(std::string_view model_type, const Json& kwargs) {
  auto cfg = make_config(model_type);
  if (!cfg) throw_unavailable(model_type, "AutoConfig::for_model");
  if (!kwargs.is_null()) cfg->update_from_json(kwargs, "AutoConfig::for_model kwargs");
  return cfg;
}

void AutoConfig::register_config(const std::string& model_type, ConfigMaker maker, bool exist_ok) {
  if (!maker) throw Error(ErrorKind::kInvalidArgument, "AutoConfig::register_config: no config maker given");
  const auto probe = maker();
  if (!probe || probe->model_type() != model_type)
    throw Error(ErrorKind::kInvalidArgument,
                "The config you are passing has a `model_type` attribute that is not consistent with the model type you "
                "passed (config has " + (probe ? probe->model_type() : std::string("nothing")) + " and you passed " +
                    model_type + "). Fix one of those so they match!");
  std::lock_guard<std::mutex> lock(user_configs_mutex());
  if (!exist_ok && find_model_type(model_type))
    throw Error(ErrorKind::kInvalidArgument, "'" + model_type + "' is already used by an autoclass config, pick another name.");
  auto& list = user_configs();
  auto it = std::find_if(list.begin(), list.end(), [&](const auto& u) { return u.model_type == model_type; });
  if (it != list.end()) {
    if (!exist_ok) throw Error(ErrorKind::kInvalidArgument, "'" + model_type + "' is already registered, pick another name.");
    it->maker = std::move(maker);
  } else {
    list.push_back({model_type, std::move(maker)});
  }
}

}  // namespace autoclass
