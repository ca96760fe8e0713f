// Sequence classification pooling of decoder models (LlamaForSequenceClassification,
// GPT2ForSequenceClassification in transformers): each row takes the hidden state of its last
// non-pad token (the rightmost id != pad_token_id; the last position when there is no pad id).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace autoclass::blocks {

// For each of `batch` rows of `length` ids: the index of the token to pool. Without a pad id a batch
// of more than one row is an Error naming `class_name`, as in HF.
std::vector<std::int64_t> last_token_indices(const std::int64_t* ids, std::int64_t batch, std::int64_t length,
                                             std::optional<std::int64_t> pad_token_id, const std::string& class_name);

}  // namespace autoclass::blocks
