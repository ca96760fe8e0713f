// The state of one encoder–decoder generation (HF's EncoderDecoderCache): the encoder output and its
// padding, each decoder layer's cross-attention keys/values (computed once from the encoder output)
// and self-attention keys/values (one row more per decoded token).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "runtime/generation/seq2seq.h"

namespace autoclass::blocks {

class Seq2SeqCache : public Seq2SeqState {
 public:
  Seq2SeqCache(std::int64_t batch, std::int64_t source_len, std::int64_t d_model, std::int64_t layers, std::int64_t inner);

  std::int64_t batch() const override { return batch_; }
  std::int64_t decoded_length() const override { return length_; }
  void select_rows(std::span<const std::int64_t> rows) override;

  std::int64_t source_len() const { return source_len_; }
  std::int64_t d_model() const { return d_model_; }
  std::int64_t inner() const { return inner_; }

  // [batch, source, d_model] and [batch, source].
  std::vector<float>& encoder_hidden() { return encoder_hidden_; }
  std::vector<std::uint8_t>& source_valid() { return source_valid_; }
  const std::uint8_t* source_valid(std::int64_t row) const { return source_valid_.data() + row * source_len_; }

  // Cross-attention keys / values of `layer` for `row`: [source, inner].
  float* cross_k(std::int64_t layer, std::int64_t row) { return cross_k_.data() + ((layer * batch_ + row) * source_len_) * inner_; }
  float* cross_v(std::int64_t layer, std::int64_t row) { return cross_v_.data() + ((layer * batch_ + row) * source_len_) * inner_; }

  // Self-attention keys / values of `layer` for `row`: [decoded_length(), inner] after begin_step.
  std::vector<float>& self_k(std::int64_t layer, std::int64_t row) { return self_k_[static_cast<std::size_t>(layer * batch_ + row)]; }
  std::vector<float>& self_v(std::int64_t layer, std::int64_t row) { return self_v_[static_cast<std::size_t>(layer * batch_ + row)]; }
  // Which decoder positions are real tokens (decoder_attention_mask), per row: [decoded_length()].
  const std::uint8_t* target_valid(std::int64_t row) const { return target_valid_[static_cast<std::size_t>(row)].data(); }

  // Records `n` new decoder tokens per row (valid: [batch, n] or null = all real); layers then append
  // their keys/values for them. Returns the position of the first new token.
  std::int64_t begin_step(std::int64_t n, const std::uint8_t* valid);

 private:
  std::int64_t batch_, source_len_, d_model_, layers_, inner_, length_ = 0;
  std::vector<float> encoder_hidden_;
  std::vector<std::uint8_t> source_valid_;
  std::vector<float> cross_k_, cross_v_;               // [layers, batch, source, inner]
  std::vector<std::vector<float>> self_k_, self_v_;   // [layers · batch] of [length, inner]
  std::vector<std::vector<std::uint8_t>> target_valid_;
};

}  // namespace autoclass::blocks
