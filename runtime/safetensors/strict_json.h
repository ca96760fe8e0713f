// JSON parsing for untrusted checkpoint files: like autoclass::parse_json (errors carry line:column), plus
// rejection of duplicate object keys (nlohmann would silently keep one) and of absurd nesting depth.
#pragma once

#include <string>
#include <string_view>

#include "runtime/core/json_io.h"

namespace autoclass::safetensors {

// `what` names the document in messages ("safetensors header", "index").
Json parse_json_strict(std::string_view text, const std::string& origin, int max_depth = 16);

}  // namespace autoclass::safetensors
