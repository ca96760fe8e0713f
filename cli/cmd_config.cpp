// autoclass config PATH [--json] [--diff] [--set key=value]... [--save DIR] [--strict]
#include <iostream>

#include "cli/commands.h"
#include "runtime/config/auto_config.h"
#include "runtime/core/strings.h"

namespace autoclass::cli {
namespace {

Json parse_value(const std::string& text) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error&) {
    return Json(text);  // bare words are strings: --set hidden_act=gelu
  }
}

int run_config(const Args& args) {
  args.expect_positionals(1, 1);
  const std::string path = args.positional(0, "PATH (a model folder, config.json or Hub id)");
  auto cfg = AutoConfig::from_pretrained(path);
  for (const auto& kv : args.values("--set")) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--set expects key=value, got '" + kv + "'");
    const std::string key = kv.substr(0, eq);
    if (!cfg->set(key, parse_value(kv.substr(eq + 1)), "--set")) {
      std::vector<std::string> names;
      for (const auto& f : cfg->fields()) names.emplace_back(f.info->name);
      const auto near = nearest_names(key, names, 1);
      throw Error(ErrorKind::kInvalidArgument, "--set: " + std::string(cfg->config_class()) + " has no field '" + key + "'" +
                                                   (near.empty() ? std::string() : " (did you mean '" + near[0] + "'?)"));
    }
  }
  // Unknown keys: kept (HF keeps them too), but a near miss of a field name is probably a typo.
  std::vector<std::string> names;
  for (const auto& f : cfg->fields()) names.emplace_back(f.info->name);
  int typos = 0;
  for (auto it = cfg->unknown_keys().begin(); it != cfg->unknown_keys().end(); ++it) {
    const auto near = nearest_names(it.key(), names, 1);
    if (!near.empty() && near[0] != it.key()) {
      std::cerr << "warning: '" << it.key() << "' is not a field of " << cfg->config_class() << "; did you mean '"
                << near[0] << "'?\n";
      ++typos;
    }
  }
  if (auto dir = args.value("--save")) {
    cfg->save_pretrained(*dir);
    std::cerr << "saved " << (std::filesystem::path(*dir) / "config.json").string() << "\n";
  }
  if (args.has("--json")) {
    std::cout << dump_json_pretty(cfg->to_json());
  } else if (args.has("--diff")) {
    std::cout << dump_json_pretty(cfg->to_diff_json());
  } else if (!args.has("--save")) {
    std::cout << "model_type: " << cfg->model_type() << "\nconfig class: " << cfg->config_class()
              << "\nfields: " << cfg->fields().size() << " (" << cfg->present_keys().size() << " set in the file)"
              << "\nunknown keys kept: " << cfg->unknown_keys().size() << "\nvalid: yes\n";
  }
  return (typos && args.has("--strict")) ? 1 : 0;
}

}  // namespace

Command config_command() {
  return {{"config", "autoclass config PATH [--json | --diff] [--set key=value]... [--save DIR] [--strict]",
           "Load a config.json into its typed config class, check it against the schema, show or save it.",
           {{"--json", false, "print the typed config with every field (defaults filled)"},
            {"--diff", false, "print only what differs from the defaults (HF use_diff)"},
            {"--set", true, "set a field (value as JSON, else a string); repeatable"},
            {"--save", true, "write DIR/config.json as save_pretrained does"},
            {"--strict", false, "exit 1 when an unknown key looks like a misspelt field"}}},
          run_config};
}

}  // namespace autoclass::cli
