// libFuzzer target: arbitrary bytes as a whole .safetensors file. Must either throw autoclass::Error
// or yield a header whose every tensor lies inside the buffer (each byte is read to let ASan check).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "runtime/core/error.h"
#include "runtime/safetensors/header.h"
#include "runtime/safetensors/safetensors_file.h"
#include "runtime/safetensors/writer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace autoclass;
  const std::span<const std::uint8_t> file(data, size);
  safetensors::Header header;
  try {
    header = safetensors::parse_header(file, "fuzz");
  } catch (const Error&) {
    return 0;
  }
  volatile std::uint8_t sink = 0;
  TensorMap tensors;
  for (const auto& [name, entry] : header.tensors) {
    const Tensor t = tensor_from_entry(header, entry, file, nullptr);
    if (t.nbytes() != entry.end - entry.begin) std::abort();
    const auto* bytes = static_cast<const std::uint8_t*>(t.raw());
    for (std::size_t i = 0; i < t.nbytes(); ++i) sink = sink ^ bytes[i];
    tensors.emplace(name, t);
  }
  // What was accepted must survive a write + re-read with the same table.
  try {
    const std::string again = serialize_safetensors(tensors, {header.metadata.begin(), header.metadata.end()});
    const auto reparsed = safetensors::parse_header({reinterpret_cast<const std::uint8_t*>(again.data()), again.size()}, "fuzz-rt");
    if (reparsed.tensors.size() != header.tensors.size() || reparsed.metadata != header.metadata) std::abort();
  } catch (const Error&) {
    std::abort();  // a header we accepted must be writable
  }
  return 0;
}
