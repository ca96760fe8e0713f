#include "runtime/safetensors/checkpoint.h"

#include <algorithm>
#include <string>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/safetensors/safetensors_file.h"
#include "runtime/safetensors/sharded_checkpoint.h"

namespace autoclass {
namespace fs = std::filesystem;
namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Weight formats HF can load that this library deliberately does not (pickle is unsafe to read).
std::string unsupported_format(const std::string& file) {
  if (ends_with(file, ".bin") || ends_with(file, ".bin.index.json") || ends_with(file, ".pt") || ends_with(file, ".pth"))
    return "PyTorch pickle";
  if (ends_with(file, ".h5") || file.rfind("model.ckpt", 0) == 0) return "TensorFlow";
  if (ends_with(file, ".msgpack")) return "Flax";
  return "";
}

[[noreturn]] void throw_no_weights(const fs::path& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  std::string listing, foreign;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (i == 20) { listing += ", ... (" + std::to_string(files.size() - 20) + " more)"; break; }
    listing += (i ? ", " : "") + files[i];
  }
  for (const auto& f : files) {
    const std::string kind = unsupported_format(f);
    if (!kind.empty() && foreign.empty())
      foreign = " It holds " + f + ", a " + kind +
                " checkpoint, which autoclass does not load: convert it to safetensors (in Python: "
                "AutoModel.from_pretrained(dir).save_pretrained(dir, safe_serialization=True)).";
  }
  throw Error(ErrorKind::kNotFound, dir.string() + ": no " + kSafeWeightsName + " or " + kSafeWeightsIndexName +
                                        " found; the folder holds: " + (listing.empty() ? "nothing" : listing) + "." + foreign);
}

}  // namespace

std::unique_ptr<WeightSource> open_checkpoint(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) throw Error(ErrorKind::kNotFound, dir.string() + ": no such checkpoint folder");
  if (fs::is_regular_file(dir, ec)) {
    const std::string name = dir.filename().string();
    if (ends_with(name, ".index.json")) return std::make_unique<ShardedCheckpoint>(dir);
    if (ends_with(name, ".safetensors")) return std::make_unique<SafetensorsFile>(dir);
    const std::string kind = unsupported_format(name);
    throw Error(ErrorKind::kUnsupported,
                dir.string() + ": not a safetensors checkpoint" +
                    (kind.empty() ? std::string() : " (a " + kind + " checkpoint; convert it to safetensors)"));
  }
  if (fs::is_regular_file(dir / kSafeWeightsName, ec)) return std::make_unique<SafetensorsFile>(dir / kSafeWeightsName);
  if (fs::is_regular_file(dir / kSafeWeightsIndexName, ec)) return std::make_unique<ShardedCheckpoint>(dir / kSafeWeightsIndexName);
  throw_no_weights(dir);
}

}  // namespace autoclass
