// AutoConfig: config.json → the typed config class of its model_type (HF's AutoConfig).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "runtime/config/pretrained_config.h"
#include "runtime/core/json_io.h"

namespace autoclass {

using ConfigMaker = std::function<std::unique_ptr<PretrainedConfig>()>;

class AutoConfig {
 public:
  // `path` is a folder with config.json, or a .json file. `overrides` set attributes after loading
  // (HF kwargs); those the config does not know are returned through `unused` when given (HF's
  // return_unused_kwargs=True), else kept as unknown keys.
  static std::unique_ptr<PretrainedConfig> from_pretrained(const std::filesystem::path& path,
                                                           const Json& overrides = Json::object(),
                                                           Json* unused = nullptr);
  // The parsed contents of a config.json; `origin` names it in errors; `name_hint` is what HF
  // pattern-matches a missing model_type against (the folder or repo name).
  static std::unique_ptr<PretrainedConfig> from_json(const Json& config, const std::string& origin,
                                                     const std::string& name_hint = "");
  // A default config of `model_type` with `kwargs` applied (HF's AutoConfig.for_model).
  static std::unique_ptr<PretrainedConfig> for_model(std::string_view model_type, const Json& kwargs = Json::object());
  // Makes `model_type` resolvable at run time with a user's config class (HF's AutoConfig.register).
  // The maker's config must report the same model_type; built-in types are refused unless exist_ok.
  static void register_config(const std::string& model_type, ConfigMaker maker, bool exist_ok = false);

  // Throws the error for a model_type this binary cannot build a config for (unknown, or known but
  // left out of a slim build), naming `origin`.
  [[noreturn]] static void throw_unavailable(std::string_view model_type, const std::string& origin);
};

}  // namespace autoclass
