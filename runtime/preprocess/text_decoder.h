// What a processor needs from a tokenizer: ids → text. The CTC tokenizer here implements it; the
// BPE / WordPiece tokenizers of runtime/tokenizer are plugged in through a TokenizerLoader so this
// library does not depend on them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace autoclass {

class TextDecoder {
 public:
  virtual ~TextDecoder() = default;
  virtual std::string class_name() const = 0;
  virtual std::string decode(const std::vector<std::int64_t>& ids, bool skip_special_tokens) const = 0;
  std::vector<std::string> batch_decode(const std::vector<std::vector<std::int64_t>>& ids, bool skip_special_tokens) const {
    std::vector<std::string> out;
    for (const auto& row : ids) out.push_back(decode(row, skip_special_tokens));
    return out;
  }
};

// Builds the tokenizer saved in a model directory (e.g. AutoTokenizer::from_pretrained behind an adapter).
using TokenizerLoader = std::function<std::shared_ptr<TextDecoder>(const std::filesystem::path& dir)>;

}  // namespace autoclass
