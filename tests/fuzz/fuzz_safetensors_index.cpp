// libFuzzer target: arbitrary bytes as model.safetensors.index.json. Must either throw autoclass::Error
// or yield a weight_map whose shard paths are all relative and free of "..".
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "runtime/core/error.h"
#include "runtime/safetensors/index.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace autoclass;
  safetensors::Index index;
  try {
    index = safetensors::parse_index(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  } catch (const Error&) {
    return 0;
  }
  for (const auto& shard : index.shards) {
    const std::filesystem::path p(shard);
    if (shard.empty() || p.is_absolute()) std::abort();
    for (const auto& part : p)
      if (part == "..") std::abort();
  }
  return 0;
}
