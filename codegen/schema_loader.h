// Reads and validates every file in schemas/ into a SchemaSet; all problems go to Diagnostics.
#pragma once

#include <filesystem>

#include "codegen/diagnostics.h"
#include "codegen/schema.h"

namespace autoclass::codegen {

// `display_root` is how file names are shown in messages and banners ("schemas").
SchemaSet load_schemas(const std::filesystem::path& dir, const std::string& display_root, Diagnostics& diag);

}  // namespace autoclass::codegen
