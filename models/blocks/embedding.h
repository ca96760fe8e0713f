// nn.Embedding lookup by integer ids, with a clear error for out-of-range ids.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/core/tensor.h"

namespace autoclass::blocks {

class Embedding {
 public:
  Embedding() = default;
  // `table` is [num_embeddings, dim]; `name` is its parameter name, used in errors.
  Embedding(Tensor table, std::string name);

  std::int64_t num_embeddings() const { return rows_; }
  std::int64_t dim() const { return dim_; }
  const Tensor& table() const { return table_; }
  const float* row(std::int64_t id) const;  // throws naming the table when id is out of range

  // out[i, :] (+)= table[ids[i], :] for i < n. `what` names the input for errors ("input_ids").
  void lookup(const std::int64_t* ids, std::int64_t n, float* out, bool accumulate, const char* what) const;

 private:
  Tensor table_;
  std::string name_;
  std::int64_t rows_ = 0, dim_ = 0;
};

}  // namespace autoclass::blocks
