// Where a model's weights come from: one safetensors file, a sharded checkpoint, or tensors held in
// memory. Kernels ask by HF parameter name ("bert.encoder.layer.0.attention.self.query.weight").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/tensor.h"

namespace autoclass {

class WeightSource {
 public:
  virtual ~WeightSource() = default;
  virtual bool has(std::string_view name) const = 0;
  // The tensor as stored (dtype of the file; may borrow the mmap). Throws Error(kNotFound) naming it.
  virtual Tensor get(std::string_view name) const = 0;
  virtual std::vector<std::string> names() const = 0;
  // Where the weights come from, for messages ("/path/model.safetensors").
  virtual std::string origin() const = 0;
};

}  // namespace autoclass
