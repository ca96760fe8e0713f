// A read-only memory mapping of a whole file, shared so tensors that borrow it keep it alive.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>

namespace autoclass::safetensors {

class MappedFile {
 public:
  // Throws Error(kNotFound / kIo) naming the path. An empty file maps to an empty span.
  static std::shared_ptr<const MappedFile> open(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::span<const std::uint8_t> bytes() const { return {data_, size_}; }

 private:
  MappedFile(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  const std::uint8_t* data_;
  std::size_t size_;
};

}  // namespace autoclass::safetensors
