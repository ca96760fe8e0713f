// Header-only adapter: runtime/tokenizer's AutoTokenizer as a TextDecoder, for processors whose
// tokenizer has a tokenizer.json (WhisperProcessor ...). Including this requires linking
// autoclass_tokenizer; autoclass_preprocess itself does not depend on it.
//   AutoProcessor::set_default_tokenizer_loader(autoclass::auto_tokenizer_loader());
#pragma once

#include <memory>
#include <utility>

#include "runtime/preprocess/text_decoder.h"
#include "runtime/tokenizer/auto_tokenizer.h"

namespace autoclass {

class AutoTokenizerDecoder : public TextDecoder {
 public:
  explicit AutoTokenizerDecoder(AutoTokenizer tokenizer) : tokenizer_(std::move(tokenizer)) {}
  std::string class_name() const override { return tokenizer_.tokenizer_class(); }
  std::string decode(const std::vector<std::int64_t>& ids, bool skip_special_tokens) const override {
    return tokenizer_.decode(ids, skip_special_tokens);
  }
  const AutoTokenizer& tokenizer() const { return tokenizer_; }

 private:
  AutoTokenizer tokenizer_;
};

inline TokenizerLoader auto_tokenizer_loader() {
  return [](const std::filesystem::path& dir) -> std::shared_ptr<TextDecoder> {
    return std::make_shared<AutoTokenizerDecoder>(AutoTokenizer::from_pretrained(dir));
  };
}

}  // namespace autoclass
