#include "runtime/safetensors/safetensors_file.h"

#include <cstdint>

#include "runtime/core/error.h"

namespace autoclass {

SafetensorsFile::SafetensorsFile(const std::filesystem::path& path)
    : path_(path), file_(safetensors::MappedFile::open(path)), header_(safetensors::parse_header(file_->bytes(), path.string())) {}

bool SafetensorsFile::has(std::string_view name) const { return header_.tensors.find(name) != header_.tensors.end(); }

const safetensors::TensorEntry& SafetensorsFile::entry(std::string_view name) const {
  const auto it = header_.tensors.find(name);
  if (it == header_.tensors.end())
    throw Error(ErrorKind::kNotFound, path_.string() + ": no tensor named '" + std::string(name) + "'");
  return it->second;
}

Tensor SafetensorsFile::get(std::string_view name) const {
  return tensor_from_entry(header_, entry(name), file_->bytes(), file_);
}

std::vector<std::string> SafetensorsFile::names() const {
  std::vector<std::string> out;
  out.reserve(header_.tensors.size());
  for (const auto& [name, e] : header_.tensors) out.push_back(name);
  return out;
}

Tensor tensor_from_entry(const safetensors::Header& header, const safetensors::TensorEntry& entry,
                         std::span<const std::uint8_t> file, std::shared_ptr<const void> owner) {
  // parse_header guaranteed data_start + end <= file.size().
  const std::uint8_t* data = file.data() + header.data_start + entry.begin;
  static const std::uint8_t kEmpty[8] = {};
  if (entry.begin == entry.end) data = kEmpty;  // zero-element tensor: any valid pointer
  Tensor borrowed(entry.dtype, entry.shape, data, std::move(owner));
  // The format does not promise alignment (the Python writer pads the header to 8, so normally it is).
  if (reinterpret_cast<std::uintptr_t>(data) % dtype_size(entry.dtype) != 0) return borrowed.clone();
  return borrowed;
}

}  // namespace autoclass
