// generate() for encoder–decoder models (transformers/generation/utils.py): the encoder runs once, the
// decoder starts from decoder_start_token_id (else bos_token_id) and extends every row with KV caches;
// greedy search or sampling (num_beams == 1) or beam search (runtime/generation/beam_search.h).
#pragma once

#include <cstdint>
#include <optional>

#include "runtime/core/tensor.h"
#include "runtime/generation/generation_config.h"
#include "runtime/generation/seq2seq.h"

namespace autoclass {

struct Seq2SeqGenerateOptions {
  std::int64_t no_repeat_ngram_size = 0;  // HF no_repeat_ngram_size (not in GenerationConfig yet)
  std::optional<std::int64_t> forced_eos_token_id;  // HF forced_eos_token_id: forced at the last step
};

// input_ids: [batch, source] integers; attention_mask: same shape (empty = all ones). Returns the
// decoder sequences [batch, 1 + new] I64 starting with decoder_start_token_id, as HF's generate:
// finished rows are filled with pad_token_id; beam search returns the best hypothesis of each row.
Tensor generate_seq2seq(Seq2SeqLM& model, const Tensor& input_ids, const Tensor& attention_mask,
                        const GenerationConfig& config, const Seq2SeqGenerateOptions& options = {});

// Greedy (or, with config.do_sample, multinomial) decoding whatever config.num_beams says.
Tensor greedy_seq2seq(Seq2SeqLM& model, const Tensor& input_ids, const Tensor& attention_mask,
                      const GenerationConfig& config, const Seq2SeqGenerateOptions& options = {});

// decoder_start_token_id, else bos_token_id (HF's _get_decoder_start_token_id); Error when neither is set.
std::int64_t decoder_start_token(const GenerationConfig& config);

}  // namespace autoclass
