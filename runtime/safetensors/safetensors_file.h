// One .safetensors file, memory-mapped and validated up front; tensors borrow the mapping.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "runtime/model/weight_source.h"
#include "runtime/safetensors/header.h"
#include "runtime/safetensors/mapped_file.h"

namespace autoclass {

class SafetensorsFile : public WeightSource {
 public:
  // Maps and validates the whole header; throws Error naming the file (and tensor) on anything wrong.
  explicit SafetensorsFile(const std::filesystem::path& path);

  bool has(std::string_view name) const override;
  // Borrows the mmap (the tensor keeps it alive). Data that is not aligned for its dtype is copied.
  Tensor get(std::string_view name) const override;
  std::vector<std::string> names() const override;  // sorted
  std::string origin() const override { return path_.string(); }

  const std::map<std::string, std::string>& metadata() const { return header_.metadata; }
  const safetensors::TensorEntry& entry(std::string_view name) const;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  std::shared_ptr<const safetensors::MappedFile> file_;
  safetensors::Header header_;
};

// A Tensor borrowing `entry`'s bytes from a validated header over `file` (`owner` keeps them alive).
Tensor tensor_from_entry(const safetensors::Header& header, const safetensors::TensorEntry& entry,
                         std::span<const std::uint8_t> file, std::shared_ptr<const void> owner);

}  // namespace autoclass
