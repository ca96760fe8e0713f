// Logits processors that generation of any model may use but that runtime/generation/logits_processors.h
// does not have yet (transformers/generation/logits_process.py).
#pragma once

#include <cstdint>
#include <span>

namespace autoclass {

// NoRepeatNGramLogitsProcessor: bans every token that would complete an n-gram already present in
// `tokens` (the row's decoder ids so far): its score becomes -inf. n <= 0 or too few tokens: no-op.
void apply_no_repeat_ngram(std::span<float> scores, std::span<const std::int64_t> tokens, std::int64_t n);

}  // namespace autoclass
