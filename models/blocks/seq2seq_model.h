// What every encoder–decoder family shares: forward() input handling and outputs (HF's
// Seq2SeqLMOutput / Seq2SeqModelOutput names), encode-once / decode-with-cache for generation. A family
// supplies its encoder, decoder layers and LM head through the hooks below (T5, BART ...).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/blocks/seq2seq_cache.h"
#include "runtime/generation/seq2seq.h"

namespace autoclass::blocks {

enum class Seq2SeqHead {
  kLanguageModel,  // *ForConditionalGeneration: logits, encoder_last_hidden_state, decoder_last_hidden_state
  kBase,           // *Model: last_hidden_state (decoder), encoder_last_hidden_state
  kEncoderOnly,    // T5EncoderModel: last_hidden_state (encoder)
};

class Seq2SeqTransformer : public Seq2SeqLM {
 public:
  Seq2SeqTransformer(std::string class_name, Seq2SeqHead head, std::int64_t d_model, std::int64_t vocab)
      : class_name_(std::move(class_name)), head_(head), d_model_(d_model), vocab_(vocab) {}

  std::string class_name() const override { return class_name_; }
  std::int64_t vocab_size() const override { return vocab_; }
  // Inputs: input_ids (required), attention_mask, decoder_input_ids, decoder_attention_mask.
  TensorMap forward(const TensorMap& inputs) override;
  std::unique_ptr<Seq2SeqState> encode(const Tensor& input_ids, const Tensor& attention_mask) override;
  Tensor decode(Seq2SeqState& state, std::span<const std::int64_t> ids, std::int64_t n, bool all_positions) override;

 protected:
  // Encoder: final hidden states [batch·source, d_model] into `out`.
  virtual void run_encoder(const std::int64_t* ids, const std::uint8_t* valid, std::int64_t batch, std::int64_t source,
                           float* out) const = 0;
  virtual std::int64_t decoder_layers() const = 0;
  virtual std::int64_t cross_inner() const = 0;  // heads · head_dim of the cross-attention
  // Cross-attention keys/values of every decoder layer from cache.encoder_hidden().
  virtual void fill_cross_cache(Seq2SeqCache& cache) const = 0;
  // Decoder over `n` new tokens per row (cache.begin_step already called): final hidden states [batch·n, d_model].
  virtual std::vector<float> run_decoder(Seq2SeqCache& cache, const std::int64_t* ids, std::int64_t n) const = 0;
  // LM head: [rows, d_model] → [rows, vocab].
  virtual void lm_head(const float* hidden, std::int64_t rows, float* logits) const = 0;
  // decoder_input_ids when forward() gets none (BART shifts input_ids right; T5 refuses).
  virtual std::vector<std::int64_t> default_decoder_input_ids(const Tensor& input_ids) const;

  std::string class_name_;
  Seq2SeqHead head_;
  std::int64_t d_model_, vocab_;
};

// [batch, n] integer tensor → row-major int64 (any integer dtype); `what` names the input in errors.
std::vector<std::int64_t> int64_values(const Tensor& t, const std::string& what, const std::string& class_name);

}  // namespace autoclass::blocks
