#include "runtime/auto/model_files.h"

#include "runtime/auto/auto_model.h"
#include "runtime/core/error.h"
#include "runtime/hub/hub.h"

namespace autoclass {
namespace fs = std::filesystem;

fs::path resolve_pretrained(const std::string& name_or_path, const std::vector<std::string>& wanted,
                            const LoadOptions& options) {
  std::error_code ec;
  if (fs::is_directory(name_or_path, ec)) return name_or_path;
  if (fs::exists(name_or_path, ec))
    throw Error(ErrorKind::kInvalidArgument, name_or_path + " is a file; from_pretrained takes a model folder or a Hub id");
  if (!is_repo_id(name_or_path))
    throw Error(ErrorKind::kNotFound, "'" + name_or_path + "' is neither a local folder nor a valid Hub repo id (\"org/name\")");
  HubOptions hub;
  hub.revision = options.revision;
  hub.local_files_only = options.local_files_only;
  return resolve_model_folder(name_or_path, wanted, hub);
}

std::vector<std::string> model_files() {
  return {"config.json", "model.safetensors", "generation_config.json?"};
}

std::vector<std::string> tokenizer_files() {
  return {"config.json?", "tokenizer.json?", "tokenizer_config.json?", "special_tokens_map.json?", "added_tokens.json?",
          "vocab.txt?", "vocab.json?", "merges.txt?"};
}

}  // namespace autoclass
