// The Auto model classes: AutoModel, AutoModelForCausalLM, ... (HF's modeling_auto.py).
// Each is AutoModelClass<"Name">; the names come from schemas/_auto_classes.json through
// generated/tables/auto_classes.h. Which class gets built for a config comes from the generated
// mapping rows; user classes can be added at run time with register_model().
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "runtime/config/pretrained_config.h"
#include "runtime/model/model.h"

namespace autoclass {

struct LoadOptions {
  std::uint64_t seed = 0;          // random initialisation of missing weights / from_config
  bool quiet = false;              // don't print the "Some weights ..." report to stderr
  LoadReport* report = nullptr;    // receives what the checkpoint lacked or had extra
  std::string revision = "main";   // Hub ids only
  bool local_files_only = false;   // Hub ids only: never touch the network
};

using ModelMaker = std::function<std::unique_ptr<Model>(const PretrainedConfig&, const WeightSource*, const LoadOptions&)>;

namespace auto_model {
// The shared implementation behind every AutoModelClass.
std::unique_ptr<Model> from_pretrained(std::string_view auto_class, const std::string& name_or_path,
                                       const LoadOptions& options);
std::unique_ptr<Model> from_config(std::string_view auto_class, const PretrainedConfig& config,
                                   const LoadOptions& options);
// Builds with given weights (nullptr = from_config); `origin` names the weights in messages.
std::unique_ptr<Model> build(std::string_view auto_class, const PretrainedConfig& config, const WeightSource* weights,
                             const LoadOptions& options);
void register_model(std::string_view auto_class, const std::string& model_type, ModelMaker maker, bool exist_ok);
// The architecture HF would pick: the one in config.architectures, else the first mapped (throws the
// HF-shaped "Unrecognized configuration class" error when the Auto class does not support the type).
std::string pick_architecture(std::string_view auto_class, const PretrainedConfig& config);
}  // namespace auto_model

// A compile-time string so each Auto class is its own type with static methods, like HF's classes.
template <std::size_t N>
struct AutoClassName {
  constexpr AutoClassName(const char (&s)[N]) { std::copy_n(s, N, value); }
  constexpr std::string_view view() const { return {value, N - 1}; }
  char value[N];
};

template <AutoClassName Name>
struct AutoModelClass {
  static constexpr std::string_view name() { return Name.view(); }
  // A local folder (config.json + safetensors) or a Hub id ("org/name").
  static std::unique_ptr<Model> from_pretrained(const std::string& name_or_path, const LoadOptions& options = {}) {
    return auto_model::from_pretrained(name(), name_or_path, options);
  }
  // Random (seeded) weights, as HF's from_config.
  static std::unique_ptr<Model> from_config(const PretrainedConfig& config, const LoadOptions& options = {}) {
    return auto_model::from_config(name(), config, options);
  }
  // Adds a user model class for `model_type` (HF's AutoModel.register); built-in mappings are refused
  // unless exist_ok.
  static void register_model(const std::string& model_type, ModelMaker maker, bool exist_ok = false) {
    auto_model::register_model(name(), model_type, std::move(maker), exist_ok);
  }
};

}  // namespace autoclass
