// Kernel family "whisper": WhisperModel / WhisperForConditionalGeneration, plus a greedy decoder.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "runtime/model/model.h"

namespace autoclass::models::whisper {

std::unique_ptr<autoclass::Model> create(const autoclass::ModelRequest& request);

// Plain argmax decoding of one clip: input_features [1, mels, frames]; starts from `prefix` (e.g.
// <|startoftranscript|> <|en|> <|transcribe|> <|notimestamps|>) and appends `max_new_tokens` ids,
// stopping early only at `eos_token_id` when it is >= 0. The encoder runs once (its output is fed
// back as encoder_outputs). Returns prefix + new ids.
std::vector<std::int64_t> greedy_decode(autoclass::Model& model, const autoclass::Tensor& input_features,
                                        const std::vector<std::int64_t>& prefix, std::int64_t max_new_tokens,
                                        std::int64_t eos_token_id = -1);

}  // namespace autoclass::models::whisper
