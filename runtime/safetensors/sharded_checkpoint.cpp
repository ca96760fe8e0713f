#include "runtime/safetensors/sharded_checkpoint.h"

#include "runtime/core/error.h"
#include "runtime/core/json_io.h"

namespace autoclass {

ShardedCheckpoint::ShardedCheckpoint(const std::filesystem::path& index_path)
    : index_path_(index_path), index_(safetensors::parse_index(read_text_file(index_path), index_path.string())) {
  const std::filesystem::path dir = index_path.parent_path();
  for (const auto& shard : index_.shards) {
    const std::filesystem::path p = dir / shard;
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
      std::string tensor;
      for (const auto& [t, s] : index_.weight_map)
        if (s == shard) { tensor = t; break; }
      throw Error(ErrorKind::kNotFound, index_path.string() + ": weight_map puts tensor '" + tensor + "' in shard '" + shard +
                                            "', but " + p.string() + " does not exist");
    }
    shards_.emplace(shard, std::make_unique<SafetensorsFile>(p));
  }
  for (const auto& [tensor, shard] : index_.weight_map)
    if (!shards_.at(shard)->has(tensor))
      throw Error(ErrorKind::kParse, index_path.string() + ": weight_map puts tensor '" + tensor + "' in shard '" + shard +
                                         "', but that file has no such tensor");
}

bool ShardedCheckpoint::has(std::string_view name) const { return index_.weight_map.find(name) != index_.weight_map.end(); }

Tensor ShardedCheckpoint::get(std::string_view name) const {
  const auto it = index_.weight_map.find(name);
  if (it == index_.weight_map.end())
    throw Error(ErrorKind::kNotFound, index_path_.string() + ": no tensor named '" + std::string(name) + "' in the weight_map");
  return shards_.find(it->second)->second->get(name);
}

std::vector<std::string> ShardedCheckpoint::names() const {
  std::vector<std::string> out;
  out.reserve(index_.weight_map.size());
  for (const auto& [name, shard] : index_.weight_map) out.push_back(name);
  return out;
}

}  // namespace autoclass
