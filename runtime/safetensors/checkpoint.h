// Opening a checkpoint folder the way HF's from_pretrained looks for weights.
#pragma once

#include <filesystem>
#include <memory>

#include "runtime/model/weight_source.h"

namespace autoclass {

inline constexpr const char* kSafeWeightsName = "model.safetensors";
inline constexpr const char* kSafeWeightsIndexName = "model.safetensors.index.json";

// `dir` holds model.safetensors (preferred, as in HF) or model.safetensors.index.json + shards. A path
// to a .safetensors file or an index file is accepted too. When neither is there, the Error lists what
// the folder holds and says that PyTorch / TF / Flax checkpoints must be converted to safetensors.
std::unique_ptr<WeightSource> open_checkpoint(const std::filesystem::path& dir);

}  // namespace autoclass
