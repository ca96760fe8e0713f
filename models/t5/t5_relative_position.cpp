#include "models/t5/t5_relative_position.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace autoclass::models::t5 {

std::int64_t relative_position_bucket(std::int64_t relative_position, bool bidirectional, std::int64_t num_buckets,
                                      std::int64_t max_distance) {
  std::int64_t bucket = 0;
  std::int64_t distance;
  if (bidirectional) {
    num_buckets /= 2;
    if (relative_position > 0) bucket += num_buckets;
    distance = std::llabs(relative_position);
  } else {
    distance = -std::min<std::int64_t>(relative_position, 0);
  }
  const std::int64_t max_exact = num_buckets / 2;
  if (distance < max_exact) return bucket + distance;
  // In float32 like torch: log(d / max_exact) / log(max_distance / max_exact) * (num_buckets - max_exact), truncated.
  const float ratio = static_cast<float>(distance) / static_cast<float>(max_exact);
  const float scaled = std::log(ratio) /
                       static_cast<float>(std::log(static_cast<double>(max_distance) / static_cast<double>(max_exact))) *
                       static_cast<float>(num_buckets - max_exact);
  const std::int64_t large = std::min<std::int64_t>(max_exact + static_cast<std::int64_t>(scaled), num_buckets - 1);
  return bucket + large;
}

std::vector<float> relative_position_bias(const Tensor& table, std::int64_t first_query, std::int64_t queries,
                                          std::int64_t keys, bool bidirectional, std::int64_t max_distance) {
  const std::int64_t num_buckets = table.dim(0), heads = table.dim(1);
  const float* t = table.data<float>();
  std::vector<float> bias(static_cast<std::size_t>(heads * queries * keys));
  for (std::int64_t i = 0; i < queries; ++i)
    for (std::int64_t j = 0; j < keys; ++j) {
      const std::int64_t bucket = relative_position_bucket(j - (first_query + i), bidirectional, num_buckets, max_distance);
      for (std::int64_t h = 0; h < heads; ++h) bias[static_cast<std::size_t>((h * queries + i) * keys + j)] = t[bucket * heads + h];
    }
  return bias;
}

}  // namespace autoclass::models::t5
