// Writing .safetensors files the way the reference Python library does: compact JSON header padded
// with spaces to a multiple of 8 bytes, tensors ordered by dtype (widest first) then name, written atomically (temp file + rename).
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "runtime/model/model.h"

namespace autoclass {

using SafetensorsMetadata = std::map<std::string, std::string>;

// The complete file contents (header + data). Throws Error naming the tensor it cannot write.
std::string serialize_safetensors(const TensorMap& tensors, const SafetensorsMetadata& metadata = {});

// Writes `<path>.tmp.<pid>` then renames it over `path`: readers never see half a file.
void save_safetensors(const std::filesystem::path& path, const TensorMap& tensors, const SafetensorsMetadata& metadata = {});

}  // namespace autoclass
