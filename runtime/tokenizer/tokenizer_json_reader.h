// Fast loading of big tokenizer.json files (gemma3: 33 MB, 262k vocab, 514k merges). nlohmann's DOM
// is far too slow for /model/vocab and /model/merges, so a small scanner finds those two values,
// parses them with dedicated loops, and hands only the rest of the document to nlohmann.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/core/json_io.h"
#include "runtime/tokenizer/models/vocab.h"

namespace autoclass::tok {

struct TokenizerJson {
  Json doc;  // the document; /model/vocab and /model/merges are null when pre-parsed below
  std::optional<Vocab> vocab;                                          // object-form vocab
  std::optional<std::vector<std::pair<std::string, std::string>>> merges;
};

// tokenizer.json is capped higher than other JSON (gemma3's is 33 MB; a 10^7-entry vocab is ~200 MB):
// vocab and merges never go through the DOM.
inline constexpr std::uintmax_t kMaxTokenizerJsonBytes = std::uintmax_t{1} << 30;
TokenizerJson read_tokenizer_json(const std::string& text, const std::string& origin);

}  // namespace autoclass::tok
