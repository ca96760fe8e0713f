// autoclass info MODEL [--json]: the resolution chain, model_type → config class → the class each Auto
// class would build → tokenizer class → the weights found.
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "runtime/auto/auto_model.h"
#include "runtime/auto/model_files.h"
#include "runtime/config/auto_config.h"
#include "runtime/config/registry.h"
#include "runtime/safetensors/checkpoint.h"

namespace autoclass::cli {
namespace {

int run_info(const Args& args) {
  args.expect_positionals(1, 1);
  const std::string model = args.positional(0, "MODEL (a folder or Hub id)");
  LoadOptions opts;
  std::vector<std::string> wanted = model_files();
  for (const auto& f : tokenizer_files()) wanted.push_back(f);
  const auto dir = resolve_pretrained(model, wanted, opts);
  auto cfg = AutoConfig::from_pretrained(dir);
  const ModelTypeRow* row = find_model_type(cfg->model_type());
  Json out;
  out["folder"] = dir.string();
  out["model_type"] = cfg->model_type();
  out["config_class"] = std::string(cfg->config_class());
  out["schema"] = row ? std::string(row->schema_file) : std::string();
  out["kernel_family"] = row ? std::string(row->kernel_family) : std::string();
  Json classes = Json::object();
  for (const auto& ac : generated::auto_classes()) {
    if (auto_mapping_for(ac.name, cfg->model_type()).empty()) continue;
    classes[std::string(ac.name)] = auto_model::pick_architecture(ac.name, *cfg);
  }
  out["auto_classes"] = classes;
  std::string tok_class;
  if (std::filesystem::exists(dir / "tokenizer_config.json")) {
    const Json tc = parse_json_file(dir / "tokenizer_config.json");
    if (tc.contains("tokenizer_class") && tc["tokenizer_class"].is_string()) tok_class = tc["tokenizer_class"];
  }
  if (tok_class.empty() && row) tok_class = std::string(!row->tokenizer_fast.empty() ? row->tokenizer_fast : row->tokenizer_slow);
  out["tokenizer_class"] = tok_class;
  out["tokenizer_json"] = std::filesystem::exists(dir / "tokenizer.json");

  Json weights = Json::object();
  std::int64_t params = 0, bytes = 0;
  std::map<std::string, std::int64_t> by_dtype;
  try {
    const auto source = open_checkpoint(dir);
    weights["origin"] = source->origin();
    Json tensors = Json::array();
    for (const auto& name : source->names()) {
      const Tensor t = source->get(name);
      params += t.numel();
      bytes += static_cast<std::int64_t>(t.nbytes());
      by_dtype[std::string(dtype_name(t.dtype()))] += t.numel();
      tensors.push_back({{"name", name}, {"dtype", std::string(dtype_name(t.dtype()))}, {"shape", t.shape()}});
    }
    weights["tensors"] = tensors;
    weights["count"] = tensors.size();
  } catch (const Error& e) {
    weights["error"] = e.what();
  }
  weights["parameters"] = params;
  weights["bytes"] = bytes;
  weights["parameters_by_dtype"] = by_dtype;
  out["weights"] = weights;

  if (args.has("--json")) {
    std::cout << json_line(out) << "\n";
    return 0;
  }
  std::cout << "folder:          " << dir.string() << "\n"
            << "model_type:      " << cfg->model_type() << "  (" << out["schema"].get<std::string>() << ")\n"
            << "config class:    " << cfg->config_class() << "\n"
            << "kernel family:   " << (out["kernel_family"].get<std::string>().empty() ? "(none yet)" : out["kernel_family"].get<std::string>()) << "\n"
            << "Auto classes:\n";
  for (auto it = classes.begin(); it != classes.end(); ++it)
    std::cout << "  " << it.key() << " -> " << it->get<std::string>() << "\n";
  std::cout << "tokenizer:       " << (tok_class.empty() ? "(none)" : tok_class)
            << (out["tokenizer_json"].get<bool>() ? "  (tokenizer.json)" : "") << "\n";
  if (weights.contains("error")) {
    std::cout << "weights:         " << weights["error"].get<std::string>() << "\n";
  } else {
    std::cout << "weights:         " << weights["count"].get<std::size_t>() << " tensors, " << params << " parameters, "
              << bytes << " bytes (" << weights["origin"].get<std::string>() << ")\n";
    for (const auto& [dt, n] : by_dtype) std::cout << "  " << dt << ": " << n << " parameters\n";
  }
  return 0;
}

}  // namespace

Command info_command() {
  return {{"info", "autoclass info MODEL [--json]",
           "Show how MODEL resolves: model_type, config class, the class each Auto class builds, tokenizer, weights.",
           {{"--json", false, "machine-readable output"}}},
          run_info};
}

}  // namespace autoclass::cli
