// model.safetensors.index.json, as save_pretrained writes it for sharded checkpoints:
// {"metadata": {"total_size": ...}, "weight_map": {"tensor name": "model-00001-of-00004.safetensors"}}.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/json_io.h"

namespace autoclass::safetensors {

struct Index {
  Json metadata;                                              // "metadata" as written (may be null)
  std::map<std::string, std::string, std::less<>> weight_map;  // tensor -> shard file (relative)
  std::vector<std::string> shards;                            // distinct shard files, sorted
};

// Validates the text: an object with a "weight_map" object of strings; every shard path relative,
// without ".." and not empty. Throws Error(kParse) naming `origin` and the JSON path.
Index parse_index(std::string_view text, const std::string& origin);

}  // namespace autoclass::safetensors
