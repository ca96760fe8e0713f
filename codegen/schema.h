// The generator's in-memory view of schemas/: what one model schema, the base fields, the Auto classes
// and the kernel families declare, after validation.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runtime/config/field_type.h"
#include "runtime/core/json_io.h"

namespace autoclass::codegen {

struct Field {
  std::string name;
  FieldType type;
  std::string type_spelling;
  Json default_value;
  std::string doc;
  std::vector<std::string> enum_values;
};

struct Architecture {
  std::string class_name;
  std::vector<std::string> auto_classes;
};

struct ModelSchema {
  std::string file;          // "schemas/bert.json" (for banners and messages)
  std::string model_type;
  std::string ident;         // C identifier derived from model_type
  std::string display_name;
  std::string config_class;
  std::string config_from;   // "" unless the config class is shared
  std::string doc;
  std::vector<Field> fields;
  std::vector<std::pair<std::string, std::string>> attribute_map;  // alias -> field
  Json base_defaults = Json::object();
  std::vector<Architecture> architectures;
  std::string tokenizer_slow, tokenizer_fast;
  std::string image_processor, feature_extractor, processor;
  std::string kernel_family;   // "" = none
  Json kernel_options = Json::object();  // with the family's defaults filled in
};

struct AutoClass {
  std::string name, hf_mapping, noun, head, cli_task;
};

// A kernel-family option is declared like a config field (name, type, default, doc, values).
using FamilyOption = Field;

struct KernelFamily {
  std::string file;
  std::string name, doc, hf_source;
  std::vector<std::string> architectures;
  std::vector<FamilyOption> options;
};

struct SchemaSet {
  std::vector<Field> base_fields;
  std::vector<AutoClass> auto_classes;
  std::vector<KernelFamily> families;  // sorted by name
  std::vector<ModelSchema> models;     // sorted by model_type

  const ModelSchema* model(const std::string& type) const;
  const KernelFamily* family(const std::string& name) const;
  const AutoClass* auto_class(const std::string& name) const;
  // The schema whose fields a model uses (itself, or its config_from target).
  const ModelSchema& config_owner(const ModelSchema& m) const;
};

// model_type -> C identifier; must match cmake/Selection.cmake's autoclass_ident().
std::string identifier_of(const std::string& model_type);

}  // namespace autoclass::codegen
