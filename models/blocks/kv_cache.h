// Key/value cache for causal decoders (the role of HF's DynamicCache): every row of a batch advances
// by the same number of slots per step; which slots hold real tokens (not left padding) is kept per row,
// so a left-padded batch decodes exactly like its rows run alone.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/generation/causal_lm.h"

namespace autoclass::blocks {

class KvCache : public DecodeCache {
 public:
  KvCache(std::int64_t layers, std::int64_t batch, std::int64_t kv_heads, std::int64_t head_dim, std::int64_t capacity);

  std::int64_t layers() const { return layers_; }
  std::int64_t batch() const override { return batch_; }
  std::int64_t kv_heads() const { return kv_heads_; }
  std::int64_t head_dim() const { return head_dim_; }
  std::int64_t length() const override { return length_; }    // slots written so far (including this step's)
  std::int64_t capacity() const { return capacity_; }

  // Opens `n` new slots for every row; `valid` is [batch, n] (nonzero = real token). Grows if needed.
  // Returns the first new slot. Layers then write their keys/values into those slots.
  std::int64_t begin_step(std::int64_t n, const std::uint8_t* valid);

  float* keys(std::int64_t layer, std::int64_t row, std::int64_t head) { return at(k_, layer, row, head); }
  float* values(std::int64_t layer, std::int64_t row, std::int64_t head) { return at(v_, layer, row, head); }
  const float* keys(std::int64_t layer, std::int64_t row, std::int64_t head) const { return at(k_, layer, row, head); }
  const float* values(std::int64_t layer, std::int64_t row, std::int64_t head) const { return at(v_, layer, row, head); }
  const std::uint8_t* valid(std::int64_t row) const { return valid_.data() + row * capacity_; }

 private:
  void grow(std::int64_t capacity);
  float* at(std::vector<float>& buf, std::int64_t layer, std::int64_t row, std::int64_t head) const {
    return const_cast<float*>(buf.data()) + (((layer * batch_ + row) * kv_heads_ + head) * capacity_) * head_dim_;
  }
  const float* at(const std::vector<float>& buf, std::int64_t layer, std::int64_t row, std::int64_t head) const {
    return buf.data() + (((layer * batch_ + row) * kv_heads_ + head) * capacity_) * head_dim_;
  }

  std::int64_t layers_, batch_, kv_heads_, head_dim_, capacity_, length_ = 0;
  std::vector<float> k_, v_;          // [layers, batch, kv_heads, capacity, head_dim]
  std::vector<std::uint8_t> valid_;   // [batch, capacity]
};

}  // namespace autoclass::blocks
