#include "runtime/safetensors/writer.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <fstream>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/core/json_io.h"

namespace autoclass {
namespace {

std::string json_string(const std::string& s, const std::string& what) {
  try {
    return Json(s).dump();
  } catch (const Json::exception&) {
    throw Error(ErrorKind::kInvalidArgument, "safetensors writer: " + what + " is not valid UTF-8");
  }
}

// The reference writer's order: dtype descending in its enum order (so the widest types come first and
// every tensor stays aligned), then name.
int dtype_rank(DType d) {
  switch (d) {
    case DType::kBool: return 0;
    case DType::kU8: return 1;
    case DType::kI8: return 2;
    case DType::kI16: return 5;
    case DType::kF16: return 7;
    case DType::kBF16: return 8;
    case DType::kI32: return 9;
    case DType::kF32: return 11;
    case DType::kF64: return 12;
    case DType::kI64: return 13;
  }
  return 0;
}

std::vector<const TensorMap::value_type*> write_order(const TensorMap& tensors) {
  std::vector<const TensorMap::value_type*> order;
  for (const auto& item : tensors) order.push_back(&item);
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
    return dtype_rank(a->second.dtype()) > dtype_rank(b->second.dtype());  // stable: names stay sorted
  });
  return order;
}

// The header, padded with spaces to a multiple of 8, preceded by its little-endian length.
std::string header_bytes(const TensorMap& tensors, const SafetensorsMetadata& metadata) {
  std::string json = "{";
  bool first = true;
  if (!metadata.empty()) {
    json += "\"__metadata__\":{";
    for (auto it = metadata.begin(); it != metadata.end(); ++it) {
      if (it != metadata.begin()) json += ',';
      json += json_string(it->first, "metadata key '" + it->first + "'") + ":" +
              json_string(it->second, "metadata value of '" + it->first + "'");
    }
    json += "}";
    first = false;
  }
  std::uint64_t offset = 0;
  for (const auto* item : write_order(tensors)) {
    const auto& [name, t] = *item;
    if (name == "__metadata__") throw Error(ErrorKind::kInvalidArgument, "safetensors writer: '__metadata__' is reserved, not a tensor name");
    if (t.empty() && t.numel() != 0)
      throw Error(ErrorKind::kInvalidArgument, "safetensors writer: tensor '" + name + "' has no data");
    if (!first) json += ',';
    first = false;
    json += json_string(name, "tensor name '" + name + "'");
    json += ":{\"dtype\":\"" + std::string(dtype_name(t.dtype())) + "\",\"shape\":[";
    for (std::size_t i = 0; i < t.shape().size(); ++i) {
      if (i) json += ',';
      json += std::to_string(t.shape()[i]);
    }
    json += "],\"data_offsets\":[" + std::to_string(offset) + "," + std::to_string(offset + t.nbytes()) + "]}";
    offset += t.nbytes();
  }
  json += "}";
  json.append((8 - json.size() % 8) % 8, ' ');
  std::string out(8, '\0');
  std::uint64_t n = json.size();
  for (int i = 0; i < 8; ++i) out[static_cast<std::size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xff);
  return out + json;
}

}  // namespace

std::string serialize_safetensors(const TensorMap& tensors, const SafetensorsMetadata& metadata) {
  std::string out = header_bytes(tensors, metadata);
  for (const auto* item : write_order(tensors))
    if (item->second.nbytes()) out.append(static_cast<const char*>(item->second.raw()), item->second.nbytes());
  return out;
}

void save_safetensors(const std::filesystem::path& path, const TensorMap& tensors, const SafetensorsMetadata& metadata) {
  const std::string header = header_bytes(tensors, metadata);  // validates before anything touches the disk
  const std::filesystem::path tmp = path.string() + ".tmp." + std::to_string(::getpid());
  std::error_code ec;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ErrorKind::kIo, tmp.string() + ": cannot create: " + std::strerror(errno));
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    for (const auto* item : write_order(tensors)) {  // streamed: no second copy of the weights in memory
      const Tensor& t = item->second;
      if (t.nbytes()) out.write(static_cast<const char*>(t.raw()), static_cast<std::streamsize>(t.nbytes()));
    }
    out.flush();
    if (!out) {
      std::filesystem::remove(tmp, ec);
      throw Error(ErrorKind::kIo, tmp.string() + ": write failed");
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw Error(ErrorKind::kIo, path.string() + ": cannot replace: " + ec.message());
  }
}

}  // namespace autoclass
