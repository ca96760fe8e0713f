// Where from_pretrained's files come from: a local folder as is, or a Hub id resolved (downloaded
// once, then served from the huggingface_hub cache) into its snapshot folder.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace autoclass {

struct LoadOptions;

// `wanted` lists repo files as runtime/hub/hub.h's resolve_model_folder takes them ("x?" = optional).
std::filesystem::path resolve_pretrained(const std::string& name_or_path, const std::vector<std::string>& wanted,
                                         const LoadOptions& options);
// The files a model needs: config, weights (single or sharded), generation config.
std::vector<std::string> model_files();
// The files a tokenizer may need.
std::vector<std::string> tokenizer_files();

}  // namespace autoclass
