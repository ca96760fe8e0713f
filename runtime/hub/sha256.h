// SHA-256 (FIPS 180-4), used to check LFS downloads: their ETag is the sha256 of the content.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace autoclass::hub {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t size);
  std::string hex_digest();  // finishes the hash; call once

 private:
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buf_{};
  std::size_t buf_len_ = 0;
  std::uint64_t total_ = 0;
};

std::string sha256_hex(std::string_view data);
std::string sha256_file_hex(const std::filesystem::path& path);  // throws Error(kIo) naming the path

}  // namespace autoclass::hub
