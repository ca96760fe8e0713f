// Builds the fuzzers' seed corpora from the fixtures: small .safetensors files re-written from fixture
// tensors (the full checkpoints are too large to mutate efficiently), the fixture headers themselves
// (truncated files: exercise the length checks), and the sharded checkpoint's index.
//   make_seed_corpus <fixtures/models dir> <header corpus dir> <index corpus dir>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "runtime/core/json_io.h"
#include "runtime/safetensors/safetensors.h"

namespace fs = std::filesystem;
using namespace autoclass;

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: make_seed_corpus <tests/fixtures/models> <header corpus dir> <index corpus dir>\n";
    return 2;
  }
  const fs::path models = argv[1], header_dir = argv[2], index_dir = argv[3];
  fs::create_directories(header_dir);
  fs::create_directories(index_dir);
  int n = 0;
  for (const auto& dir : fs::directory_iterator(models)) {
    if (!dir.is_directory()) continue;
    for (const auto& e : fs::directory_iterator(dir.path())) {
      const std::string name = e.path().filename().string();
      const std::string stem = dir.path().filename().string() + "-" + name;
      if (name.ends_with(".index.json")) {
        fs::copy_file(e.path(), index_dir / stem, fs::copy_options::overwrite_existing);
        ++n;
        continue;
      }
      if (!name.ends_with(".safetensors")) continue;
      SafetensorsFile f(e.path());
      TensorMap small;  // tensors up to 256 elements, at most 6, keeping the header small
      for (const auto& t : f.names())
        if (small.size() < 6 && f.get(t).numel() <= 256) small[t] = f.get(t);
      save_safetensors(header_dir / (stem + ".small"), small,
                       SafetensorsMetadata(f.metadata().begin(), f.metadata().end()));
      const std::string bytes = read_text_file(e.path());
      std::uint64_t len = 0;
      for (int i = 7; i >= 0; --i) len = (len << 8) | static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]);
      std::ofstream(header_dir / (stem + ".header-only"), std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(8 + len));
      n += 2;
    }
  }
  std::cout << "wrote " << n << " seed files\n";
  return 0;
}
