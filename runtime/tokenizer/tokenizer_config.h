// The transformers-side settings of a tokenizer folder: tokenizer_config.json, merged with
// special_tokens_map.json (config wins) and added_tokens.json.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "runtime/core/json_io.h"
#include "runtime/tokenizer/added_vocabulary.h"

namespace autoclass::tok {

struct TokenizerConfig {
  std::string tokenizer_class;  // as written ("LlamaTokenizerFast"); may be empty
  std::map<std::string, std::string> special_tokens;  // "bos_token" -> "<s>", ...
  std::vector<std::string> additional_special_tokens;
  std::vector<AddedToken> added_tokens_decoder;        // from tokenizer_config.json
  std::vector<std::pair<std::string, std::uint32_t>> added_tokens_file;  // added_tokens.json
  std::optional<bool> add_bos_token, add_eos_token, add_prefix_space, do_lower_case, strip_accents,
      tokenize_chinese_chars;
  std::size_t model_max_length = SIZE_MAX;
  std::string padding_side = "right";
  std::string truncation_side = "right";
  bool clean_up_tokenization_spaces = true;
  std::string word_delimiter_token = "|";  // Wav2Vec2CTCTokenizer
  Json raw;                                // the whole tokenizer_config.json (or {})
  std::set<std::string> explicitly_unset;  // special tokens written as null

  // Fills named special tokens the config leaves out with the tokenizer class's defaults
  // (GPT2Tokenizer: <|endoftext|>, BertTokenizer: [UNK] [SEP] [PAD] [CLS] [MASK], ...).
  void apply_class_defaults();

  // Class name without the "Fast" suffix ("LlamaTokenizer").
  std::string base_class() const;
  std::optional<std::string> special(const std::string& name) const;
};

TokenizerConfig read_tokenizer_config(const std::filesystem::path& dir);

}  // namespace autoclass::tok
