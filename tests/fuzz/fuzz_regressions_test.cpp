// Replays the fuzz targets in the default suite (no clang needed): every input kept in regressions/<area>/
// (each was once a finding), plus the repo's real files of that kind, through the same
// LLVMFuzzerTestOneInput code the fuzzers run. A violated check aborts, which fails the test.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>

#include "runtime/core/json_io.h"
#include "tests/support/fixtures.h"

extern "C" int fuzz_config_one_input(const std::uint8_t* data, std::size_t size);
extern "C" int fuzz_tokenizer_json_one_input(const std::uint8_t* data, std::size_t size);
extern "C" int fuzz_tokenize_one_input(const std::uint8_t* data, std::size_t size);
extern "C" int fuzz_schema_one_input(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;
using namespace autoclass;

namespace {
using Target = int (*)(const std::uint8_t*, std::size_t);

void run(Target target, const std::string& bytes) { target(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()); }

// Every file in tests/fuzz/regressions/<area>/; returns how many.
int replay_regressions(const std::string& area, Target target) {
  const fs::path dir = test::source_dir() / "tests/fuzz/regressions" / area;
  int n = 0;
  if (!fs::is_directory(dir)) return 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().filename().string()[0] == '.') continue;
    INFO(e.path().string());
    run(target, read_text_file(e.path()));
    ++n;
  }
  return n;
}
}  // namespace

TEST_CASE("fuzz_config: regressions and every fixture config.json") {
  replay_regressions("config", fuzz_config_one_input);
  int n = 0;
  // tests/fixtures/configs/<type>/<repo>.json (real Hub configs) and tests/fixtures/models/<name>/config.json
  for (const auto& e : fs::recursive_directory_iterator(test::fixtures_dir()))
    if (e.is_regular_file() && e.path().extension() == ".json" &&
        (e.path().filename() == "config.json" || e.path().parent_path().parent_path().filename() == "configs")) {
      INFO(e.path().string());
      run(fuzz_config_one_input, read_text_file(e.path()));
      ++n;
    }
  CHECK(n > 250);
}

TEST_CASE("fuzz_tokenizer_json: regressions and the real tokenizers") {
  replay_regressions("tokenizer_json", fuzz_tokenizer_json_one_input);
  for (const char* name : {"gpt2", "bert-base-uncased", "t5-small", "llama3"}) {
    INFO(name);
    run(fuzz_tokenizer_json_one_input, read_text_file(test::fixture(std::string("tokenizers/") + name + "/tokenizer.json")));
  }
}

TEST_CASE("fuzz_tokenize: regressions, the fixture texts and hostile bytes") {
  replay_regressions("tokenize", fuzz_tokenize_one_input);
  int n = 0;
  for (const auto& dir : fs::directory_iterator(test::fixture("tokenizers"))) {
    std::ifstream cases(dir.path() / "cases.jsonl");
    std::string line;
    while (std::getline(cases, line) && n < 400) {
      const Json c = parse_json(line, "cases");
      if (c.contains("text") && c["text"].is_string()) run(fuzz_tokenize_one_input, c["text"].get<std::string>()), ++n;
    }
  }
  for (const std::string hostile : {std::string("\xff\xfe"), std::string("a\0b", 3), std::string("\xed\xa0\x80"),
                                    std::string(10000, ' '), std::string(5000, '\n') + "x", std::string("\xf4\x90\x80\x80")})
    run(fuzz_tokenize_one_input, hostile);
  CHECK(n > 100);
}

TEST_CASE("fuzz_schema: regressions and every schema in schemas/") {
  replay_regressions("schema", fuzz_schema_one_input);
  int n = 0;
  for (const auto& e : fs::directory_iterator(test::source_dir() / "schemas"))
    if (e.path().extension() == ".json" && e.path().filename().string()[0] != '_') {
      if (++n % 20) continue;  // every 20th: the emitters are exercised for real by the build itself
      INFO(e.path().string());
      run(fuzz_schema_one_input, read_text_file(e.path()));
    }
  CHECK(n > 400);
}
