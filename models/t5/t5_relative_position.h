// T5's relative position buckets (T5Attention._relative_position_bucket and compute_bias in
// transformers/models/t5/modeling_t5.py): exact buckets for small distances, logarithmic ones up to
// max_distance; bidirectional (encoder) splits the buckets between the two directions.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/core/tensor.h"

namespace autoclass::models::t5 {

// The bucket of relative_position = key_position - query_position.
std::int64_t relative_position_bucket(std::int64_t relative_position, bool bidirectional, std::int64_t num_buckets,
                                      std::int64_t max_distance);

// Per-head additive bias [heads, queries, keys] for query positions first_query.. and keys 0..keys-1,
// from the relative_attention_bias table [num_buckets, heads].
std::vector<float> relative_position_bias(const Tensor& table, std::int64_t first_query, std::int64_t queries,
                                          std::int64_t keys, bool bidirectional, std::int64_t max_distance);

}  // namespace autoclass::models::t5
