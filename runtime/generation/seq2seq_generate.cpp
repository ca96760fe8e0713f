#include "runtime/generation/seq2seq_generate.h"

#include <algorithm>
#include <limits>
#include <random>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/generation/beam_search.h"
#include "runtime/generation/logits_processors.h"
#include "runtime/generation/seq2seq_processors.h"

namespace autoclass {

std::int64_t decoder_start_token(const GenerationConfig& config) {
  if (config.decoder_start_token_id) return *config.decoder_start_token_id;
  if (config.bos_token_id) return *config.bos_token_id;
  throw Error(ErrorKind::kInvalidArgument,
              "encoder-decoder generation needs decoder_start_token_id (or bos_token_id) in the generation config");
}

Tensor generate_seq2seq(Seq2SeqLM& model, const Tensor& input_ids, const Tensor& attention_mask,
                        const GenerationConfig& config, const Seq2SeqGenerateOptions& options) {
  config.validate();
  if (config.num_beams > 1) {
    if (config.do_sample)
      throw Error(ErrorKind::kUnsupported, "beam sampling (num_beams > 1 with do_sample) is not supported");
    BeamSearchOptions beam;
    beam.num_beams = config.num_beams;
    beam.length_penalty = config.length_penalty;
    beam.early_stopping = config.early_stopping;
    beam.no_repeat_ngram_size = options.no_repeat_ngram_size;
    return beam_search(model, input_ids, attention_mask, config, beam).sequences;
  }
  return greedy_seq2seq(model, input_ids, attention_mask, config, options);
}

Tensor greedy_seq2seq(Seq2SeqLM& model, const Tensor& input_ids, const Tensor& attention_mask,
                      const GenerationConfig& config, const Seq2SeqGenerateOptions& options) {
  const std::int64_t start = decoder_start_token(config);
  const std::int64_t new_tokens = config.new_tokens_for(1);  // the decoder "prompt" is the start token
  auto state = model.encode(input_ids, attention_mask);
  const std::int64_t batch = state->batch();
  const std::int64_t vocab = model.vocab_size();
  const bool has_eos = !config.eos_token_ids.empty();
  if (has_eos && !config.pad_token_id)
    throw Error(ErrorKind::kInvalidArgument, "generation with eos_token_id needs pad_token_id to fill finished rows");
  std::vector<std::vector<std::int64_t>> sequences(static_cast<std::size_t>(batch), std::vector<std::int64_t>{start});
  std::vector<std::uint8_t> unfinished(static_cast<std::size_t>(batch), 1);
  std::mt19937_64 rng(config.seed);
  std::vector<std::int64_t> step(static_cast<std::size_t>(batch), start);
  for (std::int64_t t = 0; t < new_tokens; ++t) {
    Tensor logits = model.decode(*state, step, 1);
    float* all = logits.data_mut<float>();
    const std::int64_t produced = t;  // new tokens so far
    for (std::int64_t b = 0; b < batch; ++b) {
      auto& seq = sequences[static_cast<std::size_t>(b)];
      std::span<float> scores(all + b * vocab, static_cast<std::size_t>(vocab));
      // HF's processor order: repetition penalty, no-repeat n-gram, min length, forced EOS.
      if (config.repetition_penalty != 1.0) apply_repetition_penalty(scores, seq, config.repetition_penalty);
      apply_no_repeat_ngram(scores, seq, options.no_repeat_ngram_size);
      const std::int64_t cur_len = static_cast<std::int64_t>(seq.size());
      if (cur_len < config.min_length || (config.min_new_tokens && produced < *config.min_new_tokens))
        suppress_eos(scores, config.eos_token_ids);
      if (options.forced_eos_token_id && cur_len == new_tokens) {
        std::fill(scores.begin(), scores.end(), -std::numeric_limits<float>::infinity());
        scores[static_cast<std::size_t>(*options.forced_eos_token_id)] = 0.0f;
      }
      std::int64_t next;
      if (config.do_sample) {
        apply_temperature(scores, config.temperature);
        apply_top_k(scores, config.top_k);
        apply_top_p(scores, config.top_p);
        next = sample(scores, rng);
      } else {
        next = argmax(scores);
      }
      if (has_eos && !unfinished[static_cast<std::size_t>(b)]) next = *config.pad_token_id;
      seq.push_back(next);
      step[static_cast<std::size_t>(b)] = next;
      if (has_eos && std::find(config.eos_token_ids.begin(), config.eos_token_ids.end(), next) != config.eos_token_ids.end())
        unfinished[static_cast<std::size_t>(b)] = 0;
    }
    if (has_eos && std::none_of(unfinished.begin(), unfinished.end(), [](std::uint8_t u) { return u != 0; })) break;
  }
  const auto length = static_cast<std::int64_t>(sequences[0].size());
  Tensor out(DType::kI64, {batch, length});
  for (std::int64_t b = 0; b < batch; ++b)
    std::copy(sequences[static_cast<std::size_t>(b)].begin(), sequences[static_cast<std::size_t>(b)].end(),
              out.data_mut<std::int64_t>() + b * length);
  return out;
}

}  // namespace autoclass
