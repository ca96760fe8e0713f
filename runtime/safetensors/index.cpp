#include "runtime/safetensors/index.h"

#include <filesystem>
#include <set>

#include "runtime/core/error.h"
#include "runtime/safetensors/strict_json.h"

namespace autoclass::safetensors {
namespace {

[[noreturn]] void index_fail(const std::string& origin, const std::string& what) { throw Error(ErrorKind::kParse, origin + ": " + what); }

// Shard paths come from a downloaded file: refuse anything that could point outside the checkpoint folder.
void check_shard_path(const std::string& shard, const std::string& tensor, const std::string& origin) {
  const std::string where = json_path_join("/weight_map", tensor);
  if (shard.empty()) index_fail(origin, where + ": empty shard file name");
  if (shard.find('\0') != std::string::npos) index_fail(origin, where + ": shard file name contains a NUL byte");
  const std::filesystem::path p(shard);
  if (p.is_absolute() || shard.front() == '/' || shard.front() == '\\')
    index_fail(origin, where + ": shard path '" + shard + "' is absolute; it must be relative to the checkpoint folder");
  for (const auto& part : p)
    if (part == "..")
      index_fail(origin, where + ": shard path '" + shard + "' contains '..'; it must stay inside the checkpoint folder");
  if (shard.find("..\\") != std::string::npos || shard.find("\\..") != std::string::npos)
    index_fail(origin, where + ": shard path '" + shard + "' contains '..'; it must stay inside the checkpoint folder");
}

}  // namespace

Index parse_index(std::string_view text, const std::string& origin) {
  const Json json = parse_json_strict(text, origin);
  if (!json.is_object()) index_fail(origin, std::string("expected a JSON object, got ") + json.type_name());
  Index index;
  if (const auto it = json.find("metadata"); it != json.end()) {
    if (!it->is_object() && !it->is_null()) index_fail(origin, "/metadata: expected an object, got " + std::string(it->type_name()));
    index.metadata = *it;
  }
  const auto map = json.find("weight_map");
  if (map == json.end()) index_fail(origin, "missing \"weight_map\"; not a safetensors index");
  if (!map->is_object()) index_fail(origin, "/weight_map: expected an object, got " + std::string(map->type_name()));
  std::set<std::string> shards;
  for (const auto& [tensor, shard] : map->items()) {
    if (!shard.is_string())
      index_fail(origin, json_path_join("/weight_map", tensor) + ": expected a shard file name, got " + shard.type_name());
    const std::string file = shard.get<std::string>();
    check_shard_path(file, tensor, origin);
    index.weight_map.emplace(tensor, file);
    shards.insert(file);
  }
  if (index.weight_map.empty()) index_fail(origin, "/weight_map is empty");
  index.shards.assign(shards.begin(), shards.end());
  return index;
}

}  // namespace autoclass::safetensors
