// Beam search for encoder–decoder models as HF's _beam_search + BeamSearchScorer
// (transformers/generation/utils.py, beam_search.py, v4.43): log-softmax scores plus the beam's running
// sum, top 2·num_beams candidates per row, EOS candidates among the top num_beams become hypotheses
// scored sum_logprobs / generated_len^length_penalty, early_stopping true / false (HF's heuristic).
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/core/tensor.h"
#include "runtime/generation/generation_config.h"
#include "runtime/generation/seq2seq.h"

namespace autoclass {

struct BeamSearchOptions {
  std::int64_t num_beams = 1;
  double length_penalty = 1.0;
  bool early_stopping = false;
  std::int64_t no_repeat_ngram_size = 0;
};

struct BeamSearchResult {
  Tensor sequences;                    // [batch, length] I64, decoder_start first, pad / eos filled as HF
  std::vector<double> sequence_scores; // [batch] the chosen hypotheses' length-penalised scores
};

// Uses config for max length / new tokens, eos_token_ids, pad_token_id, decoder start, min_length and
// repetition_penalty. num_beams == 1 is allowed (then it is greedy search with scores).
BeamSearchResult beam_search(Seq2SeqLM& model, const Tensor& input_ids, const Tensor& attention_mask,
                             const GenerationConfig& config, const BeamSearchOptions& options);

}  // namespace autoclass
