// One tokenizer.json, loaded: normalizer -> added-token split -> pre-tokenizer -> model ->
// post-processor, and the decoder. This is HF `tokenizers.Tokenizer`; AutoTokenizer adds the
// transformers-side config (special tokens, padding, clean-up) on top.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/json_io.h"
#include "runtime/tokenizer/added_vocabulary.h"
#include "runtime/tokenizer/components.h"
#include "runtime/tokenizer/encoding.h"

namespace autoclass::tok {

class Pipeline {
 public:
  // Parses a tokenizer.json document; errors name `origin` and the JSON path.
  static Pipeline from_json(const Json& doc, const std::string& origin);
  // Reads a tokenizer.json; big /model/vocab and /model/merges are parsed by a fast path.
  static Pipeline from_file(const std::filesystem::path& path);
  // The same from tokenizer.json text already in memory.
  static Pipeline from_text(const std::string& text, const std::string& origin);

  Pipeline() = default;
  Pipeline(Pipeline&&) = default;
  Pipeline& operator=(Pipeline&&) = default;

  // Longest text one encode call takes. Each input byte costs ~110 bytes at peak (pieces, alignment tables,
  // per-token output; measured: 8 MB of text through GPT-2 -> 0.9 GB RSS in `autoclass tokenize`), so a
  // hostile 1 GB line is refused up front rather than exhausting memory. 16 MiB is ~4M tokens, far beyond
  // any model's context; split longer text into chunks (or raise this for a trusted input).
  static constexpr std::size_t kDefaultMaxInputBytes = std::size_t{16} << 20;
  std::size_t max_input_bytes = kDefaultMaxInputBytes;

  // Encodes one text without post-processing (type ids = `type_id`). Throws on invalid UTF-8 and on a
  // text longer than max_input_bytes.
  Encoding encode_sequence(std::string_view text, std::int64_t type_id, int sequence_id) const;
  // Full encode: both texts, then the post-processor. Throws on invalid UTF-8.
  Encoding encode(std::string_view text, const std::optional<std::string_view>& pair, bool add_special_tokens) const;
  std::size_t added_special_count(bool is_pair) const { return post_processor ? post_processor->added_tokens(is_pair) : 0; }
  // Post-processes already encoded (possibly truncated) sequences.
  Encoding post_process(Encoding first, std::optional<Encoding> second, bool add_special_tokens) const;

  std::string decode(const std::vector<std::int64_t>& ids, bool skip_special_tokens) const;

  std::optional<std::uint32_t> token_to_id(std::string_view token) const;
  std::optional<std::string> id_to_token(std::uint32_t id) const;
  std::size_t vocab_size(bool with_added_tokens) const;

  std::unique_ptr<Normalizer> normalizer;
  std::unique_ptr<PreTokenizer> pre_tokenizer;
  std::unique_ptr<Model> model;
  std::unique_ptr<PostProcessor> post_processor;
  std::unique_ptr<Decoder> decoder;
  AddedVocabulary added;

 private:
  // encode_sequence on a text already checked (size and UTF-8), so encode() checks each text once.
  Encoding encode_checked_sequence(std::string_view text, std::int64_t type_id, int sequence_id) const;
};

}  // namespace autoclass::tok
