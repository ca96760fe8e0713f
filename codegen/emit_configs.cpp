// Emits one typed config class per model schema, plus PretrainedConfigBase from schemas/_base.json.
#include <set>
#include <sstream>

#include "codegen/emit.h"

namespace autoclass::codegen {
namespace {

const char* const kStdIncludes =
    "#include <cstdint>\n#include <map>\n#include <memory>\n#include <optional>\n#include <span>\n"
    "#include <string>\n#include <string_view>\n#include <vector>\n\n";

std::string doc_comment(const std::string& doc, const char* indent) {
  return std::string(indent) + "/// " + (doc.empty() ? std::string("(undocumented)") : doc) + "\n";
}

void member_declarations(std::ostringstream& h, const std::vector<Field>& fields) {
  for (const auto& f : fields) {
    h << doc_comment(f.doc, "  ");
    h << "  " << f.type.cpp_type() << " " << member_name(f.name) << " = " << cpp_value_literal(f.type, f.default_value)
      << ";\n";
  }
}

// Field tables (+ enum value arrays) for a .cpp's anonymous namespace.
void field_tables(std::ostringstream& c, const std::vector<Field>& fields, const std::string& table) {
  for (const auto& f : fields) {
    if (f.enum_values.empty()) continue;
    c << "constexpr std::string_view " << table << "_enum_" << member_name(f.name) << "[] = {";
    for (std::size_t i = 0; i < f.enum_values.size(); ++i) c << (i ? ", " : "") << cpp_string_literal(f.enum_values[i]);
    c << "};\n";
  }
  if (fields.empty()) return;
  c << "constexpr FieldInfo " << table << "[] = {\n";
  for (const auto& f : fields) {
    c << "    {" << cpp_string_literal(f.name) << ", " << cpp_string_literal(f.type_spelling) << ", "
      << cpp_string_literal(f.default_value.dump()) << ",\n     " << cpp_string_literal(f.doc) << ", ";
    if (f.enum_values.empty()) c << "{}";
    else c << table << "_enum_" << member_name(f.name);
    c << "},\n";
  }
  c << "};\n";
}

void collect_body(std::ostringstream& c, const std::vector<Field>& fields, const std::string& table) {
  for (std::size_t i = 0; i < fields.size(); ++i)
    c << "  out.push_back(make_field_slot(" << table << "[" << i << "], " << member_name(fields[i].name) << "));\n";
}

void emit_base(const SchemaSet& set, OutputSet& out) {
  const std::string src = "schemas/_base.json";
  std::ostringstream h;
  h << cpp_banner(src) << "#pragma once\n\n" << kStdIncludes << "#include \"runtime/config/field_slot.h\"\n\n"
    << "namespace autoclass {\n\n"
    << "/// The attributes every HF config has (PretrainedConfig in configuration_utils.py).\n"
    << "struct PretrainedConfigBase {\n";
  member_declarations(h, set.base_fields);
  h << "\n protected:\n  void collect_base_fields(std::vector<FieldSlot>& out);\n};\n\n}  // namespace autoclass\n";
  out.add("configs/pretrained_config_base.h", h.str());

  std::ostringstream c;
  c << cpp_banner(src) << "#include \"generated/configs/pretrained_config_base.h\"\n\n"
    << "#include \"runtime/config/registry.h\"\n\n"
    << "static_assert(autoclass::kGeneratedFormatVersion == " << kFormatVersion
    << ", \"generated/ comes from a different codegen format; rebuild so codegen runs again\");\n\n"
    << "namespace autoclass {\nnamespace {\n";
  field_tables(c, set.base_fields, "kBaseFields");
  c << "}  // namespace\n\nvoid PretrainedConfigBase::collect_base_fields(std::vector<FieldSlot>& out) {\n";
  collect_body(c, set.base_fields, "kBaseFields");
  c << "}\n\n}  // namespace autoclass\n";
  out.add("configs/pretrained_config_base.cpp", c.str());
}

std::string base_field_type_literal(const SchemaSet& set, const std::string& name, const Json& value) {
  for (const auto& f : set.base_fields)
    if (f.name == name) return cpp_value_literal(f.type, value);
  return "{}";
}

void emit_model(const SchemaSet& set, const ModelSchema& m, OutputSet& out) {
  const std::string h_path = "configs/" + m.ident + "_config.h";
  const std::string c_path = "configs/" + m.ident + "_config.cpp";
  if (!m.config_from.empty()) {
    const ModelSchema& owner = set.config_owner(m);
    std::ostringstream h;
    h << cpp_banner(m.file) << "#pragma once\n\n// model type \"" << m.model_type << "\" shares " << m.config_class
      << " with \"" << owner.model_type << "\" (" << owner.file << ").\n#include \"generated/configs/" << owner.ident
      << "_config.h\"\n";
    out.add(h_path, h.str());
    out.add(c_path, cpp_banner(m.file) + "// Nothing to compile: \"" + m.model_type + "\" uses " + m.config_class +
                        " from " + owner.file + ".\n");
    return;
  }
  const std::string cls = m.config_class;
  std::ostringstream h;
  h << cpp_banner(m.file) << "#pragma once\n\n" << kStdIncludes << "#include \"runtime/config/pretrained_config.h\"\n\n"
    << "namespace autoclass {\n\n"
    << "/// " << m.display_name << " model configuration (HF " << cls << ", model_type \"" << m.model_type << "\").\n";
  if (!m.doc.empty()) h << "/// " << m.doc << "\n";
  h << "class " << cls << " : public PretrainedConfig {\n public:\n"
    << "  static constexpr std::string_view kModelType = " << cpp_string_literal(m.model_type) << ";\n"
    << "  " << cls << "() : " << cls << "(std::string(kModelType)) {}\n"
    << "  // Types that share this class (schemas with \"config_from\") pass their own model_type.\n"
    << "  explicit " << cls << "(std::string model_type);\n\n"
    << "  std::string_view config_class() const override { return " << cpp_string_literal(cls) << "; }\n"
    << "  std::unique_ptr<PretrainedConfig> fresh() const override;\n"
    << "  std::span<const AliasInfo> aliases() const override;\n\n";
  member_declarations(h, m.fields);
  if (!m.attribute_map.empty()) h << "\n  // attribute_map aliases\n";
  for (const auto& [alias, target] : m.attribute_map) {
    if (target == "num_labels") continue;  // read through num_labels() / find()
    const std::string am = member_name(alias);
    const std::string tm = member_name(target);
    std::string type;
    for (const auto& f : m.fields)
      if (f.name == target) type = f.type.cpp_type();
    for (const auto& f : set.base_fields)
      if (f.name == target) type = f.type.cpp_type();
    h << "  /// Alias of " << target << ".\n"
      << "  " << type << "& " << am << "() { return " << tm << "; }\n"
      << "  const " << type << "& " << am << "() const { return " << tm << "; }\n";
  }
  h << "\n protected:\n  " << cls << "(const " << cls << "&) = default;\n"
    << "  void collect_own_fields(std::vector<FieldSlot>& out) override;\n};\n\n}  // namespace autoclass\n";
  out.add(h_path, h.str());

  std::ostringstream c;
  c << cpp_banner(m.file) << "#include \"generated/configs/" << m.ident << "_config.h\"\n\n"
    << "#include \"runtime/config/registry.h\"\n\n"
    << "static_assert(autoclass::kGeneratedFormatVersion == " << kFormatVersion
    << ", \"generated/ comes from a different codegen format; rebuild so codegen runs again\");\n\n"
    << "namespace autoclass {\nnamespace config_" << m.ident << " {\n";
  field_tables(c, m.fields, "kFields");
  if (!m.attribute_map.empty()) {
    c << "constexpr AliasInfo kAliases[] = {\n";
    for (const auto& [alias, target] : m.attribute_map)
      c << "    {" << cpp_string_literal(alias) << ", " << cpp_string_literal(target) << "},\n";
    c << "};\n";
  }
  const std::string ns = "config_" + m.ident + "::";
  c << "}  // namespace config_" << m.ident << "\n\n"
    << cls << "::" << cls << "(std::string model_type) : PretrainedConfig(std::move(model_type)) {\n";
  for (auto it = m.base_defaults.begin(); it != m.base_defaults.end(); ++it) {
    if (it.key() == "num_labels") c << "  init_num_labels(" << it.value().get<std::int64_t>() << ");\n";
    else c << "  " << member_name(it.key()) << " = " << base_field_type_literal(set, it.key(), it.value()) << ";\n";
  }
  c << "}\n\n"
    << "std::unique_ptr<PretrainedConfig> " << cls << "::fresh() const { return std::make_unique<" << cls
    << ">(model_type()); }\n\n"
    << "std::span<const AliasInfo> " << cls << "::aliases() const { return "
    << (m.attribute_map.empty() ? std::string("{}") : ns + "kAliases") << "; }\n\n"
    << "void " << cls << "::collect_own_fields(std::vector<FieldSlot>& out) {\n";
  if (m.fields.empty()) c << "  (void)out;\n";
  collect_body(c, m.fields, ns + "kFields");
  c << "}\n\n}  // namespace autoclass\n";
  out.add(c_path, c.str());
}

}  // namespace

void emit_configs(const SchemaSet& set, OutputSet& out) {
  emit_base(set, out);
  for (const auto& m : set.models) emit_model(set, m, out);
}

}  // namespace autoclass::codegen
