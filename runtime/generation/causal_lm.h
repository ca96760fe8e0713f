// The interface decoder-only language models implement for generation: prefill and decode steps over a
// key/value cache the model owns the layout of (HF's past_key_values), with per-row positions and
// per-row validity so left-padded batches decode exactly like their rows alone.
#pragma once

#include <cstdint>
#include <memory>

#include "runtime/core/tensor.h"
#include "runtime/model/model.h"

namespace autoclass {

// Opaque per-generation state (keys and values of every layer so far).
class DecodeCache {
 public:
  virtual ~DecodeCache() = default;
  virtual std::int64_t batch() const = 0;
  virtual std::int64_t length() const = 0;  // slots consumed so far (same for every row)
};

// One step's input: `n` new tokens for each of `batch` rows.
struct DecodeStep {
  const std::int64_t* input_ids = nullptr;     // [batch, n]
  const std::int64_t* position_ids = nullptr;  // [batch, n]
  const std::uint8_t* valid = nullptr;         // [batch, n], 0 = padding (never attended to)
  std::int64_t n = 0;
  bool all_positions = false;                  // logits for every new token, not just the last
};

class CausalLM : public Model {
 public:
  virtual std::int64_t vocab_size() const = 0;
  // A cache for `batch` rows with room for `capacity` slots (it grows if a step needs more).
  virtual std::unique_ptr<DecodeCache> new_cache(std::int64_t batch, std::int64_t capacity) const = 0;
  // Appends the step to `cache` and returns logits: [batch, vocab] for each row's last new token, or
  // [batch, n, vocab] when step.all_positions. A prefill is a step with n > 1, a decode step has n == 1.
  virtual Tensor step(DecodeCache& cache, const DecodeStep& step) = 0;
};

}  // namespace autoclass
