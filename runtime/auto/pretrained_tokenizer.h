// AutoTokenizer for a folder or Hub id, with the tokenizer class hint taken from the generated
// model_type → tokenizer mapping when tokenizer_config.json names none (HF's TOKENIZER_MAPPING).
#pragma once

#include <string>

#include "runtime/auto/auto_model.h"
#include "runtime/tokenizer/auto_tokenizer.h"

namespace autoclass {

AutoTokenizer load_pretrained_tokenizer(const std::string& name_or_path, const LoadOptions& options = {});

}  // namespace autoclass
