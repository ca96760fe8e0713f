// The safetensors container format: 8-byte little-endian header length N, N bytes of JSON
// {"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {str: str}}, then the data
// region. Offsets are relative to the data region, and the tensors must tile it exactly (no gaps, no
// overlaps), as the reference implementation (huggingface/safetensors) requires.
// This parser works on bytes in memory and never reads outside them; it is what the fuzzers exercise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/tensor.h"

namespace autoclass::safetensors {

// Same limit as the reference implementation: anything larger is corruption, not a real header.
inline constexpr std::uint64_t kMaxHeaderBytes = 100'000'000;

struct TensorEntry {
  std::string name;
  DType dtype = DType::kF32;
  Shape shape;
  std::uint64_t begin = 0;  // byte range inside the data region
  std::uint64_t end = 0;
};

struct Header {
  std::uint64_t data_start = 0;  // file offset of the data region (8 + N)
  std::uint64_t data_size = 0;   // bytes in the data region
  std::map<std::string, TensorEntry, std::less<>> tensors;
  std::map<std::string, std::string> metadata;  // "__metadata__", e.g. {"format": "pt"}
};

// Parses and validates everything: header length, JSON, dtypes, shapes, offsets against `file.size()`.
// Throws Error(kParse / kUnsupported) whose message starts with `origin` and names the tensor.
Header parse_header(std::span<const std::uint8_t> file, const std::string& origin);

// "F32" -> kF32 ...; nullopt for names this library does not know or cannot hold.
std::optional<DType> dtype_from_name(std::string_view name);

}  // namespace autoclass::safetensors
