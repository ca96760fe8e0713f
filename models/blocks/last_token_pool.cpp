#include "models/blocks/last_token_pool.h"

#include "runtime/core/error.h"

namespace autoclass::blocks {

std::vector<std::int64_t> last_token_indices(const std::int64_t* ids, std::int64_t batch, std::int64_t length,
                                             std::optional<std::int64_t> pad_token_id, const std::string& class_name) {
  if (!pad_token_id && batch > 1)
    throw Error(ErrorKind::kInvalidArgument, class_name + ": cannot handle batch sizes > 1 if no padding token is defined");
  std::vector<std::int64_t> out(static_cast<std::size_t>(batch), length - 1);
  if (!pad_token_id) return out;
  for (std::int64_t b = 0; b < batch; ++b) {
    std::int64_t last = 0;  // all padding: HF's argmax over zeros gives 0
    for (std::int64_t t = 0; t < length; ++t)
      if (ids[b * length + t] != *pad_token_id) last = t;
    out[b] = last;
  }
  return out;
}

}  // namespace autoclass::blocks
