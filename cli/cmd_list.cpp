// autoclass list [--task T] [--json]: what this binary supports, from the generated tables.
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "runtime/config/registry.h"

namespace autoclass::cli {
namespace {

int run_list(const Args& args) {
  args.expect_positionals(0, 0);
  std::string only;
  if (auto t = args.value("--task")) only = resolve_auto_class(*t);
  Json out;
  out["model_types"] = known_model_types();
  Json auto_classes = Json::object(), runnable = Json::object();
  for (const auto& ac : generated::auto_classes()) {
    if (!only.empty() && ac.name != only) continue;
    Json mapping = Json::object();
    Json can_run = Json::array();
    for (const auto& row : generated::auto_mappings()) {
      if (row.auto_class != ac.name) continue;
      const ModelTypeRow* type = find_model_type(row.model_type);
      if (!type || !type->compiled_in()) continue;
      const std::string key(row.model_type);
      if (mapping.contains(key)) continue;  // HF tuples: the first class is the default pick
      mapping[key] = std::string(row.architecture);
      const KernelFamilyRow* fam = find_kernel_family(type->kernel_family);
      if (row.family_builds_it && fam && fam->create) can_run.push_back(key);
    }
    auto_classes[std::string(ac.name)] = mapping;
    runnable[std::string(ac.name)] = can_run;
  }
  out["auto_classes"] = auto_classes;
  out["compiled_in"] = compiled_model_types();
  out["runnable"] = runnable;
  out["models_selection"] = std::string(models_selection());
  if (args.has("--json")) {
    std::cout << json_line(out) << "\n";
    return 0;
  }
  std::cout << known_model_types().size() << " model types known, " << compiled_model_types().size()
            << " compiled in (AUTOCLASS_MODELS=" << models_selection() << ")\n";
  for (auto it = auto_classes.begin(); it != auto_classes.end(); ++it) {
    if (it->empty()) continue;
    std::cout << "\n" << it.key() << " (" << it->size() << " model types, " << runnable[it.key()].size()
              << " runnable)\n";
    for (auto m = it->begin(); m != it->end(); ++m) {
      bool can = false;
      for (const auto& r : runnable[it.key()]) can = can || r == m.key();
      std::cout << "  " << (can ? "* " : "  ") << m.key() << " -> " << m->get<std::string>() << "\n";
    }
  }
  std::cout << "\n* = a kernel in this binary runs it; the rest load, save and document their configs.\n";
  return 0;
}

}  // namespace

Command list_command() {
  return {{"list", "autoclass list [--task AUTO_CLASS|TASK] [--json]",
           "What this binary supports: model types, and per Auto class the class each model type maps to.",
           {{"--task", true, "only this Auto class (e.g. AutoModelForCausalLM or causal-lm)"},
            {"--json", false, "machine-readable output"}}},
          run_list};
}

}  // namespace autoclass::cli
