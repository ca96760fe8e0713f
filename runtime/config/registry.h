// The shape of the generated mapping tables (generated/tables/*.cpp) and lookups over them.
// These rows are the only registry of model types, Auto-class mappings and kernel families:
// constexpr data, no static initialisers, no self-registration.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/model/model.h"

namespace autoclass {

class PretrainedConfig;

// Generated files static_assert this against the format they were written in.
inline constexpr int kGeneratedFormatVersion = 1;

using ConfigFactory = std::unique_ptr<PretrainedConfig> (*)();

struct ModelTypeRow {
  std::string_view model_type;
  std::string_view display_name;        // "BERT"
  std::string_view config_class;        // "BertConfig"
  std::string_view schema_file;         // "schemas/bert.json"
  std::string_view kernel_family;       // "" when no kernel runs it yet
  std::string_view kernel_options_json; // schema kernel.options with the family's defaults filled in
  std::string_view tokenizer_slow, tokenizer_fast;
  std::string_view image_processor, feature_extractor, processor;
  ConfigFactory make_config;            // nullptr: known, but not compiled into this binary
  bool compiled_in() const { return make_config != nullptr; }
};

struct AutoClassRow {
  std::string_view name;        // "AutoModelForMaskedLM"
  std::string_view hf_mapping;  // "MODEL_FOR_MASKED_LM_MAPPING_NAMES"
  std::string_view noun;        // "model classes"
  std::string_view head;        // "with a masked language modeling head"
  std::string_view cli_task;    // "masked-lm" or ""
};

struct AutoMappingRow {
  std::string_view auto_class;
  std::string_view model_type;
  std::string_view architecture;
  bool family_builds_it;  // the model type's kernel family lists this architecture
};

struct KernelFamilyRow {
  std::string_view family;
  std::string_view hf_source;
  ModelFactory create;  // nullptr: not compiled into this binary
};

namespace generated {
std::span<const ModelTypeRow> model_types();      // sorted by model_type
std::span<const AutoClassRow> auto_classes();     // schemas/_auto_classes.json order
std::span<const AutoMappingRow> auto_mappings();  // by Auto class, then model_type, then schema order
std::span<const KernelFamilyRow> kernel_families();
}  // namespace generated

// Lookups over the generated rows.
const ModelTypeRow* find_model_type(std::string_view model_type);
const AutoClassRow* find_auto_class(std::string_view name);
const KernelFamilyRow* find_kernel_family(std::string_view family);  // defined in the autoclass library
// Architectures an Auto class maps `model_type` to (HF tuples give several), in schema order.
std::vector<const AutoMappingRow*> auto_mapping_for(std::string_view auto_class, std::string_view model_type);
std::vector<std::string> known_model_types();
std::vector<std::string> compiled_model_types();
// The AUTOCLASS_MODELS value this binary was built with ("all" or a ;-list).
std::string_view models_selection();

}  // namespace autoclass
