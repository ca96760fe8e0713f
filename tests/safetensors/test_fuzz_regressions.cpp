// Inputs the fuzzers (tests/fuzz) once crashed or hung on: each must now parse or throw autoclass::Error.
#include <catch2/catch.hpp>

#include <filesystem>

#include "runtime/core/error.h"
#include "runtime/safetensors/header.h"
#include "runtime/safetensors/index.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
namespace fs = std::filesystem;

TEST_CASE("fuzz regressions parse or fail cleanly") {
  const fs::path dir = test::source_dir() / "tests/safetensors/regressions";
  int count = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name == "README.md") continue;
    INFO(name);
    const std::string bytes = read_text_file(e.path());
    try {
      if (name.rfind("index-", 0) == 0) {
        safetensors::parse_index(bytes, name);
      } else {
        safetensors::parse_header({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()}, name);
      }
    } catch (const Error&) {
      // a clean, reported failure is the expected outcome for most of them
    }
    ++count;
  }
  CHECK(count >= 1);
}
