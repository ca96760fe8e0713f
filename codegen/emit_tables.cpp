// Emits the mapping tables as constexpr rows: model types (config mapping, tokenizer / processor
// mappings, kernel family), one model mapping per Auto class, and the kernel-family dispatch.
// Rows are wrapped in #if on the build's selection (autoclass_selection.h), so slim builds drop them
// while the generated text stays the same for every build.
#include <algorithm>
#include <sstream>

#include "codegen/emit.h"

namespace autoclass::codegen {
namespace {

std::string sv(const std::string& s) { return cpp_string_literal(s); }

std::string header(const std::string& what) {
  return cpp_banner("schemas/*.json (" + what + ")") +
         "#include \"autoclass_selection.h\"\n#include \"runtime/config/registry.h\"\n\n"
         "static_assert(autoclass::kGeneratedFormatVersion == " + std::to_string(kFormatVersion) +
         ", \"generated/ comes from a different codegen format; rebuild so codegen runs again\");\n\n";
}

void emit_model_types(const SchemaSet& set, OutputSet& out) {
  std::ostringstream c;
  c << header("config, tokenizer and processor mappings");
  for (const auto& m : set.models) {
    const ModelSchema& owner = set.config_owner(m);
    c << "#if defined(AUTOCLASS_HAS_MODEL_" << m.ident << ")\n#include \"generated/configs/" << owner.ident
      << "_config.h\"\n#endif\n";
  }
  c << "\nnamespace autoclass::generated {\nnamespace {\n\n";
  for (const auto& m : set.models) {
    c << "#if defined(AUTOCLASS_HAS_MODEL_" << m.ident << ")\nstd::unique_ptr<PretrainedConfig> make_config_" << m.ident
      << "() { return std::make_unique<" << m.config_class << ">(" << sv(m.model_type) << "); }\n#endif\n";
  }
  c << "\nconstexpr ModelTypeRow kModelTypes[] = {\n";
  for (const auto& m : set.models) {
    c << "    {" << sv(m.model_type) << ", " << sv(m.display_name) << ", " << sv(m.config_class) << ", " << sv(m.file)
      << ", " << sv(m.kernel_family) << ",\n     " << sv(m.kernel_family.empty() ? std::string() : m.kernel_options.dump())
      << ",\n     " << sv(m.tokenizer_slow) << ", " << sv(m.tokenizer_fast) << ", " << sv(m.image_processor) << ", "
      << sv(m.feature_extractor) << ", " << sv(m.processor) << ",\n"
      << "#if defined(AUTOCLASS_HAS_MODEL_" << m.ident << ")\n     &make_config_" << m.ident
      << "},\n#else\n     nullptr},\n#endif\n";
  }
  c << "};\n\n}  // namespace\n\nstd::span<const ModelTypeRow> model_types() { return kModelTypes; }\n\n"
    << "}  // namespace autoclass::generated\n";
  out.add("tables/model_types.cpp", c.str());
}

void emit_auto_mappings(const SchemaSet& set, OutputSet& out) {
  std::ostringstream c;
  c << header("Auto classes and their model mappings") << "namespace autoclass::generated {\nnamespace {\n\n";
  c << "constexpr AutoClassRow kAutoClasses[] = {\n";
  for (const auto& a : set.auto_classes)
    c << "    {" << sv(a.name) << ", " << sv(a.hf_mapping) << ", " << sv(a.noun) << ", " << sv(a.head) << ", "
      << sv(a.cli_task) << "},\n";
  c << "};\n\nconstexpr AutoMappingRow kAutoMappings[] = {\n";
  for (const auto& a : set.auto_classes) {
    bool any = false;
    for (const auto& m : set.models)
      for (const auto& arch : m.architectures) {
        if (std::find(arch.auto_classes.begin(), arch.auto_classes.end(), a.name) == arch.auto_classes.end()) continue;
        const KernelFamily* fam = m.kernel_family.empty() ? nullptr : set.family(m.kernel_family);
        const bool builds = fam && std::find(fam->architectures.begin(), fam->architectures.end(), arch.class_name) !=
                                       fam->architectures.end();
        c << "    {" << sv(a.name) << ", " << sv(m.model_type) << ", " << sv(arch.class_name) << ", "
          << (builds ? "true" : "false") << "},\n";
        any = true;
      }
    if (!any) c << "    // " << a.name << ": no model type maps to it\n";
  }
  c << "};\n\n}  // namespace\n\n"
    << "std::span<const AutoClassRow> auto_classes() { return kAutoClasses; }\n"
    << "std::span<const AutoMappingRow> auto_mappings() { return kAutoMappings; }\n\n"
    << "}  // namespace autoclass::generated\n";
  out.add("tables/auto_mappings.cpp", c.str());
}

void emit_kernel_families(const SchemaSet& set, OutputSet& out) {
  std::ostringstream c;
  c << header("kernel families: the one place family factories are referenced");
  for (const auto& f : set.families)
    c << "#if defined(AUTOCLASS_HAS_FAMILY_" << f.name << ")\n#include \"models/" << f.name << "/" << f.name
      << "_family.h\"\n#endif\n";
  c << "\nnamespace autoclass::generated {\nnamespace {\n\nconstexpr KernelFamilyRow kKernelFamilies[] = {\n";
  for (const auto& f : set.families)
    c << "    {" << sv(f.name) << ", " << sv(f.hf_source) << ",\n#if defined(AUTOCLASS_HAS_FAMILY_" << f.name
      << ")\n     &autoclass::models::" << f.name << "::create},\n#else\n     nullptr},\n#endif\n";
  if (set.families.empty()) c << "    {\"\", \"\", nullptr},  // no families declared yet\n";
  c << "};\n\n}  // namespace\n\nstd::span<const KernelFamilyRow> kernel_families() {\n  return std::span<const KernelFamilyRow>(kKernelFamilies)"
    << (set.families.empty() ? ".first(0)" : "") << ";\n}\n\n}  // namespace autoclass::generated\n";
  out.add("tables/kernel_families.cpp", c.str());
}

// One C++ name per Auto class (HF spelling), so callers write AutoModelForMaskedLM::from_pretrained(...).
void emit_auto_class_names(const SchemaSet& set, OutputSet& out) {
  std::ostringstream h;
  h << cpp_banner("schemas/_auto_classes.json") << "#pragma once\n\n#include \"runtime/auto/auto_model.h\"\n\n"
    << "namespace autoclass {\n\n";
  for (const auto& a : set.auto_classes)
    h << "/// Instantiates one of the " << a.noun << " of the library" << (a.head.empty() ? "" : " (" + a.head + ")")
      << ".\nusing " << a.name << " = AutoModelClass<" << sv(a.name) << ">;\n";
  h << "\n}  // namespace autoclass\n";
  out.add("tables/auto_classes.h", h.str());
}

}  // namespace

void emit_tables(const SchemaSet& set, OutputSet& out) {
  emit_auto_class_names(set, out);
  emit_model_types(set, out);
  emit_auto_mappings(set, out);
  emit_kernel_families(set, out);
}

}  // namespace autoclass::codegen
