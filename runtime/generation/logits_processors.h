// The logits processors / warpers of HF generate() (transformers/generation/logits_process.py) that
// GenerationConfig switches on, applied to one row of next-token scores in HF's order:
// min-length EOS suppression, repetition penalty; then, when sampling, temperature, top-k, top-p.
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "runtime/generation/generation_config.h"

namespace autoclass {

// Scores of EOS ids set to -inf (MinLengthLogitsProcessor / MinNewTokensLengthLogitsProcessor).
void suppress_eos(std::span<float> scores, const std::vector<std::int64_t>& eos_ids);
// RepetitionPenaltyLogitsProcessor: every id in `previous` (prompt included) once: s<0 ? s·p : s/p.
void apply_repetition_penalty(std::span<float> scores, std::span<const std::int64_t> previous, double penalty);
// TemperatureLogitsWarper.
void apply_temperature(std::span<float> scores, double temperature);
// TopKLogitsWarper: scores below the k-th largest become -inf (ties with it stay).
void apply_top_k(std::span<float> scores, std::int64_t k);
// TopPLogitsWarper: keeps the smallest set of top tokens whose probability reaches p (at least one).
void apply_top_p(std::span<float> scores, double p);

std::int64_t argmax(std::span<const float> scores);  // first maximum, as torch.argmax
// Draws from softmax(scores).
std::int64_t sample(std::span<const float> scores, std::mt19937_64& rng);

}  // namespace autoclass
