#include "runtime/config/registry.h"

#include "autoclass_selection.h"

namespace autoclass {

const ModelTypeRow* find_model_type(std::string_view model_type) {
  for (const auto& row : generated::model_types())
    if (row.model_type == model_type) return &row;
  return nullptr;
}

const AutoClassRow* find_auto_class(std::string_view name) {
  for (const auto& row : generated::auto_classes())
    if (row.name == name) return &row;
  return nullptr;
}

std::vector<const AutoMappingRow*> auto_mapping_for(std::string_view auto_class, std::string_view model_type) {
  std::vector<const AutoMappingRow*> out;
  for (const auto& row : generated::auto_mappings())
    if (row.auto_class == auto_class && row.model_type == model_type) out.push_back(&row);
  return out;
}

std::vector<std::string> known_model_types() {
  std::vector<std::string> out;
  for (const auto& row : generated::model_types()) out.emplace_back(row.model_type);
  return out;
}

std::vector<std::string> compiled_model_types() {
  std::vector<std::string> out;
  for (const auto& row : generated::model_types())
    if (row.compiled_in()) out.emplace_back(row.model_type);
  return out;
}

std::string_view models_selection() { return AUTOCLASS_MODELS_SELECTION; }

}  // namespace autoclass
