// AutoTokenizer: HF `AutoTokenizer.from_pretrained(dir)` for a local folder.
//
// Resolution (like transformers with the fast tokenizer):
//   tokenizer_config.json (+ special_tokens_map.json, added_tokens.json) gives the class, the named
//   special tokens, model_max_length, padding_side, clean_up_tokenization_spaces, add_bos/eos_token;
//   tokenizer.json is the main format; without it vocab.txt (BertTokenizer / WordPiece),
//   vocab.json + merges.txt (GPT2Tokenizer / byte-level BPE, RoBERTa/BART add <s> </s>) or
//   vocab.json alone for Wav2Vec2CTCTokenizer are converted into the same pipeline.
//   Llama/Gemma tokenizers rebuild the post-processor from add_bos_token / add_eos_token, as
//   LlamaTokenizerFast / GemmaTokenizerFast do.
// Offsets in Encoding are byte offsets into the UTF-8 input (see encoding.h).
// Invalid UTF-8 input is rejected with an autoclass::Error (HF only accepts Unicode strings).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/tensor.h"
#include "runtime/tokenizer/encoding.h"

namespace autoclass {

struct TokenizerOptions {
  // Used when tokenizer_config.json names no tokenizer_class (the lead fills it from the generated
  // model_type -> tokenizer mapping), e.g. "GPT2TokenizerFast".
  std::optional<std::string> tokenizer_class_hint;
  // Longest text one encode call takes (tok::Pipeline::max_input_bytes; 0 = its default of 16 MiB).
  std::size_t max_input_bytes = 0;
};

enum class PaddingStrategy { kDoNotPad, kLongest, kMaxLength };

struct BatchOptions {
  bool add_special_tokens = true;
  PaddingStrategy padding = PaddingStrategy::kDoNotPad;
  bool truncation = false;
  std::optional<std::size_t> max_length;        // default: model_max_length
  std::optional<std::string> padding_side;      // "left" / "right"; default from the config
  std::optional<std::string> truncation_side;   // "left" / "right"; default "right"
  int num_threads = 1;                          // > 1 encodes rows in parallel
};

struct BatchEncoding {
  std::vector<Encoding> rows;
  // [batch, seq] I64 tensors (rows must have equal length, i.e. padded).
  Tensor input_ids() const;
  Tensor attention_mask() const;
  Tensor token_type_ids() const;
};

class AutoTokenizer {
 public:
  static AutoTokenizer from_pretrained(const std::filesystem::path& dir, const TokenizerOptions& options = {});

  Encoding encode(std::string_view text, bool add_special_tokens = true) const;
  Encoding encode(std::string_view text, std::string_view text_pair, bool add_special_tokens = true) const;
  BatchEncoding encode_batch(const std::vector<std::string>& texts, const BatchOptions& options = {}) const;
  BatchEncoding encode_batch_pairs(const std::vector<std::pair<std::string, std::string>>& pairs,
                                   const BatchOptions& options = {}) const;

  // clean_up_tokenization_spaces defaults to the config's value.
  std::string decode(const std::vector<std::int64_t>& ids, bool skip_special_tokens = false,
                     std::optional<bool> clean_up_tokenization_spaces = std::nullopt) const;
  std::vector<std::string> batch_decode(const std::vector<std::vector<std::int64_t>>& batch,
                                        bool skip_special_tokens = false,
                                        std::optional<bool> clean_up_tokenization_spaces = std::nullopt) const;

  std::optional<std::int64_t> token_to_id(std::string_view token) const;
  std::optional<std::string> id_to_token(std::int64_t id) const;
  // Unknown tokens map to the unk id (or -1 without one); unknown ids to "".
  std::vector<std::int64_t> convert_tokens_to_ids(const std::vector<std::string>& tokens) const;
  std::vector<std::string> convert_ids_to_tokens(const std::vector<std::int64_t>& ids) const;

  std::size_t vocab_size() const;  // the model's vocabulary (HF `vocab_size`)
  std::size_t size() const;        // including added tokens (HF `len(tokenizer)`)

  // Named special tokens (from the config); nullopt when not set.
  std::optional<std::string> bos_token() const;
  std::optional<std::string> eos_token() const;
  std::optional<std::string> pad_token() const;
  std::optional<std::string> unk_token() const;
  std::optional<std::int64_t> bos_token_id() const;
  std::optional<std::int64_t> eos_token_id() const;
  std::optional<std::int64_t> pad_token_id() const;
  std::optional<std::int64_t> unk_token_id() const;
  std::vector<std::int64_t> all_special_ids() const;

  const std::string& tokenizer_class() const;
  std::size_t model_max_length() const;  // SIZE_MAX when unbounded
  const std::string& padding_side() const;
  bool clean_up_tokenization_spaces() const;

  struct Impl;

 private:
  std::shared_ptr<const Impl> impl_;
};

// transformers' `clean_up_tokenization` (" ." -> ".", " n't" -> "n't", ...).
std::string clean_up_tokenization(std::string text);

}  // namespace autoclass
