#include "models/blocks/kv_cache.h"

#include <algorithm>
#include <cstring>

#include "runtime/core/error.h"

namespace autoclass::blocks {

KvCache::KvCache(std::int64_t layers, std::int64_t batch, std::int64_t kv_heads, std::int64_t head_dim, std::int64_t capacity)
    : layers_(layers), batch_(batch), kv_heads_(kv_heads), head_dim_(head_dim), capacity_(0) {
  if (layers <= 0 || batch <= 0 || kv_heads <= 0 || head_dim <= 0 || capacity < 0)
    throw Error(ErrorKind::kInvalidArgument, "KvCache: layers, batch, kv_heads and head_dim must be positive");
  grow(std::max<std::int64_t>(capacity, 1));
}

void KvCache::grow(std::int64_t capacity) {
  const std::int64_t blocks = layers_ * batch_ * kv_heads_;
  std::vector<float> k(static_cast<std::size_t>(blocks * capacity * head_dim_));
  std::vector<float> v(k.size());
  std::vector<std::uint8_t> valid(static_cast<std::size_t>(batch_ * capacity), 0);
  const std::size_t used = static_cast<std::size_t>(length_ * head_dim_);
  for (std::int64_t b = 0; b < blocks && length_ > 0; ++b) {
    std::memcpy(k.data() + b * capacity * head_dim_, k_.data() + b * capacity_ * head_dim_, used * sizeof(float));
    std::memcpy(v.data() + b * capacity * head_dim_, v_.data() + b * capacity_ * head_dim_, used * sizeof(float));
  }
  for (std::int64_t r = 0; r < batch_ && length_ > 0; ++r)
    std::memcpy(valid.data() + r * capacity, valid_.data() + r * capacity_, static_cast<std::size_t>(length_));
  k_.swap(k);
  v_.swap(v);
  valid_.swap(valid);
  capacity_ = capacity;
}

std::int64_t KvCache::begin_step(std::int64_t n, const std::uint8_t* valid) {
  if (n <= 0) throw Error(ErrorKind::kInvalidArgument, "KvCache: a step needs at least one token");
  if (length_ + n > capacity_) grow(std::max(length_ + n, capacity_ * 2));
  const std::int64_t start = length_;
  for (std::int64_t r = 0; r < batch_; ++r)
    for (std::int64_t t = 0; t < n; ++t) valid_[r * capacity_ + start + t] = valid[r * n + t] ? 1 : 0;
  length_ += n;
  return start;
}

}  // namespace autoclass::blocks
