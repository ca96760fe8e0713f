#include "runtime/auto/auto_model.h"

#include <iostream>
#include <mutex>
#include <vector>

#include "runtime/auto/model_files.h"
#include "runtime/config/auto_config.h"
#include "runtime/config/registry.h"
#include "runtime/core/error.h"
#include "runtime/core/strings.h"
#include "runtime/safetensors/checkpoint.h"

namespace autoclass::auto_model {
namespace {

struct UserModel {
  std::string auto_class, model_type;
  ModelMaker maker;
};
std::vector<UserModel>& user_models() {
  static std::vector<UserModel> models;
  return models;
}
std::mutex& user_models_mutex() {
  static std::mutex m;
  return m;
}

const ModelMaker* find_user_model(std::string_view auto_class, std::string_view model_type) {
  std::lock_guard<std::mutex> lock(user_models_mutex());
  for (const auto& u : user_models())
    if (u.auto_class == auto_class && u.model_type == model_type) return &u.maker;
  return nullptr;
}

const AutoClassRow& auto_class_row(std::string_view auto_class) {
  const AutoClassRow* row = find_auto_class(auto_class);
  if (!row) throw Error(ErrorKind::kInvalidArgument, "unknown Auto class '" + std::string(auto_class) + "'");
  return *row;
}

// HF's "Unrecognized configuration class ..." error, kept short: which Auto class, which config, the Auto
// classes that do accept this model type, and a few model types this Auto class accepts.
[[noreturn]] void throw_unsupported(std::string_view auto_class, const PretrainedConfig& config) {
  const std::string type = config.model_type();
  std::vector<std::string> other_classes;
  for (const auto& ac : generated::auto_classes())
    if (!auto_mapping_for(ac.name, type).empty()) other_classes.emplace_back(ac.name);
  std::vector<std::string> accepted, compiled;
  for (const auto& row : generated::auto_mappings()) {
    if (row.auto_class != auto_class) continue;
    if (!accepted.empty() && accepted.back() == row.model_type) continue;
    accepted.emplace_back(row.model_type);
    const ModelTypeRow* m = find_model_type(row.model_type);
    if (m && m->compiled_in() && row.family_builds_it) compiled.emplace_back(row.model_type);
  }
  std::string msg = "Unrecognized configuration class " + std::string(config.config_class()) + " (model type '" + type +
                    "') for this kind of AutoModel: " + std::string(auto_class) + ".";
  if (!other_classes.empty()) msg += "\n'" + type + "' is supported by: " + join(other_classes, ", ") + ".";
  msg += "\n" + std::string(auto_class) + " accepts " + std::to_string(accepted.size()) + " model types";
  if (!compiled.empty()) {
    std::vector<std::string> some(compiled.begin(), compiled.begin() + std::min<std::size_t>(compiled.size(), 8));
    msg += "; runnable in this binary: " + join(some, ", ") + (compiled.size() > some.size() ? ", ..." : "");
  }
  msg += " (`autoclass list --task " + std::string(auto_class) + "`).";
  // HF would import the checkpoint's own Python here (trust_remote_code); autoclass never runs checkpoint code.
  if (const Json& extra = config.unknown_keys(); extra.contains("auto_map") && extra["auto_map"].is_object() &&
                                                 extra["auto_map"].contains(std::string(auto_class)))
    msg += "\nThe checkpoint names custom code for it (\"auto_map\": {\"" + std::string(auto_class) + "\": " +
           extra["auto_map"][std::string(auto_class)].dump() + "}); autoclass never runs code from a checkpoint. " +
           "Implement the class in C++ and register it: " + std::string(auto_class) + "::register_model(\"" + type +
           "\", maker).";
  throw Error(ErrorKind::kUnsupported, msg);
}

}  // namespace

std::string pick_architecture(std::string_view auto_class, const PretrainedConfig& config) {
  auto_class_row(auto_class);
  const auto rows = auto_mapping_for(auto_class, config.model_type());
  if (rows.empty()) throw_unsupported(auto_class, config);
  if (config.architectures)
    for (const auto& wanted : *config.architectures)
      for (const auto* r : rows)
        if (r->architecture == wanted) return std::string(r->architecture);
  return std::string(rows.front()->architecture);
}

std::unique_ptr<Model> build(std::string_view auto_class, const PretrainedConfig& config, const WeightSource* weights,
                             const LoadOptions& options) {
  if (const ModelMaker* maker = find_user_model(auto_class, config.model_type())) return (*maker)(config, weights, options);

  const std::string arch = pick_architecture(auto_class, config);
  const std::string type = config.model_type();
  const ModelTypeRow* row = find_model_type(type);
  if (!row) AutoConfig::throw_unavailable(type, std::string(auto_class));
  if (!row->compiled_in()) AutoConfig::throw_unavailable(type, std::string(auto_class));
  bool family_builds = false;
  for (const auto* r : auto_mapping_for(auto_class, type))
    if (r->architecture == arch) family_builds = r->family_builds_it;
  if (row->kernel_family.empty() || !family_builds)
    throw Error(ErrorKind::kUnsupported,
                std::string(auto_class) + ": no kernel exists yet for " + arch + " (model type '" + type + "', " +
                    std::string(row->schema_file) + "). Its config loads and saves; to run it, implement the architecture in a kernel family under models/ and name that family in the schema's \"kernel\".");
  const KernelFamilyRow* family = find_kernel_family(row->kernel_family);
  if (!family || !family->create)
    throw Error(ErrorKind::kNotCompiledIn, std::string(auto_class) + ": kernel family '" + std::string(row->kernel_family) +
                                               "' for model type '" + type + "' is not compiled into this binary; rebuild with -DAUTOCLASS_MODELS including '" + type + "'");

  LoadReport local_report;
  LoadReport* report = options.report ? options.report : &local_report;
  ModelRequest request{config, arch, std::string(auto_class),
                       row->kernel_options_json.empty() ? Json::object() : Json::parse(row->kernel_options_json),
                       weights, options.seed, report};
  auto model = family->create(request);
  if (!options.quiet && weights) {
    const std::string summary = report->summary(arch, weights->origin());
    if (!summary.empty()) std::cerr << summary;
  }
  return model;
}

std::unique_ptr<Model> from_pretrained(std::string_view auto_class, const std::string& name_or_path,
                                       const LoadOptions& options) {
  auto_class_row(auto_class);
  const auto dir = resolve_pretrained(name_or_path, model_files(), options);
  const auto config = AutoConfig::from_pretrained(dir);
  // Check the Auto class supports the config before touching the weights.
  pick_architecture(auto_class, *config);
  const auto weights = open_checkpoint(dir);
  return build(auto_class, *config, weights.get(), options);
}

std::unique_ptr<Model> from_config(std::string_view auto_class, const PretrainedConfig& config,
                                   const LoadOptions& options) {
  auto_class_row(auto_class);
  return build(auto_class, config, nullptr, options);
}

void register_model(std::string_view auto_class, const std::string& model_type, ModelMaker maker, bool exist_ok) {
  auto_class_row(auto_class);
  if (!maker) throw Error(ErrorKind::kInvalidArgument, "register_model: no model maker given");
  std::lock_guard<std::mutex> lock(user_models_mutex());
  if (!exist_ok && !auto_mapping_for(auto_class, model_type).empty())
    throw Error(ErrorKind::kInvalidArgument, "'" + model_type + "' is already used by a built-in " + std::string(auto_class) +
                                                 " mapping; pass exist_ok to replace it.");
  auto& list = user_models();
  for (auto& u : list)
    if (u.auto_class == auto_class && u.model_type == model_type) {
      if (!exist_ok) throw Error(ErrorKind::kInvalidArgument, "'" + model_type + "' is already registered for " + std::string(auto_class));
      u.maker = std::move(maker);
      return;
    }
  list.push_back({std::string(auto_class), model_type, std::move(maker)});
}

}  // namespace autoclass::auto_model
