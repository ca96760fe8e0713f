#include "runtime/generation/generate.h"

#include <algorithm>
#include <cstring>
#include <random>
#include <span>

#include "runtime/core/error.h"
#include "runtime/generation/logits_processors.h"

namespace autoclass {
namespace {

std::vector<std::int64_t> ids_of(const Tensor& t, const char* what) {
  if (t.dtype() == DType::kF32 || t.dtype() == DType::kF16 || t.dtype() == DType::kBF16 || t.dtype() == DType::kF64)
    throw Error(ErrorKind::kInvalidArgument, std::string("generate: ") + what + " must be an integer tensor");
  const Tensor i = t.to(DType::kI64);
  return {i.data<std::int64_t>(), i.data<std::int64_t>() + i.numel()};
}

}  // namespace

Tensor generate(CausalLM& model, const Tensor& input_ids, const Tensor& attention_mask, const GenerationConfig& config,
                const GenerateOptions& options) {
  config.validate();
  if (config.num_beams > 1)
    throw Error(ErrorKind::kUnsupported, "generate: num_beams > 1 needs beam search (runtime/generation/beam_search.h)");
  if (input_ids.ndim() != 2 || input_ids.dim(0) < 1 || input_ids.dim(1) < 1)
    throw Error(ErrorKind::kInvalidArgument, "generate: input_ids must be [batch, sequence] and non-empty, got " +
                                                 shape_string(input_ids.shape()));
  const std::int64_t batch = input_ids.dim(0), prompt = input_ids.dim(1);
  const std::vector<std::int64_t> prompt_ids = ids_of(input_ids, "input_ids");
  std::vector<std::uint8_t> valid(prompt_ids.size(), 1);
  if (!attention_mask.empty()) {
    if (attention_mask.shape() != input_ids.shape())
      throw Error(ErrorKind::kInvalidArgument, "generate: attention_mask " + shape_string(attention_mask.shape()) +
                                                   " does not match input_ids " + shape_string(input_ids.shape()));
    const auto m = ids_of(attention_mask, "attention_mask");
    for (std::size_t i = 0; i < m.size(); ++i) valid[i] = m[i] != 0;
  } else if (config.pad_token_id &&
             std::find(config.eos_token_ids.begin(), config.eos_token_ids.end(), *config.pad_token_id) ==
                 config.eos_token_ids.end()) {
    // HF _prepare_attention_mask_for_generation: without a mask, pad tokens (when pad ≠ eos) are masked.
    for (std::size_t i = 0; i < prompt_ids.size(); ++i) valid[i] = prompt_ids[i] != *config.pad_token_id;
  }
  const std::int64_t vocab = model.vocab_size();
  for (auto id : prompt_ids)
    if (id < 0 || id >= vocab)
      throw Error(ErrorKind::kInvalidArgument, "generate: input id " + std::to_string(id) + " is outside the vocabulary [0, " +
                                                   std::to_string(vocab) + ")");

  std::vector<std::int64_t> stop = config.eos_token_ids;
  stop.insert(stop.end(), options.stop_token_ids.begin(), options.stop_token_ids.end());
  // HF: without a pad id, finished rows are filled with the first EOS id.
  const std::int64_t pad = config.pad_token_id ? *config.pad_token_id : (stop.empty() ? 0 : stop.front());
  const std::int64_t max_new = config.new_tokens_for(prompt);
  const std::int64_t min_new =
      std::max<std::int64_t>(config.min_new_tokens.value_or(0), config.min_length - prompt);

  // Sequences so far, row-major [batch, prompt + step].
  std::vector<std::vector<std::int64_t>> seqs(static_cast<std::size_t>(batch));
  std::vector<std::int64_t> next_position(static_cast<std::size_t>(batch), 0);
  std::vector<std::int64_t> positions(prompt_ids.size());
  for (std::int64_t b = 0; b < batch; ++b) {
    seqs[b].assign(prompt_ids.begin() + b * prompt, prompt_ids.begin() + (b + 1) * prompt);
    std::int64_t count = 0;
    for (std::int64_t t = 0; t < prompt; ++t) {
      const bool v = valid[b * prompt + t];
      positions[b * prompt + t] = v ? count : 1;  // HF: cumsum(mask) - 1, masked_fill(mask == 0, 1)
      count += v;
    }
    next_position[b] = count;
  }

  auto cache = model.new_cache(batch, prompt + max_new);
  std::vector<std::uint8_t> finished(static_cast<std::size_t>(batch), 0);
  std::mt19937_64 rng(config.seed);
  DecodeStep step{prompt_ids.data(), positions.data(), valid.data(), prompt, false};
  std::vector<std::int64_t> tokens(static_cast<std::size_t>(batch));
  std::vector<std::uint8_t> ones(static_cast<std::size_t>(batch), 1);
  bool stop_all = false;
  for (std::int64_t i = 0; i < max_new && !stop_all; ++i) {
    Tensor logits = model.step(*cache, step);
    float* all = logits.data_mut<float>();
    for (std::int64_t b = 0; b < batch; ++b) {
      if (finished[b]) {
        tokens[b] = pad;
        continue;
      }
      std::span<float> scores(all + b * vocab, static_cast<std::size_t>(vocab));
      if (i < min_new) suppress_eos(scores, stop);
      apply_repetition_penalty(scores, seqs[b], config.repetition_penalty);
      if (config.do_sample) {
        apply_temperature(scores, config.temperature);
        apply_top_k(scores, config.top_k);
        apply_top_p(scores, config.top_p);
        tokens[b] = sample(scores, rng);
      } else {
        tokens[b] = argmax(scores);
      }
    }
    for (std::int64_t b = 0; b < batch; ++b) {
      seqs[b].push_back(tokens[b]);
      if (finished[b]) continue;
      if (std::find(stop.begin(), stop.end(), tokens[b]) != stop.end()) finished[b] = 1;
      if (options.on_token && !options.on_token(b, tokens[b])) stop_all = true;
    }
    if (std::all_of(finished.begin(), finished.end(), [](std::uint8_t f) { return f != 0; })) break;
    // Next step: one token per row; HF keeps feeding finished rows (their outputs are replaced by pad).
    for (std::int64_t b = 0; b < batch; ++b) positions[b] = next_position[b]++;
    step = DecodeStep{tokens.data(), positions.data(), ones.data(), 1, false};
  }

  const std::int64_t total = static_cast<std::int64_t>(seqs[0].size());
  Tensor out(DType::kI64, {batch, total});
  for (std::int64_t b = 0; b < batch; ++b)
    std::memcpy(out.data_mut<std::int64_t>() + b * total, seqs[b].data(), sizeof(std::int64_t) * total);
  return out;
}

}  // namespace autoclass
