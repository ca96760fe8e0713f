// Reads and validates every file in schemas/ into a SchemaSet; all problems go to Diagnostics.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "codegen/diagnostics.h"
#include "codegen/schema.h"

namespace autoclass::codegen {

// `display_root` is how file names are shown in messages and banners ("schemas").
SchemaSet load_schemas(const std::filesystem::path& dir, const std::string& display_root, Diagnostics& diag);

// One model schema held in memory (`file_name` as "bert.json"), validated against an already loaded set's
// base fields, Auto classes and families; the per-file rules only (cross-file rules live in load_schemas).
std::optional<ModelSchema> load_model_schema(std::string_view text, const std::string& file_name, const SchemaSet& set,
                                             Diagnostics& diag);

}  // namespace autoclass::codegen
