// A checkpoint split over several .safetensors files listed by model.safetensors.index.json.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runtime/model/weight_source.h"
#include "runtime/safetensors/index.h"
#include "runtime/safetensors/safetensors_file.h"

namespace autoclass {

class ShardedCheckpoint : public WeightSource {
 public:
  // Opens and validates every shard the index names; each weight_map entry must exist in its shard.
  explicit ShardedCheckpoint(const std::filesystem::path& index_path);

  bool has(std::string_view name) const override;
  Tensor get(std::string_view name) const override;
  std::vector<std::string> names() const override;  // the weight_map's names, sorted
  std::string origin() const override { return index_path_.string(); }

  const safetensors::Index& index() const { return index_; }

 private:
  std::filesystem::path index_path_;
  safetensors::Index index_;
  std::map<std::string, std::unique_ptr<SafetensorsFile>, std::less<>> shards_;  // by shard file name
};

}  // namespace autoclass
