// The interface encoder–decoder models (T5, BART ...) implement for generation: the encoder runs once,
// then decoder steps append tokens over a cache of self-attention keys/values (growing) and
// cross-attention keys/values (computed once from the encoder output), as HF's EncoderDecoderCache.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "runtime/core/tensor.h"
#include "runtime/model/model.h"

namespace autoclass {

// Per-generation state: encoder output and both caches, for `batch()` rows.
class Seq2SeqState {
 public:
  virtual ~Seq2SeqState() = default;
  virtual std::int64_t batch() const = 0;
  virtual std::int64_t decoded_length() const = 0;  // decoder tokens consumed so far
  // Keeps rows `rows` in that order (rows may repeat): expands a batch into beams and reorders beams
  // (HF's _expand_inputs_for_generation and _reorder_cache).
  virtual void select_rows(std::span<const std::int64_t> rows) = 0;
};

class Seq2SeqLM : public Model {
 public:
  virtual std::int64_t vocab_size() const = 0;
  // Runs the encoder once. input_ids: [batch, source] integers; attention_mask: same shape, empty = all ones.
  virtual std::unique_ptr<Seq2SeqState> encode(const Tensor& input_ids, const Tensor& attention_mask) = 0;
  // Appends decoder tokens `ids` ([batch, n], row-major) to every row and returns the logits of the last
  // new token [batch, vocab] (F32), or of every new token [batch, n, vocab] when `all_positions`.
  virtual Tensor decode(Seq2SeqState& state, std::span<const std::int64_t> ids, std::int64_t n,
                        bool all_positions = false) = 0;
};

}  // namespace autoclass
