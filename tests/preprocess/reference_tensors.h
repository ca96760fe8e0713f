// Test-local reader for the fixtures' expected.safetensors (F32 / I64 tensors), so the preprocess and
// media-model tests do not wait for runtime/safetensors. Throws on anything malformed.
#pragma once

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/core/json_io.h"
#include "runtime/core/tensor.h"

namespace autoclass::test {

inline std::map<std::string, Tensor> read_safetensors(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kNotFound, path.string() + ": cannot open");
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < 8) throw Error(ErrorKind::kParse, path.string() + ": too short");
  std::uint64_t header_len = 0;
  std::memcpy(&header_len, bytes.data(), 8);
  if (header_len > bytes.size() - 8) throw Error(ErrorKind::kParse, path.string() + ": bad header length");
  const Json header = parse_json(std::string_view(bytes.data() + 8, header_len), path.string());
  const char* data = bytes.data() + 8 + header_len;
  const std::size_t data_size = bytes.size() - 8 - header_len;
  std::map<std::string, Tensor> out;
  for (const auto& [name, info] : header.items()) {
    if (name == "__metadata__") continue;
    const std::string dtype = info.at("dtype").get<std::string>();
    DType dt;
    if (dtype == "F32") dt = DType::kF32;
    else if (dtype == "I64") dt = DType::kI64;
    else throw Error(ErrorKind::kUnsupported, path.string() + ": tensor " + name + " has dtype " + dtype);
    Shape shape = info.at("shape").get<Shape>();
    const auto offsets = info.at("data_offsets").get<std::vector<std::uint64_t>>();
    Tensor t(dt, shape);
    if (offsets.size() != 2 || offsets[1] > data_size || offsets[1] - offsets[0] != t.nbytes())
      throw Error(ErrorKind::kParse, path.string() + ": tensor " + name + " has bad data_offsets");
    std::memcpy(t.raw_mut(), data + offsets[0], t.nbytes());
    out.emplace(name, std::move(t));
  }
  return out;
}

}  // namespace autoclass::test
