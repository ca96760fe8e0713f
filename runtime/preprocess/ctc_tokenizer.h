// Wav2Vec2CTCTokenizer (transformers/models/wav2vec2/tokenization_wav2vec2.py): a character
// vocabulary (vocab.json) with "|" as the word delimiter and <pad> as the CTC blank. HF has no fast
// version (no tokenizer.json), so it lives here with the processor that uses it.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "runtime/preprocess/text_decoder.h"

namespace autoclass {

class Wav2Vec2CTCTokenizer : public TextDecoder {
 public:
  // Reads <dir>/vocab.json, and tokenizer_config.json / special_tokens_map.json when present.
  static Wav2Vec2CTCTokenizer from_pretrained(const std::filesystem::path& dir);

  std::string class_name() const override { return "Wav2Vec2CTCTokenizer"; }
  // Characters → ids: spaces become the word delimiter, unknown characters <unk>; special token
  // strings in the text map to their ids.
  std::vector<std::int64_t> encode(const std::string& text) const;
  // CTC decoding as HF's _decode: ids → tokens (special ones removed first when skip_special_tokens),
  // repeats merged, <pad> dropped, "|" → " ", stripped, clean_up_tokenization_spaces.
  std::string decode(const std::vector<std::int64_t>& ids, bool skip_special_tokens) const override;

  std::int64_t pad_token_id() const { return id_of(pad_token_); }
  std::int64_t vocab_size() const { return static_cast<std::int64_t>(id_to_token_.size()); }

 private:
  std::int64_t id_of(const std::string& token) const;

  std::map<std::string, std::int64_t> token_to_id_;
  std::map<std::int64_t, std::string> id_to_token_;
  std::string pad_token_ = "<pad>", unk_token_ = "<unk>", bos_token_ = "<s>", eos_token_ = "</s>";
  std::string word_delimiter_token_ = "|", replace_word_delimiter_char_ = " ";
  bool do_lower_case_ = false;
  bool clean_up_tokenization_spaces_ = true;
};

}  // namespace autoclass
