#include "runtime/auto/pretrained_tokenizer.h"

#include "runtime/auto/model_files.h"
#include "runtime/config/registry.h"
#include "runtime/core/json_io.h"

namespace autoclass {
namespace fs = std::filesystem;

AutoTokenizer load_pretrained_tokenizer(const std::string& name_or_path, const LoadOptions& options) {
  const fs::path dir = resolve_pretrained(name_or_path, tokenizer_files(), options);
  TokenizerOptions tok;
  std::error_code ec;
  if (fs::exists(dir / "config.json", ec)) {
    const Json config = parse_json_file(dir / "config.json");
    if (auto it = config.find("tokenizer_class"); it != config.end() && it->is_string()) {
      tok.tokenizer_class_hint = it->get<std::string>();
    } else if (auto mt = config.find("model_type"); mt != config.end() && mt->is_string()) {
      if (const ModelTypeRow* row = find_model_type(mt->get<std::string>())) {
        if (!row->tokenizer_fast.empty()) tok.tokenizer_class_hint = std::string(row->tokenizer_fast);
        else if (!row->tokenizer_slow.empty()) tok.tokenizer_class_hint = std::string(row->tokenizer_slow);
      }
    }
  }
  return AutoTokenizer::from_pretrained(dir, tok);
}

}  // namespace autoclass
