// torch.nn.Embedding forward (transformers/models/bert/modeling_bert.py BertEmbeddings uses three).
#include "models/blocks/embedding.h"

#include <cstring>

#include "runtime/core/error.h"

namespace autoclass::blocks {

Embedding::Embedding(Tensor table, std::string name) : table_(table.to(DType::kF32)), name_(std::move(name)) {
  if (table_.ndim() != 2)
    throw Error(ErrorKind::kInvalidArgument, "embedding '" + name_ + "' must be 2-D, got " + shape_string(table_.shape()));
  rows_ = table_.dim(0);
  dim_ = table_.dim(1);
}

const float* Embedding::row(std::int64_t id) const {
  if (id < 0 || id >= rows_)
    throw Error(ErrorKind::kInvalidArgument, "index " + std::to_string(id) + " is out of range for embedding '" + name_ +
                                                 "' with " + std::to_string(rows_) + " rows");
  return table_.data<float>() + id * dim_;
}

void Embedding::lookup(const std::int64_t* ids, std::int64_t n, float* out, bool accumulate, const char* what) const {
  for (std::int64_t i = 0; i < n; ++i) {
    if (ids[i] < 0 || ids[i] >= rows_)
      throw Error(ErrorKind::kInvalidArgument, std::string(what) + " holds " + std::to_string(ids[i]) +
                                                   ", out of range for embedding '" + name_ + "' with " +
                                                   std::to_string(rows_) + " rows");
    const float* src = table_.data<float>() + ids[i] * dim_;
    float* dst = out + i * dim_;
    if (accumulate)
      for (std::int64_t d = 0; d < dim_; ++d) dst[d] += src[d];
    else
      std::memcpy(dst, src, sizeof(float) * dim_);
  }
}

}  // namespace autoclass::blocks
