// Every real config.json we have loads into its typed class and saves back equal (as JSON values).
#include <catch2/catch.hpp>

#include <filesystem>

#include "runtime/config/auto_config.h"
#include "runtime/config/registry.h"
#include "runtime/core/error.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
namespace fs = std::filesystem;

namespace {
std::vector<fs::path> config_files() {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(test::fixture("configs")))
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
  for (const auto& e : fs::directory_iterator(test::fixture("models")))
    if (fs::exists(e.path() / "config.json")) files.push_back(e.path() / "config.json");
  std::sort(files.begin(), files.end());
  return files;
}
}  // namespace

TEST_CASE("every fixture config.json of a known model type round-trips through its typed config") {
  int loaded = 0, unknown = 0;
  for (const auto& file : config_files()) {
    INFO(file.string());
    const Json input = parse_json_file(file);
    const std::string type = input.value("model_type", std::string());
    if (!find_model_type(type)) {
      // Remote-code and legacy types: a clear error, never a crash.
      try {
        AutoConfig::from_json(input, file.string(), file.parent_path().filename().string());
        FAIL("expected an error for unknown model type " << type);
      } catch (const Error& e) {
        CHECK((e.kind() == ErrorKind::kUnknownModelType || e.kind() == ErrorKind::kUnsupported));
        CHECK(std::string(e.what()).find(type) != std::string::npos);
      }
      ++unknown;
      continue;
    }
    std::unique_ptr<PretrainedConfig> cfg;
    try {
      cfg = AutoConfig::from_json(input, file.string());
    } catch (const Error& e) {
      FAIL_CHECK(e.what());
      continue;
    }
    CHECK(cfg->model_type() == type);
    const Json saved = cfg->to_save_json();
    if (saved != input) {
      for (auto it = input.begin(); it != input.end(); ++it)
        if (!saved.contains(it.key()) || saved[it.key()] != it.value()) UNSCOPED_INFO("key differs: " << it.key());
      for (auto it = saved.begin(); it != saved.end(); ++it)
        if (!input.contains(it.key())) UNSCOPED_INFO("key added: " << it.key());
    }
    CHECK(saved == input);
    // And the saved text parses back to the same config.
    auto again = AutoConfig::from_json(parse_json(dump_json_pretty(saved), "saved"), "saved");
    CHECK(again->to_json() == cfg->to_json());
    ++loaded;
  }
  CHECK(loaded > 200);
  CHECK(unknown > 0);
}

TEST_CASE("save_pretrained writes config.json atomically and reloads equal") {
  test::TempDir tmp;
  auto cfg = AutoConfig::from_pretrained(test::fixture("models/bert_mlm"));
  cfg->save_pretrained(tmp.path() / "out");
  CHECK(fs::exists(tmp.path() / "out" / "config.json"));
  for (const auto& e : fs::directory_iterator(tmp.path() / "out")) CHECK(e.path().filename() == "config.json");
  CHECK(parse_json_file(tmp.path() / "out" / "config.json") == parse_json_file(test::fixture("models/bert_mlm/config.json")));
}
